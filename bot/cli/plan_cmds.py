"""The plan commands: init, plan show, plan set-due, parse-deadline, resolve-agencies."""

from __future__ import annotations

import sys
from argparse import Namespace
from datetime import date
from pathlib import Path

from bot.cli.amend_check import changed_plan_message
from bot.cli.render import print_json, print_json_line, table
from bot.domain import texts
from bot.domain.agencies import Directory
from bot.domain.codes import lookup
from bot.domain.date_checks import outside_period, plan_period
from bot.domain.deadlines import parse_day, parse_deadline
from bot.domain.effective import UNDATED_KINDS
from bot.domain.errors import DatabaseUnusable, NoPlan, UnknownAgencies, UnknownItem
from bot.domain.interpret import SyncReport
from bot.domain.plan import INSPECTION, REVIEW, TASK
from bot.domain.texts import chat as chat_texts
from bot.domain.texts import reminders as reminder_texts
from bot.files import load_directory
from bot.domain.folding import same_province
from bot.plan_loading import (
    Source,
    directory_for,
    load_plan_files,
    read_directory,
    read_plan,
    recorded_files,
    suggested_directory_name,
)


class CliError(Exception):
    """A user-facing failure: the message is printed, the exit code is 2."""


def cmd_init(app, args: Namespace) -> int:
    """Create/upgrade the database and load a plan with the directory of its province (never another
    province's by default); record both in the database for every later command."""
    plan_src, dir_src = _init_files(app, args)
    changed = None if getattr(args, "force", False) else changed_plan_message(app.store, plan_src)
    if changed:  # amend: a plan is changed by a recorded decision (plan amend), not by reloading its file
        raise CliError(changed)
    try:
        report = load_plan_files(app.store, plan_src, dir_src, now=app.clock.now(), strict=args.strict)
    except UnknownAgencies as e:
        for code, cell, text in e.unknown:
            print(texts.INIT_UNKNOWN.format(code=code, cell=texts.CELL[cell], text=text), file=sys.stderr)
        raise CliError(texts.ERR_UNKNOWN_STRICT.format(n=len(e.unknown))) from None
    if args.json:
        print_json({"schema_before": report.schema_before, "schema": report.schema, **report.to_dict()})
        return 0
    print_load_summary(report)
    if not getattr(args, "quiet", False):
        _print_report(report)
    return 0


def _init_files(app, args: Namespace) -> tuple[Source, Source]:
    """The plan and directory ``init`` loads: those given; else what the database recorded (``init`` alone
    reloads it), else the settings' files (the bundled demo). A plan without a directory of its own
    province stops with how to make one."""
    recorded = recorded_files(app.store, plan_slug=app.plan_slug)
    if args.plan:
        plan_src = Source(args.plan)
    elif recorded and "plan_file" not in app.settings.model_fields_set:
        plan_src = recorded[0] if not Path(recorded[0].path).exists() else Source(recorded[0].path)
    else:
        plan_src = Source(str(app.settings.plan_file))
    plan, _ = read_plan(plan_src)
    if args.agencies:
        dir_src = Source(args.agencies)
        directory, _ = read_directory(dir_src)
        if not same_province(directory.province, plan.province):
            print(
                texts.WARN_OTHER_PROVINCE.format(
                    file=args.agencies, directory=directory.province or "?", plan=plan.id, province=plan.province or "?"
                ),
                file=sys.stderr,
            )
        return plan_src, dir_src
    dir_src = directory_for(plan, recorded[1] if recorded else None, app.settings.agencies_file)
    if dir_src is None:
        province = plan.province or "?"
        raise CliError(
            texts.ERR_NO_DIRECTORY.format(
                province=province, plan=plan.id, plan_file=plan_src.path, suggest=suggested_directory_name(province)
            )
        )
    return plan_src, dir_src


def print_load_summary(report: SyncReport) -> None:
    """The schema created or upgraded, and the plan's item counts (``init`` and ``run``'s first start)."""
    before, after = report.schema_before, report.schema
    if before is None:
        print(texts.INIT_CREATED.format(rev=after))
    elif before != after:
        print(texts.INIT_UPGRADED.format(before=before, after=after))
    c = report.counts
    print(
        texts.INIT_PLAN.format(
            plan=report.plan,
            total=c.get("total", 0),
            tasks=c.get(TASK, 0),
            reviews=c.get(REVIEW, 0),
            inspections=c.get(INSPECTION, 0),
        )
    )
    for group, n in report.waiting_groups.items():
        print(chat_texts.CLI_EMPTY_GROUP.format(group=group, n=n))


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
    if report.agencies_retired:
        print(texts.INIT_AGENCIES_RETIRED.format(n=len(report.agencies_retired)))
    if report.moved:
        print(texts.INIT_MOVED.format(n=len(report.moved), agencies=len({f for _, f, _ in report.moved})))
    if report.plans_quieted:
        print(texts.INIT_OTHER_PLANS.format(plans=", ".join(report.plans_quieted)))
    for code, cell, text in report.unknown_agencies:
        print(texts.INIT_UNKNOWN.format(code=code, cell=texts.CELL[cell], text=text), file=sys.stderr)


