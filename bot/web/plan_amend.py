"""Kế hoạch: an uploaded plan that changes the plan the database holds is applied as an amendment by a
later decision, exactly as ``nhacviec plan amend`` applies it: the same pure difference
(bot.domain.amendments.diff_plans over both plans read against the recorded directory), the same checks of
the document and the effective date, the same store path (``store.amend_apply``), audited with channel
"web"."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.domain import texts
from bot.domain.agencies import Directory
from bot.domain.amend_text import diff_lines
from bot.domain.amendments import ADDED, REMOVED, Amendment, Applied, diff_plans, signed_on
from bot.domain.deadlines import parse_day
from bot.domain.errors import DatabaseUnusable
from bot.domain.interpret import interpret_plan
from bot.domain.plan import Plan
from bot.domain.texts import amend as amend_texts
from bot.domain.texts import web as web_texts
from bot.files import DataFileError
from bot.plan_loading import Source, read_directory, read_plan, recorded_files
from bot.web.access import WEB
from bot.web.page import Page
from bot.web.plan_reading import Draft

log = logging.getLogger(__name__)

DOCUMENT_MAX = 300  # characters of the amending document (kind, number, date)


class NotApplied(Exception):
    """The amendment was not applied (one Vietnamese line); nothing changed."""


@dataclass(frozen=True)
class Recorded:
    """The plan and directory the database records as loaded, the directory as the store knows it."""

    plan: Plan
    directory: Source
    known: Directory


def recorded(page: Page, slug: str) -> Recorded:
    """What ``plan amend`` compares with: the recorded plan file and directory (``NotApplied`` when none)."""
    try:
        found = recorded_files(page.store, plan_slug=slug)
    except DatabaseUnusable:
        found = None
    if found is None:
        raise NotApplied(web_texts.AMEND_NOT_RECORDED.format(slug=slug))
    try:
        old, _ = read_plan(found[0])
        directory_source = Source(found[1].path) if Path(found[1].path).is_file() else found[1]
        directory, _ = read_directory(directory_source)
    except DataFileError as e:
        raise NotApplied(web_texts.PLAN_LOAD_FAILED.format(detail=str(e))) from None
    return Recorded(old, directory_source, page.store.known_directory(directory=directory))


def difference(rec: Recorded, plan: Plan) -> Amendment:
    """What ``plan`` changes in the recorded plan (``plan amend``'s difference)."""
    names = {k: a.name for k, a in rec.known.agencies.items()}
    return diff_plans(rec.plan.id, interpret_plan(rec.plan, rec.known), interpret_plan(plan, rec.known), names)


def preview(page: Page, draft: Draft) -> dict:
    """What the reading page shows before the confirmation: the difference line by line (as ``plan
    amend`` prints it), or why there is none to apply."""
    try:
        rec = recorded(page, draft.plan.id)
    except NotApplied as e:
        return {"error": str(e), "lines": [], "empty": True}
    amendment = difference(rec, draft.plan)
    if amendment.empty:
        return {"error": "", "lines": [(None, amend_texts.DIFF_NONE.format(plan=amendment.plan))], "empty": True}
    lines = diff_lines(amendment, "", page.today())[1:]  # its heading names the document: asked below
    kinds = {"+": ADDED, "−": REMOVED, "~": "changed"}
    shown = [("field" if line[:1].isspace() else kinds.get(line[:1], "total"), line.strip()) for line in lines]
    return {
        "error": "",
        "lines": shown,
        "empty": False,
        "signed": texts.vn_date(signed_on(rec.plan)),
        "counts": (len(amendment.added), len(amendment.removed), len(amendment.changed)),
    }


def checked(page: Page, rec: Recorded) -> tuple[str, date]:
    """The document and effective date the form gives, checked as ``plan amend`` checks them."""
    document = " ".join(page.form.get("document", "").split())
    if not document:
        raise NotApplied(web_texts.AMEND_NO_DOCUMENT)
    if len(document) > DOCUMENT_MAX:
        raise NotApplied(web_texts.EXT_TOO_LONG.format(n=DOCUMENT_MAX))
    typed = page.form.get("effective", "").strip()
    if not typed:
        raise NotApplied(web_texts.AMEND_NO_EFFECTIVE)
    effective = parse_day(typed)
    if effective is None:
        raise NotApplied(web_texts.AMEND_BAD_EFFECTIVE.format(text=typed[:40]))
    signed = signed_on(rec.plan)
    if effective < signed:
        raise NotApplied(
            amend_texts.ERR_BEFORE_SIGNED.format(
                effective=texts.vn_date(effective), plan=rec.plan.id, signed=texts.vn_date(signed)
            )
        )
    return document, effective


def apply(page: Page, draft: Draft) -> tuple[Applied, Amendment, str, date]:
    """Apply the reading as one recorded amendment through ``store.amend_apply`` (``plan amend``'s path);
    ``NotApplied`` (nothing changed) for a bad document or date, or when nothing differs."""
    rec = recorded(page, draft.plan.id)
    document, effective = checked(page, rec)
    amendment = difference(rec, draft.plan)  # again: the database may have changed since the reading
    if amendment.empty:
        raise NotApplied(amend_texts.DIFF_NONE.format(plan=amendment.plan))
    directory, _ = read_directory(rec.directory)
    applied = page.store.amend_apply(
        plan=draft.plan,
        directory=directory,
        amendment=amendment,
        document=document,
        effective=effective,
        actor=page.chat().actor,
        now=page.clock.now(),
        zone=page.config.zone,
        plan_file=_file_name(draft.name),
        plan_text=draft.plan_text,
        channel=WEB,
    )
    log.info("plan %s amended from the desk (%s): amendment %s", draft.plan.id, draft.name, applied.id)
    return applied, amendment, document, effective


def _file_name(name: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return stem + ".yaml"


def done_lines(applied: Applied, amendment: Amendment, document: str, effective: date, today: date) -> list[str]:
    """What the page says once the amendment is applied."""
    out = [
        web_texts.AMEND_APPLIED.format(id=applied.id, document=document, effective=texts.vn_date(effective)),
        amend_texts.DIFF_COUNTS.format(
            added=len(amendment.added), removed=len(amendment.removed), changed=len(amendment.changed)
        ),
    ]
    if applied.kept:
        out.append(amend_texts.KEPT_DUE.format(n=applied.kept))
    if effective > today:
        out.append(web_texts.AMEND_FUTURE.format(effective=texts.vn_date(effective), today=texts.vn_date(today)))
    return out
