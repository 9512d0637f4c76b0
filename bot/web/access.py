"""Who may see what on the desk: the chat's own rules (bot.core.context.Ctx), applied to a web session.

- a coordinator sees everything;
- an officer sees the items its agency is assigned (lead or coordinating), inspections only as the chat
  shows them (``Ctx.visible``), and never a surprise inspection of its own unit.
"""

from __future__ import annotations

from datetime import datetime

from bot.core.context import Ctx
from bot.domain.chat_records import ItemInfo, Officer
from bot.ports import Inbound, Store


def chat_view(store: Store, officer: Officer, now: datetime) -> Ctx:
    """The command core's context for this session's officer (channel "web")."""
    return Ctx(
        store=store,
        inbound=Inbound("web", officer.person),
        now=now,
        today=now.date(),
        plan_id=None,
        plan_year=now.year,
        province="",
        officer=officer,
    )


def may_see(
    ctx: Ctx, item: ItemInfo, *, agency_ids: set[int] | frozenset[int], subjects: frozenset[int] = frozenset()
) -> bool:
    """Whether the session may open this item (``agency_ids``: agencies assigned to it; ``subjects``:
    the units an inspection inspects)."""
    if ctx.coordinator:
        return True
    if not ctx.visible(item):
        return False
    own = ctx.agency.id if ctx.agency else None
    if item.surprise and own in subjects:
        return False
    return own in agency_ids
