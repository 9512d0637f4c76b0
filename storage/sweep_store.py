"""The sweep part of the store (see bot.ports.SweepStore)."""

from __future__ import annotations

from storage.base import SqlBase


class SqlSweepStore(SqlBase):
    """Implements bot.ports.SweepStore."""
