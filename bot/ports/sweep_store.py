"""What the reminder sweep asks of the database."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Collection, Iterable, Protocol

from bot.domain.audience import Chat
from bot.domain.claims import Claim
from bot.domain.day_plan import DaySelection, DueWork
from bot.domain.leaders import LeaderFacts
from bot.domain.pending import ItemFacts, Overview, PendingBatch
from bot.domain.reminders import DayTables


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
        self,
        *,
        day: date,
        tables: DayTables,
        officers: dict[int, list[int]],
        coordinators: list[int],
        now: datetime,
        copies: dict[str, dict[int, list[int]]] | None = None,
    ) -> int:
        """Claim the plain-item reminders of ``day`` in the database for this audience (recipient ids of
        officer chats by agency, of coordinator chats, extra officer chats by kind and agency); returns the
        claims inserted."""

    def leader_overdue(self, *, today: date) -> LeaderFacts:
        """Overdue lead work of the agencies with a leader, and each one's last leader summary day."""

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

    def take_batch(
        self,
        *,
        recipient_ids: list[int],
        holder: str,
        now: datetime,
        until: datetime,
        known_items: Collection[int] = (),
    ) -> PendingBatch:
        """Take these recipients' reminders before sending them (``pending → sending``, held by ``holder``
        until ``until``, one statement for a whole batch of digests) and read what their digests need:
        only rows due at the real time ``now`` that nobody holds, or whose holder's lease expired (each
        counts one more ambiguous send). Inactive recipients' rows are skipped; the items in
        ``known_items`` (read for an earlier batch) are left out of ``items``."""

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

    def record_sent(self, *, reminder_ids: list[int], now: datetime, ref: str) -> None:
        """These rows were delivered at the real time ``now`` (``ref``: the channel's message reference);
        one statement and one commit per digest, the row leases let go."""

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
