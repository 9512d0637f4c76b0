"""Small interfaces the rest of the program talks through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Protocol

from bot.domain.agencies import Lookup


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
    """What the command core asks (storage/chat_store.py)."""


class SweepStore(Protocol):
    """What the reminder sweep and delivery ask (storage/sweep_store.py)."""


class PlanStore(Protocol):
    """Loading plans and directories, the plan as a whole, reports and operations (storage/plan_store.py)."""


class ChannelStore(Protocol):
    """Per-channel bookkeeping: message counts, quotas, inbound dedupe, linked addresses (storage/channel_store.py)."""

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


class Store(ChatStore, SweepStore, PlanStore, ChannelStore, Protocol):
    """Everything; storage.store.SqlStore implements it."""
