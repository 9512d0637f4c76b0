"""One officer on Telegram and Zalo: the invite links one chat, `/lienket` a second (a one-time code typed on
the other channel), /kenh picks the preferred channel,
a permanent failure or an exhausted Zalo quota falls back to the other channel, coordinators are told."""

from __future__ import annotations

from datetime import date as D
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from bot.channels.zalo import CountedSender, ZaloQuota
from bot.core import CommandCore
from bot.ports import FixedClock, Inbound, Outbound, TransportError
from bot.transports.zalo import CHANNEL as ZALO
from bot.transports.zalo_client import ZaloClient
from jobs.sweep import run_sweep
from storage import registry, work
from storage.store import SqlStore
from storage.models import RecipientRow, ReminderRow
from tests.conftest import loaded_engine
from tests.sweep_harness import ZONE, RecordingSender, at, link, make_deps
from tests.zalo_emulator import TOKEN, ZaloEmulator

DAY = D(2023, 5, 22)


class Setup:
    def __init__(self, engine, quota: int = 3000):
        self.engine = engine
        self.emu = ZaloEmulator(quota=quota, echo_own_sends=False)
        self.lan_zalo = self.emu.add_user("Lan")
        self.core = CommandCore(SqlStore(engine), FixedClock(at(DAY)), ZONE)
        self.client = ZaloClient(TOKEN, "http://zalo.test", transport=self.emu.transport())
        self.telegram = RecordingSender()
        code = "one-invite-two-channels"
        with Session(engine) as s:
            registry.create_invite(
                s,
                code=code,
                agency_id=work.agency_ids(s)["so-tu-phap"],
                role="officer",
                now=at(DAY),
                expires_at=at(DAY) + timedelta(days=7),
            )
            s.commit()
        assert "Xin chào" in self.core.handle(Inbound("telegram", "111", f"/start {code}", sender="Lan"))[0].text
        refused = self.core.handle(
            Inbound(ZALO, self.lan_zalo, f"start {code}", sender="Lan", bare=True, buttons=False)
        )[0].text
        assert "đã được dùng" in refused  # an invite links one chat, whatever the channel
        shown = self.core.handle(Inbound("telegram", "111", "/lienket", sender="Lan"))[0].text
        link_code = shown.split("lienket ")[1].split()[0]
        assert (
            "Xin chào"
            in self.core.handle(
                Inbound(ZALO, self.lan_zalo, f"lienket {link_code}", sender="Lan", bare=True, buttons=False)
            )[0].text
        )
        link(engine, "999", "vp-ubnd-tinh", "coordinator", name="Hùng")
        if quota == 0:  # the month's counter says the quota is used up
            SqlStore(engine).mark_channel_exhausted(channel=ZALO, month=DAY.strftime("%Y-%m"))

    async def sweep(self, day=DAY):
        deps = make_deps(self.engine, FixedClock(at(day)), self.telegram)
        quota = ZaloQuota(SqlStore(self.engine), FixedClock(at(day)), 3000)
        deps.senders[ZALO] = CountedSender(self.client, quota)
        return await run_sweep(deps)


@pytest.fixture
def engine(sqlite_url, plan, directory):
    eng = loaded_engine(sqlite_url, plan, directory, at(D(2023, 1, 2)))
    yield eng
    eng.dispose()


async def test_invite_then_link_code_link_both_channels_and_kenh_picks_one(engine):
    s = Setup(engine)
    with Session(engine) as session:
        recs = session.execute(select(RecipientRow).where(RecipientRow.role == "officer")).scalars().all()
        assert [(r.channel, r.preferred) for r in recs] == [("telegram", True), (ZALO, False)]
        assert recs[0].person == recs[1].person != ""
    again = s.core.handle(Inbound("telegram", "222", "/start one-invite-two-channels"))[0].text
    assert "đã được dùng" in again  # once, whatever the channel
    await s.sweep()
    assert len(s.telegram.to("111")) == 1 and s.emu.texts(s.lan_zalo) == []
    reply = s.core.handle(Inbound(ZALO, s.lan_zalo, "kenh zalo", bare=True, buttons=False))[0].text
    assert reply.startswith("Từ nay nhắc việc gửi qua Zalo")
    await s.sweep(D(2023, 5, 26))
    assert len(s.telegram.to("111")) == 1 and len(s.emu.texts(s.lan_zalo)) == 1
    assert "Cách dùng: /kenh" in s.core.handle(Inbound("telegram", "111", "/kenh viber"))[0].text
    await s.client.close()


async def test_quota_exhausted_falls_back_to_telegram_and_tells_coordinators(engine):
    s = Setup(engine, quota=0)
    s.core.handle(Inbound(ZALO, s.lan_zalo, "kenh zalo", bare=True, buttons=False))
    report = await s.sweep()
    assert s.emu.texts(s.lan_zalo) == []
    assert len(s.telegram.to("111")) == 1 and "PL1.2" in s.telegram.to("111")[0].text  # the fallback
    coord = s.telegram.to("999")[-1].text
    assert "↪️ Sở Tư pháp: không gửi được qua zalo:" in coord and "chuyển sang telegram:111" in coord
    assert report.delivery.failed >= 1
    await s.client.close()


