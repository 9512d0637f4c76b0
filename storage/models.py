"""SQLModel tables. Timestamps are stored in UTC; dates are calendar dates in the plan's zone.

Changing a table means adding an Alembic migration under storage/migrations/versions;
tests/storage/test_storage.py (test_schema_matches_models) fails when the models and the migrations disagree.
The machinery tables are in storage/delivery_models.py, governance in storage/governance_models.py.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from bot.domain.deadlines import NO_DATE

OPEN_SQL = {
    "sqlite": "active = 1 AND status != 'done'",
    "postgresql": "active AND status != 'done'",
}
OPEN_LEAD_SQL = {
    "sqlite": "role = 'lead' AND active = 1 AND status != 'done'",
    "postgresql": "role = 'lead' AND active AND status != 'done'",
}


class PlanRow(SQLModel, table=True):
    __tablename__ = "plan"
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=100, unique=True)
    year: int
    province: str = Field(max_length=200)
    issuer: str = Field(max_length=300)
    title: str = Field(max_length=1000)
    signer: str = Field(default="", max_length=300)
    decision_number: str = Field(default="", max_length=100)
    decision_date: date | None = None
    decision_date_text: str = Field(default="", max_length=200)
    source_file: str = Field(default="", max_length=1000)
    meta: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    loaded_at: datetime


class SectionRow(SQLModel, table=True):
    __tablename__ = "section"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    code: str = Field(max_length=20)  # "II", "PL1", "PL2.II"
    title: str = Field(max_length=1000)
    position: int


class ItemRow(SQLModel, table=True):
    __tablename__ = "item"
    __table_args__ = (
        UniqueConstraint("plan_id", "code"),
        # A plan's ongoing and recurring items (a few): /trehan takes their assignments off the overdue counts.
        Index("ix_item_plan_kind", "plan_id", "deadline_kind"),
    )
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    section_id: int = Field(foreign_key="section.id")
    code: str = Field(max_length=20)
    type: str = Field(max_length=20)  # task | review | inspection
    number: int
    position: int
    content: str
    lead_text: str = ""
    coordinating_text: str = ""
    deadline_text: str = ""
    product: str = ""
    notes: str = ""
    subject_text: str = ""
    surprise: bool = False
    footnotes: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # The parsed deadline (kind, due, start, recurrence, flags, reason) and the effective due date.
    deadline_kind: str = Field(max_length=20)
    due_date: date | None = Field(default=None, index=True)
    start_date: date | None = None
    deadline: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # A coordinator's date (``plan set-due``): survives reloads of the plan file.
    due_override: date | None = None
    due_set_by: str = Field(default="", max_length=200)
    due_set_at: datetime | None = None
    unresolved: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    blocked: bool = False  # no reminders until a coordinator sets or confirms a date
    inspection_date: date | None = None  # inspections: the date a coordinator scheduled
    retired: bool = False  # removed from the plan file, history kept
    retired_on: date | None = None  # amend: the effective date of the amendment that removed it


class AgencyRow(SQLModel, table=True):
    __tablename__ = "agency"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=100, unique=True)
    name: str = Field(max_length=300)
    short: str = Field(default="", max_length=100)
    kind: str = Field(max_length=30, index=True)
    aliases: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    parent_key: str | None = Field(default=None, max_length=100)
    active: bool = True
    # A retired agency the directory says another replaced (``replaces:``): that agency's key.
    successor_key: str | None = Field(default=None, max_length=100)


class AgencyGroupRow(SQLModel, table=True):
    __tablename__ = "agency_group"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=100, unique=True)
    name: str = Field(max_length=300)


class GroupMemberRow(SQLModel, table=True):
    __tablename__ = "group_member"
    group_id: int = Field(foreign_key="agency_group.id", primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", primary_key=True)


class AssignmentRow(SQLModel, table=True):
    """One responsible (lead) or coordinating agency of one item."""

    __tablename__ = "assignment"
    __table_args__ = (
        UniqueConstraint("item_id", "agency_id", "role"),
        Index("ix_assignment_agency_status", "agency_id", "status"),
        # Open lead assignments by agency and due date: /viec pages and the overdue counts read
        # only this index. Queries must repeat its WHERE terms literally (see storage/work.py).
        Index(
            "ix_assignment_open_lead",
            "agency_id",
            "plan_id",
            "due",
            "item_id",
            sqlite_where=text(OPEN_LEAD_SQL["sqlite"]),
            postgresql_where=text(OPEN_LEAD_SQL["postgresql"]),
        ),
        # Open assignments by due date: the daily sweep loads only the dates that remind today.
        Index(
            "ix_assignment_open_due",
            "due",
            sqlite_where=text(OPEN_SQL["sqlite"]),
            postgresql_where=text(OPEN_SQL["postgresql"]),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="item.id", index=True)
    agency_id: int = Field(foreign_key="agency.id")
    # Copied from the item so lists and summaries need no join: its plan, and the date in force
    # (the coordinator's date, else the parsed one; NO_DATE when undated or waiting for a coordinator).
    plan_id: int = Field(foreign_key="plan.id")
    due: date = Field(default=NO_DATE)
    role: str = Field(max_length=20)  # lead | coordinating
    status: str = Field(default="open", max_length=20)  # open | in_progress | done
    closed_at: datetime | None = None
    closed_by: str = Field(default="", max_length=200)
    note: str = ""
    updated_at: datetime | None = None
    active: bool = True  # false once the plan no longer names the agency
    retired_on: date | None = None  # amend: the effective date of the amendment that removed it


class StatusEventRow(SQLModel, table=True):
    """Append-only history: who did what to an assignment or item, when, with which note."""

    __tablename__ = "status_event"
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="item.id", index=True)
    assignment_id: int | None = Field(default=None, foreign_key="assignment.id", index=True)
    at: datetime
    actor: str = Field(max_length=200)
    action: str = Field(max_length=30)  # done | progress | undo | set_due | ...
    note: str = ""
    data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class OccurrenceRow(SQLModel, table=True):
    """One period of a recurring assignment ("2023-Q3"), recorded once it is done (or ended by a
    coordinator). A period with no row is open: periods themselves are computed from the deadline's
    recurrence and the plan's span (bot.domain.periods), so a reloaded plan keeps every record."""

    __tablename__ = "occurrence"
    __table_args__ = (UniqueConstraint("assignment_id", "period"),)
    id: int | None = Field(default=None, primary_key=True)
    assignment_id: int = Field(foreign_key="assignment.id", index=True)
    period: str = Field(max_length=20)  # bot.domain.periods key: 2023-Q3, 2023-09, 2023-H1, 2023
    due: date  # the period's due date when it was recorded
    status: str = Field(default="done", max_length=20)  # done | ended (a coordinator ended ongoing work)
    closed_at: datetime
    closed_by: str = Field(default="", max_length=200)
    note: str = ""
    data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class ItemSubjectRow(SQLModel, table=True):
    """The unit an inspection is about (never told of a surprise inspection)."""

    __tablename__ = "item_subject"
    item_id: int = Field(foreign_key="item.id", primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", primary_key=True)


class RecipientRow(SQLModel, table=True):
    """A chat linked to an agency: where its reminders go and who may act for it."""

    __tablename__ = "recipient"
    __table_args__ = (UniqueConstraint("channel", "chat_id"),)
    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=20)  # telegram | zalo | console
    chat_id: str = Field(max_length=100)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    role: str = Field(default="officer", max_length=20)  # officer | coordinator
    display_name: str = Field(default="", max_length=200)
    active: bool = True
    disabled_reason: str = ""
    created_at: datetime
    # One officer on two channels: the chats linked with the same invite share ``person``; reminders
    # go to the ``preferred`` one, and to the other when the preferred one cannot be reached.
    person: str = Field(default="", max_length=40, index=True)
    preferred: bool = True
    # officers: "primary" gets the reminders, a "deputy" copies when the primary cannot be reached or an
    # item is overdue (bot.domain.audience); a "leader" (role) gets the overdue summaries
    rank: str = Field(default="primary", max_length=20)


