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
    """Active officer recipients by agency (an officer on two channels counts once: the preferred chat,
    or the other one while the preferred is unreachable), and active coordinator recipients."""
    by_agency: dict[int, list[int]] = {}
    coordinators: list[int] = []
    q = select(RecipientRow.id, RecipientRow.agency_id, RecipientRow.role, RecipientRow.person,
               RecipientRow.preferred).where(RecipientRow.active == True)  # noqa: E712
    rows = list(session.execute(q))
    has_preferred = {person for _, _, _, person, preferred in rows if person and preferred}
    for rid, agency_id, role, person, preferred in rows:
        if role == "coordinator":
            coordinators.append(rid)
        elif preferred or not person or person not in has_preferred:
            by_agency.setdefault(agency_id, []).append(rid)
    return by_agency, coordinators


def claim(session: Session, planned: list[Planned], *, now: datetime) -> int:
    """Insert a pending row per reminder and recipient; existing keys are left alone. Returns new rows."""
    by_agency, coordinators = recipients(session)
    sqlite = session.get_bind().dialect.name == "sqlite"
    created = _sqlite_time(now) if sqlite else now
    days: dict[date, object] = {}
    rows = []
    for p in planned:
        r = p.reminder
        day = days.get(p.day) or days.setdefault(p.day, p.day.isoformat() if sqlite else p.day)
        for rid in (coordinators if p.audience == COORDINATOR else by_agency.get(r.agency_id, ())):
            rows.append((f"{r.item_id or '-'}:{r.agency_id or '-'}:{rid}:{r.kind}:{r.slot}", r.item_id, r.agency_id,
                         r.assignment_id, rid, r.kind, r.slot, day, "pending", 0, created, "", ""))
    return _insert(session, rows)


def insert_new(session: Session, rows: list[dict], *, now: datetime) -> int:
    """Insert claim rows given as dicts (notices raised while sending)."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    conv = (lambda v: _sqlite_time(v) if isinstance(v, datetime) else v.isoformat() if isinstance(v, date) else v) \
        if sqlite else (lambda v: v)
    return _insert(session, [tuple(conv(r[c]) for c in _COLUMNS) for r in rows])


_COLUMNS = ("key", "item_id", "agency_id", "assignment_id", "recipient_id", "kind", "slot", "day", "status",
            "attempts", "created_at", "message_ref", "last_error")


def _insert(session: Session, rows: list[tuple]) -> int:
    """One batched INSERT … ON CONFLICT (key) DO NOTHING through the DB-API (SQLite and PostgreSQL alike):
    a province-wide claim is one statement, not an ORM object per row. Returns the rows inserted."""
    if not rows:
        return 0
    conn = session.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = (f"INSERT INTO reminder ({', '.join(_COLUMNS)}) VALUES ({', '.join([mark] * len(_COLUMNS))}) "
           "ON CONFLICT (key) DO NOTHING")
    return max(conn.exec_driver_sql(sql, rows).rowcount, 0)


def _sqlite_time(v: datetime) -> str:
    """SQLite keeps times as UTC text, in the format SQLAlchemy writes and compares."""
    return v.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
