"""``plan amend``: amendments by a later decision (issue 14 §2); ``plan show CODE`` with an item's history."""

from __future__ import annotations

from argparse import Namespace
from datetime import date

from bot.cli import plan_cmds
from bot.cli.plan_cmds import CliError
from bot.cli.render import print_json
from bot.domain import texts
from bot.domain.amend_text import diff_lines, history_lines
from bot.domain.amendments import diff_plans, signed_on
from bot.domain.codes import lookup
from bot.domain.deadlines import parse_day
from bot.domain.errors import NoPlan
from bot.domain.interpret import interpret_plan
from bot.domain.texts import amend as T
from bot.plan_loading import Source, read_directory, read_plan, recorded_files

ACTOR = "cán bộ theo dõi (CLI)"


def add_commands(plan_subparsers) -> None:
    """Register ``plan amend`` under the ``plan`` command group."""
    ps = plan_subparsers.add_parser(
        "amend", help="sửa đổi Kế hoạch theo văn bản mới: xem khác biệt (--dry-run) rồi áp dụng"
    )
    ps.add_argument("new_plan", help="tệp kế hoạch YAML đã sửa đổi (cùng mã kế hoạch)")
    ps.add_argument("--document", help='văn bản sửa đổi, vd. "Quyết định số 12/QĐ-UBND ngày 10/6/2023"')
    ps.add_argument("--effective", help="ngày hiệu lực (vd. 15/6/2023)")
    ps.add_argument("--dry-run", action="store_true", help="chỉ xem khác biệt, không thay đổi gì")
    ps.add_argument("--actor", default=ACTOR)
    ps.add_argument("--json", action="store_true")
    ps.set_defaults(func=cmd_plan_amend)


def _effective(args: Namespace) -> tuple[str, date]:
    document = " ".join((args.document or "").split())
    if not document:
        raise CliError(T.ERR_NO_DOCUMENT)
    if not (args.effective or "").strip():
        raise CliError(T.ERR_NO_EFFECTIVE)
    effective = parse_day(args.effective)
    if effective is None:
        raise CliError(T.ERR_BAD_EFFECTIVE.format(text=args.effective.strip()[:40]))
    return document, effective


def cmd_plan_amend(app, args: Namespace) -> int:
    """Show what the new plan file changes; apply it as one recorded amendment unless ``--dry-run``."""
    document, effective = _effective(args)
    app.require_schema()
    new_plan, new_text = read_plan(Source(args.new_plan))
    recorded = recorded_files(app.store, plan_slug=app.plan_slug)
    if recorded is None:
        raise CliError(T.ERR_NOT_RECORDED)
    old_plan, _ = read_plan(recorded[0])
    if new_plan.id != old_plan.id:
        raise CliError(T.ERR_OTHER_PLAN.format(file=args.new_plan, other=new_plan.id, plan=old_plan.id))
    signed = signed_on(old_plan)
    if effective < signed:
        raise CliError(
            T.ERR_BEFORE_SIGNED.format(
                effective=texts.vn_date(effective), plan=old_plan.id, signed=texts.vn_date(signed)
            )
        )
    directory, _ = read_directory(recorded[1])
    known = app.store.known_directory(directory=directory)
    names = {k: a.name for k, a in known.agencies.items()}
    amendment = diff_plans(old_plan.id, interpret_plan(old_plan, known), interpret_plan(new_plan, known), names)
    applied = None
    if not args.dry_run and not amendment.empty:
        applied = app.store.amend_apply(
            plan=new_plan,
            directory=directory,
            amendment=amendment,
            document=document,
            effective=effective,
            actor=args.actor,
            now=app.clock.now(),
            zone=app.settings.zone,
            plan_file=str(Source(args.new_plan).path),
            plan_text=new_text,
        )
    if args.json:
        print_json(
            {
                **amendment.to_dict(),
                "document": document,
                "effective": effective.isoformat(),
                "dry_run": bool(args.dry_run),
                "applied": applied.id if applied else None,
                "kept_old_due": applied.kept if applied else 0,
            }
        )
        return 0
    print("\n".join(diff_lines(amendment, document, effective)))
    today = app.clock.now().astimezone(app.settings.zone).date()
    if effective > today and not amendment.empty:
        print(T.FUTURE_EFFECTIVE.format(effective=texts.vn_date(effective), today=texts.vn_date(today)))
    if applied is not None:
        print(T.APPLIED.format(id=applied.id))
        if applied.kept:
            print(T.KEPT_DUE.format(n=applied.kept))
    elif args.dry_run and not amendment.empty:
        print(T.DRY_RUN)
    return 0


def cmd_plan_show(app, args: Namespace) -> int:
    """``plan show``: the whole plan, or with CODE one item and its amendment history."""
    if not getattr(args, "code", None):
        return plan_cmds.cmd_plan_show(app, args)
    app.require_schema()
    try:
        items = app.store.plan_items(plan_slug=app.plan_slug)
    except NoPlan:
        raise CliError(texts.ERR_NO_PLAN) from None
    found = lookup(args.code, [i["code"] for i in items])
    if found.code is None:  # a removed item: its history only
        code = args.code.strip().upper()
        notes = app.store.amend_history(code=code, plan_slug=app.plan_slug)
        if not notes:
            plan_cmds.find_code(app, args.code)  # raises with suggestions
        if args.json:
            print_json({"code": code, "retired": True, "amendments": [_note(n) for n in notes]})
        else:
            print("\n".join([f"{code} {T.SHOW_RETIRED}", *history_lines(notes)]))
        return 0
    item = next(i for i in items if i["code"] == found.code)
    notes = app.store.amend_history(code=found.code, plan_slug=app.plan_slug)
    if args.json:
        print_json({**item, "amendments": [_note(n) for n in notes]})
        return 0
    dl = item["deadline"]
    print(
        T.SHOW_ITEM.format(
            code=item["code"],
            title=" ".join(item["content"].split()),
            lead="; ".join(item["lead"]) or texts.NONE,
            coordinating="; ".join(item["coordinating"]) or texts.NONE,
            deadline=texts.describe_deadline(
                dl["kind"], _d(dl["due"]), _d(dl["start"]), dl["flags"], dl["recurrence"], dl.get("reason")
            ),
            status=texts.STATUS[item["status"]],
        )
    )
    lines = history_lines(notes)
    print("\n".join(lines) if lines else T.HISTORY_NONE)
    return 0


def _d(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def _note(n) -> dict:
    return {
        "document": n.document,
        "effective": n.effective.isoformat(),
        "kind": n.kind,
        "changes": [c.to_dict() for c in n.changes],
    }
