"""Claiming reminders: one row per (item, agency, recipient, kind, slot), inserted before any send."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import select
from sqlmodel import Session

from jobs.planner import COORDINATOR, Planned
from storage.models import RecipientRow


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
        targets = coordinators if p.audience == COORDINATOR else by_agency.get(r.agency_id, ())
        for rid in targets:
            rows.append({"key": reminder_key(r.item_id, r.agency_id, rid, r.kind, r.slot), "item_id": r.item_id,
                         "agency_id": r.agency_id, "assignment_id": r.assignment_id, "recipient_id": rid,
                         "kind": r.kind, "slot": r.slot, "day": p.day, "status": "pending", "attempts": 0,
                         "created_at": now, "message_ref": "", "last_error": ""})
    return insert_new(session, rows, now=now)


_COLUMNS = ("key", "item_id", "agency_id", "assignment_id", "recipient_id", "kind", "slot", "day", "status",
            "attempts", "created_at", "message_ref", "last_error")


def insert_new(session: Session, rows: list[dict], *, now: datetime) -> int:
    """Insert claim rows, skipping keys that exist; returns how many were new.

    Plain DB-API executemany with ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike): the claim of
    a province-wide sweep is one batched statement, not an ORM object per row.
    """
    if not rows:
        return 0
    conn = session.connection()
    style = conn.dialect.paramstyle
    marks = ", ".join("?" if style == "qmark" else f"%({c})s" for c in _COLUMNS)
    sql = (f"INSERT INTO reminder ({', '.join(_COLUMNS)}) VALUES ({marks}) ON CONFLICT (key) DO NOTHING")
    params = [tuple(_value(r[c], conn) for c in _COLUMNS) for r in rows] if style == "qmark" else \
        [{c: r[c] for c in _COLUMNS} for r in rows]
    cursor = conn.exec_driver_sql(sql, params)
    return max(cursor.rowcount, 0)


def _value(v, conn):
    """SQLite stores dates and times as ISO text, the way SQLAlchemy writes them."""
    if isinstance(v, datetime):
        return v.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(v, date):
        return v.isoformat()
    return v
