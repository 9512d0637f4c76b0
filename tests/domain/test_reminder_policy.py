"""The reminder ladder on chosen dates, for every kind of deadline (pure, fixed dates)."""

from __future__ import annotations

from datetime import date as D
from datetime import timedelta

import pytest

from bot.domain import reminders as R
from bot.domain.reminders import ReminderPolicy, Work
from config.settings import DEFAULT_CALENDAR
from bot.files import load_calendar

P = ReminderPolicy()


@pytest.fixture(scope="module")
def cal():
    return load_calendar(DEFAULT_CALENDAR)


def timeline(cal, w: Work, start: D, end: D, escalations: bool = False) -> dict[D, list[tuple[str, str]]]:
    out, d = {}, start
    while d <= end:
        rs = R.reminders_for(w, d, cal, P) + (R.escalations_for(w, d, cal, P) if escalations else [])
        if rs:
            out[d] = [(r.kind, r.slot) for r in rs]
        d += timedelta(days=1)
    return out


def test_date_item_ladder_with_the_30_4_holidays(cal):
    # PL1.1: "Trước ngày 31/5/2023"; 1–3/5/2023 are holidays, so 14 working days before is 11/5.
    w = Work(1, 1, "lead", "date", D(2023, 5, 31))
    got = timeline(cal, w, D(2023, 4, 1), D(2023, 6, 16), escalations=True)
    assert got == {
        D(2023, 5, 11): [("upcoming", "d-14")],
        D(2023, 5, 22): [("upcoming", "d-7")],
        D(2023, 5, 26): [("upcoming", "d-3")],
        D(2023, 5, 30): [("upcoming", "d-1")],
        D(2023, 5, 31): [("due", "d0")],
        D(2023, 6, 1): [("overdue", "d+1")],
        D(2023, 6, 6): [("overdue", "d+4")],
        D(2023, 6, 9): [("overdue", "d+7"), ("escalation", "e0")],
        D(2023, 6, 14): [("overdue", "d+10")],
        D(2023, 6, 16): [("escalation", "e1")],
    }


def test_window_item_starts_and_moves_around_tet_2023(cal):
    # 5.III "Quý I năm 2023": 1/1 is a Sunday and 2/1 a holiday, so "bắt đầu" goes out on 3/1.
    w = Work(2, 1, "lead", "window", D(2023, 3, 31), start=D(2023, 1, 1))
    got = timeline(cal, w, D(2023, 1, 1), D(2023, 4, 5))
    assert got[D(2023, 1, 3)] == [("start", "s2023-01-01")]
    assert got[D(2023, 3, 31)] == [("due", "d0")] and got[D(2023, 4, 3)] == [("overdue", "d+1")]
    # counting skips Tết: an item due 3/2/2023 gets its 7-working-day reminder on 18/1, its 3-day one on 31/1
    w2 = Work(3, 1, "lead", "date", D(2023, 2, 3))
    got2 = timeline(cal, w2, D(2023, 1, 1), D(2023, 2, 3))
    assert got2[D(2023, 1, 18)] == [("upcoming", "d-7")] and got2[D(2023, 1, 31)] == [("upcoming", "d-3")]
    assert not any(D(2023, 1, 20) <= d <= D(2023, 1, 26) for d in got2)


def test_due_day_on_a_holiday_moves_earlier_and_overdue_later(cal):
    w = Work(4, 1, "lead", "date", D(2023, 5, 1))  # due on a holiday
    got = timeline(cal, w, D(2023, 4, 25), D(2023, 5, 10))
    assert got[D(2023, 4, 28)] == [("due", "d0")]
    assert got[D(2023, 5, 4)] == [("overdue", "d+1")]
    assert D(2023, 5, 1) not in got and D(2023, 5, 2) not in got


def test_ongoing_item_monthly_check_in_and_no_deadline(cal):
    w = Work(5, 1, "lead", "ongoing", D(2023, 12, 31))
    got = timeline(cal, w, D(2023, 1, 1), D(2024, 1, 5))
    checkins = [d for d, v in got.items() if ("checkin", f"c{d:%Y-%m}") in v]
    assert checkins[:3] == [D(2023, 1, 3), D(2023, 2, 1), D(2023, 3, 1)]
    assert D(2023, 9, 5) in checkins and len(checkins) == 12
    # ongoing work is not a deadline: no due-day reminder at the end of the plan, nothing overdue after it
    assert all(k == "checkin" for v in got.values() for k, _ in v)
    assert not any(d.year == 2024 for d in got)


