"""bot.domain.periods alone (pure): period keys and labels, due dates from the phrase or the cadence's
default, periods across years, open-ended spans, what /xong closes, and ongoing work's monthly check-ins."""

from __future__ import annotations

import dataclasses
from datetime import date as D

import pytest

from bot.domain.deadlines import parse_deadline
from bot.domain.period_work import PeriodWork
from bot.domain.periods import (
    DueDefaults,
    DueRule,
    assignment_periods,
    due_so_far,
    find_period,
    label_of,
    period_key,
    period_to_close,
    periods_of,
)
from bot.domain.recurrence import Recurrence
from bot.domain.reminder_kinds import ReminderKind
from bot.domain.reminders import ReminderPolicy, Work, reminders_for
from bot.domain.workdays import WorkCalendar


def _rec(text: str, year: int = 2026) -> Recurrence | None:
    return parse_deadline(text, year).recurrence


def _dues(rec, span_from=D(2026, 1, 1), span_to=D(2026, 12, 31), **kw) -> list[tuple[str, D]]:
    return [(p.key, p.due) for p in periods_of(rec, span_from, span_to, **kw)]


# --- keys and labels ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "freq, first, key, label",
    [
        ("monthly", D(2023, 9, 1), "2023-09", "tháng 9/2023"),
        ("quarterly", D(2023, 7, 1), "2023-Q3", "quý III/2023"),
        ("quarterly", D(2024, 10, 1), "2024-Q4", "quý IV/2024"),
        ("half_yearly", D(2023, 1, 1), "2023-H1", "6 tháng đầu năm 2023"),
        ("half_yearly", D(2023, 7, 1), "2023-H2", "6 tháng cuối năm 2023"),
        ("yearly", D(2027, 1, 1), "2027", "năm 2027"),
        ("weekly", D(2023, 1, 30), "2023-W05", "tuần 5/2023"),
    ],
)
def test_keys_and_vietnamese_labels(freq, first, key, label):
    assert period_key(freq, first) == key and label_of(key) == label


def test_an_unknown_key_is_shown_as_it_is():
    assert label_of("đợt 1") == "đợt 1" and label_of("") == ""


# --- due dates: from the phrase, else the cadence's default ---------------------------------------
def test_due_days_from_the_phrase():
    assert _dues(_rec("Trước ngày 20/10 hằng năm")) == [("2026", D(2026, 10, 20))]
    assert _dues(_rec("Định kỳ hằng quý, trước ngày 8 của tháng cuối quý"))[:2] == [
        ("2026-Q1", D(2026, 3, 8)),
        ("2026-Q2", D(2026, 6, 8)),
    ]
    assert _dues(_rec("trước ngày 5 của tháng đầu quý sau"))[-1] == ("2026-Q4", D(2027, 1, 5))  # into next year
    monthly = _dues(_rec("Hằng tháng trước ngày 22"))
    assert len(monthly) == 12 and monthly[1] == ("2026-02", D(2026, 2, 22))


def test_half_year_and_year_together_the_year_report_stands_for_the_second_half():
    rec = _rec("Định kỳ 6 tháng (trước ngày 12/6), năm (trước ngày 10/12)")
    assert _dues(rec) == [("2026-H1", D(2026, 6, 12)), ("2026", D(2026, 12, 10))]


def test_defaults_per_cadence_never_silently_31_12():
    quarterly = Recurrence(freq="quarterly")
    assert [d for _, d in _dues(quarterly)] == [D(2026, 3, 31), D(2026, 6, 30), D(2026, 9, 30), D(2026, 12, 31)]
    after = DueDefaults(quarterly=DueRule.parse("5+1"), monthly=DueRule.parse("25"))
    assert _dues(quarterly, defaults=after)[0] == ("2026-Q1", D(2026, 4, 5))
    assert _dues(Recurrence(freq="monthly"), defaults=after)[1] == ("2026-02", D(2026, 2, 25))
    assert _dues(Recurrence(freq="monthly"), defaults=DueDefaults(monthly=DueRule.parse("31")))[1][1] == D(2026, 2, 28)
    none_named = _rec("Định kỳ")  # no cadence: the DEFAULT_RECURRENCE setting
    assert (
        len(_dues(none_named, default_freq="quarterly")) == 4 and len(_dues(none_named, default_freq="monthly")) == 12
    )


@pytest.mark.parametrize("text", ["", "last", "cuối", "15", "5+1", " 10 + 1 "])
def test_due_rule_settings_read(text):
    rule = DueRule.parse(text)
    assert DueRule.parse(str(rule)) == rule


@pytest.mark.parametrize("bad", ["0", "32", "5+2", "cuoi thang", "x"])
def test_due_rule_settings_refused(bad):
    with pytest.raises(ValueError):
        DueRule.parse(bad)


