"""What the store hands the command core about recurring work: a period recorded, what closing a period
needs, and an open recurring assignment with its records (the rules themselves: bot.domain.periods)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.periods import DueDefaults, Period, assignment_periods, open_periods, periods_of
from bot.domain.recurrence import Recurrence


@dataclass(frozen=True)
class PeriodRecord:
    """A period recorded for an assignment: done by an officer, or ended by a coordinator."""

    period: str
    due: date
    status: str  # done | ended
    closed_at: object  # datetime (UTC)
    closed_by: str
    note: str = ""


@dataclass(frozen=True)
class PeriodFacts:
    """What closing a period of one assignment needs: its deadline as read, the plan's span, its records."""

    deadline: dict
    kind: str
    due_override: date | None
    span_from: date
    span_to: date | None
    records: tuple[PeriodRecord, ...] = ()

    @property
    def closed(self) -> frozenset[str]:
        return frozenset(r.period for r in self.records)

    def record(self, key: str) -> PeriodRecord | None:
        return next((r for r in self.records if r.period == key), None)

    def periods(self, *, defaults: DueDefaults, default_freq: str, today: date) -> list[Period]:
        """Every period of this duty within the item's own span (its start/end, else the plan's)."""
        start = self.deadline.get("start")
        due = self.deadline.get("due")
        first = date.fromisoformat(start) if start else self.span_from
        last = None if self.deadline.get("open_ended") else (date.fromisoformat(due) if due else self.span_to)
        return periods_of(
            Recurrence.from_dict(self.deadline.get("recurrence")),
            first,
            last,
            defaults=defaults,
            default_freq=default_freq,
            until=today,
        )


@dataclass(frozen=True)
class PeriodWork:
    """An open recurring lead assignment with the periods recorded for it (for /viec and /trehan)."""

    assignment_id: int
    item_id: int
    agency_id: int
    agency: str
    code: str
    content: str
    deadline: dict
    start: date | None
    due: date | None
    closed: frozenset[str] = frozenset()

    def periods(self, *, defaults: DueDefaults, default_freq: str, today: date) -> list[Period]:
        """Its periods, as the reminders count them."""
        return assignment_periods(
            self.deadline, self.start, self.due, defaults=defaults, default_freq=default_freq, today=today
        )

    def missed(
        self, *, defaults: DueDefaults, default_freq: str, today: date, periods: list[Period] | None = None
    ) -> list[Period]:
        """Its periods past their due date and not recorded, oldest first. ``periods``: its periods when
        already computed (one item's periods serve every agency with the same start and due date)."""
        if periods is None:
            periods = self.periods(defaults=defaults, default_freq=default_freq, today=today)
        return [p for p in open_periods(periods, self.closed) if p.due < today]

    def current(self, *, defaults: DueDefaults, default_freq: str, today: date) -> Period | None:
        """The period to show: the oldest one missed, else the next one due; None when none is left."""
        left = open_periods(self.periods(defaults=defaults, default_freq=default_freq, today=today), self.closed)
        return left[0] if left else None
