"""The work commands: /viec, /xong, /tiendo, /hoantac, /xem, /trehan, and the buttons."""

from __future__ import annotations

from datetime import timedelta
from typing import Callable

from bot.core.context import Ctx
from bot.domain.agency_match import agency_like, match_lead
from bot.core.extension_view import extension_lines
from bot.core.period_cmds import close_period
from bot.domain.chat_records import AgencyRef, ItemWork
from bot.domain.folding import fold
from bot.domain.date_checks import impossible_date
from bot.domain.deadlines import Deadline
from bot.domain.effective import effective_deadline
from bot.domain.documents import cited_document
from bot.domain.texts import STATUS, vn_date
from bot.domain.texts import chat as chat_texts
from bot.domain.views import (
    WorkItem,
    agency_lines,
    at_phrase,
    closer_phrase,
    due_phrase,
    late_lines,
    open_button,
    reading,
    remaining_text,
    todo_entry,
    verbatim_cell,
)
from bot.ports import Button

LATE_DETAIL_LIMIT = 30  # overdue items listed in one /trehan answer before switching to counts
LATE_AGENCY_LIMIT = 25  # agencies listed in the counts view
# Buttons and pending questions of other command modules (bot/core/extension_cmds.py registers its own):
# data prefix → handler(ctx, kind, first id, config); answer handlers return True when they took the text.
EXTRA_BUTTONS: dict[str, Callable] = {}
EXTRA_TEXT: list[Callable] = []
OPEN_BUTTONS_PER_ROW = 4  # /viec: one short "📄 3.II" choice per item, four to a row


def _when(ctx: Ctx, at) -> str:
    return at_phrase(at.astimezone(ctx.zone) if at else None)


def _agency_named(ctx: Ctx, words: list[str], allowed: set[int] | None = None):
    """(agency, words left) for the longest prefix of ``words`` naming one agency."""
    known = ctx.agencies
    for k in range(len(words), 0, -1):
        found = known.directory.lookup(" ".join(words[:k]))
        if found.agency is not None and (allowed is None or known.ids[found.agency.key] in allowed):
            a = found.agency
            return AgencyRef(known.ids[a.key], a.key, a.name, a.kind), words[k:]
    return None, words


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
    ctx.set_dialog("choices", {"for": lead.assignment_id, "note": note}, timedelta(minutes=config.dialog_minutes))
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


def split_code(args: str) -> tuple[str, list[str]]:
    """The code and the words after it; the code may itself hold a space ("3 II")."""
    words = args.split()
    if len(words) >= 2 and words[0].isdigit() and words[1].strip(".").upper().strip("IVX") == "":
        return f"{words[0]} {words[1]}", words[2:]
    return (words[0], words[1:]) if words else ("", [])


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


def _close(ctx: Ctx, target: WorkItem, note_text: str, config) -> None:
    note, notice = _note(ctx, note_text, config)
    cited = cited_document(note)
    problem = _date_problem(ctx, note, cited)
    if problem:
        ctx.reply(problem)
        return
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
            ctx.reply(
                chat_texts.EVIDENCE_ADDED.format(
                    code=target.code, agency=target.agency, note=note, when=_when(ctx, current.closed_at)
                )
            )
            return
        ctx.reply(
            chat_texts.DONE_ALREADY.format(
                code=target.code,
                who=closer_phrase(current.closed_by, target.agency),
                when=_when(ctx, current.closed_at),
            )
        )
        return
    lines = [chat_texts.DONE_OK.format(agency=target.agency, code=target.code, title=target.title)]
    if note:
        lines.append(chat_texts.DONE_NOTE.format(note=note))
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
    if target is not None:
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


# --- /viec ------------------------------------------------------------------------------------
def _open_buttons(shown: list[WorkItem]) -> list[tuple[Button, ...]]:
    """One choice per item (open it to act), a few to a row."""
    buttons = [Button(*open_button(w.code, w.assignment_id)) for w in shown]
    return [tuple(buttons[i : i + OPEN_BUTTONS_PER_ROW]) for i in range(0, len(buttons), OPEN_BUTTONS_PER_ROW)]


def _agency_arg(ctx: Ctx, words: list[str]) -> AgencyRef | None:
    """The agency a command names (the sender's own when none); None after replying why not."""
    if not words:
        return ctx.agency
    named, _ = _agency_named(ctx, words)
    if named is None:
        ctx.reply(chat_texts.AGENCY_UNKNOWN.format(typed=" ".join(words)[:60]))
        return None
    if named.id != ctx.agency.id and not ctx.coordinator:
        ctx.reply(chat_texts.COORDINATOR_ONLY)
        return None
    return named


