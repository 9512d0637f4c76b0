"""What the people commands ask of the database: hand-over, deputy and leader invites, leaders, and
coordinator notices queued for other channels (storage/people_store.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol


class PeopleStore(Protocol):
    """Focal officers, deputies, leaders (issue 14 §3)."""

    def people_invite(
        self,
        *,
        code: str,
        purpose: str,
        now: datetime,
        expires_at: datetime,
        actor: str,
        channel: str,
        agency_key: str = "",
        agency_id: int | None = None,
        role: str = "officer",
        handover_from: int | None = None,
    ) -> list[str]:
        """Keep a hand-over ("handover"), deputy or leader invite; the chats a hand-over will end."""

    def people_ended(self, *, channel: str, chat_id: str) -> str | None:
        """The agency this chat handed over (access ended by a hand-over), else None."""

    def leader_set(self, *, agency_key: str, address: str, name: str, now: datetime, actor: str) -> str:
        """Make an e-mail address the agency's leader; "" when done, else "role|agency" it already serves."""

    def leader_remove(self, *, agency_key: str, now: datetime, actor: str) -> int:
        """Stop the agency's leader summaries; how many leader chats ended."""

    def leaders(self) -> list[dict]:
        """Every leader chat or address: agency, chat, name, active."""

    def extension_queue_notices(
        self,
        *,
        assignment_id: int,
        extension_id: int,
        text: str,
        channel: str,
        chat: str,
        day: date,
        now: datetime,
        to: str = "",
    ) -> int:
        """Queue an extension request for the coordinator chats on other channels than ``channel`` (or a
        decision for the chat ``to``); how many were queued."""

    def people_queue_farewell(self, *, chats: list[tuple[str, str]], text: str, day: date, now: datetime) -> int:
        """Queue ``text`` for chats (channel, chat id) that handed their seat over, although they are no
        longer active: delivery tells them once on their own channel. How many were queued."""
