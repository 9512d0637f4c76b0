"""Claiming reminders: one row per (item, agency, recipient, kind, slot), inserted before any send."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from jobs.planner import COORDINATOR, Planned
from storage.models import RecipientRow, ReminderRow


def reminder_key(item_id, agency_id, recipient_id, kind: str, slot: str) -> str:
    return f"{item_id or '-'}:{agency_id or '-'}:{recipient_id}:{kind}:{slot}"


def recipients(session: Session) -> tuple[dict[int, list[int]], list[int]]:
    """Active officer recipients by agency, and active coordinator recipients."""
    by_agency: dict[int, list[int]] = {}
    coordinators: list[int] = []
    q = select(RecipientRow.id, RecipientRow.agency_id, RecipientRow.role).where(RecipientRow.active == True)  # noqa: E712
    for rid, agency_id, role in session.execute(q):
        if role == "coordinator":
            coordinators.append(rid)
        else:
            by_agency.setdefault(agency_id, []).append(rid)
    return by_agency, coordinators


def claim(session: Session, planned: list[Planned], *, now: datetime) -> int:
    """Insert a pending row per reminder and recipient; existing keys are left alone. Returns new rows."""
    by_agency, coordinators = recipients(session)
    rows = []
    for p in planned:
        r = p.reminder
        targets = coordinators if p.audience == COORDINATOR else by_agency.get(r.agency_id, [])
        for rid in targets:
            rows.append({"key": reminder_key(r.item_id, r.agency_id, rid, r.kind, r.slot), "item_id": r.item_id,
                         "agency_id": r.agency_id, "recipient_id": rid, "kind": r.kind, "slot": r.slot,
                         "day": p.day, "status": "pending", "attempts": 0, "created_at": now,
                         "message_ref": "", "last_error": ""})
    return insert_new(session, rows, now=now)


def insert_new(session: Session, rows: list[dict], *, now: datetime) -> int:
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    insert = sqlite_insert if dialect == "sqlite" else pg_insert
    before = session.execute(select(func.count()).select_from(ReminderRow)
                             .where(ReminderRow.created_at == now)).scalar_one()
    for i in range(0, len(rows), 2000):
        session.execute(insert(ReminderRow).on_conflict_do_nothing(index_elements=["key"]), rows[i:i + 2000])
    after = session.execute(select(func.count()).select_from(ReminderRow)
                            .where(ReminderRow.created_at == now)).scalar_one()
    return after - before
