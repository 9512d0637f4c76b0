"""Reading the free-Vietnamese deadline column of a plan ("Quý II năm 2023", ...).

``parse_deadline`` never raises and never invents a date: what it cannot read
becomes ``unspecified`` with a reason, and anything doubtful is flagged.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from dataclasses import dataclass, field, replace
from datetime import date

from bot.domain import deadline_words as W
from bot.domain.deadline_reader import (
    DATE,
    INVALID_DATE,
    ON_DEMAND,
    ON_REQUEST,
    ONGOING,
    RECURRING,
    UNSPECIFIED,
    UNSURE,
    WINDOW,
    YEAR_ASSUMED,
    YEAR_MISMATCH,
    Ctx,
    Span,
    event_text,
    normalize,
)
from bot.domain.deadline_rules import read_compound, read_one
from bot.domain.recurrence import Recurrence

KINDS = (DATE, WINDOW, ONGOING, RECURRING, ON_DEMAND, UNSPECIFIED)

# Flags that hold reminders back until a coordinator confirms or sets a date.
BLOCKING_FLAGS = frozenset({YEAR_MISMATCH, INVALID_DATE, UNSURE})
# Informational flags: ON_REQUEST ("Theo yêu cầu hoặc thường xuyên"); warnings (never blocking) go in
# ``Deadline.warnings``: YEAR_MISMATCH when a plan span is known, YEAR_ASSUMED.

# Stands for "no date" where a date must be stored (sorts after every real date).
NO_DATE = date(9999, 12, 31)

# Reasons for ``unspecified``.
REASON_EMPTY = "empty"
REASON_SCHEDULE_ELSEWHERE = "schedule_elsewhere"  # "Theo tiến độ đã giao", "Theo lộ trình của Bộ"
REASON_EXTERNAL_GUIDANCE = "external_guidance"  # "Theo hướng dẫn của VPCP"
REASON_STATUS = "status"  # "Đang thực hiện": a status, not a deadline
REASON_UNREADABLE = "unreadable"

__all__ = [
    "DATE",
    "WINDOW",
    "ONGOING",
    "RECURRING",
    "ON_DEMAND",
    "UNSPECIFIED",
    "KINDS",
    "YEAR_MISMATCH",
    "INVALID_DATE",
    "UNSURE",
    "YEAR_ASSUMED",
    "ON_REQUEST",
    "BLOCKING_FLAGS",
    "NO_DATE",
    "Recurrence",
    "Deadline",
    "parse_deadline",
    "with_override",
    "parse_day",
    "Span",
]


@dataclass(frozen=True)
class Deadline:
    """A deadline cell as read.

    ``open_ended``: runs until the plan is closed or amended ("từ năm 2027 trở đi").
    ``end_event``: ongoing work that ends on an event ("… đến khi có văn bản thay thế").
    ``event``: what starts on-demand work ("Sau khi Bộ ban hành hướng dẫn").
    ``within_days``: N in "N ngày kể từ …".
    ``follow_up``: the recurring duty after the main deadline ("…; sau đó rà soát hằng năm").
    ``warnings``: notes for the coordinator that do not hold reminders back.
    """

    text: str
    kind: str
    due: date | None = None
    start: date | None = None
    recurrence: Recurrence | None = None
    flags: tuple[str, ...] = field(default=())
    reason: str | None = None
    warnings: tuple[str, ...] = field(default=())
    open_ended: bool = False
    end_event: str | None = None
    event: str | None = None
    within_days: int | None = None
    follow_up: Recurrence | None = None

    @property
    def sort_due(self) -> date:
        """The date reminders and overdue lists use; NO_DATE when there is none (yet)."""
        return self.due if self.due is not None and not self.blocked else NO_DATE

    @property
    def blocked(self) -> bool:
        """True while reminders must wait for a coordinator."""
        return self.kind in (UNSPECIFIED, ON_DEMAND) or bool(BLOCKING_FLAGS & set(self.flags))

    def to_dict(self) -> dict:
        """The historical keys always; the newer ones only when set (so old readers see no change)."""
        d: dict[str, Any] = {
            "text": self.text,
            "kind": self.kind,
            "due": self.due.isoformat() if self.due else None,
            "start": self.start.isoformat() if self.start else None,
            "recurrence": self.recurrence.to_dict() if self.recurrence else None,
            "flags": list(self.flags),
            "reason": self.reason,
        }
        if self.warnings:
            d["warnings"] = list(self.warnings)
        if self.open_ended:
            d["open_ended"] = True
        for key in ("end_event", "event", "within_days"):
            if getattr(self, key) is not None:
                d[key] = getattr(self, key)
        if self.follow_up:
            d["follow_up"] = self.follow_up.to_dict()
        return d

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
            warnings=tuple(d.get("warnings") or ()),
            open_ended=bool(d.get("open_ended")),
            end_event=d.get("end_event"),
            event=d.get("event"),
            within_days=d.get("within_days"),
            follow_up=Recurrence.from_dict(d.get("follow_up")),
        )


_EVENT_START = re.compile(r"\b(?:sau khi|ngay khi|khi|ke tu khi|ke tu ngay|theo yeu cau|theo de nghi)\b")
_UNTIL = re.compile(r"\b(?:cho den khi|den khi|den luc)\b")


def parse_deadline(text: str | None, plan_year: int, span: Span | None = None) -> Deadline:
    """Read a deadline cell; never raises, never invents a date.

    ``span`` is the plan's period of validity (from, to; to None = open-ended). With it, yearless
    phrases take their year from the span and ``year_mismatch`` is only a warning for dates outside
    it (or before the plan's first day); without it, any year other than ``plan_year`` is flagged
    and holds reminders back, as before.
    """
    raw = " ".join((text or "").split())
    s = normalize(raw)
    ctx = Ctx(s, plan_year, span)
    if not s:
        return Deadline(raw, UNSPECIFIED, reason=REASON_EMPTY)
    if W.ON_REQUEST_PREFIX.search(s):
        ctx.flag(ON_REQUEST)
        ctx.take(*W.ON_REQUEST_PREFIX.search(s).span())
    r = read_compound(ctx) or read_one(ctx, 0, len(s))
    if r is None:
        if INVALID_DATE in ctx.flags:
            return Deadline(raw, DATE, flags=tuple(ctx.flags))
        return Deadline(raw, UNSPECIFIED, reason=REASON_UNREADABLE, flags=tuple(ctx.flags))
    rest = ctx.residual()
    if r.kind not in (UNSPECIFIED, ON_DEMAND) and (re.search(r"\d", rest) or W.ANCHORS.search(rest)):
        ctx.flag(UNSURE)
    if span is not None:
        _check_span(ctx, r.start, r.due, span)
    nfc = unicodedata.normalize("NFC", raw)
    event = event_text(nfc, _EVENT_START) if r.kind == ON_DEMAND else None
    end_event = None
    if r.end_event is not None:
        end_event = event_text(nfc, _UNTIL)
    return Deadline(
        raw,
        r.kind,
        r.due,
        r.start,
        r.recurrence,
        tuple(ctx.flags),
        r.reason,
        tuple(ctx.warnings),
        r.open_ended,
        end_event,
        event,
        r.within_days,
        r.follow_up,
    )


def _check_span(ctx: Ctx, start: date | None, due: date | None, span: Span) -> None:
    first, last = span
    if (due is not None and (due < first or (last is not None and due > last))) or (
        start is not None and last is not None and start > last
    ):
        ctx.flag(YEAR_MISMATCH, warning=True)


SET_BY_COORDINATOR = "set_due"


def with_override(parsed: Deadline, due: date | None) -> Deadline:
    """The deadline in force once a coordinator has set a date (``plan set-due``)."""
    if due is None:
        return parsed
    kind = DATE if parsed.kind in (UNSPECIFIED, ON_DEMAND) else parsed.kind
    start = parsed.start if parsed.start and parsed.start <= due else None
    flags = tuple(f for f in parsed.flags if f not in BLOCKING_FLAGS) + (SET_BY_COORDINATOR,)
    return replace(parsed, kind=kind, due=due, start=start, flags=flags, reason=None)


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
