"""Queries behind the chat: an agency's work, overdue summaries, closing and reopening assignments.

Lists and summaries read the partial index ``ix_assignment_open_lead`` (open lead assignments by
agency and due date), so their cost follows the rows shown, not the size of the database. Status
changes are conditional updates, so a repeated or concurrent command records nothing twice.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, bindparam, func, text
from sqlmodel import Session, select

from bot.domain.agencies import Agency, Directory
from bot.domain.chat_records import OverdueCount
from bot.domain.deadlines import NO_DATE
from bot.domain.effective import effective_kind
from bot.domain.views import WorkItem
from storage.driver_rows import Dates, driver_rows
from storage.id_lists import in_ids
from storage.models import OPEN_LEAD_SQL, AgencyRow, AssignmentRow, ItemRow

LEAD = "lead"


def index_terms(session: Session, terms: dict[str, str]):
    """A partial index's own WHERE terms, written out literally so the query planner can use it."""
    return dialect_terms(session.get_bind().dialect.name, terms)


def dialect_terms(dialect: str, terms: dict[str, str]):
    """``index_terms`` for a dialect named."""
    sql = terms.get(dialect, terms["postgresql"])
    return text(" AND ".join(f"assignment.{term.strip()}" for term in sql.split(" AND ")))


def _open_lead(session: Session):
    return index_terms(session, OPEN_LEAD_SQL)


def directory_from_db(session: Session, *, province: str = "") -> Directory:
    """Agencies as the database knows them, for lookups typed by people (columns only, no groups)."""
    rows = session.exec(
        select(
            AgencyRow.key, AgencyRow.name, AgencyRow.kind, AgencyRow.short, AgencyRow.aliases, AgencyRow.parent_key
        ).where(AgencyRow.active.is_(True))
    )
    return directory_of(rows, province=province)


def directory_of(rows, *, province: str = "") -> Directory:
    """A directory (no groups) from (key, name, kind, short, aliases, parent_key) tuples."""
    agencies = {
        k: Agency(k, n, kind, short, tuple(aliases or ()), parent) for k, n, kind, short, aliases, parent in rows
    }
    return Directory(province, agencies, {})


def agency_ids(session: Session) -> dict[str, int]:
    return {k: i for k, i in session.exec(select(AgencyRow.key, AgencyRow.id))}


_COLUMNS = (
    AssignmentRow.id,
    AssignmentRow.item_id,
    AssignmentRow.agency_id,
    AgencyRow.name,
    ItemRow.code,
    ItemRow.content,
    ItemRow.type,
    ItemRow.deadline_kind,
    AssignmentRow.due,
    ItemRow.start_date,
    ItemRow.blocked,
    ItemRow.due_override,
    AssignmentRow.status,
    AssignmentRow.role,
    ItemRow.position,
    AssignmentRow.closed_at,
    AssignmentRow.closed_by,
)


