"""Kế hoạch: upload a signed plan (DOCX, XLSX, CSV, PDF), see how it was read row by row, then load it.

The reading is ``nhacviec plan import``'s (bot.imports.read_document → bot.domain.plan_table.interpret →
plan_yaml → build_plan, agencies read against the directory with interpret_plan); loading is
``nhacviec init --plan``'s (bot.plan_loading.load_plan_files). A plan the database already holds is
never reloaded from here: changing it is an amendment (see ``amendment_hook``).
"""

from __future__ import annotations

import logging
import secrets
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from starlette.responses import Response

from bot.domain import audit as A
from bot.domain.agencies import Directory
from bot.domain.deadline_reader import UNSPECIFIED
from bot.domain.deadlines import BLOCKING_FLAGS, REASON_UNREADABLE, Deadline
from bot.domain.errors import DatabaseUnusable, NoPlan
from bot.domain.folding import same_province
from bot.domain.interpret import COORDINATING, LEAD, ItemSpec, interpret_plan
from bot.domain.plan import Plan, PlanFileError, build_plan
from bot.domain.plan_table import ImportResult, interpret
from bot.domain.texts import describe_deadline
from bot.domain.texts import imports as import_texts
from bot.domain.texts import web as web_texts
from bot.files import DataFileError
from bot.imports import ImportFileError, read_document
from bot.imports.plan_yaml import plan_yaml
from bot.plan_loading import Source, load_plan_files, read_directory, recorded_files
from bot.web.access import WEB
from bot.web.page import Page

log = logging.getLogger(__name__)

SUFFIXES = (".docx", ".xlsx", ".xlsm", ".csv", ".pdf")
DRAFT_TTL = 3600.0  # seconds a reading waits for its confirmation
DRAFTS_KEPT = 20
NAMES_SHOWN = 3  # resolved agencies named in a cell; more are counted


@dataclass(frozen=True)
class Draft:
    """A plan as read from an uploaded document, waiting for the coordinator's confirmation."""

    owner: str  # the session that uploaded it
    name: str  # the uploaded file's name
    plan_text: str  # the plan file (YAML) ``plan import`` would write
    plan: Plan
    directory: Source | None  # the directory to load it with (None: none of its province)


