"""The command core's store (storage/chat_store.py) on SQLite and PostgreSQL: each use case returns
domain records, and the SQL it relies on (one-row context query, INSERT … RETURNING a count) runs on both."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, select

from bot.domain.chat_records import INVITE_EXPIRED, INVITE_OK, INVITE_UNKNOWN, INVITE_USED
from storage import registry, work
from storage.migrate import upgrade
from storage.models import AuditRow, ItemRow
from storage.store import SqlStore
from storage.sync import sync_plan
from tests.chat_harness import JULY, ZONE


def _store(engine, plan, directory) -> SqlStore:
    upgrade(engine)
    with Session(engine) as s:
        sync_plan(s, plan, directory, now=JULY)
        ids = work.agency_ids(s)
        registry.create_invite(
            s,
            code="nam-sach",
            agency_id=ids["ubnd-h-nam-sach"],
            role="officer",
            now=JULY,
            expires_at=JULY + timedelta(days=7),
        )
        registry.create_invite(
            s, code="old", agency_id=ids["so-tu-phap"], role="officer", now=JULY, expires_at=JULY - timedelta(days=1)
        )
        s.commit()
    return SqlStore(engine)


def test_context_invite_and_dialog(engine, plan, directory):
    store = _store(engine, plan, directory)
    ctx = store.chat_context(channel="telegram", chat_id="1")
    assert ctx.plan is not None and ctx.plan.year == 2023 and ctx.officer is None and ctx.dialog is None
    assert store.chat_context(channel="telegram", chat_id="1", plan_slug="nope").plan is None

    assert (
        store.redeem_invite(code="zzz", channel="telegram", chat_id="1", display_name="A", now=JULY).status
        == INVITE_UNKNOWN
    )
    expired = store.redeem_invite(code="old", channel="telegram", chat_id="1", display_name="A", now=JULY)
    assert expired.status == INVITE_EXPIRED and expired.expires_at == JULY - timedelta(days=1)
    ok = store.redeem_invite(code="nam-sach", channel="telegram", chat_id="1", display_name="Lan", now=JULY)
    assert (ok.status, ok.agency, ok.role) == (INVITE_OK, "UBND huyện Nam Sách", "officer")
    assert (
        store.redeem_invite(code="nam-sach", channel="telegram", chat_id="2", display_name="B", now=JULY).status
        == INVITE_USED
    )

    store.set_dialog(
        channel="telegram", chat_id="1", kind="choices", data={"1": "v:3"}, expires_at=JULY + timedelta(minutes=30)
    )
    ctx = store.chat_context(channel="telegram", chat_id="1")
    assert ctx.officer.agency.key == "ubnd-h-nam-sach" and not ctx.officer.coordinator
    assert ctx.dialog.kind == "choices" and ctx.dialog.data == {"1": "v:3"} and ctx.dialog.live(JULY)
    assert not ctx.dialog.live(JULY + timedelta(hours=1))
    store.clear_dialog(channel="telegram", chat_id="1")
    assert store.chat_context(channel="telegram", chat_id="1").dialog is None

    assert store.set_preferred_channel(person=ctx.officer.person, channel="telegram")
    assert not store.set_preferred_channel(person=ctx.officer.person, channel="zalo")
    store.unlink_chat(channel="telegram", chat_id="1")
    assert store.chat_context(channel="telegram", chat_id="1").officer is None


def test_close_reopen_progress_and_lists(engine, plan, directory):
    store = _store(engine, plan, directory)
    pid = store.chat_context(channel="telegram", chat_id="1").plan.id
    found = store.find_item(plan_id=pid, code="3.II")
    assert found.item.code == "3.II" and found.item.section_title and len(found.leads) == 13
    assert store.find_item(plan_id=pid, code="3.V") is None
    assert "3.II" in store.item_codes(plan_id=pid, inspections=False)
    assert "PL2.II.6" not in store.item_codes(plan_id=pid, inspections=False)
    assert "PL2.II.6" in store.item_codes(plan_id=pid, inspections=True)
    assert store.item_by_id(item_id=found.item.id).item.code == "3.II"

    mine = next(w for w in found.leads if w.agency == "UBND huyện Nam Sách")
    page = store.open_page(plan_id=pid, agency_id=mine.agency_id, page=99, page_size=2)
    assert page.page == page.pages and page.total == 5
    left = store.close_assignment(
        plan_id=pid,
        assignment_id=mine.assignment_id,
        item_id=mine.item_id,
        agency_id=mine.agency_id,
        actor="Lan",
        note="xong",
        now=JULY,
        data={},
    )
    assert left == page.total - 1
    assert (
        store.close_assignment(
            plan_id=pid,
            assignment_id=mine.assignment_id,
            item_id=mine.item_id,
            agency_id=mine.agency_id,
            actor="Lan",
            note="",
            now=JULY,
            data={},
        )
        is None
    )
    done = store.assignment(plan_id=pid, assignment_id=mine.assignment_id)
    assert done.status == "done" and done.closed_by == "Lan"
    store.record_progress(assignment_id=mine.assignment_id, item_id=mine.item_id, actor="Lan", note="thêm", now=JULY)
    assert store.assignment(plan_id=pid, assignment_id=mine.assignment_id).status == "done"
    assert store.reopen_assignment(assignment_id=mine.assignment_id, item_id=mine.item_id, actor="Lan", now=JULY)
    assert not store.reopen_assignment(assignment_id=mine.assignment_id, item_id=mine.item_id, actor="Lan", now=JULY)
    assert store.assignment(plan_id=pid, assignment_id=mine.assignment_id).status == "in_progress"

    late_day = date(2024, 1, 1)
    summary = store.overdue_summary(plan_id=pid, today=late_day, detail_limit=10**6)
    assert summary.total == len(summary.items) > 0
    assert not store.overdue_summary(plan_id=pid, today=late_day, detail_limit=1).items
    late_agency = summary.counts[0].agency_id  # ongoing/recurring work is never overdue as a whole
    one = store.agency_overdue(plan_id=pid, agency_id=late_agency, today=late_day, limit=1)
    assert len(one.items) == 1 and one.total == next(c.count for c in summary.counts if c.agency_id == late_agency)
    data = store.report_data(plan_id=pid, zone=ZONE, with_history=True)
    assert data.plan.year == 2023 and data.rows and any(h["action"] == "done" for h in data.history)
    known = store.known_agencies(province="Hải Dương")
    assert known.directory.lookup("so tu phap").agency.key == "so-tu-phap" and "so-tu-phap" in known.ids
    assert store.agency(agency_id=known.ids["so-tu-phap"]).name == "Sở Tư pháp"


def test_inspection_date(engine, plan, directory):
    store = _store(engine, plan, directory)
    pid = store.chat_context(channel="telegram", chat_id="1").plan.id
    item = store.find_item(plan_id=pid, code="PL2.II.6").item
    store.schedule_inspection(item_id=item.id, day=date(2023, 9, 15), actor="VP", now=JULY)
    with Session(engine) as s:
        row = s.get(ItemRow, item.id)
        assert row.inspection_date == date(2023, 9, 15)
        event = s.exec(select(AuditRow).where(AuditRow.action == "inspection_scheduled")).one()
        assert (event.item_id, event.actor) == (item.id, "VP")


def test_the_command_core_imports_no_storage_nor_sql():
    import ast
    from pathlib import Path

    core = Path(__file__).resolve().parents[2] / "bot" / "core"
    for path in core.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                assert name.split(".")[0] not in ("storage", "sqlalchemy", "sqlmodel"), f"{path.name} imports {name}"


def test_done_costs_at_most_four_statements_on_each_backend(engine, plan, directory):
    from bot.core import CommandCore
    from bot.ports import FixedClock, Inbound
    from tests.chat.test_telegram_sql_count import statements

    store = _store(engine, plan, directory)
    core = CommandCore(store, FixedClock(JULY), ZONE)
    assert "Xin chào" in core.handle(Inbound("telegram", "7", "/start nam-sach", sender="Lan"))[0].text
    core.handle(Inbound("telegram", "7", "/viec"))
    with statements(engine) as seen:
        reply = core.handle(Inbound("telegram", "7", "/xong 3.II", sender="Lan"))[0].text
    assert "UBND huyện Nam Sách còn 4 nhiệm vụ chưa hoàn thành" in reply
    assert len(seen) <= 4, "\n\n".join(seen)
