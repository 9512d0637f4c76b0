"""Issue 10 §1: the tally, the workbook and the draft letter count recurring work by occurrence (pure, no
database): a quarterly report is four rows a year, each on time or late, and only periods already due on the
report date count."""

from __future__ import annotations

import io
from datetime import date as D

from docx import Document
from openpyxl import load_workbook

from bot.domain.periods import DueDefaults, DueRule
from bot.domain.report_data import PeriodRules, PlanMeta, ReportData, period_rows, tally_rows
from bot.domain.tally import DONE_LATE, DONE_ON_TIME, IN_PROGRESS, ONGOING, OVERDUE, Tally, state
from bot.reports import build

QUARTERLY = {"kind": "recurring", "recurrence": {"freq": "quarterly"}, "due": "2023-12-31"}


def _row(code="5.IV", agency="Sở Tư pháp", *, occurrences=None, status="open", kind="recurring", due=D(2023, 12, 31)):
    return {
        "assignment_id": 1 if agency == "Sở Tư pháp" else 2,
        "status": status,
        "due": due,
        "closed_on": None,
        "closed_by": "",
        "note": "",
        "agency": agency,
        "agency_id": 3 if agency == "Sở Tư pháp" else 4,
        "agency_kind": "department",
        "item_id": 9,
        "code": code,
        "type": "task",
        "content": "Báo cáo định kỳ về tình hình kiểm soát TTHC.",
        "lead_text": "Các Sở",
        "coordinating_text": "",
        "deadline_text": "Định kỳ hoặc đột xuất trong năm 2023",
        "kind": kind,
        "start": None,
        "product": "Báo cáo",
        "position": 1,
        "deadline": dict(QUARTERLY),
        "fields": "",
        "subject": "",
        "surprise": False,
        "inspection_date": None,
        "section": "IV",
        "section_title": "Chế độ báo cáo",
        "occurrences": occurrences or {},
    }


def _done(day: D, note: str = "") -> dict:
    return {"closed_on": day, "note": note, "status": "done"}


JUSTICE = _row(
    occurrences={
        "2023-Q1": _done(D(2023, 3, 30)),  # on time
        "2023-Q2": _done(D(2023, 7, 3)),  # late (due 30/6)
    }
)
HEALTH = _row(agency="Sở Y tế")  # nothing reported
PLAN = PlanMeta("hd-2023", 2023, "Hải Dương", "Kế hoạch kiểm soát thủ tục hành chính năm 2023")


def test_only_periods_already_due_count_each_on_time_or_late():
    units = period_rows(JUSTICE, D(2023, 10, 16), PeriodRules())
    assert [(u.period, u.due, state(u, D(2023, 10, 16))) for u in units] == [
        ("quý I/2023", D(2023, 3, 31), DONE_ON_TIME),
        ("quý II/2023", D(2023, 6, 30), DONE_LATE),
        ("quý III/2023", D(2023, 9, 30), OVERDUE),
    ]  # quý IV (due 31/12) is not due yet: not counted
    assert [u.period for u in period_rows(JUSTICE, D(2023, 9, 30), PeriodRules())][-1] == "quý III/2023"
    assert state(period_rows(HEALTH, D(2023, 9, 30), PeriodRules())[-1], D(2023, 9, 30)) == IN_PROGRESS  # due today


def test_a_year_is_four_rows_and_the_assignment_takes_its_least_advanced_period():
    year_end = D(2024, 1, 15)
    t = Tally.of(tally_rows([JUSTICE, HEALTH], year_end), year_end)
    assert t.assignments == 8 and t.item_count == 1
    assert dict(t.by_agency["Sở Tư pháp"]) == {DONE_ON_TIME: 1, DONE_LATE: 1, OVERDUE: 2}
    assert dict(t.by_agency["Sở Y tế"]) == {OVERDUE: 4}
    assert [state(r, year_end) for r in tally_rows([JUSTICE], year_end)] == [OVERDUE]
    everything = _row(occurrences={f"2023-Q{q}": _done(D(2023, 3 * q, 1)) for q in range(1, 5)})
    assert Tally.of(tally_rows([everything], year_end), year_end).total == {DONE_ON_TIME: 4}


