"""The work commands: /viec, /xong, /tiendo, /hoantac, /xem, /trehan, and the buttons."""

from __future__ import annotations

from datetime import timedelta
from typing import Callable

from bot.core import evidence_keep
from bot.core.arguments import split_code, when_phrase
from bot.core.context import Ctx
from bot.domain.agency_match import agency_like, match_lead
from bot.core.period_cmds import close_period, undo_period
from bot.core.view_cmds import show_item, todo_page
from bot.domain.chat_records import ItemWork
from bot.domain.choices import CHOICES, CHOICES_UNSENT
from bot.domain.date_checks import impossible_date
from bot.domain.documents import cited_document
from bot.domain.evidence import EvidenceIn
from bot.domain.texts import STATUS, vn_date
from bot.domain.texts import chat as chat_texts
from bot.domain.texts import evidence as ev_texts
from bot.domain.views import (
    WorkItem,
    closer_phrase,
    remaining_text,
)
from bot.ports import Button

# Buttons and pending questions of other command modules (bot/core/extension_cmds.py registers its own):
# data prefix → handler(ctx, kind, first id, config); answer handlers return True when they took the text.
EXTRA_BUTTONS: dict[str, Callable] = {}
EXTRA_TEXT: list[Callable] = []
# Checks that may ask a question before a closing is recorded, handler(ctx, target, note, config, found) →
# True when they asked (bot/core/evidence_cmds.py: the document an item's product is); and answers to an
# expired question by its dialog kind, handler(ctx, expired dialog, text, config) → True when taken.
BEFORE_CLOSE: list[Callable] = []
EXPIRED_TEXT: dict[str, Callable] = {}


def _lead_keys(ctx: Ctx, leads) -> dict[str, WorkItem]:
    """The item's lead assignments by agency key."""
    keys = {i: k for k, i in ctx.agencies.ids.items()}
    return {keys[w.agency_id]: w for w in leads if w.agency_id in keys}


def _ask_lead(ctx: Ctx, item, by_key: dict[str, WorkItem], match, typed: str) -> None:
    """The words do not name exactly one lead: say why and offer the best-matching leads."""
    if match.other is not None:
        a = ctx.agencies.directory.agencies[match.other]
        text = chat_texts.AGENCY_NOT_LEAD.format(agency=a.name, code=item.code)
    else:
        text = chat_texts.AGENCY_NEAR.format(typed=typed[:60], code=item.code)
    picks = [by_key[k] for k in match.candidates if k in by_key]
    buttons = tuple((Button(w.agency, f"k:{w.assignment_id}"),) for w in picks)
    if buttons:
        text += "\n" + chat_texts.PICK_LEAD.format(code=item.code)
    ctx.reply(text, buttons=buttons)


def _confirm_one(ctx: Ctx, lead: WorkItem, note: str, config) -> None:
    """A coordinator's /xong on a one-lead item without naming it: one tap confirms, with the note kept."""
    ctx.set_dialog(CHOICES, {"for": lead.assignment_id, "note": note}, timedelta(minutes=config.dialog_minutes))
    ctx.reply(
        chat_texts.CONFIRM_ONE_LEAD.format(code=lead.code, agency=lead.agency),
        buttons=((Button(chat_texts.BTN_CONFIRM_DONE.format(agency=lead.agency)[:60], f"k:{lead.assignment_id}"),),),
    )


