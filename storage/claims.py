"""Inserting claims: one reminder row per (item, agency, recipient, kind, slot), before any send.

``insert_claims`` writes claims computed in Python (bot.domain.claims). ``claim_plain`` is the daily
claim of plain dated items, set-based: plain date and window assignments remind on a day purely as a
function of their due date (``DayTables``), so the day's rules and the day's audience (computed in
Python by bot.domain.audience.recipients) go into two small temporary tables and the database joins
them with the open assignments, inserting the claims directly: no assignment travels to Python. Both
paths produce the same keys (tests/storage/test_bulk_claim.py checks they agree).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Iterable

from sqlmodel import Session

from bot.domain.claims import Claim
from bot.domain.reminder_kinds import Audience, ReminderKind
from bot.domain.reminders import DayTables
from storage.due_rows import PLAIN_SQL

_TRUE = {"sqlite": "1"}
COLUMNS = (
    "key",
    "item_id",
    "agency_id",
    "assignment_id",
    "recipient_id",
    "kind",
    "slot",
    "day",
    "status",
    "attempts",
    "created_at",
    "message_ref",
    "last_error",
    "chat",
    "fallback_to",
    "error",
    "failed_attempts",
)


def _rules(t: DayTables) -> list[tuple]:
    rules = [(due, "lead", kind.value, slot, Audience.OFFICER.value) for due, (kind, slot) in t.lead.items()]
    rules += [(due, "coordinating", ReminderKind.HEADS_UP.value, "h", Audience.OFFICER.value) for due in t.heads_up]
    rules += [
        (due, "lead", ReminderKind.ESCALATION.value, slot, Audience.COORDINATOR.value)
        for due, slot in t.escalation.items()
    ]
    return rules


def claim_plain(
    session: Session,
    *,
    day: date,
    tables: DayTables,
    officers: dict[int, list[int]],
    coordinators: list[int],
    now: datetime,
    copies: dict[str, dict[int, list[int]]] | None = None,
) -> int:
    """Claim every plain-item reminder of ``day`` for the given audience (officer chats by agency,
    coordinator chats, and the extra officer chats of some kinds: ``copies[kind][agency]``, the deputies);
    returns the rows inserted."""
    conn = session.connection()
    dialect = conn.dialect.name
    sqlite = dialect == "sqlite"
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    true = _TRUE.get(dialect, "TRUE")
    as_date = (lambda d: d.isoformat()) if sqlite else (lambda d: d)
    rules = [(as_date(d), role, kind, slot, audience) for d, role, kind, slot, audience in _rules(tables)]
    who = [(Audience.OFFICER.value, agency, rid, "") for agency, rids in officers.items() for rid in rids]
    who += [(Audience.COORDINATOR.value, 0, rid, "") for rid in coordinators]
    who += [
        (Audience.OFFICER.value, agency, rid, kind)
        for kind, by_agency in (copies or {}).items()
        for agency, rids in by_agency.items()
        for rid in rids
    ]
    if not rules or not who:
        return 0
    conn.exec_driver_sql(
        "CREATE TEMP TABLE day_rule (due DATE, role VARCHAR(20), kind VARCHAR(30), "
        "slot VARCHAR(40), audience VARCHAR(20))"
    )
    conn.exec_driver_sql(
        "CREATE TEMP TABLE day_audience (audience VARCHAR(20), agency_id INTEGER, recipient_id INTEGER, "
        "kind VARCHAR(30))"
    )
    try:
        conn.exec_driver_sql(f"INSERT INTO day_rule VALUES ({', '.join([mark] * 5)})", rules)
        conn.exec_driver_sql(f"INSERT INTO day_audience VALUES ({mark}, {mark}, {mark}, {mark})", who)
        created = _sqlite_time(now) if sqlite else now
        key = (
            "CAST(a.item_id AS VARCHAR(20)) || ':' || CAST(a.agency_id AS VARCHAR(20)) || ':' || "
            "CAST(r.recipient_id AS VARCHAR(20)) || ':' || t.kind || ':' || t.slot"
        )
        inserted = 0
        for audience, join in (
            (Audience.OFFICER.value, "r.agency_id = a.agency_id"),
            (Audience.COORDINATOR.value, "1 = 1"),
        ):
            sql = (
                f"INSERT INTO reminder ({', '.join(COLUMNS)}) "
                f"SELECT {key}, a.item_id, a.agency_id, a.id, r.recipient_id, t.kind, t.slot, {mark}, 'pending', 0, "
                f"{mark}, '', '', '', '', '', 0 "
                "FROM day_rule t "
                "JOIN assignment a ON a.due = t.due AND a.role = t.role "
                "JOIN item i ON i.id = a.item_id "
                f"JOIN day_audience r ON r.audience = t.audience AND (r.kind = '' OR r.kind = t.kind) AND {join} "
                f"WHERE t.audience = {mark} AND a.active = {true} AND a.status != 'done' AND {PLAIN_SQL} "
                "ON CONFLICT (key) DO NOTHING"
            )
            res = conn.exec_driver_sql(sql, (as_date(day), created, audience))
            inserted += max(res.rowcount, 0)
        return inserted
    finally:
        conn.exec_driver_sql("DROP TABLE day_rule")
        conn.exec_driver_sql("DROP TABLE day_audience")


def insert_claims(session: Session, *, claims: Iterable[Claim], now: datetime) -> int:
    """One batched INSERT … ON CONFLICT (key) DO NOTHING through the DB-API (SQLite and PostgreSQL alike):
    a province-wide claim is one statement, not an ORM object per row. Returns the rows inserted."""
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    created = _sqlite_time(now) if sqlite else now
    days: dict[date, object] = {}
    rows = []
    for c in claims:
        day = days.get(c.day) or days.setdefault(c.day, c.day.isoformat() if sqlite else c.day)
        rows.append(
            (
                c.key,
                c.item_id,
                c.agency_id,
                c.assignment_id,
                c.recipient_id,
                c.kind.value,
                c.slot[:40],
                day,
                "pending",
                0,
                created,
                "",
                "",
                c.chat,
                c.fallback_to,
                c.error,
                c.failed_attempts,
            )
        )
    if not rows:
        return 0
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO reminder ({', '.join(COLUMNS)}) VALUES ({', '.join([mark] * len(COLUMNS))}) "
        "ON CONFLICT (key) DO NOTHING"
    )
    return max(conn.exec_driver_sql(sql, rows).rowcount, 0)


def _sqlite_time(v: datetime) -> str:
    """SQLite keeps times as UTC text, in the format SQLAlchemy writes and compares."""
    return v.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