def _details(ids_query):
    """Item and agency details for the assignments ``ids_query`` selects (a page at most)."""
    return (
        select(*_COLUMNS)
        .join(ItemRow, ItemRow.id == AssignmentRow.item_id)
        .join(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
        .where(AssignmentRow.id.in_(ids_query))
    )


def to_work(row) -> WorkItem:
    """A WorkItem from the columns of ``_COLUMNS`` (a coordinator's date makes an undated item dated)."""
    (
        aid,
        item_id,
        agency_id,
        agency,
        code,
        content,
        type_,
        kind,
        due,
        start,
        blocked,
        override,
        status,
        role,
        position,
        closed_at,
        closed_by,
    ) = row
    if override is not None:
        blocked = False
    kind = effective_kind(kind, override)
    return WorkItem(
        item_id,
        aid,
        agency_id,
        agency,
        code,
        content,
        type_,
        kind,
        None if due == NO_DATE else due,
        start,
        bool(blocked),
        status,
        role,
        position,
        closed_at,
        closed_by,
    )


def _ordered(rows) -> list[WorkItem]:
    return sorted((to_work(r) for r in rows), key=lambda w: (w.due or NO_DATE, w.item_id))


def _open_ids(session: Session, plan_id: int, agency_id: int):
    return select(AssignmentRow.id).where(
        AssignmentRow.agency_id == agency_id, AssignmentRow.plan_id == plan_id, _open_lead(session)
    )


def open_work(
    session: Session, *, plan_id: int, agency_id: int, limit: int | None = None, offset: int = 0
) -> list[WorkItem]:
    """One page of an agency's open lead assignments: soonest (and overdue) first, undated last."""
    ids = _open_ids(session, plan_id, agency_id).order_by(AssignmentRow.due, AssignmentRow.item_id).offset(offset)
    if limit is not None:
        ids = ids.limit(limit)
    return _ordered(session.exec(_details(ids)))


def count_open(session: Session, *, plan_id: int, agency_id: int) -> int:
    q = (
        select(func.count())
        .select_from(AssignmentRow)
        .where(AssignmentRow.agency_id == agency_id, AssignmentRow.plan_id == plan_id, _open_lead(session))
    )
    return session.exec(q).one()


def _periodic_items(plan_id: int):
    """The plan's ongoing and recurring items (found by ``ix_item_plan_kind``)."""
    return select(ItemRow.id).where(ItemRow.plan_id == plan_id, ItemRow.deadline_kind.in_(("ongoing", "recurring")))


def _not_ongoing(plan_id: int):
    """Ongoing and recurring work is never overdue as a whole (its periods are: bot.domain.periods)."""
    return AssignmentRow.item_id.not_in(_periodic_items(plan_id))


def open_left(session: Session, *, plan_id: int, agency_id: int, cap: int):
    """See ``open_left_of`` (the session's dialect)."""
    return open_left_of(session.get_bind().dialect.name, plan_id=plan_id, agency_id=agency_id, cap=cap)


def open_left_of(dialect: str, *, plan_id, agency_id, cap: int):
    """A scalar subquery: the agency's open lead assignments counted up to ``cap`` + 1 at most (a LIMIT
    inside the count), so the /xong reply costs the same for an agency with 10 items or 50,000."""
    some = (
        select(AssignmentRow.id)
        .where(
            AssignmentRow.agency_id == agency_id,
            AssignmentRow.plan_id == plan_id,
            dialect_terms(dialect, OPEN_LEAD_SQL),
        )
        .limit(cap + 1)
        .subquery()
    )
    return select(func.count()).select_from(some).scalar_subquery()


_OVERDUE: dict[str, tuple] = {}


def _overdue_statements(dialect: str) -> tuple:
    """/trehan's two statements, built once per dialect (only bind parameters change from one call to the next):
    per agency a count of its slice of the partial index before the day and one seek for its oldest entry;
    then the open lead assignments of the plan's few ongoing and recurring items (by the item index), which
    are never overdue as a whole and are taken off the counts."""
    if dialect not in _OVERDUE:
        plan_id, today = bindparam("od_plan", type_=Integer), bindparam("od_today", type_=Date)
        open_lead = dialect_terms(dialect, OPEN_LEAD_SQL)

        def mine(column):
            return (
                select(column)
                .where(AssignmentRow.agency_id == AgencyRow.id, AssignmentRow.plan_id == plan_id, open_lead)
                .correlate(AgencyRow)
            )

        n = mine(func.count()).where(AssignmentRow.due < today).scalar_subquery()  # index-only
        oldest = mine(AssignmentRow.due).where(_not_ongoing(plan_id)).order_by(AssignmentRow.due).limit(1)
        counts = select(AgencyRow.id, AgencyRow.name, n, oldest.scalar_subquery()).where(AgencyRow.active.is_(True))
        some = counts.where(in_ids(AgencyRow.id))  # only the agencies named (``tallies``: those that changed)
        periodic = (
            select(AssignmentRow.agency_id, func.count())
            .where(
                AssignmentRow.item_id.in_(_periodic_items(plan_id)),
                AssignmentRow.plan_id == plan_id,
                open_lead,
                AssignmentRow.due < today,
            )
            .group_by(AssignmentRow.agency_id)
        )
        _OVERDUE[dialect] = (counts, some, periodic)
    return _OVERDUE[dialect]


def overdue_by_agency(session: Session, *, plan_id: int, today: date) -> list[OverdueCount]:
    """Overdue lead assignments counted per agency, most first, with each agency's oldest due date.

    Over the partial index: no temporary B-tree over every overdue row, which a GROUP BY over the
    assignments would build; ongoing and recurring work counted apart and taken off.
    """
    return ranked(
        overdue_counts(session, plan_id=plan_id, today=today), periodic_overdue(session, plan_id=plan_id, today=today)
    )


def overdue_counts(
    session: Session, *, plan_id: int, today: date, agency_ids: list[int] | None = None
) -> list[tuple[int, str, int, date | None]]:
    """(agency id, name, overdue lead assignments, oldest open due date) of every active agency, or of
    those in ``agency_ids``; ongoing and recurring work still counted in (``periodic_overdue``)."""
    conn = session.connection()
    counts, some, _ = _overdue_statements(conn.dialect.name)
    params: dict = {"od_plan": plan_id, "od_today": today}
    if agency_ids is not None:
        params["ids"] = agency_ids
    dates = Dates()
    return [
        (a, name, c, dates[d]) for a, name, c, d in driver_rows(conn, counts if agency_ids is None else some, params)
    ]


def periodic_overdue(session: Session, *, plan_id: int, today: date) -> dict[int, int]:
    """Per agency, its overdue lead assignments of ongoing and recurring items (a few, by the item index)."""
    conn = session.connection()
    periodic = _overdue_statements(conn.dialect.name)[2]
    return dict(driver_rows(conn, periodic, {"od_plan": plan_id, "od_today": today}))


def ranked(counts, periodic: dict[int, int]) -> list[OverdueCount]:
    """The agencies with overdue work, periodic work taken off, most first."""
    found = (OverdueCount(a, name, c - periodic.get(a, 0), d) for a, name, c, d in counts if c)
    return sorted((o for o in found if o.count), key=lambda o: (-o.count, o.agency))


def overdue_items(
    session: Session, *, plan_id: int, today: date, agency_ids: list[int] | None = None, limit: int | None = None
) -> list[WorkItem]:
    ids = select(AssignmentRow.id).where(
        AssignmentRow.plan_id == plan_id, _open_lead(session), AssignmentRow.due < today, _not_ongoing(plan_id)
    )
    if agency_ids is not None:
        ids = ids.where(AssignmentRow.agency_id.in_(agency_ids))
    ids = ids.order_by(AssignmentRow.due, AssignmentRow.item_id)
    if limit:
        ids = ids.limit(limit)
    return _ordered(session.exec(_details(ids)))


def count_overdue(session: Session, *, plan_id: int, today: date, agency_id: int) -> int:
    q = (
        select(func.count())
        .select_from(AssignmentRow)
        .where(
            AssignmentRow.agency_id == agency_id,
            AssignmentRow.plan_id == plan_id,
            _open_lead(session),
            AssignmentRow.due < today,
            _not_ongoing(plan_id),
        )
    )
    return session.exec(q).one()


def open_counts(session: Session, *, plan_id: int) -> list[tuple[AgencyRow, int]]:
    """Every active agency with its number of open lead assignments (one query)."""
    n = (
        select(func.count())
        .select_from(AssignmentRow)
        .where(AssignmentRow.agency_id == AgencyRow.id, AssignmentRow.plan_id == plan_id, _open_lead(session))
        .correlate(AgencyRow)
        .scalar_subquery()
    )
    return list(session.exec(select(AgencyRow, n).where(AgencyRow.active.is_(True)).order_by(AgencyRow.id)))


def item_by_code(session: Session, *, plan_id: int, code: str) -> ItemRow | None:
    return session.exec(
        select(ItemRow).where(ItemRow.plan_id == plan_id, ItemRow.code == code, ItemRow.retired.is_(False))
    ).first()


def item_work(session: Session, *, plan_id: int, item_id: int) -> list[WorkItem]:
    """Every active assignment (lead and coordinating) of one item, in the order they were made."""
    ids = select(AssignmentRow.id).where(AssignmentRow.item_id == item_id, AssignmentRow.active.is_(True))
    return sorted((to_work(r) for r in session.exec(_details(ids))), key=lambda w: w.assignment_id)


def work_of(session: Session, *, plan_id: int, assignment_id: int) -> WorkItem | None:
    row = session.exec(
        _details(
            select(AssignmentRow.id).where(
                AssignmentRow.id == assignment_id, AssignmentRow.plan_id == plan_id, AssignmentRow.active.is_(True)
            )
        )
    ).first()
    return to_work(row) if row else None
