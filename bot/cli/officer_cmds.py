"""Registration commands: invite, officers, revoke."""

from __future__ import annotations

import re
import secrets
from argparse import Namespace
from datetime import timedelta

from bot.cli.plan_cmds import CliError
from bot.cli.render import print_json, table
from bot.domain import texts
from bot.domain.agencies import Agency
from bot.domain.texts import chat as chat_texts

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


def resolve_agency(app, name: str) -> Agency:
    """The agency a person typed; CliError listing candidates when it is not one."""
    found = app.store.find_agency(query=name)
    if found.agency is None:
        names = ", ".join(a.name for a in found.candidates[:8])
        raise CliError(
            texts.ERR_AGENCY.format(name=name) + (" " + texts.ERR_CANDIDATES.format(names=names) if names else "")
        )
    return found.agency


def cmd_invite(app, args: Namespace) -> int:
    app.require_schema()
    ttl = parse_duration(args.expires)
    code = secrets.token_urlsafe(18)  # 144 random bits, in the deep-link alphabet [A-Za-z0-9_-]
    now = app.clock.now()
    agency = resolve_agency(app, args.agency)
    if args.role == "coordinator" and agency.kind != "province_office" and not getattr(args, "force", False):
        raise CliError(chat_texts.CLI_COORDINATOR_FORCE.format(agency=agency.name))
    app.store.create_invite(agency_key=agency.key, code=code, role=args.role, now=now, expires_at=now + ttl)
    name = agency.name
    username = app.settings.telegram_bot_username.lstrip("@") or "<tên_bot>"
    link = f"https://t.me/{username}?start={code}"
    expires = (now + ttl).astimezone(app.settings.zone)
    if args.json:
        print_json({"agency": name, "role": args.role, "code": code, "link": link, "expires_at": expires.isoformat()})
        return 0
    print(
        texts.INVITE_OK.format(
            agency=name,
            role=texts.ROLE[args.role],
            code=code,
            link=link,
            expires=f"{expires:%H:%M} {texts.vn_date(expires.date())}",
        )
    )
    for hint in app.invite_hints():  # e.g. the Zalo bot with room left
        print(hint)
    if not app.settings.telegram_bot_username:
        print(texts.INVITE_NO_USERNAME)
    return 0


def cmd_officers(app, args: Namespace) -> int:
    app.require_schema()
    data = app.store.officers()
    if args.json:
        print_json(data)
        return 0
    if not data:
        print(texts.OFFICERS_NONE)
        return 0
    table(
        texts.OFFICER_HEADERS,
        [
            (f"{d['channel']}:{d['chat_id']}", d["agency"], texts.ROLE[d["role"]], d["name"], texts.ACTIVE[d["active"]])
            for d in data
        ],
        limits=(24, 40, 14, 24, 16),
    )
    return 0


def cmd_revoke(app, args: Namespace) -> int:
    app.require_schema()
    channel, _, chat_id = args.chat.rpartition(":")
    n = app.store.revoke_chat(chat_id=chat_id, channel=channel or None)
    if n == 0:
        raise CliError(texts.REVOKE_NONE.format(chat=args.chat))
    print(texts.REVOKE_OK.format(chat=args.chat, n=n))
    return 0
