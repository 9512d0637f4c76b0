"""Periods of recurring work within a plan's span: each period is its own obligation.

A quarterly report in a 2023 plan is four periods, "2023-Q1" … "2023-Q4", each with its first and last
day and its due date. The due date comes from the phrase's day rule (``Recurrence.day``, ``month``,
``month_of_period``, ``offset``) when it has one, otherwise from the default rule of its cadence
(``DueDefaults``, a setting), never silently from the end of the year.

Keys are stable strings stored with each occurrence: "2023-09" (month), "2023-Q3" (quarter),
"2023-H1" (half-year), "2023" (year), "2023-W05" (ISO week). Pure: no clock, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.domain.recurrence import Recurrence
from bot.domain.texts import periods as PT

MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
CADENCES = ("weekly",) + tuple(MONTHS)
HORIZON_DAYS = 400  # open-ended plans: periods are expanded this far past the day asked about


@dataclass(frozen=True)
class DueRule:
    """Where a period's due date falls when the phrase does not say.

    ``day`` None = the last day of the month; ``after`` 0 = in the last month of the period,
    1 = in the first month after it. Written in settings as "last", "15" or "5+1".
    """

    day: int | None = None
    after: int = 0

    @classmethod
    def parse(cls, text: str) -> "DueRule":
        """ "last" → last day of the period; "15" → the 15th of its last month; "5+1" → the 5th of the
        month after it. Raises ValueError on anything else."""
        s = (text or "").strip().lower()
        if s in ("", "last", "cuoi", "cuối"):
            return cls()
        m = re.fullmatch(r"(\d{1,2})(?:\s*\+\s*([01]))?", s)
        if not m or not 1 <= int(m.group(1)) <= 31:
            raise ValueError(f"due rule must be 'last', a day 1-31 or 'N+1', got {text!r}")
        return cls(int(m.group(1)), int(m.group(2) or 0))

    def __str__(self) -> str:
        if self.day is None:
            return "last"
        return f"{self.day}+{self.after}" if self.after else str(self.day)


@dataclass(frozen=True)
class DueDefaults:
    """The default due rule of each cadence (settings PERIOD_DUE_*)."""

    weekly: DueRule = field(default_factory=DueRule)  # weekly periods: the last day of the week
    monthly: DueRule = field(default_factory=DueRule)
    quarterly: DueRule = field(default_factory=DueRule)
    half_yearly: DueRule = field(default_factory=DueRule)
    yearly: DueRule = field(default_factory=DueRule)

    def rule(self, freq: str) -> DueRule:
        return getattr(self, freq, DueRule())


@dataclass(frozen=True, order=True)
class Period:
    """One period of a recurring duty: ``key`` "2023-Q3", ``label`` "quý III/2023"."""

    due: date
    key: str
    label: str
    first: date
    last: date
    freq: str

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last


def _month_end(y: int, m: int) -> date:
    return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)


def _shift(y: int, m: int, months: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + months
    return k // 12, k % 12 + 1


def period_key(freq: str, first: date) -> str:
    """The stored key of the period of cadence ``freq`` starting on ``first``."""
    if freq == "weekly":
        y, w, _ = first.isocalendar()
        return f"{y}-W{w:02d}"
    if freq == "monthly":
        return f"{first.year}-{first.month:02d}"
    if freq == "quarterly":
        return f"{first.year}-Q{(first.month - 1) // 3 + 1}"
    if freq == "half_yearly":
        return f"{first.year}-H{(first.month - 1) // 6 + 1}"
    return f"{first.year}"


_KEY = re.compile(r"^(\d{4})(?:-(?:(\d{2})|Q([1-4])|H([12])|W(\d{2})))?$")


def label_of(key: str) -> str:
    """ "2023-Q3" → "quý III/2023"; an unknown key is returned as is."""
    m = _KEY.match(key or "")
    if not m:
        return key or ""
    y, month, q, h, w = m.groups()
    if month:
        return PT.LABEL["monthly"].format(n=int(month), y=y)
    if q:
        return PT.LABEL["quarterly"].format(r=PT.QUARTER_ROMAN[int(q)], y=y)
    if h:
        return PT.LABEL[f"half_yearly_{h}"].format(y=y)
    if w:
        return PT.LABEL["weekly"].format(n=int(w), y=y)
    return PT.LABEL["yearly"].format(y=y)


def _due(freq: str, first: date, rec: Recurrence | None, rule: DueRule) -> date:
    """The due date of the period of ``freq`` starting on ``first``."""
    if freq == "weekly":
        last = first + timedelta(days=6)
        if rec is not None and rec.day and 1 <= rec.day <= 7:  # "thứ N hằng tuần" as a weekday number
            return first + timedelta(days=rec.day - 1)
        return last + timedelta(days=7 * rule.after)
    n = MONTHS[freq]
    if rec is not None and rec.day:
        mop = rec.month_of_period
        if rec.month and freq == "yearly":
            y, m = first.year + rec.offset, rec.month
        else:
            if rec.month:  # "6 tháng (trước ngày 12/6)": the month inside its period
                mop = (rec.month - 1) % n + 1
            if mop is None:
                mop = 1 if n == 1 else -1  # no month named: the period's last month
            index = rec.offset * n + (mop - 1 if mop > 0 else n + mop)
            y, m = _shift(first.year, first.month, index)
        end = _month_end(y, m)
        return date(y, m, min(rec.day, end.day))
    y, m = _shift(first.year, first.month, n - 1 + rule.after)
    end = _month_end(y, m)
    return end if rule.day is None else date(y, m, min(rule.day, end.day))


def _starts(freq: str, span_from: date, until: date):
    """First days of the periods of ``freq`` overlapping [span_from, until]."""
    if freq == "weekly":
        d = span_from - timedelta(days=span_from.weekday())
        while d <= until:
            yield d
            d += timedelta(days=7)
        return
    n = MONTHS[freq]
    y, m = span_from.year, ((span_from.month - 1) // n) * n + 1
    while date(y, m, 1) <= until:
        yield date(y, m, 1)
        y, m = _shift(y, m, n)


def _cadences(rec: Recurrence | None, default_freq: str) -> list[tuple[str, Recurrence | None]]:
    parts = [rec] + list(rec.also) if rec is not None else [None]
    out: list[tuple[str, Recurrence | None]] = []
    for r in parts:
        freq = (r.freq if r is not None else None) or default_freq
        if freq in CADENCES and all(f != freq for f, _ in out):
            out.append((freq, r if r is not None and r.freq else (r if r is not None and r.day else None)))
    return out


def periods_of(
    rec: Recurrence | None,
    span_from: date,
    span_to: date | None,
    *,
    defaults: DueDefaults = DueDefaults(),
    default_freq: str = "quarterly",
    until: date | None = None,
) -> list[Period]:
    """Every period of ``rec`` overlapping the span, sorted by due date.

    ``span_to`` None (open-ended) expands up to ``until`` (required then; the caller passes today plus
    a horizon). A phrase naming no cadence ("Định kỳ") uses ``default_freq``. With a half-yearly and a
    yearly cadence ("định kỳ 6 tháng và hằng năm") the yearly report stands for the second half-year.
    """
    end = span_to if span_to is not None else (until or span_from) + timedelta(days=HORIZON_DAYS)
    if span_to is not None and until is not None:
        end = min(end, max(until + timedelta(days=HORIZON_DAYS), span_from))
    cadences = _cadences(rec, default_freq)
    freqs = {f for f, _ in cadences}
    out: list[Period] = []
    for freq, r in cadences:
        rule = defaults.rule(freq)
        for first in _starts(freq, span_from, end):
            key = period_key(freq, first)
            if freq == "half_yearly" and "yearly" in freqs and key.endswith("-H2"):
                continue
            last = (
                first + timedelta(days=6)
                if freq == "weekly"
                else _month_end(*_shift(first.year, first.month, MONTHS[freq] - 1))
            )
            out.append(Period(_due(freq, first, r, rule), key, label_of(key), first, last, freq))
    return sorted(out)


def open_periods(periods: list[Period], closed: frozenset[str] | set[str]) -> list[Period]:
    """The periods not yet recorded as done."""
    return [p for p in periods if p.key not in closed]


def period_to_close(periods: list[Period], closed: frozenset[str] | set[str], today: date) -> Period | None:
    """What a bare "/xong" closes: the current period if still open, else the oldest open period that
    has already started; None when every period so far is recorded."""
    current = [p for p in periods if p.contains(today) and p.key not in closed]
    if current:
        return current[0]
    started = [p for p in periods if p.first <= today and p.key not in closed]
    return min(started, key=lambda p: (p.due, p.key)) if started else None


def _fold(text: str) -> str:
    s = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"(?:\s*(?:/|-|nam)\s*(\d{4}))?"
_WORDS = (
    ("quarterly", re.compile(r"\b(?:quy|q)\s*(iv|iii|ii|i|[1-4])\b" + _YEAR)),
    ("half_yearly", re.compile(r"\b6\s*thang\s*(dau|cuoi)(?:\s*nam)?" + _YEAR)),
    ("half_yearly", re.compile(r"\b(?:h|nua\s*nam\s*)([12])\b" + _YEAR)),
    ("monthly", re.compile(r"\bthang\s*(1[0-2]|0?[1-9])\b" + _YEAR)),
    ("yearly", re.compile(r"\bnam\s*(\d{4})\b")),
)


def find_period(periods: list[Period], words: str, today: date) -> tuple[Period | None, str]:
    """The period named by ``words`` ("quý I", "quý II/2023", "tháng 3", "6 tháng đầu năm", "2023-Q1"),
    and the words left over (the note). (None, words) when no period is named; a named period that
    the duty does not have gives (None, "") with the words kept by the caller."""
    raw = words.strip()
    first = raw.split()[0] if raw else ""
    exact = next((p for p in periods if p.key.lower() == first.lower()), None)
    if exact is not None:
        return exact, raw[len(first) :].strip()
    s = _fold(raw)
    for freq, rx in _WORDS:
        m = rx.match(s)
        if not m:
            continue
        groups = m.groups()
        if freq == "yearly":
            key = groups[0]
            year = int(key)
        else:
            year = int(groups[-1]) if groups[-1] else None
            n = groups[0]
            if freq == "quarterly":
                suffix = f"Q{_ROMAN[n]}"
            elif freq == "half_yearly":
                suffix = "H1" if n in ("dau", "1") else "H2"
            else:
                suffix = f"{int(n):02d}"
            key = None
            candidates = [p for p in periods if p.key.endswith("-" + suffix) and (year is None or p.first.year == year)]
            if year is None and candidates:  # no year: the one nearest today, earlier ones first
                past = [p for p in candidates if p.first <= today]
                candidates = [max(past, key=lambda p: p.first)] if past else [min(candidates, key=lambda p: p.first)]
            key = candidates[0].key if candidates else f"{year or today.year}-{suffix}"
        found = next((p for p in periods if p.key == key), None)
        # the rest of the original text after the matched words (folding keeps the length in NFC)
        rest = raw[len(m.group(0)) :].strip() if len(_fold(raw)) == len(raw) else ""
        return found, rest
    return None, raw


def period_phrase(
    key: str,
    rec: Recurrence | None,
    start: date | None,
    due: date | None,
    defaults: DueDefaults,
    default_freq: str,
    today: date,
) -> str:
    """ "định kỳ quý III/2023 (hạn 30/9/2023)": a period named with its own due date."""
    first = start or (date(due.year, 1, 1) if due else today)
    found = next(
        (
            p
            for p in periods_of(rec, first, due, defaults=defaults, default_freq=default_freq, until=today)
            if p.key == key
        ),
        None,
    )
    if found is None:
        return PT.PERIOD_DUE.format(label=label_of(key), due="?")
    return PT.PERIOD_DUE.format(label=found.label, due=f"{found.due.day}/{found.due.month}/{found.due.year}")


def assignment_periods(
    deadline: dict,
    start: date | None,
    due: date | None,
    *,
    defaults: DueDefaults,
    default_freq: str,
    today: date,
) -> list[Period]:
    """The periods of one recurring assignment, as the reminders count them (bot.domain.reminders.work_periods):
    from its start (else 1 January of its due year), to its due date (none when open-ended)."""
    rec = Recurrence.from_dict((deadline or {}).get("recurrence"))
    first = start or (date(due.year, 1, 1) if due else today)
    last = None if (deadline or {}).get("open_ended") or due is None else due
    return periods_of(rec, first, last, defaults=defaults, default_freq=default_freq, until=today)


def due_so_far(periods: list[Period], today: date) -> list[Period]:
    """The periods already due on ``today`` (what a report as of that day counts)."""
    return [p for p in periods if p.due <= today]
