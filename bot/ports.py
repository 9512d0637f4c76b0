"""Small interfaces the rest of the program talks through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Sequence, Any, Iterable, Protocol

from bot.domain.audience import Chat
from bot.domain.chat_records import (
    AgencyOverdue,
    AgencyRef,
    ChatContext,
    InviteResult,
    ItemWork,
    KnownAgencies,
    Officer,
    OverdueSummary,
    WorkPage,
)
from bot.domain.views import WorkItem
from bot.domain.claims import Claim
from bot.domain.day_plan import DaySelection, DueWork
from bot.domain.pending import ItemFacts, Overview, PendingBatch
from bot.domain.reminders import DayTables
from bot.domain.agencies import Agency, Directory, Lookup
from bot.domain.audit import AuditEntry
from bot.domain.extensions import Extension, ExtensionOutcome
from bot.domain.deadlines import Deadline
from bot.domain.interpret import SyncReport
from bot.domain.operations import CodedItem, StatusFigures
from bot.domain.periods import PeriodFacts
from bot.domain.plan import Plan
from bot.domain.report_data import ReportData


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware."""


class FixedClock:
    """A clock that stands still until told to move (tests, demos with --today)."""

    def __init__(self, at: datetime):
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at

    @classmethod
    def on_day(cls, day: date, zone: tzinfo, at: time = time(9, 0)) -> "FixedClock":
        return cls(datetime.combine(day, at, tzinfo=zone))

    def now(self) -> datetime:
        return self._at

    def advance(self, delta: timedelta) -> None:
        self._at += delta


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Button:
    label: str
    data: str  # at most 64 bytes (Telegram's callback_data limit)


@dataclass(frozen=True)
class Inbound:
    """One message or button press from any channel, as the command core sees it."""

    channel: str  # telegram | zalo | console
    chat_id: str
    text: str = ""
    callback: str | None = None  # data of the button pressed
    sender: str = ""  # display name of the person
    group: bool = False  # a group chat: free chatter is ignored
    edited: bool = False
    bare: bool = False  # accept commands without the slash ("xong 3.II")
    buttons: bool = True  # the channel shows buttons; else they become numbered choices


@dataclass(frozen=True)
class Attachment:
    """A file sent after the text: a chart (photo) or a workbook (document)."""

    filename: str
    data: bytes
    kind: str = "document"  # photo | document
    caption: str = ""


@dataclass(frozen=True)
class Outbound:
    """A reply: plain text (transports escape it), an optional bold title, buttons and a file."""

    channel: str
    chat_id: str
    text: str
    title: str = ""
    buttons: tuple[tuple[Button, ...], ...] = ()
    attachment: Attachment | None = None
    subject: str = ""  # one line for channels that have a subject (e-mail): who, what, how many
    choices: bool = False  # its numbered choices were remembered for the chat: forget them if it never arrives


class TransportError(Exception):
    """A send that failed. ``permanent`` failures are not retried; ``recipient_gone`` disables the chat
    (blocked, chat not found, kicked); ``retry_after`` is the wait a rate limit asked for, in seconds;
    ``ambiguous``: the request may have reached the server (a read timeout, a connection dropped after
    the request was written), so the message may have arrived: retried at most once."""

    def __init__(
        self,
        message: str,
        *,
        permanent: bool,
        recipient_gone: bool = False,
        retry_after: float | None = None,
        quota: bool = False,
        ambiguous: bool = False,
    ):
        super().__init__(message)
        self.permanent = permanent
        self.recipient_gone = recipient_gone
        self.retry_after = retry_after
        self.quota = quota  # the channel's monthly quota is used up: try the officer's other channel
        self.ambiguous = ambiguous


class Sender(Protocol):
    async def send(self, out: Outbound) -> str:
        """Deliver one message (split as the channel needs); return a reference. Raise TransportError."""


