"""Reading a plan against the agency directory: what each item means, before anything is stored.

``interpret_plan`` is the one place where a plan's free text becomes facts: the deadline phrase is read
(``parse_deadline``), the lead and coordinating cells are resolved (groups expanded, a lead never also
coordinating), fragments nobody recognises are kept, and inspections name the units they inspect.
Storage only writes the resulting ``ItemSpec``s; ``SyncReport`` tells what a load changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.domain.agencies import UNKNOWN, Directory
from bot.domain.deadlines import Deadline, parse_deadline
from bot.domain.effective import effective_deadline
from bot.domain.plan import INSPECTION, Item, Plan
from bot.domain.shares import without_tracked_shares

LEAD, COORDINATING = "lead", "coordinating"
EMPTY_GROUP = "empty_group"  # a group with no member yet ("UBND cấp xã" before communes are imported)
LEAD_AND_COORDINATING = "lead_and_coordinating"  # one agency named on both sides: for a coordinator to settle


@dataclass(frozen=True)
class Unrecognised:
    """A fragment of a lead/coordinating cell that names no agency of the directory."""

    cell: str  # LEAD | COORDINATING
    text: str
    reason: str  # bot.domain.agencies.UNKNOWN, or another reason the resolver gives

    def to_dict(self) -> dict:
        return {"cell": self.cell, "text": self.text, "reason": self.reason}


@dataclass(frozen=True)
class ItemSpec:
    """One plan item as the database keeps it: the file's texts plus their reading."""

    item: Item
    deadline: Deadline
    lead_keys: tuple[str, ...]  # agency keys, groups expanded, in the order the cell names them
    coordinating_keys: tuple[str, ...]  # without the leads
    unresolved: tuple[Unrecognised, ...] = ()
    subject_keys: tuple[str, ...] = ()  # inspections: the units inspected

    @property
    def code(self) -> str:
        return self.item.code

    def due_with(self, override: date | None) -> date:
        """The date assignments sort and remind by, a coordinator's date (set-due) applied."""
        return effective_deadline(self.deadline, override).sort_due

    @property
    def unknown(self) -> list[Unrecognised]:
        """Fragments that name no agency at all (``init --strict`` refuses them)."""
        return [u for u in self.unresolved if u.reason == UNKNOWN]


@dataclass
class SyncReport:
    """What loading a plan and its directory changed (empty when the database already held them)."""

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
    agencies_retired: list[str] = field(default_factory=list)  # no longer in the directory (history kept)
    plans_quieted: list[str] = field(default_factory=list)  # other provinces' plans: open work deactivated
    schema_before: str | None = None  # the schema revision before the load (None: a new database)
    schema: str | None = None  # the revision after it
    counts: dict[str, int] = field(default_factory=dict)  # the plan's items: total, task, review, inspection
    waiting_groups: dict[str, int] = field(default_factory=dict)  # empty group name → items waiting for members
    # Open work moved from a replaced agency to its successor: (item code, former key, successor key)
    moved: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.plan_created
            or self.agencies_added
            or self.agencies_updated
            or self.items_added
            or self.items_updated
            or self.items_retired
            or self.assignments_added
            or self.assignments_deactivated
            or self.agencies_retired
            or self.moved
        )

    def to_dict(self) -> dict:
        return {
            "plan": self.plan,
            "plan_created": self.plan_created,
            "changed": self.changed,
            "agencies_added": self.agencies_added,
            "agencies_updated": self.agencies_updated,
            "items_added": self.items_added,
            "items_updated": self.items_updated,
            "items_retired": self.items_retired,
            "assignments_added": self.assignments_added,
            "assignments_deactivated": self.assignments_deactivated,
            "agencies_retired": self.agencies_retired,
            "plans_quieted": self.plans_quieted,
            "moved": [{"code": c, "from": f, "to": t} for c, f, t in self.moved],
            "unknown_agencies": [{"code": c, "cell": cell, "text": t} for c, cell, t in self.unknown_agencies],
            "waiting_groups": dict(self.waiting_groups),
        }


def interpret_item(
    item: Item, directory: Directory, plan_year: int, span: tuple[date, date | None] | None = None
) -> ItemSpec:
    """One item's reading: deadline (within the plan's ``span``), agencies resolved on its due date,
    inspected units."""
    dl = parse_deadline(item.deadline_text, plan_year, span)
    lead, coord = directory.resolve_pair(item.lead_text, item.coordinating_text, dl.due)
    lead_keys = directory.expand(lead)
    both = [k for k in directory.expand(coord) if k in lead_keys]
    coord_keys = [k for k in directory.expand(coord) if k not in lead_keys]
    unresolved = tuple(
        [Unrecognised(LEAD, u.text, u.reason) for u in lead.unresolved]
        + [Unrecognised(COORDINATING, u.text, u.reason) for u in coord.unresolved]
        + _empty_groups(directory, LEAD, lead)
        + _empty_groups(directory, COORDINATING, coord)
        + [
            Unrecognised(COORDINATING, directory.agencies[k].name, LEAD_AND_COORDINATING)
            for k in both
            if k in coord.agencies
        ]
    )
    subjects: list[str] = []
    if item.type == INSPECTION:
        subjects = directory.expand(directory.resolve(item.subject_text))
    return ItemSpec(item, dl, tuple(lead_keys), tuple(coord_keys), unresolved, tuple(subjects))


def _empty_groups(directory: Directory, cell: str, res) -> list[Unrecognised]:
    """Groups named that have no member yet: nobody would be reminded nor counted, so they are reported."""
    return [Unrecognised(cell, directory.groups[g].name, EMPTY_GROUP) for g in res.groups if not directory.members(g)]


def waiting_for_groups(specs: list[ItemSpec]) -> dict[str, int]:
    """Empty group name → how many items (lead or coordinating cells) wait for its members."""
    out: dict[str, int] = {}
    for s in specs:
        for name in {u.text for u in s.unresolved if u.reason == EMPTY_GROUP}:
            out[name] = out.get(name, 0) + 1
    return out


def interpret_plan(plan: Plan, directory: Directory) -> list[ItemSpec]:
    """Every item of ``plan`` read against ``directory``, in plan order (a task an appendix details keeps
    as leads only those whose share the appendix does not track: bot.domain.shares)."""
    # A span the file declares (``span:``/``period:``) reads every year inside it as normal; without one
    # the reader keeps flagging other years (they block until a coordinator confirms), as before.
    span = plan.span if plan.span_from is not None else None
    return without_tracked_shares(
        plan, directory, [interpret_item(item, directory, plan.year, span) for item in plan.items]
    )


def unknown_agencies(specs: list[ItemSpec]) -> list[tuple[str, str, str]]:
    """(code, cell, text) of every fragment naming no agency, in plan order."""
    return [(s.code, u.cell, u.text) for s in specs for u in s.unknown]