def test_recurring_item_reminds_before_each_quarter(cal):
    # 5.IV "Định kỳ hoặc đột xuất trong năm 2023": no period named, so quarterly by default.
    w = Work(6, 1, "lead", "recurring", D(2023, 12, 31), start=D(2023, 1, 1), freq=None)
    got = timeline(cal, w, D(2023, 1, 1), D(2023, 12, 31))
    dues = sorted(d for d, v in got.items() if any(k == "due" for k, _ in v))
    assert dues == [D(2023, 3, 31), D(2023, 6, 30), D(2023, 9, 29), D(2023, 12, 29)]
    monthly = Work(7, 1, "lead", "recurring", D(2023, 12, 31), start=D(2023, 1, 1), freq="monthly", day=20)
    due_days = [
        d for d, v in timeline(cal, monthly, D(2023, 1, 1), D(2023, 12, 31)).items() if any(k == "due" for k, _ in v)
    ]
    assert due_days[:3] == [D(2023, 1, 19), D(2023, 2, 20), D(2023, 3, 20)]  # 20/1/2023 is in Tết


def test_unspecified_and_flagged_items_send_nothing_to_officers(cal):
    for w in (
        Work(8, 1, "lead", "unspecified", None, blocked=True),
        Work(9, 1, "lead", "ongoing", D(2022, 12, 31), blocked=True),
    ):  # 2.IV's 2022 typo
        assert timeline(cal, w, D(2023, 1, 1), D(2023, 12, 31), escalations=True) == {}


def test_review_deadline_follows_the_same_ladder(cal):
    w = Work(10, 2, "lead", "date", D(2023, 7, 31))  # PL1.14
    got = timeline(cal, w, D(2023, 7, 1), D(2023, 8, 1))
    assert [k for v in got.values() for k, _ in v] == ["upcoming", "upcoming", "upcoming", "upcoming", "due", "overdue"]


def test_coordinating_agency_gets_one_heads_up(cal):
    w = Work(11, 3, "coordinating", "date", D(2023, 5, 31))
    assert timeline(cal, w, D(2023, 4, 1), D(2023, 7, 1), escalations=True) == {D(2023, 5, 22): [("heads_up", "h")]}


def test_inspection_notice_and_surprise(cal):
    announced = Work(12, 4, "subject", "date", D(2023, 9, 15), scheduled=D(2023, 9, 15))
    assert timeline(cal, announced, D(2023, 8, 1), D(2023, 9, 30)) == {
        D(2023, 9, 6): [("inspection", "i2023-09-15")]
    }  # 7 working days before, across Quốc khánh
    surprise = Work(13, 5, "subject", "date", D(2023, 9, 15), scheduled=D(2023, 9, 15), surprise=True)
    assert timeline(cal, surprise, D(2023, 8, 1), D(2023, 9, 30)) == {}


def test_nothing_for_closed_work_or_on_non_working_days(cal):
    w = Work(14, 1, "lead", "date", D(2023, 5, 31), done=True)
    assert timeline(cal, w, D(2023, 5, 1), D(2023, 7, 1), escalations=True) == {}
    w = Work(15, 1, "lead", "date", D(2023, 5, 31))
    assert R.reminders_for(w, D(2023, 5, 27), cal, P) == []  # Saturday
    assert R.trigger_dates(D(2023, 1, 24), cal, P) == set()  # Tết


def test_trigger_dates_cover_every_reminder(cal):
    """The sweep loads rows by trigger date: no reminder may hide outside that set."""
    day = D(2023, 6, 9)
    triggers = R.trigger_dates(day, cal, P)
    for offset in range(-400, 60):
        due = day + timedelta(days=offset)
        lead = R.reminders_for(Work(1, 1, "lead", "date", due), day, cal, P)
        lead += R.escalations_for(Work(1, 1, "lead", "date", due), day, cal, P)
        coord = R.reminders_for(Work(1, 1, "coordinating", "date", due), day, cal, P)
        if lead or coord:
            assert due in triggers, due


def test_policy_numbers_are_settings(cal):
    p = ReminderPolicy(before=(5,), overdue_every=1, escalate_after=2)
    w = Work(1, 1, "lead", "date", D(2023, 5, 31))
    d = D(2023, 5, 24)
    assert [r.kind for r in R.reminders_for(w, d, cal, p)] == ["upcoming"]
    assert [r.kind for r in R.reminders_for(w, D(2023, 6, 2), cal, p)] == ["overdue"]
    assert [r.slot for r in R.escalations_for(w, D(2023, 6, 2), cal, p)] == ["e0"]


def test_day_tables_agree_with_the_full_policy(cal):
    """The sweep's table lookup gives exactly what reminders_for and escalations_for give."""
    for day in (D(2023, 1, 3), D(2023, 5, 4), D(2023, 6, 9), D(2023, 9, 5), D(2024, 1, 2)):
        tables = R.day_tables(day, cal, P)
        for offset in range(-300, 40):
            due = day + timedelta(days=offset)
            for role in ("lead", "coordinating"):
                w = Work(1, 2, role, "date", due, assignment_id=9)
                officer, coordinator = R.plain_reminders(w, tables)
                assert officer == R.reminders_for(w, day, cal, P), (day, due, role)
                assert coordinator == R.escalations_for(w, day, cal, P), (day, due, role)
