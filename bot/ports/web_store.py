"""The web desk's sign-in links, sessions and page queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain.chat_records import (
    Officer,
)
from bot.domain.extensions import Extension


@dataclass(frozen=True)
class WebSignIn:
    """The outcome of a sign-in link: ok (with whom the new session acts for) | unknown | used | expired."""

    status: str
    officer: Officer | None = None


class WebStore(Protocol):
    """The web desk's sign-in links and sessions, and what its pages ask (storage/web_store.py)."""

    def web_create_link(self, *, agency_key: str, role: str, token: str, now: datetime, expires_at: datetime) -> str:
        """A one-time sign-in link for the agency (only the token's hash is kept); returns its name."""

    def web_redeem_link(
        self, *, token: str, session_token: str, now: datetime, session_expires_at: datetime
    ) -> WebSignIn:
        """Use a sign-in link once; on success a session ``session_token`` (hashed) is opened."""

    def web_session_officer(self, *, session_token: str, now: datetime) -> Officer | None:
        """Who a live session acts for (None: unknown, ended or expired)."""

    def web_end_session(self, *, session_token: str, now: datetime) -> None:
        """Sign out."""

    def web_data_version(self, *, plan_slug: str | None = None) -> tuple:
        """A cheap fingerprint that changes when a plan is loaded or a history event is written."""

    def web_subject_ids(self, *, item_ids: list[int] | None = None) -> dict[int, frozenset[int]]:
        """Inspected units (agency ids) by inspection item id."""

    def web_agency_ids(self) -> dict[str, int]:
        """Every agency's id by key."""

    def web_agency_chats(self, *, agency_id: int) -> list[dict]:
        """The chats linked to one agency."""

    def web_pending_extensions(self) -> list[Extension]:
        """Extension requests waiting for a coordinator's decision, oldest first."""
