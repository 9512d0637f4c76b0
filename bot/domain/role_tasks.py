"""Roles handed over by a plan task: the holder changes when the task is done, not on a planned date.

The seed's "Cơ quan quản lý, vận hành Hệ thống thông tin giải quyết TTHC của tỉnh" is Sở TT&TT until
task 2.I (the hand-over itself) is recorded done, then Văn phòng UBND tỉnh. The directory writes it as a
holder with ``since_task: 2.I``. ``settle_roles`` turns such holders into dated ones given the tasks
done so far (code → the day it was done: the cited document's date, else the closing day); a holder
whose task is not done yet holds nothing. ``role_variants`` gives, for an item naming such a role, its
agencies under each possible holder, so storage can switch an item's assignments when the task is closed
or reopened without reading the plan file again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Mapping

from bot.domain.agencies import Directory, Role, RoleHolder
from bot.domain.plan import Item

ONE_DAY = timedelta(days=1)


def switch_tasks(directory: Directory) -> set[str]:
    """Codes of the plan tasks that hand a role over."""
    return {h.since_task for r in directory.roles.values() for h in r.holders if h.since_task}


def settle_holders(holders: tuple[RoleHolder, ...], done: Mapping[str, date]) -> tuple[RoleHolder, ...]:
    """The holders with task-driven changes dated by the facts: a holder whose task is done holds from that
    day (its predecessor until the day before); one whose task is not done yet is left out."""
    out: list[RoleHolder] = []
    for h in holders:
        if not h.since_task:
            out.append(h)
            continue
        day = done.get(h.since_task)
        if day is None:
            continue
        if out and out[-1].until is None:
            out[-1] = replace(out[-1], until=day - ONE_DAY)
        out.append(replace(h, since=day))
    return tuple(out)


def settle_roles(directory: Directory, done: Mapping[str, date]) -> Directory:
    """``directory`` with every task-driven holder dated as ``done`` says (see ``settle_holders``)."""
    if not switch_tasks(directory):
        return directory
    roles = {k: replace(r, holders=settle_holders(r.holders, done)) for k, r in directory.roles.items()}
    return Directory(directory.province, directory.agencies, directory.groups, roles, directory.vague)


def holder_for(holders: tuple[RoleHolder, ...], done: Mapping[str, date], day: date | None) -> str | None:
    """Who holds a role on ``day`` (an item's due date) given the tasks done."""
    return Role("", "", (), settle_holders(holders, done)).holder_on(day)


def holders_to_data(holders: tuple[RoleHolder, ...]) -> list[dict]:
    """Plain data for storage."""
    return [
        {
            "agency": h.agency,
            "since": h.since.isoformat() if h.since else None,
            "until": h.until.isoformat() if h.until else None,
            "since_task": h.since_task,
        }
        for h in holders
    ]


def holders_from_data(data: list[dict]) -> tuple[RoleHolder, ...]:
    """The inverse of ``holders_to_data``."""

    def day(v):
        return date.fromisoformat(v) if v else None

    return tuple(
        RoleHolder(d["agency"], day(d.get("since")), day(d.get("until")), d.get("since_task") or "") for d in data
    )


def switching_roles(directory: Directory, item: Item) -> list[str]:
    """The task-driven roles an item's lead or coordinating cell names."""
    names = {
        k
        for r in (directory.resolve(item.lead_text), directory.resolve(item.coordinating_text))
        for part in (r, r.coordinating)
        if part is not None
        for k, _ in part.roles
    }
    return [k for k in sorted(names) if any(h.since_task for h in directory.roles[k].holders)]


def role_variants(directory: Directory, item: Item, interpret) -> dict | None:
    """For an item naming a task-driven role (the first one when several): the role's holders and, per
    possible holder, the item's reading with that holder — ``interpret(item, directory)`` gives an
    ``ItemSpec``. None when the item names no such role."""
    keys = switching_roles(directory, item)
    if not keys:
        return None
    role = directory.roles[keys[0]]
    variants: dict[str, dict] = {}
    for agency in dict.fromkeys(h.agency for h in role.holders):
        one = replace(role, holders=(RoleHolder(agency),))
        spec = interpret(
            item,
            Directory(
                directory.province,
                directory.agencies,
                directory.groups,
                {**directory.roles, role.key: one},
                directory.vague,
            ),
        )
        variants[agency] = {
            "lead": list(spec.lead_keys),
            "coordinating": list(spec.coordinating_keys),
            "unresolved": [u.to_dict() for u in spec.unresolved],
        }
    return {"role": role.key, "holders": holders_to_data(role.holders), "variants": variants}


def completion_day(leads: list[tuple[bool, date | None, list[date]]]) -> date | None:
    """When a task was done: None unless every lead is done (``(done, closed_on, cited dates)`` each);
    the latest cited document's date, else the latest closing day."""
    if not leads or not all(done for done, _, _ in leads):
        return None
    days = [max(cited) if cited else closed for _, closed, cited in leads]
    return max((d for d in days if d is not None), default=None)
