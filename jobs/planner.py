"""Which reminders are due on a day: load only the assignments whose dates can remind that day,
then ask the pure policy about each. Cost follows the number of due rows, not the database size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, or_, select
from sqlmodel import Session

from bot.domain import reminders as R
from bot.domain.deadlines import NO_DATE
from bot.domain.reminders import Reminder, ReminderPolicy, Work
from bot.domain.workdays import WorkCalendar
from storage.models import OPEN_SQL, AssignmentRow, ItemRow, ItemSubjectRow
from storage.work import index_terms

OFFICER, COORDINATOR = "officer", "coordinator"
DAILY = "daily"   # the coordinators' daily digest: overdue totals and whatever else is pending


@dataclass(frozen=True)
class Planned:
    reminder: Reminder
    audience: str          # officer | coordinator
    day: date


_COLS = (AssignmentRow.id, AssignmentRow.item_id, AssignmentRow.agency_id, AssignmentRow.role, AssignmentRow.due,
         ItemRow.deadline_kind, ItemRow.start_date, ItemRow.due_override)
_FULL = _COLS + (ItemRow.deadline, ItemRow.surprise)


def _work(row) -> Work:
    aid, item_id, agency_id, role, due, kind, start, override, *rest = row
    if override is not None and kind in ("unspecified", "on_demand"):
        kind = "date"
    rec = ((rest[0] if rest else None) or {}).get("recurrence") or {}
    return Work(item_id=item_id, agency_id=agency_id, role=role, kind=kind, due=None if due == NO_DATE else due,
                start=start, blocked=due == NO_DATE, freq=rec.get("freq"), day=rec.get("day"),
                surprise=bool(rest[1]) if len(rest) > 1 else False, assignment_id=aid)


def _open_rows(session: Session, *where, cols=_FULL):
    q = (select(*cols).select_from(AssignmentRow).join(ItemRow, ItemRow.id == AssignmentRow.item_id)
         .where(index_terms(session, OPEN_SQL), *where))
    return session.execute(q)


def plan_day(session: Session, *, day: date, cal: WorkCalendar, policy: ReminderPolicy) -> list[Planned]:
    """Every reminder due on ``day`` (empty on a non-working day)."""
    if not cal.is_working_day(day):
        return []
    out: list[Planned] = []
    seen: set[int] = set()

    tables = R.day_tables(day, cal, policy)

    def take(rows) -> None:
        for row in rows:
            w = _work(row)
            if w.assignment_id in seen:
                continue
            seen.add(w.assignment_id)
            if w.kind in ("date", "window") and w.role in ("lead", "coordinating"):
                officer, coordinator = R.plain_reminders(w, tables)   # the common case: a table lookup
            else:
                officer = R.reminders_for(w, day, cal, policy)
                coordinator = R.escalations_for(w, day, cal, policy)
            out.extend(Planned(r, OFFICER, day) for r in officer)
            out.extend(Planned(r, COORDINATOR, day) for r in coordinator)

    # Rows that need the full policy first (start notices, check-ins, recurrences), then the due dates.
    starts = [day - timedelta(days=k) for k in range(0, 10) if cal.next_working_day(day - timedelta(days=k)) == day]
    take(_open_rows(session, ItemRow.start_date.in_(starts), AssignmentRow.role == "lead"))
    special = [ItemRow.deadline_kind == "recurring"]
    if day == cal.first_working_day_of_month(day.year, day.month):
        special.append(ItemRow.deadline_kind == "ongoing")
    take(_open_rows(session, or_(*special), AssignmentRow.role == "lead"))
    triggers = sorted(tables.dates)
    for i in range(0, len(triggers), 500):  # ladder, heads-up and escalation dates
        take(_open_rows(session, AssignmentRow.due.in_(triggers[i:i + 500]), cols=_COLS))
    out += _inspections(session, day, cal, policy)
    out += _coordinator_notices(session, day, cal, policy)
    out += inspections_running_out(session, day=day, cal=cal, policy=policy)
    return out


def _inspections(session: Session, day: date, cal: WorkCalendar, policy: ReminderPolicy) -> list[Planned]:
    """The inspected unit hears of a scheduled (never a surprise) inspection ahead of time."""
    dates = [day + timedelta(days=k) for k in range(1, policy.inspection_notice * 3 + 10)
             if cal.add_working_days(day + timedelta(days=k), -policy.inspection_notice) == day]
    q = (select(ItemSubjectRow.item_id, ItemSubjectRow.agency_id, ItemRow.inspection_date, ItemRow.surprise)
         .join(ItemRow, ItemRow.id == ItemSubjectRow.item_id)
         .where(ItemRow.inspection_date.in_(dates), ItemRow.surprise == False, ItemRow.retired == False))  # noqa: E712
    out = []
    for item_id, agency_id, when, surprise in session.execute(q):
        w = Work(item_id, agency_id, "subject", "date", when, scheduled=when, surprise=surprise)
        out += [Planned(r, OFFICER, day) for r in R.reminders_for(w, day, cal, policy)]
    return out


def _coordinator_notices(session: Session, day: date, cal: WorkCalendar, policy: ReminderPolicy) -> list[Planned]:
    out: list[Planned] = [Planned(Reminder(None, None, DAILY, f"d{day.isoformat()}"), COORDINATOR, day)]
    if R.is_needs_date_day(day, cal, policy):
        week = f"w{day.isocalendar()[0]}-{day.isocalendar()[1]:02d}"
        q = select(ItemRow.id).where(ItemRow.retired == False, ItemRow.due_override == None, or_(  # noqa: E711,E712
            ItemRow.blocked == True, ItemRow.deadline_kind.in_(("unspecified", "on_demand"))))  # noqa: E712
        out += [Planned(Reminder(i, None, R.NEEDS_DATE, week), COORDINATOR, day) for (i,) in session.execute(q)]
    q = select(ItemRow.id, ItemRow.deadline).where(ItemRow.retired == False, ItemRow.deadline_kind == "recurring")  # noqa: E712
    for item_id, deadline in session.execute(q):
        if not ((deadline or {}).get("recurrence") or {}).get("freq"):
            out.append(Planned(Reminder(item_id, None, R.RECURRENCE_DEFAULT, "once"), COORDINATOR, day))
    return out


def inspections_running_out(session: Session, *, day: date, cal: WorkCalendar,
                            policy: ReminderPolicy) -> list[Planned]:
    """Coordinators hear of inspections not yet done as their window runs out (same ladder)."""
    q = (select(ItemRow.id, ItemRow.due_date).where(ItemRow.type == "inspection", ItemRow.retired == False,  # noqa: E712
                                                    ItemRow.due_date != None)  # noqa: E711
         .where(ItemRow.id.in_(select(AssignmentRow.item_id).where(
             and_(AssignmentRow.role == "lead", AssignmentRow.status != "done", AssignmentRow.active == True)))))  # noqa: E712
    out = []
    for item_id, due in session.execute(q):
        step = R.ladder(cal, due, policy, day)
        if step and step[0] in (R.UPCOMING, R.DUE):
            out.append(Planned(Reminder(item_id, None, "inspection_due", step[1]), COORDINATOR, day))
    return out
