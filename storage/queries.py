"""Keyword-only queries that map rows to plain dicts and domain objects (no per-item queries)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import update
from sqlmodel import Session, select

from bot.domain.deadlines import Deadline, with_override
from bot.domain.plan import short_title
from bot.domain.status import item_status
from storage import audit
from storage.models import AgencyRow, AssignmentRow, ItemRow, ItemSubjectRow, PlanRow, SectionRow


class NotFound(LookupError):
    pass


def get_plan(*, session: Session, slug: str | None = None) -> PlanRow:
    q = select(PlanRow)
    q = q.where(PlanRow.slug == slug) if slug else q.order_by(PlanRow.year.desc(), PlanRow.id.desc())
    row = session.exec(q).first()
    if row is None:
        raise NotFound(slug or "")
    return row


def item_codes(*, session: Session, plan_id: int) -> list[str]:
    return list(session.exec(select(ItemRow.code).where(ItemRow.plan_id == plan_id, ItemRow.retired.is_(False))))


def effective_deadline(row: ItemRow) -> Deadline:
    return with_override(Deadline.from_dict(row.deadline), row.due_override)


def plan_items(*, session: Session, plan_id: int) -> list[dict]:
    """Every live item of a plan with its agencies and status, in plan order (three queries)."""
    items = session.exec(
        select(ItemRow).where(ItemRow.plan_id == plan_id, ItemRow.retired.is_(False)).order_by(ItemRow.position)
    ).all()
    sections = {s.id: s for s in session.exec(select(SectionRow).where(SectionRow.plan_id == plan_id))}
    agencies = {a.id: a for a in session.exec(select(AgencyRow))}
    by_item: dict[int, list[AssignmentRow]] = {}
    for a in session.exec(
        select(AssignmentRow)
        .join(ItemRow)
        .where(ItemRow.plan_id == plan_id, AssignmentRow.active.is_(True))
        .order_by(AssignmentRow.id)
    ):
        by_item.setdefault(a.item_id, []).append(a)
    subjects: dict[int, list[str]] = {}
    for s in session.exec(select(ItemSubjectRow).join(ItemRow).where(ItemRow.plan_id == plan_id)):
        subjects.setdefault(s.item_id, []).append(agencies[s.agency_id].name)
    out = []
    for row in items:
        assigned = by_item.get(row.id, [])
        leads = [a for a in assigned if a.role == "lead"]
        dl = effective_deadline(row)
        d = {
            "code": row.code,
            "type": row.type,
            "section": sections[row.section_id].code,
            "section_title": sections[row.section_id].title,
            "title": _title(row),
            "content": row.content,
            "lead_text": row.lead_text,
            "lead": [agencies[a.agency_id].name for a in leads],
            "coordinating_text": row.coordinating_text,
            "coordinating": [agencies[a.agency_id].name for a in assigned if a.role == "coordinating"],
            "unresolved": [u["text"] for u in row.unresolved],
            "deadline_text": row.deadline_text,
            "deadline": {k: v for k, v in dl.to_dict().items() if k != "text"},
            "product": row.product,
            "status": item_status([a.status for a in leads]),
            "lead_status": {agencies[a.agency_id].name: a.status for a in leads},
        }
        if row.footnotes:
            d["footnotes"] = row.footnotes
        if row.type == "review":
            d["fields"] = row.notes
        if row.type == "inspection":
            d.update(
                subject=subjects.get(row.id, []), subject_text=row.subject_text, surprise=row.surprise, notes=row.notes
            )
        out.append(d)
    return out


def _title(row: ItemRow) -> str:
    return short_title(row.content)


def set_due(*, session: Session, plan_id: int, code: str, due: date, actor: str, now: datetime) -> ItemRow:
    row = session.exec(select(ItemRow).where(ItemRow.plan_id == plan_id, ItemRow.code == code)).first()
    if row is None:
        raise NotFound(code)
    before = row.due_override
    row.due_override, row.due_set_by, row.due_set_at = due, actor, now
    session.execute(
        update(AssignmentRow).where(AssignmentRow.item_id == row.id).values(due=effective_deadline(row).sort_due)
    )
    audit.write(
        session,
        action="set_due",
        actor=actor,
        now=now,
        channel="cli",
        plan_id=plan_id,
        item_id=row.id,
        code=row.code,
        before={"due_override": before},
        after={"due_override": due},
    )
    return row


def schedule_inspection(
    *, session: Session, item: ItemRow, day: date, actor: str, now: datetime, surprise: bool | None = None
) -> None:
    """Set an inspection's date; a surprise inspection never becomes an announced one."""
    item.inspection_date = day
    if surprise:
        item.surprise = True
    audit.write(
        session,
        action="inspection_scheduled",
        actor=actor,
        now=now,
        channel="cli",
        plan_id=item.plan_id,
        item_id=item.id,
        code=item.code,
        after={"date": day, "surprise": item.surprise},
    )
