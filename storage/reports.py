"""Rows for the coordinators' reports: the tally, the workbook sheets and the weekly digest."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import select
from sqlmodel import Session

from bot.domain.deadlines import NO_DATE
from bot.domain.effective import effective_kind
from bot.domain.errors import NoPlan
from bot.domain.report_data import PlanMeta, ReportData, issued_as, letter_settings, tally_rows
from storage import evidence, extension_rows
from storage.models import (
    AgencyRow,
    AssignmentRow,
    ItemRow,
    ItemSubjectRow,
    OccurrenceRow,
    PlanRow,
    RecipientRow,
    SectionRow,
)

__all__ = ["lead_rows", "subjects", "weekly", "tally_rows", "plan_meta", "report_data"]


def _local(at: datetime | None, zone: tzinfo) -> date | None:
    return at.astimezone(zone).date() if at else None


def lead_rows(session: Session, *, plan_id: int, zone: tzinfo) -> list[dict]:
    """Every active lead assignment with its item, section and agency (one query)."""
    q = (
        select(
            AssignmentRow.id,
            AssignmentRow.status,
            AssignmentRow.due,
            AssignmentRow.closed_at,
            AssignmentRow.closed_by,
            AssignmentRow.note,
            AgencyRow.name,
            AgencyRow.id,
            AgencyRow.kind,
            ItemRow.id,
            ItemRow.code,
            ItemRow.type,
            ItemRow.content,
            ItemRow.lead_text,
            ItemRow.coordinating_text,
            ItemRow.deadline_text,
            ItemRow.deadline_kind,
            ItemRow.due_override,
            ItemRow.start_date,
            ItemRow.product,
            ItemRow.position,
            ItemRow.deadline,
            ItemRow.notes,
            ItemRow.subject_text,
            ItemRow.surprise,
            ItemRow.inspection_date,
            SectionRow.code,
            SectionRow.title,
        )
        .join(ItemRow, ItemRow.id == AssignmentRow.item_id)
        .join(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
        .join(SectionRow, SectionRow.id == ItemRow.section_id)
        .where(
            ItemRow.plan_id == plan_id,
            ItemRow.retired.is_(False),
            AssignmentRow.active.is_(True),
            AssignmentRow.role == "lead",
        )
        .order_by(ItemRow.position, AssignmentRow.id)
    )
    out = []
    for (
        aid,
        status,
        due,
        closed_at,
        closed_by,
        note,
        agency,
        agency_id,
        agency_kind,
        item_id,
        code,
        type_,
        content,
        lead_text,
        coord_text,
        deadline_text,
        kind,
        override,
        start,
        product,
        position,
        deadline,
        notes,
        subject,
        surprise,
        insp,
        section,
        section_title,
    ) in session.connection().execute(q):
        kind = effective_kind(kind, override)
        out.append(
            {
                "assignment_id": aid,
                "status": status,
                "due": None if due == NO_DATE else due,
                "closed_on": _local(closed_at, zone),
                "closed_by": closed_by,
                "note": note,
                "agency": agency,
                "agency_id": agency_id,
                "agency_kind": agency_kind,
                "item_id": item_id,
                "code": code,
                "type": type_,
                "content": content,
                "lead_text": lead_text,
                "coordinating_text": coord_text,
                "deadline_text": deadline_text,
                "kind": kind,
                "start": start,
                "product": product,
                "position": position,
                "deadline": deadline or {},
                "fields": notes,
                "subject": subject,
                "surprise": surprise,
                "inspection_date": insp,
                "section": section,
                "section_title": section_title,
            }
        )
    return out


def plan_meta(session: Session, *, plan_id: int) -> PlanMeta:
    """The plan's heading; ``NoPlan`` when the id names none."""
    p = session.get(PlanRow, plan_id)
    if p is None:
        raise NoPlan(str(plan_id))
    given = dict((p.meta or {}).get("letter") or {})
    number = p.decision_number or ""
    return PlanMeta(
        p.slug,
        p.year,
        p.province,
        p.title,
        number,
        p.decision_date,
        p.decision_date_text or "",
        issuer=p.issuer or "",
        signer=p.signer or "",
        issued_as=issued_as(number, given.pop("issued_as", "")),
        letter=letter_settings(province=p.province, issuer=p.issuer or "", given=given),
    )


