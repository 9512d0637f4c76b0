"""Extensions (gia hạn): /giahan by an officer, /duyetgiahan and /tuchoigiahan (or the buttons ✅/❌) by a
coordinator; the officer is told the outcome. Only that agency's assignment moves; the original date
stays on record (bot.domain.extensions)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.core import work_cmds
from bot.core.context import Ctx
from bot.core.arguments import split_code
from bot.domain import extensions as X
from bot.domain.choices import CHOICES_UNSENT, number_choices
from bot.domain.deadlines import parse_day
from bot.domain.extensions import Extension
from bot.domain.folding import fold
from bot.domain.texts import chat as chat_texts
from bot.domain.texts import vn_date
from bot.domain.views import WorkItem
from bot.ports import Button, Outbound

APPROVE, REFUSE, ASK = "ga", "gr", "gx"  # button data prefixes: approve / refuse a request, ask for one


def _typed(agency: str) -> str:
    """How a coordinator types the agency in a command (accents folded)."""
    return fold(agency)


def _problem(ctx: Ctx, error: str, target: WorkItem, new_due, ext: Extension | None) -> None:
    when = ""
    if ext is not None and ext.requested_at is not None:
        when = f"{ext.requested_at.astimezone(ctx.zone):%H:%M} {vn_date(ext.requested_at.astimezone(ctx.zone).date())}"
    shown_new = ext.new_due if error == X.ALREADY_PENDING and ext is not None else new_due
    ctx.reply(
        chat_texts.EXT_PROBLEM[error].format(
            code=target.code, agency=target.agency, due=vn_date(target.due), new_due=vn_date(shown_new), when=when
        )
    )


# --- /giahan ------------------------------------------------------------------------------------
def cmd_extend(ctx: Ctx, args: str, config) -> None:
    code, words = split_code(args)
    day = parse_day(words[0]) if words else None
    if not code or day is None:
        ctx.reply(chat_texts.EXT_USAGE)
        return
    found = ctx.find_item(code)
    if found is None:
        return
    target, reason = work_cmds._target(ctx, found, words[1:])
    if target is not None:
        _request(ctx, target, day, reason)


def _request(ctx: Ctx, target: WorkItem, day, reason: str) -> None:
    out = ctx.store.request_extension(
        plan_id=ctx.plan_id,
        assignment_id=target.assignment_id,
        new_due=day,
        reason=reason.strip(),
        actor=ctx.actor,
        channel=ctx.inbound.channel,
        chat_id=ctx.inbound.chat_id,
        now=ctx.now,
        today=ctx.today,
    )
    if out.error:
        _problem(ctx, out.error, target, day, out.extension)
        return
    ext = out.extension
    ctx.reply(
        chat_texts.EXT_ASKED.format(
            code=ext.code,
            agency=ext.agency,
            due=vn_date(ext.original_due),
            new_due=vn_date(ext.new_due),
            office=ctx.office,
        )
    )
    chats = [c for c in ctx.store.coordinator_chats(channel=ctx.inbound.channel) if c != ctx.inbound.chat_id]
    text = chat_texts.EXT_REQUEST.format(
        code=ext.code,
        agency=ext.agency,
        title=target.title,
        due=vn_date(ext.original_due),
        new_due=vn_date(ext.new_due),
        reason=ext.reason,
        actor=ext.requested_by,
        agency_typed=_typed(ext.agency),
    )
    buttons = (
        (
            Button(chat_texts.BTN_EXT_APPROVE, f"{APPROVE}:{ext.id}"),
            Button(chat_texts.BTN_EXT_REFUSE, f"{REFUSE}:{ext.id}"),
        ),
    )
    title = chat_texts.EXT_REQUEST_TITLE.format(code=ext.code)
    # coordinators on other channels (Zalo, e-mail…): queued, delivered like a reminder notice
    queued = ctx.store.extension_queue_notices(
        assignment_id=target.assignment_id,
        extension_id=ext.id,
        text=text,
        channel=ctx.inbound.channel,
        chat=f"{ctx.inbound.channel}:{ctx.inbound.chat_id}",
        day=ctx.today,
        now=ctx.now,
    )
    if not chats and not queued:
        ctx.reply(chat_texts.EXT_NO_COORDINATOR.format(office=ctx.office))
    elif queued:
        ctx.reply(chat_texts.EXT_QUEUED_OTHER.format(n=queued))
    for chat in chats:
        out_msg = Outbound(ctx.inbound.channel, chat, text, title, buttons)
        if not ctx.inbound.buttons:  # no buttons on this channel: numbered choices kept for that chat
            (out_msg,), mapping = number_choices([out_msg])
            ctx.store.set_dialog(  # counted once the transport delivered the message (CommandCore.reply_settled)
                channel=ctx.inbound.channel,
                chat_id=chat,
                kind=CHOICES_UNSENT,
                data=mapping,
                expires_at=ctx.now + timedelta(days=7),
            )
            out_msg = replace(out_msg, choices=True)
        ctx.out.append(out_msg)


# --- /duyetgiahan, /tuchoigiahan -----------------------------------------------------------------
def cmd_approve_extension(ctx: Ctx, args: str, config) -> None:
    _decide_typed(ctx, args, approve=True)


def cmd_refuse_extension(ctx: Ctx, args: str, config) -> None:
    _decide_typed(ctx, args, approve=False)


def _decide_typed(ctx: Ctx, args: str, *, approve: bool) -> None:
    if not ctx.coordinator:
        ctx.reply(chat_texts.COORDINATOR_ONLY.format(office=ctx.office))
        return
    code, words = split_code(args)
    if not code:
        ctx.reply(chat_texts.EXT_DECIDE_USAGE)
        return
    found = ctx.find_item(code)
    if found is None:
        return
    target, rest = work_cmds._target(ctx, found, words)
    if target is None:
        return
    pending = ctx.store.pending_extension(assignment_id=target.assignment_id)
    if pending is None:
        ctx.reply(chat_texts.EXT_NONE_PENDING.format(code=target.code, agency=target.agency))
        return
    _decide(ctx, pending.id, approve=approve, text=rest.strip())


def _decide(ctx: Ctx, extension_id: int, *, approve: bool, text: str = "") -> None:
    document = text if approve else ""
    if document and not X.document_valid(document, ctx.today):
        ctx.reply(chat_texts.EXT_FUTURE_DOCUMENT.format(typed=document[:80]))
        return
    out = ctx.store.decide_extension(
        extension_id=extension_id,
        approve=approve,
        actor=ctx.actor,
        channel=ctx.inbound.channel,
        now=ctx.now,
        document=document,
        note="" if approve else text,
    )
    ext = out.extension
    if ext is None:
        ctx.reply(chat_texts.BUTTON_STALE)
        return
    if out.error == X.STALE:
        ctx.reply(chat_texts.EXT_STALE.format(code=ext.code, agency=ext.agency, new_due=vn_date(ext.new_due)))
        return
    if out.error:
        ctx.reply(
            chat_texts.EXT_ALREADY.format(
                code=ext.code, agency=ext.agency, status=chat_texts.EXT_STATUS.get(out.error, out.error)
            )
        )
        return
    basis = chat_texts.EXT_BASIS.format(document=ext.document) if ext.document else ""
    why = chat_texts.EXT_WHY.format(note=ext.decision_note) if ext.decision_note else ""
    fields = dict(
        code=ext.code,
        agency=ext.agency,
        original=vn_date(ext.original_due),
        new_due=vn_date(ext.new_due),
        due=vn_date(ext.original_due),
        basis=basis,
        why=why,
    )
    if ext.status == X.APPROVED:
        ctx.reply(chat_texts.EXT_APPROVED.format(**fields))
        told = chat_texts.EXT_TOLD_APPROVED.format(**fields)
    else:
        ctx.reply(chat_texts.EXT_REFUSED.format(**fields))
        told = chat_texts.EXT_TOLD_REFUSED.format(**fields)
    if ext.chat_id and (ext.channel, ext.chat_id) != (ctx.inbound.channel, ctx.inbound.chat_id):
        if ext.channel == ctx.inbound.channel or ctx.inbound.channel == "web":  # the desk sends on any channel
            ctx.out.append(Outbound(ext.channel, ext.chat_id, told))
        else:  # asked on another channel: told through delivery
            ctx.store.extension_queue_notices(
                assignment_id=ext.assignment_id,
                extension_id=ext.id,
                text=told,
                channel=ctx.inbound.channel,
                chat=f"{ctx.inbound.channel}:{ctx.inbound.chat_id}",
                day=ctx.today,
                now=ctx.now,
                to=f"{ext.channel}:{ext.chat_id}",
            )


# --- buttons ------------------------------------------------------------------------------------
def on_button(ctx: Ctx, kind: str, first: int, config) -> None:
    """✅/❌ on a request (coordinators), ⏳ on a reminder or /xem (the agency's officer)."""
    if kind in (APPROVE, REFUSE):
        if not ctx.coordinator:
            ctx.reply(chat_texts.COORDINATOR_ONLY.format(office=ctx.office))
            return
        _decide(ctx, first, approve=kind == APPROVE)
        return
    target = ctx.store.assignment(plan_id=ctx.plan_id, assignment_id=first)
    if target is None or (target.agency_id != ctx.agency.id and not ctx.coordinator):
        ctx.reply(chat_texts.BUTTON_STALE)
        return
    ctx.set_dialog("extension_date", {"assignment_id": target.assignment_id}, timedelta(minutes=config.dialog_minutes))
    ctx.reply(chat_texts.EXT_ASK_DATE.format(code=target.code, agency=target.agency, due=vn_date(target.due)))


def on_plain_text(ctx: Ctx, text: str, config) -> bool:
    """The answer to "⏳ Xin gia hạn": a date and a reason; False when that is not the pending question."""
    dialog = ctx.dialog
    if dialog is None or dialog.kind != "extension_date":
        return False
    target = ctx.store.assignment(plan_id=ctx.plan_id, assignment_id=dialog.data.get("assignment_id", 0))
    words = text.split()
    day = parse_day(words[0]) if words else None
    if day is None:
        ctx.reply(chat_texts.EXT_USAGE)
        return True
    ctx.clear_dialog()
    if target is None or (target.agency_id != ctx.agency.id and not ctx.coordinator):
        ctx.reply(chat_texts.BUTTON_STALE)
    else:
        _request(ctx, target, day, " ".join(words[1:]))
    return True


work_cmds.EXTRA_BUTTONS.update({APPROVE: on_button, REFUSE: on_button, ASK: on_button})
work_cmds.EXTRA_TEXT.append(on_plain_text)
