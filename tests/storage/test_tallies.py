"""/trehan's kept overdue counts (storage/tallies.py) say what a fresh count says after every kind of write,
whoever makes it — the store, another process's connection, a hand-made UPDATE — and only the agencies
whose work changed are counted again (the database's triggers move their version)."""

from __future__ import annotations

from datetime import date as D

import pytest
from sqlalchemy import select, text
from sqlmodel import Session

from storage import queries, work
from storage.engine import make_engine
from storage.models import AssignmentRow, ItemRow
from storage.store import SqlStore
from tests.conftest import loaded_engine
from tests.factories import close_in_session
from tests.sweep_harness import at

TODAY = D(2024, 1, 15)  # most of the 2023 plan is overdue: agencies with several items


@pytest.fixture
def engine(db_url, plan, directory):
    eng = loaded_engine(db_url, plan, directory, at(D(2023, 1, 2)))
    yield eng
    eng.dispose()


def _plan_id(engine) -> int:
    with Session(engine) as s:
        return queries.get_plan(session=s, slug=None).id


def _kept(store: SqlStore, plan_id: int, today: D = TODAY):
    with store.session() as s:
        return store.tallies.overdue_by_agency(s, plan_id=plan_id, today=today)


def _fresh(engine, plan_id: int, today: D = TODAY):
    with Session(engine) as s:
        return work.overdue_by_agency(s, plan_id=plan_id, today=today)


def _overdue_leads(engine, plan_id: int) -> list[AssignmentRow]:
    """Overdue lead assignments (not periodic work), those of agencies with the most of them first."""
    with Session(engine) as s:
        rows = list(
            s.execute(
                select(AssignmentRow)
                .join(ItemRow, ItemRow.id == AssignmentRow.item_id)
                .where(
                    AssignmentRow.plan_id == plan_id,
                    AssignmentRow.role == "lead",
                    AssignmentRow.status != "done",
                    AssignmentRow.due < TODAY,
                    ItemRow.deadline_kind.not_in(("ongoing", "recurring")),
                )
                .order_by(AssignmentRow.id)
            ).scalars()
        )
    per = {r.agency_id: sum(1 for x in rows if x.agency_id == r.agency_id) for r in rows}
    return sorted(rows, key=lambda r: -per[r.agency_id])


def _write(url: str, sql: str, **params) -> None:
    """A write by another process: its own engine, plain SQL."""
    other = make_engine(url)
    try:
        with other.begin() as conn:
            conn.execute(text(sql), params)
    finally:
        other.dispose()


def test_kept_counts_follow_every_writer_and_recount_only_what_changed(engine, db_url):
    store, plan_id = SqlStore(engine), _plan_id(engine)
    first = _kept(store, plan_id)
    assert first and first == _fresh(engine, plan_id)
    agencies = store.tallies.recounted
    assert _kept(store, plan_id) == first and store.tallies.recounted == agencies  # nothing changed: no recount

    # closed through the store's own path (as /xong does)
    leads = _overdue_leads(engine, plan_id)
    a, b = leads[-1], leads[0]  # b's agency has several: when b leaves, its oldest date is another's
    assert sum(1 for x in leads if x.agency_id == b.agency_id) >= 2 and a.agency_id != b.agency_id
    with Session(engine) as s:
        close_in_session(s, assignment_id=a.id, actor="Lan", note="", now=at(TODAY), data={})
        s.commit()
    after = _kept(store, plan_id)
    assert after == _fresh(engine, plan_id) and after != first
    assert store.tallies.recounted == agencies + 1  # only the agency that closed

    # another process: reopened, due moved past today, made inactive, moved to another agency
    writes = [
        ("UPDATE assignment SET status = 'open' WHERE id = :id", {"id": a.id}),
        ("UPDATE assignment SET due = :due WHERE id = :id", {"id": b.id, "due": D(2025, 1, 1)}),
        ("UPDATE assignment SET due = :due WHERE id = :id", {"id": b.id, "due": D(2022, 1, 1)}),  # its oldest
        ("UPDATE assignment SET active = :no WHERE id = :id", {"id": a.id, "no": False}),
    ]
    for sql, params in writes:
        _write(db_url, sql, **params)
        assert _kept(store, plan_id) == _fresh(engine, plan_id), sql
    oldest = {c.agency_id: c.oldest_due for c in _fresh(engine, plan_id)}
    assert oldest[b.agency_id] == D(2022, 1, 1)
    # an item that becomes recurring is taken off (its agencies' oldest dates too)
    _write(db_url, "UPDATE item SET deadline_kind = 'recurring' WHERE id = :id", id=b.item_id)
    assert _kept(store, plan_id) == _fresh(engine, plan_id)
    assert {c.agency_id: c.oldest_due for c in _fresh(engine, plan_id)}.get(b.agency_id) != D(2022, 1, 1)
    # a new overdue assignment (a plan reload adds one), then deleted again
    _write(
        db_url,
        "INSERT INTO assignment (item_id, agency_id, plan_id, role, status, due, active, closed_by, note) "
        "SELECT :item, g.id, :plan, 'lead', 'open', :due, :yes, '', '' FROM agency g "
        "WHERE g.id NOT IN (SELECT agency_id FROM assignment WHERE item_id = :item) ORDER BY g.id LIMIT 1",
        item=a.item_id,
        plan=plan_id,
        due=D(2023, 2, 1),
        yes=True,
    )
    assert _kept(store, plan_id) == _fresh(engine, plan_id)
    with Session(engine) as s:
        added = s.execute(select(AssignmentRow.id).order_by(AssignmentRow.id.desc())).scalars().first()
    _write(db_url, "DELETE FROM assignment WHERE id = :id", id=added)
    assert _kept(store, plan_id) == _fresh(engine, plan_id)


def test_another_day_or_plan_is_counted_apart(engine):
    store, plan_id = SqlStore(engine), _plan_id(engine)
    assert _kept(store, plan_id, D(2023, 3, 1)) == _fresh(engine, plan_id, D(2023, 3, 1))
    assert _kept(store, plan_id, TODAY) == _fresh(engine, plan_id, TODAY)
    assert _kept(store, plan_id, D(2023, 3, 1)) != _kept(store, plan_id, TODAY)