def report_data(session: Session, *, plan_id: int, zone: tzinfo, with_history: bool = False) -> ReportData:
    """Rows, inspected units (and the status history when asked) for the reports of one plan."""
    return ReportData(
        plan_meta(session, plan_id=plan_id),
        evidence.annotate(
            session,
            with_occurrences(
                session,
                extension_rows.annotate(session, lead_rows(session, plan_id=plan_id, zone=zone), plan_id=plan_id),
                zone=zone,
            ),
            plan_id=plan_id,
        ),
        subjects(session, plan_id=plan_id),
        extension_rows.audit_history(session, plan_id=plan_id, zone=zone) if with_history else [],
    )


def with_occurrences(session: Session, rows: list[dict], *, zone: tzinfo) -> list[dict]:
    """Recurring rows get ``occurrences``: period key → {closed_on (local), note, status} (one query)."""
    ids = [r["assignment_id"] for r in rows if r["kind"] == "recurring"]
    found: dict[int, dict[str, dict]] = {}
    for i in range(0, len(ids), 500):
        q = select(
            OccurrenceRow.assignment_id,
            OccurrenceRow.period,
            OccurrenceRow.closed_at,
            OccurrenceRow.note,
            OccurrenceRow.status,
        ).where(OccurrenceRow.assignment_id.in_(ids[i : i + 500]))
        for aid, key, at, note, status in session.connection().execute(q):
            found.setdefault(aid, {})[key] = {"closed_on": _local(at, zone), "note": note or "", "status": status}
    for r in rows:
        r["occurrences"] = found.get(r["assignment_id"], {})
    return rows


def subjects(session: Session, *, plan_id: int) -> dict[int, list[str]]:
    q = (
        select(ItemSubjectRow.item_id, AgencyRow.name)
        .join(AgencyRow, AgencyRow.id == ItemSubjectRow.agency_id)
        .join(ItemRow, ItemRow.id == ItemSubjectRow.item_id)
        .where(ItemRow.plan_id == plan_id)
    )
    out: dict[int, list[str]] = {}
    for item_id, name in session.connection().execute(q):
        out.setdefault(item_id, []).append(name)
    return out


def weekly(session: Session, *, plan_id: int, today: date, zone: tzinfo, horizon: date | None = None) -> dict:
    """What the coordinators' Monday digest reports about the week before ``today``.

    ``soon`` runs to ``horizon`` (pass ``calendar.add_working_days(today, 14)`` for the reminders' working-day
    rule; default: 14 calendar days). ``no_officer`` counts as ``nhacviec status`` does: every active agency
    (communes apart) without an active chat, in the directory's order.
    """
    rows = lead_rows(session, plan_id=plan_id, zone=zone)
    week_start = today - timedelta(days=7)
    end = horizon or today + timedelta(days=14)
    closed = [r for r in rows if r["status"] == "done" and r["closed_on"] and week_start <= r["closed_on"] < today]
    new_overdue = [r for r in rows if r["status"] != "done" and r["due"] and week_start <= r["due"] < today]
    soon = [r for r in rows if r["status"] != "done" and r["due"] and today <= r["due"] <= end]
    no_officer, disabled = chats_missing(session)
    return {"closed": closed, "new_overdue": new_overdue, "soon": soon, "no_officer": no_officer, "disabled": disabled}


def chats_missing(session: Session) -> tuple[list[str], list[str]]:
    """(agencies without an active chat — communes aside, as ``status`` counts them —, disabled chats as
    "Agency (channel:chat)"): what the Monday summary lists, the same for the reports and the sweep."""
    conn = session.connection()
    linked = {a for (a,) in conn.execute(select(RecipientRow.agency_id).where(RecipientRow.active.is_(True)))}
    names: dict[int, str] = dict(conn.execute(select(AgencyRow.id, AgencyRow.name)).all())
    no_officer = [
        n
        for a, n in conn.execute(
            select(AgencyRow.id, AgencyRow.name)
            .where(AgencyRow.active.is_(True), AgencyRow.kind != "commune")
            .order_by(AgencyRow.id)
        )
        if a not in linked
    ]
    disabled = [
        f"{names.get(a, '')} ({c}:{chat})"
        for a, c, chat in conn.execute(
            select(RecipientRow.agency_id, RecipientRow.channel, RecipientRow.chat_id).where(
                RecipientRow.active.is_(False)
            )
        )
    ]
    return no_officer, disabled
