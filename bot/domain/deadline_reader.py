"""The rules of the deadline reader: small named rules over the folded phrase, tried in order.

Each rule either reads the phrase (returning a ``Reading``) or leaves it untouched. Every piece of
text a rule uses is marked as consumed; what is left at the end is checked: a number or an anchor
word ("Tết", "khi", "đầu", …) that no rule explained makes the reading ``unsure`` (held for a
coordinator) instead of a silent guess. Vocabulary lives in ``bot.domain.deadline_words``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.domain import deadline_words as W
from bot.domain.recurrence import Recurrence
from bot.domain.folding import fold

DATE = "date"  # a single deadline
WINDOW = "window"  # a period: first and last day
ONGOING = "ongoing"  # continuous work
RECURRING = "recurring"  # periodic reports and the like
ON_DEMAND = "on_demand"  # only when asked, or when something happens
UNSPECIFIED = "unspecified"

YEAR_MISMATCH = "year_mismatch"
INVALID_DATE = "invalid_date"
UNSURE = "unsure"  # numbers or anchor words the reader could not place
YEAR_ASSUMED = "year_assumed"  # a yearless month in a span holding several of them (warning)
ON_REQUEST = "on_request"

Span = tuple[date, "date | None"]


@dataclass
class Reading:
    kind: str
    due: date | None = None
    start: date | None = None
    recurrence: Recurrence | None = None
    reason: str | None = None
    open_ended: bool = False
    end_event: str | None = None
    event: str | None = None
    within_days: int | None = None
    follow_up: Recurrence | None = None


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def normalize(text: str) -> str:
    """Folded, single-spaced, with the shorthand of ``REWRITES`` spelled out."""
    s = " ".join(fold(text).split())
    for pat, rep in W.REWRITES:
        s = re.sub(pat, rep, s)
    return s.strip(" .;,")


@dataclass
class Ctx:
    """One phrase being read: the folded text, what is consumed, the flags found."""

    s: str
    plan_year: int
    span: Span | None = None
    flags: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    used: list[tuple[int, int]] = field(default_factory=list)

    def mark(self):
        return len(self.used), list(self.flags), list(self.warnings)

    def reset(self, mark) -> None:
        n, flags, warnings = mark
        del self.used[n:]
        self.flags[:], self.warnings[:] = flags, warnings

    def flag(self, name: str, warning: bool = False) -> None:
        target = self.warnings if warning else self.flags
        if name not in target:
            target.append(name)

    def take(self, a: int, b: int) -> None:
        self.used.append((a, b))

    def free(self, a: int, b: int) -> bool:
        return all(b <= u or a >= v for u, v in self.used)

    def find(self, pattern: re.Pattern, lo: int, hi: int, group: str | int = 0):
        """The first match in [lo, hi) that overlaps nothing consumed yet."""
        for m in pattern.finditer(self.s, lo, hi):
            if m.end(group) > m.start(group) and self.free(m.start(group), m.end(group)):
                return m
        return None

    def residual(self, lo: int = 0, hi: int | None = None) -> str:
        hi = len(self.s) if hi is None else hi
        return "".join(c if self.free(i, i + 1) else " " for i, c in enumerate(self.s[lo:hi], lo))

    # --- years -------------------------------------------------------------------------------
    def year(self, raw: str | None, months: tuple[int, int] = (1, 12)) -> int | None:
        """The year written, or the one the plan implies; None when the number is no year."""
        if raw:
            y = int(raw)
            if not 1900 <= y <= 2200:
                return None
            if self.span is None and y != self.plan_year:
                self.flag(YEAR_MISMATCH)
            return y
        if self.span is None:
            return self.plan_year
        first, last = self.span
        end_year = last.year if last else first.year + 50
        hits = [
            y
            for y in range(first.year, end_year + 1)
            if last_day(y, months[1]) >= first and (last is None or date(y, months[0], 1) <= last)
        ]
        if not hits:
            return self.plan_year
        if len(hits) > 1 and months != (1, 12):
            self.flag(YEAR_ASSUMED, warning=True)
        return hits[0]


# --- dates and periods ------------------------------------------------------------------------

INVALID = "invalid"


def _make_date(ctx: Ctx, d: int, m: int, y: int | None):
    try:
        return date(y, m, d) if y else INVALID
    except ValueError:
        ctx.flag(INVALID_DATE)
        return INVALID


def date_at(ctx: Ctx, lo: int, hi: int, default_year: str | None = None, anchored: bool = False):
    """(date | INVALID, match) for the first free date in [lo, hi), or None."""
    for pat in (W.DATE_WORDS, W.DATE_NUM):
        m = ctx.find(pat, lo, hi)
        if m and (not anchored or _only_filler(ctx.s[lo : m.start()])):
            raw_y = m.group("y") or m.groupdict().get("y2") or default_year
            d, mo = int(m.group("d")), int(m.group("m"))
            mo_ok = 1 <= mo <= 12
            y = ctx.year(raw_y, (mo, mo) if mo_ok else (1, 12))
            ctx.take(m.start(), m.end())
            return _make_date(ctx, d, mo, y), m
    return None


def period_at(ctx: Ctx, lo: int, hi: int, default_year: str | None = None, anchored: bool = False):
    """((first, last) | INVALID, match, unit) for the first free period named in [lo, hi), or None."""
    for unit, pat in (
        ("quarter", W.QUARTER),
        ("part", W.PART_OF_YEAR),
        ("month", W.MONTH),
        ("years", W.YEAR_RANGE),
        ("year", W.YEAR),
    ):
        m = ctx.find(pat, lo, hi)
        if not m or (anchored and not _only_filler(ctx.s[lo : m.start()])):
            continue
        got = _period_value(ctx, unit, m, default_year)
        if got is None:
            continue
        ctx.take(m.start(), m.end())
        return got, m, unit
    return None


def _period_value(ctx: Ctx, unit: str, m: re.Match, default_year: str | None):
    g = m.groupdict()
    if unit == "quarter":
        q = W.ROMAN[m.group("q")]
        y = ctx.year(g.get("y") or default_year, (3 * q - 2, 3 * q))
        return (date(y, 3 * q - 2, 1), last_day(y, 3 * q)) if y else None
    if unit == "part":
        n = int(m.group("n"))
        if not 1 <= n <= 12:
            ctx.flag(INVALID_DATE)
            return INVALID
        months = (1, n) if m.group("side") == "dau" else (13 - n, 12)
        y = ctx.year(g.get("y") or default_year, months)
        return (date(y, months[0], 1), last_day(y, months[1])) if y else None
    if unit == "month":
        mon = int(m.group("m"))
        if not 1 <= mon <= 12:
            ctx.flag(INVALID_DATE)
            return INVALID
        y = ctx.year(g.get("y") or default_year, (mon, mon))
        return (date(y, mon, 1), last_day(y, mon)) if y else None
    if unit == "years":
        y1, y2 = ctx.year(m.group("y1")), ctx.year(m.group("y2"))
        return (date(y1, 1, 1), date(y2, 12, 31)) if y1 and y2 and y1 <= y2 else None
    y = ctx.year(m.group("y"))
    return (date(y, 1, 1), date(y, 12, 31)) if y else None


_FILLER = re.compile(r"^[\s,:(]*(?:(?:ngay|het|nam|cuoi|trong|tu|den|vao|hoan thanh)\s*)*$")


def _only_filler(text: str) -> bool:
    return bool(_FILLER.match(text))


def when_at(ctx: Ctx, lo: int, hi: int, default_year: str | None = None, anchored: bool = False):
    """A date or a period in [lo, hi): ((first, last) | INVALID, unit) or None; a date is (d, d)."""
    got = date_at(ctx, lo, hi, default_year, anchored)
    if got:
        value = got[0] if got[0] is INVALID else (got[0], got[0])
        return value, "date"
    got = period_at(ctx, lo, hi, default_year, anchored)
    if got:
        return got[0], got[2]
    return None


def default_span(ctx: Ctx, start_year: int | None = None) -> tuple[date | None, date | None, bool]:
    """(start, due, open_ended) of work the phrase gives no end: the plan's span, else its year."""
    if ctx.span is not None:
        return ctx.span[0], ctx.span[1], ctx.span[1] is None
    y = start_year or ctx.plan_year
    return date(y, 1, 1), date(y, 12, 31), False


def event_text(raw: str, pattern: re.Pattern) -> str | None:
    """The words of ``raw`` (with their diacritics) from where ``pattern`` matches its folded form."""
    m = pattern.search(fold(raw))
    return raw[m.start() :].strip(" .;,") if m else None


def shift(d: date, days: int) -> date:
    return d + timedelta(days=days)
