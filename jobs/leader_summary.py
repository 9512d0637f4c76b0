"""The leaders' overdue summaries: load what the rule needs through the store, ask the domain
(bot.domain.leaders) which summaries are due. Claimed and delivered like any reminder; a leader's
digest is built by jobs/digests.officer_message (its own section)."""

from __future__ import annotations

from datetime import date

from bot.domain.claims import Planned
from bot.domain.leaders import leader_summaries
from bot.domain.reminders import ReminderPolicy
from bot.domain.workdays import WorkCalendar
from bot.ports import SweepStore


def plan_leaders(store: SweepStore, *, day: date, cal: WorkCalendar, policy: ReminderPolicy) -> list[Planned]:
    """The leader summaries due on ``day`` (none on a non-working day, none for agencies without a leader)."""
    if not cal.is_working_day(day):
        return []
    facts = store.leader_overdue(today=day)
    if not facts.work:
        return []
    return leader_summaries(
        list(facts.work),
        dict(facts.last),
        day,
        cal,
        after=policy.leader_after,
        every_days=policy.leader_every_days,
    )
