"""Holidays for any year: computed from the `holidays` library, the data file only adds the year's swaps."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.files.holidays_vn import announced, makeup_days, public_holidays, with_public_holidays, working_calendar
from bot.files.calendar_file import read_announced_calendar

DATA = Path(__file__).resolve().parents[2] / "data" / "calendar" / "vietnam.yaml"
D = date


def days(first: date, last: date):
    d = first
    while d <= last:
        yield d
        d += timedelta(days=1)


@pytest.fixture(scope="module")
def file_calendar():
    return read_announced_calendar(DATA)


@pytest.mark.parametrize(
    "year,tet",
    [
        (2027, [D(2027, 2, 4), D(2027, 2, 5), D(2027, 2, 8), D(2027, 2, 9), D(2027, 2, 10)]),
        (2028, [D(2028, 1, 24), D(2028, 1, 25), D(2028, 1, 26), D(2028, 1, 27), D(2028, 1, 28)]),
    ],
)
def test_tet_after_the_data_file_ends_is_not_a_working_day(file_calendar, year, tet):
    assert not announced(file_calendar, year)  # the data file knows nothing of this year
    assert all(file_calendar.is_working_day(d) for d in tet)  # so without the library Tết was "working"
    cal = with_public_holidays(file_calendar)
    assert not any(cal.is_working_day(d) for d in tet)
    assert cal.next_working_day(tet[0]) > tet[-1]


def test_hung_kings_day_follows_the_lunar_calendar():
    names = {h.start: h.name for h in public_holidays([2027, 2028])}
    assert names[D(2027, 4, 16)] == names[D(2028, 4, 4)] == "Ngày Giỗ Tổ Hùng Vương"
    assert names[D(2027, 2, 6)] == "Tết Nguyên Đán"


def test_computed_2023_2026_agree_with_the_data_file(file_calendar):
    """Every weekday off in the file is a computed holiday, except the bridge days only the file knows."""
    computed = working_calendar(years=range(2023, 2027))
    file_only = {
        d
        for d in days(D(2023, 1, 1), D(2026, 12, 31))
        if d.weekday() < 5 and not file_calendar.is_working_day(d) and computed.is_working_day(d)
    }
    assert file_only == {D(2026, 1, 2)}  # the 2026 New Year bridge day (announced swap)
    merged = with_public_holidays(file_calendar, range(2023, 2027))
    differ = {
        d for d in days(D(2023, 1, 1), D(2026, 12, 31)) if merged.is_working_day(d) != file_calendar.is_working_day(d)
    }
    # what the library knows beyond the file: the 2026 National Day swap and Vietnam Culture Day (24/11)
    assert differ == {D(2026, 8, 22), D(2026, 8, 31), D(2026, 11, 24)}
    assert not merged.is_working_day(D(2026, 8, 31)) and merged.is_working_day(D(2026, 8, 22))


def test_makeup_days_of_the_library_and_the_file_are_working_days(file_calendar):
    assert (D(2024, 5, 4), "Làm bù ngày 29/4/2024") in makeup_days([2024])
    merged = with_public_holidays(file_calendar)
    for d in (D(2024, 5, 4), D(2025, 4, 26), D(2026, 1, 10)):
        assert d.weekday() == 5 and merged.is_working_day(d)
