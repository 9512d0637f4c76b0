"""Queries behind the chat: an agency's work, overdue summaries, closing and reopening assignments.

Listing and summarising use one query each (joins and GROUP BY), never one query per item.
Status changes are conditional updates, so a repeated or concurrent command records nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, or_, update
from sqlmodel import Session, select

from bot.domain.agencies import Agency, Directory, Group
from bot.domain.views import WorkItem
from storage.models import AgencyGroupRow, AgencyRow, AssignmentRow, GroupMemberRow, ItemRow, StatusEventRow

LEAD = "lead"
_EFFECTIVE_DUE = func.coalesce(ItemRow.due_override, ItemRow.due_date)
_NOT_BLOCKED = or_(ItemRow.blocked == False, ItemRow.due_override != None)  # noqa: E711,E712


def directory_from_db(session: Session, province: str = "") -> Directory:
    """Agencies and groups as the database knows them (for lookups typed by people)."""
    agencies = {r.key: Agency(r.key, r.name, r.kind, r.short, tuple(r.aliases or ()), r.parent_key)
                for r in session.exec(select(AgencyRow).where(AgencyRow.active == True))}  # noqa: E712
    keys = {r.id: r.key for r in session.exec(select(AgencyRow))}
    members: dict[int, list[str]] = {}
    for m in session.exec(select(GroupMemberRow)):
        members.setdefault(m.group_id, []).append(keys[m.agency_id])
    groups = {g.key: Group(g.key, g.name, (), tuple(members.get(g.id, ())))
              for g in session.exec(select(AgencyGroupRow))}
    return Directory(province, agencies, groups)


def agency_ids(session: Session) -> dict[str, int]:
    return {r.key: r.id for r in session.exec(select(AgencyRow))}


def _work_query(plan_id: int):
    return (select(AssignmentRow.id, AssignmentRow.item_id, AssignmentRow.agency_id, AgencyRow.name, ItemRow.code,
                   ItemRow.content, ItemRow.type, ItemRow.deadline_kind, _EFFECTIVE_DUE, ItemRow.start_date,
                   ItemRow.blocked, ItemRow.due_override, AssignmentRow.status, AssignmentRow.role,
                   ItemRow.position, AssignmentRow.closed_at, AssignmentRow.closed_by)
            .join(ItemRow, ItemRow.id == AssignmentRow.item_id)
            .join(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
            .where(ItemRow.plan_id == plan_id, ItemRow.retired == False,  # noqa: E712
                   AssignmentRow.active == True))  # noqa: E712


def _to_work(row) -> WorkItem:
    (aid, item_id, agency_id, agency, code, content, type_, kind, due, start, blocked, override, status, role,
     position, closed_at, closed_by) = row
    if override is not None:
        blocked = False
        if kind in ("unspecified", "on_demand"):
            kind = "date"
    return WorkItem(item_id, aid, agency_id, agency, code, content, type_, kind, due, start, bool(blocked), status,
                    role, position, closed_at, closed_by)


def open_work(session: Session, *, plan_id: int, agency_id: int) -> list[WorkItem]:
    """An agency's lead assignments not yet done."""
    q = _work_query(plan_id).where(AssignmentRow.agency_id == agency_id, AssignmentRow.role == LEAD,
                                   AssignmentRow.status != "done")
    return [_to_work(r) for r in session.exec(q)]


def count_open(session: Session, *, plan_id: int, agency_id: int) -> int:
    q = (select(func.count()).select_from(AssignmentRow).join(ItemRow, ItemRow.id == AssignmentRow.item_id)
         .where(ItemRow.plan_id == plan_id, ItemRow.retired == False, AssignmentRow.active == True,  # noqa: E712
                AssignmentRow.agency_id == agency_id, AssignmentRow.role == LEAD, AssignmentRow.status != "done"))
    return session.exec(q).one()


def _overdue_filter(today: date):
    return and_(AssignmentRow.role == LEAD, AssignmentRow.status != "done", _EFFECTIVE_DUE < today, _NOT_BLOCKED)


@dataclass(frozen=True)
class OverdueCount:
    agency_id: int
    agency: str
    count: int
    oldest_due: date


