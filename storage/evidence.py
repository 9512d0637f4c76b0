"""Evidence of closings (issue 14 §4): the ``evidence`` table, the store part that writes and reads it
(mixed into the chat part, see bot.ports.ChatStore), and the workbook's "Minh chứng" cell."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert
from sqlmodel import Session, select

from bot.domain.audit import EVIDENCE
from bot.domain.evidence import Evidence, EvidenceIn, size_text
from bot.domain.texts import vn_date
from storage import audit
from storage.base import SqlBase
from storage.models import AgencyRow, AssignmentRow, EvidenceRow, ItemRow


def _after(ev: EvidenceIn) -> dict:
    """What the audit row keeps of the evidence (never the stored path: where the server keeps files)."""
    out: dict = {"kind": ev.kind}
    if ev.file_id:
        out["file"] = {"id": ev.file_id, "name": ev.name, "size": ev.size, "mime": ev.mime, "stored": bool(ev.path)}
    if ev.number:
        out["document"] = {"number": ev.number, "date": ev.document_date}
    return out


class SqlEvidenceStore(SqlBase):
    """The evidence use cases of bot.ports.ChatStore."""

    def evidence_add(
        self,
        *,
        plan_id: int,
        assignment_id: int,
        item_id: int,
        agency_id: int,
        evidence: EvidenceIn,
        actor: str,
        now: datetime,
        channel: str = "",
    ) -> int:
        """Keep one piece of evidence for an assignment and its "evidence" audit row (one transaction);
        the new record's id."""
        with self.session() as s:
            new_id = s.execute(
                insert(EvidenceRow)
                .values(
                    item_id=item_id,
                    assignment_id=assignment_id,
                    kind=evidence.kind,
                    channel=channel[:20],
                    file_id=evidence.file_id[:300],
                    name=evidence.name[:300],
                    size=max(0, evidence.size),
                    mime=evidence.mime[:100],
                    path=evidence.path[:500],
                    number=evidence.number[:100],
                    document_date=evidence.document_date,
                    actor=actor[:200],
                    at=now,
                )
                .returning(EvidenceRow.id)
            ).scalar_one()
            audit.write(
                s,
                action=EVIDENCE,
                actor=actor,
                now=now,
                channel=channel,
                plan_id=plan_id,
                item_id=item_id,
                assignment_id=assignment_id,
                agency_id=agency_id,
                after=_after(evidence),
                note=evidence.name or evidence.number,
            )
            s.commit()
            return int(new_id)

    def evidence_for_item(self, *, item_id: int) -> list[Evidence]:
        """The evidence kept for an item's assignments, oldest first (each with its agency)."""
        q = (
            select(EvidenceRow, AgencyRow.name)
            .join(AssignmentRow, AssignmentRow.id == EvidenceRow.assignment_id)
            .join(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
            .where(EvidenceRow.item_id == item_id)
            .order_by(EvidenceRow.id)
        )
        with self.session() as s:
            return [_record(row, agency) for row, agency in s.exec(q).all()]


def _record(row: EvidenceRow, agency: str) -> Evidence:
    return Evidence(
        id=row.id or 0,
        assignment_id=row.assignment_id,
        agency=agency,
        kind=row.kind,
        name=row.name,
        size=row.size,
        at=row.at,
        actor=row.actor,
        number=row.number,
        document_date=row.document_date,
        stored=bool(row.path),
    )


def cell(ev: Evidence) -> str:
    """One piece of evidence in the workbook: "tên.pdf (120 KB)" or "số 12/QĐ-UBND ngày 5/6/2023"."""
    if ev.name:
        size = size_text(ev.size)
        return f"{ev.name} ({size})" if size else ev.name
    return f"số {ev.number} ngày {vn_date(ev.document_date)}" if ev.document_date else f"số {ev.number}"


def annotate(session: Session, rows: list[dict], *, plan_id: int) -> list[dict]:
    """Report rows (storage.reports.lead_rows) with ``evidence``: the kept evidence, "; "-joined."""
    q = (
        select(EvidenceRow, AgencyRow.name)
        .join(AssignmentRow, AssignmentRow.id == EvidenceRow.assignment_id)
        .join(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
        .join(ItemRow, ItemRow.id == EvidenceRow.item_id)
        .where(ItemRow.plan_id == plan_id)
        .order_by(EvidenceRow.id)
    )
    found: dict[int, list[str]] = {}
    for row, agency in session.exec(q).all():
        found.setdefault(row.assignment_id, []).append(cell(_record(row, agency)))
    for r in rows:
        r["evidence"] = "; ".join(found.get(r["assignment_id"], []))
    return rows
