"""Every coordinators' report built from plain data (``bot.domain.report_data.ReportData``), no database.

The caller loads the data once through the store (``store.report_data(plan_slug=…, zone=…)``, with
``with_history=True`` for the workbook) and passes it here:

- ``report(data, today) -> (title, text, png)``      /baocao: text summary and progress chart
- ``export(data, today) -> (xlsx bytes, rows)``       /xuatbaocao and ``nhacviec export``
- ``letter(data, today, agency=None) -> (docx bytes | None, agencies, items)``   ``draft-reminder``
- ``overdue_by_agency(data, today, agency=None)``     the letter's table, most overdue agency first
"""

from __future__ import annotations

from datetime import date

from bot.domain.report_data import ReportData, tally_rows
from bot.domain.report_text import report_text
from bot.domain.tally import Tally
from bot.domain.texts import letter as L
from bot.domain.texts import vn_date


def tally(data: ReportData, today: date) -> Tally:
    """The tally of the lead assignments on ``today``."""
    return Tally.of(tally_rows(data.rows), today)


def report(data: ReportData, today: date) -> tuple[str, str, bytes]:
    """(title, text, chart PNG) for /baocao."""
    from bot.reports.chart import progress_chart  # matplotlib is heavy: loaded when a chart is drawn

    t = tally(data, today)
    soon = [(r["code"], r["agency"], r["due"]) for r in data.rows if r["status"] != "done" and r["due"]]
    title, text = report_text(t, soon, today, data.plan.year)
    return title, text, progress_chart(t, today)


def export(data: ReportData, today: date) -> tuple[bytes, int]:
    """(workbook bytes, number of assignment rows); ``data.history`` fills the log sheet."""
    from bot.reports.workbook import workbook  # openpyxl is heavy: loaded when a workbook is written

    return workbook(data.rows, data.history, data.subjects, today), len(data.rows)


def overdue_by_agency(data: ReportData, today: date, agency: str | None = None) -> list[tuple[str, list]]:
    """Overdue (non-inspection) work per agency name (``OverdueLine``s), the agency with most overdue first."""
    from bot.reports.letter import OverdueLine  # python-docx is heavy: loaded when a letter is drafted

    out: dict[str, list] = {}
    for r in data.rows:
        if r["status"] == "done" or r["due"] is None or r["due"] >= today or r["type"] == "inspection":
            continue
        if agency and r["agency"] != agency:
            continue
        out.setdefault(r["agency"], []).append(OverdueLine(r["code"], r["content"], r["deadline_text"], r["due"],
                                                           r["product"]))
    return sorted(out.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def letter(data: ReportData, today: date, agency: str | None = None) -> tuple[bytes | None, int, int]:
    """(draft letter DOCX, agencies, overdue items); (None, 0, 0) when nothing is overdue."""
    from bot.reports.letter import reminder_letter  # python-docx is heavy: loaded when a letter is drafted

    plan = data.plan
    agencies = overdue_by_agency(data, today, agency)
    if not agencies:
        return None, 0, 0
    decision = (L.DECISION.format(number=plan.decision_number, date=vn_date(plan.decision_date))
                if plan.decision_number and plan.decision_date
                else L.DECISION_BLANK.format(date_text=plan.decision_date_text))
    title = plan.title[:1].lower() + plan.title[1:] if plan.title else ""
    doc = reminder_letter(province=plan.province, plan_title=title, plan_year=plan.year, decision=decision,
                          today=today, agencies=agencies)
    return doc, len(agencies), sum(len(v) for _, v in agencies)
