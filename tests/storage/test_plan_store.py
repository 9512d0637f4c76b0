"""The plan part of the store and the loading service that init and run share."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from bot.domain.errors import BackupUnsupported, NoPlan, UnknownItem
from bot.plan_loading import ensure_ready, load_plan_files
from config.settings import DEFAULT_AGENCIES, DEFAULT_PLAN
from storage.store import SqlStore
from tests.conftest import NOW


def test_ensure_ready_loads_a_fresh_database_once(engine):
    store = SqlStore(engine)
    assert not store.has_plan()
    first = ensure_ready(store, DEFAULT_PLAN, DEFAULT_AGENCIES, now=NOW)
    assert first is not None and first.plan_created and first.schema_before is None
    assert first.counts == {"total": 60, "task": 27, "review": 16, "inspection": 17}
    assert store.has_plan()
    assert ensure_ready(store, DEFAULT_PLAN, DEFAULT_AGENCIES, now=NOW) is None
    again = load_plan_files(store, DEFAULT_PLAN, DEFAULT_AGENCIES, now=NOW)
    assert not again.changed and again.schema_before == again.schema


def test_store_answers_in_domain_terms(engine):
    store = SqlStore(engine)
    store.upgrade_schema()
    with pytest.raises(NoPlan):
        store.plan_codes()
    load_plan_files(store, DEFAULT_PLAN, DEFAULT_AGENCIES, now=NOW)
    assert "3.II" in store.plan_codes()
    facts = store.coded_item(code="4.II")
    assert facts.type == "task" and facts.deadline.due is None
    dl = store.set_due(code="4.II", due=date(2023, 9, 1), actor="test", now=NOW)
    assert dl.due == date(2023, 9, 1) and store.coded_item(code="4.II").deadline.due == date(2023, 9, 1)
    with pytest.raises(UnknownItem):
        store.coded_item(code="99.IX")
    assert store.schedule_inspection_by_code(code="PL2.II.6", day=date(2023, 8, 1), actor="test", now=NOW) is True
    found = store.find_agency(query="Sở Y tế")
    assert found.agency is not None and found.agency.key in {a["key"] for a in store.agencies()}
    data = store.report_data(zone=timezone.utc)
    assert (
        data.plan.year == 2023 and len(data.rows) == 226 and data.history == []
    )  # 2.II: the 16 PL1 departments are not leads twice
    assert len(store.report_data(zone=timezone.utc, with_history=True).history) == 2
    figures = store.status_figures(since=datetime(2023, 5, 25, tzinfo=timezone.utc), month="2023-05")
    assert figures.last_sweep is None and figures.sent_today == 0 and figures.agencies_without_recipient
    if engine.url.get_backend_name() != "sqlite":
        with pytest.raises(BackupUnsupported):
            store.backup_to(target=Path("/nonexistent/x.db"))
