"""Applying an amendment in the store (SQLite, and PostgreSQL when available): one transaction, work closed
before the effective date keeps the date it was judged against, even through later reloads."""

from __future__ import annotations

from datetime import date as D

from sqlalchemy import select
from sqlmodel import Session

from bot.domain.amendments import diff_plans
from bot.domain.interpret import interpret_plan
from bot.domain.plan import build_plan
from bot.files.yaml_tree import parse_tree
from storage.models import AgencyRow, AssignmentRow, AuditRow, ItemRow
from storage.store import SqlStore
from storage.sync import sync_plan
from tests.conftest import loaded_engine
from tests.e2e.test_amend_cli import DOC, amended_text
from tests.e2e.test_reports import close_all
from tests.sweep_harness import ZONE, at


def _due(engine, code: str, key: str) -> D:
    with Session(engine) as s:
        return s.execute(
            select(AssignmentRow.due)
            .join(ItemRow)
            .join(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
            .where(ItemRow.code == code, AgencyRow.key == key, AssignmentRow.role == "lead")
        ).scalar_one()


def test_apply_keeps_judged_dates_through_reloads(db_url, plan, directory):
    engine = loaded_engine(db_url, plan, directory, at(D(2023, 1, 2)))
    try:
        close_all(engine)  # PL1.3 closed on 2/6/2023, after its deadline 31/5
        new = build_plan(parse_tree(amended_text(), "amended.yaml"))
        store = SqlStore(engine)
        known = store.known_directory(directory=directory)
        names = {k: a.name for k, a in known.agencies.items()}
        amendment = diff_plans(plan.id, interpret_plan(plan, known), interpret_plan(new, known), names)
        applied = store.amend_apply(
            plan=new,
            directory=directory,
            amendment=amendment,
            document=DOC,
            effective=D(2023, 6, 15),
            actor="test",
            now=at(D(2023, 6, 20), 9),
            zone=ZONE,
            plan_file="amended.yaml",
            plan_text=amended_text(),
        )
        assert applied.kept == 1
        assert _due(engine, "PL1.3", "so-tai-nguyen-moi-truong") == D(2023, 5, 31)  # judged then, kept
        assert _due(engine, "PL1.4", "so-lao-dong") == D(2023, 6, 30)  # open: the new date
        with Session(engine) as s:
            sync_plan(s, new, directory, now=at(D(2023, 6, 21), 9))  # a later reload
            s.commit()
            n = len(s.execute(select(AuditRow.id).where(AuditRow.action == "amendment")).all())
        assert _due(engine, "PL1.3", "so-tai-nguyen-moi-truong") == D(2023, 5, 31)
        assert n == len(amendment.entries())
        notes = store.amend_history(code="PL1.3", plan_slug=plan.id)
        assert [(n.document, n.effective, n.changes[0].after_due) for n in notes] == [
            (DOC, D(2023, 6, 15), D(2023, 6, 30))
        ]
        assert store.amend_history(code="1.I", plan_slug=plan.id) == []
        assert store.amend_history(code="KHONG", plan_slug=plan.id) == []
    finally:
        engine.dispose()
