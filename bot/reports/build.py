"""Gathering the data once and producing every report: text, chart, workbook, letter."""

from __future__ import annotations

from datetime import date, tzinfo

from sqlmodel import Session

from bot.domain.chat_records import ReportData
from bot.domain.report_text import report_text
from bot.domain.tally import Tally
from bot.domain.texts import letter as L
from bot.domain.texts import vn_date
from storage import reports as data
from storage.models import PlanRow


def _tally(rows: list[dict], today: date) -> Tally:
    return Tally.of(data.tally_rows(rows), today)


def report(session: Session, *, plan_id: int, zone: tzinfo, today: date) -> tuple[str, str, bytes]:
    """(title, text, chart PNG) for /baocao."""
    plan = session.get(PlanRow, plan_id)
    return report_of(ReportData(plan.year, tuple(data.lead_rows(session, plan_id=plan_id, zone=zone))),
                     today=today)


def report_of(report_data: ReportData, *, today: date) -> tuple[str, str, bytes]:
    """(title, text, chart PNG) for /baocao, from the data the store gathered (no database)."""
    from bot.reports.chart import progress_chart

    rows = list(report_data.rows)
    tally = _tally(rows, today)
    soon = [(r["code"], r["agency"], r["due"]) for r in rows if r["status"] != "done" and r["due"]]
    title, text = report_text(tally, soon, today, report_data.year)
    return title, text, progress_chart(tally, today)


def export(session: Session, *, plan_id: int, zone: tzinfo, today: date) -> tuple[bytes, int]:
    rows = tuple(data.lead_rows(session, plan_id=plan_id, zone=zone))
    return export_of(ReportData(0, rows, tuple(data.history(session, plan_id=plan_id, zone=zone)),
                                data.subjects(session, plan_id=plan_id)), today=today)


def export_of(report_data: ReportData, *, today: date) -> tuple[bytes, int]:
    """(workbook bytes, number of lead rows) for /xuatbaocao, from the data the store gathered."""
    from bot.reports.workbook import workbook

    rows = list(report_data.rows)
    return workbook(rows, list(report_data.history), report_data.subjects, today), len(rows)


def overdue_by_agency(session: Session, *, plan_id: int, zone: tzinfo, today: date,
                      agency: str | None = None) -> list[tuple[str, list]]:
    from bot.reports.letter import OverdueLine

    out: dict[str, list] = {}
    for r in data.lead_rows(session, plan_id=plan_id, zone=zone):
        if r["status"] == "done" or r["due"] is None or r["due"] >= today or r["type"] == "inspection":
            continue
        if agency and r["agency"] != agency:
            continue
        out.setdefault(r["agency"], []).append(OverdueLine(r["code"], r["content"], r["deadline_text"], r["due"],
                                                           r["product"]))
    return sorted(out.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def letter(session: Session, *, plan_id: int, zone: tzinfo, today: date, agency: str | None = None) -> tuple[bytes | None, int, int]:
    from bot.reports.letter import reminder_letter

    plan = session.get(PlanRow, plan_id)
    agencies = overdue_by_agency(session, plan_id=plan_id, zone=zone, today=today, agency=agency)
    if not agencies:
        return None, 0, 0
    decision = (L.DECISION.format(number=plan.decision_number, date=vn_date(plan.decision_date))
                if plan.decision_number and plan.decision_date
                else L.DECISION_BLANK.format(date_text=plan.decision_date_text))
    title = plan.title[:1].lower() + plan.title[1:] if plan.title else ""
    doc = reminder_letter(province=plan.province, plan_title=title, plan_year=plan.year, decision=decision,
                          today=today, agencies=agencies)
    return doc, len(agencies), sum(len(v) for _, v in agencies)