def _target(
    ctx: Ctx, found: ItemWork, words: list[str], config=None, confirm: bool = False
) -> tuple[WorkItem | None, str]:
    """The assignment a command acts on, and the note that follows; None after replying why not.

    Words after the code that look like an agency must name exactly one lead (issue 12 §1); with
    ``confirm`` a coordinator naming no agency of a one-lead item not their own confirms first."""
    item, assigned = found.item, found.assignments
    leads = found.leads
    lead_names = " ".join(item.lead_text.split()) if len(leads) > 4 else ", ".join(w.agency for w in leads)
    if ctx.coordinator:
        if not leads:
            ctx.reply(chat_texts.NO_LEAD.format(code=item.code))
            return None, ""
        match = None
        if words:
            by_key = _lead_keys(ctx, leads)
            match = match_lead(ctx.agencies.directory, words, list(by_key))
            if match.key is not None:
                return by_key[match.key], " ".join(match.rest)
            if match.named:
                _ask_lead(ctx, item, by_key, match, " ".join(words))
                return None, ""
        own = [w for w in leads if w.agency_id == ctx.agency.id]
        if own:
            return own[0], " ".join(words)
        if len(leads) == 1:
            if confirm:
                _confirm_one(ctx, leads[0], " ".join(words), config)
                return None, ""
            return leads[0], " ".join(words)
        ctx.reply(chat_texts.WHICH_AGENCY.format(code=item.code, n=len(leads), example="so tu phap"))
        return None, ""
    own = [w for w in leads if w.agency_id == ctx.agency.id]
    if own:
        if words and agency_like(words):
            match = match_lead(ctx.agencies.directory, words, [ctx.agency.key])
            if match.key is not None:
                return own[0], " ".join(match.rest)
            ctx.reply(
                chat_texts.OFFICER_OTHER_NAME.format(typed=" ".join(words)[:60], agency=ctx.agency.name, code=item.code)
            )
            return None, ""
        return own[0], " ".join(words)
    if any(w.agency_id == ctx.agency.id for w in assigned):
        ctx.reply(chat_texts.ONLY_COORDINATING.format(agency=ctx.agency.name, code=item.code, leads=lead_names or "—"))
    else:
        ctx.reply(chat_texts.NOT_YOURS.format(code=item.code, agency=ctx.agency.name, leads=lead_names or "—"))
    return None, ""


def _note(ctx: Ctx, text: str, config) -> tuple[str, str]:
    text = text.strip()
    if len(text) > config.note_limit:
        return text[: config.note_limit], chat_texts.NOTE_TRUNCATED.format(limit=config.note_limit)
    return text, ""


def _item_and_target(ctx: Ctx, args: str, usage: str, config=None, confirm: bool = False):
    code, words = split_code(args)
    if not code:
        ctx.reply(chat_texts.USAGE[usage])
        return None, None, ""
    item = ctx.find_item(code)
    if item is None:
        return None, None, ""
    target, rest = _target(ctx, item, words, config, confirm)
    return item, target, rest


# --- /xong ------------------------------------------------------------------------------------
def cmd_done(ctx: Ctx, args: str, config) -> None:
    item, target, rest = _item_and_target(ctx, args, "done", config, confirm=True)
    if target is not None and not close_period(ctx, target, rest, config):  # recurring: one period
        if not any(ask(ctx, target, rest, config, item) for ask in BEFORE_CLOSE):
            _close(ctx, target, rest, config)


def _date_problem(ctx: Ctx, note: str, cited: dict) -> str | None:
    """Why the dates a note cites cannot be evidence (an impossible day, a document dated after today)."""
    bad = impossible_date(note)
    if bad is not None:
        fmt = chat_texts.DATE_BAD_MONTH if bad.bad_month else chat_texts.DATE_IMPOSSIBLE
        return fmt.format(day=bad.day, month=bad.month, year=bad.year)
    day = cited.get("date")
    if day is not None and day > ctx.today:
        return chat_texts.DOC_FUTURE.format(date=vn_date(day), today=vn_date(ctx.today))
    return None


