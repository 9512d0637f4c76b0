"""Leases in the database, the same SQL on SQLite and PostgreSQL.

- The sender lease (table ``sender_lease``): one process delivers reminders at a time. It is taken
  by inserting its row, or by a conditional UPDATE when its holder let it expire; renewed while
  delivering; released at the end. Each statement is atomic on both databases (SQLite serialises
  writers; PostgreSQL re-checks the WHERE clause of a concurrent UPDATE once the row lock is granted).
- Row leases (``reminder.lease_owner``/``lease_expires_at``): a send is taken before it is made, by a
  conditional ``pending → sending`` UPDATE (``takeable`` here; the statement, a batch of recipients at a
  time, is ``storage.deliveries.take_batch``); rows whose sender died are taken again after expiry.

Every time here is real (wall-clock) time, never the business clock that ``--today`` fixes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from storage.models import ReminderRow, SenderLeaseRow

SENDER_LEASE = "reminders"


def _insert(session: Session):
    return (sqlite.insert if session.connection().dialect.name == "sqlite" else postgresql.insert)(SenderLeaseRow)


def acquire(session: Session, *, holder: str, now: datetime, until: datetime, name: str = SENDER_LEASE) -> bool:
    """Take the lease for ``holder`` (new, expired, or already ours); True when ``holder`` has it."""
    res = session.execute(
        _insert(session)
        .values(name=name, holder=holder, acquired_at=now, expires_at=until)
        .on_conflict_do_nothing(index_elements=["name"])
    )
    if res.rowcount == 1:
        return True
    res = session.execute(
        update(SenderLeaseRow)
        .where(SenderLeaseRow.name == name, or_(SenderLeaseRow.holder == holder, SenderLeaseRow.expires_at < now))
        .values(holder=holder, acquired_at=now, expires_at=until)
    )
    return res.rowcount == 1


def renew(session: Session, *, holder: str, until: datetime, name: str = SENDER_LEASE) -> bool:
    """Extend ``holder``'s lease and the row leases it holds; False when another process has taken it."""
    res = session.execute(
        update(SenderLeaseRow)
        .where(SenderLeaseRow.name == name, SenderLeaseRow.holder == holder)
        .values(expires_at=until)
    )
    session.execute(
        update(ReminderRow)
        .where(ReminderRow.status == "sending", ReminderRow.lease_owner == holder)
        .values(lease_expires_at=until)
    )
    return res.rowcount == 1


def release(session: Session, *, holder: str, name: str = SENDER_LEASE) -> None:
    """Give the lease up (only if ``holder`` still has it)."""
    session.execute(delete(SenderLeaseRow).where(SenderLeaseRow.name == name, SenderLeaseRow.holder == holder))


def holder(session: Session, *, now: datetime, name: str = SENDER_LEASE) -> tuple[str, datetime] | None:
    """Who holds the lease and until when, or None when nobody does (free or expired)."""
    row = session.execute(
        select(SenderLeaseRow.holder, SenderLeaseRow.expires_at).where(
            SenderLeaseRow.name == name, SenderLeaseRow.expires_at >= now
        )
    ).first()
    return (row.holder, row.expires_at) if row else None


def takeable(now: datetime, status=ReminderRow.status):
    """Rows a deliverer may take: pending and due for an attempt, or being sent by a sender whose
    lease has expired (it crashed or hung)."""
    return or_(
        and_(status == "pending", or_(ReminderRow.next_attempt_at.is_(None), ReminderRow.next_attempt_at <= now)),
        and_(status == "sending", ReminderRow.lease_expires_at < now),
    )
