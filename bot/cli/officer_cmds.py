"""Registration commands: invite, officers, revoke."""

from __future__ import annotations

import re
import secrets
from argparse import Namespace
from datetime import timedelta

from sqlmodel import Session

from bot.cli.plan_cmds import CliError
from bot.cli.render import print_json, table
from bot.domain import texts
from storage import registry, work
from storage.models import AgencyRow

_DURATION = re.compile(r"^(\d+)\s*([dhm]|ngay|ngày|gio|giờ|phut|phút)?$")


def parse_duration(text: str) -> timedelta:
    m = _DURATION.match(text.strip().lower())
    if not m or int(m.group(1)) == 0:
        raise CliError(texts.ERR_DURATION.format(text=text))
    n, unit = int(m.group(1)), (m.group(2) or "d")
    if unit in ("h", "gio", "giờ"):
        return timedelta(hours=n)
    if unit in ("m", "phut", "phút"):
        return timedelta(minutes=n)
    return timedelta(days=n)


def _resolve_agency(app, session: Session, name: str) -> AgencyRow:
    found = work.directory_from_db(session).lookup(name)
    if found.agency is None:
        names = ", ".join(a.name for a in found.candidates[:8])
        raise CliError(texts.ERR_AGENCY.format(name=name) + (" " + texts.ERR_CANDIDATES.format(names=names)
                                                               if names else ""))
    return session.get(AgencyRow, work.agency_ids(session)[found.agency.key])


def cmd_invite(app, args: Namespace) -> int:
    app.require_schema()
    ttl = parse_duration(args.expires)
    code = secrets.token_urlsafe(18)  # 144 random bits, in the deep-link alphabet [A-Za-z0-9_-]
    now = app.clock.now()
    with Session(app.engine) as session:
        agency = _resolve_agency(app, session, args.agency)
        registry.create_invite(session, code=code, agency_id=agency.id, role=args.role, now=now,
                               expires_at=now + ttl)
        session.commit()
        name = agency.name
    username = app.settings.telegram_bot_username.lstrip("@") or "<tên_bot>"
    link = f"https://t.me/{username}?start={code}"
    expires = (now + ttl).astimezone(app.settings.zone)
    if args.json:
        print_json({"agency": name, "role": args.role, "code": code, "link": link, "expires_at": expires.isoformat()})
        return 0
    print(texts.INVITE_OK.format(agency=name, role=texts.ROLE[args.role], code=code, link=link,
                                 expires=f"{expires:%H:%M} {texts.vn_date(expires.date())}"))
    for hint in app.invite_hints():   # e.g. the Zalo bot with room left
        print(hint)
    if not app.settings.telegram_bot_username:
        print(texts.INVITE_NO_USERNAME)
    return 0


def cmd_officers(app, args: Namespace) -> int:
    app.require_schema()
    with Session(app.engine) as session:
        rows = registry.all_recipients(session)
        data = [{"channel": r.channel, "chat_id": r.chat_id, "agency": a.name, "role": r.role,
                 "name": r.display_name, "active": r.active, "disabled_reason": r.disabled_reason,
                 "preferred": r.preferred, "person": r.person, "since": r.created_at.isoformat()} for r, a in rows]
    if args.json:
        print_json(data)
        return 0
    if not data:
        print(texts.OFFICERS_NONE)
        return 0
    table(texts.OFFICER_HEADERS, [(f"{d['channel']}:{d['chat_id']}", d["agency"], texts.ROLE[d["role"]], d["name"],
                                   texts.ACTIVE[d["active"]]) for d in data], limits=(24, 40, 14, 24, 16))
    return 0


def cmd_revoke(app, args: Namespace) -> int:
    app.require_schema()
    channel, _, chat_id = args.chat.rpartition(":")
    with Session(app.engine) as session:
        n = registry.remove_by_chat(session, chat_id=chat_id, channel=channel or None)
        session.commit()
    if n == 0:
        raise CliError(texts.REVOKE_NONE.format(chat=args.chat))
    print(texts.REVOKE_OK.format(chat=args.chat, n=n))
    return 0
