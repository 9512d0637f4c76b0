"""Successors in the database: open work of an agency the directory says another one replaced moves to it.

A directory entry may say ``replaces: [old names or keys]`` (a merged department, a new ward). When a
load meets an agency of the database that the directory no longer lists and names as replaced, that
agency is retired with its successor recorded (``agencies list --retired`` shows it), and each of its
open assignments (not done, item still in the plan) moves: the successor gets the assignment with its
status, note and date, or keeps its own when it already has one for that item; the former agency's row
stays, inactive, with its history. Done work stays the former agency's. One audit row per move.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from bot.domain.agencies import Directory
from storage import audit
from storage.models import AgencyRow, AssignmentRow, ItemRow

log = logging.getLogger(__name__)

ACTION = "successor"
ACTOR = "nhacviec (danh mục cơ quan)"


@dataclass(frozen=True)
class Move:
    """One open assignment handed from a replaced agency to its successor."""

    code: str
    former: str  # agency key
    successor: str  # agency key
    kept: bool  # the successor already had an assignment for the item: its own was kept


def successor_links(session: Session, directory: Directory) -> list[tuple[AgencyRow, str]]:
    """(row of a database agency the directory does not list, key of the directory agency replacing it)."""
    out = []
    for row in session.exec(select(AgencyRow).order_by(AgencyRow.id)):
        if row.key in directory.agencies:
            continue
        succ = directory.successor_of(row.key) or directory.successor_of(row.name)
        if succ is not None and succ != row.key:
            out.append((row, succ))
    return out


@dataclass
class Succession:
    """What ``move_to_successors`` did."""

    moves: list[Move] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)  # replaced agencies retired now
    added: list[str] = field(default_factory=list)  # successors the database did not know yet


def move_to_successors(session: Session, directory: Directory, *, now: datetime) -> Succession:
    """Retire every agency the directory says another replaced, record its successor and move its open
    work there (see the module docstring). The caller commits."""
    done = Succession()
    links = successor_links(session, directory)
    if not links:
        return done
    rows = {r.key: r for r in session.exec(select(AgencyRow))}
    for _, succ in links:
        if succ not in rows:
            body = directory.agencies[succ]
            row = AgencyRow(key=body.key, name=body.name, short=body.short, kind=body.kind, aliases=list(body.aliases))
            row.parent_key = body.parent
            session.add(row)
            rows[succ] = row
            done.added.append(succ)
    session.flush()
    for former, succ in links:
        first_link = former.successor_key != succ
        already_retired = not former.active
        former.successor_key = succ
        if former.active:
            former.active = False  # never reminded again; kept for history
            done.retired.append(former.key)
        open_rows = session.exec(
            select(AssignmentRow, ItemRow)
            .join(ItemRow, ItemRow.id == AssignmentRow.item_id)
            .where(
                AssignmentRow.agency_id == former.id,
                AssignmentRow.status != "done",
                ItemRow.retired.is_(False),
            )
            .order_by(AssignmentRow.id)
        ).all()
        for a, item in open_rows:
            # Active open work moves; so does work a retirement without successor had set aside, once.
            if a.active or (already_retired and first_link):
                done.moves.append(_move(session, a, item, former, rows[succ], now))
    session.flush()
    if done.moves:
        log.info("moved %d open assignments to successors", len(done.moves))
    return done


def _move(session: Session, a: AssignmentRow, item: ItemRow, former: AgencyRow, succ: AgencyRow, now) -> Move:
    theirs = session.exec(
        select(AssignmentRow).where(AssignmentRow.item_id == a.item_id, AssignmentRow.agency_id == succ.id)
    ).all()
    kept = next((r for r in theirs if r.active), None)
    target = kept
    if target is None:
        target = next((r for r in theirs if r.role == a.role), None)
        if target is None:
            target = AssignmentRow(item_id=a.item_id, agency_id=succ.id, role=a.role, plan_id=a.plan_id, due=a.due)
            session.add(target)
        target.active = True
        if target.status != "done":
            target.status, target.note = a.status, a.note or target.note
        target.due, target.updated_at = a.due, now
        session.flush()
    a.active = False  # the former agency's row and its history stay
    audit.write(
        session,
        action=ACTION,
        actor=ACTOR,
        now=now,
        channel="system",
        plan_id=a.plan_id,
        item_id=a.item_id,
        assignment_id=target.id,
        agency_id=succ.id,
        code=item.code,
        agency=succ.name,
        before={"agency": former.key, "name": former.name, "assignment": a.id, "role": a.role, "status": a.status},
        after={"agency": succ.key, "name": succ.name, "assignment": target.id, "role": target.role, "kept": bool(kept)},
        note=f"{former.name} → {succ.name}",
    )
    return Move(item.code, former.key, succ.key, kept is not None)
