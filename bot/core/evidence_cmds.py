"""/xong on an item whose expected product is a document (a decision, a scheme, a regulation, a plan):
before recording, the bot asks for the document's number and date, or its file (issue 14 §4). The answer —
a text citing both, or a document sent — records the closing with that evidence; "không" leaves the item
open; an answer after the question expired records nothing and says how to start again.

Registers itself in bot.core.work_cmds (BEFORE_CLOSE, EXTRA_TEXT, EXPIRED_TEXT); on only when
``CoreConfig.ask_document`` (EVIDENCE_ASK_DOCUMENT, on by default in the composition root)."""

from __future__ import annotations

from datetime import timedelta

from bot.core import work_cmds
from bot.core.context import Ctx
from bot.domain.chat_records import Dialog, ItemWork
from bot.domain.documents import cited_document
from bot.domain.evidence import declined, document_of, needs_document
from bot.domain.texts import evidence as ev_texts
from bot.domain.views import WorkItem

ASK = "evidence_ask"  # the dialog kind: the chat owes a document's number and date (or its file)


def ask_first(ctx: Ctx, target: WorkItem, note: str, config, found: ItemWork | None) -> bool:
    """Ask for the document before closing ``target`` when its product is one and neither the note nor
    the message brings it; True when asked (nothing recorded yet)."""
    if not getattr(config, "ask_document", False) or ctx.inbound.file is not None or target.status == "done":
        return False
    if found is None:  # a button: the item is loaded only now
        found = ctx.store.item_by_id(item_id=target.item_id)
    product = " ".join((found.item.product if found is not None else "").split())
    if not needs_document(product) or document_of(note) is not None:
        return False
    ctx.set_dialog(
        ASK,
        {"assignment_id": target.assignment_id, "code": target.code, "note": note.strip()},
        timedelta(minutes=config.dialog_minutes),
    )
    short = product if len(product) <= 80 else product[:79] + "…"
    ctx.reply(ev_texts.ASK.format(code=target.code, product=short, agency=target.agency))
    return True


def answer(ctx: Ctx, text: str, config) -> bool:
    """The answer to the question (the dialog is live): True when it was taken."""
    dialog = ctx.dialog
    if dialog is None or dialog.kind != ASK:
        return False
    code = str(dialog.data.get("code") or "")
    target = ctx.store.assignment(plan_id=ctx.plan_id, assignment_id=int(dialog.data.get("assignment_id") or 0))
    if target is None or (target.agency_id != ctx.agency.id and not ctx.coordinator):
        ctx.clear_dialog()
        ctx.reply(ev_texts.STALE.format(code=code or "—"))
        return True
    if ctx.inbound.file is None and declined(text):
        ctx.clear_dialog()
        ctx.reply(ev_texts.DECLINED.format(code=target.code, agency=target.agency))
        return True
    document = document_of(text)
    if ctx.inbound.file is None and document is None:
        ctx.reply(ev_texts.ASK_AGAIN.format(code=target.code))  # the question stays
        return True
    problem = work_cmds._date_problem(ctx, text, cited_document(text))
    if problem:
        ctx.reply(problem)  # the question stays: a corrected answer still closes
        return True
    ctx.clear_dialog()
    note = " ".join(p for p in (str(dialog.data.get("note") or ""), text.strip()) if p)
    work_cmds._close(ctx, target, note, config, document=document)
    return True


def expired(ctx: Ctx, dialog: Dialog, text: str, config) -> bool:
    """An answer after the question expired: nothing recorded, and how to start again. Only what looks
    like an answer (a file, a cited document, a "không") is taken; other text is handled as usual."""
    if ctx.inbound.file is None and document_of(text) is None and not declined(text):
        return False
    ctx.reply(ev_texts.EXPIRED.format(code=str(dialog.data.get("code") or "MÃ"), minutes=config.dialog_minutes))
    return True


work_cmds.BEFORE_CLOSE.append(ask_first)
work_cmds.EXTRA_TEXT.append(answer)
work_cmds.EXPIRED_TEXT[ASK] = expired
