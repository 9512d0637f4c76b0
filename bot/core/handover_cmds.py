"""People in the chat: `/bangiao` (hand-over) by the outgoing officer gives a one-time code; whoever
uses it (`/start CODE`, any channel) becomes the agency's officer in that seat and the outgoing chat's
access ends (it is told). `/duphong` by a primary officer invites a deputy, who can act like the officer
and gets copies of overdue reminders (bot.domain.audience). Both are recorded in the audit trail."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from bot.core.context import Ctx
from bot.domain.texts import chat as chat_texts
from bot.domain.texts import vn_date
from bot.ports import Outbound

log = logging.getLogger(__name__)

VALID_FOR = timedelta(days=7)  # a hand-over or deputy code
HANDOVER, DEPUTY = "handover", "deputy"


def new_code() -> str:
    """144 random bits in the deep-link alphabet (as `nhacviec invite`)."""
    return secrets.token_urlsafe(18)


def cmd_handover(ctx: Ctx, args: str, config) -> None:
    """`/bangiao`: a hand-over code for this chat's seat (officer, deputy or coordinator)."""
    if _refused(ctx):
        return
    _issue(ctx, config, HANDOVER, chat_texts.HANDOVER_CODE, handover_from=ctx.officer.recipient_id)


def cmd_deputy(ctx: Ctx, args: str, config) -> None:
    """`/duphong`: a primary officer invites a deputy of the same agency."""
    if _refused(ctx):
        return
    if ctx.officer.rank != "primary" or ctx.coordinator:
        ctx.reply(chat_texts.DEPUTY_PRIMARY_ONLY)
        return
    _issue(ctx, config, DEPUTY, chat_texts.DEPUTY_CODE)


def _refused(ctx: Ctx) -> bool:
    if ctx.officer is None or ctx.officer.leader:
        ctx.reply(chat_texts.PEOPLE_NOT_OFFICER)
        return True
    if ctx.inbound.group:
        ctx.reply(chat_texts.PEOPLE_GROUP)
        return True
    return False


def _issue(ctx: Ctx, config, purpose: str, text: str, *, handover_from: int | None = None) -> None:
    code = new_code()
    until = ctx.now + VALID_FOR
    ctx.store.people_invite(
        code=code,
        purpose=purpose,
        now=ctx.now,
        expires_at=until,
        actor=ctx.actor,
        channel=ctx.inbound.channel,
        agency_id=ctx.agency.id,
        role=ctx.officer.role if purpose == HANDOVER else "officer",
        handover_from=handover_from,
    )
    log.info("%s code issued by %s:%s", purpose, ctx.inbound.channel, ctx.inbound.chat_id)
    username = (getattr(config, "bot_username", "") or "").lstrip("@")
    link = chat_texts.HANDOVER_LINK.format(link=f"https://t.me/{username}?start={code}") if username else ""
    local = until.astimezone(ctx.zone)
    ctx.reply(text.format(agency=ctx.agency.name, code=code, until=f"{local:%H:%M} {vn_date(local.date())}", link=link))


def tell_ended(ctx: Ctx, agency: str, ended: tuple[tuple[str, str], ...]) -> None:
    """After a hand-over: the outgoing chats on this channel are told now, those on other channels through
    delivery (once, on their own channel, within minutes)."""
    who = ctx.inbound.sender or chat_texts.START_HANDOVER_SOMEONE
    told = chat_texts.HANDOVER_ENDED.format(agency=agency, who=who)
    elsewhere = []
    for channel, chat_id in ended:
        if channel == ctx.inbound.channel and chat_id != ctx.inbound.chat_id:
            ctx.out.append(Outbound(channel, chat_id, told))
        elif channel != ctx.inbound.channel:
            elsewhere.append((channel, chat_id))
    if elsewhere:
        ctx.store.people_queue_farewell(chats=elsewhere, text=told, day=ctx.today, now=ctx.now)


def answer_unlinked(ctx: Ctx) -> bool:
    """A chat that handed its seat over is told so (instead of "not registered"); False otherwise."""
    agency = ctx.store.people_ended(channel=ctx.inbound.channel, chat_id=ctx.inbound.chat_id)
    if agency is None:
        return False
    ctx.reply(chat_texts.HANDOVER_ENDED_BEFORE.format(agency=agency, office=ctx.office))
    return True
