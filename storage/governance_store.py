"""The governance part of the store (see bot.ports.GovernanceStore): extensions of one agency's deadline
(the audit trail: storage/audit_store.py). Methods take keyword-only arguments and return domain
dataclasses or plain values; each is one session (one transaction when it writes), and every change
writes one audit row."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlmodel import Session

from bot.domain import audit as A
from bot.domain import extensions as X
from bot.domain.chat_records import COORDINATOR
from bot.domain.deadlines import NO_DATE
from bot.domain.effective import UNDATED_KINDS
from bot.domain.errors import NoPlan, UnknownItem
from bot.domain.extensions import Extension, ExtensionOutcome
from storage import audit, queries, work
from storage.audit_store import SqlAuditTrail
from storage.models import AgencyRow, AssignmentRow, ExtensionRow, ItemRow, RecipientRow


def _extension(row: ExtensionRow, code: str, agency: str) -> Extension:
    return Extension(
        row.id,
        row.item_id,
        row.assignment_id,
        row.agency_id,
        code,
        agency,
        row.status,
        row.original_due,
        row.new_due,
        row.reason,
        row.requested_by,
        row.requested_at,
        row.channel,
        row.chat_id,
        row.decided_by,
        row.decided_at,
        row.document,
        row.decision_note,
    )


def _load(s: Session, extension_id: int) -> tuple[ExtensionRow, AssignmentRow, ItemRow, AgencyRow] | None:
    return s.execute(
        select(ExtensionRow, AssignmentRow, ItemRow, AgencyRow)
        .join(AssignmentRow, AssignmentRow.id == ExtensionRow.assignment_id)
        .join(ItemRow, ItemRow.id == ExtensionRow.item_id)
        .join(AgencyRow, AgencyRow.id == ExtensionRow.agency_id)
        .where(ExtensionRow.id == extension_id)
    ).first()


def _decide(
    s: Session,
    ext: ExtensionRow,
    a: AssignmentRow,
    item: ItemRow,
    agency: AgencyRow,
    *,
    approve: bool,
    actor: str,
    channel: str,
    document: str,
    note: str,
    now: datetime,
) -> ExtensionOutcome:
    """Approve or refuse a pending request; a request whose work is done (or retired) becomes stale."""
    if ext.status != X.PENDING:
        return ExtensionOutcome(_extension(ext, item.code, agency.name), ext.status)
    ext.decided_by, ext.decided_at = actor, now
    where = dict(
        channel=channel,
        plan_id=ext.plan_id,
        item_id=ext.item_id,
        assignment_id=ext.assignment_id,
        agency_id=ext.agency_id,
        code=item.code,
        agency=agency.name,
    )
    if a.status == "done" or not a.active or item.retired:
        ext.status = X.STALE
        audit.write(
            s,
            action=A.EXTENSION_STALE,
            actor=actor,
            now=now,
            before={"status": X.PENDING},
            after={"status": X.STALE, "assignment": a.status},
            **where,
        )
        s.commit()
        return ExtensionOutcome(_extension(ext, item.code, agency.name), X.STALE)
    if approve:
        before = a.due
        ext.status, ext.document, ext.decision_note = X.APPROVED, document, note
        a.due, a.updated_at = ext.new_due, now
        audit.write(
            s,
            action=A.EXTENSION_APPROVED,
            actor=actor,
            now=now,
            before={"due": before},
            after={"due": ext.new_due, "original_due": ext.original_due, "document": document},
            note=note,
            **where,
        )
    else:
        ext.status, ext.decision_note = X.REFUSED, note
        audit.write(
            s,
            action=A.EXTENSION_REFUSED,
            actor=actor,
            now=now,
            before={"status": X.PENDING},
            after={"status": X.REFUSED, "due": a.due},
            note=note,
            **where,
        )
    s.commit()
    return ExtensionOutcome(_extension(ext, item.code, agency.name))


def _pending(s: Session, assignment_id: int) -> ExtensionRow | None:
    """The request of this assignment waiting for a decision, if any."""
    return (
        s.execute(
            select(ExtensionRow).where(ExtensionRow.assignment_id == assignment_id, ExtensionRow.status == X.PENDING)
        )
        .scalars()
        .first()
    )


def _current_due(a: AssignmentRow, item: ItemRow) -> date | None:
    """The date an extension would move (None: undated work, which has none to extend)."""
    undated = a.due == NO_DATE or (item.deadline_kind in UNDATED_KINDS and item.due_override is None)
    return None if undated else a.due


class SqlGovernanceStore(SqlAuditTrail):
    """Implements bot.ports.GovernanceStore (the audit trail's reads and writes: storage/audit_store.py)."""

    # --- extensions ------------------------------------------------------------------------------
    def request_extension(
        self,
        *,
        plan_id: int,
        assignment_id: int,
        new_due: date,
        reason: str,
        actor: str,
        channel: str,
        chat_id: str,
        now: datetime,
        today: date,
    ) -> ExtensionOutcome:
        """Record an officer's request to move their assignment's due date to ``new_due`` (pending a
        coordinator's decision); ``error`` says why not (see bot.domain.extensions)."""
        with self.session() as s:
            found = s.execute(
                select(AssignmentRow, ItemRow, AgencyRow)
                .join(ItemRow, ItemRow.id == AssignmentRow.item_id)
                .join(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
                .where(
                    AssignmentRow.id == assignment_id, AssignmentRow.plan_id == plan_id, AssignmentRow.active.is_(True)
                )
            ).first()
            if found is None:
                return ExtensionOutcome(error=X.STALE)
            a, item, agency = found
            problem = X.request_problem(
                due=_current_due(a, item), status=a.status, new_due=new_due, today=today, reason=reason
            )
            pending = _pending(s, a.id)
            if problem or pending is not None:
                shown = pending or ExtensionRow(
                    id=0,
                    plan_id=plan_id,
                    item_id=item.id,
                    assignment_id=a.id,
                    agency_id=agency.id,
                    original_due=a.due,
                    new_due=new_due,
                    requested_at=now,
                )
                return ExtensionOutcome(_extension(shown, item.code, agency.name), problem or X.ALREADY_PENDING)
            row = ExtensionRow(
                plan_id=plan_id,
                item_id=item.id,
                assignment_id=a.id,
                agency_id=agency.id,
                original_due=a.due,
                new_due=new_due,
                reason=reason,
                requested_by=actor,
                requested_at=now,
                channel=channel,
                chat_id=chat_id,
            )
            s.add(row)
            s.flush()
            audit.write(
                s,
                action=A.EXTENSION_REQUESTED,
                actor=actor,
                now=now,
                channel=channel,
                plan_id=plan_id,
                item_id=item.id,
                assignment_id=a.id,
                agency_id=agency.id,
                code=item.code,
                agency=agency.name,
                before={"due": a.due},
                after={"requested_due": new_due},
                note=reason,
            )
            s.commit()
            return ExtensionOutcome(_extension(row, item.code, agency.name))

    def pending_extension(self, *, assignment_id: int) -> Extension | None:
        """The request waiting for a decision on this assignment, if any."""
        with self.session() as s:
            row = _pending(s, assignment_id)
            found = _load(s, row.id) if row is not None else None
            return _extension(found[0], found[2].code, found[3].name) if found else None

    def decide_extension(
        self,
        *,
        extension_id: int,
        approve: bool,
        actor: str,
        channel: str,
        now: datetime,
        document: str = "",
        note: str = "",
    ) -> ExtensionOutcome:
        """A coordinator's decision on a request. ``error``: "unknown", the status it already had, or
        "stale" when the work was closed meanwhile (the request is then closed as stale)."""
        with self.session() as s:
            found = _load(s, extension_id)
            if found is None:
                return ExtensionOutcome(error="unknown")
            return _decide(
                s, *found, approve=approve, actor=actor, channel=channel, document=document, note=note, now=now
            )

    def extend_by_code(
        self,
        *,
        code: str,
        agency_key: str,
        new_due: date,
        document: str,
        actor: str,
        now: datetime,
        today: date,
        reason: str = "",
        plan_slug: str | None = None,
    ) -> ExtensionOutcome:
        """A coordinator records an approved extension directly (``nhacviec extend``): a pending request of
        that assignment is decided with it. UnknownItem when the code names no item; ``error`` "not_lead"
        when the agency does not lead it."""
        with self.session() as s:
            try:
                plan_id = queries.get_plan(session=s, slug=plan_slug).id
            except queries.NotFound:
                raise NoPlan(plan_slug or "") from None
            item = work.item_by_code(s, plan_id=plan_id, code=code)
            if item is None:
                raise UnknownItem(code)
            found = s.execute(
                select(AssignmentRow, AgencyRow)
                .join(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
                .where(
                    AssignmentRow.item_id == item.id,
                    AgencyRow.key == agency_key,
                    AssignmentRow.role == "lead",
                    AssignmentRow.active.is_(True),
                )
            ).first()
            if found is None:
                return ExtensionOutcome(error="not_lead")
            a, agency = found
            problem = X.request_problem(
                due=_current_due(a, item), status=a.status, new_due=new_due, today=today, reason=reason or document
            )
            if problem:
                return ExtensionOutcome(error=problem)
            ext = _pending(s, a.id)
            if ext is None:
                ext = ExtensionRow(
                    plan_id=plan_id,
                    item_id=item.id,
                    assignment_id=a.id,
                    agency_id=agency.id,
                    original_due=a.due,
                    new_due=new_due,
                    reason=reason,
                    requested_by=actor,
                    requested_at=now,
                    channel="cli",
                )
                s.add(ext)
                s.flush()
            ext.new_due = new_due
            return _decide(
                s,
                ext,
                a,
                item,
                agency,
                approve=True,
                actor=actor,
                channel="cli",
                document=document,
                note=reason,
                now=now,
            )

    def item_extensions(self, *, item_id: int) -> list[Extension]:
        """The approved extensions of an item's assignments, oldest first (``/xem`` shows them)."""
        with self.session() as s:
            rows = s.execute(
                select(ExtensionRow, ItemRow.code, AgencyRow.name)
                .join(ItemRow, ItemRow.id == ExtensionRow.item_id)
                .join(AgencyRow, AgencyRow.id == ExtensionRow.agency_id)
                .where(ExtensionRow.item_id == item_id, ExtensionRow.status == X.APPROVED)
                .order_by(ExtensionRow.decided_at, ExtensionRow.id)
            ).all()
            return [_extension(r, code, name) for r, code, name in rows]

    def coordinator_chats(self, *, channel: str) -> list[str]:
        """Chat ids of the active coordinators on ``channel`` (they decide extension requests)."""
        with self.session() as s:
            return list(
                s.execute(
                    select(RecipientRow.chat_id)
                    .where(
                        RecipientRow.channel == channel, RecipientRow.role == COORDINATOR, RecipientRow.active.is_(True)
                    )
                    .order_by(RecipientRow.id)
                ).scalars()
            )

    def item_deadline_kind(self, *, code: str, plan_slug: str | None = None) -> str:
        """The deadline kind the plan itself gives the item ``code`` (before any coordinator's date);
        ``plan set-due`` only dates items whose kind is undated. UnknownItem if none."""
        with self.session() as s:
            try:
                plan_id = queries.get_plan(session=s, slug=plan_slug).id
            except queries.NotFound:
                raise NoPlan(plan_slug or "") from None
            item = work.item_by_code(s, plan_id=plan_id, code=code)
            if item is None:
                raise UnknownItem(code)
            return item.deadline_kind