def cmd_todo(ctx: Ctx, args: str, config) -> None:
    words = args.split()
    page = int(words.pop()) if words and words[-1].isdigit() else 1
    agency = _agency_arg(ctx, words)
    if agency is not None:
        _todo_page(ctx, agency, page, config)


def _todo_page(ctx: Ctx, agency: AgencyRef, page: int, config) -> None:
    found = ctx.store.open_page(plan_id=ctx.plan_id, agency_id=agency.id, page=page, page_size=config.page_size)
    total, page, pages, shown = found.total, found.page, found.pages, found.items
    if not total:
        ctx.reply(chat_texts.TODO_EMPTY.format(agency=agency.name))
        return
    body = "\n".join(todo_entry(w, ctx.today) for w in shown) + "\n\n" + chat_texts.TODO_OPEN_HINT
    buttons = _open_buttons(list(shown))
    if pages > 1:
        body += " " + chat_texts.TODO_PAGE.format(page=page, pages=pages)
        if page < pages:
            buttons.append((Button(chat_texts.BTN_MORE, f"t:{page + 1}:{agency.id}"),))
    ctx.reply(body, title=chat_texts.TODO_TITLE.format(agency=agency.name, n=total), buttons=tuple(buttons))


# --- /xem -------------------------------------------------------------------------------------
def cmd_task(ctx: Ctx, args: str, config) -> None:
    code, rest = split_code(args)
    if not code:
        ctx.reply(chat_texts.USAGE["task"])
        return
    item = ctx.find_item(code)
    if item is not None:
        _show_item(ctx, item, whole=fold(" ".join(rest)) in FULL_TEXT_WORDS)


FULL_TEXT_WORDS = ("day du", "toan van", "full")  # "/xem 2.II đầy đủ": the whole content cell
CONTENT_LINES = 5  # a phone screen: the content's first lines, then how to see the rest


def _content_lines(content: str, code: str, whole: bool) -> list[str]:
    """The content as the plan writes it, cut to a screen's worth unless the whole text was asked for."""
    lines = content.splitlines() or [""]
    if whole or len(lines) <= CONTENT_LINES + 1:  # never "… 1 more line"
        return lines
    return [*lines[:CONTENT_LINES], chat_texts.TASK_CONTENT_MORE.format(n=len(lines) - CONTENT_LINES, code=code)]


def _show_item(ctx: Ctx, found: ItemWork, acting: WorkItem | None = None, *, whole: bool = False) -> None:
    """The item on a phone: resolved agencies one per line (with each lead's state), the deadline as written and
    as read, the product; the plan's cells verbatim last. ``acting``: the assignment whose buttons it shows
    (opened from /viec), else the sender's own."""
    item = found.item
    dl = effective_deadline(Deadline.from_dict(item.deadline), item.due_override)
    leads = found.leads
    coordinating = [w.agency for w in found.assignments if w.role != "lead"]
    mine = acting.agency_id if acting else (ctx.agency.id if ctx.agency else None)
    ordered = sorted(leads, key=lambda w: w.agency_id != mine)  # the reader's own agency first (stable)
    lead_states = [
        (w.agency, STATUS[w.status] + (f" ({_when(ctx, w.closed_at)})" if w.status == "done" else "")) for w in ordered
    ]
    done = sum(1 for w in leads if w.status == "done")
    lines = [*_content_lines(item.content, item.code, whole), ""]
    if leads:
        lines.append(chat_texts.TASK_STATUS.format(done=done, total=len(leads)))
        lines += agency_lines(lead_states)
    else:
        lines.append(chat_texts.TASK_LEAD.format(text=STATUS["unassigned"]))
    if coordinating:
        lines.append(chat_texts.TASK_COORD)
        lines += agency_lines([(name, "") for name in coordinating])
    lines.append(
        chat_texts.TASK_DEADLINE.format(
            text=item.deadline_text or "—",
            reading=reading(
                dl.kind, dl.due, dl.start, dl.flags, dl.recurrence.to_dict() if dl.recurrence else None, dl.reason
            ),
        )
    )
    if item.product:
        lines.append(chat_texts.TASK_PRODUCT.format(text=" ".join(item.product.split())))
    for note in item.footnotes or []:
        lines.append(f"¹ {note}")
    if item.surprise:
        lines.append(chat_texts.TASK_SURPRISE)
    unresolved = list(item.unresolved)
    if unresolved and ctx.coordinator:
        lines.append(chat_texts.TASK_UNRESOLVED.format(text="; ".join(unresolved)))
    verbatim = [
        verbatim_cell(cell, text, names)
        for cell, text, names in (
            ("chủ trì", item.lead_text, [w.agency for w in leads]),
            ("phối hợp", item.coordinating_text, coordinating),
        )
    ]
    verbatim = [line for line in verbatim if line]
    if verbatim:
        lines += ["", *verbatim]
    lines += extension_lines(ctx, item.id)
    own = acting or next((w for w in leads if ctx.agency and w.agency_id == ctx.agency.id), None)
    buttons: tuple[tuple[Button, ...], ...] = ()
    if own is not None and own.status != "done":
        buttons = (
            (
                Button(chat_texts.BTN_DONE, f"d:{own.assignment_id}"),
                Button(chat_texts.BTN_PROGRESS, f"p:{own.assignment_id}"),
            ),
        )
        buttons += ((Button(chat_texts.BTN_EXT_ASK, f"gx:{own.assignment_id}"),),) if own.due else ()
    ctx.reply("\n".join(lines), title=f"{item.code} — {item.section_title}", buttons=buttons)


