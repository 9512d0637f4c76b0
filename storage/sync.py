"""Writing an interpreted plan and the agency directory into the database, idempotently.

Nothing here reads a deadline phrase or resolves an agency: ``bot.domain.interpret`` does, and this
module upserts its ``ItemSpec``s. Reloading an edited plan updates texts and deadlines and never loses
recorded statuses: assignments an edit no longer names are deactivated (history kept), items removed
from the file are retired, a coordinator's date (set-due) survives.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlmodel import Session, select

from bot.domain.agencies import Agency, Directory
from bot.domain.interpret import COORDINATING, LEAD, ItemSpec, SyncReport, interpret_plan, waiting_for_groups
from bot.domain.plan import INSPECTION, Plan
from bot.domain.folding import same_province
from storage import amendment_rows, extension_rows, role_switch
from storage.models import (
    AgencyGroupRow,
    AgencyRow,
    AssignmentRow,
    GroupMemberRow,
    ItemRow,
    ItemSubjectRow,
    PlanRow,
    SectionRow,
)

__all__ = [
    "LEAD",
    "COORDINATING",
    "SyncReport",
    "full_directory",
    "add_agencies",
    "sync_directory",
    "upsert_plan",
    "sync_plan",
    "recorded_sources",
    "retire_absent",
    "quiet_other_provinces",
    "same_province",
]


def _set(row, values: dict) -> list[str]:
    """Assign changed values; return the names of the fields that changed."""
    changed = []
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed.append(name)
    return changed


def _agency_values(a: Agency) -> dict:
    return {
        "name": a.name,
        "short": a.short,
        "kind": a.kind,
        "aliases": list(a.aliases),
        "parent_key": a.parent,
        "active": True,
        "successor_key": None,  # in the directory again: nobody replaced it
    }


def full_directory(session: Session, directory: Directory) -> Directory:
    """The file's directory plus the active agencies only the database knows (imported communes); every
    successor also answers to the names of the retired agencies it replaced (old plans still read)."""
    rows = session.exec(select(AgencyRow)).all()
    for row in rows:
        if row.active and row.key not in directory.agencies:
            directory = directory.with_agency(
                Agency(row.key, row.name, row.kind, row.short, tuple(row.aliases or ()), row.parent_key)
            )
    for row in rows:
        succ = directory.agencies.get(row.successor_key or "")
        if succ is not None and not row.active and row.key not in directory.agencies:
            names = tuple(n for n in (row.name, row.short, *(row.aliases or ())) if n and n not in succ.replaces)
            if names:
                directory = directory.with_agency(replace(succ, replaces=succ.replaces + names))
    return directory


def add_agencies(session: Session, agencies: list[Agency]) -> tuple[list[str], list[str]]:
    """Insert or update agencies the directory file does not list (communes): (added, updated)."""
    rows = {r.key: r for r in session.exec(select(AgencyRow)).all()}
    added, updated = [], []
    for a in agencies:
        values = _agency_values(a)
        row = rows.get(a.key)
        if row is None:
            session.add(AgencyRow(key=a.key, **values))
            added.append(a.key)
        elif _set(row, values):
            updated.append(a.key)
    session.flush()
    return added, updated


def sync_directory(session: Session, directory: Directory, report: SyncReport) -> dict[str, int]:
    """Upsert agencies and groups; return agency key → id."""
    rows = {r.key: r for r in session.exec(select(AgencyRow)).all()}
    for a in directory.agencies.values():
        values = _agency_values(a)
        row = rows.get(a.key)
        if row is None:
            row = AgencyRow(key=a.key, **values)
            session.add(row)
            rows[a.key] = row
            report.agencies_added.append(a.key)
        elif _set(row, values):
            report.agencies_updated.append(a.key)
    session.flush()
    ids = {k: r.id for k, r in rows.items()}
    groups = {g.key: g for g in session.exec(select(AgencyGroupRow)).all()}
    for g in directory.groups.values():
        grow = groups.get(g.key)
        if grow is None:
            grow = AgencyGroupRow(key=g.key, name=g.name)
            session.add(grow)
            session.flush()
        else:
            _set(grow, {"name": g.name})
        want = {ids[m] for m in directory.members(g.key)}
        have = {m.agency_id: m for m in session.exec(select(GroupMemberRow).where(GroupMemberRow.group_id == grow.id))}
        for aid in want - have.keys():
            session.add(GroupMemberRow(group_id=grow.id, agency_id=aid))
        for aid in have.keys() - want:
            session.delete(have[aid])
    return ids


def _span_meta(plan: Plan) -> dict:
    """The plan's span as kept in ``plan.meta``: ISO dates, ``to`` None when open-ended."""
    first, last = plan.span
    return {"from": first.isoformat(), "to": last.isoformat() if last else None}


