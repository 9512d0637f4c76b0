"""Per-channel bookkeeping the channels ask of the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain.agencies import Lookup


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
        """Add ``n`` sent messages to ``channel``'s count for ``month`` (``2023-07``); return the new total.
        Any "Quota exceeded" streak of ``channel`` is over."""

    def quota_streak_refused(self, *, channel: str, month: str, now: datetime) -> tuple[int, datetime]:
        """One more "Quota exceeded" refusal at the real time ``now``, kept in the database (every process,
        across restarts); the refusals in a row and the real time (UTC) of the first. A message
        counted by ``count_channel_messages`` ends the streak."""

    def channel_usage(self, *, channel: str, month: str) -> tuple[int, bool]:
        """(messages sent, quota declared used up) for ``channel`` in ``month``."""

    def channel_exhausted(self, *, channel: str, month: str) -> bool:
        """True when ``channel``'s monthly quota was declared used up."""

    def mark_channel_exhausted(self, *, channel: str, month: str) -> None:
        """Declare ``channel``'s quota for ``month`` used up."""

    def warn_coordinators(self, *, kind: str, key: str, slot: str, now: datetime) -> int:
        """Queue one notice of ``kind`` for every active coordinator, once per ``key``; returns the notices added."""

    def inbound_seen(self, *, channel: str, message_id: str) -> bool:
        """True when this inbound message was claimed (handled, or being handled)."""

    def claim_inbound(self, *, channel: str, message_id: str, now: datetime) -> bool:
        """Claim an inbound message before acting on it (one INSERT, atomic across processes); False when it
        was claimed already. Claims older than a week are forgotten."""

    def release_inbound(self, *, channel: str, message_id: str) -> None:
        """Forget a claim: the core failed before anything happened, so a replay may run it."""

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
