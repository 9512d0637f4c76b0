"""The reminder policy: given an assignment, a day and the calendar, which reminders are due.

Pure and clock-free. The sweep (jobs/sweep.py) asks ``trigger_dates`` which due dates can produce a
reminder on a day, loads only those assignments, then asks ``reminders_for`` about each one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple
from datetime import date, timedelta

from bot.domain.periods import DueDefaults, Period, periods_of
from bot.domain.recurrence import Recurrence
from bot.domain.reminder_kinds import ReminderKind
from bot.domain.workdays import WorkCalendar

# kinds (the enum carries their rules; these names keep the policy below short)
UPCOMING, DUE, OVERDUE, START, CHECKIN = (
    ReminderKind.UPCOMING,
    ReminderKind.DUE,
    ReminderKind.OVERDUE,
    ReminderKind.START,
    ReminderKind.CHECKIN,
)
ESCALATION, HEADS_UP, NEEDS_DATE, INSPECTION, RECURRENCE_DEFAULT = (
    ReminderKind.ESCALATION,
    ReminderKind.HEADS_UP,
    ReminderKind.NEEDS_DATE,
    ReminderKind.INSPECTION,
    ReminderKind.RECURRENCE_DEFAULT,
)

MONTHS_OF = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


@dataclass(frozen=True)
class ReminderPolicy:
    """Every number is a setting (see config/settings.py); these are the defaults."""

    before: tuple[int, ...] = (14, 7, 3, 1)  # working days before the due date (plus the due day)
    overdue_every: int = 3  # working days between overdue reminders
    escalate_after: int = 7  # working days overdue before coordinators hear of it
    escalate_every_days: int = 7  # then weekly
    heads_up_before: int = 7  # coordinating agencies: once, this many working days before
    inspection_notice: int = 7  # the inspected unit: this many working days before the date
    default_recurrence: str = "quarterly"  # "Định kỳ" with no period named
    needs_date_weekday: int = 0  # weekly list for coordinators on the first working day from Monday
    lookback_days: int = 800  # how far back an overdue item keeps being reminded
    period_due: DueDefaults = DueDefaults()  # recurring work: the due day of a period the phrase leaves open
    leader_after: int = 5  # working days overdue before the agency's leader gets a summary
    leader_every_days: int = 7  # then weekly


class Work(NamedTuple):
    """What the policy needs to know about one assignment (a tuple: the sweep makes many)."""

    item_id: int
    agency_id: int
    role: str  # lead | coordinating | subject (an inspected unit)
    kind: str  # deadline kind after any coordinator date
    due: date | None
    start: date | None = None
    blocked: bool = False  # unspecified, on demand, or flagged: waits for a coordinator
    done: bool = False
    freq: str | None = None  # recurring items
    day: int | None = None
    surprise: bool = False
    scheduled: date | None = None  # inspections: the date a coordinator set
    assignment_id: int | None = None
    # recurring/ongoing work (bot.domain.periods): the recurrence as read, the periods already recorded,
    # and whether it runs until the plan is closed (no end date).
    recurrence: Recurrence | None = None
    closed: frozenset[str] = frozenset()
    open_ended: bool = False


class Reminder(NamedTuple):
    item_id: int | None
    agency_id: int | None
    kind: ReminderKind
    slot: str  # identifies the occurrence: the reminder's own date, or a period
    assignment_id: int | None = None


def due_day_reminder(cal: WorkCalendar, due: date) -> date:
    """The due-day reminder; on a non-working due date it moves to the working day before."""
    return due if cal.is_working_day(due) else cal.previous_working_day(due)


def ladder(cal: WorkCalendar, due: date, policy: ReminderPolicy, today: date) -> tuple[ReminderKind, str] | None:
    """(kind, slot) of the pre-due, due-day or overdue reminder on ``today``, if any."""
    if today <= due:
        if today == due_day_reminder(cal, due):
            return DUE, "d0"
        for n in policy.before:
            if cal.add_working_days(due, -n) == today:
                return UPCOMING, f"d-{n}"
        return None
    late = cal.working_days_between(due, today)  # 1 on the first working day after the due date
    if late >= 1 and (late - 1) % policy.overdue_every == 0 and cal.is_working_day(today):
        return OVERDUE, f"d+{late}"
    return None


def escalation(cal: WorkCalendar, due: date, policy: ReminderPolicy, today: date) -> str | None:
    first = cal.add_working_days(due, policy.escalate_after)
    if today < first:
        return None
    weeks = (today - first).days // policy.escalate_every_days
    for k in (weeks, weeks - 1):  # the weekly repeat, moved to a working day when needed
        if k >= 0 and cal.next_working_day(first + timedelta(days=k * policy.escalate_every_days)) == today:
            return f"e{k}"
    return None


PERIOD_SLOT = "p"  # slots of a period's reminders: "p2023-Q3d0", "p2023-Q3d+1", "p2023-Q3e0"
_AHEAD_DAYS = 60  # periods due further ahead than this remind nothing today


def work_periods(w: Work, policy: ReminderPolicy, today: date) -> list[Period]:
    """The periods of a recurring assignment within its span (open-ended: up to a horizon past ``today``)."""
    rec = w.recurrence or (Recurrence(freq=w.freq, day=w.day) if (w.freq or w.day) else None)
    first = w.start or (date(w.due.year, 1, 1) if w.due else today)
    last = None if w.open_ended or w.due is None else w.due
    return periods_of(rec, first, last, defaults=policy.period_due, default_freq=policy.default_recurrence, until=today)


def period_slot(key: str, step: str) -> str:
    """The slot of a period's reminder: the period key, then the ladder step."""
    return f"{PERIOD_SLOT}{key}{step}"


