"""What delivery loads for a batch of recipients: their pending reminders and the facts the digests
need, as plain dataclasses (storage/deliveries.py fills them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from bot.domain.audience import Chat
from bot.domain.claims import Claim
from bot.domain.reminder_kinds import ReminderKind


class PendingReminder(NamedTuple):  # a tuple: tens of thousands are built per batch
    id: int
    item_id: int | None
    agency_id: int | None
    assignment_id: int | None
    recipient_id: int
    kind: ReminderKind
    slot: str
    day: date
    attempts: int = 0
    chat: str = ""
    fallback_to: str = ""
    error: str = ""
    failed_attempts: int = 0
    ambiguous: int = 0  # sends of this row that may have arrived (taken back from a sender that died)

    def as_claim(self) -> Claim:
        """The same reminder, to claim again for another recipient."""
        return Claim(
            self.item_id, self.agency_id, self.assignment_id, self.recipient_id, self.kind, self.slot, self.day
        )


@dataclass(frozen=True)
class ItemFacts:
    id: int
    code: str
    content: str
    type: str
    deadline_kind: str
    deadline_text: str
    flag: str  # the reader's first flag about the deadline, or ""
    due_date: date | None
    due_override: date | None
    start_date: date | None
    inspection_date: date | None
    surprise: bool
    retired: bool
    subject_text: str = ""
    recurrence: str | None = None  # the period named, if any
    recurrence_rule: dict | None = None  # the whole recurrence as read (day rules: bot.domain.periods)
    open_ended: bool = False  # runs until the plan is closed


class AssignmentFacts(NamedTuple):
    id: int
    item_id: int
    agency_id: int
    role: str
    status: str
    active: bool
    due: date


@dataclass
class PendingBatch:
    """Reminders of some recipients, taken for sending (active ones; the inactive ones' rows were skipped)."""

    chats: dict[int, Chat] = field(default_factory=dict)
    rows: dict[int, list[PendingReminder]] = field(default_factory=dict)  # by recipient, in id order
    items: dict[int, ItemFacts] = field(default_factory=dict)
    agencies: dict[int, str] = field(default_factory=dict)
    assignments: dict[tuple[int, int, str], AssignmentFacts] = field(default_factory=dict)  # (item, agency, role)
    leads: dict[int, list[str]] = field(default_factory=dict)  # heads-up items: who leads
    units: dict[int, list[str]] = field(default_factory=dict)  # inspection items: the inspected units
    skipped: int = 0  # rows of inactive recipients, marked skipped
    office: str = ""  # the coordinating office as the newest plan names it ("Văn phòng UBND thành phố")


@dataclass(frozen=True)
class Overview:
    """What every coordinator's digest repeats: officers by agency, overdue totals, the week."""

    officers: dict[int, list[str]]
    overdue_total: int
    overdue_agencies: int
    weekly: dict | None = None
