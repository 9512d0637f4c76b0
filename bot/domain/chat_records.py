"""What the chat store hands the command core: who is asking, the plan, an item with its work, results.

Plain frozen dataclasses (no rows, no sessions): `bot.ports.ChatStore` returns them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.domain.agencies import Directory
from bot.domain.views import WorkItem

COORDINATOR = "coordinator"


@dataclass(frozen=True)
class AgencyRef:
    """An agency as the chat names it."""

    id: int
    key: str
    name: str
    kind: str


@dataclass(frozen=True)
class Officer:
    """A linked chat: the recipient and the agency it acts for."""

    recipient_id: int
    role: str  # officer | coordinator
    person: str  # shared by the chats linked with one invite
    agency: AgencyRef
    rank: str = "primary"  # officers: primary | deputy

    @property
    def coordinator(self) -> bool:
        return self.role == COORDINATOR

    @property
    def leader(self) -> bool:
        """The agency's leader (lãnh đạo phụ trách): reads, never acts."""
        return self.role == "leader"


@dataclass(frozen=True)
class PlanRef:
    id: int
    year: int
    province: str
    title: str = ""  # the plan's own title (the /huongdan header)
    office: str = ""  # the coordinating office as the plan names it ("Văn phòng UBND thành phố")


@dataclass(frozen=True)
class Dialog:
    """What a chat's next plain message means (a progress note, a numbered choice)."""

    kind: str  # progress_note | choices
    data: dict[str, Any]
    expires_at: datetime

    def live(self, now: datetime) -> bool:
        return self.expires_at > now


@dataclass(frozen=True)
class ChatContext:
    """Everything a command needs to know before it runs (one query)."""

    plan: PlanRef | None
    officer: Officer | None
    dialog: Dialog | None  # as stored, possibly expired


@dataclass(frozen=True)
class ItemInfo:
    """One plan item as /xem shows it."""

    id: int
    code: str
    type: str  # task | review | inspection
    content: str
    section_title: str
    lead_text: str = ""
    coordinating_text: str = ""
    deadline_text: str = ""
    product: str = ""
    footnotes: tuple[str, ...] = ()
    surprise: bool = False
    unresolved: tuple[str, ...] = ()
    deadline: dict[str, Any] = field(default_factory=dict)  # the parsed deadline (Deadline.to_dict())
    due_override: date | None = None


@dataclass(frozen=True)
class ItemWork:
    """An item with its active assignments (lead and coordinating) in the order they were made."""

    item: ItemInfo
    assignments: tuple[WorkItem, ...]

    @property
    def leads(self) -> list[WorkItem]:
        return [w for w in self.assignments if w.role == "lead"]


@dataclass(frozen=True)
class KnownAgencies:
    """The directory of active agencies for lookups typed by people, and their database ids."""

    directory: Directory
    ids: dict[str, int]


@dataclass(frozen=True)
class InviteResult:
    """The outcome of /start CODE: ok | unknown | used | expired."""

    status: str
    agency: str = ""
    role: str = ""
    expires_at: datetime | None = None
    purpose: str = ""  # "" | handover | deputy | leader
    rank: str = "primary"
    ended: tuple[tuple[str, str], ...] = ()  # hand-over: the (channel, chat_id) whose access ended


INVITE_OK, INVITE_UNKNOWN, INVITE_USED, INVITE_EXPIRED = "ok", "unknown", "used", "expired"


@dataclass(frozen=True)
class WorkPage:
    """One page of an agency's open lead work (the page number clamped to the pages there are)."""

    total: int
    page: int
    pages: int
    items: tuple[WorkItem, ...]


@dataclass(frozen=True)
class OverdueCount:
    agency_id: int
    agency: str
    count: int
    oldest_due: date


@dataclass(frozen=True)
class AgencyOverdue:
    """An agency's overdue lead work: the first ``limit`` items and how many there are."""

    items: tuple[WorkItem, ...]
    total: int


@dataclass(frozen=True)
class OverdueSummary:
    """Overdue counts per agency (most first); the items too when there are at most ``detail_limit``."""

    counts: tuple[OverdueCount, ...]
    items: tuple[WorkItem, ...] = ()

    @property
    def total(self) -> int:
        return sum(c.count for c in self.counts)
