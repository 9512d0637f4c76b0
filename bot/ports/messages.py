"""Messages between the command core and the channels: inbound, outbound, buttons, send errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol


@dataclass(frozen=True)
class Button:
    label: str
    data: str  # at most 64 bytes (Telegram's callback_data limit)


@dataclass(frozen=True)
class InboundFile:
    """A file or photo sent with a message (issue 14 §4): the channel's id for it, its name, size and type.
    ``keep`` (set by the transport only when EVIDENCE_STORE_FILES allows) downloads it into the evidence
    directory and returns the stored path; it raises OSError (or the channel's error) when that fails."""

    id: str
    name: str = ""
    size: int = 0  # bytes; 0 when the channel does not say
    mime: str = ""
    keep: Callable[[], str] | None = field(default=None, compare=False, repr=False)


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
    file: InboundFile | None = None  # a document or photo sent with the message (its caption is ``text``)


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


# Inbound dedupe (every channel): a message id (Telegram's update_id, Zalo's message_id) is claimed
# before the core acts on it, and released when the core failed before anything happened.
ClaimHook = Callable[[str], bool]  # True: this process now handles it; False: claimed already (here or elsewhere)
ReleaseHook = Callable[[str], object]  # the core failed, nothing happened: a replay may run it again
