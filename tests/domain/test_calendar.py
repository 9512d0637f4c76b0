"""The working-day calendar: Vietnam's 2023 holidays and make-up days, counting and shifting."""

from datetime import date as D

import pytest

from config.settings import DEFAULT_CALENDAR
from bot.files import DataFileError, load_calendar


@pytest.fixture(scope="module")
def cal():
    return load_calendar(DEFAULT_CALENDAR)


@pytest.mark.parametrize(
    "day,working",
    [
        (D(2023, 1, 2), False),  # Tết Dương lịch, moved from Sunday 1/1
        (D(2023, 1, 3), True),
        (D(2023, 1, 19), True),
        (D(2023, 1, 20), False),
        (D(2023, 1, 26), False),
        (D(2023, 1, 27), True),  # Tết
        (D(2023, 4, 28), True),
        (D(2023, 5, 1), False),
        (D(2023, 5, 3), False),
        (D(2023, 5, 4), True),  # 30/4–1/5
        (D(2023, 9, 1), False),
        (D(2023, 9, 4), False),
        (D(2023, 9, 5), True),  # Quốc khánh
        (D(2023, 6, 10), False),
        (D(2023, 6, 11), False),  # weekend
        (D(2024, 5, 4), True),  # make-up Saturday
        (D(2025, 2, 8), True),
        (D(2025, 1, 31), False),
        (D(2027, 9, 2), False),
        (D(2027, 9, 3), False),
        (D(2027, 9, 6), True),  # an unlisted year: computed
    ],
)
def test_working_days(cal, day, working):
    assert cal.is_working_day(day) is working


def test_counting_across_tet_2023(cal):
    assert cal.add_working_days(D(2023, 1, 19), 1) == D(2023, 1, 27)
    assert cal.add_working_days(D(2023, 1, 27), -1) == D(2023, 1, 19)
    assert cal.working_days_between(D(2023, 1, 19), D(2023, 1, 30)) == 2
    assert cal.first_working_day_of_month(2023, 1) == D(2023, 1, 3)
    assert cal.first_working_day_of_month(2023, 9) == D(2023, 9, 5)


def test_bad_calendar_file(tmp_path):
    p = tmp_path / "cal.yaml"
    p.write_text("years:\n  2023:\n    holidays:\n      - {from: 2023-02-30, name: x}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="ngày không hợp lệ") as e:
        load_calendar(p)
    assert e.value.line == 4


def test_years_the_file_does_not_list_are_computed_from_the_lunar_calendar():
    from datetime import date

    from bot.files import load_calendar
    from config.settings import DEFAULT_CALENDAR

    cal = load_calendar(DEFAULT_CALENDAR)
    assert not cal.is_working_day(date(2027, 2, 8))  # Tết Đinh Mùi (6/2/2027): the days around it are off
    assert not cal.is_working_day(date(2028, 1, 26))  # Tết Mậu Thân
    assert not cal.is_working_day(date(2027, 4, 16))  # Giỗ Tổ Hùng Vương, 10/3 âm lịch
    assert cal.is_working_day(date(2027, 3, 3))
