"""Invites are single-use whatever the channel; a second channel is linked from the first with a
one-time `/lienket` code (15 minutes, kept hashed) typed on the other channel."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from bot.core import CommandCore
from bot.domain.texts import chat as chat_texts
from bot.ports import FixedClock, Inbound
from storage import registry, work
from storage.models import LinkCodeRow, RecipientRow
from storage.store import SqlStore
from tests.chat_harness import DEMO_OFFICE, JULY, ZONE
from tests.conftest import loaded_engine
from tests.telegram_fake import message

AN_TG, AN_ZALO, MALLORY_ZALO = "111", "z-an", "z-mallory"
CODE_SHAPE = re.compile(r"lienket ([A-Z2-9]{4}-[A-Z2-9]{4})")


@pytest.fixture
def engine(db_url, plan, directory):
    eng = loaded_engine(db_url, plan, directory, JULY)
    yield eng
    eng.dispose()


@pytest.fixture
def core(engine):
    return CommandCore(SqlStore(engine), FixedClock(JULY), ZONE)


def _invite(engine, code: str, agency: str = "so-tu-phap", role: str = "officer") -> str:
    with Session(engine) as s:
        registry.create_invite(
            s, code=code, agency_id=work.agency_ids(s)[agency], role=role, now=JULY, expires_at=JULY + timedelta(days=7)
        )
        s.commit()
    return code


def tg(core, text: str, chat: str = AN_TG, **kw) -> str:
    return core.handle(Inbound("telegram", chat, text, sender="An", **kw))[0].text


def zalo(core, chat: str, text: str) -> str:
    return core.handle(Inbound("zalo", chat, text, sender="Zalo user", bare=True, buttons=False))[0].text


def _recipients(engine) -> list[tuple[str, str, str, int, str]]:
    with Session(engine) as s:
        return [
            (r.channel, r.chat_id, r.role, r.agency_id, r.person)
            for r in s.execute(
                select(RecipientRow).where(RecipientRow.active.is_(True)).order_by(RecipientRow.id)
            ).scalars()
        ]


def _code(core) -> str:
    return CODE_SHAPE.search(tg(core, "/lienket")).group(1)


def test_a_used_telegram_invite_is_refused_on_zalo(engine, core):
    code = _invite(engine, "an-invite-0001")
    assert "Xin chào Sở Tư pháp" in tg(core, f"/start {code}")
    assert "đã được dùng" in zalo(core, MALLORY_ZALO, f"start {code}")
    assert [r[:2] for r in _recipients(engine)] == [("telegram", AN_TG)]
    assert zalo(core, MALLORY_ZALO, "kenh zalo") == chat_texts.NOT_REGISTERED.format(
        office=DEMO_OFFICE
    )  # cannot take An's reminders


def test_link_code_links_the_other_channel_to_the_same_person(engine, core):
    tg(core, f"/start {_invite(engine, 'an-invite-0002', role='coordinator')}")
    reply = tg(core, "/lienket")
    code = CODE_SHAPE.search(reply).group(1)
    assert "hết hạn lúc 09:15" in reply
    typed = code.lower().replace("-", " ")  # typed on a phone: any case, a space
    answer = zalo(core, AN_ZALO, f"lienket {typed}")
    assert answer.startswith("Xin chào Sở Tư pháp") and "cán bộ theo dõi" in answer
    (c1, _, role1, agency1, person1), (c2, chat2, role2, agency2, person2) = _recipients(engine)
    assert (c1, c2, chat2) == ("telegram", "zalo", AN_ZALO)
    assert role1 == role2 == "coordinator" and agency1 == agency2 and person1 == person2 != ""
    assert "Từ nay nhắc việc gửi qua Zalo" in zalo(core, AN_ZALO, "kenh zalo")


def test_the_code_is_kept_hashed_and_used_once(engine, core):
    tg(core, f"/start {_invite(engine, 'an-invite-0003')}")
    code = _code(core)
    with Session(engine) as s:
        row = s.execute(select(LinkCodeRow)).scalar_one()
    assert code.replace("-", "") not in row.code_hash and row.code_hash == registry.hash_code(code.replace("-", ""))
    assert "Xin chào" in zalo(core, AN_ZALO, f"lienket {code}")
    assert zalo(core, MALLORY_ZALO, f"lienket {code}") == chat_texts.LINK_USED
    assert len(_recipients(engine)) == 2


def test_the_code_expires_after_15_minutes(engine, core):
    tg(core, f"/start {_invite(engine, 'an-invite-0004')}")
    code = _code(core)
    core.clock.advance(timedelta(minutes=15, seconds=1))
    assert zalo(core, AN_ZALO, f"lienket {code}") == chat_texts.LINK_EXPIRED
    assert len(_recipients(engine)) == 1


def test_wrong_same_channel_taken_group_and_unlinked(engine, core):
    tg(core, f"/start {_invite(engine, 'an-invite-0005')}")
    assert zalo(core, AN_ZALO, "lienket ABCD-EFGH") == chat_texts.LINK_BAD
    code = _code(core)
    assert tg(core, f"/lienket {code}", chat="222") == chat_texts.LINK_SAME_CHANNEL
    zalo(core, MALLORY_ZALO, f"start {_invite(engine, 'mallory-0001', agency='so-noi-vu')}")
    assert zalo(core, MALLORY_ZALO, f"lienket {code}") == chat_texts.LINK_TAKEN  # someone else's chat stays theirs
    assert tg(core, "/lienket", group=True) == chat_texts.LINK_GROUP
    assert zalo(core, "z-new", "lienket") == chat_texts.LINK_NEED_CODE.format(office=DEMO_OFFICE)
    assert "Xin chào" in zalo(core, AN_ZALO, f"link {code}")  # still valid: nothing was used


def test_a_code_from_an_unlinked_chat_no_longer_works(engine, core):
    tg(core, f"/start {_invite(engine, 'an-invite-0006')}")
    code = _code(core)
    tg(core, "/dangxuat")
    assert zalo(core, AN_ZALO, f"lienket {code}") == chat_texts.LINK_BAD
    assert _recipients(engine) == []


async def test_lienket_through_the_telegram_application(bot):
    await bot.send(message(444, f"/start {bot.invite('so-tu-phap')}"))
    await bot.send(message(444, "/lienket"))
    assert CODE_SHAPE.search(bot.fake.texts(444)[-1])
    await bot.send(message(555, "/lienket"))
    assert bot.fake.texts(555)[-1] == chat_texts.LINK_NEED_CODE.format(office=DEMO_OFFICE)
