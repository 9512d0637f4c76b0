"""Registration commands: invite (officer, coordinator, --deputy, --leader), officers, revoke, handover,
leader set/list/remove."""

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
from bot.domain.texts import people as people_texts

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

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
        office = app.store.plan_office_name() or chat_texts.OFFICE_UNKNOWN
        raise CliError(chat_texts.CLI_COORDINATOR_FORCE.format(agency=agency.name, office=office))
    if getattr(args, "deputy", False) + getattr(args, "leader", False) + (args.role == "coordinator") > 1:
        raise CliError(people_texts.INVITE_ONE_KIND)
    purpose = getattr(args, "purpose", "") or (
        "deputy" if getattr(args, "deputy", False) else "leader" if getattr(args, "leader", False) else ""
    )
    if purpose:
        outgoing = app.store.people_invite(
            agency_key=agency.key,
            code=code,
            purpose=purpose,
            now=now,
            expires_at=now + ttl,
            actor="CLI",
            channel="cli",
            role="officer",
        )
    else:
        outgoing = []
        app.store.create_invite(agency_key=agency.key, code=code, role=args.role, now=now, expires_at=now + ttl)
    name = agency.name
    username = app.settings.telegram_bot_username.lstrip("@") or "<tên_bot>"
    link = f"https://t.me/{username}?start={code}"
    expires = (now + ttl).astimezone(app.settings.zone)
    if args.json:
        data = {"agency": name, "role": args.role, "code": code, "link": link, "expires_at": expires.isoformat()}
        if purpose:
            data.update(purpose=purpose, ends=outgoing)
        print_json(data)
        return 0
    print(
        texts.INVITE_OK.format(
            agency=name,
            role=people_texts.PURPOSE[purpose] if purpose else texts.ROLE[args.role],
            code=code,
            link=link,
            expires=f"{expires:%H:%M} {texts.vn_date(expires.date())}",
        )
    )
    if purpose == "handover":
        print(
            people_texts.HANDOVER_NOTE.format(chats=", ".join(outgoing))
            if outgoing
            else people_texts.HANDOVER_NOBODY.format(agency=name)
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
        [(f"{d['channel']}:{d['chat_id']}", d["agency"], _role(d), d["name"], texts.ACTIVE[d["active"]]) for d in data],
        limits=(24, 40, 26, 24, 16),
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


def _role(d: dict) -> str:
    role = texts.ROLE.get(d["role"], d["role"])
    rank = d.get("rank", "primary")
    return f"{role} ({people_texts.RANK[rank]})" if d["role"] == "officer" and rank != "primary" else role


# --- hand-over and leaders ------------------------------------------------------------------------------
def add_commands(sub) -> None:
    """`nhacviec handover AGENCY` and `nhacviec leader set|list|remove`."""
    s = sub.add_parser("handover", help="bàn giao cán bộ đầu mối: mã mời cho người mới, người cũ thôi nhận nhắc việc")
    s.add_argument("agency")
    s.add_argument("--expires", default="7d", help="hiệu lực: 7d, 12h, 30m (mặc định 7d)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_handover, role="officer", purpose="handover")

    s = sub.add_parser("leader", help="lãnh đạo phụ trách của cơ quan (nhận tổng hợp nhiệm vụ quá hạn)")
    leader = s.add_subparsers(dest="leader_command", required=True)
    t = leader.add_parser("set", help="đặt lãnh đạo phụ trách bằng địa chỉ e-mail (hoặc: invite AGENCY --leader)")
    t.add_argument("agency")
    t.add_argument("--email", required=True)
    t.add_argument("--name", default="")
    t.set_defaults(func=cmd_leader_set)
    t = leader.add_parser("list", help="các lãnh đạo phụ trách")
    t.add_argument("--json", action="store_true")
    t.set_defaults(func=cmd_leader_list)
    t = leader.add_parser("remove", help="thôi gửi tổng hợp cho lãnh đạo phụ trách của cơ quan")
    t.add_argument("agency")
    t.set_defaults(func=cmd_leader_remove)


def cmd_handover(app, args: Namespace) -> int:
    """A hand-over invite from the CLI: when used, the agency's primary officers' access ends."""
    return cmd_invite(app, args)


def cmd_leader_set(app, args: Namespace) -> int:
    app.require_schema()
    address = args.email.strip()
    if not _EMAIL.match(address):
        raise CliError(people_texts.LEADER_BAD_EMAIL.format(address=address))
    agency = resolve_agency(app, args.agency)
    taken = app.store.leader_set(
        agency_key=agency.key, address=address, name=args.name.strip(), now=app.clock.now(), actor="CLI"
    )
    if taken:
        role, _, other = taken.partition("|")
        raise CliError(people_texts.LEADER_TAKEN.format(address=address, role=texts.ROLE.get(role, role), agency=other))
    print(
        people_texts.LEADER_SET_OK.format(agency=agency.name, address=address, n=app.settings.leader_after_working_days)
    )
    return 0


def cmd_leader_list(app, args: Namespace) -> int:
    app.require_schema()
    data = app.store.leaders()
    if args.json:
        print_json(data)
        return 0
    if not data:
        print(people_texts.LEADER_NONE)
        return 0
    table(
        people_texts.LEADER_HEADERS,
        [(d["agency"], d["chat"], d["name"], texts.ACTIVE[d["active"]]) for d in data],
        limits=(40, 40, 24, 16),
    )
    return 0


def cmd_leader_remove(app, args: Namespace) -> int:
    app.require_schema()
    agency = resolve_agency(app, args.agency)
    n = app.store.leader_remove(agency_key=agency.key, now=app.clock.now(), actor="CLI")
    if not n:
        raise CliError(people_texts.LEADER_REMOVE_NONE.format(agency=agency.name))
    print(people_texts.LEADER_REMOVED.format(agency=agency.name, n=n))
    return 0
