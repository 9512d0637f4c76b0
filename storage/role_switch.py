"""Roles handed over by a plan task, in the database: who holds them follows the task's completion.

``settled_directory`` dates the task-driven holders by what is recorded (before a plan is interpreted);
``remember`` keeps, for every item naming such a role, its reading under each holder; ``resettle``
switches those items' assignments when a trigger task is closed, reopened or gets a later document.
The rules are the domain's (bot.domain.role_tasks); this module only reads and writes rows.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, exists
from sqlmodel import Session, select

from bot.domain.agencies import Directory
from bot.domain.interpret import COORDINATING, LEAD, interpret_item
from bot.domain.plan import Plan
from bot.domain.role_tasks import (
    completion_day,
    holder_for,
    holders_from_data,
    role_variants,
    settle_roles,
    switch_tasks,
)
from storage.models import AgencyRow, AssignmentRow, AuditRow, ItemRow, PlanRow, RoleSwitchRow

DOCUMENT_ACTIONS = ("done", "evidence")


def is_trigger(item_id):
    """SQL: whether the item hands a role over (used inside the statement that closes an assignment)."""
    return exists(select(RoleSwitchRow.id).where(RoleSwitchRow.trigger_item_id == item_id))


def trigger_item(session: Session, *, item_id: int) -> bool:
    """Whether closing or reopening this item switches a role."""
    return bool(session.execute(select(is_trigger(item_id))).scalar())


def done_days(session: Session, plan_id: int, codes: set[str]) -> dict[str, date]:
    """Trigger task code → the day it was done (every lead done; the cited document's date, else closing)."""
    out: dict[str, date] = {}
    for code in codes:
        leads = session.exec(
            select(AssignmentRow)
            .join(ItemRow, ItemRow.id == AssignmentRow.item_id)
            .where(
                ItemRow.plan_id == plan_id,
                ItemRow.code == code,
                AssignmentRow.role == LEAD,
                AssignmentRow.active.is_(True),
            )
        ).all()
        facts = []
        for a in leads:
            cited = []
            if a.status == "done":
                for data in session.exec(
                    select(AuditRow.after).where(  # the history is the audit trail
                        AuditRow.assignment_id == a.id,
                        AuditRow.action.in_(DOCUMENT_ACTIONS),
                        AuditRow.business_at >= a.closed_at,
                    )
                ):
                    day = ((data or {}).get("document") or {}).get("date")
                    if day:
                        cited.append(date.fromisoformat(day))
            # the closing day as stored (UTC); a cited document's date is what normally decides
            facts.append((a.status == "done", a.closed_at.date() if a.closed_at else None, cited))
        day = completion_day(facts)
        if day is not None:
            out[code] = day
    return out


def settled_directory(session: Session, plan: Plan, directory: Directory) -> Directory:
    """``directory`` with the task-driven role holders dated by the plan's recorded completions."""
    codes = switch_tasks(directory)
    if not codes:
        return directory
    prow = session.exec(select(PlanRow).where(PlanRow.slug == plan.id)).first()
    return settle_roles(directory, done_days(session, prow.id, codes) if prow is not None else {})


def remember(session: Session, plan: Plan, directory: Directory) -> None:
    """Keep, for each item naming a task-driven role, its reading per holder (replacing what was kept)."""
    prow = session.exec(select(PlanRow).where(PlanRow.slug == plan.id)).one()
    session.execute(delete(RoleSwitchRow).where(RoleSwitchRow.plan_id == prow.id))
    codes = switch_tasks(directory)
    if not codes:
        return
    ids = dict(session.exec(select(ItemRow.code, ItemRow.id).where(ItemRow.plan_id == prow.id)).all())
    for item in plan.items:
        data = role_variants(directory, item, lambda i, d: interpret_item(i, d, plan.year))
        if data is None:
            continue
        for code in {h["since_task"] for h in data["holders"] if h["since_task"]}:
            if code in ids:
                session.add(
                    RoleSwitchRow(plan_id=prow.id, trigger_item_id=ids[code], item_id=ids[item.code], data=data)
                )
    session.flush()


def resettle(session: Session, *, plan_id: int) -> None:
    """Give every item naming a task-driven role the agencies of the holder the facts now name."""
    rows = session.exec(select(RoleSwitchRow).where(RoleSwitchRow.plan_id == plan_id)).all()
    if not rows:
        return
    triggers = dict(
        session.exec(select(ItemRow.id, ItemRow.code).where(ItemRow.id.in_({r.trigger_item_id for r in rows}))).all()
    )
    done = done_days(session, plan_id, set(triggers.values()))
    ids = dict(session.exec(select(AgencyRow.key, AgencyRow.id)).all())
    seen: set[int] = set()
    for r in rows:
        if r.item_id in seen:
            continue
        seen.add(r.item_id)
        item = session.get(ItemRow, r.item_id)
        holder = holder_for(holders_from_data(r.data["holders"]), done, item.due_override or item.due_date)
        variant = r.data["variants"].get(holder or "")
        if variant is None:
            continue
        item.unresolved = variant["unresolved"]
        want = {(ids[k], LEAD) for k in variant["lead"]} | {(ids[k], COORDINATING) for k in variant["coordinating"]}
        _switch(session, item, want)
    session.flush()


def _switch(session: Session, item: ItemRow, want: set[tuple[int, str]]) -> None:
    have = {
        (a.agency_id, a.role): a for a in session.exec(select(AssignmentRow).where(AssignmentRow.item_id == item.id))
    }
    due = next((a.due for a in have.values() if a.active), None)
    for key in want:
        row = have.get(key)
        if row is None:
            session.add(
                AssignmentRow(
                    item_id=item.id,
                    agency_id=key[0],
                    role=key[1],
                    plan_id=item.plan_id,
                    **({"due": due} if due is not None else {}),
                )
            )
        elif not row.active:
            row.active = True
    for key, row in have.items():
        if key not in want and row.active:
            row.active = False  # history kept; the role's holder changed
