"""`nhacviec migrate-to URL`: every table copied (SQLite → SQLite, SQLite → PostgreSQL on a fresh
schema), counts checked, a non-empty target refused unless --force, new ids continue after the copied."""

from __future__ import annotations

from argparse import Namespace
from datetime import date as D
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from bot.cli import migrate_cmds
from bot.ports import FixedClock
from jobs.sweep import run_sweep
from storage.copy import (
    AuditTrailHeld,
    CopyReport,
    SameDatabase,
    TableCount,
    TargetNotEmpty,
    copy_database,
    safe_url,
    tables,
)
from storage.engine import make_engine
from tests.factories import close_in_session
from storage.migrate import upgrade
from storage.models import AssignmentRow, RecipientRow, AuditRow, SweepRow
from tests.conftest import loaded_engine
from tests.sweep_harness import RecordingSender, at, link, make_deps


@pytest.fixture
async def source(tmp_path, plan, directory):
    """The bundled plan with chats, a sweep's reminders and a closed item: most tables hold rows."""
    eng = loaded_engine(f"sqlite:///{tmp_path / 'source.db'}", plan, directory, at(D(2023, 1, 2)))
    link(eng, "111", "so-tu-phap", name="Lan")
    link(eng, "333", "vp-ubnd-tinh", "coordinator", name="Hùng")
    await run_sweep(make_deps(eng, FixedClock(at(D(2023, 5, 22))), RecordingSender()))
    with Session(eng) as s:
        aid = s.execute(select(AssignmentRow.id).where(AssignmentRow.role == "lead")).scalars().first()
        close_in_session(s, assignment_id=aid, actor="Lan", note="xong", now=at(D(2023, 5, 23)), data={})
        s.commit()
    yield eng
    eng.dispose()


def _count(engine, model) -> int:
    with Session(engine) as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


async def test_copy_everything_then_counts_agree(source, db_url):
    seen: list[tuple[str, int]] = []
    report = copy_database(source, db_url, batch=7, progress=lambda t, n: seen.append((t, n)))
    assert report.ok and report.rows > 500
    assert [c.table for c in report.counts] == [t.name for t in tables()]
    assert [t for t, _ in seen] == [t.name for t in tables()]  # parents before children
    held = {c.table: c.source for c in report.counts if c.source}
    assert {"plan", "item", "assignment", "recipient", "reminder", "audit_log", "sweep"} <= set(held)
    target = make_engine(db_url)
    try:
        # the copy is usable: new rows get fresh ids (PostgreSQL's sequences moved past the copied ids)
        before = _count(target, RecipientRow)
        link(target, "999", "so-noi-vu", name="Minh", now=datetime(2023, 6, 1, tzinfo=timezone.utc))
        assert _count(target, RecipientRow) == before + 1
        with Session(target) as s:
            ev = s.execute(select(AuditRow.actor, AuditRow.business_at).where(AuditRow.action == "done")).first()
        assert ev.actor == "Lan" and ev.business_at == at(D(2023, 5, 23))
        # a second copy is refused: the target holds rows
        with pytest.raises(TargetNotEmpty) as e:
            copy_database(source, db_url)
        assert e.value.tables["assignment"] == held["assignment"]
        # --force replaces rows, but never an audit trail (append-only): a new database is needed
        with pytest.raises(AuditTrailHeld):
            copy_database(source, db_url, force=True)
        assert _count(target, RecipientRow) == before + 1
    finally:
        target.dispose()


def test_force_replaces_a_target_without_an_audit_trail(source, tmp_path):
    url = f"sqlite:///{tmp_path / 'target.db'}"
    target = make_engine(url)
    try:
        upgrade(target)
        with Session(target) as s:
            s.add(
                SweepRow(
                    day=D(2023, 1, 2), first_day=D(2023, 1, 2), started_at=datetime(2023, 1, 2, tzinfo=timezone.utc)
                )
            )
            s.commit()
        with pytest.raises(TargetNotEmpty):
            copy_database(source, url)
        again = copy_database(source, url, force=True)
        assert again.ok and again.replaced == {"sweep": 1}
    finally:
        target.dispose()


def test_the_same_database_is_refused(sqlite_url, plan, directory):
    eng = loaded_engine(sqlite_url, plan, directory, at(D(2023, 1, 2)))
    try:
        with pytest.raises(SameDatabase):
            copy_database(eng, sqlite_url)
    finally:
        eng.dispose()


async def test_migrate_to_cli_prints_counts_and_refuses_a_full_target(cli, source, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", str(source.url))
    target = f"sqlite:///{tmp_path / 'copy.db'}"
    code, out, err = cli("migrate-to", target)
    assert code == 0, err
    assert "đã chép bảng assignment" in out and "số dòng khớp từng bảng" in out
    code, out, err = cli("migrate-to", target)
    assert code == 2 and "--force" in err
    code, out, err = cli("migrate-to", target, "--force", "--json")
    assert code == 2 and "audit_log" in err and "cơ sở dữ liệu mới" in err  # the audit trail is never erased


def test_a_count_mismatch_exits_2(capsys):
    """What the command says when the counts differ (the copy function stands in for a failed copy)."""

    def copy(engine, url, **kw):
        return CopyReport(safe_url(url), [TableCount("assignment", 530, 529), TableCount("item", 60, 60)])

    app = Namespace(engine=None, where="sqlite:///nguon.db")
    args = Namespace(url="postgresql+psycopg://u:secret@h/db", force=False, batch=10, json=False)
    code = migrate_cmds.cmd_migrate_to(app, args, copy=copy, errors=(TargetNotEmpty,), safe_url=safe_url)
    out, err = capsys.readouterr()
    assert code == 2 and "assignment" in err and "← lệch" in out
    assert "secret" not in out + err