def overdue_by_agency(session: Session, *, plan_id: int, today: date) -> list[OverdueCount]:
    """Overdue lead assignments counted per agency, most first (one GROUP BY query)."""
    q = (select(AssignmentRow.agency_id, AgencyRow.name, func.count(), func.min(_EFFECTIVE_DUE))
         .join(ItemRow, ItemRow.id == AssignmentRow.item_id)
         .join(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
         .where(ItemRow.plan_id == plan_id, ItemRow.retired == False, AssignmentRow.active == True,  # noqa: E712
                _overdue_filter(today))
         .group_by(AssignmentRow.agency_id, AgencyRow.name)
         .order_by(func.count().desc(), AgencyRow.name))
    return [OverdueCount(a, n, c, d) for a, n, c, d in session.exec(q)]


def overdue_items(session: Session, *, plan_id: int, today: date, agency_ids: list[int] | None = None,
                  limit: int | None = None) -> list[WorkItem]:
    q = _work_query(plan_id).where(_overdue_filter(today)).order_by(_EFFECTIVE_DUE, ItemRow.position)
    if agency_ids is not None:
        q = q.where(AssignmentRow.agency_id.in_(agency_ids))
    if limit:
        q = q.limit(limit)
    return [_to_work(r) for r in session.exec(q)]


def item_by_code(session: Session, *, plan_id: int, code: str) -> ItemRow | None:
    return session.exec(select(ItemRow).where(ItemRow.plan_id == plan_id, ItemRow.code == code,
                                              ItemRow.retired == False)).first()  # noqa: E712


def item_work(session: Session, *, plan_id: int, item_id: int) -> list[WorkItem]:
    """Every active assignment (lead and coordinating) of one item."""
    q = _work_query(plan_id).where(AssignmentRow.item_id == item_id).order_by(AssignmentRow.id)
    return [_to_work(r) for r in session.exec(q)]


def work_of(session: Session, *, plan_id: int, assignment_id: int) -> WorkItem | None:
    row = session.exec(_work_query(plan_id).where(AssignmentRow.id == assignment_id)).first()
    return _to_work(row) if row else None


def close(session: Session, *, assignment_id: int, actor: str, note: str, now: datetime, data: dict) -> bool:
    """Mark done unless it already is; False means somebody else closed it first."""
    res = session.execute(update(AssignmentRow)
                          .where(AssignmentRow.id == assignment_id, AssignmentRow.status != "done")
                          .values(status="done", closed_at=now, closed_by=actor, note=note, updated_at=now))
    if res.rowcount != 1:
        return False
    _event(session, assignment_id, now, actor, "done", note, data)
    return True


def reopen(session: Session, *, assignment_id: int, actor: str, now: datetime) -> bool:
    res = session.execute(update(AssignmentRow)
                          .where(AssignmentRow.id == assignment_id, AssignmentRow.status == "done")
                          .values(status="in_progress", closed_at=None, closed_by="", updated_at=now))
    if res.rowcount != 1:
        return False
    _event(session, assignment_id, now, actor, "undo", "", {})
    return True


def progress(session: Session, *, assignment_id: int, actor: str, note: str, now: datetime) -> None:
    session.execute(update(AssignmentRow).where(AssignmentRow.id == assignment_id, AssignmentRow.status == "open")
                    .values(status="in_progress", updated_at=now))
    session.execute(update(AssignmentRow).where(AssignmentRow.id == assignment_id).values(note=note, updated_at=now))
    _event(session, assignment_id, now, actor, "progress", note, {})


def _event(session: Session, assignment_id: int, now: datetime, actor: str, action: str, note: str,
           data: dict) -> None:
    item_id = session.exec(select(AssignmentRow.item_id).where(AssignmentRow.id == assignment_id)).one()
    session.add(StatusEventRow(item_id=item_id, assignment_id=assignment_id, at=now, actor=actor, action=action,
                               note=note, data=data))
    session.flush()


def count_overdue(session: Session, *, plan_id: int, today: date, agency_id: int) -> int:
    q = (select(func.count()).select_from(AssignmentRow).join(ItemRow, ItemRow.id == AssignmentRow.item_id)
         .where(ItemRow.plan_id == plan_id, ItemRow.retired == False, AssignmentRow.active == True,  # noqa: E712
                AssignmentRow.agency_id == agency_id, _overdue_filter(today)))
    return session.exec(q).one()


def open_counts(session: Session, *, plan_id: int) -> list[tuple[AgencyRow, int]]:
    """Every active agency with its number of open lead assignments (one GROUP BY query)."""
    counts = dict(session.exec(
        select(AssignmentRow.agency_id, func.count()).join(ItemRow, ItemRow.id == AssignmentRow.item_id)
        .where(ItemRow.plan_id == plan_id, ItemRow.retired == False, AssignmentRow.active == True,  # noqa: E712
               AssignmentRow.role == LEAD, AssignmentRow.status != "done")
        .group_by(AssignmentRow.agency_id)).all())
    rows = session.exec(select(AgencyRow).where(AgencyRow.active == True).order_by(AgencyRow.id)).all()  # noqa: E712
    return [(r, counts.get(r.id, 0)) for r in rows]
