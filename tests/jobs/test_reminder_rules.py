"""The sweep's rules through the store: dry-run and sweep pick the same recipients, delivery shapes
messages to the channel's capabilities, e-mail subjects, and one delivery at a time per process."""

from __future__ import annotations

import asyncio
from datetime import date as D
from datetime import timedelta

import pytest
from sqlmodel import Session

from bot.ports import Capabilities, FixedClock
from jobs.sweep import run_retries, run_sweep
from storage import registry
from tests.conftest import loaded_engine
from tests.sweep_harness import RecordingSender, at, link, make_deps

TUPHAP, TUPHAP_ZALO, COORD = "111", "z-111", "333"
DAY = D(2023, 5, 22)


@pytest.fixture
def engine(sqlite_url, plan, directory):
    eng = loaded_engine(sqlite_url, plan, directory, at(D(2023, 1, 2)))
    yield eng
    eng.dispose()


def _two_channel_officer(engine, preferred: str = "telegram") -> None:
    """Lan of Sở Tư pháp, linked on Telegram and Zalo with one invite."""
    link(engine, TUPHAP, "so-tu-phap", name="Lan", person="invite:1", preferred=preferred == "telegram")
    link(
        engine, TUPHAP_ZALO, "so-tu-phap", name="Lan", channel="zalo", person="invite:1", preferred=preferred == "zalo"
    )
    link(engine, COORD, "vp-ubnd-tinh", "coordinator", name="Hùng")


@pytest.mark.parametrize("preferred", ["telegram", "zalo"])
async def test_dry_run_and_sweep_choose_the_same_recipients(engine, preferred):
    from bot.cli.remind_cmds import dry_run_entries

    _two_channel_officer(engine, preferred)
    telegram, zalo = RecordingSender(), RecordingSender()
    deps = make_deps(engine, FixedClock(at(DAY)), telegram)
    deps.senders["zalo"] = zalo
    listed = dry_run_entries(deps.store, day=DAY, deps=deps)
    tuphap = [e for e in listed if e["agency"] == "Sở Tư pháp"]
    dry = {f"{r['channel']}:{r['chat_id']}" for e in tuphap for r in e["recipients"]}
    await run_sweep(deps)
    swept = {f"telegram:{o.chat_id}" for o in telegram.to(TUPHAP)} | {f"zalo:{o.chat_id}" for o in zalo.to(TUPHAP_ZALO)}
    expected = {"telegram:111"} if preferred == "telegram" else {"zalo:z-111"}
    assert tuphap and dry == swept == expected


async def test_a_lost_preferred_channel_falls_back_in_the_configured_order(engine):
    from dataclasses import replace

    from tests.sweep_harness import gone

    _two_channel_officer(engine)
    link(engine, "m-111", "so-tu-phap", name="Lan", channel="email", person="invite:1", preferred=False)
    telegram, zalo, email = RecordingSender(), RecordingSender(), RecordingSender()
    telegram.script[TUPHAP] = [gone()]
    deps = make_deps(engine, FixedClock(at(DAY)), telegram)
    deps.senders.update(zalo=zalo, email=email)
    deps.delivery = replace(deps.delivery, fallback_order=("telegram", "email", "zalo"))
    await run_sweep(deps)
    assert zalo.to(TUPHAP_ZALO) == [] and "PL1.2" in email.to("m-111")[0].text  # email comes before zalo here
    coord = telegram.to(COORD)[-1].text
    assert (
        "↪️ Sở Tư pháp: không gửi được qua telegram:111 (Forbidden: bot was blocked by the user); "
        "nhắc việc chuyển sang email:m-111." in coord
    )


async def test_channels_without_buttons_get_numbered_choices_remembered_12_hours(engine):
    link(engine, TUPHAP, "so-tu-phap", name="Lan")
    sender = RecordingSender(Capabilities(buttons=False))
    await run_sweep(make_deps(engine, FixedClock(at(DAY)), sender))
    msg = sender.to(TUPHAP)[0]
    assert msg.buttons == () and "Trả lời bằng số để chọn:\n1 — 📄 PL1.2" in msg.text
    with Session(engine) as s:
        row = registry.get_dialog(s, channel="telegram", chat_id=TUPHAP, now=at(DAY))
        assert row.kind == "choices" and row.data["1"].startswith("o:")
        assert row.expires_at == at(DAY) + timedelta(hours=12)


async def test_channels_without_inbound_get_no_buttons_and_no_choices(engine):
    link(engine, TUPHAP, "so-tu-phap", name="Lan")
    sender = RecordingSender(Capabilities(buttons=False, inbound=False))
    await run_sweep(make_deps(engine, FixedClock(at(DAY)), sender))
    msg = sender.to(TUPHAP)[0]
    assert msg.buttons == () and "Trả lời bằng số" not in msg.text
    with Session(engine) as s:
        assert registry.get_dialog(s, channel="telegram", chat_id=TUPHAP, now=at(DAY)) is None


async def test_digests_carry_a_one_line_subject(engine):
    link(engine, "222", "so-noi-vu", name="Minh")
    link(engine, COORD, "vp-ubnd-tinh", "coordinator", name="Hùng")
    sender = RecordingSender()
    await run_sweep(make_deps(engine, FixedClock(at(D(2023, 5, 26))), sender))
    # the dated item and 5.IV's missed quarter I (each period is its own obligation)
    subject = "Nhắc việc ngày 26/5/2023 — Sở Nội vụ: 1 nhiệm vụ quá hạn, 1 nhiệm vụ sắp đến hạn"
    assert sender.to("222")[0].subject == subject  # quý I was due 31/3: overdue, under its own date
    assert sender.to(COORD)[0].subject.startswith("Tổng hợp nhắc việc ngày 26/5/2023")
    sender = RecordingSender()
    await run_sweep(make_deps(engine, FixedClock(at(D(2023, 6, 1))), sender))
    assert sender.to("222")[0].subject.startswith(
        "Nhắc việc ngày 1/6/2023 — Sở Nội vụ: 2 nhiệm vụ quá hạn, "
    )  # with 5.IV quý I


class SlowSender(RecordingSender):
    """Yields to the loop while sending, and counts sends in flight."""

    def __init__(self):
        super().__init__()
        self.in_flight = self.most = 0

    async def send(self, out):
        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        try:
            for _ in range(5):
                await asyncio.sleep(0)
            return await super().send(out)
        finally:
            self.in_flight -= 1


async def test_sweep_and_retries_never_deliver_at_once(engine):
    for i, key in enumerate(("so-tu-phap", "so-noi-vu", "so-thong-tin-truyen-thong")):
        link(engine, str(100 + i), key)
    link(engine, COORD, "vp-ubnd-tinh", "coordinator")
    sender = SlowSender()
    deps = make_deps(engine, FixedClock(at(D(2023, 6, 1))), sender)
    sweep = asyncio.ensure_future(run_sweep(deps))
    await asyncio.sleep(0)
    for _ in range(3):  # the retry job wakes up while the sweep is sending
        await asyncio.sleep(0)
        retry = await run_retries(deps)
        assert retry.messages == 0
    report = await sweep
    chats = [o.chat_id for o in sender.sent]
    assert report.delivery.messages == len(chats) >= 4 and len(set(chats)) == len(chats)  # nobody twice
    assert sender.most == 1


def test_the_store_holds_no_sweep_sql_outside_storage():
    """jobs/ asks the store: none of its modules imports storage, SQLAlchemy or SQLModel."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for path in (root / "jobs").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                assert name.split(".")[0] not in ("storage", "sqlalchemy", "sqlmodel"), f"{path.name} imports {name}"
