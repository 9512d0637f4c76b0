"""/web: a one-time sign-in link to the web desk, sent in the chat (the same link as ``nhacviec web-link``).

A coordinator's chat gets a coordinator's session, an officer's chat an officer's one (its own agency).
Only the link's hash is stored; the link works once, for 15 minutes. It is refused in groups (anyone
there could use it) and when the desk's public address (WEB_BASE_URL) is not set."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta

from bot.core.context import Ctx
from bot.domain.texts import chat as chat_texts
from bot.domain.texts import vn_date
from bot.ports import WebStore

log = logging.getLogger(__name__)

LINK_TTL = timedelta(minutes=15)
SIGN_IN_PATH = "/dang-nhap/"


def new_sign_in_link(
    store: WebStore, *, base_url: str, agency_key: str, role: str, now: datetime
) -> tuple[str, datetime, str]:
    """A one-time sign-in link to the desk: (url, expires_at, agency name). Only the token's hash is
    stored. ``nhacviec web-link``, the desk's tests and ``/web`` all make links here."""
    token = secrets.token_urlsafe(24)
    expires_at = now + LINK_TTL
    name = store.web_create_link(agency_key=agency_key, role=role, token=token, now=now, expires_at=expires_at)
    return f"{base_url.rstrip('/')}{SIGN_IN_PATH}{token}", expires_at, name


def cmd_web(ctx: Ctx, args: str, config) -> None:
    """/web — reply with a sign-in link for this chat's agency and role."""
    base_url = getattr(config, "web_base_url", "") or ""
    if not base_url:
        ctx.reply(chat_texts.WEB_NOT_SET_UP)
        return
    if ctx.inbound.group:
        ctx.reply(chat_texts.WEB_PRIVATE_ONLY)
        return
    officer = ctx.officer
    assert officer is not None  # the core answers unregistered chats before any command
    role = "coordinator" if officer.coordinator else "officer"
    url, expires_at, name = new_sign_in_link(
        ctx.store, base_url=base_url, agency_key=officer.agency.key, role=role, now=ctx.now
    )
    local = expires_at.astimezone(ctx.zone)
    log.info("web sign-in link for %s (%s) sent to %s", name, role, ctx.inbound.channel)
    ctx.reply(
        chat_texts.WEB_LINK.format(
            agency=name,
            role=chat_texts.WEB_ROLE[role],
            url=url,
            expires=f"{local:%H:%M} {vn_date(local.date())}",
        )
    )
