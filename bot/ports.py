"""Small interfaces the rest of the program talks through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Iterable, Protocol

from bot.domain.audience import Chat
from bot.domain.claims import Claim
from bot.domain.day_plan import DaySelection, DueWork
from bot.domain.pending import ItemFacts, Overview, PendingBatch
from bot.domain.reminders import DayTables

from bot.domain.agencies import Agency, Directory, Lookup
from bot.domain.deadlines import Deadline
from bot.domain.interpret import SyncReport
from bot.domain.operations import CodedItem, StatusFigures
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
    data: str          # at most 64 bytes (Telegram's callback_data limit)


@dataclass(frozen=True)
class Inbound:
    """One message or button press from any channel, as the command core sees it."""

    channel: str                 # telegram | zalo | console
    chat_id: str
    text: str = ""
    callback: str | None = None  # data of the button pressed
    sender: str = ""             # display name of the person
    group: bool = False          # a group chat: free chatter is ignored
    edited: bool = False
    bare: bool = False           # accept commands without the slash ("xong 3.II")
    buttons: bool = True         # the channel shows buttons; else they become numbered choices


@dataclass(frozen=True)
class Attachment:
    """A file sent after the text: a chart (photo) or a workbook (document)."""

    filename: str
    data: bytes
    kind: str = "document"       # photo | document
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
    subject: str = ""            # one line for channels that have a subject (e-mail): who, what, how many


class TransportError(Exception):
    """A send that failed. ``permanent`` failures are not retried; ``recipient_gone`` disables the chat
    (blocked, chat not found, kicked); ``retry_after`` is the wait a rate limit asked for, in seconds;
    ``ambiguous``: the request may have reached the server (a read timeout, a connection dropped after
    the request was written), so the message may have arrived: retried at most once."""

    def __init__(self, message: str, *, permanent: bool, recipient_gone: bool = False,
                 retry_after: float | None = None, quota: bool = False, ambiguous: bool = False):
        super().__init__(message)
        self.permanent = permanent
        self.recipient_gone = recipient_gone
        self.retry_after = retry_after
        self.quota = quota            # the channel's monthly quota is used up: try the officer's other channel
        self.ambiguous = ambiguous


class Sender(Protocol):
    async def send(self, out: Outbound) -> str:
        """Deliver one message (split as the channel needs); return a reference. Raise TransportError."""


@dataclass(frozen=True)
class Capabilities:
    """What a channel can carry: delivery and the core shape messages to it (senders are wire code only)."""

    buttons: bool = True          # inline buttons; without them buttons become numbered choices
    files: bool = True            # photos and documents
    max_length: int = 4096        # of one message, as the channel counts
    inbound: bool = True          # people can answer on it (e-mail: no)


# --- the store: what the rest of the program asks of the database (storage.store.SqlStore) -------------
# Each protocol lists use-case methods (keyword-only arguments) returning domain dataclasses; nothing
# outside storage/ and the composition root sees a session, a row class or SQL.


class ChatStore(Protocol):
    """What the command core asks (storage/chat_store.py)."""


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

    def claim_plain(self, *, day: date, tables: DayTables, officers: dict[int, list[int]], coordinators: list[int],
                    now: datetime) -> int:
        """Claim the plain-item reminders of ``day`` in the database for this audience (recipient ids of
        officer chats by agency, of coordinator chats); returns the claims inserted."""

    def claim(self, *, claims: Iterable[Claim], now: datetime) -> int:
        """Insert pending claims; existing keys are left alone. Returns the claims inserted."""

    def record_sweep(self, *, day: date, first_day: date, started_at: datetime, planned: int, claimed: int,
                     finished_at: datetime) -> None:
        """Record a finished plan-and-claim (the scheduler's state lives in the database)."""

    def record_sweep_delivery(self, *, sent: int, failed: int) -> None:
        """Record what the last sweep's delivery sent and gave up on."""

    # delivery
    def waiting_recipients(self, *, channels: Iterable[str], now: datetime) -> list[int]:
        """Recipients on these channels with reminders pending and due for an attempt."""

    def pending_batch(self, *, recipient_ids: list[int], now: datetime) -> PendingBatch:
        """Their due pending reminders with what the digests need (inactive recipients' rows are skipped)."""

    def take_reminders(self, *, reminder_ids: list[int], holder: str, now: datetime,
                       until: datetime) -> dict[int, int]:
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

    def coordinator_overview(self, *, plan_slug: str | None, today: date, zone: tzinfo, weekly: bool) -> Overview:
        """Officers by agency, overdue totals and (``weekly``) the week, for the coordinators' digests."""

    def record_sent(self, *, reminder_ids: list[int], now: datetime, ref: str) -> None:
        """These rows were delivered at the real time ``now`` (``ref``: the channel's message reference)."""

    def record_skipped(self, *, reminder_ids: list[int], now: datetime) -> None:
        """Nothing left to say for these rows (items closed meanwhile)."""

    def record_failure(self, *, reminder_ids: list[int], attempts: int, error: str, retry_at: datetime | None,
                       disable: Chat | None = None, exhausted: tuple[str, str] | None = None,
                       claims: Iterable[Claim] = (), now: datetime, ambiguous: int | None = None) -> int:
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
    def load_plan(self, *, plan: Plan, directory: Directory, now: datetime, source_file: str = "",
                  strict: bool = False) -> SyncReport:
        """Interpret (bot.domain.interpret) and upsert a plan; ``strict``: ``UnknownAgencies``, nothing written."""

    def known_directory(self, *, directory: Directory) -> Directory:
        """``directory`` plus the agencies only the database knows (imported communes)."""

    def import_agencies(self, *, agencies: list[Agency], plan: Plan, directory: Directory, now: datetime,
                        source_file: str = "") -> tuple[list[str], list[str], SyncReport]:
        """Add/update communes, then reload the plan: (added keys, updated keys, report)."""

    def agencies(self, *, kind: str | None = None) -> list[dict]:
        """Agencies as dicts (key, name, short, kind, parent)."""

    def find_agency(self, *, query: str) -> Lookup:
        """An agency typed by a person: one match or candidates."""

    # the plan
    def plan_items(self, *, plan_slug: str | None = None) -> list[dict]:
        """Every live item with agencies, reading and status (``plan show``)."""

    def item_codes(self, *, plan_slug: str | None = None) -> list[str]:
        """Codes of the plan's live items."""

    def coded_item(self, *, code: str, plan_slug: str | None = None) -> CodedItem:
        """Type, secrecy and deadline in force of one item (exact code)."""

    def set_due(self, *, code: str, due: date, actor: str, now: datetime, plan_slug: str | None = None) -> Deadline:
        """Record a coordinator's date; the reading in force afterwards."""

    def schedule_inspection(self, *, code: str, day: date, actor: str, now: datetime, surprise: bool | None = None,
                            plan_slug: str | None = None) -> bool:
        """Set an inspection's date; whether it is a surprise inspection."""

    # reports
    def report_data(self, *, zone: tzinfo, plan_slug: str | None = None, plan_id: int | None = None,
                    with_history: bool = False) -> ReportData:
        """What bot.reports.build needs, loaded once (history only when asked: the workbook's log)."""

    # operations
    def status_figures(self, *, since: datetime, month: str) -> StatusFigures:
        """Figures for ``status``: last sweep, sends since ``since``, retries, failures, chats, Zalo usage."""

    def create_invite(self, *, agency_key: str, code: str, role: str, now: datetime, expires_at: datetime) -> None:
        """A one-use invite linking a chat to an agency."""

    def officers(self) -> list[dict]:
        """Every linked chat as a dict (channel, chat_id, agency, role, name, active, ...)."""

    def revoke_chat(self, *, chat_id: str, channel: str | None = None) -> int:
        """Deactivate a chat; the number of links revoked."""


class ChannelStore(Protocol):
    """Per-channel bookkeeping: message counts, quotas, inbound dedupe, linked addresses (storage/channel_store.py)."""


class Store(ChatStore, SweepStore, PlanStore, ChannelStore, Protocol):
    """Everything; storage.store.SqlStore implements it."""
