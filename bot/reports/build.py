"""Every coordinators' report built from plain data (``bot.domain.report_data.ReportData``), no database.

The caller loads the data once through the store (``store.report_data(plan_slug=…, zone=…)``, with
``with_history=True`` for the workbook) and passes it here:

- ``report(data, today, *, calendar=None) -> (title, text, png)``    /baocao: summary and progress chart
- ``export(data, today, *, circulation=False) -> (xlsx bytes, rows)``  /xuatbaocao and ``nhacviec export``
- ``letter(data, today, agency=None) -> (docx bytes | None, agencies, items)``   ``draft-reminder``
- ``internal_list(data, today) -> (docx bytes | None, items)``   the coordinating office's own overdue work
- ``overdue_by_agency(data, today, agency=None)``   the letter's appendix, agencies in official order

"Đến hạn trong 14 ngày" counts working days with the reminders' ``WorkCalendar`` when one is given
(``calendar=``), else plain calendar days (and says so).
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain import texts
from bot.domain.report_data import ReportData, period_rows, period_rules_of, tally_rows
from bot.domain.report_text import cite, official_order, plan_words, product_words, report_text
from bot.domain.tally import Tally
from bot.domain.workdays import WorkCalendar

SOON_DAYS = 14
OFFICE_KIND = "province_office"


def with_rules(data: ReportData, config) -> ReportData:
    """``data`` with recurring work's period rules from a configuration carrying ``period_due`` and
    ``default_recurrence`` (the chat's CoreConfig, the web desk's); unchanged when it has none."""
    data.rules = period_rules_of(config)
    return data


def tally(data: ReportData, today: date) -> Tally:
    """The tally of the lead assignments on ``today``."""
    return Tally.of(tally_rows(data.rows, today, data.rules), today)


def horizon(today: date, calendar: WorkCalendar | None, days: int = SOON_DAYS) -> date:
    """The last day of "due within ``days`` days": working days with a calendar, else calendar days."""
    return calendar.add_working_days(today, days) if calendar is not None else today + timedelta(days=days)


def report(data: ReportData, today: date, *, calendar: WorkCalendar | None = None) -> tuple[str, str, bytes]:
    """(title, text, chart PNG) for /baocao."""
    from bot.reports.chart import progress_chart, shown_agencies  # matplotlib is heavy: loaded when drawn

    t = tally(data, today)
    order = [a for a, _ in official_order(data.rows)]
    shown, rest = shown_agencies(t, order)
    soon = [(r["code"], r["agency"], r["due"]) for r in data.rows if r["status"] != "done" and r["due"]]
    title, text = report_text(
        t,
        soon,
        today,
        data.plan.year,
        horizon=horizon(today, calendar),
        days=SOON_DAYS,
        working_days=calendar is not None,
        chart=(len(shown), rest),
    )
    text += extensions_line(data)
    return title, text, progress_chart(t, today, order)


def extensions_line(data: ReportData) -> str:
    """The report's line counting approved extensions ("" when there is none)."""
    rows = [r for r in data.rows if r.get("extensions")]
    return "\n" + texts.EXTENSIONS_LINE.format(rows=len(rows), items=len({r["item_id"] for r in rows})) if rows else ""


def export(data: ReportData, today: date, *, circulation: bool = False) -> tuple[bytes, int]:
    """(workbook bytes, number of assignment rows); ``data.history`` fills the log sheet. ``circulation``
    leaves out surprise inspections (the full workbook is marked internal)."""
    from bot.reports.workbook import workbook  # openpyxl is heavy: loaded when a workbook is written

    if circulation:
        data = data.for_circulation()
    return workbook(data, today, circulation=circulation), len(data.rows)


def _overdue(r: dict, today: date) -> bool:
    return r["status"] != "done" and r["due"] is not None and r["due"] < today and r["type"] != "inspection"


def overdue_by_agency(
    data: ReportData, today: date, agency: str | None = None, *, office: bool | None = False
) -> list[tuple[str, list]]:
    """Overdue (non-inspection) work per agency (``OverdueLine``s), agencies in the directory's official
    order. ``office=False`` leaves out the coordinating office (the letter's issuer), ``True`` keeps only it,
    ``None`` keeps everyone."""
    from bot.reports.letter import OverdueLine  # python-docx is heavy: loaded when a letter is drafted

    out: dict[str, list] = {}
    for r in data.rows:
        if agency and r["agency"] != agency:
            continue
        if office is not None and (r.get("agency_kind") == OFFICE_KIND) != office:
            continue
        missed = [p for p in period_rows(r, today, data.rules) if p.status != "done" and p.due < today]
        if missed:  # recurring work: one line naming every period not reported, dated by the oldest
            out.setdefault(r["agency"], []).append(
                OverdueLine(
                    r["code"],
                    cite(r),
                    plan_words(r),
                    r["deadline_text"],
                    missed[0].due,
                    product_words(r),
                    tuple(p.period for p in missed),
                )
            )
        elif _overdue(r, today):
            out.setdefault(r["agency"], []).append(
                OverdueLine(r["code"], cite(r), plan_words(r), r["deadline_text"], r["due"], product_words(r))
            )
    order = [a for a, _ in official_order(data.rows)]
    return [(a, out[a]) for a in order if a in out]


def letter(data: ReportData, today: date, agency: str | None = None) -> tuple[bytes | None, int, int]:
    """(draft letter DOCX, agencies, overdue items); (None, 0, 0) when no other agency has overdue work.
    The coordinating office never writes to itself: its own work is in ``internal_list``."""
    from bot.reports.letter import reminder_letter  # python-docx is heavy: loaded when a letter is drafted

    agencies = overdue_by_agency(data, today, agency)
    if not agencies:
        return None, 0, 0
    doc = reminder_letter(plan=data.plan, today=today, agencies=agencies)
    return doc, len(agencies), sum(len(v) for _, v in agencies)


def internal_list(data: ReportData, today: date) -> tuple[bytes | None, int]:
    """(DOCX, items): the coordinating office's own overdue work, listed for its head; (None, 0) when none."""
    from bot.reports.letter import office_list  # python-docx is heavy: loaded when a letter is drafted

    own = overdue_by_agency(data, today, office=True)
    if not own:
        return None, 0
    lines = [line for _, v in own for line in v]
    return office_list(plan=data.plan, today=today, office=own[0][0], lines=lines), len(lines)
