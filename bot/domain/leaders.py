"""When an agency's leader (lãnh đạo phụ trách) hears of its overdue items (pure, clock-free).

The first summary goes out on the working day its oldest open item has been ``after`` working days
overdue; then one every ``every_days`` days (on the next working day when that one is a holiday) while
anything stays overdue. A summary lists every overdue lead item of the agency."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.domain.claims import Planned
from bot.domain.reminder_kinds import ReminderKind
from bot.domain.workdays import WorkCalendar


@dataclass(frozen=True)
class OverdueWork:
    """One overdue lead assignment of an agency that has a leader."""

    item_id: int
    agency_id: int
    assignment_id: int
    due: date


@dataclass(frozen=True)
class LeaderFacts:
    """What the rule needs: overdue lead work of the agencies with a leader, and each one's last summary."""

    work: tuple[OverdueWork, ...] = ()
    last: dict[int, date] = field(default_factory=dict)


def summary_due(
    dues: list[date], today: date, cal: WorkCalendar, *, after: int, every_days: int, last: date | None
) -> bool:
    """Whether the leader gets a summary on ``today``, given the agency's overdue due dates and the day
    of its last summary (None: never)."""
    if not dues or not cal.is_working_day(today):
        return False
    if today < cal.add_working_days(min(dues), after):
        return False
    return last is None or (today - last).days >= every_days


def leader_summaries(
    work: list[OverdueWork],
    last: dict[int, date],
    today: date,
    cal: WorkCalendar,
    *,
    after: int,
    every_days: int,
) -> list[Planned]:
    """The summaries due on ``today``: one planned line per overdue item of each agency due a summary
    (the slot names the day: one summary a day at most)."""
    by_agency: dict[int, list[OverdueWork]] = {}
    for w in work:
        if w.due < today:
            by_agency.setdefault(w.agency_id, []).append(w)
    out: list[Planned] = []
    for agency, items in sorted(by_agency.items()):
        dues = [w.due for w in items]
        if summary_due(dues, today, cal, after=after, every_days=every_days, last=last.get(agency)):
            out += [
                Planned(w.item_id, agency, ReminderKind.LEADER_SUMMARY, f"L{today:%Y%m%d}", w.assignment_id, today)
                for w in sorted(items, key=lambda w: (w.due, w.item_id))
            ]
    return out
