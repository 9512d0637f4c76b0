"""The plan part of the store (see bot.ports.PlanStore)."""

from __future__ import annotations

from storage.base import SqlBase


class SqlPlanStore(SqlBase):
    """Implements bot.ports.PlanStore."""