def slot_period(slot: str) -> str | None:
    """The period key a reminder's slot names ("p2023-Q3d+1" → "2023-Q3"), or None."""
    if not slot.startswith(PERIOD_SLOT):
        return None
    body = slot[len(PERIOD_SLOT) :]
    for i, c in enumerate(body):
        if c in "de" and i >= 4:
            return body[:i]
    return None


def open_due_periods(w: Work, policy: ReminderPolicy, today: date) -> list[Period]:
    """The open (not recorded) periods that may remind on ``today``: due within the look-back and the
    ladder's reach."""
    low, high = today - timedelta(days=policy.lookback_days), today + timedelta(days=_AHEAD_DAYS)
    return [p for p in work_periods(w, policy, today) if p.key not in w.closed and low <= p.due <= high]


def reminders_for(w: Work, today: date, cal: WorkCalendar, policy: ReminderPolicy) -> list[Reminder]:
    """Every reminder this assignment has on ``today`` (nothing on a non-working day).

    Recurring work is reminded period by period (each open period has its own ladder, overdue included);
    ongoing work is no deadline: a monthly check-in while it runs, nothing overdue.
    """
    if w.done or not cal.is_working_day(today):
        return []
    out: list[Reminder] = []

    def add(kind: ReminderKind, slot: str) -> None:
        out.append(Reminder(w.item_id, w.agency_id, kind, slot, w.assignment_id))

    if w.role == "subject":
        if w.scheduled and not w.surprise and cal.add_working_days(w.scheduled, -policy.inspection_notice) == today:
            add(INSPECTION, f"i{w.scheduled.isoformat()}")
        return out
    running = w.kind in ("ongoing", "recurring") and w.open_ended
    if w.blocked or (w.due is None and not running):
        return out  # nothing to officers until a coordinator sets or confirms a date
    if w.role == "coordinating":
        if w.kind not in ("ongoing", "recurring") and cal.add_working_days(w.due, -policy.heads_up_before) == today:
            add(HEADS_UP, "h")
        return out
    if w.start and w.start > date.min and cal.next_working_day(w.start) == today and w.kind in ("window", "ongoing"):
        add(START, f"s{w.start.isoformat()}")
    if w.kind == "ongoing":
        if (
            (w.due is None or today <= w.due)
            and today == cal.first_working_day_of_month(today.year, today.month)
            and (w.start is None or w.start <= today)
        ):
            add(CHECKIN, f"c{today:%Y-%m}")
        return out
    if w.kind == "recurring":
        for p in open_due_periods(w, policy, today):
            step = ladder(cal, p.due, policy, today)
            if step:
                add(step[0], period_slot(p.key, step[1]))
        return out
    step = ladder(cal, w.due, policy, today)
    if step:
        add(step[0], step[1])
    return out


