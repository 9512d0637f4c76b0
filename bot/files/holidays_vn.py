"""Vietnam's public holidays for any year, from the maintained ``holidays`` library (country VN).

The library knows the Labour Code's holidays, the lunar ones (Tết Nguyên đán, Giỗ Tổ Hùng Vương
10/3 âm lịch), the observed-day rules and the Government's announced day swaps, so a deadline in 2027
or 2030 moves off Tết without anyone editing a file. ``data/calendar/vietnam.yaml`` stays the place for
what only the year's announcement says (bridge days, make-up Saturdays): its entries are added on top.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from typing import Any

import holidays

from bot.domain.workdays import Holiday, WorkCalendar

log = logging.getLogger(__name__)

# Years computed when the caller names none: wide enough for multi-year plans.
DEFAULT_YEARS = range(2020, 2041)


def public_holidays(years: Iterable[int]) -> list[Holiday]:
    """Every day off of Vietnam's public holidays in ``years``, one ``Holiday`` per day, Vietnamese names."""
    days = holidays.country_holidays("VN", years=sorted(set(years)), language="vi")
    return [Holiday(d, d, str(name)) for d, name in sorted(days.items())]


def makeup_days(years: Iterable[int]) -> list[tuple[date, str]]:
    """The Saturdays worked in exchange for a swapped day off, as far as the library records them."""
    wanted = set(years)
    try:  # the library's table of announced swaps; its layout is shared by every country module
        from holidays.countries.vietnam import VietnamStaticHolidays  # internal table: may move

        table: dict[int, Any] = dict(VietnamStaticHolidays.special_public_holidays)
    except (ImportError, AttributeError):  # pragma: no cover - a future layout: the data file still works
        log.warning("holidays: không đọc được bảng ngày làm bù của thư viện")
        table = {}
    out: list[tuple[date, str]] = []
    for year, entries in table.items():
        rows = entries if entries and isinstance(entries[0], tuple) else (entries,)
        for row in rows:
            try:
                month, day, from_month, from_day, *rest = row
                worked = date(rest[0] if rest else year, from_month, from_day)
                off = date(year, month, day)
            except (TypeError, ValueError):
                log.warning("holidays: bỏ qua mục hoán đổi không đọc được %r", row)
                continue
            if worked.year in wanted:
                out.append((worked, f"Làm bù ngày {off.day}/{off.month}/{off.year}"))
    return sorted(out)


def working_calendar(
    extra_holidays: Iterable[Holiday] = (),
    extra_makeup: Iterable[tuple[date, str]] = (),
    years: Iterable[int] = DEFAULT_YEARS,
) -> WorkCalendar:
    """The calendar of ``years``: computed holidays and swaps, plus the data file's own entries on top.

    A make-up day from either source makes that day a working day; a holiday from either source makes
    it a day off (make-up days win, as in ``WorkCalendar.is_working_day``).
    """
    years = sorted(set(years))
    return WorkCalendar.build(
        public_holidays(years) + list(extra_holidays), makeup_days(years) + list(extra_makeup), known_years=years
    )


def with_public_holidays(cal: WorkCalendar, years: Iterable[int] = DEFAULT_YEARS) -> WorkCalendar:
    """``cal`` (as read from the data file) with the computed holidays and swaps of ``years`` added.

    The data file's days off and make-up days stay as they are (they are the year's announcement);
    years without an entry in the file get their holidays computed instead of the fixed-date fallback.
    """
    years = sorted(set(years))
    computed = working_calendar(years=years)
    return WorkCalendar(
        off=cal.off | computed.off,
        makeup=cal.makeup | computed.makeup,
        fixed=cal.fixed,
        known_years=cal.known_years | frozenset(years),
    )


def announced(file_calendar: WorkCalendar, year: int) -> bool:
    """Whether the data file (as loaded, before ``with_public_holidays``) has the year's announcement.

    ``status`` can warn when next year is not announced yet: its bridge and make-up days are unknown.
    """
    return year in file_calendar.known_years
