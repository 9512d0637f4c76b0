"""Working days of Vietnamese offices: Monday–Friday, minus public holidays, plus make-up Saturdays."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Holiday:
    start: date
    end: date
    name: str


@dataclass
class WorkCalendar:
    """Answers "is this a working day" and counts working days, in O(log n) with a sorted day list."""

    off: frozenset[date] = frozenset()
    makeup: frozenset[date] = frozenset()
    fixed: tuple[tuple[int, int], ...] = ()  # (day, month) holidays for years not listed
    known_years: frozenset[int] = frozenset()
    _days: list[date] = field(default_factory=list, repr=False)
    _span: tuple[int, int] = (0, 0)

    @classmethod
    def build(cls, holidays: list[Holiday], makeup: list[tuple[date, str]], fixed=(), known_years=()) -> "WorkCalendar":
        off: set[date] = set()
        for h in holidays:
            d = h.start
            while d <= h.end:
                off.add(d)
                d += timedelta(days=1)
        return cls(frozenset(off), frozenset(d for d, _ in makeup), tuple(fixed), frozenset(known_years))

    def is_working_day(self, d: date) -> bool:
        if d in self.makeup:
            return True
        if d in self.off:
            return False
        if d.year not in self.known_years and (d.day, d.month) in self.fixed:
            return False
        return d.weekday() < 5

    # --- counting, on a sorted list of working days built around the dates asked about ---------
    def _ensure(self, d: date) -> None:
        lo, hi = self._span
        if lo <= d.year <= hi and self._days:
            return
        lo = min(d.year, lo or d.year) - 1
        hi = max(d.year, hi or d.year) + 1
        day, end = date(lo, 1, 1), date(hi, 12, 31)
        days = []
        while day <= end:
            if self.is_working_day(day):
                days.append(day)
            day += timedelta(days=1)
        self._days[:] = days
        self._span = (lo, hi)

    def next_working_day(self, d: date, *, inclusive: bool = True) -> date:
        self._ensure(d)
        self._ensure(d + timedelta(days=40))
        i = bisect.bisect_left(self._days, d) if inclusive else bisect.bisect_right(self._days, d)
        return self._days[i]

    def previous_working_day(self, d: date, *, inclusive: bool = True) -> date:
        self._ensure(d - timedelta(days=40))
        self._ensure(d)
        i = bisect.bisect_right(self._days, d) if inclusive else bisect.bisect_left(self._days, d)
        return self._days[i - 1]

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after ``d`` (n > 0) or before it (n < 0); ``d`` itself is not counted."""
        if n == 0:
            return d
        step = timedelta(days=max(60, abs(n) * 3))
        self._ensure(d - step)
        self._ensure(d + step)
        if n > 0:
            i = bisect.bisect_right(self._days, d) + n - 1
        else:
            i = bisect.bisect_left(self._days, d) + n
        return self._days[i]

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in (a, b]; negative when b is before a."""
        if b < a:
            return -self.working_days_between(b, a)
        self._ensure(a)
        self._ensure(b)
        return bisect.bisect_right(self._days, b) - bisect.bisect_right(self._days, a)

    def first_working_day_of_month(self, year: int, month: int) -> date:
        return self.next_working_day(date(year, month, 1))
