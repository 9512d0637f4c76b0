"""The amendment part of the store (see bot.ports.PlanStore, methods ``amend_*``): applying a plan's
amendment by a later decision as one transaction, and reading an item's amendment history.

Applying upserts the new plan with storage/sync.py (statuses, evidence and history kept; removed items
retired, assignments the new plan no longer names deactivated), then keeps the old date of every assignment
closed before the effective date (bot.domain.amendments.kept_due), records the amendment and writes one
audit row (action "amendment") per item it touches."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from sqlmodel import Session, select

from bot.domain.agencies import Directory
from bot.domain.amendments import AMENDMENT, Amendment, Applied, Note, entry_audit, kept_due
from bot.domain.errors import NoPlan
from bot.domain.plan import Plan
from storage import audit, sync
from storage.base import SqlBase
from storage.models import AmendmentRow, AssignmentRow, AuditRow, ItemRow, PlanRow


def _local(at: datetime | None, zone: tzinfo) -> date | None:
    return at.astimezone(zone).date() if at else None


def apply(
    s: Session,
    *,
    plan: Plan,
    directory: Directory,
    amendment: Amendment,
    document: str,
    effective: date,
    actor: str,
    now: datetime,
    zone: tzinfo,
    plan_file: str,
    plan_text: str,
    channel: str = "cli",
) -> Applied:
    """Apply ``amendment`` (the difference ``plan`` makes to the plan in the database); the caller commits.
    ``channel``: where it was confirmed ("cli", "web"), on its audit rows."""
    prow = s.exec(select(PlanRow).where(PlanRow.slug == plan.id)).first()
    if prow is None:
        raise NoPlan(plan.id)
    pid = prow.id
    assert pid is not None
    before = {
        a.id: (a.due, a.status, a.closed_at, a.active)
        for a in s.exec(select(AssignmentRow).where(AssignmentRow.plan_id == pid))
    }
    sources = sync.recorded_sources(s, plan.id) or {}
    sources = {**sources, "plan_file": plan_file, "plan_text": plan_text} if "plan_text" in sources else None
    report = sync.sync_plan(s, plan, directory, now=now, source_file=plan_file, sources=sources)
    kept = []
    for a in s.exec(select(AssignmentRow).where(AssignmentRow.plan_id == pid)):
        if a.id not in before:
            continue
        old_due, status, closed_at, active = before[a.id]
        if a.due != old_due and kept_due(status, _local(closed_at, zone), effective):
            a.due = old_due  # judged against the date in force when it was closed
            kept.append({"assignment_id": a.id, "due": old_due.isoformat()})
        if active and not a.active:
            a.retired_on = effective
    items = {r.code: r for r in s.exec(select(ItemRow).where(ItemRow.plan_id == pid))}
    for code in report.items_retired:
        items[code].retired_on = effective
    row = AmendmentRow(
        plan_id=pid,
        document=document,
        effective=effective,
        created_at=now,
        actor=actor,
        diff=amendment.to_dict(),
        kept=kept,
    )
    s.add(row)
    s.flush()
    for entry in amendment.entries():
        item = items.get(entry.code)
        was, after = entry_audit(entry, document, effective)
        audit.write(
            s,
            action=AMENDMENT,
            actor=actor,
            now=now,
            channel=channel,
            plan_id=pid,
            item_id=item.id if item else None,
            code=entry.code,
            before=was,
            after={**after, "amendment_id": row.id},
            note=document,
        )
    assert row.id is not None
    return Applied(row.id, len(kept))


def history(s: Session, *, item_id: int) -> list[Note]:
    """The amendments of one item, oldest first (read from the audit trail)."""
    rows = s.execute(
        select(AuditRow.after).where(AuditRow.item_id == item_id, AuditRow.action == AMENDMENT).order_by(AuditRow.id)
    ).all()
    return [Note.from_audit(after) for (after,) in rows if after and after.get("effective")]


class SqlAmendStore(SqlBase):
    """Amendments by a later decision (part of bot.ports.PlanStore)."""

    def amend_apply(
        self,
        *,
        plan: Plan,
        directory: Directory,
        amendment: Amendment,
        document: str,
        effective: date,
        actor: str,
        now: datetime,
        zone: tzinfo,
        plan_file: str,
        plan_text: str,
        channel: str = "cli",
    ) -> Applied:
        """Apply an amendment as one transaction (see ``apply``); ``NoPlan`` when the plan is not loaded."""
        with self.session() as s:
            applied = apply(
                s,
                plan=plan,
                directory=directory,
                amendment=amendment,
                document=document,
                effective=effective,
                actor=actor,
                now=now,
                zone=zone,
                plan_file=plan_file,
                plan_text=plan_text,
                channel=channel,
            )
            s.commit()
        return applied

    def amend_history(self, *, item_id: int | None = None, code: str = "", plan_slug: str | None = None) -> list[Note]:
        """An item's amendments, oldest first: by ``item_id``, or by its exact ``code`` in the plan (retired
        items included); empty when there is none."""
        with self.session() as s:
            if item_id is None:
                q = select(ItemRow.id).join(PlanRow, PlanRow.id == ItemRow.plan_id).where(ItemRow.code == code)
                q = q.where(PlanRow.slug == plan_slug) if plan_slug else q.order_by(PlanRow.id.desc())
                item_id = s.execute(q).scalars().first()
                if item_id is None:
                    return []
            return history(s, item_id=item_id)