def find_code(app, typed: str) -> str:
    """The plan's code the user meant (``3.ii`` → ``3.II``); CliError with suggestions otherwise."""
    try:
        codes = app.store.plan_codes(plan_slug=app.plan_slug)
    except NoPlan:
        raise CliError(texts.ERR_NO_PLAN) from None
    found = lookup(typed, codes)
    if found.code is None:
        msg = texts.ERR_UNKNOWN_CODE.format(typed=typed)
        if found.suggestions:
            msg += " " + texts.ERR_SUGGEST.format(codes=", ".join(found.suggestions))
        raise CliError(msg)
    return found.code


def cmd_plan_show(app, args: Namespace) -> int:
    app.require_schema()
    try:
        items = app.store.plan_items(plan_slug=app.plan_slug)
    except NoPlan:
        raise CliError(texts.ERR_NO_PLAN) from None
    if args.type:
        items = [i for i in items if i["type"] == args.type]
    if args.json:
        print_json(items)
        return 0
    rows = []
    today = app.clock.now().astimezone(app.settings.zone).date()
    for i in items:
        dl = i["deadline"]
        rows.append(
            (
                i["code"],
                _show_title(i),
                i["lead_text"].replace("\n", " ") or texts.NONE,
                texts.describe_deadline(
                    dl["kind"], _d(dl["due"]), _d(dl["start"]), dl["flags"], dl["recurrence"], dl.get("reason")
                ),
                _show_status(i, today),
            )
        )
    table(texts.PLAN_HEADERS, rows, limits=(9, 48, 36, 44, 16))
    return 0


def _show_title(i: dict) -> str:
    """An inspection names the unit inspected (issue 12 §3); other items their short title."""
    if i["type"] == INSPECTION:
        unit = ", ".join(i.get("subject") or []) or i.get("subject_text") or ""
        return reminder_texts.PLAN_INSPECTION.format(
            unit=unit, surprise=reminder_texts.SURPRISE if i.get("surprise") else ""
        )
    return i["title"]


def _show_status(i: dict, today: date) -> str:
    """ "quá hạn N ngày" for open work past its due date (issue 12 §3)."""
    due = _d(i["deadline"]["due"])
    if i["status"] in ("open", "in_progress") and due is not None and due < today:
        return reminder_texts.PLAN_OVERDUE.format(n=(today - due).days)
    return texts.STATUS[i["status"]]


def _d(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def cmd_set_due(app, args: Namespace) -> int:
    app.require_schema()
    due = parse_day(args.date)
    if due is None:
        raise CliError(texts.ERR_BAD_DATE.format(text=args.date))
    code = find_code(app, args.code)
    if app.store.item_deadline_kind(code=code, plan_slug=app.plan_slug) not in UNDATED_KINDS:  # gov: extensions
        raise CliError(texts.SET_DUE_DATED.format(code=code))
    plan = app.store.chat_context(channel="", chat_id="", plan_slug=app.plan_slug).plan
    start, end = plan_period(plan.year) if plan else (due, due)
    if outside_period(due, start, end) and not getattr(args, "yes", False):
        raise CliError(
            chat_texts.CLI_OUTSIDE_PLAN.format(
                date=texts.vn_date(due), start=texts.vn_date(start), end=texts.vn_date(end)
            )
        )
    try:
        dl = app.store.set_due(code=code, due=due, actor=args.actor, now=app.clock.now(), plan_slug=app.plan_slug)
    except UnknownItem:
        raise CliError(texts.ERR_UNKNOWN_CODE.format(typed=args.code)) from None
    if args.json:
        print_json({"code": code, "deadline": dl.to_dict()})
    else:
        print(
            texts.SET_DUE_OK.format(
                code=code, date=texts.vn_date(due), reading=texts.describe_deadline(dl.kind, dl.due, dl.start, dl.flags)
            )
        )
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
        print(
            f"{d['text']} → {d['kind']}: "
            + texts.describe_deadline(
                d["kind"], _d(d["due"]), _d(d["start"]), d["flags"], d["recurrence"], d["reason"], details=d
            )
        )
    return 0


def cmd_resolve_agencies(app, args: Namespace) -> int:
    directory: Directory = _current_directory(app, args.agencies)
    on = parse_day(args.on) if args.on else None
    res = directory.resolve(args.cell, on)
    data = {
        "agencies": [directory.agencies[k].name for k in res.agencies],
        "groups": [directory.groups[g].name for g in res.groups],
        "unresolved": [u.text for u in res.unresolved]
        + [
            chat_texts.CLI_EMPTY_GROUP_UNRESOLVED.format(group=directory.groups[g].name)
            for g in res.groups
            if not directory.members(g)
        ],
    }
    if args.json:
        print_json(data)
        return 0
    print(f"{texts.RESOLVE_AGENCIES}: {', '.join(data['agencies']) or texts.NONE}")
    groups = [f"{directory.groups[g].name} ({len(directory.members(g))})" for g in res.groups]
    print(f"{texts.RESOLVE_GROUPS}: {', '.join(groups) or texts.NONE}")
    print(f"{texts.RESOLVE_UNRESOLVED}: {'; '.join(data['unresolved']) or texts.NONE}")
    return 0


def _current_directory(app, given: str | None) -> Directory:
    """The directory given, else the one ``init`` recorded in the database, else the settings' file."""
    if given:
        return load_directory(given)
    try:
        recorded = recorded_files(app.store, plan_slug=app.plan_slug)
    except DatabaseUnusable:
        recorded = None
    if recorded is not None:
        return read_directory(recorded[1])[0]
    return load_directory(app.settings.agencies_file)
