"""Torture with real bot processes: two `nhacviec run` long polling one fake Bot API server on 127.0.0.1,
on one database (SQLite; PostgreSQL when NHACVIEC_TEST_POSTGRES_URL is set). Every digest arrives
exactly once; the leader killed mid-batch (SIGKILL) is taken over by the other process within a
minute, 0 lost, at most one repeated. A short sender lease (3 s, renewed every second) keeps it quick."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date as D
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from bench.fake_bot_api import FakeBotAPIServer
from storage.models import AgencyRow, ReminderRow
from tests.conftest import loaded_engine
from tests.run_process import clean_env
from tests.sweep_harness import at, link

pytestmark = pytest.mark.slow

TOKEN = "778:TORTURE-test-TOKEN-value"
TITLE = "<b>"  # a digest's first message starts with its bold title (a long one goes on in more messages)


class SlowBotAPI(FakeBotAPIServer):
    """Each sendMessage answered after ``delay`` seconds: a batch takes long enough to be killed in."""

    def __init__(self, delay: float):
        super().__init__()
        self.delay = delay

    def record(self, method: str, params: dict) -> None:
        super().record(method, params)
        if method == "sendMessage":
            time.sleep(self.delay)

    def handle_error(self, request, client_address) -> None:  # a killed client's broken pipe: expected
        pass

    def digests(self) -> list[tuple[str, float]]:
        """(chat id, time) of every digest's first message, in order."""
        with self._lock:
            return [
                (str(p.get("chat_id")), t)
                for (m, p), (_, t) in zip(self.calls, self.times)
                if m == "sendMessage" and str(p.get("text", "")).startswith(TITLE)
            ]


def _link_everyone(engine) -> list[str]:
    with Session(engine) as s:
        keys = [
            k
            for (k,) in s.execute(
                select(AgencyRow.key).where(AgencyRow.kind.in_(("department", "district"))).order_by(AgencyRow.key)
            )
        ]
    chats = [str(9000 + i) for i in range(len(keys))]
    for chat, key in zip(chats, keys):
        link(engine, chat, key)
    link(engine, "8999", "vp-ubnd-tinh", "coordinator")
    return chats + ["8999"]


def _not_done(engine) -> int:
    with Session(engine) as s:
        return s.execute(
            select(func.count()).select_from(ReminderRow).where(ReminderRow.status.in_(("pending", "sending")))
        ).scalar_one()


def _expected(engine) -> int:
    """Recipients with a reminder (claimed by the first sweep): one digest each."""
    with Session(engine) as s:
        return s.execute(select(func.count(func.distinct(ReminderRow.recipient_id)))).scalar_one()


def _start(db_url: str, server: SlowBotAPI, cwd: Path) -> subprocess.Popen:
    cwd.mkdir()
    env = clean_env(
        db_url,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_BASE_URL=server.base_url,
        SENDER_LEASE_SECONDS="3",
        SENDER_LEASE_RENEW_SECONDS="1",
        RATE_PER_SECOND="1000",
    )
    with open(cwd / "stderr.log", "w", encoding="utf-8") as log:  # the child keeps its own descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "bot.cli.main", "--today", "3/7/2023", "run"],
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )


def _wait(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not condition():
        time.sleep(0.05)
    return condition()


def _stop(*procs: subprocess.Popen) -> None:
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGINT)
    for p in procs:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def _logs(tmp_path: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in tmp_path.glob("*/stderr.log"))


def test_two_run_processes_send_every_digest_once(db_url, plan, directory, tmp_path):
    engine = loaded_engine(db_url, plan, directory, at(D(2023, 1, 2)))
    chats = _link_everyone(engine)
    with SlowBotAPI(0.02) as server:
        procs = [_start(db_url, server, tmp_path / name) for name in ("a", "b")]
        try:
            done = _wait(lambda: _expected(engine) > 0 and _not_done(engine) == 0, 120)
            time.sleep(2)  # a second delivery, were there one, would show now
        finally:
            _stop(*procs)
        delivered = Counter(c for c, _ in server.digests())
    logs = _logs(tmp_path)
    assert done, logs[-3000:]
    assert len(delivered) == _expected(engine) >= 30 and set(delivered.values()) == {1}, delivered.most_common(3)
    assert set(delivered) <= set(chats)
    assert TOKEN not in logs
    engine.dispose()


def test_kill_the_leading_run_process_the_other_takes_over(db_url, plan, directory, tmp_path):
    engine = loaded_engine(db_url, plan, directory, at(D(2023, 1, 2)))
    chats = _link_everyone(engine)
    with SlowBotAPI(0.25) as server:
        leader = _start(db_url, server, tmp_path / "a")
        standby = None
        try:
            assert _wait(lambda: len(server.digests()) >= 3, 60), _logs(tmp_path)[-3000:]
            standby = _start(db_url, server, tmp_path / "b")  # finds the lease held: waits as standby
            assert _wait(lambda: len(server.digests()) >= 10, 60)
            os.kill(leader.pid, signal.SIGKILL)
            leader.wait(timeout=10)
            killed_at = time.monotonic()
            before = len(server.digests())
            done = _wait(lambda: _not_done(engine) == 0, 90)
            time.sleep(1.5)
        finally:
            _stop(*(p for p in (leader, standby) if p is not None))
        sends = server.digests()
    logs = _logs(tmp_path)
    assert done, logs[-3000:]
    delivered = Counter(c for c, _ in sends)
    after = [t for _, t in sends[before:]]
    assert 10 <= before < len(sends)  # killed mid-batch; the standby sent the rest
    assert after and after[0] - killed_at < 60  # taken over within a minute
    assert len(delivered) == _expected(engine) and set(delivered) <= set(chats)  # 0 lost
    assert len(sends) - len(delivered) <= 1  # ≤ 1 repeated per kill
    assert TOKEN not in logs
    engine.dispose()