def _close(ctx: Ctx, target: WorkItem, note_text: str, config, document: EvidenceIn | None = None) -> None:
    """Record the closing with its note; the message's file and ``document`` (an answer to the question for
    the document an item's product is) are kept as evidence (bot.core.evidence_keep)."""
    note, notice = _note(ctx, note_text, config)
    cited = cited_document(note)
    problem = _date_problem(ctx, note, cited)
    if problem:
        ctx.reply(problem)
        return
    if evidence_keep.refused(ctx, config):
        return
    with_evidence = ctx.inbound.file is not None or document is not None
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in cited.items()}
    left = ctx.store.close_assignment(
        plan_id=ctx.plan_id,
        assignment_id=target.assignment_id,
        item_id=target.item_id,
        agency_id=target.agency_id,
        actor=ctx.actor,
        note=note,
        now=ctx.now,
        data={"document": data} if data else {},
        channel=ctx.inbound.channel,
    )
    if left is None:
        current = ctx.store.assignment(plan_id=ctx.plan_id, assignment_id=target.assignment_id)
        if data and current is not None and current.status == "done":
            ctx.store.add_evidence(
                assignment_id=target.assignment_id,
                item_id=target.item_id,
                actor=ctx.actor,
                note=note,
                now=ctx.now,
                data={"document": data} if data else {},
            )
            kept = evidence_keep.keep(ctx, target, document) if with_evidence else []
            ctx.reply(
                "\n".join(
                    [
                        chat_texts.EVIDENCE_ADDED.format(
                            code=target.code, agency=target.agency, note=note, when=when_phrase(ctx, current.closed_at)
                        ),
                        *kept,
                    ]
                )
            )
            return
        if with_evidence and current is not None and current.status == "done":
            kept = evidence_keep.keep(ctx, target, document)
            when = when_phrase(ctx, current.closed_at)
            ctx.reply(
                "\n".join([ev_texts.ADDED_LATER.format(code=target.code, agency=target.agency, when=when), *kept])
            )
            return
        ctx.reply(
            chat_texts.DONE_ALREADY.format(
                code=target.code,
                who=closer_phrase(current.closed_by, target.agency),
                when=when_phrase(ctx, current.closed_at),
            )
        )
        return
    lines = [chat_texts.DONE_OK.format(agency=target.agency, code=target.code, title=target.title)]
    if note:
        lines.append(chat_texts.DONE_NOTE.format(note=note))
    if with_evidence:
        lines += evidence_keep.keep(ctx, target, document)
    if notice:
        lines.append(notice)
    lines.append(remaining_text(target.agency, left))
    ctx.reply("\n".join(lines), buttons=((Button(chat_texts.BTN_UNDO, f"u:{target.assignment_id}"),),))


# --- /tiendo ----------------------------------------------------------------------------------
def cmd_progress(ctx: Ctx, args: str, config) -> None:
    item, target, rest = _item_and_target(ctx, args, "progress")
    if target is None:
        return
    if not rest.strip():
        _ask_progress(ctx, target, config)
        return
    _record_progress(ctx, target, rest, config)


def _ask_progress(ctx: Ctx, target: WorkItem, config) -> None:
    ctx.set_dialog("progress_note", {"assignment_id": target.assignment_id}, timedelta(minutes=config.dialog_minutes))
    ctx.reply(chat_texts.PROGRESS_ASK.format(code=target.code, agency=target.agency))


def _record_progress(ctx: Ctx, target: WorkItem, text: str, config) -> None:
    note, notice = _note(ctx, text, config)
    ctx.store.record_progress(
        assignment_id=target.assignment_id,
        item_id=target.item_id,
        actor=ctx.actor,
        note=note,
        now=ctx.now,
        channel=ctx.inbound.channel,
    )
    lines = [chat_texts.PROGRESS_OK.format(code=target.code, agency=target.agency, note=note)]
    if target.status == "done":
        lines.append(chat_texts.PROGRESS_ON_DONE.format(code=target.code))
    if notice:
        lines.append(notice)
    ctx.reply("\n".join(lines))


# --- /hoantac ---------------------------------------------------------------------------------
def cmd_undo(ctx: Ctx, args: str, config) -> None:
    item, target, _ = _item_and_target(ctx, args, "undo")
    if target is not None and not undo_period(ctx, target):  # recurring: the period recorded last
        _reopen(ctx, target)


def _reopen(ctx: Ctx, target: WorkItem) -> None:
    if ctx.store.reopen_assignment(
        assignment_id=target.assignment_id,
        item_id=target.item_id,
        actor=ctx.actor,
        now=ctx.now,
        channel=ctx.inbound.channel,
    ):
        ctx.reply(chat_texts.UNDO_OK.format(code=target.code, agency=target.agency))
    else:
        current = ctx.store.assignment(plan_id=ctx.plan_id, assignment_id=target.assignment_id)
        ctx.reply(
            chat_texts.UNDO_NOT_DONE.format(code=target.code, agency=target.agency, status=STATUS[current.status])
        )