def escalations_for(w: Work, today: date, cal: WorkCalendar, policy: ReminderPolicy) -> list[Reminder]:
    """Coordinators' escalation of an overdue lead assignment (of a missed period, for recurring work;
    never for ongoing work, which is not a deadline)."""
    if w.done or w.blocked or w.role != "lead" or not cal.is_working_day(today) or w.kind == "ongoing":
        return []
    if w.kind == "recurring":
        out = []
        for p in open_due_periods(w, policy, today):
            if p.due < today:
                slot = escalation(cal, p.due, policy, today)
                if slot:
                    out.append(Reminder(w.item_id, w.agency_id, ESCALATION, period_slot(p.key, slot), w.assignment_id))
        return out
    if w.due is None:
        return []
    slot = escalation(cal, w.due, policy, today)
    return [Reminder(w.item_id, w.agency_id, ESCALATION, slot, w.assignment_id)] if slot else []


@dataclass(frozen=True)
class DayTables:
    """For one day, what each due date yields: the same answers as ``reminders_for`` and
    ``escalations_for`` give for plain date and window items, looked up instead of recomputed per row."""

    lead: dict[date, tuple[ReminderKind, str]]
    heads_up: frozenset[date]
    escalation: dict[date, str]

    @property
    def dates(self) -> set[date]:
        return set(self.lead) | set(self.heads_up) | set(self.escalation)


def day_tables(today: date, cal: WorkCalendar, policy: ReminderPolicy) -> DayTables:
    if not cal.is_working_day(today):
        return DayTables({}, frozenset(), {})
    lead, heads, esc = {}, set(), {}
    horizon = max(policy.before + (policy.heads_up_before, 0)) * 2 + 20
    for offset in range(-policy.lookback_days, horizon):
        due = today + timedelta(days=offset)
        step = ladder(cal, due, policy, today)
        if step:
            lead[due] = step
        if due >= today and cal.add_working_days(due, -policy.heads_up_before) == today:
            heads.add(due)
        if due < today:
            slot = escalation(cal, due, policy, today)
            if slot:
                esc[due] = slot
    return DayTables(lead, frozenset(heads), esc)


def trigger_dates(today: date, cal: WorkCalendar, policy: ReminderPolicy) -> set[date]:
    """Every due date that can produce a ladder, heads-up or escalation reminder on ``today``."""
    return day_tables(today, cal, policy).dates


def plain_reminders(w: Work, t: DayTables) -> tuple[list[Reminder], list[Reminder]]:
    """(officer reminders, coordinator escalations) of a plain date/window assignment, from the tables."""
    if w.done or w.blocked or w.due is None:
        return [], []
    if w.role == "coordinating":
        return ([Reminder(w.item_id, w.agency_id, HEADS_UP, "h", w.assignment_id)] if w.due in t.heads_up else []), []
    step = t.lead.get(w.due)
    officer = [Reminder(w.item_id, w.agency_id, step[0], step[1], w.assignment_id)] if step else []
    slot = t.escalation.get(w.due)
    return officer, ([Reminder(w.item_id, w.agency_id, ESCALATION, slot, w.assignment_id)] if slot else [])


def is_needs_date_day(today: date, cal: WorkCalendar, policy: ReminderPolicy) -> bool:
    """The weekly "needs a date" list goes out on the first working day of the week."""
    monday = today - timedelta(days=(today.weekday() - policy.needs_date_weekday) % 7)
    return cal.is_working_day(today) and cal.next_working_day(monday) == today
