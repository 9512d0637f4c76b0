"""Occurrences of recurring work: the periods recorded as done, one row per assignment and period.

Periods themselves are computed (bot.domain.periods); a period without a row is open.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Iterable

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.domain.deadlines import NO_DATE
from bot.domain.period_work import PeriodFacts, PeriodRecord, PeriodWork
from storage import audit
from storage.models import AgencyRow, AssignmentRow, ItemRow, OccurrenceRow, PlanRow

CHUNK = 500


def closed_periods(session: Session, *, assignment_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    """assignment id → the period keys recorded (done or ended) for it."""
    ids = list(assignment_ids)
    found: dict[int, set[str]] = {}
    for i in range(0, len(ids), CHUNK):
        q = select(OccurrenceRow.assignment_id, OccurrenceRow.period).where(
            OccurrenceRow.assignment_id.in_(ids[i : i + CHUNK])
        )
        for aid, key in session.connection().execute(q):
            found.setdefault(aid, set()).add(key)
    return {aid: frozenset(keys) for aid, keys in found.items()}


def period_facts(session: Session, *, assignment_id: int) -> PeriodFacts | None:
    """What closing a period needs: the item's deadline, the plan's span, the periods recorded."""
    row = session.execute(
        select(ItemRow.deadline, ItemRow.deadline_kind, ItemRow.due_override, PlanRow.meta, PlanRow.year)
        .select_from(AssignmentRow)
        .join(ItemRow, ItemRow.id == AssignmentRow.item_id)
        .join(PlanRow, PlanRow.id == ItemRow.plan_id)
        .where(AssignmentRow.id == assignment_id)
    ).first()
    if row is None:
        return None
    deadline, kind, override, meta, year = row
    span = (meta or {}).get("span") or {}
    records = session.execute(select(OccurrenceRow).where(OccurrenceRow.assignment_id == assignment_id)).scalars()
    return PeriodFacts(
        deadline=dict(deadline or {}),
        kind=kind,
        due_override=override,
        span_from=date.fromisoformat(span["from"]) if span.get("from") else date(year, 1, 1),
        span_to=(date.fromisoformat(span["to"]) if span.get("to") else None) if "to" in span else date(year, 12, 31),
        records=tuple(PeriodRecord(r.period, r.due, r.status, r.closed_at, r.closed_by, r.note) for r in records),
    )


def record_period(
    session: Session,
    *,
    assignment_id: int,
    item_id: int,
    period: str,
    due: date,
    status: str,
    actor: str,
    note: str,
    now: datetime,
    data: dict[str, Any],
    channel: str = "",
) -> bool:
    """Record one period as done (or ended), with its audit row; False when it already was (nothing changes)."""
    try:
        with session.begin_nested():
            session.add(
                OccurrenceRow(
                    assignment_id=assignment_id,
                    period=period,
                    due=due,
                    status=status,
                    closed_at=now,
                    closed_by=actor,
                    note=note,
                    data=data,
                )
            )
            session.flush()
    except IntegrityError:
        return False
    audit.write(
        session,
        action="period_" + status,
        actor=actor,
        now=now,
        channel=channel,
        item_id=item_id,
        assignment_id=assignment_id,
        agency_id=session.get(AssignmentRow, assignment_id).agency_id,
        before={"period": period, "done": False},
        after={"period": period, "done": True, "due": due, **data},
        note=note,
    )
    return True


def undo_latest_period(
    session: Session, *, assignment_id: int, item_id: int, actor: str, now: datetime, channel: str = ""
) -> PeriodRecord | None:
    """Forget the period recorded last for an assignment (it is open again), with its audit row; None when
    no period is recorded (nothing changes)."""
    row = session.execute(
        select(OccurrenceRow)
        .where(OccurrenceRow.assignment_id == assignment_id)
        .order_by(OccurrenceRow.closed_at.desc(), OccurrenceRow.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if row is None:
        return None
    record = PeriodRecord(row.period, row.due, row.status, row.closed_at, row.closed_by, row.note)
    session.execute(delete(OccurrenceRow).where(OccurrenceRow.id == row.id))
    audit.write(
        session,
        action="period_undo",
        actor=actor,
        now=now,
        channel=channel,
        item_id=item_id,
        assignment_id=assignment_id,
        agency_id=session.get(AssignmentRow, assignment_id).agency_id,
        before={"period": record.period, "done": True, "closed_by": record.closed_by, "note": record.note},
        after={"period": record.period, "done": False},
    )
    return record


def open_period_work(session: Session, *, plan_id: int, agency_id: int | None = None) -> list[PeriodWork]:
    """Open recurring lead assignments (of one agency, or all) with their periods recorded. The plan's
    recurring items first (a few, by the plan's index; none: one query and done), then their open lead
    assignments by the item index and the periods recorded: nothing scans the plan's other assignments."""
    conn = session.connection()
    items = {
        r[0]: r[1:]
        for r in conn.execute(
            select(ItemRow.id, ItemRow.code, ItemRow.content, ItemRow.deadline, ItemRow.start_date)
            .where(
                ItemRow.plan_id == plan_id,
                ItemRow.deadline_kind == "recurring",
                ItemRow.due_override.is_(None),
                ItemRow.retired.is_(False),
            )
            .order_by(ItemRow.position, ItemRow.id)
        )
    }
    if not items:
        return []
    rows: list[Any] = []
    ids = list(items)
    for i in range(0, len(ids), CHUNK):
        q = (
            select(AssignmentRow.id, AssignmentRow.item_id, AssignmentRow.agency_id, AgencyRow.name, AssignmentRow.due)
            .join(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
            .where(
                AssignmentRow.item_id.in_(ids[i : i + CHUNK]),
                AssignmentRow.role == "lead",
                AssignmentRow.active.is_(True),
                AssignmentRow.status != "done",
            )
        )
        if agency_id is not None:
            q = q.where(AssignmentRow.agency_id == agency_id)
        rows += conn.execute(q).all()
    order = {item_id: n for n, item_id in enumerate(ids)}
    rows.sort(key=lambda r: (order[r[1]], r[0]))
    deadlines = {item_id: dict(v[2] or {}) for item_id, v in items.items()}  # read once per item
    closed = closed_periods(session, assignment_ids=[r[0] for r in rows]) if rows else {}
    return [
        PeriodWork(
            aid,
            item_id,
            agency,
            name,
            items[item_id][0],
            items[item_id][1],
            deadlines[item_id],
            items[item_id][3],
            None if due == NO_DATE else due,
            closed.get(aid, frozenset()),
        )
        for aid, item_id, agency, name, due in rows
    ]
