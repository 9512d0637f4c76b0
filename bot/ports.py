"""Small interfaces the rest of the program talks through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Protocol


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
