"""Reading the free-Vietnamese deadline column of a plan ("Quý II năm 2023", ...).

``parse_deadline`` never raises and never invents a date: what it cannot read
becomes ``unspecified`` with a reason, and anything doubtful is flagged.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from bot.domain.text import fold

DATE = "date"            # a single deadline
WINDOW = "window"        # a period: first and last day
ONGOING = "ongoing"      # continuous work, due at the end of its year
RECURRING = "recurring"  # periodic reports and the like
ON_DEMAND = "on_demand"  # only when asked
UNSPECIFIED = "unspecified"
KINDS = (DATE, WINDOW, ONGOING, RECURRING, ON_DEMAND, UNSPECIFIED)

# Flags that hold reminders back until a coordinator confirms or sets a date.
YEAR_MISMATCH = "year_mismatch"
INVALID_DATE = "invalid_date"
BLOCKING_FLAGS = frozenset({YEAR_MISMATCH, INVALID_DATE})
# Informational: "Theo yêu cầu hoặc thường xuyên" (on request, or ongoing).
ON_REQUEST = "on_request"

# Stands for "no date" where a date must be stored (sorts after every real date).
NO_DATE = date(9999, 12, 31)

# Reasons for ``unspecified``.
REASON_EMPTY = "empty"
REASON_SCHEDULE_ELSEWHERE = "schedule_elsewhere"   # "Theo tiến độ đã giao"
REASON_EXTERNAL_GUIDANCE = "external_guidance"     # "Theo hướng dẫn của VPCP"
REASON_UNREADABLE = "unreadable"


@dataclass(frozen=True)
class Recurrence:
    """A period the scheduler can expand: ``freq`` None means the phrase names none."""

    freq: str | None = None          # weekly | monthly | quarterly | half_yearly | yearly
    day: int | None = None           # "trước ngày 20 hằng tháng" → 20
    ad_hoc: bool = False             # "... hoặc đột xuất"

    def to_dict(self) -> dict:
        return {"freq": self.freq, "day": self.day, "ad_hoc": self.ad_hoc}

    @classmethod
    def from_dict(cls, d: dict | None) -> "Recurrence | None":
        if not d:
            return None
        return cls(freq=d.get("freq"), day=d.get("day"), ad_hoc=bool(d.get("ad_hoc")))


@dataclass(frozen=True)
class Deadline:
    text: str
    kind: str
    due: date | None = None
    start: date | None = None
    recurrence: Recurrence | None = None
    flags: tuple[str, ...] = field(default=())
    reason: str | None = None

    @property
    def sort_due(self) -> date:
        """The date reminders and overdue lists use; NO_DATE when there is none (yet)."""
        return self.due if self.due is not None and not self.blocked else NO_DATE

    @property
    def blocked(self) -> bool:
        """True while reminders must wait for a coordinator."""
        return self.kind in (UNSPECIFIED, ON_DEMAND) or bool(BLOCKING_FLAGS & set(self.flags))

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "kind": self.kind,
            "due": self.due.isoformat() if self.due else None,
            "start": self.start.isoformat() if self.start else None,
            "recurrence": self.recurrence.to_dict() if self.recurrence else None,
            "flags": list(self.flags),
            "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Deadline":
        return cls(
            text=d.get("text", ""),
            kind=d["kind"],
            due=date.fromisoformat(d["due"]) if d.get("due") else None,
            start=date.fromisoformat(d["start"]) if d.get("start") else None,
            recurrence=Recurrence.from_dict(d.get("recurrence")),
            flags=tuple(d.get("flags") or ()),
            reason=d.get("reason"),
        )


def _normalize(text: str) -> str:
    s = fold(text)
    s = s.replace("–", "-").replace("—", "-")
    s = " ".join(s.split())
    s = re.sub(r"\bqui\b", "quy", s)
    s = re.sub(r"\b(\w+)(?: \1\b)+", r"\1", s)  # "nam nam 2023" → "nam 2023"
    return s.strip(" .;,")


_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR_TAIL = r"(?:\s*(?:nam|/|-|,)?\s*(\d{4}))?"
_QUARTER = re.compile(r"quy\s*(iv|iii|ii|i|[1-4])\b" + _YEAR_TAIL)
_MONTH = re.compile(r"thang\s*(\d{1,2})(?!\s*[/.\-]\s*\d{1,2}\b(?!\d))" + _YEAR_TAIL)
_HALF = re.compile(r"(6 thang|sau thang|nua)\s*(dau|cuoi)\s*nam" + _YEAR_TAIL)
_YEAR_RANGE = re.compile(r"(?<!\d)(\d{4})\s*-\s*(\d{4})(?!\d)")
_YEAR = re.compile(r"(?:nam\s*|/|-|^|\s)(\d{4})(?!\d)")
_DATE_NUM = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?!\d)(?:\s*[/.\-]\s*(\d{4}))?")
_DATE_WORDS = re.compile(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})(?:\s*nam\s*(\d{4}))?")


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


class _Ctx:
    """Collects the years seen and the problems found while parsing one phrase."""

    def __init__(self, plan_year: int):
        self.plan_year = plan_year
        self.flags: list[str] = []

    def year(self, raw: str | None) -> int:
        if not raw:
            return self.plan_year
        y = int(raw)
        if y != self.plan_year and YEAR_MISMATCH not in self.flags:
            self.flags.append(YEAR_MISMATCH)
        return y

    def flag(self, name: str) -> None:
        if name not in self.flags:
            self.flags.append(name)


def _period(s: str, ctx: _Ctx, default_year: str | None = None) -> tuple[date, date] | None:
    """First and last day of a quarter, half-year, month or year named in ``s``."""
    m = _QUARTER.search(s)
    if m:
        q = _ROMAN_Q[m.group(1)]
        y = ctx.year(m.group(2) or default_year)
        return date(y, 3 * q - 2, 1), _last_day(y, 3 * q)
    m = _HALF.search(s)
    if m:
        y = ctx.year(m.group(3) or _find_year(s) or default_year)
        if m.group(2) == "dau":
            return date(y, 1, 1), date(y, 6, 30)
        return date(y, 7, 1), date(y, 12, 31)
    m = _MONTH.search(s)
    if m:
        mon = int(m.group(1))
        if not 1 <= mon <= 12:
            ctx.flag(INVALID_DATE)
            return None
        y = ctx.year(m.group(2) or default_year)
        return date(y, mon, 1), _last_day(y, mon)
    m = _YEAR_RANGE.search(s)
    if m:
        y1, y2 = ctx.year(m.group(1)), ctx.year(m.group(2))
        return date(y1, 1, 1), date(y2, 12, 31)
    y = _find_year(s)
    if y:
        yy = ctx.year(y)
        return date(yy, 1, 1), date(yy, 12, 31)
    return None


def _find_year(s: str) -> str | None:
    m = _YEAR.search(s)
    return m.group(1) if m else None


def _single_date(s: str, ctx: _Ctx) -> tuple[bool, date | None]:
    """(found, date): found with None means an impossible date, already flagged."""
    m = _DATE_WORDS.search(s) or _DATE_NUM.search(s)
    if not m:
        return False, None
    d, mo = int(m.group(1)), int(m.group(2))
    y = ctx.year(m.group(3) or _find_year(s[m.end():]))
    try:
        return True, date(y, mo, d)
    except ValueError:
        ctx.flag(INVALID_DATE)
        return True, None


def _recurrence(s: str) -> Recurrence:
    freq = None
    for pat, name in ((r"hang tuan|moi tuan", "weekly"), (r"hang thang|moi thang", "monthly"),
                      (r"hang quy|moi quy|theo quy", "quarterly"), (r"6 thang|sau thang|nua nam", "half_yearly"),
                      (r"hang nam|moi nam", "yearly")):
        if re.search(pat, s):
            freq = name
            break
    day = None
    m = re.search(r"(?:truoc|cham nhat)\s*(?:ngay)?\s*(\d{1,2})\s*(?:hang|moi)", s)
    if m and 1 <= int(m.group(1)) <= 31:
        day = int(m.group(1))
    return Recurrence(freq=freq, day=day, ad_hoc="dot xuat" in s)


def parse_deadline(text: str | None, plan_year: int) -> Deadline:
    raw = " ".join((text or "").split())
    s = _normalize(raw)
    ctx = _Ctx(plan_year)

    def out(kind: str, due=None, start=None, recurrence=None, reason=None) -> Deadline:
        return Deadline(raw, kind, due, start, recurrence, tuple(ctx.flags), reason)

    if not s:
        return out(UNSPECIFIED, reason=REASON_EMPTY)
    if re.fullmatch(r"(khi|theo) (co )?yeu cau|khi can( thiet)?|dot xuat", s):
        return out(ON_DEMAND)
    if re.match(r"theo (tien do|ke hoach|lo trinh)", s):
        return out(UNSPECIFIED, reason=REASON_SCHEDULE_ELSEWHERE)
    if re.match(r"theo (huong dan|chi dao|quy dinh|van ban)", s):
        return out(UNSPECIFIED, reason=REASON_EXTERNAL_GUIDANCE)
    if re.match(r"theo yeu cau hoac", s):
        ctx.flag(ON_REQUEST)

    if re.search(r"dinh ky|\b(hang|moi) (tuan|thang|quy|nam)\b", s):
        rec = _recurrence(s)
        span = _period(s, ctx) if _find_year(s) else None
        start, due = span if span else (None, None)
        if due is None:
            start, due = date(plan_year, 1, 1), date(plan_year, 12, 31)
        return out(RECURRING, due=due, start=start, recurrence=rec)

    m = re.search(r"bat dau (?:tu )?(.*)", s)
    if m:
        span = _period(m.group(1), ctx)
        found, d = _single_date(m.group(1), ctx) if not span else (False, None)
        start = span[0] if span else d
        if start is None:
            return out(UNSPECIFIED, reason=REASON_UNREADABLE)
        return out(ONGOING, due=date(start.year, 12, 31), start=start)

    if "thuong xuyen" in s or "lien tuc" in s:
        y = ctx.year(_find_year(s))
        return out(ONGOING, due=date(y, 12, 31))

    m = re.search(r"tu (.+?) (?:den|toi|-) (.+)", s)
    if m:
        right_year = _find_year(m.group(2))
        second = _period(m.group(2), ctx) if not _DATE_NUM.search(m.group(2)) else None
        first = None
        if second:
            first = _period(m.group(1), ctx, default_year=right_year)
        if first and second:
            return out(WINDOW, due=second[1], start=first[0])
        f1, d1 = _single_date(m.group(1) + (f"/{right_year}" if right_year and not _find_year(m.group(1)) else ""), ctx)
        f2, d2 = _single_date(m.group(2), ctx)
        if f1 and f2:
            if d1 and d2:
                return out(WINDOW, due=d2, start=d1)
            return out(DATE, due=None)
        return out(UNSPECIFIED, reason=REASON_UNREADABLE)

    found, d = _single_date(s, ctx)
    if found:
        return out(DATE, due=d)

    span = _period(s, ctx)
    if span:
        return out(WINDOW, due=span[1], start=span[0])
    if INVALID_DATE in ctx.flags:
        return out(DATE, due=None)
    return out(UNSPECIFIED, reason=REASON_UNREADABLE)


SET_BY_COORDINATOR = "set_due"


def with_override(parsed: Deadline, due: date | None) -> Deadline:
    """The deadline in force once a coordinator has set a date (``plan set-due``)."""
    if due is None:
        return parsed
    kind = DATE if parsed.kind in (UNSPECIFIED, ON_DEMAND) else parsed.kind
    start = parsed.start if parsed.start and parsed.start <= due else None
    flags = tuple(f for f in parsed.flags if f not in BLOCKING_FLAGS) + (SET_BY_COORDINATOR,)
    return Deadline(parsed.text, kind, due, start, parsed.recurrence, flags, None)


def parse_day(text: str) -> date | None:
    """A single day typed by a person: 31/5/2023, 31-5-2023, 31.5.2023 or 2023-05-31."""
    s = text.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = re.fullmatch(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})", s)
        if not m:
            return None
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return date(y, mo, d)
    except ValueError:
        return None
