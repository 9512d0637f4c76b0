"""The set-based claim of plain items gives exactly the claims the Python planner gives."""

from __future__ import annotations

from datetime import date as D

from sqlalchemy import select
from sqlmodel import Session

from bot.domain import reminders as R
from bot.domain.reminders import ReminderPolicy
from jobs.bulk_claim import claim_plain
from jobs.claims import claim
from jobs.planner import plan_day
from storage import queries, work
from storage.models import AgencyRow, ReminderRow
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
    for day in DAYS:
        now = at(day)
        with Session(python_side) as s:
            claim(s, plan_day(s, day=day, cal=CAL, policy=P), now=now)
            s.commit()
        with Session(bulk_side) as s:
            claim_plain(s, day=day, tables=R.day_tables(day, CAL, P), now=now)
            claim(s, plan_day(s, day=day, cal=CAL, policy=P, plain=False), now=now)
            s.commit()
    expected = _keys(python_side)
    assert len(expected) > 500
    assert _keys(bulk_side) == expected
    with Session(bulk_side) as s:   # the columns agree too, not only the keys
        row = s.execute(select(ReminderRow).where(ReminderRow.kind == "escalation")).scalars().first()
        assert row.assignment_id and row.day and row.created_at.tzinfo is not None and row.status == "pending"
        assert work.work_of(s, plan_id=1, assignment_id=row.assignment_id).agency_id == row.agency_id
