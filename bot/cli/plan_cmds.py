"""The plan commands: init, plan show, plan set-due, parse-deadline, resolve-agencies."""

from __future__ import annotations

import sys
from argparse import Namespace

from sqlmodel import Session

from bot.cli.render import print_json, print_json_line, table
from bot.domain import texts
from bot.domain.agencies import Directory
from bot.domain.codes import lookup
from bot.domain.deadlines import parse_day, parse_deadline
from bot.domain.plan import INSPECTION, REVIEW, TASK
from storage import queries
from storage.datafile import load_directory, load_plan
from storage.migrate import upgrade
from storage.sync import sync_plan


class CliError(Exception):
    """A user-facing failure: the message is printed, the exit code is 2."""


def cmd_init(app, args: Namespace) -> int:
    plan_path = args.plan or app.settings.plan_file
    agencies_path = args.agencies or app.settings.agencies_file
    plan = load_plan(plan_path)          # validate both files before touching the database
    directory = load_directory(agencies_path)
    before, after = upgrade(app.engine)
    with Session(app.engine) as session:
        report = sync_plan(session, plan, directory, now=app.clock.now(), source_file=str(plan_path))
        if args.strict and report.unknown_agencies:
            session.rollback()
            for code, cell, text in report.unknown_agencies:
                print(texts.INIT_UNKNOWN.format(code=code, cell=texts.CELL[cell], text=text), file=sys.stderr)
            raise CliError(texts.ERR_UNKNOWN_STRICT.format(n=len(report.unknown_agencies)))
        session.commit()
    if args.json:
        print_json({"schema_before": before, "schema": after, **report.to_dict()})
        return 0
    if before is None:
        print(texts.INIT_CREATED.format(rev=after))
    elif before != after:
        print(texts.INIT_UPGRADED.format(before=before, after=after))
    print(texts.INIT_PLAN.format(plan=plan.id, total=len(plan.items), tasks=plan.count(TASK),
                                 reviews=plan.count(REVIEW), inspections=plan.count(INSPECTION)))
    if not getattr(args, "quiet", False):
        _print_report(report)
    return 0


def _print_report(report) -> None:
    if not report.changed:
        print(texts.INIT_UNCHANGED)
    if report.agencies_added or report.agencies_updated:
        print(texts.INIT_AGENCIES.format(n=len(report.agencies_added), m=len(report.agencies_updated)))
    if report.items_added:
        print(texts.INIT_ADDED.format(codes=", ".join(report.items_added)))
    for code, fields in report.items_updated.items():
        print(texts.INIT_UPDATED.format(code=code, fields=", ".join(fields)))
    if report.items_retired:
        print(texts.INIT_RETIRED.format(codes=", ".join(report.items_retired)))
    if report.assignments_added or report.assignments_deactivated:
        print(texts.INIT_ASSIGNMENTS.format(added=report.assignments_added, removed=report.assignments_deactivated))
    for code, cell, text in report.unknown_agencies:
        print(texts.INIT_UNKNOWN.format(code=code, cell=texts.CELL[cell], text=text), file=sys.stderr)


def _plan_id(app, session: Session) -> int:
    try:
        return queries.get_plan(session=session, slug=app.plan_slug).id
    except queries.NotFound:
        raise CliError(texts.ERR_NO_PLAN) from None


def cmd_plan_show(app, args: Namespace) -> int:
    app.require_schema()
    with Session(app.engine) as session:
        items = queries.plan_items(session=session, plan_id=_plan_id(app, session))
    if args.type:
        items = [i for i in items if i["type"] == args.type]
    if args.json:
        print_json(items)
        return 0
    rows = []
    for i in items:
        dl = i["deadline"]
        rows.append((i["code"], i["title"], i["lead_text"].replace("\n", " ") or texts.NONE,
                     texts.describe_deadline(dl["kind"], _d(dl["due"]), _d(dl["start"]), dl["flags"],
                                             dl["recurrence"], dl.get("reason")),
                     texts.STATUS[i["status"]]))
    table(texts.PLAN_HEADERS, rows, limits=(9, 48, 36, 44, 16))
    return 0


def _d(iso: str | None):
    from datetime import date
    return date.fromisoformat(iso) if iso else None


def cmd_set_due(app, args: Namespace) -> int:
    app.require_schema()
    due = parse_day(args.date)
    if due is None:
        raise CliError(texts.ERR_BAD_DATE.format(text=args.date))
    with Session(app.engine) as session:
        plan_id = _plan_id(app, session)
        found = lookup(args.code, queries.item_codes(session=session, plan_id=plan_id))
        if found.code is None:
            msg = texts.ERR_UNKNOWN_CODE.format(typed=args.code)
            if found.suggestions:
                msg += " " + texts.ERR_SUGGEST.format(codes=", ".join(found.suggestions))
            raise CliError(msg)
        row = queries.set_due(session=session, plan_id=plan_id, code=found.code, due=due,
                              actor=args.actor, now=app.clock.now())
        dl = queries.effective_deadline(row)
        session.commit()
    if args.json:
        print_json({"code": found.code, "deadline": dl.to_dict()})
    else:
        print(texts.SET_DUE_OK.format(code=found.code, date=texts.vn_date(due),
                                      reading=texts.describe_deadline(dl.kind, dl.due, dl.start, dl.flags)))
    return 0


def cmd_parse_deadline(app, args: Namespace) -> int:
    def one(phrase: str) -> dict:
        d = parse_deadline(phrase, args.year).to_dict()
        return d

    if args.phrase == "-":
        for line in sys.stdin:
            print_json_line(one(line.rstrip("\n")))
        return 0
    d = one(args.phrase)
    if args.json:
        print_json(d)
    else:
        print(f"{d['text']} → {d['kind']}: " + texts.describe_deadline(
            d["kind"], _d(d["due"]), _d(d["start"]), d["flags"], d["recurrence"], d["reason"], details=d))
    return 0


def cmd_resolve_agencies(app, args: Namespace) -> int:
    directory: Directory = load_directory(args.agencies or app.settings.agencies_file)
    on = parse_day(args.on) if args.on else None
    res = directory.resolve(args.cell, on)
    data = {
        "agencies": [directory.agencies[k].name for k in res.agencies],
        "groups": [directory.groups[g].name for g in res.groups],
        "unresolved": [u.text for u in res.unresolved],
    }
    if args.json:
        print_json(data)
        return 0
    print(f"{texts.RESOLVE_AGENCIES}: {', '.join(data['agencies']) or texts.NONE}")
    groups = [f"{directory.groups[g].name} ({len(directory.members(g))})" for g in res.groups]
    print(f"{texts.RESOLVE_GROUPS}: {', '.join(groups) or texts.NONE}")
    print(f"{texts.RESOLVE_UNRESOLVED}: {'; '.join(data['unresolved']) or texts.NONE}")
    return 0