class UsageRow(SQLModel, table=True):
    """Messages sent per channel and month (Zalo's free plan allows about 3,000 a month)."""

    __tablename__ = "channel_usage"
    __table_args__ = (UniqueConstraint("channel", "month"),)
    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=20)
    month: str = Field(max_length=7)  # 2023-07
    sent: int = 0
    exhausted: bool = False
    # Zalo's "Quota exceeded" refusals in a row (real time of the first): shared by every process,
    # kept across restarts; a message that gets through sets it back to 0.
    quota_strikes: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    quota_since: datetime | None = None


class InviteRow(SQLModel, table=True):
    """An invitation to link an officer's chat to an agency: used once, whatever the channel (a second
    channel is linked from the first with a one-time code, see LinkCodeRow); only the code's hash is kept."""

    __tablename__ = "invite"
    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(max_length=64, unique=True)
    agency_id: int = Field(foreign_key="agency.id")
    role: str = Field(default="officer", max_length=20)
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    used_by: str = Field(default="", max_length=240)  # "channel:chat_id" of the chat it linked
    purpose: str = Field(default="", max_length=20)  # "" | handover | deputy | leader
    handover_from: int | None = None  # hand-over: the outgoing chat (recipient id); None: the agency's primaries


class LinkCodeRow(SQLModel, table=True):
    """A one-time code, asked for in a linked chat (`/lienket`), that links a chat on another channel to
    the same person; valid 15 minutes, only its hash is kept."""

    __tablename__ = "link_code"
    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(max_length=64, unique=True)
    recipient_id: int = Field(foreign_key="recipient.id")  # the linked chat that asked for it
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    used_by: str = Field(default="", max_length=130)  # "channel:chat_id" it linked


# The other tables, in files of their own; imported here so that every table is registered on
# SQLModel.metadata and ``from storage.models import …`` finds them all.
from storage.delivery_models import (  # noqa: E402
    DialogRow,
    ReminderRow,
    SweepRow,
    SenderLeaseRow,
    TallyVersionRow,
    InboundSeenRow,
)
from storage.governance_models import (  # noqa: E402
    ExtensionRow,
    AuditRow,
    WebLinkRow,
    WebSessionRow,
    RoleSwitchRow,
    EvidenceRow,
    AmendmentRow,
)

__all__ = [
    "AgencyGroupRow",
    "AgencyRow",
    "AmendmentRow",
    "AssignmentRow",
    "AuditRow",
    "DialogRow",
    "EvidenceRow",
    "ExtensionRow",
    "GroupMemberRow",
    "InboundSeenRow",
    "InviteRow",
    "ItemRow",
    "ItemSubjectRow",
    "LinkCodeRow",
    "OPEN_LEAD_SQL",
    "OPEN_SQL",
    "OccurrenceRow",
    "PlanRow",
    "RecipientRow",
    "ReminderRow",
    "RoleSwitchRow",
    "SectionRow",
    "SenderLeaseRow",
    "StatusEventRow",
    "SweepRow",
    "TallyVersionRow",
    "UsageRow",
    "WebLinkRow",
    "WebSessionRow",
]