class Drafts:
    """Readings waiting for confirmation, in memory (one desk process), each for its own session."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: dict[str, tuple[float, Draft]] = {}

    def keep(self, draft: Draft) -> str:
        key = secrets.token_urlsafe(16)
        now = time.monotonic()
        with self._lock:
            self._kept = {k: v for k, v in self._kept.items() if now - v[0] <= DRAFT_TTL}
            while len(self._kept) >= DRAFTS_KEPT:
                self._kept.pop(next(iter(self._kept)))
            self._kept[key] = (now, draft)
        return key

    def get(self, key: str, owner: str) -> Draft | None:
        with self._lock:
            hit = self._kept.get(key)
        if hit is None or time.monotonic() - hit[0] > DRAFT_TTL or hit[1].owner != owner:
            return None
        return hit[1]

    def drop(self, key: str) -> None:
        with self._lock:
            self._kept.pop(key, None)


_DRAFTS_LOCK = threading.Lock()


def _drafts(page: Page) -> Drafts:
    with _DRAFTS_LOCK:
        found = getattr(page.desk, "plan_drafts", None)
        if found is None:
            found = page.desk.plan_drafts = Drafts()  # type: ignore[attr-defined]
        return found


def amendment_hook(page: Page, draft: Draft) -> dict | None:
    """HOOK(amend): when the uploaded plan's slug is already in the database, the lead wires the
    amendment function here (``plan amend``: the diff to show, and how to apply it). Returns what the page
    shows ({"diff": [...], "apply": callable}) or None while no amendment function exists: then the page
    says the plan exists and offers no load."""
    return None


# --- pages -----------------------------------------------------------------------------------------------
def plan(page: Page, status: int = 200, **shown) -> Response:
    """The current plan and the upload form."""
    page.require_coordinator()
    try:
        snap = page.desk.snapshot(page.today())
    except NoPlan:
        return page.render("plan.html", status, current=None, items=0, **shown)
    return page.render("plan.html", status, current=snap.data.plan, items=len(snap.items), **shown)


def read(page: Page) -> Response:
    """An uploaded document read as ``plan import`` reads it; kept until confirmed (nothing written)."""
    page.require_coordinator()
    upload = page.files.get("file")
    if upload is None:
        return plan(page, 400, error=web_texts.PLAN_NO_FILE)
    name, body = upload
    name = Path(name).name[:120]
    if Path(name).suffix.lower() not in SUFFIXES:
        return plan(page, 400, error=web_texts.PLAN_BAD_TYPE.format(name=name))
    try:
        result, text, built = _read(name, body)
    except _Unreadable as e:
        return plan(page, 400, error=str(e))
    try:
        directory, dir_source = _directory(page, built)
    except DataFileError as e:
        return plan(page, 400, error=web_texts.PLAN_BAD_DIRECTORY.format(name=e.path, detail=e.message))
    # without a directory the deadlines are still read; the agencies are then not checked
    specs = interpret_plan(built, directory or Directory(province=built.province, agencies={}, groups={}))
    rows = _rows(built, specs, directory)
    draft = Draft(page.session_token, name, text, built, dir_source)
    key = _drafts(page).keep(draft)
    exists = page.store.has_plan(plan_slug=built.id)
    return page.render(
        "plan_read.html",
        name=name,
        plan=built,
        result=result,
        rows=rows,
        unclear=sum(r["unclear"] for r in rows),
        problems=[(_place(p), p) for p in result.problems],
        kinds=import_texts.KIND,
        directory=dir_source,
        key=key,
        exists=exists,
        amendment=amendment_hook(page, draft) if exists else None,
    )


def load(page: Page) -> Response:
    """Load the confirmed reading as ``init --plan`` does (only a plan the database does not hold)."""
    page.require_coordinator()
    key = page.form.get("draft", "")
    drafts = _drafts(page)
    draft = drafts.get(key, page.session_token)
    if draft is None:
        return plan(page, 410, error=web_texts.PLAN_DRAFT_GONE)
    if draft.directory is None:
        return plan(page, 400, error=web_texts.PLAN_NO_DIRECTORY.format(province=draft.plan.province or "?"))
    if page.store.has_plan(plan_slug=draft.plan.id):
        return plan(page, 409, error=web_texts.PLAN_EXISTS.format(slug=draft.plan.id))
    now = page.clock.now()
    try:
        plan_source = Source(Path(draft.name).stem + ".yaml", draft.plan_text)
        report = load_plan_files(page.store, plan_source, draft.directory, now=now)
    except (DataFileError, DatabaseUnusable) as e:
        return plan(page, 400, error=web_texts.PLAN_LOAD_FAILED.format(detail=str(e)))
    drafts.drop(key)
    page.desk.refresh(page.today())  # the pages show the plan just loaded
    counts = report.to_dict()
    page.store.record_audit(
        action=A.PLAN_LOADED,
        actor=page.chat().actor,
        channel=WEB,
        now=now,
        after={
            "plan": draft.plan.id,
            "file": draft.name,
            "items": len(draft.plan.items),
            "assignments": counts.get("assignments_added", 0),
        },
    )
    log.info("plan %s loaded from the desk (%s)", draft.plan.id, draft.name)
    done = web_texts.PLAN_LOADED.format(
        slug=draft.plan.id, items=len(draft.plan.items), assignments=counts.get("assignments_added", 0)
    )
    return plan(page, done=done)


# --- reading ---------------------------------------------------------------------------------------------
class _Unreadable(Exception):
    """The document cannot be read as a plan (one Vietnamese line)."""


def _read(name: str, body: bytes) -> tuple[ImportResult, str, Plan]:
    """``plan import``'s reading of the uploaded bytes: (the report, the plan file text, the plan)."""
    with tempfile.TemporaryDirectory(prefix="nhacviec-web-") as tmp:
        path = Path(tmp) / ("upload" + Path(name).suffix.lower())
        path.write_bytes(body)
        try:
            doc = read_document(path)
        except ImportFileError as e:
            raise _Unreadable(str(e).replace(str(path), name)) from None
    result = interpret(doc)
    if not any(t.kind == "tasks" for t in result.tables):
        raise _Unreadable(web_texts.PLAN_NO_TABLE.format(name=name))
    text = plan_yaml(result.tree, name)
    try:
        built = build_plan(yaml.safe_load(text))
    except PlanFileError as e:
        raise _Unreadable(web_texts.PLAN_INVALID.format(name=name, detail=e.message)) from None
    return result, text, built


