"""Dates people type into notes and commands: impossible ones, future ones, ones outside the plan."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_DMY = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?![\d/])")
_WORDS = re.compile(r"ng[àa]y\s*(\d{1,2})\s*th[áa]ng\s*(\d{1,2})\s*n[ăa]m\s*(\d{4})", re.IGNORECASE)


@dataclass(frozen=True)
class BadDate:
    """A day/month/year written that no calendar has."""

    day: int
    month: int
    year: int

    @property
    def bad_month(self) -> bool:
        return not 1 <= self.month <= 12


def impossible_date(text: str) -> BadDate | None:
    """The first date in ``text`` (d/m/yyyy or "ngày d tháng m năm yyyy") that does not exist."""
    for pattern in (_DMY, _WORDS):
        for m in pattern.finditer(text or ""):
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            try:
                date(y, mo, d)
            except ValueError:
                return BadDate(d, mo, y)
    return None


def outside_period(day: date, start: date, end: date) -> bool:
    """Whether ``day`` falls outside the plan's period [start, end]."""
    return day < start or day > end


def plan_period(year: int) -> tuple[date, date]:
    """A one-year plan's period (the bundled plans run one calendar year)."""
    return date(year, 1, 1), date(year, 12, 31)
