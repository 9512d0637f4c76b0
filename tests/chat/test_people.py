"""People through the real Telegram Application: `/bangiao` hands an officer's seat to someone else (the
old chat is told and loses access), `/duphong` invites a deputy who can act, and every role change is
one audit row (issue 14 §3)."""

from __future__ import annotations

import re

from sqlmodel import Session, select

from bot.domain.texts import chat as chat_texts
from storage.models import AuditRow, RecipientRow
from tests.chat_harness import DEMO_OFFICE, register
from tests.telegram_fake import message

OLD, NEW, DEPUTY, COORD, STRANGER = 111, 222, 444, 333, 999
CODE = re.compile(r"/start (\S+)")


def _code(text: str) -> str:
    return CODE.search(text).group(1)


def _audit(bot, action: str) -> list[AuditRow]:
    with Session(bot.engine) as s:
        return list(s.exec(select(AuditRow).where(AuditRow.action == action).order_by(AuditRow.id)))


def _chats(bot) -> list[tuple[str, str, str, bool, str]]:
    with Session(bot.engine) as s:
        return [
            (r.chat_id, r.role, r.rank, r.active, r.disabled_reason)
            for r in s.exec(select(RecipientRow).order_by(RecipientRow.id))
        ]


async def test_handover_moves_the_seat_and_ends_the_old_chat(bot):
    await register(bot, OLD, "so-tu-phap")
    await bot.send(message(OLD, "/bangiao", name="Lan"))
    given = bot.fake.texts(OLD)[-1]
    assert "Mã bàn giao cho Sở Tư pháp" in given and "hết hạn" in given
    code = _code(given)
    assert _chats(bot) == [(str(OLD), "officer", "primary", True, "")]  # nothing moves before it is used

    await bot.send(message(NEW, f"/start {code}", name="Minh"))
    assert bot.fake.texts(NEW)[-1] == chat_texts.START_HANDOVER.format(agency="Sở Tư pháp")
    told = bot.fake.texts(OLD)[-1]
    assert "đã được bàn giao cho người khác (Minh)" in told and "không còn nhận nhắc việc" in told
    assert _chats(bot) == [
        (str(OLD), "officer", "primary", False, "handed_over"),
        (str(NEW), "officer", "primary", True, ""),
    ]

    await bot.send(message(OLD, "/viec"))  # the old chat cannot act any more, and is told why
    assert bot.fake.texts(OLD)[-1] == chat_texts.HANDOVER_ENDED_BEFORE.format(agency="Sở Tư pháp", office=DEMO_OFFICE)
    await bot.send(message(OLD, "/xong PL1.2"))
    assert bot.fake.texts(OLD)[-1] == chat_texts.HANDOVER_ENDED_BEFORE.format(agency="Sở Tư pháp", office=DEMO_OFFICE)
    await bot.send(message(NEW, "/xong PL1.2"))
    assert "Đã ghi nhận Sở Tư pháp hoàn thành PL1.2" in bot.fake.texts(NEW)[-1]

    issued, used = _audit(bot, "handover_invited"), _audit(bot, "handed_over")
    assert len(issued) == 1 and issued[0].actor == "Lan (Sở Tư pháp)" and issued[0].channel == "telegram"
    assert issued[0].after["outgoing"] == [f"telegram:{OLD}"]
    assert len(used) == 1 and used[0].actor == "Minh" and used[0].agency == "Sở Tư pháp"
    assert used[0].before == {"chats": [f"telegram:{OLD}"]} and used[0].after["chat"] == f"telegram:{NEW}"
    assert issued[0].at <= used[0].at  # history keeps who acted when

    await bot.send(message(STRANGER, f"/start {code}"))  # used once: refused, nothing changes
    assert bot.fake.texts(STRANGER)[-1] == chat_texts.START_USED
    assert len(_chats(bot)) == 2 and len(_audit(bot, "handed_over")) == 1


async def test_handover_refused_in_groups_and_to_strangers(bot):
    await bot.send(message(STRANGER, "/bangiao"))
    assert bot.fake.texts(STRANGER)[-1] == chat_texts.NOT_REGISTERED.format(office=DEMO_OFFICE)
    await register(bot, OLD, "so-tu-phap")
    await bot.send(message(-500, "/bangiao", chat_type="group"))
    assert bot.fake.texts(-500)[-1] == chat_texts.NOT_REGISTERED.format(office=DEMO_OFFICE)
    with Session(bot.engine) as s:  # the group linked, then asking: refused (codes only in private)
        s.add(
            RecipientRow(
                channel="telegram",
                chat_id="-500",
                agency_id=_chats_agency(s),
                role="officer",
                created_at=bot.clock.now(),
            )
        )
        s.commit()
    await bot.send(message(-500, "/bangiao", chat_type="group"))
    assert bot.fake.texts(-500)[-1] == chat_texts.PEOPLE_GROUP
    assert _audit(bot, "handover_invited") == []


def _chats_agency(s) -> int:
    return s.exec(select(RecipientRow.agency_id)).first()


