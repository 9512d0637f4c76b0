"""Report commands: export (Excel workbook) and draft-reminder (a draft công văn đôn đốc)."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from bot.cli.officer_cmds import resolve_agency
from bot.cli.plan_cmds import CliError
from bot.domain import texts
from bot.domain.errors import NoPlan
from bot.domain.report_data import ReportData
from bot.domain.texts import letter as L
from bot.reports import build


def _today(app):
    return app.clock.now().astimezone(app.settings.zone).date()


def _data(app, *, with_history: bool = False) -> ReportData:
    try:
        return app.store.report_data(plan_slug=app.plan_slug, zone=app.settings.zone, with_history=with_history)
    except NoPlan:
        raise CliError(texts.ERR_NO_PLAN) from None


def cmd_export(app, args: Namespace) -> int:
    app.require_schema()
    data, n = build.export(_data(app, with_history=True), _today(app))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(L.EXPORT_OK.format(rows=n, file=out))
    return 0


def cmd_draft_reminder(app, args: Namespace) -> int:
    app.require_schema()
    today = _today(app)
    agency = resolve_agency(app, args.agency).name if args.agency else None
    doc, n, items = build.letter(_data(app), today, agency)
    if doc is None:
        raise CliError(L.DRAFT_NONE.format(date=texts.vn_date(today), who=f" của {agency}" if agency else ""))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(doc)
    print(L.DRAFT_OK.format(n=n, items=items, file=out))
    return 0
