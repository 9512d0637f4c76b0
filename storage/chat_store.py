"""The chat part of the store (see bot.ports.ChatStore): the command core's use cases, each one
transaction, returning the dataclasses of bot.domain.chat_records.

The reply path of `/xong 3.II` is four statements: the chat context (one query), the item with its
assignments (one query), the conditional UPDATE and the audit INSERT that returns the agency's
remaining open count (an indexed count over ``ix_assignment_open_lead``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, bindparam, case, literal, update
from sqlmodel import Session, select

from bot.domain.chat_records import (
    AgencyRef,
    ChatContext,
    Dialog,
    ItemWork,
    KnownAgencies,
    Officer,
    PlanRef,
)
from bot.domain.deadlines import Deadline
from bot.domain.report_data import coordinating_office
from bot.domain.views import REMAINING_SHOWN, WorkItem
from storage import audit, queries, role_switch, work
from storage.base import SqlBase
from storage.chat_links import SqlChatLinks
from storage.chat_lists import SqlChatLists
from storage.item_rows import item_query, item_work
from storage.chat_periods import SqlChatPeriods
from storage.evidence import SqlEvidenceStore
from storage.models import (
    AgencyRow,
    AssignmentRow,
    DialogRow,
    ItemRow,
    PlanRow,
    RecipientRow,
)

# /xong's item, built once: only the bind parameters change (no expression built per command).
_BY_CODE = item_query().where(ItemRow.plan_id == bindparam("find_plan"), ItemRow.code == bindparam("find_code"))
_CLOSING: dict[str, tuple[Any, tuple]] = {}


def _closing(dialect: str) -> tuple[Any, tuple]:
    """The /xong statements, built once per dialect: the conditional UPDATE, and what the audit INSERT
    returns (the agency's open lead assignments left, capped; whether the item hands a role over). Only
    bind parameters change from one closing to the next, so nothing grows with the agency's items."""
    if dialect not in _CLOSING:
        t = AssignmentRow.__table__
        closing = (
            update(t)
            .where(t.c.id == bindparam("close_id"), t.c.status != "done")
            .values(
                status="done",
                closed_at=bindparam("close_now"),
                closed_by=bindparam("close_by"),
                note=bindparam("close_note"),
                updated_at=bindparam("close_now"),
            )
        )
        left = work.open_left_of(
            dialect, plan_id=bindparam("left_plan"), agency_id=bindparam("left_agency"), cap=REMAINING_SHOWN
        )
        _CLOSING[dialect] = (closing, (left, role_switch.is_trigger(bindparam("left_item"))))
    return _CLOSING[dialect]


def _office(province: str, issuer: str | None, unit_name: str | None) -> str:
    """The coordinating office from the plan's heading (and its ``letter: unit_name`` when given)."""
    given = {"unit_name": unit_name} if unit_name and unit_name.strip() else {}
    return coordinating_office(province=province, issuer=issuer or "", given=given)


class SqlChatStore(SqlEvidenceStore, SqlChatPeriods, SqlChatLinks, SqlChatLists, SqlBase):
    """Implements bot.ports.ChatStore."""

    # --- who is asking -------------------------------------------------------------------------
    def chat_context(self, *, channel: str, chat_id: str, plan_slug: str | None = None) -> ChatContext:
        """The plan in force, the linked chat with its agency and any stored dialog, in one query."""
        plans = select(PlanRow.id)
        plan_id = (
            (
                plans.where(PlanRow.slug == plan_slug)
                if plan_slug
                else plans.order_by(PlanRow.year.desc(), PlanRow.id.desc())
            )
            .limit(1)
            .scalar_subquery()
        )
        one = select(literal(1).label("one")).subquery("one")
        q = (
            select(
                PlanRow.id,
                PlanRow.year,
                PlanRow.province,
                PlanRow.title,
                PlanRow.issuer,
                PlanRow.meta[("letter", "unit_name")].as_string(),  # a plan's own name for its office, if any
                RecipientRow.id,
                RecipientRow.role,
                RecipientRow.person,
                RecipientRow.rank,
                AgencyRow.id,
                AgencyRow.key,
                AgencyRow.name,
                AgencyRow.kind,
                DialogRow.kind,
                DialogRow.data,
                DialogRow.expires_at,
            )
            .select_from(one)
            .outerjoin(PlanRow, PlanRow.id == plan_id)
            .outerjoin(
                RecipientRow,
                and_(RecipientRow.channel == channel, RecipientRow.chat_id == chat_id, RecipientRow.active.is_(True)),
            )
            .outerjoin(AgencyRow, AgencyRow.id == RecipientRow.agency_id)
            .outerjoin(DialogRow, and_(DialogRow.channel == channel, DialogRow.chat_id == chat_id))
        )
        with self.session() as s:
            row = s.exec(q).one()
        (pid, year, province, title, issuer, unit_name) = row[:6]
        (rid, role, person, rank, aid, key, name, kind, dkind, ddata, dexpires) = row[6:]
        plan = (
            PlanRef(pid, year, province, title or "", _office(province, issuer, unit_name)) if pid is not None else None
        )
        officer = (
            Officer(rid, role, person, AgencyRef(aid, key, name, kind), rank or "primary")
            if rid is not None and aid is not None
            else None
        )
        dialog = Dialog(dkind, dict(ddata or {}), dexpires) if dkind is not None else None
        return ChatContext(plan, officer, dialog)

    def known_agencies(self, *, province: str = "") -> KnownAgencies:
        """Active agencies as a directory for names people type, with their ids by key."""
        with self.session() as s:
            rows = list(
                s.exec(
                    select(
                        AgencyRow.id,
                        AgencyRow.key,
                        AgencyRow.name,
                        AgencyRow.kind,
                        AgencyRow.short,
                        AgencyRow.aliases,
                        AgencyRow.parent_key,
                    ).where(AgencyRow.active.is_(True))
                )
            )
        directory = work.directory_of([r[1:] for r in rows], province=province)
        return KnownAgencies(directory, {r[1]: r[0] for r in rows})

    def agency(self, *, agency_id: int) -> AgencyRef | None:
        """One agency by id (None when unknown)."""
        with self.session() as s:
            row = s.get(AgencyRow, agency_id)
            return AgencyRef(row.id, row.key, row.name, row.kind) if row is not None else None

    # --- items and assignments --------------------------------------------------------------------
    def find_item(self, *, plan_id: int, code: str) -> ItemWork | None:
        """The live item with this exact (canonical) code and its active assignments, in one query."""
        with self.session() as s:
            return item_work(s.connection().execute(_BY_CODE, {"find_plan": plan_id, "find_code": code}))

    def item_by_id(self, *, item_id: int) -> ItemWork | None:
        """A live item by id (a button) and its active assignments; None when retired or unknown."""
        with self.session() as s:
            return item_work(s.exec(item_query().where(ItemRow.id == item_id)))

    def item_codes(self, *, plan_id: int, inspections: bool) -> list[str]:
        """Every live code of the plan (for suggestions), inspections only when ``inspections``."""
        q = select(ItemRow.code).where(ItemRow.plan_id == plan_id, ItemRow.retired.is_(False))
        if not inspections:
            q = q.where(ItemRow.type != "inspection")
        with self.session() as s:
            return list(s.exec(q))

    def assignment(self, *, plan_id: int, assignment_id: int) -> WorkItem | None:
        """One active assignment with its item and agency (None when gone)."""
        with self.session() as s:
            return work.work_of(s, plan_id=plan_id, assignment_id=assignment_id)

    def close_assignment(
        self,
        *,
        plan_id: int,
        assignment_id: int,
        item_id: int,
        agency_id: int,
        actor: str,
        note: str,
        now: datetime,
        data: dict[str, Any],
        channel: str = "",
    ) -> int | None:
        """Mark done unless it already is (None: somebody closed it first); else the agency's open lead
        assignments left, counted by the one INSERT that records the closing in the audit trail (the history)."""
        closing, counts = _closing(self.engine.dialect.name)
        with self.session() as s:
            conn = s.connection()
            res = conn.execute(
                closing, {"close_id": assignment_id, "close_now": now, "close_by": actor, "close_note": note}
            )
            if res.rowcount != 1:
                return None
            n, hands_over = audit.write(
                s,
                action="done",
                actor=actor,
                now=now,
                channel=channel,
                plan_id=plan_id,
                item_id=item_id,
                assignment_id=assignment_id,
                agency_id=agency_id,
                before={"done": False},
                after={"done": True, **data},
                note=note,
                returning=counts,
                params={"left_plan": plan_id, "left_agency": agency_id, "left_item": item_id},
            )
            if hands_over:  # a task that hands a role over: the role's items follow it
                role_switch.resettle(s, plan_id=plan_id)
            s.commit()
            return n

    def add_evidence(
        self, *, assignment_id: int, item_id: int, actor: str, note: str, now: datetime, data: dict[str, Any]
    ) -> None:
        """Keep a document sent after the closing: an "evidence" event (history keeps both) and the note
        added to the assignment's."""
        joined = case((AssignmentRow.note == "", note), else_=AssignmentRow.note + "\n" + note)
        with self.session() as s:
            s.execute(
                update(AssignmentRow).where(AssignmentRow.id == assignment_id).values(note=joined, updated_at=now)
            )
            _event(
                s,
                item_id=item_id,
                assignment_id=assignment_id,
                now=now,
                actor=actor,
                action="evidence",
                note=note,
                data=data,
            )
            _resettle_roles(s, item_id)
            s.commit()

    def set_item_due(self, *, plan_id: int, code: str, due: date, actor: str, now: datetime) -> Deadline:
        """A coordinator's date for an item, from the chat (``/dathan``, ``/xacnhan``); the new reading."""
        with self.session() as s:
            row = queries.set_due(session=s, plan_id=plan_id, code=code, due=due, actor=actor, now=now)
            dl = queries.effective_deadline(row)
            s.commit()
        return dl

    def reopen_assignment(
        self, *, assignment_id: int, item_id: int, actor: str, now: datetime, channel: str = ""
    ) -> bool:
        """Reopen a closed assignment (in progress again); False when it was not closed."""
        with self.session() as s:
            res = s.execute(
                update(AssignmentRow)
                .where(AssignmentRow.id == assignment_id, AssignmentRow.status == "done")
                .values(status="in_progress", closed_at=None, closed_by="", updated_at=now)
            )
            if res.rowcount != 1:
                return False
            _event(
                s, item_id=item_id, assignment_id=assignment_id, now=now, actor=actor, action="undo", channel=channel
            )
            _resettle_roles(s, item_id)
            s.commit()
            return True

    def record_progress(
        self, *, assignment_id: int, item_id: int, actor: str, note: str, now: datetime, channel: str = ""
    ) -> None:
        """Keep a progress note; an open assignment becomes in progress (a closed one stays closed)."""
        status = case((AssignmentRow.status == "open", "in_progress"), else_=AssignmentRow.status)
        with self.session() as s:
            s.execute(
                update(AssignmentRow)
                .where(AssignmentRow.id == assignment_id)
                .values(status=status, note=note, updated_at=now)
            )
            _event(
                s,
                item_id=item_id,
                assignment_id=assignment_id,
                now=now,
                actor=actor,
                action="progress",
                note=note,
                channel=channel,
            )
            s.commit()

    def schedule_inspection(self, *, item_id: int, day: date, actor: str, now: datetime, channel: str = "") -> None:
        """Set an inspection's date (a surprise inspection stays a surprise)."""
        with self.session() as s:
            row = s.get(ItemRow, item_id)
            row.inspection_date = day
            audit.write(
                s,
                action="inspection_scheduled",
                actor=actor,
                now=now,
                channel=channel,
                plan_id=row.plan_id,
                item_id=row.id,
                code=row.code,
                after={"date": day, "surprise": row.surprise},
            )
            s.commit()


def _event(
    s: Session,
    *,
    item_id: int,
    assignment_id: int,
    now: datetime,
    actor: str,
    action: str,
    note: str = "",
    data: dict | None = None,
    channel: str = "",
) -> None:
    audit.write(
        s,
        action=action,
        actor=actor,
        now=now,
        channel=channel,
        item_id=item_id,
        assignment_id=assignment_id,
        after=data,
        note=note,
    )


def _resettle_roles(s, item_id: int) -> None:
    """After a task's state or evidence changed: if it hands a role over, the role's items follow it."""
    if role_switch.trigger_item(s, item_id=item_id):
        plan_id = s.exec(select(ItemRow.plan_id).where(ItemRow.id == item_id)).one()
        role_switch.resettle(s, plan_id=plan_id)
