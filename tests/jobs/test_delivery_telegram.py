"""Reminders through the real Telegram sender, the Bot API faked at the HTTP layer: 429 with
retry_after honoured, 403 disabling the recipient, 5xx retried."""

from __future__ import annotations

from datetime import date as D
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from bot.ports import FixedClock
from bot.transports.telegram import telegram_sender
from jobs.sweep import run_retries, run_sweep
from storage.models import RecipientRow
from tests.conftest import loaded_engine
from tests.sweep_harness import at, link, make_deps
from tests.telegram_fake import TOKEN, FakeBotAPI

OFFICER, COORD = "111", "333"
DAY = D(2023, 5, 22)


@pytest.fixture
def engine(sqlite_url, plan, directory):
    eng = loaded_engine(sqlite_url, plan, directory, at(D(2023, 1, 2)))
    link(eng, OFFICER, "so-tu-phap", name="Lan")
    link(eng, COORD, "vp-ubnd-tinh", "coordinator", name="Hùng")
    yield eng
    eng.dispose()


async def test_429_retry_after_then_success(engine):
    fake = FakeBotAPI()
    fake.errors[OFFICER] = [
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 20",
            "parameters": {"retry_after": 20},
        }
    ]
    async with telegram_sender(TOKEN, request=fake.request()) as tg:
        report = await run_sweep(make_deps(engine, FixedClock(at(DAY)), tg))
        assert report.delivery.retrying == 1
        assert [p["chat_id"] for p in fake.sent()].count(int(OFFICER)) == 1  # the refused attempt
        await run_retries(make_deps(engine, FixedClock(at(DAY) + timedelta(seconds=19)), tg))
        assert [p["chat_id"] for p in fake.sent()].count(int(OFFICER)) == 1  # not before retry_after
        later = await run_retries(make_deps(engine, FixedClock(at(DAY) + timedelta(seconds=21)), tg))
    assert later.messages == 1
    last = fake.last(OFFICER)
    assert last["text"].startswith("<b>Nhắc việc Thứ Hai 22/5/2023 — Sở Tư pháp</b>") and last["parse_mode"] == "HTML"
    assert [b["text"] for row in last["reply_markup"]["inline_keyboard"] for b in row][0] == "📄 PL1.2"


async def test_403_disables_the_recipient(engine):
    fake = FakeBotAPI()
    fake.errors[OFFICER] = {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}
    async with telegram_sender(TOKEN, request=fake.request()) as tg:
        report = await run_sweep(make_deps(engine, FixedClock(at(DAY)), tg))
    assert report.delivery.disabled == [f"telegram:{OFFICER}"]
    with Session(engine) as s:
        rec = s.execute(select(RecipientRow).where(RecipientRow.chat_id == OFFICER)).scalar_one()
    assert rec.active is False
    assert "Sở Tư pháp mất kênh liên lạc" in fake.texts(COORD)[-1]


async def test_server_errors_are_retried(engine):
    fake = FakeBotAPI()
    fake.errors[OFFICER] = [{"ok": False, "error_code": 502, "description": "Bad Gateway"}]
    async with telegram_sender(TOKEN, request=fake.request()) as tg:
        first = await run_sweep(make_deps(engine, FixedClock(at(DAY)), tg))
        assert first.delivery.retrying == 1
        second = await run_retries(make_deps(engine, FixedClock(at(DAY) + timedelta(minutes=5)), tg))
    assert second.messages == 1
