"""Zalo's 429 "Quota exceeded": one refusal is retried (replies and reminders alike); the month is
declared used up only when the refusals persist over several minutes of real time, then the reminders
fall back to the officer's other channel and the coordinators hear of it there."""

from __future__ import annotations

from datetime import date as D
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from bot.channels.zalo import CountedSender, ZaloQuota
from bot.core import CommandCore
from bot.ports import FixedClock, Outbound, TransportError
from bot.transports.telegram import telegram_sender
from bot.transports.zalo import CHANNEL, QUOTA_RETRY_AFTER, ZaloTransport
from bot.transports.zalo_client import ZaloClient
from jobs.sweep import run_retries, run_sweep
from storage.models import ReminderRow
from storage.store import SqlStore
from tests.inbound_memory import MemoryClaims
from tests.conftest import loaded_engine
from tests.sweep_harness import ZONE, at, link, make_deps
from tests.telegram_fake import TOKEN as TG_TOKEN
from tests.telegram_fake import FakeBotAPI
from tests.zalo_emulator import TOKEN, ZaloEmulator

DAY = D(2023, 5, 22)
MONTH = "2023-05"


class Ticks:
    def __init__(self):
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def engine(sqlite_url, plan, directory):
    eng = loaded_engine(sqlite_url, plan, directory, at(D(2023, 1, 2)))
    yield eng
    eng.dispose()


def _counted(engine, emu, ticks, clock):
    client = ZaloClient(TOKEN, "http://zalo.test", transport=emu.transport())
    return CountedSender(client, ZaloQuota(SqlStore(engine), clock, 3000), wall=ticks), client


async def test_one_quota_refusal_is_transient_and_persistent_ones_use_the_month_up(engine):
    emu = ZaloEmulator(quota=0)  # every send: 429 "Quota exceeded"
    chat = emu.add_user("Lan")
    link(engine, "333", "vp-ubnd-tinh", "coordinator", name="Hùng")
    ticks, store = Ticks(), SqlStore(engine)
    sender, client = _counted(engine, emu, ticks, FixedClock(at(DAY)))
    out = Outbound(CHANNEL, chat, "nhắc việc")
    for wait, backoff in ((0, QUOTA_RETRY_AFTER), (90, 2 * QUOTA_RETRY_AFTER)):  # the wait doubles
        ticks.t += wait
        with pytest.raises(TransportError) as e:
            await sender.send(out)
        assert not e.value.quota and not e.value.permanent and e.value.retry_after == backoff
        assert not store.channel_exhausted(channel=CHANNEL, month=MONTH)
    ticks.t += 95  # the third refusal, more than three minutes after the first
    with pytest.raises(TransportError) as e:
        await sender.send(out)
    assert e.value.quota and store.channel_exhausted(channel=CHANNEL, month=MONTH)
    with Session(engine) as s:  # the coordinators are told, once, in their next digest
        notices = s.execute(select(ReminderRow.slot).where(ReminderRow.kind == "quota_warning")).scalars().all()
    assert notices == ["hết"]
    calls = emu.calls.count("sendMessage")
    with pytest.raises(TransportError) as e:
        await sender.send(out)  # from now on: fail fast, nothing sent
    assert e.value.quota and emu.calls.count("sendMessage") == calls
    await client.close()


async def test_many_quick_refusals_are_not_persistence_and_a_success_clears_them(engine):
    emu = ZaloEmulator(quota=0)
    chat = emu.add_user("Lan")
    ticks, store = Ticks(), SqlStore(engine)
    sender, client = _counted(engine, emu, ticks, FixedClock(at(DAY)))
    for _ in range(10):  # a burst of digests all refused within seconds
        with pytest.raises(TransportError) as e:
            await sender.send(Outbound(CHANNEL, chat, "x"))
        assert not e.value.quota
    emu.quota = 5
    ticks.t += 200
    await sender.send(Outbound(CHANNEL, chat, "đã qua"))  # it passes: the streak is over
    emu.quota = 0
    ticks.t += 10
    with pytest.raises(TransportError) as e:
        await sender.send(Outbound(CHANNEL, chat, "x"))
    assert not e.value.quota and not store.channel_exhausted(channel=CHANNEL, month=MONTH)
    await client.close()


async def test_a_reply_under_one_quota_refusal_is_retried(engine):
    emu = ZaloEmulator(echo_own_sends=False)
    lan = emu.add_user("Lan")
    ticks = Ticks()
    clock = FixedClock(at(DAY))
    sender, client = _counted(engine, emu, ticks, clock)
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        ticks.t += seconds

    handled = MemoryClaims()
    zalo = ZaloTransport(
        CommandCore(SqlStore(engine), clock, ZONE),
        client,
        claim=handled.claim,
        release=handled.release,
        sender=sender,
        sleep=sleep,
    )
    await zalo.start()
    emu.fail_next("sendMessage", "ok_false_429")
    emu.inject_text(lan, "/help")
    await zalo.poll_once()
    assert waits[:1] == [QUOTA_RETRY_AFTER]
    assert len(emu.texts(lan)) == 1 and "/viec" in emu.texts(lan)[0]
    assert not SqlStore(engine).channel_exhausted(channel=CHANNEL, month=MONTH)
    await client.close()


async def test_persistent_refusals_fall_back_to_telegram_and_coordinators_hear_it(engine):
    emu = ZaloEmulator(quota=0)
    lan = emu.add_user("Lan")
    link(engine, lan, "so-tu-phap", name="Lan", channel="zalo", person="p:lan", preferred=True)
    link(engine, "111", "so-tu-phap", name="Lan", channel="telegram", person="p:lan", preferred=False)
    link(engine, "333", "vp-ubnd-tinh", "coordinator", name="Hùng")
    ticks, fake = Ticks(), FakeBotAPI()
    clock = FixedClock(at(DAY))
    zalo, client = _counted(engine, emu, ticks, clock)
    async with telegram_sender(TG_TOKEN, request=fake.request()) as tg:
        deps = make_deps(engine, clock, tg)
        deps.senders[CHANNEL] = zalo
        first = await run_sweep(deps)
        assert first.delivery.retrying == 1 and fake.texts("111") == []
        for minutes in (2, 2):
            clock.advance(timedelta(minutes=minutes))
            ticks.t += minutes * 60
            await run_retries(deps)
        assert fake.texts("111"), "the digest went to Lan's Telegram"
        assert fake.texts("111")[0].startswith("<b>Nhắc việc Thứ Hai 22/5/2023 — Sở Tư pháp</b>")
    assert any("Sở Tư pháp" in t and "Zalo" in t for t in fake.texts("333")), fake.texts("333")
    assert SqlStore(engine).channel_exhausted(channel=CHANNEL, month=MONTH)
    assert emu.texts(lan) == []
    await client.close()