@dataclass(frozen=True)
class Capabilities:
    """What a channel can carry: delivery and the core shape messages to it (senders are wire code only)."""

    buttons: bool = True  # inline buttons; without them buttons become numbered choices
    files: bool = True  # photos and documents
    max_length: int = 4096  # of one message, as the channel counts
    inbound: bool = True  # people can answer on it (e-mail: no)


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
        open lead assignments left. Two statements: a conditional UPDATE, the status_event INSERT."""

    def add_evidence(
        self, *, assignment_id: int, item_id: int, actor: str, note: str, now: datetime, data: dict[str, Any]
    ) -> None:
        """Keep a document sent after the closing (an "evidence" event; history keeps both)."""

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
    ) -> bool:
        """Record one period of a recurring assignment as done (or ``ended`` by a coordinator); False when
        it already was."""

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

    def clear_dialog(self, *, channel: str, chat_id: str) -> None:
        """Forget the chat's pending question (one DELETE)."""


class SweepStore(Protocol):
    """What the reminder sweep and delivery ask (storage/sweep_store.py)."""

    # the sweep: plan and claim
    def last_swept_day(self) -> date | None:
        """The last day a finished sweep planned, or None before the first sweep."""

    def linked_chats(self, *, active_only: bool = True, person: str | None = None) -> list[Chat]:
        """Linked chats (all, or one person's), as bot.domain.audience sees them."""

    def due_work(self, *, selection: DaySelection, plain: bool = True) -> DueWork:
        """What ``selection`` (bot.domain.day_plan.select_day) names; ``plain=False`` leaves out the plain
        assignments that ``claim_plain`` claims set-based."""

    def claim_plain(
        self, *, day: date, tables: DayTables, officers: dict[int, list[int]], coordinators: list[int], now: datetime
    ) -> int:
        """Claim the plain-item reminders of ``day`` in the database for this audience (recipient ids of
        officer chats by agency, of coordinator chats); returns the claims inserted."""

    def claim(self, *, claims: Iterable[Claim], now: datetime) -> int:
        """Insert pending claims; existing keys are left alone. Returns the claims inserted."""

    def record_sweep(
        self, *, day: date, first_day: date, started_at: datetime, planned: int, claimed: int, finished_at: datetime
    ) -> None:
        """Record a finished plan-and-claim (the scheduler's state lives in the database)."""

    def record_sweep_delivery(self, *, sent: int, failed: int) -> None:
        """Record what the last sweep's delivery sent and gave up on."""

    # delivery
    def waiting_recipients(self, *, channels: Iterable[str], now: datetime) -> list[int]:
        """Recipients on these channels with reminders pending and due for an attempt."""

    def pending_batch(self, *, recipient_ids: list[int], now: datetime) -> PendingBatch:
        """Their due pending reminders with what the digests need (inactive recipients' rows are skipped)."""

    def take_reminders(self, *, reminder_ids: list[int], holder: str, now: datetime, until: datetime) -> dict[int, int]:
        """Take rows before sending them (``pending → sending``, held by ``holder`` until ``until``): only
        rows due at the real time ``now`` that nobody holds (or whose holder's lease expired). Returns the
        rows taken with their count of ambiguous sends (a row taken back from a dead sender counts one)."""

    def acquire_sender_lease(self, *, holder: str, now: datetime, until: datetime) -> bool:
        """Become the one process that delivers (the lease is free, expired or ours) until ``until``."""

    def renew_sender_lease(self, *, holder: str, until: datetime) -> bool:
        """Extend the sender lease and the rows ``holder`` is sending; False when another took it."""

    def release_sender_lease(self, *, holder: str) -> None:
        """Let the sender lease go (if ``holder`` still has it)."""

    def sender_lease_holder(self, *, now: datetime) -> tuple[str, datetime] | None:
        """Who delivers right now and until when (None: nobody)."""

    def coordinator_overview(
        self, *, plan_slug: str | None, today: date, zone: tzinfo, weekly: bool, soon_until: date | None = None
    ) -> Overview:
        """Officers by agency, overdue totals and (``weekly``) the week, for the coordinators' digests; "due
        soon" runs to ``soon_until`` (14 working days, as /baocao), else 14 calendar days."""

    def record_sent(
        self,
        *,
        reminder_ids: list[int],
        now: datetime,
        ref: str,
        take: Sequence[int] = (),
        holder: str = "",
        until: datetime | None = None,
    ) -> dict[int, int]:
        """These rows were delivered at the real time ``now`` (``ref``: the channel's message reference).
        With ``take``, the next digest's rows are taken in the same transaction (as ``take_reminders``
        does, for ``holder`` until ``until``; one commit per digest) and returned; else ``{}``."""

    def record_skipped(self, *, reminder_ids: list[int], now: datetime) -> None:
        """Nothing left to say for these rows (items closed meanwhile)."""

    def record_failure(
        self,
        *,
        reminder_ids: list[int],
        attempts: int,
        error: str,
        retry_at: datetime | None,
        disable: Chat | None = None,
        exhausted: tuple[str, str] | None = None,
        claims: Iterable[Claim] = (),
        now: datetime,
        ambiguous: int | None = None,
    ) -> int:
        """A failed send as bot.domain.failure.after_failure decided, in one transaction (rows back to
        ``pending`` until ``retry_at`` or ``failed``; ``ambiguous``: their new count of ambiguous sends);
        returns the new claims (fallback copies, coordinator notices) inserted."""

    def remember_choices(self, *, channel: str, chat_id: str, mapping: dict[str, str], expires_at: datetime) -> None:
        """The chat's numbered choices (number → button data) until ``expires_at``."""

    # the operator's view (remind --dry-run)
    def item_facts(self, *, item_ids: Iterable[int]) -> dict[int, ItemFacts]:
        """Items by id, as digests and listings show them."""

    def agency_names(self) -> dict[int, str]:
        """Agency names by id."""

    def pending_reminders(self) -> int:
        """How many reminders wait to be sent (pending, or being sent)."""


