"""The check that stops ``init`` from rewriting a plan file that changes the plan already loaded (issue 14 §2):
a plan is changed only by a later decision, recorded with ``plan amend``."""

from __future__ import annotations

from bot.domain.amendments import items_differ
from bot.domain.texts import amend as T
from bot.plan_loading import Source, read_plan, recorded_files
from bot.ports import PlanStore


def changed_plan_message(store: PlanStore, plan_src: Source) -> str | None:
    """Why ``init`` must not load ``plan_src`` (its items differ from the same plan's recorded file), pointing
    to ``plan amend``; None when it may (unchanged, another plan, nothing recorded yet)."""
    plan, _ = read_plan(plan_src)
    recorded = recorded_files(store, plan_slug=plan.id)
    if recorded is None:
        return None
    old, _ = read_plan(recorded[0])
    if old.id != plan.id:
        return None
    codes = items_differ(old, plan)
    if not codes:
        return None
    shown = ", ".join(codes[:8]) + (", …" if len(codes) > 8 else "")
    return T.INIT_CHANGED.format(file=plan_src.path, n=len(codes), plan=plan.id, codes=shown)
