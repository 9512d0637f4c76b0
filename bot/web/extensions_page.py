"""Gia hạn: the extension requests waiting for a decision, approved or declined at the desk through the
chat's own code (``/duyetgiahan``, ``/tuchoigiahan``: bot.core.extension_cmds), so the record, the audit
row (channel "web") and the officer's notice are the chat's."""

from __future__ import annotations

from starlette.responses import Response

from bot.core import extension_cmds
from bot.domain.texts import vn_date
from bot.domain.texts import web as web_texts
from bot.web.page import Page

DOCUMENT_MAX = 300  # characters of the approving document (number, date, issuer)
NOTE_MAX = 1000


def pending(page: Page, done: list[str] | None = None, status: int = 200) -> Response:
    """The requests waiting for a decision, oldest first, each with approve and decline forms."""
    page.require_coordinator()
    zone = page.config.zone
    rows = [
        {
            "ext": e,
            "asked": f"{e.requested_at.astimezone(zone):%H:%M} {vn_date(e.requested_at.astimezone(zone).date())}"
            if e.requested_at
            else "",
        }
        for e in page.store.web_pending_extensions()
    ]
    return page.render("extensions.html", status, rows=rows, done=done or [])


def decide(page: Page) -> Response:
    """Approve (with the approving document) or decline (with a reason) one request, as the chat does."""
    page.require_coordinator()
    extension_id = page.request.path_params["extension_id"]
    choice = page.form.get("decision", "")
    if choice not in ("approve", "refuse"):
        return pending(page, [web_texts.EXT_CHOOSE], 400)
    approve = choice == "approve"
    text = (page.form.get("document", "") if approve else page.form.get("note", "")).strip()
    if len(text) > (DOCUMENT_MAX if approve else NOTE_MAX):
        return pending(page, [web_texts.EXT_TOO_LONG.format(n=DOCUMENT_MAX if approve else NOTE_MAX)], 400)
    ctx = page.chat()
    extension_cmds._decide(ctx, extension_id, approve=approve, text=" ".join(text.split()))
    return pending(page, page.run_chat(ctx))
