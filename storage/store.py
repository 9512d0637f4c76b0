"""The store: every use case the program asks of the database, as one object built from an engine."""

from __future__ import annotations

from storage.channel_store import SqlChannelStore
from storage.chat_store import SqlChatStore
from storage.governance_store import SqlGovernanceStore
from storage.people_store import SqlPeopleStore
from storage.plan_store import SqlPlanStore
from storage.sweep_store import SqlSweepStore
from storage.web_store import SqlWebStore


class SqlStore(
    SqlChatStore, SqlSweepStore, SqlPlanStore, SqlChannelStore, SqlGovernanceStore, SqlWebStore, SqlPeopleStore
):
    """Implements bot.ports.Store over SQLite or PostgreSQL."""
