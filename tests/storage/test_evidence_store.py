"""The evidence table on SQLite and PostgreSQL: kept with its "evidence" audit row, read back for /xem and the
workbook's "Minh chứng" cell."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from bot.domain.evidence import DOCUMENT, FILE, EvidenceIn
from storage import work
from storage.models import AuditRow
from storage.store import SqlStore
from tests.conftest import loaded_engine

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
AT = datetime(2023, 7, 10, 9, 15, tzinfo=ZONE)


def test_evidence_is_kept_audited_and_read_back(db_url, plan, directory):
    engine = loaded_engine(db_url, plan, directory, AT)
    try:
        store = SqlStore(engine)
        with Session(engine) as s:
            item = work.item_by_code(s, plan_id=1, code="2.I")
            (lead,) = [w for w in work.item_work(s, plan_id=1, item_id=item.id) if w.role == "lead"]
        common = dict(plan_id=1, assignment_id=lead.assignment_id, item_id=item.id, agency_id=lead.agency_id)
        pdf = EvidenceIn(FILE, file_id="F1", name="qd-12.pdf", size=120 * 1024, mime="application/pdf")
        first = store.evidence_add(**common, evidence=pdf, actor="Lan", now=AT, channel="telegram")
        doc = EvidenceIn(DOCUMENT, number="12/QĐ-UBND", document_date=date(2023, 7, 5))
        second = store.evidence_add(**common, evidence=doc, actor="Lan", now=AT, channel="zalo")
        assert second > first
        kept = store.evidence_for_item(item_id=item.id)
        assert [(e.kind, e.name, e.size, e.number, e.agency) for e in kept] == [
            ("file", "qd-12.pdf", 120 * 1024, "", "Sở Thông tin và Truyền thông"),
            ("document", "", 0, "12/QĐ-UBND", "Sở Thông tin và Truyền thông"),
        ]
        assert kept[0].at.astimezone(ZONE) == AT and kept[1].document_date == date(2023, 7, 5)
        with Session(engine) as s:
            audits = s.exec(select(AuditRow.action, AuditRow.after).where(AuditRow.action == "evidence")).all()
        assert [a for a, _ in audits] == ["evidence", "evidence"]
        assert audits[0][1]["file"] == {
            "id": "F1",
            "name": "qd-12.pdf",
            "size": 120 * 1024,
            "mime": "application/pdf",
            "stored": False,
        }
        assert audits[1][1]["document"] == {"number": "12/QĐ-UBND", "date": "2023-07-05"}
        rows = store.report_data(zone=ZONE).rows
        (row,) = [r for r in rows if r["assignment_id"] == lead.assignment_id]
        assert row["evidence"] == "qd-12.pdf (120 KB); số 12/QĐ-UBND ngày 5/7/2023"
    finally:
        engine.dispose()
