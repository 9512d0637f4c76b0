"""An item with its assignments, read in one query and mapped to bot.domain.chat_records.ItemWork."""

from __future__ import annotations

from sqlalchemy import and_
from sqlmodel import select

from bot.domain.chat_records import ItemInfo, ItemWork
from bot.domain.texts import chat as chat_texts
from storage import work
from storage.models import AgencyRow, AssignmentRow, ItemRow, SectionRow

ITEM_COLUMNS = (
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
WORK_COLUMNS = (
    AssignmentRow.id,
    AssignmentRow.agency_id,
    AgencyRow.name,
    AssignmentRow.due,
    AssignmentRow.status,
    AssignmentRow.role,
    AssignmentRow.closed_at,
    AssignmentRow.closed_by,
)


def item_work(rows) -> ItemWork | None:
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
    ) = rows[0][: len(ITEM_COLUMNS)]
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
        aid, agency_id, agency, due, status, role, closed_at, closed_by = r[len(ITEM_COLUMNS) :]
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


def item_query():
    """An item's columns with its active assignments LEFT JOINed (none: one row of NULLs)."""
    return (
        select(*ITEM_COLUMNS, *WORK_COLUMNS)
        .join(SectionRow, SectionRow.id == ItemRow.section_id)
        .outerjoin(AssignmentRow, and_(AssignmentRow.item_id == ItemRow.id, AssignmentRow.active.is_(True)))
        .outerjoin(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
        .where(ItemRow.retired.is_(False))
    )