async def test_a_deputy_is_invited_in_the_chat_and_can_act(bot):
    await register(bot, OLD, "so-tu-phap")
    await bot.send(message(OLD, "/duphong", name="Lan"))
    given = bot.fake.texts(OLD)[-1]
    assert "Mã mời cán bộ dự phòng của Sở Tư pháp" in given
    await bot.send(message(DEPUTY, f"/start {_code(given)}", name="Hoa"))
    assert bot.fake.texts(DEPUTY)[-1] == chat_texts.START_OK.format(
        agency="Sở Tư pháp", role=chat_texts.START_ROLE_DEPUTY
    )
    assert _chats(bot) == [
        (str(OLD), "officer", "primary", True, ""),
        (str(DEPUTY), "officer", "deputy", True, ""),
    ]
    await bot.send(message(DEPUTY, "/xong PL1.2"))  # all can act
    assert "Đã ghi nhận Sở Tư pháp hoàn thành PL1.2" in bot.fake.texts(DEPUTY)[-1]

    await bot.send(message(DEPUTY, "/duphong"))  # only the primary invites deputies; nothing changes
    assert bot.fake.texts(DEPUTY)[-1] == chat_texts.DEPUTY_PRIMARY_ONLY
    assert len(_audit(bot, "deputy_invited")) == 1
    added = _audit(bot, "deputy_added")
    assert len(added) == 1 and added[0].actor == "Hoa" and added[0].after["rank"] == "deputy"

    await bot.send(message(DEPUTY, "/bangiao", name="Hoa"))  # a deputy hands over a deputy's seat
    await bot.send(message(NEW, f"/start {_code(bot.fake.texts(DEPUTY)[-1])}", name="Minh"))
    assert _chats(bot)[1:] == [
        (str(DEPUTY), "officer", "deputy", False, "handed_over"),
        (str(NEW), "officer", "deputy", True, ""),
    ]
    assert _chats(bot)[0] == (str(OLD), "officer", "primary", True, "")  # the primary stays


async def test_registration_and_revocation_are_audited(bot):
    await register(bot, OLD, "so-tu-phap")
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    rows = _audit(bot, "registered")
    assert [r.after["chat"] for r in rows] == [f"telegram:{OLD}", f"telegram:{COORD}"]
    assert rows[1].after["role"] == "coordinator"
    await bot.send(message(OLD, "/dangxuat"))
    assert _audit(bot, "unlinked")[0].before["chat"] == f"telegram:{OLD}"


async def test_an_extension_request_reaches_a_coordinator_on_zalo_and_the_decision_comes_back(bot):
    """The officer asks on Telegram, the only coordinator reads Zalo: the request goes through delivery
    (a queued notice), the coordinator decides on Zalo, and the officer is told on Telegram."""
    from bot.ports import FixedClock, Inbound
    from jobs.sweep import run_retries
    from tests.chat_harness import JULY
    from tests.sweep_harness import RecordingSender, link, make_deps

    link(bot.engine, "z-333", "vp-ubnd-tinh", "coordinator", name="Hùng", channel="zalo")
    await register(bot, OLD, "so-tu-phap")
    await bot.send(message(OLD, "/giahan PL1.2 30/9/2023 chờ ý kiến của Bộ"))
    said = bot.fake.texts(OLD)[-2:]
    assert "Đã gửi đề nghị gia hạn PL1.2" in said[0]
    assert said[1] == chat_texts.EXT_QUEUED_OTHER.format(n=1)

    zalo = RecordingSender()
    deps = make_deps(bot.engine, FixedClock(JULY), zalo, channel="zalo")
    await run_retries(deps)
    (request,) = zalo.to("z-333")
    assert "Đề nghị gia hạn PL1.2 — Sở Tư pháp" in request.text and "chờ ý kiến của Bộ" in request.text
    assert "/duyetgiahan PL1.2 so tu phap" in request.text
    await run_retries(deps)
    assert len(zalo.to("z-333")) == 1  # delivered once

    doc = "Văn bản số 120/UBND-NC ngày 8/7/2023"
    (answer,) = bot.core.handle(
        Inbound("zalo", "z-333", f"duyetgiahan PL1.2 so tu phap {doc}", sender="Hùng", bare=True, buttons=False)
    )
    assert "Đã duyệt gia hạn PL1.2 cho Sở Tư pháp" in answer.text and answer.chat_id == "z-333"
    telegram = RecordingSender()
    await run_retries(make_deps(bot.engine, FixedClock(JULY), telegram))
    (told,) = telegram.to(str(OLD))
    assert "đã được đồng ý" in told.text and doc in told.text


async def test_an_old_chat_on_another_channel_is_told_once_through_delivery(bot):
    """The outgoing officer reads Zalo, the new one takes the seat on Telegram: the Zalo chat is told
    through delivery (although it is no longer active), once, and is sent nothing else afterwards."""
    from bot.ports import FixedClock, Inbound
    from jobs.sweep import run_retries
    from tests.chat_harness import JULY
    from tests.sweep_harness import RecordingSender, link, make_deps

    link(bot.engine, "z-111", "so-tu-phap", name="Lan", channel="zalo")
    (given,) = bot.core.handle(Inbound("zalo", "z-111", "bangiao", sender="Lan", bare=True, buttons=False))
    await bot.send(message(NEW, f"/start {_code(given.text)}", name="Minh"))
    assert bot.fake.texts(NEW)[-1] == chat_texts.START_HANDOVER.format(agency="Sở Tư pháp")
    assert ("z-111", "officer", "primary", False, "handed_over") in _chats(bot)

    zalo = RecordingSender()
    deps = make_deps(bot.engine, FixedClock(JULY), zalo, channel="zalo")
    await run_retries(deps)
    (told,) = zalo.to("z-111")
    assert "đã được bàn giao cho người khác (Minh)" in told.text and "không còn nhận nhắc việc" in told.text
    await run_retries(deps)
    assert len(zalo.to("z-111")) == 1  # told once
