"""Governance commands: ``extend`` (an approved extension recorded by a coordinator) and ``audit`` (the trail)."""

from __future__ import annotations

import json
from argparse import Namespace

from bot.cli.officer_cmds import resolve_agency
from bot.cli.plan_cmds import CliError, find_code
from bot.cli.render import print_json, table
from bot.domain import texts
from bot.domain.deadlines import parse_day
from bot.domain.errors import UnknownItem
from bot.domain.extensions import document_valid


def add_commands(sub) -> None:
    """``nhacviec extend`` and ``nhacviec audit``."""
    s = sub.add_parser("extend", help="ghi nhận gia hạn đã được đồng ý cho một cơ quan chủ trì")
    s.add_argument("code")
    s.add_argument("agency")
    s.add_argument("date")
    s.add_argument(
        "--document", required=True, help='văn bản đồng ý gia hạn, vd. "Văn bản số 120/UBND-NC ngày 20/7/2023"'
    )
    s.add_argument("--reason", default="")
    s.add_argument("--actor", default="điều phối viên (CLI)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_extend)
    s = sub.add_parser("audit", help="nhật ký thay đổi (chỉ ghi thêm, không sửa, không xóa)")
    s.add_argument("--agency", help="chỉ một cơ quan")
    s.add_argument("--since", help="từ ngày (nghiệp vụ), vd. 1/7/2023")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_audit)


def cmd_extend(app, args: Namespace) -> int:
    app.require_schema()
    due = parse_day(args.date)
    if due is None:
        raise CliError(texts.ERR_BAD_DATE.format(text=args.date))
    today = app.clock.now().astimezone(app.settings.zone).date()
    if not document_valid(args.document, today):
        raise CliError(texts.EXTEND_FUTURE_DOCUMENT.format(document=args.document))
    code = find_code(app, args.code)
    agency = resolve_agency(app, args.agency)
    try:
        out = app.store.extend_by_code(
            code=code,
            agency_key=agency.key,
            new_due=due,
            document=args.document,
            actor=args.actor,
            now=app.clock.now(),
            today=today,
            reason=args.reason,
            plan_slug=app.plan_slug,
        )
    except UnknownItem:
        raise CliError(texts.ERR_UNKNOWN_CODE.format(typed=args.code)) from None
    if out.error == "not_lead":
        raise CliError(texts.EXTEND_NOT_LEAD.format(agency=agency.name, code=code))
    if out.error:
        raise CliError(
            texts.EXTEND_PROBLEM[out.error].format(code=code, agency=agency.name, new_due=texts.vn_date(due))
        )
    ext = out.extension
    if args.json:
        print_json(
            {
                "code": ext.code,
                "agency": ext.agency,
                "original_due": ext.original_due.isoformat(),
                "new_due": ext.new_due.isoformat(),
                "document": ext.document,
                "status": ext.status,
            }
        )
    else:
        print(
            texts.EXTEND_OK.format(
                code=ext.code,
                agency=ext.agency,
                original=texts.vn_date(ext.original_due),
                new_due=texts.vn_date(ext.new_due),
                document=ext.document,
            )
        )
    return 0


def cmd_audit(app, args: Namespace) -> int:
    app.require_schema()
    since = None
    if args.since:
        since = parse_day(args.since)
        if since is None:
            raise CliError(texts.ERR_BAD_DATE.format(text=args.since))
    key = resolve_agency(app, args.agency).key if args.agency else None
    zone = app.settings.zone
    entries = app.store.audit_entries(zone=zone, agency_key=key, since=since)
    if args.json:
        print_json([e.as_dict() for e in entries])
        return 0
    if not entries:
        print(texts.AUDIT_EMPTY)
        return 0
    rows = [
        [
            f"{e.at.astimezone(zone):%d/%m/%Y %H:%M}",
            texts.vn_date(e.business_at.astimezone(zone).date()),
            e.actor,
            e.channel or "—",
            texts.AUDIT_ACTION.get(e.action, e.action),
            e.code,
            e.agency,
            json.dumps(e.before, ensure_ascii=False) if e.before else "",
            json.dumps(e.after, ensure_ascii=False) if e.after else "",
            e.note,
        ]
        for e in entries
    ]
    table(list(texts.AUDIT_HEADERS), rows)
    return 0
