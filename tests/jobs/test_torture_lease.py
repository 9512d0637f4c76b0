"""Torture: concurrent `remind` processes, a leader killed mid-batch, and transport faults, on SQLite and
PostgreSQL. Every digest exactly once; a kill repeats at most the one message in flight."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date as D
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from bot.ports import FixedClock, TransportError
from jobs.sweep import run_retries, run_sweep
from storage.models import AgencyRow, RecipientRow, ReminderRow
from tests.conftest import loaded_engine
from tests.run_process import clean_env
from tests.sweep_harness import RecordingSender, at, link, make_deps

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
HEADER = re.compile(r"^── console:(\S+) ──$", re.M)


def _link_everyone(engine, channel: str) -> list[str]:
    with Session(engine) as s:
        keys = [
            k
            for (k,) in s.execute(
                select(AgencyRow.key).where(AgencyRow.kind.in_(("department", "district"))).order_by(AgencyRow.key)
            )
        ]
    chats = [f"c{i}" for i in range(len(keys))]
    for chat, key in zip(chats, keys):
        link(engine, chat, key, channel=channel)
    link(engine, "coord", "vp-ubnd-tinh", "coordinator", channel=channel)
    return chats + ["coord"]


def _not_done(engine) -> int:
    with Session(engine) as s:
        return s.execute(
            select(func.count()).select_from(ReminderRow).where(ReminderRow.status.in_(("pending", "sending")))
        ).scalar_one()


def _sent_recipients(engine) -> set[str]:
    with Session(engine) as s:
        q = (
            select(RecipientRow.chat_id)
            .join(ReminderRow, ReminderRow.recipient_id == RecipientRow.id)
            .where(ReminderRow.status == "sent")
            .distinct()
        )
        return {c for (c,) in s.execute(q)}


def test_two_concurrent_remind_processes_send_every_digest_once(db_url, plan, directory, tmp_path):
    engine = loaded_engine(db_url, plan, directory, at(D(2023, 1, 2)))
    _link_everyone(engine, "console")
    env = clean_env(db_url)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "bot.cli.main", "--today", "3/7/2023", "remind"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err.decode()
        outs.append(out.decode())
    delivered = Counter(HEADER.findall("".join(outs)))
    assert len(delivered) >= 30 and set(delivered.values()) == {1}, delivered.most_common(3)
    assert set(delivered) == _sent_recipients(engine)
    assert _not_done(engine) == 0
    # They may or may not overlap (a console send is instant): exactly once is the point. When they did,
    # the one refused the sender lease says so and sends nothing.
    busy = [o for o in outs if "Đang có tiến trình khác gửi nhắc việc" in o]
    assert len(busy) <= 1 and all(not HEADER.search(o) for o in busy)
    engine.dispose()


def _kill_child(url: str, out: Path, pause: float, wait: float) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.kill_child", url, str(out), "2023-06-01", str(pause), "2", "0.5", str(wait)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_kill_the_leader_mid_batch_the_standby_finishes(db_url, plan, directory, tmp_path):
    engine = loaded_engine(db_url, plan, directory, at(D(2023, 1, 2)))
    chats = _link_everyone(engine, "telegram")
    out = tmp_path / "delivered.txt"
    leader = _kill_child(db_url, out, 0.2, 0)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or len(out.read_text().splitlines()) < 3):
        time.sleep(0.02)
    standby = _kill_child(db_url, out, 0.0, 60)  # waits for the lease (2 s, renewed every 0.5 s)
    while time.monotonic() < deadline and len(out.read_text().splitlines()) < 8:
        time.sleep(0.02)
    killed_at = time.monotonic()
    os.kill(leader.pid, signal.SIGKILL)
    leader.communicate(timeout=10)
    first = out.read_text().splitlines()
    stdout, err = standby.communicate(timeout=120)
    took_over_after = time.monotonic() - killed_at
    assert standby.returncode == 0, err.decode()
    delivered = Counter(out.read_text().splitlines())
    assert 8 <= len(first) < len(delivered)  # killed mid-batch
    assert set(delivered) >= set(first) and _not_done(engine) == 0  # 0 lost
    assert sum(delivered.values()) - len(delivered) <= 1  # ≤ 1 repeated per kill
    assert set(delivered) <= set(chats) and took_over_after < 60
    report = re.search(r"messages=(\d+) busy=(\S*)", stdout.decode())
    assert report and int(report[1]) > 0 and report[2] == ""  # the standby sent, as the sender lease's holder
    engine.dispose()


class FaultSender(RecordingSender):
    """Each chat's fault, as the wire senders classify it (what the server did is recorded in ``reached``)."""

    def __init__(self, faults: dict[str, str]):
        super().__init__()
        self.faults, self.reached = faults, Counter()

    async def send(self, out):
        self.attempts.append(out.chat_id)
        fault = self.faults.get(out.chat_id)
        if fault == "429" and self.attempts.count(out.chat_id) == 1:
            raise TransportError("Telegram 429: Too Many Requests: retry after 7", permanent=False, retry_after=7)
        if fault == "500" and self.attempts.count(out.chat_id) <= 2:
            raise TransportError("Telegram 500: Internal Server Error", permanent=False)
        if fault == "hang":  # the server never answers: the read times out; nothing arrived
            raise TransportError("Telegram: ReadTimeout", permanent=False, ambiguous=True)
        if fault == "slow":  # the server answers after our timeout: the message did arrive
            self.reached[out.chat_id] += 1
            raise TransportError("Telegram: ReadTimeout", permanent=False, ambiguous=True)
        if fault == "403":
            raise TransportError(
                "Telegram 403: Forbidden: bot was blocked by the user", permanent=True, recipient_gone=True
            )
        self.reached[out.chat_id] += 1
        self.sent.append(out)
        return str(len(self.sent))


@pytest.mark.parametrize(
    "fault, attempts, reached, outcome",
    [
        ("429", 2, 1, "sent"),  # waits the 7 s asked for, then delivered once
        ("500", 3, 1, "sent"),  # backs off 30 s, 60 s, then delivered once
        ("hang", 2, 0, "failed"),  # ambiguous: one retry, then coordinators told; no third try
        ("slow", 2, 2, "failed"),  # ambiguous: arrived twice at most (never three times), coordinators told
        ("403", 1, 0, "failed"),  # blocked: chat disabled, coordinators told, never retried
    ],
)
async def test_faults_are_handled_as_specified(db_url, plan, directory, fault, attempts, reached, outcome):
    engine = loaded_engine(db_url, plan, directory, at(D(2023, 1, 2)))
    link(engine, "111", "so-tu-phap")
    link(engine, "333", "vp-ubnd-tinh", "coordinator")
    sender = FaultSender({"111": fault})
    business, wall = FixedClock(at(D(2023, 5, 22))), FixedClock(at(D(2026, 11, 30), 10))
    await run_sweep(make_deps(engine, business, sender, wall=wall))
    for _ in range(6):  # real time passes; the business day does not
        wall.advance(timedelta(seconds=61))
        await run_retries(make_deps(engine, business, sender, wall=wall))
    assert sender.attempts.count("111") == attempts and sender.reached["111"] == reached
    with Session(engine) as s:
        statuses = {
            st
            for (st,) in s.execute(
                select(ReminderRow.status)
                .join(RecipientRow, RecipientRow.id == ReminderRow.recipient_id)
                .where(RecipientRow.chat_id == "111")
            )
        }
    assert statuses == {outcome}
    told = [o.text for o in sender.to("333") if "Sở Tư pháp" in o.text and "telegram:111" in o.text]
    assert bool(told) == (outcome == "failed")
    engine.dispose()