# --- /trehan ----------------------------------------------------------------------------------
def cmd_late(ctx: Ctx, args: str, config) -> None:
    words = args.split()
    if not words and ctx.coordinator:
        _late_all(ctx)
        return
    agency = _agency_arg(ctx, words)
    if agency is not None:
        _late_for(ctx, agency)


def _late_for(ctx: Ctx, agency: AgencyRef) -> None:
    found = ctx.store.agency_overdue(plan_id=ctx.plan_id, agency_id=agency.id, today=ctx.today, limit=LATE_DETAIL_LIMIT)
    total = found.total
    if not total:
        ctx.reply(chat_texts.LATE_NONE.format(date=vn_date(ctx.today)))
        return
    lines = late_lines(list(found.items), ctx.today)
    if total > LATE_DETAIL_LIMIT:
        lines.append(chat_texts.LATE_MORE_ITEMS.format(n=total - LATE_DETAIL_LIMIT))
    ctx.reply(
        "\n".join(lines), title=chat_texts.LATE_TITLE_ONE.format(agency=agency.name, date=vn_date(ctx.today), n=total)
    )


def _late_all(ctx: Ctx) -> None:
    summary = ctx.store.overdue_summary(plan_id=ctx.plan_id, today=ctx.today, detail_limit=LATE_DETAIL_LIMIT)
    counts = summary.counts
    if not counts:
        ctx.reply(chat_texts.LATE_NONE.format(date=vn_date(ctx.today)))
        return
    total = summary.total
    title = chat_texts.LATE_TITLE.format(date=vn_date(ctx.today), n=total, agencies=len(counts))
    blocks = []
    if total <= LATE_DETAIL_LIMIT:
        for c in counts:
            mine = [w for w in summary.items if w.agency_id == c.agency_id]
            blocks.append(
                "\n".join([chat_texts.LATE_AGENCY.format(agency=c.agency, n=c.count)] + late_lines(mine, ctx.today))
            )
    else:
        for c in counts[:LATE_AGENCY_LIMIT]:
            oldest = due_phrase("date", c.oldest_due, False, ctx.today)
            blocks.append(
                chat_texts.LATE_AGENCY.format(agency=c.agency, n=c.count) + chat_texts.LATE_OLDEST.format(due=oldest)
            )
        if len(counts) > LATE_AGENCY_LIMIT:
            blocks.append(chat_texts.LATE_MORE.format(n=len(counts) - LATE_AGENCY_LIMIT))
    ctx.reply("\n\n".join(blocks), title=title)


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
            _show_item(ctx, item)
        return
    if kind == "o":  # an item opened from /viec: shown with that assignment's buttons
        target = ctx.store.assignment(plan_id=ctx.plan_id, assignment_id=first)
        found = ctx.store.item_by_id(item_id=target.item_id) if target is not None else None
        if found is None or (target.agency_id != ctx.agency.id and not ctx.coordinator) or not ctx.visible(found.item):
            ctx.reply(chat_texts.BUTTON_STALE)
        else:
            _show_item(ctx, found, acting=target)
        return
    if kind == "t":
        agency = ctx.store.agency(agency_id=int(parts[1])) if len(parts) > 1 and parts[1] else ctx.agency
        if agency is None or (agency.id != ctx.agency.id and not ctx.coordinator):
            ctx.reply(chat_texts.BUTTON_STALE)
            return
        _todo_page(ctx, agency, first, config)
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
            _close(ctx, target, "", config)
    elif kind == "k":
        _close(ctx, target, _carried_note(ctx, target.assignment_id), config)
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
        if expired is not None and expired.kind == "choices" and text.strip().isdigit():
            ctx.reply(chat_texts.CHOICE_EXPIRED.format(minutes=config.dialog_minutes))
            return True
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
    if dialog.kind == "choices":
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