def _upsert_plan_row(
    session: Session, plan: Plan, report: SyncReport, now: datetime, source_file: str, sources: dict | None = None
) -> PlanRow:
    prow = session.exec(select(PlanRow).where(PlanRow.slug == plan.id)).first()
    pvalues = {
        "year": plan.year,
        "province": plan.province,
        "issuer": plan.issuer,
        "title": plan.title,
        "signer": plan.signer,
        "decision_number": plan.decision_number,
        "decision_date": plan.decision_date,
        "decision_date_text": plan.decision_date_text,
        "source_file": source_file,
        "meta": {"review_notes": list(plan.review_notes), "letter": dict(plan.letter), "span": _span_meta(plan)},
    }
    _keep_sources(pvalues["meta"], prow, sources)
    if prow is None:
        prow = PlanRow(slug=plan.id, loaded_at=now, **pvalues)
        session.add(prow)
        session.flush()
        report.plan_created = True
    elif _set(prow, pvalues):
        prow.loaded_at = now
    return prow


def _item_values(spec: ItemSpec, section_id: int) -> dict:
    item, dl = spec.item, spec.deadline
    return {
        "section_id": section_id,
        "type": item.type,
        "number": item.number,
        "position": item.position,
        "content": item.content,
        "lead_text": item.lead_text,
        "coordinating_text": item.coordinating_text,
        "deadline_text": item.deadline_text,
        "product": item.product,
        "notes": item.notes,
        "subject_text": item.subject_text,
        "surprise": item.surprise,
        "footnotes": list(item.footnotes),
        "deadline_kind": dl.kind,
        "due_date": dl.due,
        "start_date": dl.start,
        "deadline": dl.to_dict(),
        "unresolved": [u.to_dict() for u in spec.unresolved],
        "blocked": dl.blocked,
        "retired": False,
    }


