"""What the command core asks of the database."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any, Protocol

from bot.domain.chat_records import (
    AgencyOverdue,
    AgencyRef,
    ChatContext,
    InviteResult,
    ItemWork,
    KnownAgencies,
    OverdueSummary,
    WorkPage,
)
from bot.domain.views import WorkItem
from bot.domain.deadlines import Deadline
from bot.domain.evidence import Evidence, EvidenceIn
from bot.domain.period_work import PeriodFacts, PeriodRecord, PeriodWork
from bot.domain.report_data import ReportData


# --- the store: what the rest of the program asks of the database (storage.store.SqlStore) -------------
# Each protocol lists use-case methods (keyword-only arguments) returning domain dataclasses; nothing
# outside storage/ and the composition root sees a session, a row class or SQL.


class ChatStore(Protocol):
    """What the command core asks (storage/chat_store.py). Each method is one transaction."""

    # who is asking
    def chat_context(self, *, channel: str, chat_id: str, plan_slug: str | None = None) -> ChatContext:
        """The plan in force (by slug, else the latest), the linked chat with its agency and any stored
        dialog (possibly expired), in one query."""

    def known_agencies(self, *, province: str = "") -> KnownAgencies:
        """Active agencies as a directory for names people type, with their ids by key."""

    def agency(self, *, agency_id: int) -> AgencyRef | None:
        """One agency by id (None when unknown)."""

    # items and assignments
    def find_item(self, *, plan_id: int, code: str) -> ItemWork | None:
        """The live item with this exact (canonical) code and its active assignments, in one query."""

    def item_by_id(self, *, item_id: int) -> ItemWork | None:
        """A live item by id (a button) and its active assignments; None when retired or unknown."""

    def item_codes(self, *, plan_id: int, inspections: bool) -> list[str]:
        """Every live code of the plan (for suggestions), inspections only when ``inspections``."""

    def assignment(self, *, plan_id: int, assignment_id: int) -> WorkItem | None:
        """One active assignment with its item and agency (None when gone)."""

    def close_assignment(
        self,
        *,
        plan_id: int,
        assignment_id: int,
        item_id: int,
        agency_id: int,
        actor: str,
        note: str,
        now: datetime,
        data: dict[str, Any],
        channel: str = "",
    ) -> int | None:
        """Mark done unless it already is (None: somebody closed it first); else the number of the agency's
        open lead assignments left. Two statements: a conditional UPDATE, the audit INSERT."""

    def add_evidence(
        self, *, assignment_id: int, item_id: int, actor: str, note: str, now: datetime, data: dict[str, Any]
    ) -> None:
        """Keep a document sent after the closing (an "evidence" event; history keeps both)."""

    # evidence (issue 14 §4, storage/evidence.py)
    def evidence_add(
        self,
        *,
        plan_id: int,
        assignment_id: int,
        item_id: int,
        agency_id: int,
        evidence: EvidenceIn,
        actor: str,
        now: datetime,
        channel: str = "",
    ) -> int:
        """Keep one piece of evidence (a file, a cited document) and its "evidence" audit row; its id."""

    def evidence_for_item(self, *, item_id: int) -> list[Evidence]:
        """The evidence kept for an item's assignments, oldest first."""

    def set_item_due(self, *, plan_id: int, code: str, due: date, actor: str, now: datetime) -> Deadline:
        """A coordinator's date for an item from the chat (/dathan, /xacnhan); the new reading."""

    def reopen_assignment(
        self, *, assignment_id: int, item_id: int, actor: str, now: datetime, channel: str = ""
    ) -> bool:
        """Reopen a closed assignment (in progress again); False when it was not closed."""

    def period_facts(self, *, assignment_id: int) -> PeriodFacts | None:
        """The item's deadline, the plan's span and the periods recorded for one assignment (None: unknown)."""

    def record_period(
        self,
        *,
        assignment_id: int,
        item_id: int,
        period: str,
        due: date,
        status: str,
        actor: str,
        note: str,
        now: datetime,
        data: dict[str, Any],
        channel: str = "",
    ) -> bool:
        """Record one period of a recurring assignment as done (or ``ended`` by a coordinator); False when
        it already was."""

    def period_open_work(self, *, plan_id: int, agency_id: int | None = None) -> list[PeriodWork]:
        """Open recurring lead assignments (of one agency, or all) with the periods recorded for them."""

    def period_undo_latest(
        self, *, assignment_id: int, item_id: int, actor: str, now: datetime, channel: str = ""
    ) -> PeriodRecord | None:
        """Forget the period recorded last for a recurring assignment (open again); None when none is."""

    def record_progress(
        self, *, assignment_id: int, item_id: int, actor: str, note: str, now: datetime, channel: str = ""
    ) -> None:
        """Keep a progress note; an open assignment becomes in progress (a closed one stays closed)."""

    def schedule_inspection(self, *, item_id: int, day: date, actor: str, now: datetime, channel: str = "") -> None:
        """Set an inspection's date (a surprise inspection stays a surprise)."""

    # lists
    def open_page(self, *, plan_id: int, agency_id: int, page: int, page_size: int) -> WorkPage:
        """One page of an agency's open lead work, soonest first (the page clamped to those there are)."""

    def agency_overdue(self, *, plan_id: int, agency_id: int, today: date, limit: int) -> AgencyOverdue:
        """The first ``limit`` overdue lead items of an agency, oldest first, and how many there are."""

    def overdue_summary(self, *, plan_id: int, today: date, detail_limit: int) -> OverdueSummary:
        """Overdue counts per agency, most first; the items too when there are at most ``detail_limit``."""

    def report_data(
        self, *, zone: tzinfo, plan_slug: str | None = None, plan_id: int | None = None, with_history: bool = False
    ) -> ReportData:
        """What /baocao and /xuatbaocao are built from (PlanStore's use case, asked by the core too)."""

    # linking chats
    def redeem_invite(
        self, *, code: str, channel: str, chat_id: str, display_name: str, now: datetime, prefer: str = ""
    ) -> InviteResult:
        """Link a chat with a valid, unused invite (one chat, whatever the channel); anything else changes nothing."""

    def create_link_code(self, *, code: str, channel: str, chat_id: str, now: datetime, expires_at: datetime) -> bool:
        """Keep (hashed) a one-time code with which a chat on another channel joins this linked chat's
        person; False when this chat is not linked."""

    def redeem_link_code(
        self, *, code: str, channel: str, chat_id: str, display_name: str, now: datetime, prefer: str = ""
    ) -> InviteResult:
        """Link this chat to the person who asked for ``code``: ok | unknown | used | expired | same_channel | taken."""

    def unlink_chat(self, *, channel: str, chat_id: str, now: datetime | None = None) -> None:
        """Stop using a chat (kept, inactive, for its history)."""

    def set_preferred_channel(self, *, person: str, channel: str) -> bool:
        """Make ``channel`` the preferred among a person's chats; False when they have no chat there."""

    # dialogs
    def set_dialog(self, *, channel: str, chat_id: str, kind: str, data: dict[str, Any], expires_at: datetime) -> None:
        """Remember what the chat's next plain message means (replacing what was pending)."""

    def confirm_choices(self, *, channel: str, chat_id: str) -> None:
        """The chat's numbered choices were delivered: from now on its "1" means the first (one UPDATE)."""

    def clear_dialog(self, *, channel: str, chat_id: str) -> None:
        """Forget the chat's pending question (one DELETE)."""
