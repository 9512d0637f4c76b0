"""The chat part of the store (see bot.ports.ChatStore): the command core's use cases, each one
transaction, returning the dataclasses of bot.domain.chat_records.

The reply path of `/xong 3.II` is four statements: the chat context (one query), the item with its
assignments (one query), the conditional UPDATE and the audit INSERT that returns the agency's
remaining open count (an indexed count over ``ix_assignment_open_lead``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, delete, literal, update
from sqlmodel import Session, select

from bot.domain.chat_records import (
    AgencyOverdue,
    AgencyRef,
    ChatContext,
    Dialog,
    InviteResult,
    ItemInfo,
    ItemWork,
    KnownAgencies,
    Officer,
    OverdueSummary,
    PlanRef,
    WorkPage,
)
from bot.domain.deadlines import Deadline
from bot.domain.report_data import coordinating_office
from bot.domain.texts import chat as chat_texts
from bot.domain.views import REMAINING_SHOWN, WorkItem
from bot.domain.periods import PeriodFacts, PeriodRecord, PeriodWork
from storage import audit, occurrences, queries, registry, role_switch, work
from storage.base import SqlBase
from storage.evidence import SqlEvidenceStore
from storage.models import (
    AgencyRow,
    AssignmentRow,
    DialogRow,
    ItemRow,
    PlanRow,
    RecipientRow,
    SectionRow,
)

_REGISTRATION_ACTION = {"": "registered", "deputy": "deputy_added", "leader": "leader_set", "handover": "handed_over"}

_ITEM_COLUMNS = (
    ItemRow.id,
    ItemRow.code,
    ItemRow.type,
    ItemRow.content,
    SectionRow.title,
    ItemRow.lead_text,
    ItemRow.coordinating_text,
    ItemRow.deadline_text,
    ItemRow.product,
    ItemRow.footnotes,
    ItemRow.surprise,
    ItemRow.unresolved,
    ItemRow.deadline,
    ItemRow.due_override,
    ItemRow.deadline_kind,
    ItemRow.start_date,
    ItemRow.blocked,
    ItemRow.position,
)
_WORK_COLUMNS = (
    AssignmentRow.id,
    AssignmentRow.agency_id,
    AgencyRow.name,
    AssignmentRow.due,
    AssignmentRow.status,
    AssignmentRow.role,
    AssignmentRow.closed_at,
    AssignmentRow.closed_by,
)


def _item_work(rows) -> ItemWork | None:
    """One item (the first columns, repeated) and its assignments (LEFT JOINed, possibly none)."""
    rows = list(rows)
    if not rows:
        return None
    (
        item_id,
        code,
        type_,
        content,
        section,
        lead_text,
        coord_text,
        deadline_text,
        product,
        footnotes,
        surprise,
        unresolved,
        deadline,
        override,
        kind,
        start,
        blocked,
        position,
    ) = rows[0][: len(_ITEM_COLUMNS)]
    info = ItemInfo(
        item_id,
        code,
        type_,
        content,
        section,
        lead_text,
        coord_text,
        deadline_text,
        product,
        tuple(footnotes or ()),
        bool(surprise),
        tuple(
            chat_texts.UNRESOLVED_REASON.get(u.get("reason"), "{text}").format(text=u["text"]) for u in unresolved or ()
        ),
        deadline or {},
        override,
    )
    assigned = []
    for r in rows:
        aid, agency_id, agency, due, status, role, closed_at, closed_by = r[len(_ITEM_COLUMNS) :]
        if aid is None:
            continue
        assigned.append(
            work.to_work(
                (
                    aid,
                    item_id,
                    agency_id,
                    agency,
                    code,
                    content,
                    type_,
                    kind,
                    due,
                    start,
                    blocked,
                    override,
                    status,
                    role,
                    position,
                    closed_at,
                    closed_by,
                )
            )
        )
    return ItemWork(info, tuple(sorted(assigned, key=lambda w: w.assignment_id)))


def _item_query():
    return (
        select(*_ITEM_COLUMNS, *_WORK_COLUMNS)
        .join(SectionRow, SectionRow.id == ItemRow.section_id)
        .outerjoin(AssignmentRow, and_(AssignmentRow.item_id == ItemRow.id, AssignmentRow.active.is_(True)))
        .outerjoin(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
        .where(ItemRow.retired.is_(False))
    )


def _office(province: str, issuer: str | None, unit_name: str | None) -> str:
    """The coordinating office from the plan's heading (and its ``letter: unit_name`` when given)."""
    given = {"unit_name": unit_name} if unit_name and unit_name.strip() else {}
    return coordinating_office(province=province, issuer=issuer or "", given=given)


