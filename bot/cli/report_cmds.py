"""Report commands: report (the /baocao summary and chart), export (Excel workbook, ``--circulation``
without surprise inspections) and draft-reminder (a draft công văn đôn đốc; the coordinating office's own
overdue work goes to a separate internal list next to it, ``…-noi-bo.docx``)."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from bot.cli.officer_cmds import resolve_agency
from bot.cli.plan_cmds import CliError
from bot.domain import texts
from bot.domain.errors import NoPlan
from bot.domain.report_data import PeriodRules, ReportData
from bot.domain.texts import letter as letter_texts
from bot.files import load_calendar
from bot.reports import build


def _today(app):
    return app.clock.now().astimezone(app.settings.zone).date()


def _out_path(typed: str) -> Path:
    """The file to write; its folder must exist (a typo never creates folders), CliError otherwise."""
    out = Path(typed)
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise CliError(texts.ERR_OUT_FOLDER.format(folder=folder, file=out.name))
    if out.is_dir():
        raise CliError(texts.ERR_OUT_IS_FOLDER.format(path=out))
    return out


def _data(app, *, with_history: bool = False) -> ReportData:
    try:
        data = app.store.report_data(plan_slug=app.plan_slug, zone=app.settings.zone, with_history=with_history)
    except NoPlan:
        raise CliError(texts.ERR_NO_PLAN) from None
    data.rules = PeriodRules(app.period_due, app.settings.default_recurrence)  # recurring work's periods
    return data


def cmd_report(app, args: Namespace) -> int:
    """Print the /baocao summary ("Đến hạn trong 14 ngày" in working days); ``--chart FILE`` saves the chart."""
    if getattr(args, "chart", None):
        _out_path(args.chart)
    app.require_schema()
    calendar = load_calendar(app.settings.calendar_file)
    title, text, png = build.report(_data(app), _today(app), calendar=calendar)
    print(title)
    print(text)
    if getattr(args, "chart", None):
        _out_path(args.chart).write_bytes(png)
    return 0


def cmd_export(app, args: Namespace) -> int:
    out = _out_path(args.out)
    app.require_schema()
    circulation = bool(getattr(args, "circulation", False))
    data, n = build.export(_data(app, with_history=True), _today(app), circulation=circulation)
    out.write_bytes(data)
    print((letter_texts.EXPORT_CIRCULATION_OK if circulation else letter_texts.EXPORT_OK).format(rows=n, file=out))
    return 0


def _internal_path(out: Path) -> Path:
    return out.with_name(f"{out.stem}-noi-bo{out.suffix or '.docx'}")


def cmd_draft_reminder(app, args: Namespace) -> int:
    """The draft công văn (and the office's internal list); nothing overdue is an answer, not a failure (0)."""
    out = _out_path(args.out)
    app.require_schema()
    today = _today(app)
    agency = resolve_agency(app, args.agency).name if args.agency else None
    data = _data(app)
    doc, n, items = build.letter(data, today, agency)
    own, own_items = build.internal_list(data, today)
    office = next((r["agency"] for r in data.rows if r.get("agency_kind") == build.OFFICE_KIND), "")
    if agency and agency != office:
        own = None
    if doc is None and own is None:
        print(letter_texts.DRAFT_NONE.format(date=texts.vn_date(today), who=f" của {agency}" if agency else ""))
        return 0
    if doc is not None:
        out.write_bytes(doc)
        print(letter_texts.DRAFT_OK.format(n=n, items=items, file=out))
    if own is not None:
        internal = out if doc is None else _internal_path(out)
        internal.write_bytes(own)
        print(
            letter_texts.DRAFT_INTERNAL_OK.format(
                office=office, items=own_items, head=data.plan.settings.head, file=internal
            )
        )
    return 0