def _directory(page: Page, built: Plan) -> tuple[Directory | None, Source | None]:
    """The directory to read the plan's agencies with: the uploaded one, else the one ``init`` recorded
    when it is of the plan's province (as ``plan import`` chooses); (None, None) when there is none."""
    upload = page.files.get("directory")
    if upload is not None:
        name, body = upload
        source = Source(Path(name).name[:120], body.decode("utf-8", errors="replace"))
        directory, _ = read_directory(source)
        return directory, source
    try:
        recorded = recorded_files(page.store)
    except DatabaseUnusable:
        return None, None
    if recorded is None:
        return None, None
    source = Source(recorded[1].path) if Path(recorded[1].path).is_file() else recorded[1]
    directory, _ = read_directory(source)
    if not same_province(directory.province, built.province):
        return None, None
    return directory, source


def _unclear_deadline(dl: Deadline) -> bool:
    return bool(set(dl.flags) & BLOCKING_FLAGS) or (dl.kind == UNSPECIFIED and dl.reason == REASON_UNREADABLE)


def _names(keys: tuple[str, ...], directory: Directory | None) -> str:
    """The agencies a cell was resolved to: their names when few, else how many."""
    if directory is None or not keys:
        return ""
    if len(keys) > NAMES_SHOWN:
        return web_texts.PLAN_RESOLVED_MANY.format(n=len(keys))
    return web_texts.PLAN_RESOLVED.format(
        names="; ".join(directory.agencies[k].name if k in directory.agencies else k for k in keys)
    )


def _rows(built: Plan, specs: list[ItemSpec], directory: Directory | None) -> list[dict]:
    """One row per item: code, content, agencies as resolved (unknown names marked), the deadline as
    written and as read; ``unclear``: how many of its cells were not understood."""
    agencies_checked = directory is not None
    by_code = {s.code: s for s in specs}
    rows = []
    for item in built.items:
        spec = by_code.get(item.code)
        unknown: dict[str, list[str]] = {}
        for u in spec.unresolved if spec and agencies_checked else ():
            unknown.setdefault(u.cell, []).append(u.text)
        dl = spec.deadline if spec else None
        late = dl is not None and _unclear_deadline(dl)
        reading = (
            describe_deadline(
                dl.kind,
                dl.due,
                dl.start,
                dl.flags,
                dl.recurrence.to_dict() if dl.recurrence else None,
                dl.reason,
                dl.to_dict(),
            )
            if dl is not None
            else ""
        )
        rows.append(
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
                "reading": reading,
                "deadline_unclear": late,
                "unclear": sum(len(v) for v in unknown.values()) + int(late),
            }
        )
    return rows


def _place(p) -> str:
    out = import_texts.PLACE_TABLE.format(table=p.table) if p.table else import_texts.WHOLE_DOCUMENT
    if p.row:
        out += import_texts.PLACE_ROW.format(row=p.row)
    if p.column:
        out += import_texts.PLACE_COLUMN.format(column=p.column)
    return out