def test_before_its_first_period_is_due_the_work_is_ongoing_and_without_today_one_row():
    january = D(2023, 1, 20)
    t = Tally.of(tally_rows([HEALTH], january), january)
    assert dict(t.total) == {ONGOING: 1}
    assert Tally.of(tally_rows([HEALTH]), D(2023, 10, 1)).total == {ONGOING: 1}  # no date given: as before
    closed_whole = _row(status="done")  # closed as a whole (before periods existed): one row, as before
    assert period_rows(closed_whole, D(2023, 10, 1), PeriodRules()) == ()


def test_period_rules_from_the_settings_move_the_due_dates():
    rules = PeriodRules(DueDefaults(quarterly=DueRule.parse("15+1")), "quarterly")  # the 15th after the quarter
    units = period_rows(HEALTH, D(2023, 7, 15), rules)
    assert [(u.period, u.due) for u in units] == [("quý I/2023", D(2023, 4, 15)), ("quý II/2023", D(2023, 7, 15))]
    monthly = PeriodRules(DueDefaults(), "monthly")
    undated = _row(agency="Sở Y tế")
    undated["deadline"] = {"kind": "recurring", "due": "2023-12-31"}  # "Định kỳ": no cadence named
    assert len(period_rows(undated, D(2023, 3, 31), monthly)) == 3


def test_workbook_has_one_row_per_period_with_its_state_and_date():
    data = ReportData(PLAN, [JUSTICE, HEALTH])
    blob, n = build.export(data, D(2023, 10, 16))
    assert n == 2
    ws = load_workbook(io.BytesIO(blob))["Nhiệm vụ"]
    rows = [r for r in ws.iter_rows(min_row=6, values_only=True) if r[0] == "5.IV"]
    justice = [(r[7], r[8].date(), r[9], r[10].date() if r[10] else None) for r in rows if r[5] == "Sở Tư pháp"]
    assert justice == [
        ("định kỳ quý I/2023 (hạn 31/3/2023)", D(2023, 3, 31), "Hoàn thành đúng hạn", D(2023, 3, 30)),
        ("định kỳ quý II/2023 (hạn 30/6/2023)", D(2023, 6, 30), "Hoàn thành quá hạn", D(2023, 7, 3)),
        ("định kỳ quý III/2023 (hạn 30/9/2023)", D(2023, 9, 30), "Quá hạn chưa hoàn thành", None),
    ]
    assert len(rows) == 6
    summary = {r[0]: r[1:5] for r in load_workbook(io.BytesIO(blob))["Tổng hợp"].iter_rows(values_only=True) if r[0]}
    assert summary["Tổng số"] == (1, 1, 6, 1)


def test_letter_lists_missed_periods_by_period_and_leaves_out_what_was_reported():
    data = ReportData(PLAN, [JUSTICE, HEALTH])
    lines = dict(build.overdue_by_agency(data, D(2023, 10, 16)))
    assert lines["Sở Tư pháp"][0].periods == ("quý III/2023",)
    assert lines["Sở Y tế"][0].periods == ("quý I/2023", "quý II/2023", "quý III/2023")
    assert lines["Sở Y tế"][0].due == D(2023, 3, 31)  # late since the oldest missed period
    blob, agencies, items = build.letter(data, D(2023, 10, 16))
    assert (agencies, items) == (2, 2)
    cells = [[c.text for c in row.cells] for row in Document(io.BytesIO(blob)).tables[2].rows]
    health = next(r for r in cells if r[3].endswith("quý I/2023, quý II/2023, quý III/2023"))
    assert (
        health[3] == "Định kỳ hoặc đột xuất trong năm 2023\nCác kỳ chưa báo cáo: quý I/2023, quý II/2023, quý III/2023"
    )
    assert build.letter(ReportData(PLAN, [JUSTICE]), D(2023, 7, 3))[0] is None  # quý I and II reported


def test_report_summary_counts_occurrences():
    _, text, _ = build.report(ReportData(PLAN, [JUSTICE, HEALTH]), D(2023, 10, 16))
    assert "Tổng số: 1 nhiệm vụ, 6 lượt giao cơ quan chủ trì." in text
    assert "   - Quá hạn: 1 nhiệm vụ (100,0%); 4 lượt (66,7%)" in text
