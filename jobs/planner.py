"""Which reminders are due on a day: load only the assignments whose dates can remind that day,
then ask the pure policy about each. Cost follows the number of due rows, not the database size."""

from __future__ import annotations

from typing import NamedTuple
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlmodel import Session

from bot.domain import reminders as R
from bot.domain.deadlines import NO_DATE
from bot.domain.reminders import Reminder, ReminderPolicy, Work
from bot.domain.workdays import WorkCalendar
from storage.models import OPEN_SQL, AssignmentRow, ItemRow, ItemSubjectRow
from storage.work import index_terms

OFFICER, COORDINATOR = "officer", "coordinator"
DAILY = "daily"   # the coordinators' daily digest: overdue totals and whatever else is pending
WEEKLY = "weekly"  # the Monday summary: closed last week, newly overdue, due soon, chats missing


class Planned(NamedTuple):
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
    if not rest:   # the common, plain row
        return Work(item_id, agency_id, role, kind, None if due == NO_DATE else due, start, due == NO_DATE,
                    False, None, None, False, None, aid)
    rec = (rest[0] or {}).get("recurrence") or {}
    return Work(item_id, agency_id, role, kind, None if due == NO_DATE else due, start, due == NO_DATE, False,
                rec.get("freq"), rec.get("day"), bool(rest[1]), None, aid)


def _open_rows(session: Session, *where, cols=_FULL):
    q = (select(*cols).select_from(AssignmentRow).join(ItemRow, ItemRow.id == AssignmentRow.item_id)
         .where(index_terms(session, OPEN_SQL), *where))
    return session.connection().execute(q).all()   # Core rows, fetched at once: no per-row ORM work


def plan_day(session: Session, *, day: date, cal: WorkCalendar, policy: ReminderPolicy,
             plain: bool = True) -> list[Planned]:
    """Every reminder due on ``day`` (empty on a non-working day). With ``plain=False`` the plain date
    and window assignments are left out: the sweep claims those set-based (jobs/bulk_claim.py)."""
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
    # Items are few beside assignments: pick the items first, then their open lead assignments.
    starts = [day - timedelta(days=k) for k in range(0, 10) if cal.next_working_day(day - timedelta(days=k)) == day]
    special = [ItemRow.start_date.in_(starts), ItemRow.deadline_kind == "recurring"]
    if day == cal.first_working_day_of_month(day.year, day.month):
        special.append(ItemRow.deadline_kind == "ongoing")
    items = [i for (i,) in session.execute(select(ItemRow.id).where(or_(*special), ItemRow.retired == False))]  # noqa: E712
    for i in range(0, len(items), 500):
        take(_open_rows(session, AssignmentRow.item_id.in_(items[i:i + 500]), AssignmentRow.role == "lead"))
    triggers = sorted(tables.dates)
    lead, heads, esc = tables.lead, tables.heads_up, tables.escalation
    for i in range(0, len(triggers), 500):  # ladder, heads-up and escalation dates: the bulk of the rows
        for row in _open_rows(session, AssignmentRow.due.in_(triggers[i:i + 500]), cols=_COLS):
            aid, item_id, agency_id, role, due, kind, _start, override = row
            if aid in seen:
                continue
            if not (kind in ("date", "window") or (override is not None and kind in ("unspecified", "on_demand"))):
                take([row])   # ongoing, recurring…: the full policy
                continue
            if not plain:
                continue
            if role == "lead":   # inline R.plain_reminders: this loop runs for every due row
                step = lead.get(due)
                if step:
                    out.append(Planned(Reminder(item_id, agency_id, step[0], step[1], aid), OFFICER, day))
                slot = esc.get(due)
                if slot:
                    out.append(Planned(Reminder(item_id, agency_id, R.ESCALATION, slot, aid), COORDINATOR, day))
            elif role == "coordinating" and due in heads:
                out.append(Planned(Reminder(item_id, agency_id, R.HEADS_UP, "h", aid), OFFICER, day))
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
        out.append(Planned(Reminder(None, None, WEEKLY, week), COORDINATOR, day))
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
    inspections = select(ItemRow.id).where(ItemRow.type == "inspection", ItemRow.retired == False)  # noqa: E712
    q = (select(AssignmentRow.item_id, AssignmentRow.due).where(
        AssignmentRow.item_id.in_(inspections), AssignmentRow.role == "lead", index_terms(session, OPEN_SQL))
         .distinct())
    out = []
    for item_id, due in session.execute(q):
        if due == NO_DATE:
            continue
        step = R.ladder(cal, due, policy, day)
        if step and step[0] in (R.UPCOMING, R.DUE):
            out.append(Planned(Reminder(item_id, None, "inspection_due", step[1]), COORDINATOR, day))
    return out
