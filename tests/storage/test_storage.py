"""Loading the plan into a real database (SQLite file, and PostgreSQL when CI has one)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, text
from sqlmodel import Session, SQLModel, select

from config.settings import DEFAULT_PLAN
from storage import queries
from bot.files import load_plan
from storage.engine import make_engine
from storage.migrate import DatabaseUnusable, check, upgrade
from storage import audit
from storage.models import AgencyRow, AssignmentRow, AuditRow, ItemRow, ItemSubjectRow
from storage.sync import sync_plan
from tests.conftest import NOW


def _load(engine, plan, directory, now=NOW):
    upgrade(engine)
    with Session(engine) as s:
        report = sync_plan(s, plan, directory, now=now)
        s.commit()
    return report


def _count(engine, model) -> int:
    with Session(engine) as s:
        return s.exec(select(func.count()).select_from(model)).one()


def test_schema_matches_models(engine):
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    assert diff == []


def test_init_loads_everything(engine, plan, directory):
    report = _load(engine, plan, directory)
    assert report.plan_created and len(report.items_added) == 60
    assert report.unknown_agencies == []
    with Session(engine) as s:
        pid = queries.get_plan(session=s).id
        items = queries.plan_items(session=s, plan_id=pid)
    by = {i["code"]: i for i in items}
    assert len(items) == 60
    assert by["3.II"]["lead"][0] == "Văn phòng UBND tỉnh" and len(by["3.II"]["lead"]) == 13
    assert len(by["2.III"]["lead"]) == 18  # "Các Sở" expanded
    # the system's operator is Sở TT&TT until the hand-over (2.I) is recorded done; the office coordinates
    assert (
        by["10.III"]["lead"] == ["Sở Thông tin và Truyền thông"]
        and "Văn phòng UBND tỉnh" in by["10.III"]["coordinating"]
    )
    assert "Sở Thông tin và Truyền thông" not in by["10.III"]["coordinating"]  # lead, not also coordinating
    assert by["7.III"]["lead"] == ["Sở Thông tin và Truyền thông"]
    assert by["PL2.II.6"]["surprise"] and by["PL2.II.6"]["subject"] == ["UBND thành phố Hải Dương"]
    assert by["4.II"]["deadline"]["kind"] == "unspecified" and by["4.II"]["status"] == "open"
    assert by["2.IV"]["deadline"]["flags"] == ["year_mismatch"]
    assert by["9.III"]["footnotes"]
    assert by["1.II"]["unresolved"] == ["Các cơ quan, đơn vị, địa phương có liên quan"]


def test_init_is_idempotent(engine, plan, directory):
    _load(engine, plan, directory)
    counts = [_count(engine, m) for m in (ItemRow, AssignmentRow, AgencyRow, ItemSubjectRow)]
    report = _load(engine, plan, directory, now=NOW + timedelta(days=1))
    assert not report.changed
    assert [_count(engine, m) for m in (ItemRow, AssignmentRow, AgencyRow, ItemSubjectRow)] == counts


def _close(engine, code: str, agency_key: str) -> int:
    with Session(engine) as s:
        a = s.exec(
            select(AssignmentRow)
            .join(ItemRow)
            .join(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
            .where(ItemRow.code == code, AgencyRow.key == agency_key, AssignmentRow.role == "lead")
        ).one()
        a.status, a.closed_at, a.closed_by, a.note = "done", NOW, "tester", "QĐ số 1/QĐ-UBND"
        audit.write(s, action="done", actor="tester", now=NOW, item_id=a.item_id, assignment_id=a.id)
        s.commit()
        return a.id


def test_edited_plan_reload_keeps_statuses(engine, plan, directory, tmp_path: Path):
    _load(engine, plan, directory)
    closed = _close(engine, "3.I", "vp-ubnd-tinh")
    coord = _close_coord_marker(engine, "5.I", "so-noi-vu")
    with Session(engine) as s:
        queries.set_due(
            session=s,
            plan_id=queries.get_plan(session=s).id,
            code="4.II",
            due=date(2023, 9, 30),
            actor="tester",
            now=NOW,
        )
        s.commit()

    text_ = DEFAULT_PLAN.read_text(encoding="utf-8")
    text_ = text_.replace("Đề án được UBND tỉnh phê duyệt", "Đề án được UBND tỉnh phê duyệt (sửa)")
    text_ = text_.replace(
        "        coordinating: Sở Nội vụ; Sở Thông tin và Truyền thông; các cơ quan, đơn vị có liên quan.",
        "        coordinating: Sở Thông tin và Truyền thông; các cơ quan, đơn vị có liên quan.",
    )
    text_ = text_.replace("        deadline: Trong Quý II năm 2023", "        deadline: Trong Quý III năm 2023")
    edited = tmp_path / "plan.yaml"
    edited.write_text(text_, encoding="utf-8")

    history = _count(engine, AuditRow)
    report = _load(engine, load_plan(edited), directory)
    assert report.items_updated["3.I"] == ["product"]
    assert set(report.items_updated["5.I"]) >= {"coordinating_text", "due_date", "start_date", "deadline"}
    assert report.assignments_deactivated == 1 and report.assignments_added == 0
    with Session(engine) as s:
        a = s.get(AssignmentRow, closed)
        assert (a.status, a.closed_by, a.note) == ("done", "tester", "QĐ số 1/QĐ-UBND")
        assert s.get(AssignmentRow, coord).active is False  # kept, not deleted
        assert _count(engine, AuditRow) >= history  # the history is kept
        pid = queries.get_plan(session=s).id
        by = {i["code"]: i for i in queries.plan_items(session=s, plan_id=pid)}
    assert by["3.I"]["status"] == "done" and by["3.I"]["product"].endswith("(sửa)")
    assert by["5.I"]["deadline"]["due"] == "2023-09-30"
    assert by["4.II"]["deadline"] == {
        "kind": "date",
        "due": "2023-09-30",
        "start": None,
        "recurrence": None,
        "flags": ["set_due"],
        "reason": None,
    }


def _close_coord_marker(engine, code: str, agency_key: str) -> int:
    with Session(engine) as s:
        a = s.exec(
            select(AssignmentRow)
            .join(ItemRow)
            .join(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
            .where(ItemRow.code == code, AgencyRow.key == agency_key)
        ).one()
        audit.write(s, action="progress", actor="tester", now=NOW, item_id=a.item_id, assignment_id=a.id)
        s.commit()
        return a.id


def test_item_removed_from_file_is_retired(engine, plan, directory, tmp_path):
    _load(engine, plan, directory)
    text_ = DEFAULT_PLAN.read_text(encoding="utf-8")
    start = text_.index("      - number: 5\n        content: Báo cáo định kỳ")
    end = text_.index("appendix_review:")
    edited = tmp_path / "plan.yaml"
    edited.write_text(text_[:start] + "\n" + text_[end:], encoding="utf-8")
    report = _load(engine, load_plan(edited), directory)
    assert report.items_retired == ["5.IV"]
    with Session(engine) as s:
        assert "5.IV" not in queries.item_codes(session=s, plan_id=queries.get_plan(session=s).id)
    assert _count(engine, ItemRow) == 60


def test_unknown_agency_is_reported_by_name(engine, plan, directory, tmp_path):
    text_ = DEFAULT_PLAN.read_text(encoding="utf-8").replace(
        "        lead: Sở Thông tin và Truyền thông\n        coordinating: Văn phòng UBND tỉnh; các cơ quan có liên quan",
        "        lead: Sở Thông tin và Truyền thông; Sở Hàng không\n        coordinating: Văn phòng UBND tỉnh; các cơ quan có liên quan",
    )
    edited = tmp_path / "plan.yaml"
    edited.write_text(text_, encoding="utf-8")
    report = _load(engine, load_plan(edited), directory)
    assert report.unknown_agencies == [("2.I", "lead", "Sở Hàng không")]
    with Session(engine) as s:
        by = {i["code"]: i for i in queries.plan_items(session=s, plan_id=queries.get_plan(session=s).id)}
    assert "Sở Hàng không" in by["2.I"]["unresolved"]


def test_not_a_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.db"
    payload = b"this is somebody's notes, not a database\n" * 200
    path.write_bytes(payload)
    engine = make_engine(f"sqlite:///{path}")
    with pytest.raises(DatabaseUnusable, match="không mở được"):
        upgrade(engine)
    assert path.read_bytes() == payload


def test_newer_database_is_refused(engine, plan, directory):
    _load(engine, plan, directory)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(DatabaseUnusable, match="mới hơn"):
        upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"


def test_foreign_database_is_refused(engine):
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)"))
    with pytest.raises(DatabaseUnusable, match="không phải của nhacviec"):
        check(engine)


def test_sqlite_pragmas(sqlite_url):
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_timestamps_are_stored_in_utc(engine, plan, directory):
    _load(engine, plan, directory)
    with Session(engine) as s:
        assert s.exec(select(AuditRow).where(AuditRow.action == "set_due")).first() is None
        pid = queries.get_plan(session=s).id
        queries.set_due(
            session=s,
            plan_id=pid,
            code="1.III",
            due=date(2023, 8, 31),
            actor="t",
            now=NOW.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Ho_Chi_Minh")),
        )
        s.commit()
        ev = s.exec(select(AuditRow).where(AuditRow.action == "set_due")).one()
        assert ev.business_at == NOW and ev.business_at.utcoffset().total_seconds() == 0
