"""Extensions, the audit trail and other governance records in the database."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Protocol

from bot.domain.audit import AuditEntry
from bot.domain.extensions import Extension, ExtensionOutcome


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
