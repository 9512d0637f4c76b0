"""The audit trail is append-only: no code path updates or deletes it, and the database refuses to."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from storage.governance_store import SqlGovernanceStore
from storage.migrate import upgrade
from storage.store import SqlStore

ROOT = Path(__file__).resolve().parents[2]
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def test_no_code_updates_or_deletes_audit_rows():
    sources = [p for d in ("storage", "bot", "jobs") for p in (ROOT / d).rglob("*.py") if "migrations" not in p.parts]
    for p in sources:
        src = p.read_text(encoding="utf-8")
        assert not re.search(r"(update|delete)\(\s*AuditRow", src), p
        assert not re.search(r"(UPDATE|DELETE FROM)\s+audit_log", src, re.IGNORECASE), p
    names = [n for n in dir(SqlStore) if "audit" in n]
    assert names == ["audit_entries", "record_audit"]
    assert not [n for n in dir(SqlGovernanceStore) if re.match(r"(update|delete|remove|edit|clear)_audit", n)]


def test_the_database_refuses_to_change_audit_rows(engine):
    upgrade(engine)
    store = SqlStore(engine)
    store.record_audit(
        action="registered",
        actor="Lan",
        channel="telegram",
        now=datetime(2023, 7, 10, 9, tzinfo=ZONE),
        after={"chat": "telegram:1"},
    )
    for sql in ("UPDATE audit_log SET actor = 'khác'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"):
            with engine.begin() as conn:
                conn.execute(text(sql))
    (entry,) = store.audit_entries(zone=ZONE)
    assert entry.actor == "Lan" and entry.after == {"chat": "telegram:1"}
    assert entry.business_at.astimezone(ZONE).year == 2023 and entry.at.year > 2023
