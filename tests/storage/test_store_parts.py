"""The store is one object made of parts (chat, sweep, plan, channel): no part may shadow another's use case,
and every use case the protocols promise is implemented."""

from __future__ import annotations

import inspect

from bot import ports
from storage.channel_store import SqlChannelStore
from storage.chat_store import SqlChatStore
from storage.governance_store import SqlGovernanceStore
from storage.people_store import SqlPeopleStore
from storage.plan_store import SqlPlanStore
from storage.store import SqlStore
from storage.sweep_store import SqlSweepStore
from storage.web_store import SqlWebStore

PARTS = (SqlChatStore, SqlSweepStore, SqlPlanStore, SqlChannelStore, SqlGovernanceStore, SqlWebStore, SqlPeopleStore)


def _methods(cls) -> set[str]:
    return {n for n, v in vars(cls).items() if callable(v) and not n.startswith("_")}


def test_no_part_shadows_another():
    seen: dict[str, str] = {}
    for part in PARTS:
        for name in _methods(part):
            assert name not in seen, f"{part.__name__}.{name} shadows {seen[name]}.{name}"
            seen[name] = part.__name__


def test_every_promised_use_case_is_implemented_keyword_only():
    for proto in (
        ports.ChatStore,
        ports.SweepStore,
        ports.PlanStore,
        ports.ChannelStore,
        ports.GovernanceStore,
        ports.WebStore,
        ports.PeopleStore,
    ):
        for name in _methods(proto):
            impl = getattr(SqlStore, name, None)
            assert impl is not None, f"SqlStore lacks {proto.__name__}.{name}"
            params = list(inspect.signature(impl).parameters.values())[1:]
            assert all(p.kind is p.KEYWORD_ONLY for p in params), f"{name}: arguments must be keyword-only"
