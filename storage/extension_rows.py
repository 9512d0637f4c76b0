"""Extensions as the rest of the storage sees them: reloading the plan keeps approved dates, report rows
carry the original date, and the workbook's log reads the audit trail."""

from __future__ import annotations

from datetime import tzinfo

from sqlalchemy import func, or_, select, update
from sqlmodel import Session

from bot.domain.extensions import APPROVED
from storage.models import AgencyRow, AssignmentRow, AuditRow, ExtensionRow, ItemRow


def _latest(plan_id: int):
    """(assignment_id, latest approved new_due, first original_due, count, documents) per assignment."""
    return (
        select(
            ExtensionRow.assignment_id,
            func.max(ExtensionRow.new_due),
            func.min(ExtensionRow.original_due),
            func.count(),
        )
        .where(ExtensionRow.plan_id == plan_id, ExtensionRow.status == APPROVED)
        .group_by(ExtensionRow.assignment_id)
    )


def reapply(session: Session, *, plan_id: int) -> None:
    """After a reload of the plan: an approved extension still holds where it is later than the plan's date."""
    for aid, new_due, _, _ in session.execute(_latest(plan_id)).all():
        session.execute(
            update(AssignmentRow).where(AssignmentRow.id == aid, AssignmentRow.due < new_due).values(due=new_due)
        )


def annotate(session: Session, rows: list[dict], *, plan_id: int) -> list[dict]:
    """Report rows (storage.reports.lead_rows) with ``original_due`` (None when never extended),
    ``extensions`` (how many were approved) and ``extension_documents``."""
    found = {aid: (orig, n) for aid, _, orig, n in session.execute(_latest(plan_id)).all()}
    docs: dict[int, list[str]] = {}
    if found:
        for aid, doc in session.execute(
            select(ExtensionRow.assignment_id, ExtensionRow.document)
            .where(ExtensionRow.plan_id == plan_id, ExtensionRow.status == APPROVED, ExtensionRow.document != "")
            .order_by(ExtensionRow.id)
        ):
            docs.setdefault(aid, []).append(doc)
    for r in rows:
        orig, n = found.get(r["assignment_id"], (None, 0))
        r["original_due"], r["extensions"] = orig, n
        r["extension_documents"] = docs.get(r["assignment_id"], [])
    return rows


def audit_history(session: Session, *, plan_id: int, zone: tzinfo) -> list[dict]:
    """The workbook's "Nhật ký": the audit trail of the plan's items (business time, in ``zone``)."""
    q = (
        select(
            AuditRow.business_at,
            AuditRow.actor,
            AuditRow.action,
            AuditRow.note,
            AuditRow.after,
            AuditRow.code,
            ItemRow.code,
            AuditRow.agency,
            AgencyRow.name,
            AuditRow.channel,
            AuditRow.at,
        )
        .outerjoin(ItemRow, ItemRow.id == AuditRow.item_id)
        .outerjoin(AgencyRow, AgencyRow.id == AuditRow.agency_id)
        .where(or_(AuditRow.plan_id == plan_id, ItemRow.plan_id == plan_id))
        .order_by(AuditRow.business_at, AuditRow.id)
    )
    return [
        {
            "at": at.astimezone(zone).replace(tzinfo=None),
            "actor": actor,
            "action": action,
            "note": note,
            "data": after or {},
            "code": code or item_code or "",
            "agency": agency or name or "",
            "channel": channel,
            "real_at": real.astimezone(zone).replace(tzinfo=None),
        }
        for at, actor, action, note, after, code, item_code, agency, name, channel, real in (
            session.connection().execute(q)
        )
    ]
