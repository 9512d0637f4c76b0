"""The channel part of the store (see bot.ports.ChannelStore)."""

from __future__ import annotations

from storage.base import SqlBase


class SqlChannelStore(SqlBase):
    """Implements bot.ports.ChannelStore."""
