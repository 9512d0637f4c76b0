"""SQLModel tables of governance: extensions, the audit trail, web sign-in links and sessions, role
switches, evidence and amendments (re-exported by storage.models, where every table is registered)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel


# --- gov: extensions and the audit trail ------------------------------------------------------------
class ExtensionRow(SQLModel, table=True):
    """A request to extend one agency's deadline (gia hạn) and its decision. The assignment's ``due``
    takes ``new_due`` once approved; ``original_due`` keeps the date in force when it was asked."""

    __tablename__ = "extension"
    __table_args__ = (Index("ix_extension_assignment", "assignment_id", "status"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id")
    item_id: int = Field(foreign_key="item.id", index=True)
    assignment_id: int = Field(foreign_key="assignment.id")
    agency_id: int = Field(foreign_key="agency.id")
    status: str = Field(default="pending", max_length=20)  # pending | approved | refused | stale
    original_due: date
    new_due: date
    reason: str = ""
    requested_by: str = Field(default="", max_length=200)
    requested_at: datetime
    channel: str = Field(default="", max_length=20)  # where the request came from (told the outcome)
    chat_id: str = Field(default="", max_length=100)
    decided_by: str = Field(default="", max_length=200)
    decided_at: datetime | None = None
    document: str = ""  # the approving document, as cited
    decision_note: str = ""


class AuditRow(SQLModel, table=True):
    """Append-only trail of every change: who, through which channel, when (real time and the business
    time the program ran at), what it was before and after. Never updated or deleted (a trigger refuses)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_agency_at", "agency_id", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)  # real time (UTC)
    business_at: datetime  # the program's clock (fixed with --today)
    actor: str = Field(default="", max_length=200)
    channel: str = Field(default="", max_length=20)  # telegram | zalo | console | email | cli | system
    action: str = Field(max_length=40)
    plan_id: int | None = None  # plain ids: a log outlives what it names
    item_id: int | None = None
    assignment_id: int | None = None
    agency_id: int | None = None
    code: str = Field(default="", max_length=20)
    agency: str = Field(default="", max_length=300)
    before: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    after: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    note: str = ""


class WebLinkRow(SQLModel, table=True):
    """A one-time sign-in link to the web desk (only the token's hash is kept), valid a few minutes."""

    __tablename__ = "web_link"
    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    agency_id: int = Field(foreign_key="agency.id")
    role: str = Field(default="officer", max_length=20)  # officer | coordinator
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


class WebSessionRow(SQLModel, table=True):
    """A signed-in browser: the cookie carries the session id, only its hash is kept."""

    __tablename__ = "web_session"
    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    agency_id: int = Field(foreign_key="agency.id")
    role: str = Field(default="officer", max_length=20)
    created_at: datetime
    expires_at: datetime
    ended_at: datetime | None = None


class RoleSwitchRow(SQLModel, table=True):
    """An item whose agencies depend on a role a plan task hands over (bot.domain.role_tasks): its readings
    per holder, switched when the trigger task is closed or reopened (storage/role_switch.py)."""

    __tablename__ = "role_switch"
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    trigger_item_id: int = Field(foreign_key="item.id", index=True)
    item_id: int = Field(foreign_key="item.id")
    data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class EvidenceRow(SQLModel, table=True):
    """Evidence kept for a closing (issue 14 §4): a file sent through a channel (its id there, name, size,
    and where it was stored when EVIDENCE_STORE_FILES allows) or a cited document's number and date."""

    __tablename__ = "evidence"
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="item.id", index=True)
    assignment_id: int = Field(foreign_key="assignment.id", index=True)
    kind: str = Field(default="file", max_length=20)  # file | document
    channel: str = Field(default="", max_length=20)
    file_id: str = Field(default="", max_length=300)
    name: str = Field(default="", max_length=300)
    size: int = 0
    mime: str = Field(default="", max_length=100)
    path: str = Field(default="", max_length=500)
    number: str = Field(default="", max_length=100)
    document_date: date | None = None
    actor: str = Field(default="", max_length=200)
    at: datetime


# --- amend: amendments by a later decision -----------------------------------------------------------
class AmendmentRow(SQLModel, table=True):
    """One amendment of a plan by a later decision (``plan amend``): the document, the day it took effect,
    what it changed (bot.domain.amendments.Amendment.to_dict) and the assignments that kept their old date
    (closed before the effective date: ``kept`` = [{"assignment_id", "due"}], reapplied on every reload)."""

    __tablename__ = "amendment"
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    document: str
    effective: date
    created_at: datetime
    actor: str = Field(default="", max_length=200)
    diff: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    kept: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