# --- buttons and replies to questions -----------------------------------------------------------
def on_button(ctx: Ctx, data: str, config) -> None:
    kind, _, rest = data.partition(":")
    parts = rest.split(":")
    if not parts or not all(p.isdigit() for p in parts if p) or not parts[0]:
        ctx.reply(chat_texts.BUTTON_STALE)
        return
    first = int(parts[0])
    if kind in EXTRA_BUTTONS:
        EXTRA_BUTTONS[kind](ctx, kind, first, config)
        return
    if kind == "v":
        item = ctx.store.item_by_id(item_id=first)
        if item is None or not ctx.visible(item.item):
            ctx.reply(chat_texts.BUTTON_STALE)
        else:
            show_item(ctx, item)
        return
    if kind == "o":  # an item opened from /viec: shown with that assignment's buttons
        target = ctx.store.assignment(plan_id=ctx.plan_id, assignment_id=first)
        found = ctx.store.item_by_id(item_id=target.item_id) if target is not None else None
        if found is None or (target.agency_id != ctx.agency.id and not ctx.coordinator) or not ctx.visible(found.item):
            ctx.reply(chat_texts.BUTTON_STALE)
        else:
            show_item(ctx, found, acting=target)
        return
    if kind == "t":
        agency = ctx.store.agency(agency_id=int(parts[1])) if len(parts) > 1 and parts[1] else ctx.agency
        if agency is None or (agency.id != ctx.agency.id and not ctx.coordinator):
            ctx.reply(chat_texts.BUTTON_STALE)
            return
        todo_page(ctx, agency, first, config)
        return
    if kind in DATE_BUTTONS:
        DATE_BUTTONS[kind](ctx, parts, config)
        return
    target = ctx.store.assignment(plan_id=ctx.plan_id, assignment_id=first)
    if target is None or kind not in ("d", "p", "u", "k"):
        ctx.reply(chat_texts.BUTTON_STALE)
        return
    if target.agency_id != ctx.agency.id and not ctx.coordinator:
        ctx.reply(chat_texts.NOT_YOUR_BUTTON.format(code=target.code, agency=target.agency))
        return
    if kind == "d":
        if not close_period(ctx, target, "", config):  # recurring: one period
            if not any(ask(ctx, target, "", config, None) for ask in BEFORE_CLOSE):
                _close(ctx, target, "", config)
    elif kind == "k":
        note = _carried_note(ctx, target.assignment_id)
        if not any(ask(ctx, target, note, config, None) for ask in BEFORE_CLOSE):
            _close(ctx, target, note, config)
    elif kind == "p":
        _ask_progress(ctx, target, config)
    else:
        _reopen(ctx, target)


def _carried_note(ctx: Ctx, assignment_id: int) -> str:
    """The note a one-tap confirmation carries (kept in the chat's dialog with the question)."""
    data = ctx.carried or (ctx.dialog.data if ctx.dialog is not None else {})
    return str(data.get("note") or "") if data.get("for") == assignment_id else ""


# Buttons that confirm a date outside the plan's period ("i": an inspection, "s": a due date); the
# coordinators' commands register them (bot.core.admin_cmds).
DATE_BUTTONS: dict = {}


def on_plain_text(ctx: Ctx, text: str, config) -> bool:
    """Answer a pending question (a progress note, a numbered choice); False if none is pending."""
    dialog = ctx.dialog
    if dialog is None:
        expired = ctx.stored_dialog
        ctx.clear_dialog()  # an expired one, if any
        if expired is not None and expired.kind in (CHOICES, CHOICES_UNSENT) and text.strip().isdigit():
            ctx.reply(chat_texts.CHOICE_EXPIRED.format(minutes=config.dialog_minutes))
            return True
        if expired is not None and expired.kind in EXPIRED_TEXT:
            return bool(EXPIRED_TEXT[expired.kind](ctx, expired, text, config))
        return False
    if any(answer(ctx, text, config) for answer in EXTRA_TEXT):
        return True
    if dialog.kind == "progress_note":
        target = ctx.store.assignment(plan_id=ctx.plan_id, assignment_id=dialog.data.get("assignment_id", 0))
        ctx.clear_dialog()
        if target is None or (target.agency_id != ctx.agency.id and not ctx.coordinator):
            ctx.reply(chat_texts.BUTTON_STALE)
        elif text.strip():
            _record_progress(ctx, target, text, config)
        return True
    if dialog.kind == CHOICES_UNSENT:  # their message has not reached the chat: a "1" means none of them
        choice = text.strip()
        if not choice.isdigit():
            return False
        ctx.reply(chat_texts.CHOICE_UNKNOWN.format(n=choice))
        return True
    if dialog.kind == CHOICES:
        choice = text.strip()
        if not choice.isdigit():
            return False
        data = dialog.data.get(choice)
        if data is None:
            ctx.reply(chat_texts.CHOICE_UNKNOWN.format(n=choice))
        else:
            ctx.carried = dict(dialog.data)
            ctx.clear_dialog()
            on_button(ctx, data, config)
        return True
    return False
