"""The daily claim for plain dated items, set-based: one INSERT … SELECT per audience.

Plain date and window assignments remind on a day purely as a function of their due date (the pure
policy's ``DayTables``). So the day's rules go into a small temporary table and the database joins
them with the open assignments and the registered chats, inserting the claims directly: no row travels
to Python. Everything else (check-ins, recurrences, starts, inspections, notices) goes through the
Python planner; both paths produce the same keys, so a reminder claimed by both is claimed once
(tests/test_bulk_claim.py checks they agree).
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlmodel import Session

from bot.domain import reminders as R
from bot.domain.reminders import DayTables

_TRUE = {"sqlite": "1"}
_PLAIN = ("(i.deadline_kind IN ('date', 'window') OR "
          "(i.due_override IS NOT NULL AND i.deadline_kind IN ('unspecified', 'on_demand')))")


def _rules(t: DayTables) -> list[tuple]:
    rules = [(due, "lead", kind, slot, "officer") for due, (kind, slot) in t.lead.items()]
    rules += [(due, "coordinating", R.HEADS_UP, "h", "officer") for due in t.heads_up]
    rules += [(due, "lead", R.ESCALATION, slot, "coordinator") for due, slot in t.escalation.items()]
    return rules


def claim_plain(session: Session, *, day: date, tables: DayTables, now: datetime) -> int:
    """Claim every plain-item reminder of ``day`` for every active chat; returns the rows inserted."""
    conn = session.connection()
    dialect = conn.dialect.name
    sqlite = dialect == "sqlite"
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    true = _TRUE.get(dialect, "TRUE")
    as_date = (lambda d: d.isoformat()) if sqlite else (lambda d: d)
    rules = [(as_date(d), role, kind, slot, audience) for d, role, kind, slot, audience in _rules(tables)]
    if not rules:
        return 0
    conn.exec_driver_sql("CREATE TEMP TABLE day_rule (due DATE, role VARCHAR(20), kind VARCHAR(30), "
                         "slot VARCHAR(40), audience VARCHAR(20))")
    try:
        conn.exec_driver_sql(f"INSERT INTO day_rule VALUES ({', '.join([mark] * 5)})", rules)
        created = now.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else now
        key = ("CAST(a.item_id AS VARCHAR(20)) || ':' || CAST(a.agency_id AS VARCHAR(20)) || ':' || "
               "CAST(r.id AS VARCHAR(20)) || ':' || t.kind || ':' || t.slot")
        inserted = 0
        officer = (f"r.agency_id = a.agency_id AND r.role = 'officer' AND (r.preferred = {true} OR r.person = '' "
                   f"OR NOT EXISTS (SELECT 1 FROM recipient p WHERE p.person = r.person AND p.active = {true} "
                   f"AND p.preferred = {true}))")
        for audience, who in (("officer", officer),
                              ("coordinator", "r.role = 'coordinator'")):
            sql = (
                "INSERT INTO reminder (key, item_id, agency_id, assignment_id, recipient_id, kind, slot, day, status, "
                "attempts, created_at, message_ref, last_error) "
                f"SELECT {key}, a.item_id, a.agency_id, a.id, r.id, t.kind, t.slot, {mark}, 'pending', 0, {mark}, '', '' "
                "FROM day_rule t "
                "JOIN assignment a ON a.due = t.due AND a.role = t.role "
                "JOIN item i ON i.id = a.item_id "
                f"JOIN recipient r ON {who} AND r.active = {true} "
                f"WHERE t.audience = {mark} AND a.active = {true} AND a.status != 'done' AND {_PLAIN} "
                "ON CONFLICT (key) DO NOTHING")
            res = conn.exec_driver_sql(sql, (as_date(day), created, audience))
            inserted += max(res.rowcount, 0)
        return inserted
    finally:
        conn.exec_driver_sql("DROP TABLE day_rule")