# --- spans: across years, multi-year, open-ended --------------------------------------------------
def test_periods_cross_years_and_span_several():
    quarterly = Recurrence(freq="quarterly")
    assert [k for k, _ in _dues(quarterly, D(2026, 7, 1), D(2027, 3, 31))] == ["2026-Q3", "2026-Q4", "2027-Q1"]
    yearly = _dues(Recurrence(freq="yearly"), D(2026, 1, 1), D(2030, 12, 31))
    assert [k for k, _ in yearly] == ["2026", "2027", "2028", "2029", "2030"]
    assert _dues(quarterly, D(2026, 2, 15), D(2026, 5, 1))[0] == ("2026-Q1", D(2026, 3, 31))  # overlapping periods


def test_open_ended_spans_run_a_horizon_past_today():
    yearly = Recurrence(freq="yearly")
    first = periods_of(yearly, D(2027, 1, 1), None, until=D(2027, 6, 1))
    later = periods_of(yearly, D(2027, 1, 1), None, until=D(2031, 6, 1))
    assert [p.key for p in first] == ["2027", "2028"]  # 400 days past the day asked about
    assert [p.key for p in later][-1] == "2032" and len(later) == 6
    deadline = parse_deadline("từ năm 2027 trở đi, hằng năm", 2026).to_dict()
    assert deadline["open_ended"] is True
    periods = assignment_periods(
        deadline, D(2027, 1, 1), None, defaults=DueDefaults(), default_freq="quarterly", today=D(2029, 3, 1)
    )
    assert [p.key for p in due_so_far(periods, D(2029, 3, 1))] == ["2027", "2028"]


def test_assignment_periods_follow_the_reminders_span():
    deadline = {"recurrence": {"freq": "quarterly"}}
    periods = assignment_periods(
        deadline, None, D(2023, 12, 31), defaults=DueDefaults(), default_freq="quarterly", today=D(2023, 5, 1)
    )
    assert [p.key for p in periods] == ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]
    assert [p.key for p in due_so_far(periods, D(2023, 6, 30))] == ["2023-Q1", "2023-Q2"]  # due that day counts


# --- what /xong closes, and the periods a phrase names --------------------------------------------
def test_period_to_close_and_find_period():
    periods = periods_of(Recurrence(freq="quarterly"), D(2023, 1, 1), D(2023, 12, 31))
    assert period_to_close(periods, set(), D(2023, 6, 5)).key == "2023-Q2"  # the current one
    assert period_to_close(periods, {"2023-Q2"}, D(2023, 6, 5)).key == "2023-Q1"  # else the oldest open
    assert period_to_close(periods, {"2023-Q1", "2023-Q2"}, D(2023, 6, 5)) is None
    assert find_period(periods, "quý I Báo cáo số 5", D(2023, 6, 5))[0].key == "2023-Q1"
    assert find_period(periods, "quy 3/2023", D(2023, 6, 5))[0].key == "2023-Q3"  # without diacritics
    assert find_period(periods, "2023-Q4 xong", D(2023, 6, 5)) == (periods[3], "xong")
    assert find_period(periods, "Báo cáo số 5", D(2023, 6, 5)) == (None, "Báo cáo số 5")
    assert find_period(periods, "tháng 3", D(2023, 6, 5))[0] is None  # a period this duty does not have


def test_period_work_shows_the_oldest_missed_else_the_next():
    work = PeriodWork(
        1, 2, 3, "Sở Tư pháp", "5.IV", "Báo cáo", {"recurrence": {"freq": "quarterly"}}, None, D(2023, 12, 31)
    )
    rules = {"defaults": DueDefaults(), "default_freq": "quarterly"}
    assert work.current(today=D(2023, 9, 12), **rules).key == "2023-Q1"
    assert [p.key for p in work.missed(today=D(2023, 9, 12), **rules)] == ["2023-Q1", "2023-Q2"]
    done = dataclasses.replace(work, closed=frozenset({"2023-Q1", "2023-Q2"}))
    assert (
        done.current(today=D(2023, 9, 12), **rules).key == "2023-Q3"
        and done.missed(today=D(2023, 9, 12), **rules) == []
    )


# --- ongoing work: monthly check-ins, never overdue -----------------------------------------------
def test_ongoing_work_is_a_monthly_check_in_never_overdue():
    cal, policy = WorkCalendar(), ReminderPolicy()
    ongoing = Work(1, 2, "lead", "ongoing", D(2030, 12, 31), D(2026, 1, 1))
    assert [r.kind for r in reminders_for(ongoing, D(2026, 3, 2), cal, policy)] == [ReminderKind.CHECKIN]
    assert reminders_for(ongoing, D(2026, 3, 3), cal, policy) == []  # once a month, its first working day
    assert reminders_for(ongoing, D(2031, 2, 3), cal, policy) == []  # past its end: nothing, never "overdue"
    open_ended = Work(1, 2, "lead", "ongoing", None, D(2026, 1, 1), open_ended=True)
    assert [r.slot for r in reminders_for(open_ended, D(2032, 6, 1), cal, policy)] == ["c2032-06"]
    not_started = Work(1, 2, "lead", "ongoing", D(2030, 12, 31), D(2027, 1, 1))
    assert all(r.kind is not ReminderKind.CHECKIN for r in reminders_for(not_started, D(2026, 6, 1), cal, policy))
