"""Report commands: export (Excel workbook) and draft-reminder (a draft công văn đôn đốc)."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from sqlmodel import Session

from bot.cli.officer_cmds import _resolve_agency
from bot.cli.plan_cmds import CliError, _plan_id
from bot.domain import texts
from bot.domain.texts import letter as L
from bot.reports import build


def _today(app):
    return app.clock.now().astimezone(app.settings.zone).date()


def cmd_export(app, args: Namespace) -> int:
    app.require_schema()
    with Session(app.engine) as s:
        data, n = build.export(s, plan_id=_plan_id(app, s), zone=app.settings.zone, today=_today(app))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(L.EXPORT_OK.format(rows=n, file=out))
    return 0


def cmd_draft_reminder(app, args: Namespace) -> int:
    app.require_schema()
    today = _today(app)
    with Session(app.engine) as s:
        agency = _resolve_agency(app, s, args.agency).name if args.agency else None
        doc, n, items = build.letter(s, plan_id=_plan_id(app, s), zone=app.settings.zone, today=today, agency=agency)
    if doc is None:
        raise CliError(L.DRAFT_NONE.format(date=texts.vn_date(today), who=f" của {agency}" if agency else ""))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(doc)
    print(L.DRAFT_OK.format(n=n, items=items, file=out))
    return 0