def upsert_plan(
    session: Session,
    plan: Plan,
    directory: Directory,
    specs: list[ItemSpec],
    *,
    now: datetime,
    source_file: str = "",
    sources: dict | None = None,
) -> SyncReport:
    """Write the plan row, its sections, the interpreted items (``specs``), their assignments and
    inspected units, and the directory's agencies and groups; the caller commits (or rolls back)."""
    report = SyncReport(plan=plan.id, waiting_groups=waiting_for_groups(specs))
    ids = sync_directory(session, directory, report)
    prow = _upsert_plan_row(session, plan, report, now, source_file, sources)

    sections = {s.code: s for s in session.exec(select(SectionRow).where(SectionRow.plan_id == prow.id))}
    for pos, (code, title) in enumerate(plan.section_titles.items()):
        srow = sections.get(code)
        if srow is None:
            srow = SectionRow(plan_id=prow.id, code=code, title=title, position=pos)
            session.add(srow)
            sections[code] = srow
        else:
            _set(srow, {"title": title, "position": pos})
    session.flush()

    items = {i.code: i for i in session.exec(select(ItemRow).where(ItemRow.plan_id == prow.id))}
    assignments: dict[int, dict[tuple[int, str], AssignmentRow]] = {}
    for a in session.exec(select(AssignmentRow).join(ItemRow).where(ItemRow.plan_id == prow.id)):
        assignments.setdefault(a.item_id, {})[(a.agency_id, a.role)] = a
    subjects: dict[int, set[int]] = {}
    for subj in session.exec(select(ItemSubjectRow).join(ItemRow).where(ItemRow.plan_id == prow.id)):
        subjects.setdefault(subj.item_id, set()).add(subj.agency_id)

    formers: dict[int, list[int]] = {}  # successor id → ids of the retired agencies it replaced
    for aid, succ in session.execute(
        select(AgencyRow.id, AgencyRow.successor_key).where(AgencyRow.successor_key.is_not(None))
    ).all():
        if succ in ids:
            formers.setdefault(ids[succ], []).append(aid)

    for spec in specs:
        report.unknown_agencies.extend((spec.code, u.cell, u.text) for u in spec.unknown)
        values = _item_values(spec, sections[spec.item.section].id)
        row = items.get(spec.code)
        if row is None:
            row = ItemRow(plan_id=prow.id, code=spec.code, **values)
            session.add(row)
            session.flush()
            items[spec.code] = row
            report.items_added.append(spec.code)
        else:
            changed = _set(row, values)
            if changed:
                report.items_updated[spec.code] = changed
        want = [(ids[k], LEAD) for k in spec.lead_keys] + [(ids[k], COORDINATING) for k in spec.coordinating_keys]
        want = _done_by_former(want, assignments.get(row.id, {}), formers)
        _sync_assignments(session, row, spec.due_with(row.due_override), want, assignments.get(row.id, {}), report, now)
        if spec.item.type == INSPECTION:
            have = subjects.setdefault(row.id, set())
            for k in spec.subject_keys:
                if ids[k] not in have:
                    session.add(ItemSubjectRow(item_id=row.id, agency_id=ids[k]))
                    have.add(ids[k])

    codes = {s.code for s in specs}
    for code, row in items.items():
        if code not in codes and not row.retired:
            row.retired = True
            report.items_retired.append(code)
            for a in assignments.get(row.id, {}).values():
                a.active = False  # history kept; the item is no longer in the plan
    session.flush()
    extension_rows.reapply(session, plan_id=prow.id)  # approved extensions survive a reload
    amendment_rows.reapply(session, plan_id=prow.id)  # amend: work closed before an amendment keeps its date
    return report


def sync_plan(
    session: Session,
    plan: Plan,
    directory: Directory,
    *,
    now: datetime,
    source_file: str = "",
    sources: dict | None = None,
) -> SyncReport:
    """Interpret ``plan`` against the directory (file + agencies only the database knows) and upsert it;
    the caller commits. Test harnesses and the store's ``load_plan`` use it."""
    directory = full_directory(session, directory)
    settled = role_switch.settled_directory(session, plan, directory)  # roles follow the tasks done so far
    report = upsert_plan(
        session, plan, settled, interpret_plan(plan, settled), now=now, source_file=source_file, sources=sources
    )
    role_switch.remember(session, plan, directory)
    _remember_waiting(session, plan, report)
    return report


def _remember_waiting(session: Session, plan: Plan, report: SyncReport) -> None:
    """Keep the load's count of items waiting for an empty group (``status`` and the digest show it)."""
    prow = session.exec(select(PlanRow).where(PlanRow.slug == plan.id)).one()
    if (prow.meta or {}).get("waiting_groups") != report.waiting_groups:
        prow.meta = {**(prow.meta or {}), "waiting_groups": dict(report.waiting_groups)}


