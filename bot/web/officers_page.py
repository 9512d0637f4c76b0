"""Cán bộ: registrations, invites (with the QR code of the deep link), hand-over codes (as ``nhacviec
handover AGENCY``) and revoking a chat; each action audited with channel "web"."""

from __future__ import annotations

import secrets
from datetime import timedelta

import segno
from starlette.responses import Response

from bot.core import handover_cmds
from bot.domain import audit as A
from bot.domain.texts import people as people_texts
from bot.domain.texts import vn_date
from bot.domain.texts import web as web_texts
from bot.web.access import WEB
from bot.web.page import Page

INVITE_TTL = timedelta(days=7)


def officers(page: Page, invite: dict | None = None, status: int = 200) -> Response:
    page.require_coordinator()
    chats = page.store.officers()
    return page.render("officers.html", status, chats=chats, agencies=page.store.agencies(), invite=invite)


def invite(page: Page) -> Response:
    page.require_coordinator()
    key, role = page.form.get("agency", ""), page.form.get("role", "officer")
    names = {a["key"]: a["name"] for a in page.store.agencies()}
    if key not in names or role not in web_texts.ROLE:
        return officers(page, {"error": web_texts.INVITE_UNKNOWN_AGENCY.format(name=key)}, 400)
    code = secrets.token_urlsafe(18)
    now = page.clock.now()
    page.store.create_invite(agency_key=key, code=code, role=role, now=now, expires_at=now + INVITE_TTL)
    page.store.record_audit(
        action=A.INVITE_CREATED,
        actor=page.chat().actor,
        channel=WEB,
        now=now,
        agency_id=page.store.web_agency_ids().get(key),
        after={"agency": names[key], "role": role, "expires_at": now + INVITE_TTL},
    )
    expires = (now + INVITE_TTL).astimezone(page.config.zone)
    text = web_texts.INVITE_CREATED.format(
        agency=names[key], role=web_texts.ROLE[role], expires=f"{expires:%H:%M} {vn_date(expires.date())}"
    )
    return officers(page, {**_deep_link(page, code), "text": text})


def handover(page: Page) -> Response:
    """A hand-over code for an agency, as ``nhacviec handover AGENCY`` issues it (the same store path and
    validity as ``/bangiao``), shown with its QR code; audited with channel "web"."""
    page.require_coordinator()
    key = page.form.get("agency", "")
    names = {a["key"]: a["name"] for a in page.store.agencies()}
    if key not in names:
        return officers(page, {"error": web_texts.HANDOVER_UNKNOWN_AGENCY.format(name=key[:80])}, 400)
    code = handover_cmds.new_code()
    now = page.clock.now()
    until = now + handover_cmds.VALID_FOR
    outgoing = page.store.people_invite(
        agency_key=key,
        code=code,
        purpose=handover_cmds.HANDOVER,
        now=now,
        expires_at=until,
        actor=page.chat().actor,
        channel=WEB,
        role="officer",
    )
    who = {f"{c['channel']}:{c['chat_id']}": c["name"] or c["chat_id"] for c in page.store.officers()}
    expires = until.astimezone(page.config.zone)
    shown = _deep_link(page, code)
    ends = (
        web_texts.HANDOVER_ENDS.format(chats=", ".join(f"{who.get(c, c)} ({c.split(':')[0]})" for c in outgoing))
        if outgoing
        else people_texts.HANDOVER_NOBODY.format(agency=names[key])
    )
    text = web_texts.HANDOVER_CREATED.format(agency=names[key], expires=f"{expires:%H:%M} {vn_date(expires.date())}")
    return officers(page, {**shown, "text": text, "ends": ends, "handover": True})


def _deep_link(page: Page, code: str) -> dict:
    """The deep link of an invite or hand-over code and its QR code (scanned from the screen)."""
    username = page.config.bot_username.lstrip("@")
    link = f"https://t.me/{username or '<tên_bot>'}?start={code}"
    qr = segno.make(link, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    return {"link": link, "qr": qr, "no_username": not username}


def revoke(page: Page) -> Response:
    """Revoke a linked chat, after a confirmation page (the same store path as ``nhacviec revoke``)."""
    page.require_coordinator()
    channel, _, chat_id = page.form.get("chat", "").partition(":")
    chat = next(
        (c for c in page.store.officers() if c["active"] and (c["channel"], c["chat_id"]) == (channel, chat_id)),
        None,
    )
    if chat is None or not chat_id:
        return officers(page, {"error": web_texts.REVOKE_NONE}, 404)
    fields = dict(channel=chat["channel"], name=chat["name"] or chat["chat_id"], agency=chat["agency"])
    if page.form.get("confirm") != "yes":
        return page.render("revoke.html", chat=chat, question=web_texts.REVOKE_CONFIRM.format(**fields))
    n = page.store.revoke_chat(chat_id=chat_id, channel=channel, actor=page.chat().actor, via=WEB, now=page.clock.now())
    if n == 0:
        return officers(page, {"error": web_texts.REVOKE_NONE}, 404)
    return officers(page, {"done": web_texts.REVOKE_DONE.format(**fields)})
