"""How the Kế hoạch page reads an uploaded plan (``nhacviec plan import``'s reading), keeps the reading
until it is confirmed, and fixes a row's reading in place (the lead agency, the deadline's text).

The reading is bot.imports.read_document → bot.domain.plan_table.interpret → plan_yaml → build_plan, the
agencies read against the directory with interpret_plan. A row fixed in place is fixed in the plan file
text itself (what ``init`` or ``plan amend`` then load and record), and read again."""

from __future__ import annotations

import copy
import secrets
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from bot.domain.agencies import Directory
from bot.domain.deadline_reader import UNSPECIFIED
from bot.domain.deadlines import BLOCKING_FLAGS, REASON_UNREADABLE, Deadline
from bot.domain.interpret import COORDINATING, LEAD, ItemSpec, interpret_plan
from bot.domain.plan import Plan, PlanFileError, build_plan
from bot.domain.plan_table import ImportResult, interpret
from bot.domain.texts import describe_deadline
from bot.domain.texts import web as web_texts
from bot.imports import ImportFileError, read_document
from bot.imports.plan_yaml import plan_yaml
from bot.plan_loading import Source

DRAFT_TTL = 3600.0  # seconds a reading waits for its confirmation
DRAFTS_KEPT = 20
NAMES_SHOWN = 3  # resolved agencies named in a cell; more are counted
TAG = "@@nhacviec-dong-{n}@@"  # marks a row's own lead cell while finding which row gives which item
LEAD_CELLS = ("lead", "department")  # a task's lead cell; a review appendix row's department


@dataclass(frozen=True)
class Draft:
    """A plan as read from an uploaded document, waiting for the coordinator's confirmation."""

    owner: str  # the session that uploaded it
    name: str  # the uploaded file's name
    plan_text: str  # the plan file (YAML) ``plan import`` would write, with the rows fixed in place
    plan: Plan
    directory: Source | None  # the directory to load it with (None: none of its province)
    result: ImportResult | None = None  # the document's reading (heading, sections, problems)
    agencies: Directory | None = None  # what the agencies are read against (None: not checked)
    fixed: tuple[str, ...] = ()  # codes of the rows fixed in place
    note: str = ""  # said once above the reading (the directory used...)


