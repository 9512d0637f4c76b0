"""Amendments by a later decision (issue 14 §2): what a new version of a plan changes, item by item (pure).

``diff_plans`` compares two interpreted plans (``bot.domain.interpret.ItemSpec``) and returns an
``Amendment``: items added, removed, and changed (content, lead and coordinating agencies, deadline,
product). Storage applies it (storage/amendments.py); the texts live in ``bot.domain.texts.amend``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bot.domain.interpret import ItemSpec
from bot.domain.plan import Plan

AMENDMENT = "amendment"  # the audit trail's action for one item changed by an amendment

CONTENT, LEAD, COORDINATING, DEADLINE, PRODUCT = "content", "lead", "coordinating", "deadline", "product"
FIELDS = (CONTENT, LEAD, COORDINATING, DEADLINE, PRODUCT)
ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True)
class Change:
    """One field of one item: before and after as shown (agency names, the deadline's text); for a
    deadline also the dates read (None: no date)."""

    field: str
    before: str
    after: str
    before_due: date | None = None
    after_due: date | None = None

    def to_dict(self) -> dict:
        out: dict = {"field": self.field, "before": self.before, "after": self.after}
        if self.field == DEADLINE:
            out["before_due"] = self.before_due.isoformat() if self.before_due else None
            out["after_due"] = self.after_due.isoformat() if self.after_due else None
        return out


@dataclass(frozen=True)
class ItemChange:
    """An item added, removed or changed (``changes`` only for a changed one)."""

    code: str
    kind: str  # ADDED | REMOVED | CHANGED
    title: str
    changes: tuple[Change, ...] = ()

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "kind": self.kind,
            "title": self.title,
            "changes": [c.to_dict() for c in self.changes],
        }


@dataclass(frozen=True)
class Amendment:
    """What a new version of the plan changes; empty when nothing an item shows differs."""

    plan: str
    added: tuple[ItemChange, ...] = ()
    removed: tuple[ItemChange, ...] = ()
    changed: tuple[ItemChange, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def entries(self) -> list[ItemChange]:
        """Every entry: added, then removed, then changed."""
        return [*self.added, *self.removed, *self.changed]

    def to_dict(self) -> dict:
        return {
            "plan": self.plan,
            "added": [e.to_dict() for e in self.added],
            "removed": [e.to_dict() for e in self.removed],
            "changed": [e.to_dict() for e in self.changed],
        }


def _title(spec: ItemSpec) -> str:
    text = " ".join((spec.item.content or spec.item.subject_text or "").split())
    return text if len(text) <= 80 else text[:79] + "…"


def _names(keys: tuple[str, ...], names: Mapping[str, str]) -> str:
    return "; ".join(names.get(k, k) for k in keys)


def _changes(old: ItemSpec, new: ItemSpec, names: Mapping[str, str]) -> tuple[Change, ...]:
    out: list[Change] = []
    o, n = old.item, new.item
    if " ".join(o.content.split()) != " ".join(n.content.split()):
        out.append(Change(CONTENT, o.content, n.content))
    if set(old.lead_keys) != set(new.lead_keys) or o.lead_text.split() != n.lead_text.split():
        out.append(
            Change(LEAD, _names(old.lead_keys, names) or o.lead_text, _names(new.lead_keys, names) or n.lead_text)
        )
    if set(old.coordinating_keys) != set(new.coordinating_keys):
        out.append(
            Change(
                COORDINATING,
                _names(old.coordinating_keys, names) or o.coordinating_text,
                _names(new.coordinating_keys, names) or n.coordinating_text,
            )
        )
    if o.deadline_text.split() != n.deadline_text.split() or old.deadline.due != new.deadline.due:
        out.append(Change(DEADLINE, o.deadline_text, n.deadline_text, old.deadline.due, new.deadline.due))
    if o.product.split() != n.product.split():
        out.append(Change(PRODUCT, o.product, n.product))
    return tuple(out)


def diff_plans(plan: str, old: list[ItemSpec], new: list[ItemSpec], names: Mapping[str, str]) -> Amendment:
    """What ``new`` changes in ``old`` (both interpreted against the same directory); ``names``: agency key →
    name for display. Entries keep the plans' order."""
    before = {s.code: s for s in old}
    after = {s.code: s for s in new}
    added = tuple(ItemChange(s.code, ADDED, _title(s)) for s in new if s.code not in before)
    removed = tuple(ItemChange(s.code, REMOVED, _title(s)) for s in old if s.code not in after)
    changed = []
    for s in new:
        if s.code in before:
            found = _changes(before[s.code], s, names)
            if found:
                changed.append(ItemChange(s.code, CHANGED, _title(s), found))
    return Amendment(plan, added, removed, tuple(changed))


def _raw(plan: Plan) -> dict[str, tuple]:
    return {
        i.code: (
            " ".join(i.content.split()),
            " ".join(i.lead_text.split()),
            " ".join(i.coordinating_text.split()),
            " ".join(i.deadline_text.split()),
            " ".join(i.product.split()),
            " ".join(i.subject_text.split()),
            " ".join(i.notes.split()),
        )
        for i in plan.items
    }


def items_differ(old: Plan, new: Plan) -> list[str]:
    """Codes of the items the plan file changes (added, removed or edited), in no particular order:
    ``init`` refuses to rewrite them and points to ``plan amend`` (the heading and letter may change)."""
    a, b = _raw(old), _raw(new)
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def signed_on(plan: Plan) -> date:
    """The day the plan was signed, as far as the file says: its decision date, else the start of its span."""
    return plan.decision_date or plan.span[0]


def kept_due(status: str, closed_on: date | None, effective: date) -> bool:
    """Whether an assignment keeps its old deadline through an amendment: closed before the amendment took
    effect, its on-time judgement stays against the date then in force (never judged again)."""
    return status == "done" and closed_on is not None and closed_on < effective


@dataclass(frozen=True)
class Applied:
    """An amendment recorded: its id, and how many assignments kept their old date (closed before it)."""

    id: int
    kept: int


@dataclass(frozen=True)
class Note:
    """One amendment of one item as its history shows it."""

    document: str
    effective: date
    kind: str  # ADDED | REMOVED | CHANGED
    changes: tuple[Change, ...] = ()

    @classmethod
    def from_audit(cls, after: dict) -> Note:
        """Read back from the audit row written when the amendment was applied (``entry_audit``)."""
        return cls(
            str(after.get("document", "")),
            date.fromisoformat(after["effective"]),
            str(after.get("kind", CHANGED)),
            tuple(
                Change(
                    c["field"],
                    c.get("before", ""),
                    c.get("after", ""),
                    date.fromisoformat(c["before_due"]) if c.get("before_due") else None,
                    date.fromisoformat(c["after_due"]) if c.get("after_due") else None,
                )
                for c in after.get("changes", [])
            ),
        )


def entry_audit(entry: ItemChange, document: str, effective: date) -> tuple[dict, dict]:
    """(before, after) of the audit row an amendment writes for one item (``Note.from_audit`` reads it)."""
    before = {c.field: c.before for c in entry.changes}
    after = {
        "kind": entry.kind,
        "document": document,
        "effective": effective.isoformat(),
        "changes": [c.to_dict() for c in entry.changes],
    }
    return before, after
