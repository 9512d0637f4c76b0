"""Who may see what on the desk: the chat's own rules (bot.core.context.Ctx), applied to a web session.

- a coordinator sees everything;
- an officer sees the items its agency is assigned (lead or coordinating), inspections only as the chat
  shows them (``Ctx.visible``), and never a surprise inspection of its own unit.
"""

from __future__ import annotations

from datetime import datetime, timezone, tzinfo

from bot.core.context import Ctx
from bot.domain.chat_records import ItemInfo, Officer
from bot.ports import Inbound, Store

WEB = "web"  # the channel the desk's actions are recorded under (audit rows, extension decisions)


def chat_view(store: Store, officer: Officer, now: datetime, zone: tzinfo = timezone.utc) -> Ctx:
    """The command core's context for this session's officer (channel "web"): the desk's actions run
    the chat's own command code with it; its replies are shown on the page."""
    return Ctx(
        store=store,
        inbound=Inbound(WEB, officer.person),
        now=now,
        today=now.astimezone(zone).date(),
        plan_id=None,
        plan_year=now.year,
        province="",
        zone=zone,
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
