"""Loading what a day's reminders need (bot.domain.day_plan.select_day names it): open assignments by
due date, items starting or of a special kind, announced inspections, the coordinators' lists.
Rows come back as the policy's ``Work`` tuples with the effective deadline kind applied."""

from __future__ import annotations

from sqlalchemy import and_, not_, or_, select
from sqlmodel import Session

from bot.domain.day_plan import PLAIN_KINDS, DaySelection, DueWork
from bot.domain.deadlines import NO_DATE
from bot.domain.effective import UNDATED_KINDS, effective_kind
from bot.domain.recurrence import Recurrence
from bot.domain.reminders import Work
from storage.models import OPEN_SQL, AssignmentRow, ItemRow, ItemSubjectRow
from storage.occurrences import closed_periods
from storage.work import index_terms

_COLS = (
    AssignmentRow.id,
    AssignmentRow.item_id,
    AssignmentRow.agency_id,
    AssignmentRow.role,
    AssignmentRow.due,
    ItemRow.deadline_kind,
    ItemRow.start_date,
    ItemRow.due_override,
)
_FULL = _COLS + (ItemRow.deadline, ItemRow.surprise)
CHUNK = 500

# The SQL form of "plain after effective_kind" (bot.domain.effective + bot.domain.day_plan.PLAIN_KINDS):
# a date or window item, or an undated one a coordinator gave a date. storage/claims.py uses it too.
PLAIN_SQL = (
    f"(i.deadline_kind IN ({', '.join(repr(k) for k in PLAIN_KINDS)}) OR "
    f"(i.due_override IS NOT NULL AND i.deadline_kind IN ({', '.join(repr(k) for k in UNDATED_KINDS)})))"
)
_PLAIN = or_(
    ItemRow.deadline_kind.in_(PLAIN_KINDS),
    and_(ItemRow.due_override.is_not(None), ItemRow.deadline_kind.in_(UNDATED_KINDS)),
)


def _work(row) -> Work:
    aid, item_id, agency_id, role, due, kind, start, override, *rest = row
    kind = effective_kind(kind, override)
    undated = due == NO_DATE
    if not rest:  # the common, plain row
        return Work(
            item_id,
            agency_id,
            role,
            kind,
            None if undated else due,
            start,
            undated,
            False,
            None,
            None,
            False,
            None,
            aid,
        )
    deadline = rest[0] or {}
    rec = deadline.get("recurrence") or {}
    running = bool(deadline.get("open_ended")) and kind in ("ongoing", "recurring")  # until the plan closes
    return Work(
        item_id,
        agency_id,
        role,
        kind,
        None if undated else due,
        start,
        undated and not running,
        False,
        rec.get("freq"),
        rec.get("day"),
        bool(rest[1]),
        None,
        aid,
        Recurrence.from_dict(rec) if kind == "recurring" else None,
        frozenset(),
        running,
    )


def _with_closed_periods(session: Session, work: list[Work]) -> list[Work]:
    """Recurring lead assignments get the periods already recorded (storage/occurrences.py)."""
    ids = [w.assignment_id for w in work if w.kind == "recurring" and w.role == "lead"]
    if not ids:
        return work
    closed = closed_periods(session, assignment_ids=ids)
    return [
        w._replace(closed=closed.get(w.assignment_id, frozenset())) if w.assignment_id in closed else w for w in work
    ]


def _open_rows(session: Session, *where, cols=_FULL):
    q = (
        select(*cols)
        .select_from(AssignmentRow)
        .join(ItemRow, ItemRow.id == AssignmentRow.item_id)
        .where(index_terms(session, OPEN_SQL), *where)
    )
    return session.connection().execute(q).all()  # Core rows, fetched at once: no per-row ORM work


def due_work(session: Session, *, selection: DaySelection, plain: bool = True) -> DueWork:
    """Everything ``selection`` names; with ``plain=False`` the plain assignments on a due date are left
    out (the set-based claim takes them)."""
    out = DueWork()
    seen: set[int] = set()
    special = [ItemRow.start_date.in_(selection.start_dates), ItemRow.deadline_kind.in_(selection.special_kinds)]
    items = [i for (i,) in session.execute(select(ItemRow.id).where(or_(*special), ItemRow.retired.is_(False)))]
    for i in range(0, len(items), CHUNK):  # items are few beside assignments: their open lead assignments
        for row in _open_rows(session, AssignmentRow.item_id.in_(items[i : i + CHUNK]), AssignmentRow.role == "lead"):
            if row[0] not in seen:
                seen.add(row[0])
                out.full.append(_work(row))
    dates = selection.due_dates
    for i in range(0, len(dates), CHUNK):  # ladder, heads-up and escalation dates: the bulk of the rows
        chunk = AssignmentRow.due.in_(dates[i : i + CHUNK])
        for row in _open_rows(session, chunk, not_(_PLAIN)):  # ongoing, recurring…: the full policy
            if row[0] not in seen:
                seen.add(row[0])
                out.full.append(_work(row))
        if plain:
            for row in _open_rows(session, chunk, _PLAIN, cols=_COLS):
                if row[0] not in seen:
                    seen.add(row[0])
                    out.plain.append(_work(row))
    out.full = _with_closed_periods(session, out.full)
    if selection.inspection_dates:
        q = (
            select(ItemSubjectRow.item_id, ItemSubjectRow.agency_id, ItemRow.inspection_date, ItemRow.surprise)
            .join(ItemRow, ItemRow.id == ItemSubjectRow.item_id)
            .where(
                ItemRow.inspection_date.in_(selection.inspection_dates),
                ItemRow.surprise.is_(False),
                ItemRow.retired.is_(False),
            )
        )
        out.subjects = [
            Work(item_id, agency_id, "subject", "date", when, scheduled=when, surprise=surprise)
            for item_id, agency_id, when, surprise in session.execute(q)
        ]
    if selection.needs_date_week:
        q = select(ItemRow.id).where(
            ItemRow.retired.is_(False),
            ItemRow.due_override.is_(None),
            or_(ItemRow.blocked.is_(True), ItemRow.deadline_kind.in_(UNDATED_KINDS)),
        )
        out.needs_date = [i for (i,) in session.execute(q)]
    q = select(ItemRow.id, ItemRow.deadline).where(ItemRow.retired.is_(False), ItemRow.deadline_kind == "recurring")
    out.no_period = [
        i for i, deadline in session.execute(q) if not ((deadline or {}).get("recurrence") or {}).get("freq")
    ]
    inspections = select(ItemRow.id).where(ItemRow.type == "inspection", ItemRow.retired.is_(False))
    q = (
        select(AssignmentRow.item_id, AssignmentRow.due)
        .where(AssignmentRow.item_id.in_(inspections), AssignmentRow.role == "lead", index_terms(session, OPEN_SQL))
        .distinct()
    )
    out.inspections = [(i, due) for i, due in session.execute(q) if due != NO_DATE]
    return out
