"""The chat part of the store (see bot.ports.ChatStore)."""

from __future__ import annotations

from storage.base import SqlBase


class SqlChatStore(SqlBase):
    """Implements bot.ports.ChatStore."""
