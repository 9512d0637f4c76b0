"""The set-based claim of plain items gives exactly the claims the Python planner gives."""

from __future__ import annotations

from datetime import date as D

from sqlalchemy import select
from sqlmodel import Session

from bot.domain.audience import recipients
from bot.domain.claims import claims_for
from bot.domain.day_plan import select_day
from bot.domain.reminders import ReminderPolicy
from jobs.planner import plan_day
from storage import queries, work
from storage.models import AgencyRow, ReminderRow
from storage.store import SqlStore
from tests.conftest import loaded_engine
from tests.sweep_harness import CAL, at, days, link

P = ReminderPolicy()
DAYS = [d for d in days(D(2023, 3, 1), D(2023, 7, 31)) if CAL.is_working_day(d)]


def _prepare(url, plan, directory):
    engine = loaded_engine(url, plan, directory, at(D(2023, 1, 2)))
    with Session(engine) as s:
        keys = list(s.execute(select(AgencyRow.key).order_by(AgencyRow.id)).scalars())
        pid = queries.get_plan(session=s).id
        queries.set_due(session=s, plan_id=pid, code="4.II", due=D(2023, 6, 15), actor="t", now=at(D(2023, 1, 2)))
        s.commit()
    for i, key in enumerate(keys):
        link(engine, str(100 + i), key)
    link(engine, "9", "vp-ubnd-tinh", "coordinator")
    return engine


def _keys(engine) -> set[str]:
    with Session(engine) as s:
        return set(s.execute(select(ReminderRow.key)).scalars())


def test_bulk_and_python_claims_agree(db_url, plan, directory, tmp_path):
    python_side = _prepare(f"sqlite:///{tmp_path / 'python.db'}", plan, directory)
    bulk_side = _prepare(db_url, plan, directory)
    py, bulk = SqlStore(python_side), SqlStore(bulk_side)
    for day in DAYS:
        now = at(day)
        who = recipients(py.linked_chats())
        py.claim(claims=claims_for(plan_day(py, day=day, cal=CAL, policy=P), who), now=now)
        who = recipients(bulk.linked_chats())
        bulk.claim_plain(
            day=day,
            tables=select_day(day, CAL, P).tables,
            officers=who.officer_ids(),
            coordinators=who.coordinator_ids(),
            now=now,
        )
        bulk.claim(claims=claims_for(plan_day(bulk, day=day, cal=CAL, policy=P, plain=False), who), now=now)
    expected = _keys(python_side)
    assert len(expected) > 500
    assert _keys(bulk_side) == expected
    with Session(bulk_side) as s:  # the columns agree too, not only the keys
        row = s.execute(select(ReminderRow).where(ReminderRow.kind == "escalation")).scalars().first()
        assert row.assignment_id and row.day and row.created_at.tzinfo is not None and row.status == "pending"
        assert work.work_of(s, plan_id=1, assignment_id=row.assignment_id).agency_id == row.agency_id
    python_side.dispose()
    bulk_side.dispose()