class PlanStore(Protocol):
    """Loading plans and directories, the plan as a whole, reports and operations (storage/plan_store.py).

    ``plan_slug=None`` means the newest plan; a missing plan raises ``bot.domain.errors.NoPlan``, a missing
    item ``UnknownItem``; a foreign, corrupt or newer database ``DatabaseUnusable``."""

    # schema and files
    def schema_revision(self) -> str | None:
        """The database's schema revision (None: empty)."""

    def schema_head(self) -> str:
        """The newest schema revision this program knows."""

    def upgrade_schema(self) -> tuple[str | None, str]:
        """Create or upgrade the schema: (revision before, revision after)."""

    def has_plan(self, *, plan_slug: str | None = None) -> bool:
        """Whether the schema exists and holds a plan."""

    def backup_to(self, *, target: Path) -> int:
        """Copy a SQLite database to ``target`` (online); its size in bytes. ``BackupUnsupported`` otherwise."""

    # loading
    def load_plan(
        self,
        *,
        plan: Plan,
        directory: Directory,
        now: datetime,
        source_file: str = "",
        strict: bool = False,
        sources: dict | None = None,
    ) -> SyncReport:
        """Interpret (bot.domain.interpret) and upsert a plan; agencies not in ``directory`` (nor imported
        for its province) are retired, other provinces' open work deactivated; ``sources`` recorded;
        ``strict``: ``UnknownAgencies``, nothing written."""

    def loaded_sources(self, *, plan_slug: str | None = None) -> dict | None:
        """What ``init`` loaded (plan_file, plan_text, agencies_file, agencies_text, province, imported);
        None for an empty database."""

    def known_directory(self, *, directory: Directory) -> Directory:
        """``directory`` plus the agencies only the database knows (imported communes)."""

    def import_agencies(
        self, *, agencies: list[Agency], plan: Plan, directory: Directory, now: datetime, source_file: str = ""
    ) -> tuple[list[str], list[str], SyncReport]:
        """Add/update communes, then reload the plan: (added keys, updated keys, report)."""

    def agencies(self, *, kind: str | None = None, retired: bool = False) -> list[dict]:
        """Agencies as dicts (key, name, short, kind, parent); ``retired``: only those retired."""

    def find_agency(self, *, query: str) -> Lookup:
        """An agency typed by a person: one match or candidates."""

    # the plan
    def plan_items(self, *, plan_slug: str | None = None) -> list[dict]:
        """Every live item with agencies, reading and status (``plan show``)."""

    def plan_codes(self, *, plan_slug: str | None = None) -> list[str]:
        """Codes of the plan's live items."""

    def coded_item(self, *, code: str, plan_slug: str | None = None) -> CodedItem:
        """Type, secrecy and deadline in force of one item (exact code)."""

    def set_due(self, *, code: str, due: date, actor: str, now: datetime, plan_slug: str | None = None) -> Deadline:
        """Record a coordinator's date; the reading in force afterwards."""

    def schedule_inspection_by_code(
        self,
        *,
        code: str,
        day: date,
        actor: str,
        now: datetime,
        surprise: bool | None = None,
        plan_slug: str | None = None,
    ) -> bool:
        """Set an inspection's date; whether it is a surprise inspection."""

    # reports
    def report_data(
        self, *, zone: tzinfo, plan_slug: str | None = None, plan_id: int | None = None, with_history: bool = False
    ) -> ReportData:
        """What bot.reports.build needs, loaded once (history only when asked: the workbook's log)."""

    # operations
    def groups_waiting(self, *, plan_slug: str | None = None) -> dict[str, int]:
        """Empty group name → how many items wait for its members, as the last load counted."""
        ...

    def status_figures(self, *, since: datetime, month: str) -> StatusFigures:
        """Figures for ``status``: last sweep, sends since ``since``, retries, failures, chats, Zalo usage."""

    def create_invite(self, *, agency_key: str, code: str, role: str, now: datetime, expires_at: datetime) -> None:
        """A one-use invite linking a chat to an agency."""

    def officers(self) -> list[dict]:
        """Every linked chat as a dict (channel, chat_id, agency, role, name, active, ...)."""

    def revoke_chat(self, *, chat_id: str, channel: str | None = None) -> int:
        """Deactivate a chat; the number of links revoked."""


