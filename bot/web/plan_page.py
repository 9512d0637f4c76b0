"""Kế hoạch: upload a signed plan (DOCX, XLSX, CSV, PDF), see how it was read row by row, fix a row's
reading in place (its lead agency, its deadline), then load it, or apply it as an amendment when it
changes the plan the database holds.

The reading is ``nhacviec plan import``'s (bot.web.plan_reading); loading is ``nhacviec init --plan``'s
(bot.plan_loading.load_plan_files); an amendment is ``nhacviec plan amend``'s (bot.web.plan_amend). Nothing
is written before the coordinator confirms.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from pathlib import Path

from starlette.responses import Response

from bot.domain import audit as A
from bot.domain.agencies import Directory
from bot.domain.errors import DatabaseUnusable, NoPlan
from bot.domain.folding import same_province
from bot.domain.plan import Plan
from bot.domain.texts import imports as import_texts
from bot.domain.texts import web as web_texts
from bot.files import DataFileError
from bot.plan_loading import Source, load_plan_files, read_directory, recorded_files
from bot.web import plan_amend
from bot.web.access import WEB
from bot.web.page import Page
from bot.web.plan_reading import Draft, Drafts, Unreadable, fix_row, read_upload, reading_of, rows, specs

log = logging.getLogger(__name__)

SUFFIXES = (".docx", ".xlsx", ".xlsm", ".csv", ".pdf")
FIX_MAX = 300  # characters of a typed deadline or agency name

_DRAFTS_LOCK = threading.Lock()


def _drafts(page: Page) -> Drafts:
    with _DRAFTS_LOCK:
        found = getattr(page.desk, "plan_drafts", None)
        if found is None:
            found = page.desk.plan_drafts = Drafts()  # type: ignore[attr-defined]
        return found


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
        result, text, built = read_upload(name, body)
    except Unreadable as e:
        return plan(page, 400, error=str(e))
    draft = Draft(page.session_token, name, text, built, None, result)
    if page.store.has_plan(plan_slug=built.id):
        draft = _for_amendment(page, draft)
    else:
        try:
            directory, dir_source = _directory(page, built)
        except DataFileError as e:
            return plan(page, 400, error=web_texts.PLAN_BAD_DIRECTORY.format(name=e.path, detail=e.message))
        # without a directory the deadlines are still read; the agencies are then not checked
        draft = replace(draft, directory=dir_source, agencies=directory)
    key = _drafts(page).keep(draft)
    return show(page, key, draft)


def _for_amendment(page: Page, draft: Draft) -> Draft:
    """A plan the database holds is read against the directory it was loaded with, as ``plan amend``
    reads it (an uploaded directory is not used)."""
    note = web_texts.AMEND_RECORDED_DIRECTORY if page.files.get("directory") else ""
    try:
        rec = plan_amend.recorded(page, draft.plan.id)
    except plan_amend.NotApplied:
        return replace(draft, note=note)  # the page says why no amendment can be applied
    return replace(draft, directory=rec.directory, agencies=rec.known, note=note)


def show(page: Page, key: str, draft: Draft, status: int = 200, **shown) -> Response:
    """The reading page of a kept draft: row by row, the fix forms, and the decision (load or amend)."""
    lines = rows(draft)
    result = draft.result
    exists = page.store.has_plan(plan_slug=draft.plan.id)
    return page.render(
        "plan_read.html",
        status,
        name=draft.name,
        plan=draft.plan,
        result=result,
        rows=lines,
        unclear=sum(r["unclear"] for r in lines),
        problems=[(p.place, p) for p in result.problems] if result else [],
        kinds=import_texts.KIND,
        directory=draft.directory,
        agencies=sorted(draft.agencies.agencies.values(), key=lambda a: a.name) if draft.agencies else [],
        key=key,
        exists=exists,
        note=draft.note,
        amendment=plan_amend.preview(page, draft) if exists else None,
        typed={k: page.form.get(k, "") for k in ("document", "effective")},
        **shown,
    )


def fix(page: Page) -> Response:
    """Fix one row's reading in place: its lead agency (chosen from the directory) and/or its deadline as
    written (read again); the fixed rows are what gets loaded or amended. Nothing is written."""
    page.require_coordinator()
    key, drafts = page.form.get("draft", ""), _drafts(page)
    draft = drafts.get(key, page.session_token)
    if draft is None:
        return plan(page, 410, error=web_texts.PLAN_DRAFT_GONE)
    code = page.form.get("code", "")
    if draft.plan.item(code) is None:
        return show(page, key, draft, 400, fix_error=web_texts.PLAN_FIX_NOT_ROW.format(code=code[:20]))
    item = draft.plan.item(code)
    assert item is not None
    typed_lead = " ".join(page.form.get("lead", "").split())
    typed_deadline = " ".join(page.form.get("deadline", "").split())
    if len(typed_lead) > FIX_MAX or len(typed_deadline) > FIX_MAX:
        return show(page, key, draft, 400, fix_error=web_texts.EXT_TOO_LONG.format(n=FIX_MAX))
    lead = None
    if typed_lead:
        name, error = _agency(draft.agencies, typed_lead)
        if error:
            return show(page, key, draft, 400, fix_error=error)
        lead = name if name != " ".join(item.lead_text.split()) else None
    deadline = typed_deadline if typed_deadline and typed_deadline != " ".join(item.deadline_text.split()) else None
    if lead is None and deadline is None:
        return show(page, key, draft, 400, fix_error=web_texts.PLAN_FIX_NOTHING.format(code=code))
    try:
        fixed = fix_row(draft, code, lead=lead, deadline=deadline)
    except Unreadable as e:
        return show(page, key, draft, 400, fix_error=str(e))
    drafts.put(key, fixed)
    spec = next(s for s in specs(fixed) if s.code == code)
    what = []
    if lead is not None:
        what.append(web_texts.PLAN_FIXED_LEAD.format(lead=lead))
    if deadline is not None:
        what.append(web_texts.PLAN_FIXED_DEADLINE.format(deadline=deadline))
    done = web_texts.PLAN_FIXED.format(code=code, what="; ".join(what), reading=reading_of(spec.deadline))
    return show(page, key, fixed, fix_done=done)


def _agency(directory: Directory | None, typed: str) -> tuple[str, str]:
    """(the directory's name of the agency typed or chosen, "") — or ("", why not) when there is no
    directory or it names none or several."""
    if directory is None:
        return "", web_texts.PLAN_FIX_NO_DIRECTORY
    found = directory.lookup(typed)
    if found.agency is not None:
        return found.agency.name, ""
    if found.candidates:
        names = "; ".join(a.name for a in found.candidates[:5])
        return "", web_texts.PLAN_FIX_AGENCY_CHOOSE.format(text=typed, names=names)
    return "", web_texts.PLAN_FIX_AGENCY_UNKNOWN.format(text=typed)


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
        return plan(page, 409, error=web_texts.PLAN_EXISTS_AMEND.format(slug=draft.plan.id))
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
            "fixed": list(draft.fixed),
        },
    )
    log.info("plan %s loaded from the desk (%s)", draft.plan.id, draft.name)
    done = web_texts.PLAN_LOADED.format(
        slug=draft.plan.id, items=len(draft.plan.items), assignments=counts.get("assignments_added", 0)
    )
    return plan(page, done=done)


def amend(page: Page) -> Response:
    """Apply the confirmed reading as an amendment (``plan amend``'s path), with its document and
    effective date; a bad one is refused on the reading page, nothing changed."""
    page.require_coordinator()
    key, drafts = page.form.get("draft", ""), _drafts(page)
    draft = drafts.get(key, page.session_token)
    if draft is None:
        return plan(page, 410, error=web_texts.PLAN_DRAFT_GONE)
    if not page.store.has_plan(plan_slug=draft.plan.id):
        return show(page, key, draft, 409, amend_error=web_texts.AMEND_NO_PLAN.format(slug=draft.plan.id))
    try:
        applied, amendment, document, effective = plan_amend.apply(page, draft)
    except plan_amend.NotApplied as e:
        return show(page, key, draft, 400, amend_error=str(e))
    except (DataFileError, DatabaseUnusable, NoPlan) as e:
        return show(page, key, draft, 400, amend_error=web_texts.PLAN_LOAD_FAILED.format(detail=str(e)))
    drafts.drop(key)
    page.desk.refresh(page.today())
    done = plan_amend.done_lines(applied, amendment, document, effective, page.today())
    return plan(page, done="\n".join(done), amended=True)


def _directory(page: Page, built: Plan) -> tuple[Directory | None, Source | None]:
    """The directory to read a new plan's agencies with: the uploaded one, else the one ``init`` recorded
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
