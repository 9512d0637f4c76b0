"""Which reminders are due on a day: ask the domain what to load (``select_day``), load it through the
store, ask the domain again which reminders it gives (``plan``). Cost follows the number of due rows,
not the database size."""

from __future__ import annotations

from datetime import date

from bot.domain.claims import Planned
from bot.domain.day_plan import plan, select_day
from bot.domain.reminders import ReminderPolicy
from bot.domain.workdays import WorkCalendar
from bot.ports import SweepStore
from jobs.leader_summary import plan_leaders


def plan_day(
    store: SweepStore, *, day: date, cal: WorkCalendar, policy: ReminderPolicy, plain: bool = True
) -> list[Planned]:
    """Every reminder due on ``day`` (empty on a non-working day). With ``plain=False`` the plain date
    and window assignments are left out: the sweep claims those set-based (``SweepStore.claim_plain``)."""
    selection = select_day(day, cal, policy)
    if selection is None:
        return []
    return plan(selection, store.due_work(selection=selection, plain=plain), cal, policy) + plan_leaders(
        store, day=day, cal=cal, policy=policy
    )