class Drafts:
    """Readings waiting for confirmation, in memory (one desk process), each for its own session."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: dict[str, tuple[float, Draft]] = {}

    def keep(self, draft: Draft) -> str:
        """Keep a new reading; its key (the forms carry it)."""
        key = secrets.token_urlsafe(16)
        now = time.monotonic()
        with self._lock:
            self._kept = {k: v for k, v in self._kept.items() if now - v[0] <= DRAFT_TTL}
            while len(self._kept) >= DRAFTS_KEPT:
                self._kept.pop(next(iter(self._kept)))
            self._kept[key] = (now, draft)
        return key

    def put(self, key: str, draft: Draft) -> None:
        """Replace a kept reading (a row fixed in place), keeping its key."""
        with self._lock:
            if key in self._kept:
                self._kept[key] = (time.monotonic(), draft)

    def get(self, key: str, owner: str) -> Draft | None:
        """The reading kept under ``key`` for this session (None: gone, expired or another session's)."""
        with self._lock:
            hit = self._kept.get(key)
        if hit is None or time.monotonic() - hit[0] > DRAFT_TTL or hit[1].owner != owner:
            return None
        return hit[1]

    def drop(self, key: str) -> None:
        with self._lock:
            self._kept.pop(key, None)


class Unreadable(Exception):
    """The document (or a fix) cannot be read as a plan (one Vietnamese line); nothing changed."""


def read_upload(name: str, body: bytes) -> tuple[ImportResult, str, Plan]:
    """``plan import``'s reading of the uploaded bytes: (the report, the plan file text, the plan)."""
    with tempfile.TemporaryDirectory(prefix="nhacviec-web-") as tmp:
        path = Path(tmp) / ("upload" + Path(name).suffix.lower())
        path.write_bytes(body)
        try:
            doc = read_document(path)
        except ImportFileError as e:
            raise Unreadable(str(e).replace(str(path), name)) from None
    result = interpret(doc)
    if not any(t.kind == "tasks" for t in result.tables):
        raise Unreadable(web_texts.PLAN_NO_TABLE.format(name=name))
    text = plan_yaml(result.tree, name)
    try:
        built = build_plan(yaml.safe_load(text))
    except PlanFileError as e:
        raise Unreadable(web_texts.PLAN_INVALID.format(name=name, detail=e.message)) from None
    return result, text, built


# --- fixing a row in place ---------------------------------------------------------------------------------
def _tag(node, path: tuple, found: list[tuple[tuple, str]]) -> None:
    """Mark every row's own lead cell in ``node`` (in place) with its index in ``found``."""
    if isinstance(node, dict):
        for cell in LEAD_CELLS:
            if isinstance(node.get(cell), str) and "deadline" in node:
                node[cell] = TAG.format(n=len(found))
                found.append((path, cell))
                break
        for k, v in node.items():
            _tag(v, (*path, k), found)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            _tag(v, (*path, i), found)


def fixable(plan_text: str) -> dict[str, tuple[tuple, str]]:
    """Item code → (where its row is in the plan file, its lead cell's name), for the rows that have their
    own lead and deadline cells (tasks, review rows; not an inspection table's shared cells). The rows are
    found by reading a marked copy with ``build_plan`` itself, so codes are given as the loader gives them."""
    tagged = yaml.safe_load(plan_text)
    found: list[tuple[tuple, str]] = []
    _tag(tagged, (), found)
    try:
        marked = build_plan(tagged)
    except PlanFileError:
        return {}
    uses = Counter(i.lead_text for i in marked.items)
    out = {}
    for item in marked.items:
        text = item.lead_text
        if uses[text] == 1 and text.startswith("@@nhacviec-dong-") and text.endswith("@@"):
            out[item.code] = found[int(text[len("@@nhacviec-dong-") : -2])]
    return out


def fix_row(draft: Draft, code: str, *, lead: str | None, deadline: str | None) -> Draft:
    """The reading with row ``code``'s lead cell and/or deadline text replaced, read again; ``Unreadable``
    when the row cannot be fixed here or the plan no longer reads (the draft is then unchanged)."""
    where = fixable(draft.plan_text).get(code)
    if where is None:
        raise Unreadable(web_texts.PLAN_FIX_NOT_ROW.format(code=code))
    tree = copy.deepcopy(yaml.safe_load(draft.plan_text))
    path, cell = where
    node = tree
    for step in path:
        node = node[step]
    if lead is not None:
        node[cell] = lead
    if deadline is not None:
        node["deadline"] = deadline
    text = plan_yaml(tree, draft.name)
    try:
        built = build_plan(yaml.safe_load(text))
    except PlanFileError as e:
        raise Unreadable(web_texts.PLAN_INVALID.format(name=draft.name, detail=e.message)) from None
    fixed = draft.fixed if code in draft.fixed else (*draft.fixed, code)
    return replace(draft, plan_text=text, plan=built, fixed=fixed)


# --- the reading row by row ------------------------------------------------------------------------------------
def specs(draft: Draft) -> list[ItemSpec]:
    """The plan's items read against the draft's agencies (deadlines are read even without them)."""
    plan = draft.plan
    return interpret_plan(plan, draft.agencies or Directory(province=plan.province, agencies={}, groups={}))


def unclear_deadline(dl: Deadline) -> bool:
    return bool(set(dl.flags) & BLOCKING_FLAGS) or (dl.kind == UNSPECIFIED and dl.reason == REASON_UNREADABLE)


def reading_of(dl: Deadline) -> str:
    """A deadline as read, in the chat's words."""
    return describe_deadline(
        dl.kind, dl.due, dl.start, dl.flags, dl.recurrence.to_dict() if dl.recurrence else None, dl.reason, dl.to_dict()
    )


def _names(keys: tuple[str, ...], directory: Directory | None) -> str:
    """The agencies a cell was resolved to: their names when few, else how many."""
    if directory is None or not keys:
        return ""
    if len(keys) > NAMES_SHOWN:
        return web_texts.PLAN_RESOLVED_MANY.format(n=len(keys))
    return web_texts.PLAN_RESOLVED.format(
        names="; ".join(directory.agencies[k].name if k in directory.agencies else k for k in keys)
    )


def rows(draft: Draft) -> list[dict]:
    """One row per item: code, content, agencies as resolved (unknown names marked), the deadline as
    written and as read; ``unclear``: how many of its cells were not understood; ``fixable``: whether
    it can be fixed in place; ``fixed``: whether it was."""
    directory = draft.agencies
    by_code = {s.code: s for s in specs(draft)}
    can_fix = fixable(draft.plan_text)
    out = []
    for item in draft.plan.items:
        spec = by_code.get(item.code)
        unknown: dict[str, list[str]] = {}
        for u in spec.unresolved if spec and directory is not None else ():
            unknown.setdefault(u.cell, []).append(u.text)
        dl = spec.deadline if spec else None
        late = dl is not None and unclear_deadline(dl)
        out.append(
            {
                "code": item.code,
                "content": item.content,
                "lead": item.lead_text,
                "coordinating": item.coordinating_text,
                "lead_unknown": unknown.get(LEAD, []),
                "coordinating_unknown": unknown.get(COORDINATING, []),
                "lead_resolved": _names(spec.lead_keys, directory) if spec else "",
                "coordinating_resolved": _names(spec.coordinating_keys, directory) if spec else "",
                "deadline": item.deadline_text,
                "reading": reading_of(dl) if dl is not None else "",
                "deadline_unclear": late,
                "unclear": sum(len(v) for v in unknown.values()) + int(late),
                "fixable": item.code in can_fix,
                "fixed": item.code in draft.fixed,
            }
        )
    return out
