"""SQLModel tables of the machinery: what a chat's next message means, the reminders claimed and sent,
the sweeps, the sender lease, /trehan's per-agency versions and the inbound messages already handled
(re-exported by storage.models, where every table is registered)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class DialogRow(SQLModel, table=True):
    """What a chat's next plain message means (a progress note, a numbered choice); shared by all channels."""

    __tablename__ = "dialog"
    __table_args__ = (UniqueConstraint("channel", "chat_id"),)
    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=20)
    chat_id: str = Field(max_length=100)
    kind: str = Field(max_length=30)  # progress_note | choices
    data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    expires_at: datetime


class ReminderRow(SQLModel, table=True):
    """One reminder occurrence for one recipient, claimed before it is sent.

    ``key`` (item, agency, recipient, kind, slot) is unique: inserting it is the claim, a conflict
    means it was already handled. The outcome of the send is recorded on the row.
    """

    __tablename__ = "reminder"
    __table_args__ = (Index("ix_reminder_pending", "status", "recipient_id"),)
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200, unique=True)
    # Plain ids, no foreign keys: a delivery log of rows that are never deleted (items are retired,
    # assignments deactivated), and the daily claim inserts tens of thousands at once.
    item_id: int | None = None
    agency_id: int | None = None
    assignment_id: int | None = None
    recipient_id: int = Field(foreign_key="recipient.id")
    kind: str = Field(max_length=30)
    slot: str = Field(max_length=40)
    day: date  # the working day the reminder belongs to
    status: str = Field(default="pending", max_length=20)  # pending | sending | sent | failed | skipped
    attempts: int = 0
    # A send is taken before it is made (pending → sending): by whom and until when (real time); a
    # crashed sender's rows are taken again once the lease has expired.
    lease_owner: str = Field(default="", max_length=100)
    lease_expires_at: datetime | None = None
    ambiguous: int = 0  # sends that may have arrived (timeout after the request left)
    next_attempt_at: datetime | None = None
    created_at: datetime
    sent_at: datetime | None = None
    message_ref: str = Field(default="", max_length=100)
    last_error: str = ""  # why this row's own send failed or was skipped
    # Delivery notices to coordinators (bot.domain.failure) say what happened in their own columns:
    chat: str = Field(default="", max_length=140)  # the chat the notice is about ("telegram:111")
    fallback_to: str = Field(default="", max_length=140)  # channel fallbacks: the chat that took over
    error: str = ""  # the error the notice reports
    failed_attempts: int = 0  # attempts made before giving up


class SweepRow(SQLModel, table=True):
    """One run of the daily sweep: the scheduler's state lives here, not in APScheduler's memory."""

    __tablename__ = "sweep"
    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)  # the last working day planned by this run
    first_day: date
    started_at: datetime
    finished_at: datetime | None = None
    planned: int = 0
    claimed: int = 0
    sent: int = 0
    failed: int = 0


class SenderLeaseRow(SQLModel, table=True):
    """Who delivers reminders right now, across processes: one row per lease name, held until
    ``expires_at`` (real time), renewed while delivering, taken by another process once expired."""

    __tablename__ = "sender_lease"
    name: str = Field(primary_key=True, max_length=40)
    holder: str = Field(max_length=100)
    acquired_at: datetime
    expires_at: datetime


class TallyVersionRow(SQLModel, table=True):
    """Per agency, a number the database moves on every write that can change its overdue counts (the
    triggers of migration 0016): /trehan recounts only the agencies whose number moved. Derived data:
    a copy of the database does not carry it (the target's triggers make their own)."""

    __tablename__ = "tally_version"
    __table_args__ = {"info": {"derived": True}}
    agency_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    version: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, server_default="0"))


class InboundSeenRow(SQLModel, table=True):
    """Inbound messages already handled, per channel: Zalo's polling replays consumed updates."""

    __tablename__ = "inbound_seen"
    __table_args__ = (UniqueConstraint("channel", "message_id"),)
    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=20)
    message_id: str = Field(max_length=100)
    at: datetime