@dataclass(frozen=True)
class AgencyWork:
    """An agency and its number of open lead assignments (the terminal chat's list of identities)."""

    key: str
    name: str
    kind: str
    open: int


class ChannelStore(Protocol):
    """Per-channel bookkeeping: message counts, quotas, inbound dedupe, linked addresses (storage/channel_store.py)."""

    def count_channel_messages(self, *, channel: str, month: str, n: int = 1) -> int:
        """Add ``n`` sent messages to ``channel``'s count for ``month`` (``2023-07``); return the new total."""

    def channel_usage(self, *, channel: str, month: str) -> tuple[int, bool]:
        """(messages sent, quota declared used up) for ``channel`` in ``month``."""

    def channel_exhausted(self, *, channel: str, month: str) -> bool:
        """True when ``channel``'s monthly quota was declared used up."""

    def mark_channel_exhausted(self, *, channel: str, month: str) -> None:
        """Declare ``channel``'s quota for ``month`` used up."""

    def warn_coordinators(self, *, kind: str, key: str, slot: str, now: datetime) -> int:
        """Queue one notice of ``kind`` for every active coordinator, once per ``key``; returns the notices added."""

    def inbound_seen(self, *, channel: str, message_id: str) -> bool:
        """True when this inbound message was already handled."""

    def mark_inbound_seen(self, *, channel: str, message_id: str, now: datetime) -> bool:
        """Record a handled inbound message; False if it was already recorded."""

    def disable_chat(self, *, channel: str, chat_id: str, reason: str) -> bool:
        """Stop using a chat the channel reports gone; True if it was active."""

    def move_chat(self, *, channel: str, old_chat_id: str, new_chat_id: str) -> bool:
        """A chat got a new id (Telegram group → supergroup): its recipient follows. True if one moved."""

    def agencies_without_officer(self) -> list[str]:
        """Names of active agencies (communes aside) with no linked chat yet."""

    def chats_by_prefix(self, *, channel: str, prefixes: list[str]) -> dict[str, int]:
        """Active chats of ``channel`` per chat-id prefix ("" counts the chats without a prefix)."""

    def plan_loaded(self, *, plan_slug: str | None = None) -> bool:
        """True when the database holds a plan (``plan_slug``, or any)."""

    def open_work_by_agency(self, *, plan_slug: str | None = None) -> list[AgencyWork]:
        """Every active agency with its number of open lead assignments in the plan."""

    def link_console_chat(
        self, *, channel: str, chat_id: str, agency_key: str, role: str, display_name: str, now: datetime
    ) -> None:
        """Link a chat to an agency directly (the terminal chat picks who it speaks for)."""

    # --- e-mail addresses

    def email_agency(self, *, name: str) -> Lookup:
        """The agency a person typed, found as `invite` finds it (accents and case do not matter)."""

    def add_email_address(self, *, agency_key: str, address: str, name: str, now: datetime) -> str:
        """Link ``address`` as an officer of the agency ``agency_key`` (again active if it was disabled);
        returns the agency's name."""

    def email_addresses(self) -> list[dict]:
        """Every e-mail address, active or not, oldest first: dicts with address, agency, name, active,
        disabled_reason, since (ISO time)."""

    def remove_email_address(self, *, address: str) -> bool:
        """Stop sending to ``address`` (kept inactive for the history); False if no active address matches."""


