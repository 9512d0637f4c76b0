"""Loading a plan file and the agency directory into the database, idempotently.

Reloading an edited plan updates texts and deadlines and never loses recorded statuses:
assignments an edit no longer names are deactivated (history kept), items removed from
the file are retired, a coordinator's date (set-due) survives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from bot.domain.agencies import UNKNOWN, Agency, Directory
from bot.domain.deadlines import parse_deadline, with_override
from bot.domain.plan import INSPECTION, Plan
from storage.models import (AgencyGroupRow, AgencyRow, AssignmentRow, GroupMemberRow, ItemRow,
                            ItemSubjectRow, PlanRow, SectionRow)

LEAD, COORDINATING = "lead", "coordinating"


@dataclass
class SyncReport:
    plan: str = ""
    plan_created: bool = False
    agencies_added: list[str] = field(default_factory=list)
    agencies_updated: list[str] = field(default_factory=list)
    items_added: list[str] = field(default_factory=list)
    items_updated: dict[str, list[str]] = field(default_factory=dict)
    items_retired: list[str] = field(default_factory=list)
    assignments_added: int = 0
    assignments_deactivated: int = 0
    unknown_agencies: list[tuple[str, str, str]] = field(default_factory=list)  # (code, cell, text)

    @property
    def changed(self) -> bool:
        return bool(self.plan_created or self.agencies_added or self.agencies_updated or self.items_added
                    or self.items_updated or self.items_retired or self.assignments_added
                    or self.assignments_deactivated)

    def to_dict(self) -> dict:
        return {
            "plan": self.plan, "plan_created": self.plan_created, "changed": self.changed,
            "agencies_added": self.agencies_added, "agencies_updated": self.agencies_updated,
            "items_added": self.items_added, "items_updated": self.items_updated,
            "items_retired": self.items_retired, "assignments_added": self.assignments_added,
            "assignments_deactivated": self.assignments_deactivated,
            "unknown_agencies": [{"code": c, "cell": cell, "text": t} for c, cell, t in self.unknown_agencies],
        }


def _set(row, values: dict) -> list[str]:
    """Assign changed values; return the names of the fields that changed."""
    changed = []
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed.append(name)
    return changed


def _agency_values(a: Agency) -> dict:
    return {"name": a.name, "short": a.short, "kind": a.kind, "aliases": list(a.aliases), "parent_key": a.parent}


def full_directory(session: Session, directory: Directory) -> Directory:
    """The file's directory plus agencies only the database knows (imported communes)."""
    for row in session.exec(select(AgencyRow)).all():
        if row.key not in directory.agencies:
            directory = directory.with_agency(Agency(row.key, row.name, row.kind, row.short,
                                                     tuple(row.aliases or ()), row.parent_key))
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


def sync_plan(session: Session, plan: Plan, directory: Directory, *, now: datetime,
              source_file: str = "") -> SyncReport:
    """Load ``plan`` and ``directory``; the caller commits (or rolls back) the session."""
    report = SyncReport(plan=plan.id)
    directory = full_directory(session, directory)
    ids = sync_directory(session, directory, report)

    prow = session.exec(select(PlanRow).where(PlanRow.slug == plan.id)).first()
    pvalues = {"year": plan.year, "province": plan.province, "issuer": plan.issuer, "title": plan.title,
               "signer": plan.signer, "decision_number": plan.decision_number,
               "decision_date": plan.decision_date, "decision_date_text": plan.decision_date_text,
               "source_file": source_file, "meta": {"review_notes": list(plan.review_notes)}}
    if prow is None:
        prow = PlanRow(slug=plan.id, loaded_at=now, **pvalues)
        session.add(prow)
        session.flush()
        report.plan_created = True
    elif _set(prow, pvalues):
        prow.loaded_at = now

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

    for item in plan.items:
        dl = parse_deadline(item.deadline_text, plan.year)
        lead = directory.resolve(item.lead_text, dl.due)
        coord = directory.resolve(item.coordinating_text, dl.due)
        lead_keys = directory.expand(lead)
        coord_keys = [k for k in directory.expand(coord) if k not in lead_keys]
        unresolved = ([{"cell": LEAD, "text": u.text, "reason": u.reason} for u in lead.unresolved]
                      + [{"cell": COORDINATING, "text": u.text, "reason": u.reason} for u in coord.unresolved])
        for u in unresolved:
            if u["reason"] == UNKNOWN:
                report.unknown_agencies.append((item.code, u["cell"], u["text"]))
        values = {
            "section_id": sections[item.section].id, "type": item.type, "number": item.number,
            "position": item.position, "content": item.content, "lead_text": item.lead_text,
            "coordinating_text": item.coordinating_text, "deadline_text": item.deadline_text,
            "product": item.product, "notes": item.notes, "subject_text": item.subject_text,
            "surprise": item.surprise, "footnotes": list(item.footnotes), "deadline_kind": dl.kind,
            "due_date": dl.due, "start_date": dl.start, "deadline": dl.to_dict(),
            "unresolved": unresolved, "blocked": dl.blocked, "retired": False,
        }
        row = items.get(item.code)
        if row is None:
            row = ItemRow(plan_id=prow.id, code=item.code, **values)
            session.add(row)
            session.flush()
            items[item.code] = row
            report.items_added.append(item.code)
        else:
            changed = _set(row, values)
            if changed:
                report.items_updated[item.code] = changed
        want = [(ids[k], LEAD) for k in lead_keys] + [(ids[k], COORDINATING) for k in coord_keys]
        due = with_override(dl, row.due_override).sort_due
        _sync_assignments(session, row, due, want, assignments.get(row.id, {}), report, now)
        if item.type == INSPECTION:
            subj = directory.expand(directory.resolve(item.subject_text))
            have = {s.agency_id: s for s in session.exec(select(ItemSubjectRow).where(ItemSubjectRow.item_id == row.id))}
            for k in subj:
                if ids[k] not in have:
                    session.add(ItemSubjectRow(item_id=row.id, agency_id=ids[k]))

    codes = {i.code for i in plan.items}
    for code, row in items.items():
        if code not in codes and not row.retired:
            row.retired = True
            report.items_retired.append(code)
            for a in assignments.get(row.id, {}).values():
                a.active = False  # history kept; the item is no longer in the plan
    session.flush()
    return report


def _sync_assignments(session: Session, item: ItemRow, due, want: list[tuple[int, str]],
                      have: dict[tuple[int, str], AssignmentRow], report: SyncReport, now: datetime) -> None:
    for key in want:
        row = have.get(key)
        if row is None:
            session.add(AssignmentRow(item_id=item.id, agency_id=key[0], role=key[1], plan_id=item.plan_id, due=due,
                                      updated_at=now))
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
