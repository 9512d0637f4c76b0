"""`/lienket` (alias `/link`): a second channel is linked from the first. In a linked private chat it
gives a one-time code (15 minutes, kept hashed); typed on the other channel (`lienket CODE`) it links
that chat to the same person, sharing their reminders. An invite never links a second chat."""

from __future__ import annotations

import logging
import secrets
from datetime import tzinfo

from bot.core.context import Ctx
from bot.domain import link_codes as L
from bot.domain.chat_records import INVITE_EXPIRED, INVITE_OK, INVITE_USED
from bot.domain.texts import chat as chat_texts

log = logging.getLogger(__name__)


def cmd_link(ctx: Ctx, args: str, *, zone: tzinfo, prefer: str = "", pick=secrets.choice) -> None:
    """Give a code (linked chat, no argument) or redeem the code given."""
    typed = L.normalize(args)
    if typed:
        _redeem(ctx, typed, prefer)
    elif ctx.officer is None:
        ctx.reply(chat_texts.LINK_NEED_CODE.format(office=ctx.office))
    elif ctx.inbound.group:
        ctx.reply(chat_texts.LINK_GROUP)
    else:
        _issue(ctx, zone, pick)


def _issue(ctx: Ctx, zone: tzinfo, pick) -> None:
    code = L.make_code(pick)
    until = ctx.now + L.VALID_FOR
    if not ctx.store.create_link_code(
        code=code, channel=ctx.inbound.channel, chat_id=ctx.inbound.chat_id, now=ctx.now, expires_at=until
    ):
        ctx.reply(chat_texts.LINK_NEED_CODE.format(office=ctx.office))
        return
    log.info("link code issued for %s:%s", ctx.inbound.channel, ctx.inbound.chat_id)
    ctx.reply(chat_texts.LINK_CODE.format(code=L.shown(code), until=until.astimezone(zone).strftime("%H:%M")))


def _redeem(ctx: Ctx, code: str, prefer: str) -> None:
    result = ctx.store.redeem_link_code(
        code=code,
        channel=ctx.inbound.channel,
        chat_id=ctx.inbound.chat_id,
        display_name=ctx.inbound.sender,
        now=ctx.now,
        prefer=prefer,
    )
    if result.status == INVITE_OK:
        log.info("chat %s:%s linked by a link code to %s", ctx.inbound.channel, ctx.inbound.chat_id, result.agency)
        role = chat_texts.START_ROLE_COORDINATOR.format(office=ctx.office) if result.role == "coordinator" else ""
        ctx.reply(chat_texts.LINK_OK.format(agency=result.agency, role=role))
        return
    ctx.reply(
        {
            INVITE_USED: chat_texts.LINK_USED,
            INVITE_EXPIRED: chat_texts.LINK_EXPIRED,
            L.LINK_SAME_CHANNEL: chat_texts.LINK_SAME_CHANNEL,
            L.LINK_TAKEN: chat_texts.LINK_TAKEN,
        }.get(result.status, chat_texts.LINK_BAD)
    )