async def test_zalo_only_officer_unreachable_when_quota_is_gone(engine):
    s = Setup(engine, quota=0)
    minh = s.emu.add_user("Minh")
    with Session(engine) as session:
        registry.link_chat(
            session,
            channel=ZALO,
            chat_id=minh,
            agency_id=work.agency_ids(session)["so-noi-vu"],
            role="officer",
            display_name="Minh",
            now=at(DAY),
        )
        session.commit()
    await s.sweep()
    coord = s.telegram.to("999")[-1].text
    assert "Sở Nội vụ (zalo:" in coord and "hạn mức Zalo tháng này đã hết" in coord
    await s.client.close()


def test_monthly_counter_warns_at_80_percent_once(engine):
    link(engine, "999", "vp-ubnd-tinh", "coordinator")
    quota = ZaloQuota(SqlStore(engine), FixedClock(at(DAY)), 10)
    for _ in range(7):
        quota.count(1)
    with Session(engine) as s:
        assert s.execute(select(ReminderRow).where(ReminderRow.kind == "quota_warning")).first() is None
    quota.count(1)
    quota.count(1)
    with Session(engine) as s:
        warnings = s.execute(select(ReminderRow).where(ReminderRow.kind == "quota_warning")).scalars().all()
    assert len(warnings) == 1 and warnings[0].slot == "8/10 (2023-05)"
    assert not quota.exhausted()
    quota.count(1)
    assert quota.exhausted()


async def test_sent_messages_are_counted_and_an_exhausted_month_refuses_at_once(engine):
    s = Setup(engine)
    quota = ZaloQuota(SqlStore(engine), FixedClock(at(DAY)), 2)
    sender = CountedSender(s.client, quota)
    assert sender.capabilities.buttons is False and sender.capabilities.max_length == 2000
    await sender.send(Outbound(ZALO, s.lan_zalo, "một"))
    assert SqlStore(engine).channel_usage(channel=ZALO, month="2023-05") == (1, False)
    await sender.send(Outbound(ZALO, s.lan_zalo, "hai"))
    assert quota.exhausted()
    with pytest.raises(TransportError) as e:
        await sender.send(Outbound(ZALO, s.lan_zalo, "ba"))
    assert e.value.quota and s.emu.texts(s.lan_zalo) == ["một", "hai"]
    await s.client.close()


def test_setting_prefers_zalo_when_both_are_linked(engine):
    from bot.core import CoreConfig

    core = CommandCore(SqlStore(engine), FixedClock(at(DAY)), ZONE, CoreConfig(preferred_channel="zalo"))
    with Session(engine) as s:
        registry.create_invite(
            s,
            code="pref-code-zalo-1",
            agency_id=work.agency_ids(s)["so-y-te"],
            role="officer",
            now=at(DAY),
            expires_at=at(DAY) + timedelta(days=7),
        )
        s.commit()
    core.handle(Inbound("telegram", "555", "/start pref-code-zalo-1"))
    shown = core.handle(Inbound("telegram", "555", "/link"))[0].text
    link_code = shown.split("lienket ")[1].split()[0]
    core.handle(Inbound(ZALO, "abc", f"lienket {link_code}", bare=True, buttons=False))
    with Session(engine) as s:
        rows = s.execute(select(RecipientRow.channel, RecipientRow.preferred).order_by(RecipientRow.id)).all()
    assert rows == [("telegram", False), (ZALO, True)]


async def test_a_group_upgraded_to_a_supergroup_gets_its_reminder_once_at_the_new_id(engine):
    from telegram import Bot

    from bot.channels.telegram import chat_moved
    from bot.transports.telegram import TelegramSender
    from tests.telegram_fake import TOKEN, FakeBotAPI

    link(engine, "-42", "so-tu-phap", name="Nhóm Sở Tư pháp")
    fake = FakeBotAPI()
    fake.errors["-42"] = {
        "ok": False,
        "error_code": 400,
        "parameters": {"migrate_to_chat_id": -1004242},
        "description": "Bad Request: group chat was upgraded to a supergroup chat",
    }
    async with Bot(TOKEN, request=fake.request()) as bot:
        sender = TelegramSender(bot, on_moved=chat_moved(SqlStore(engine)))
        report = await run_sweep(make_deps(engine, FixedClock(at(DAY)), sender))
    assert report.delivery.messages == 1 and report.delivery.retrying == 0 and report.delivery.failed == 0
    assert [str(p["chat_id"]) for p in fake.sent()] == ["-42", "-1004242"]  # tried once, resent once
    with Session(engine) as s:
        chats = s.execute(select(RecipientRow.chat_id, RecipientRow.active)).all()
    assert chats == [("-1004242", True)]