def _done_by_former(
    want: list[tuple[int, str]], have: dict[tuple[int, str], AssignmentRow], formers: dict[int, list[int]]
) -> list[tuple[int, str]]:
    """Work a replaced agency finished stays its own: its successor is not assigned that item again."""
    out = []
    for aid, role in want:
        done = [f for f in formers.get(aid, ()) if (f, role) in have and have[(f, role)].status == "done"]
        out.append((done[0], role) if done and (aid, role) not in have else (aid, role))
    return out


def _sync_assignments(
    session: Session,
    item: ItemRow,
    due,
    want: list[tuple[int, str]],
    have: dict[tuple[int, str], AssignmentRow],
    report: SyncReport,
    now: datetime,
) -> None:
    for key in want:
        row = have.get(key)
        if row is None:
            session.add(
                AssignmentRow(
                    item_id=item.id, agency_id=key[0], role=key[1], plan_id=item.plan_id, due=due, updated_at=now
                )
            )
            report.assignments_added += 1
            continue
        if not row.active:
            row.active = True
            report.assignments_added += 1
        if row.due != due:
            row.due = due
    wanted = set(want)
    for key, row in have.items():
        if key not in wanted and row.active:
            row.active = False  # keep status and history; the plan no longer names this agency
            report.assignments_deactivated += 1


# --- what init loaded, and nothing else reminded (issue 11 §3) ----------------------------------------


def _keep_sources(meta: dict, prow: PlanRow | None, sources: dict | None) -> None:
    """The files ``init`` loaded live in the plan row's meta; a reload without them keeps the record."""
    if sources is not None:
        meta["sources"] = sources
    elif prow is not None and (prow.meta or {}).get("sources"):
        meta["sources"] = prow.meta["sources"]


def recorded_sources(session: Session, slug: str | None = None) -> dict | None:
    """The plan and directory files ``init`` loaded last (the newest plan's record, or ``slug``'s)."""
    q = select(PlanRow)
    q = q.where(PlanRow.slug == slug) if slug else q.order_by(PlanRow.loaded_at.desc(), PlanRow.id.desc())
    row = session.exec(q).first()
    if row is None:
        return None
    found = (row.meta or {}).get("sources")
    return dict(found) if found else {"province": row.province}


def retire_absent(session: Session, keep: set[str]) -> tuple[list[str], int]:
    """Retire every active agency whose key is not in ``keep`` (kept for history, never reminded, not
    listed or looked up) and deactivate its open assignments: (retired keys, assignments deactivated)."""
    rows = [r for r in session.exec(select(AgencyRow).where(AgencyRow.active.is_(True))) if r.key not in keep]
    if not rows:
        return [], 0
    for r in rows:
        r.active = False
    ids = [r.id for r in rows]
    n = _deactivate_open(session, AssignmentRow.agency_id.in_(ids))
    session.flush()
    return [r.key for r in rows], n


def quiet_other_provinces(session: Session, plan: Plan) -> tuple[list[str], int]:
    """Retire the items of plans of another province and deactivate their open assignments (history
    kept): one database, one plan family, nothing of them reminded. (slugs of the plans touched,
    assignments deactivated); loading such a plan again brings it back."""
    others = [
        p
        for p in session.exec(select(PlanRow).where(PlanRow.slug != plan.id))
        if not same_province(p.province, plan.province)
    ]
    if not others:
        return [], 0
    ids = [p.id for p in others]
    items = list(session.exec(select(ItemRow).where(ItemRow.plan_id.in_(ids), ItemRow.retired.is_(False))))
    for item in items:
        item.retired = True
    n = _deactivate_open(session, AssignmentRow.plan_id.in_(ids))
    touched = {i.plan_id for i in items} | ({p.id for p in others} if n else set())
    return [p.slug for p in others if p.id in touched], n


def _deactivate_open(session: Session, where) -> int:
    rows = list(
        session.exec(select(AssignmentRow).where(where, AssignmentRow.active.is_(True), AssignmentRow.status != "done"))
    )
    for a in rows:
        a.active = False
    session.flush()
    return len(rows)