class GovernanceStore(Protocol):
    """Extensions of one agency's deadline and the audit trail (storage/governance_store.py)."""

    def request_extension(
        self,
        *,
        plan_id: int,
        assignment_id: int,
        new_due: date,
        reason: str,
        actor: str,
        channel: str,
        chat_id: str,
        now: datetime,
        today: date,
    ) -> ExtensionOutcome:
        """Record an officer's request (pending a coordinator's decision); ``error`` says why not."""

    def pending_extension(self, *, assignment_id: int) -> Extension | None:
        """The request waiting for a decision on this assignment, if any."""

    def decide_extension(
        self,
        *,
        extension_id: int,
        approve: bool,
        actor: str,
        channel: str,
        now: datetime,
        document: str = "",
        note: str = "",
    ) -> ExtensionOutcome:
        """Approve (the assignment's due date moves) or refuse; a request on closed work becomes stale."""

    def extend_by_code(
        self,
        *,
        code: str,
        agency_key: str,
        new_due: date,
        document: str,
        actor: str,
        now: datetime,
        today: date,
        reason: str = "",
        plan_slug: str | None = None,
    ) -> ExtensionOutcome:
        """An approved extension recorded directly (``nhacviec extend``)."""

    def item_extensions(self, *, item_id: int) -> list[Extension]:
        """The approved extensions of an item's assignments, oldest first."""

    def coordinator_chats(self, *, channel: str) -> list[str]:
        """Chat ids of the active coordinators on ``channel``."""

    def item_deadline_kind(self, *, code: str, plan_slug: str | None = None) -> str:
        """The deadline kind the plan gives the item (before any coordinator's date)."""

    def audit_entries(
        self, *, zone: tzinfo, agency_key: str | None = None, since: date | None = None, limit: int | None = None
    ) -> list[AuditEntry]:
        """The audit trail, oldest first, of one agency and from a business day when asked."""

    def record_audit(
        self,
        *,
        action: str,
        actor: str,
        channel: str,
        now: datetime,
        agency_id: int | None = None,
        before: dict | None = None,
        after: dict | None = None,
        note: str = "",
    ) -> None:
        """Append one audit row for a change made outside the store's own write paths."""


@dataclass(frozen=True)
class WebSignIn:
    """The outcome of a sign-in link: ok (with whom the new session acts for) | unknown | used | expired."""

    status: str
    officer: Officer | None = None


class WebStore(Protocol):
    """The web desk's sign-in links and sessions, and what its pages ask (storage/web_store.py)."""

    def web_create_link(self, *, agency_key: str, role: str, token: str, now: datetime, expires_at: datetime) -> str:
        """A one-time sign-in link for the agency (only the token's hash is kept); returns its name."""

    def web_redeem_link(
        self, *, token: str, session_token: str, now: datetime, session_expires_at: datetime
    ) -> WebSignIn:
        """Use a sign-in link once; on success a session ``session_token`` (hashed) is opened."""

    def web_session_officer(self, *, session_token: str, now: datetime) -> Officer | None:
        """Who a live session acts for (None: unknown, ended or expired)."""

    def web_end_session(self, *, session_token: str, now: datetime) -> None:
        """Sign out."""

    def web_data_version(self, *, plan_slug: str | None = None) -> tuple:
        """A cheap fingerprint that changes when a plan is loaded or a history event is written."""

    def web_subject_ids(self, *, item_ids: list[int] | None = None) -> dict[int, frozenset[int]]:
        """Inspected units (agency ids) by inspection item id."""

    def web_agency_ids(self) -> dict[str, int]:
        """Every agency's id by key."""

    def web_agency_chats(self, *, agency_id: int) -> list[dict]:
        """The chats linked to one agency."""


class Store(ChatStore, SweepStore, PlanStore, ChannelStore, GovernanceStore, WebStore, Protocol):
    """Everything; storage.store.SqlStore implements it."""
