"""Which reminders a day has (pure): the selector "what to load on day D", and the plan made from
what was loaded. The set-based claim (storage/claims.py) and the Python planner (jobs/planner.py) both
start from ``select_day``; storage loads what it names, this module decides."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.domain import reminders as R
from bot.domain.claims import Planned
from bot.domain.reminder_kinds import ReminderKind
from bot.domain.reminders import DayTables, ReminderPolicy, Work
from bot.domain.workdays import WorkCalendar

PLAIN_KINDS = ("date", "window")  # reminded purely from the due date: the day tables answer for them


def is_plain(kind: str) -> bool:
    """A plain assignment (after effective_kind): its reminders are a table lookup on the due date."""
    return kind in PLAIN_KINDS


@dataclass(frozen=True)
class DaySelection:
    """What day ``day`` needs loaded."""

    day: date
    tables: DayTables  # plain items: due date → reminder
    due_dates: tuple[date, ...]  # open assignments due on these dates (ladder, heads-up, escalation)
    start_dates: tuple[date, ...]  # items starting on these dates (start notices)
    special_kinds: tuple[str, ...]  # items of these deadline kinds need the full policy today
    inspection_dates: tuple[date, ...]  # scheduled inspections announced today
    needs_date_week: str | None  # the weekly "needs a date" list (its slot), or None


def select_day(day: date, cal: WorkCalendar, policy: ReminderPolicy) -> DaySelection | None:
    """What to load on ``day``; None on a non-working day (nothing is reminded)."""
    if not cal.is_working_day(day):
        return None
    tables = R.day_tables(day, cal, policy)
    starts = tuple(
        day - timedelta(days=k) for k in range(0, 10) if cal.next_working_day(day - timedelta(days=k)) == day
    )
    special = ("recurring", "ongoing") if day == cal.first_working_day_of_month(day.year, day.month) else ("recurring",)
    inspections = tuple(
        day + timedelta(days=k)
        for k in range(1, policy.inspection_notice * 3 + 10)
        if cal.add_working_days(day + timedelta(days=k), -policy.inspection_notice) == day
    )
    week = None
    if R.is_needs_date_day(day, cal, policy):
        year, number, _ = day.isocalendar()
        week = f"w{year}-{number:02d}"
    return DaySelection(day, tables, tuple(sorted(tables.dates)), starts, special, inspections, week)


@dataclass
class DueWork:
    """What storage loaded for a selection (open assignments as ``Work``, effective kind applied)."""

    full: list[Work] = field(default_factory=list)  # need the whole policy (starts, recurrences, check-ins…)
    plain: list[Work] = field(default_factory=list)  # plain date/window assignments on a due date
    subjects: list[Work] = field(default_factory=list)  # inspected units of announced inspections
    needs_date: list[int] = field(default_factory=list)  # undated or blocked items (ids)
    no_period: list[int] = field(default_factory=list)  # recurring items that name no period
    inspections: list[tuple[int, date]] = field(default_factory=list)  # inspection items: (item, lead due)


def plan(sel: DaySelection, work: DueWork, cal: WorkCalendar, policy: ReminderPolicy) -> list[Planned]:
    """Every reminder due on the selected day, from what was loaded."""
    day, t = sel.day, sel.tables
    out: list[Planned] = []
    add = out.append
    for w in work.full:
        if is_plain(w.kind) and w.role in ("lead", "coordinating"):
            officer, coordinator = R.plain_reminders(w, t)
        else:
            officer = R.reminders_for(w, day, cal, policy)
            coordinator = R.escalations_for(w, day, cal, policy)
        for r in officer + coordinator:
            add(Planned(r.item_id, r.agency_id, r.kind, r.slot, r.assignment_id, day))
    lead, heads, esc = t.lead, t.heads_up, t.escalation
    for w in work.plain:  # inline R.plain_reminders: this loop runs for every due row
        if w.role == "lead":
            step = lead.get(w.due)
            if step:
                add(Planned(w.item_id, w.agency_id, step[0], step[1], w.assignment_id, day))
            slot = esc.get(w.due)
            if slot:
                add(Planned(w.item_id, w.agency_id, ReminderKind.ESCALATION, slot, w.assignment_id, day))
        elif w.role == "coordinating" and w.due in heads:
            add(Planned(w.item_id, w.agency_id, ReminderKind.HEADS_UP, "h", w.assignment_id, day))
    for w in work.subjects:
        out += [
            Planned(r.item_id, r.agency_id, r.kind, r.slot, r.assignment_id, day)
            for r in R.reminders_for(w, day, cal, policy)
        ]
    out.append(Planned(None, None, ReminderKind.DAILY, f"d{day.isoformat()}", None, day))
    if sel.needs_date_week:
        out.append(Planned(None, None, ReminderKind.WEEKLY, sel.needs_date_week, None, day))
        out += [Planned(i, None, ReminderKind.NEEDS_DATE, sel.needs_date_week, None, day) for i in work.needs_date]
    out += [Planned(i, None, ReminderKind.RECURRENCE_DEFAULT, "once", None, day) for i in work.no_period]
    for item_id, due in work.inspections:  # coordinators hear of inspections not done as their window runs out
        step = R.ladder(cal, due, policy, day)
        if step and step[0] in (ReminderKind.UPCOMING, ReminderKind.DUE):
            add(Planned(item_id, None, ReminderKind.INSPECTION_DUE, step[1], None, day))
    return out