class SqlChatStore(SqlEvidenceStore, SqlBase):
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
            return _item_work(s.exec(_item_query().where(ItemRow.plan_id == plan_id, ItemRow.code == code)))

    def item_by_id(self, *, item_id: int) -> ItemWork | None:
        """A live item by id (a button) and its active assignments; None when retired or unknown."""
        with self.session() as s:
            return _item_work(s.exec(_item_query().where(ItemRow.id == item_id)))

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
        with self.session() as s:
            res = s.execute(
                update(AssignmentRow)
                .where(AssignmentRow.id == assignment_id, AssignmentRow.status != "done")
                .values(status="done", closed_at=now, closed_by=actor, note=note, updated_at=now)
            )
            if res.rowcount != 1:
                return None
            left = work.open_left(s, plan_id=plan_id, agency_id=agency_id, cap=REMAINING_SHOWN)
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
                returning=(left, role_switch.is_trigger(item_id)),
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

    # --- periods of recurring work (storage/occurrences.py) -------------------------------------------
    def period_facts(self, *, assignment_id: int) -> PeriodFacts | None:
        """The item's deadline, the plan's span and the periods recorded for one assignment."""
        with self.session() as s:
            return occurrences.period_facts(s, assignment_id=assignment_id)

    def record_period(
        self,
        *,
        assignment_id: int,
        item_id: int,
        period: str,
        due: date,
        status: str,
        actor: str,
        note: str,
        now: datetime,
        data: dict[str, Any],
        channel: str = "",
    ) -> bool:
        """Record one period of a recurring assignment as done (or ended); False when it already was."""
        with self.session() as s:
            ok = occurrences.record_period(
                s,
                assignment_id=assignment_id,
                item_id=item_id,
                period=period,
                due=due,
                status=status,
                actor=actor,
                note=note,
                now=now,
                data=data,
                channel=channel,
            )
            s.commit()
            return ok

    def period_open_work(self, *, plan_id: int, agency_id: int | None = None) -> list[PeriodWork]:
        """Open recurring lead assignments (of one agency, or all) with the periods recorded for them."""
        with self.session() as s:
            return occurrences.open_period_work(s, plan_id=plan_id, agency_id=agency_id)

    def period_undo_latest(
        self, *, assignment_id: int, item_id: int, actor: str, now: datetime, channel: str = ""
    ) -> PeriodRecord | None:
        """Forget the period recorded last for a recurring assignment; None when none is recorded."""
        with self.session() as s:
            record = occurrences.undo_latest_period(
                s, assignment_id=assignment_id, item_id=item_id, actor=actor, now=now, channel=channel
            )
            s.commit()
            return record

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

    # --- lists ------------------------------------------------------------------------------
    def open_page(self, *, plan_id: int, agency_id: int, page: int, page_size: int) -> WorkPage:
        """One page of an agency's open lead work, soonest first (the page clamped to those there are)."""
        with self.session() as s:
            total = work.count_open(s, plan_id=plan_id, agency_id=agency_id)
            if not total:
                return WorkPage(0, 1, 0, ())
            pages = (total + page_size - 1) // page_size
            page = min(max(page, 1), pages)
            items = work.open_work(
                s, plan_id=plan_id, agency_id=agency_id, limit=page_size, offset=(page - 1) * page_size
            )
            return WorkPage(total, page, pages, tuple(items))

    def agency_overdue(self, *, plan_id: int, agency_id: int, today: date, limit: int) -> AgencyOverdue:
        """The first ``limit`` overdue lead items of an agency, oldest first, and how many there are."""
        with self.session() as s:
            items = work.overdue_items(s, plan_id=plan_id, today=today, agency_ids=[agency_id], limit=limit + 1)
            total = (
                work.count_overdue(s, plan_id=plan_id, today=today, agency_id=agency_id)
                if len(items) > limit
                else len(items)
            )
            return AgencyOverdue(tuple(items[:limit]), total)

    def overdue_summary(self, *, plan_id: int, today: date, detail_limit: int) -> OverdueSummary:
        """Overdue counts per agency, most first; the items too when there are at most ``detail_limit``."""
        with self.session() as s:
            counts = tuple(work.overdue_by_agency(s, plan_id=plan_id, today=today))
            if not counts or sum(c.count for c in counts) > detail_limit:
                return OverdueSummary(counts)
            return OverdueSummary(counts, tuple(work.overdue_items(s, plan_id=plan_id, today=today)))

    # --- linking chats -------------------------------------------------------------------------
    def redeem_invite(
        self, *, code: str, channel: str, chat_id: str, display_name: str, now: datetime, prefer: str = ""
    ) -> InviteResult:
        """Link a chat with a valid, unused invite (one chat, whatever the channel); anything else changes
        nothing. A hand-over invite also ends the outgoing chats' access (``ended``); each kind of
        registration is one audit row (registered, deputy_added, leader_set, handed_over)."""
        with self.session() as s:
            status, row = registry.redeem_invite(
                s, code=code, channel=channel, chat_id=chat_id, display_name=display_name, now=now, prefer=prefer
            )
            if row is None:
                return InviteResult(status)
            agency = s.get(AgencyRow, row.agency_id)
            name = agency.name if agency else ""
            if status != registry.OK or not isinstance(row, RecipientRow):
                return InviteResult(status, name, row.role, getattr(row, "expires_at", None))
            invite = registry.invite_of(s, code=code)
            purpose = invite.purpose if invite is not None else ""
            ended = registry.end_handed_over(s, invite=invite, successor=row) if purpose == "handover" else []
            chat = f"{channel}:{chat_id}"
            audit.write(
                s,
                action=_REGISTRATION_ACTION.get(purpose, "registered"),
                actor=display_name or chat,
                now=now,
                channel=channel,
                agency_id=row.agency_id,
                agency=name,
                before={"chats": [f"{r.channel}:{r.chat_id}" for r in ended]} if ended else None,
                after={"chat": chat, "role": row.role, "rank": row.rank, "person": row.person},
            )
            s.commit()
            return InviteResult(
                status,
                name,
                row.role,
                purpose=purpose,
                rank=row.rank,
                ended=tuple((r.channel, r.chat_id) for r in ended),
            )

    def create_link_code(self, *, code: str, channel: str, chat_id: str, now: datetime, expires_at: datetime) -> bool:
        """Keep (hashed) a one-time code with which a chat on another channel joins this linked chat's
        person; False when this chat is not linked."""
        with self.session() as s:
            rec = registry.create_link_code(
                s, code=code, channel=channel, chat_id=chat_id, now=now, expires_at=expires_at
            )
            s.commit()
            return rec is not None

    def redeem_link_code(
        self, *, code: str, channel: str, chat_id: str, display_name: str, now: datetime, prefer: str = ""
    ) -> InviteResult:
        """Link this chat to the person who asked for ``code`` (see registry.redeem_link_code); the
        result's status is ok | unknown | used | expired | same_channel | taken."""
        with self.session() as s:
            status, row = registry.redeem_link_code(
                s, code=code, channel=channel, chat_id=chat_id, display_name=display_name, now=now, prefer=prefer
            )
            if status != registry.OK or not isinstance(row, RecipientRow):
                return InviteResult(status, expires_at=getattr(row, "expires_at", None))
            agency = s.get(AgencyRow, row.agency_id)
            result = InviteResult(status, agency.name if agency else "", row.role)
            s.commit()
            return result

    def unlink_chat(self, *, channel: str, chat_id: str, now: datetime | None = None) -> None:
        """Stop using a chat (kept, inactive, for its history)."""
        with self.session() as s:
            rec = registry.unlink(s, channel=channel, chat_id=chat_id)
            if rec is not None:
                audit.write(
                    s,
                    action="unlinked",
                    actor=rec.display_name or f"{channel}:{chat_id}",
                    now=now,
                    channel=channel,
                    agency_id=rec.agency_id,
                    before={"chat": f"{channel}:{chat_id}", "role": rec.role, "active": True},
                    after={"active": False},
                )
            s.commit()

    def set_preferred_channel(self, *, person: str, channel: str) -> bool:
        """Make ``channel`` the preferred among a person's chats; False when they have no chat there."""
        with self.session() as s:
            ok = registry.set_preferred(s, person=person, channel=channel)
            s.commit()
            return ok

    # --- dialogs -------------------------------------------------------------------------------
    def set_dialog(self, *, channel: str, chat_id: str, kind: str, data: dict[str, Any], expires_at: datetime) -> None:
        """Remember what the chat's next plain message means (replacing what was pending)."""
        with self.session() as s:
            registry.set_dialog(s, channel=channel, chat_id=chat_id, kind=kind, data=data, expires_at=expires_at)
            s.commit()

    def clear_dialog(self, *, channel: str, chat_id: str) -> None:
        """Forget the chat's pending question (one DELETE)."""
        with self.session() as s:
            s.execute(delete(DialogRow).where(DialogRow.channel == channel, DialogRow.chat_id == chat_id))
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
