"""/web in the chat (the real Telegram Application, the Bot API faked): a one-time sign-in link for the
chat's agency and role — an officer's session for an officer, a coordinator's for a coordinator; without
WEB_BASE_URL a polite line and no link; never in a group."""

from __future__ import annotations

import re

import pytest

from bot.core import CoreConfig
from bot.domain.texts import chat as chat_texts
from bot.ports import FixedClock
from storage.store import SqlStore
from tests.chat_harness import DEMO_OFFICE, JULY, ZONE, build, register
from tests.conftest import loaded_engine
from tests.telegram_fake import message

OFFICER, COORD, GROUP = 111, 333, -500
BASE = "https://ban.nhacviec.example.vn"
LINK = re.compile(re.escape(BASE) + r"/dang-nhap/([A-Za-z0-9_-]+)")


@pytest.fixture
async def desk_bot(sqlite_url, plan, directory):
    engine = loaded_engine(sqlite_url, plan, directory, JULY)
    h, _ = build(engine, JULY, config=CoreConfig(web_base_url=BASE))
    await h.app.initialize()
    yield h
    await h.app.shutdown()
    engine.dispose()


def _links(engine) -> int:
    from sqlalchemy import func
    from sqlmodel import Session, select

    from storage.models import WebLinkRow

    with Session(engine) as s:
        return s.exec(select(func.count()).select_from(WebLinkRow)).one()


async def test_officer_and_coordinator_get_links_of_their_own_role(desk_bot):
    store = SqlStore(desk_bot.engine)
    await register(desk_bot, OFFICER, "so-tu-phap")
    await register(desk_bot, COORD, "vp-ubnd-tinh", "coordinator")

    await desk_bot.send(message(OFFICER, "/web"))
    text = desk_bot.fake.texts(OFFICER)[-1]
    assert "Sở Tư pháp (cán bộ đầu mối)" in text and "dùng một lần" in text
    token = LINK.search(text).group(1)
    now = FixedClock(JULY).now()
    signed = store.web_redeem_link(
        token=token, session_token="phien-1", now=now, session_expires_at=now.replace(hour=21)
    )
    assert signed.status == "ok" and signed.officer.role == "officer" and signed.officer.agency.key == "so-tu-phap"
    again = store.web_redeem_link(token=token, session_token="phien-2", now=now, session_expires_at=now)
    assert again.status == "used"  # one use

    await desk_bot.send(message(COORD, "/BanLamViec"))  # the Vietnamese word, odd case
    assert LINK.search(desk_bot.fake.texts(COORD)[-1])
    await desk_bot.send(message(COORD, "/WEB"))
    token = LINK.search(desk_bot.fake.texts(COORD)[-1]).group(1)
    signed = store.web_redeem_link(
        token=token, session_token="phien-3", now=now, session_expires_at=now.replace(hour=21)
    )
    assert signed.officer.role == "coordinator" and signed.officer.agency.key == "vp-ubnd-tinh"
    # the sign-in is on the audit trail, channel "web"
    entries = [e for e in store.audit_entries(zone=ZONE) if e.action == "web_signed_in"]
    assert [(e.channel, e.agency, e.after["role"]) for e in entries] == [
        ("web", "Sở Tư pháp", "officer"),
        ("web", "Văn phòng UBND tỉnh", "coordinator"),
    ]


async def test_no_public_address_no_group_no_registration_no_link(sqlite_url, plan, directory):
    engine = loaded_engine(sqlite_url, plan, directory, JULY)
    h, _ = build(engine, JULY)  # WEB_BASE_URL not set
    await h.app.initialize()
    try:
        await register(h, OFFICER, "so-tu-phap")
        await h.send(message(OFFICER, "/web"))
        assert h.fake.texts(OFFICER)[-1] == chat_texts.WEB_NOT_SET_UP
        await h.send(message(222, "/web"))  # not registered
        assert h.fake.texts(222)[-1] == chat_texts.NOT_REGISTERED.format(office=DEMO_OFFICE)
        assert _links(engine) == 0
    finally:
        await h.app.shutdown()
        engine.dispose()


async def test_a_group_gets_no_link(desk_bot):
    await desk_bot.send(message(GROUP, f"/start {desk_bot.invite('so-tu-phap')}", chat_type="group"))
    await desk_bot.send(message(GROUP, "/web", chat_type="group"))
    assert desk_bot.fake.texts(GROUP)[-1] == chat_texts.WEB_PRIVATE_ONLY
    assert _links(desk_bot.engine) == 0


async def test_help_names_web_for_officers_and_coordinators_when_the_desk_is_served(desk_bot):
    await register(desk_bot, OFFICER, "so-tu-phap")
    await register(desk_bot, COORD, "vp-ubnd-tinh", "coordinator")
    for chat in (OFFICER, COORD):
        await desk_bot.send(message(chat, "/huongdan"))
        assert chat_texts.HELP_WEB in desk_bot.fake.texts(chat)[-1]
    await desk_bot.send(message(222, "/huongdan"))  # not registered: no desk to sign in to
    assert "/web" not in desk_bot.fake.texts(222)[-1]


async def test_help_does_not_name_web_when_the_desk_is_not_served(sqlite_url, plan, directory):
    engine = loaded_engine(sqlite_url, plan, directory, JULY)
    h, _ = build(engine, JULY)  # WEB_BASE_URL not set
    await h.app.initialize()
    try:
        await register(h, OFFICER, "so-tu-phap")
        await h.send(message(OFFICER, "/huongdan"))
        assert "/web" not in h.fake.texts(OFFICER)[-1]
    finally:
        await h.app.shutdown()
        engine.dispose()
