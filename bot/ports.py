"""Small interfaces the rest of the program talks through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any, Protocol

from bot.domain.chat_records import (AgencyOverdue, AgencyRef, ChatContext, InviteResult, ItemWork, KnownAgencies,
                                     OverdueSummary, ReportData, WorkPage)
from bot.domain.views import WorkItem


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
    (blocked, chat not found, kicked); ``retry_after`` is the wait a rate limit asked for, in seconds."""

    def __init__(self, message: str, *, permanent: bool, recipient_gone: bool = False,
                 retry_after: float | None = None, quota: bool = False):
        super().__init__(message)
        self.permanent = permanent
        self.recipient_gone = recipient_gone
        self.retry_after = retry_after
        self.quota = quota            # the channel's monthly quota is used up: try the officer's other channel


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

    def close_assignment(self, *, plan_id: int, assignment_id: int, item_id: int, agency_id: int, actor: str,
                         note: str, now: datetime, data: dict[str, Any]) -> int | None:
        """Mark done unless it already is (None: somebody closed it first); else the number of the agency's
        open lead assignments left. Two statements: a conditional UPDATE, the status_event INSERT."""

    def reopen_assignment(self, *, assignment_id: int, item_id: int, actor: str, now: datetime) -> bool:
        """Reopen a closed assignment (in progress again); False when it was not closed."""

    def record_progress(self, *, assignment_id: int, item_id: int, actor: str, note: str, now: datetime) -> None:
        """Keep a progress note; an open assignment becomes in progress (a closed one stays closed)."""

    def schedule_inspection(self, *, item_id: int, day: date, actor: str, now: datetime) -> None:
        """Set an inspection's date (a surprise inspection stays a surprise)."""

    # lists
    def open_page(self, *, plan_id: int, agency_id: int, page: int, page_size: int) -> WorkPage:
        """One page of an agency's open lead work, soonest first (the page clamped to those there are)."""

    def agency_overdue(self, *, plan_id: int, agency_id: int, today: date, limit: int) -> AgencyOverdue:
        """The first ``limit`` overdue lead items of an agency, oldest first, and how many there are."""

    def overdue_summary(self, *, plan_id: int, today: date, detail_limit: int) -> OverdueSummary:
        """Overdue counts per agency, most first; the items too when there are at most ``detail_limit``."""

    def report_data(self, *, plan_id: int, zone: tzinfo, workbook: bool = False) -> ReportData:
        """The rows of /baocao (and with ``workbook`` the history and subjects of /xuatbaocao)."""

    # linking chats
    def redeem_invite(self, *, code: str, channel: str, chat_id: str, display_name: str, now: datetime,
                      prefer: str = "") -> InviteResult:
        """Link a chat with a valid invite (once per channel); anything else changes nothing."""

    def unlink_chat(self, *, channel: str, chat_id: str) -> None:
        """Stop using a chat (kept, inactive, for its history)."""

    def set_preferred_channel(self, *, person: str, channel: str) -> bool:
        """Make ``channel`` the preferred among a person's chats; False when they have no chat there."""

    # dialogs
    def set_dialog(self, *, channel: str, chat_id: str, kind: str, data: dict[str, Any],
                   expires_at: datetime) -> None:
        """Remember what the chat's next plain message means (replacing what was pending)."""

    def clear_dialog(self, *, channel: str, chat_id: str) -> None:
        """Forget the chat's pending question (one DELETE)."""


class SweepStore(Protocol):
    """What the reminder sweep and delivery ask (storage/sweep_store.py)."""


class PlanStore(Protocol):
    """Loading plans and directories, the plan as a whole, reports and operations (storage/plan_store.py)."""


class ChannelStore(Protocol):
    """Per-channel bookkeeping: message counts, quotas, inbound dedupe, linked addresses (storage/channel_store.py)."""


class Store(ChatStore, SweepStore, PlanStore, ChannelStore, Protocol):
    """Everything; storage.store.SqlStore implements it."""
