"""The work commands: /viec, /xong, /tiendo, /hoantac, /xem, /trehan, and the buttons."""

from __future__ import annotations

from datetime import timedelta

from bot.core.context import Ctx
from bot.domain.documents import cited_document
from bot.domain.texts import STATUS, vn_date
from bot.domain.texts import chat as T
from bot.domain.views import WorkItem, due_phrase, item_buttons, late_lines, reading, remaining_text, todo_entry
from bot.ports import Button
from storage import registry, work
from storage.models import AgencyRow, ItemRow, SectionRow
from storage.queries import effective_deadline

LATE_DETAIL_LIMIT = 30   # overdue items listed in one /trehan answer before switching to counts
LATE_AGENCY_LIMIT = 25   # agencies listed in the counts view


def _when(ctx: Ctx, at) -> str:
    local = at.astimezone(ctx.zone) if at else None
    return f"{local:%H:%M} {vn_date(local.date())}" if local else "—"


def _agency_named(ctx: Ctx, words: list[str], allowed: set[int] | None = None):
    """(agency row, words left) for the longest prefix of ``words`` naming one agency."""
    ids = work.agency_ids(ctx.session)
    for k in range(len(words), 0, -1):
        found = ctx.directory.lookup(" ".join(words[:k]))
        if found.agency is not None and (allowed is None or ids[found.agency.key] in allowed):
            return ctx.session.get(AgencyRow, ids[found.agency.key]), words[k:]
    return None, words


def _target(ctx: Ctx, item: ItemRow, words: list[str]) -> tuple[WorkItem | None, str]:
    """The assignment a command acts on, and the note that follows; None after replying why not."""
    assigned = work.item_work(ctx.session, plan_id=ctx.plan_id, item_id=item.id)
    leads = [w for w in assigned if w.role == "lead"]
    lead_names = " ".join(item.lead_text.split()) if len(leads) > 4 else ", ".join(w.agency for w in leads)
    if ctx.coordinator:
        agency, rest = _agency_named(ctx, words, {w.agency_id for w in leads})
        if agency is not None:
            return next(w for w in leads if w.agency_id == agency.id), " ".join(rest)
        own = [w for w in leads if w.agency_id == ctx.agency.id]
        if own or len(leads) == 1:
            return (own or leads)[0], " ".join(words)
        if not leads:
            ctx.reply(T.NO_LEAD.format(code=item.code))
        else:
            ctx.reply(T.WHICH_AGENCY.format(code=item.code, n=len(leads), example="so tu phap"))
        return None, ""
    own = [w for w in leads if w.agency_id == ctx.agency.id]
    if own:
        return own[0], " ".join(words)
    if any(w.agency_id == ctx.agency.id for w in assigned):
        ctx.reply(T.ONLY_COORDINATING.format(agency=ctx.agency.name, code=item.code, leads=lead_names or "—"))
    else:
        ctx.reply(T.NOT_YOURS.format(code=item.code, agency=ctx.agency.name, leads=lead_names or "—"))
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
        return text[:config.note_limit], T.NOTE_TRUNCATED.format(limit=config.note_limit)
    return text, ""


def _item_and_target(ctx: Ctx, args: str, usage: str):
    code, words = split_code(args)
    if not code:
        ctx.reply(T.USAGE[usage])
        return None, None, ""
    item = ctx.find_item(code)
    if item is None:
        return None, None, ""
    target, rest = _target(ctx, item, words)
    return item, target, rest


# --- /xong ------------------------------------------------------------------------------------
def cmd_done(ctx: Ctx, args: str, config) -> None:
    item, target, rest = _item_and_target(ctx, args, "done")
    if target is not None:
        _close(ctx, target, rest, config)


def _close(ctx: Ctx, target: WorkItem, note_text: str, config) -> None:
    note, notice = _note(ctx, note_text, config)
    cited = cited_document(note)
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in cited.items()}
    if not work.close(ctx.session, assignment_id=target.assignment_id, actor=ctx.actor, note=note, now=ctx.now,
                      data={"document": data} if data else {}):
        current = work.work_of(ctx.session, plan_id=ctx.plan_id, assignment_id=target.assignment_id)
        ctx.reply(T.DONE_ALREADY.format(code=target.code, who=current.closed_by or "—",
                                        when=_when(ctx, current.closed_at)))
        return
    lines = [T.DONE_OK.format(agency=target.agency, code=target.code, title=target.title)]
    if note:
        lines.append(T.DONE_NOTE.format(note=note))
    if notice:
        lines.append(notice)
    left = work.count_open(ctx.session, plan_id=ctx.plan_id, agency_id=target.agency_id)
    lines.append(remaining_text(target.agency, left))
    ctx.reply("\n".join(lines), buttons=((Button(T.BTN_UNDO, f"u:{target.assignment_id}"),),))


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
    registry.set_dialog(ctx.session, channel=ctx.inbound.channel, chat_id=ctx.inbound.chat_id, kind="progress_note",
                        data={"assignment_id": target.assignment_id},
                        expires_at=ctx.now + timedelta(minutes=config.dialog_minutes))
    ctx.reply(T.PROGRESS_ASK.format(code=target.code, agency=target.agency))


def _record_progress(ctx: Ctx, target: WorkItem, text: str, config) -> None:
    note, notice = _note(ctx, text, config)
    work.progress(ctx.session, assignment_id=target.assignment_id, actor=ctx.actor, note=note, now=ctx.now)
    lines = [T.PROGRESS_OK.format(code=target.code, agency=target.agency, note=note)]
    if target.status == "done":
        lines.append(T.PROGRESS_ON_DONE.format(code=target.code))
    if notice:
        lines.append(notice)
    ctx.reply("\n".join(lines))


# --- /hoantac ---------------------------------------------------------------------------------
def cmd_undo(ctx: Ctx, args: str, config) -> None:
    item, target, _ = _item_and_target(ctx, args, "undo")
    if target is not None:
        _reopen(ctx, target)


def _reopen(ctx: Ctx, target: WorkItem) -> None:
    if work.reopen(ctx.session, assignment_id=target.assignment_id, actor=ctx.actor, now=ctx.now):
        ctx.reply(T.UNDO_OK.format(code=target.code, agency=target.agency))
    else:
        current = work.work_of(ctx.session, plan_id=ctx.plan_id, assignment_id=target.assignment_id)
        ctx.reply(T.UNDO_NOT_DONE.format(code=target.code, agency=target.agency, status=STATUS[current.status]))


# --- /viec ------------------------------------------------------------------------------------
def _item_buttons(w: WorkItem) -> tuple[Button, ...]:
    return tuple(Button(label, data) for label, data in item_buttons(w.code, w.assignment_id, w.item_id))


def _agency_arg(ctx: Ctx, words: list[str]) -> AgencyRow | None:
    """The agency a command names (the sender's own when none); None after replying why not."""
    if not words:
        return ctx.agency
    named, _ = _agency_named(ctx, words)
    if named is None:
        ctx.reply(T.AGENCY_UNKNOWN.format(typed=" ".join(words)[:60]))
        return None
    if named.id != ctx.agency.id and not ctx.coordinator:
        ctx.reply(T.COORDINATOR_ONLY)
        return None
    return named


def cmd_todo(ctx: Ctx, args: str, config) -> None:
    words = args.split()
    page = int(words.pop()) if words and words[-1].isdigit() else 1
    agency = _agency_arg(ctx, words)
    if agency is not None:
        _todo_page(ctx, agency, page, config)


def _todo_page(ctx: Ctx, agency: AgencyRow, page: int, config) -> None:
    total = work.count_open(ctx.session, plan_id=ctx.plan_id, agency_id=agency.id)
    if not total:
        ctx.reply(T.TODO_EMPTY.format(agency=agency.name))
        return
    pages = (total + config.page_size - 1) // config.page_size
    page = min(max(page, 1), pages)
    shown = work.open_work(ctx.session, plan_id=ctx.plan_id, agency_id=agency.id, limit=config.page_size,
                           offset=(page - 1) * config.page_size)
    body = "\n\n".join(todo_entry(w, ctx.today) for w in shown)
    buttons = [_item_buttons(w) for w in shown]
    if pages > 1:
        body += "\n\n" + T.TODO_PAGE.format(page=page, pages=pages)
        if page < pages:
            buttons.append((Button(T.BTN_MORE, f"t:{page + 1}:{agency.id}"),))
    ctx.reply(body, title=T.TODO_TITLE.format(agency=agency.name, n=total), buttons=tuple(buttons))


# --- /xem -------------------------------------------------------------------------------------
def cmd_task(ctx: Ctx, args: str, config) -> None:
    code, _ = split_code(args)
    if not code:
        ctx.reply(T.USAGE["task"])
        return
    item = ctx.find_item(code)
    if item is not None:
        _show_item(ctx, item)


def _show_item(ctx: Ctx, item: ItemRow) -> None:
    dl = effective_deadline(item)
    assigned = work.item_work(ctx.session, plan_id=ctx.plan_id, item_id=item.id)
    leads = [w for w in assigned if w.role == "lead"]
    lines = [item.content, "", T.TASK_LEAD.format(text=" ".join(item.lead_text.split()))]
    if item.coordinating_text:
        lines.append(T.TASK_COORD.format(text=" ".join(item.coordinating_text.split())))
    lines.append(T.TASK_DEADLINE.format(text=item.deadline_text or "—", reading=reading(
        dl.kind, dl.due, dl.start, dl.flags, dl.recurrence.to_dict() if dl.recurrence else None, dl.reason)))
    if item.product:
        lines.append(T.TASK_PRODUCT.format(text=" ".join(item.product.split())))
    for note in item.footnotes or []:
        lines.append(f"¹ {note}")
    if item.surprise:
        lines.append(T.TASK_SURPRISE)
    unresolved = [u["text"] for u in item.unresolved or []]
    if unresolved and ctx.coordinator:
        lines.append(T.TASK_UNRESOLVED.format(text="; ".join(unresolved)))
    done = sum(1 for w in leads if w.status == "done")
    if leads:
        lines += ["", T.TASK_STATUS.format(done=done, total=len(leads))]
        for w in leads[:20]:
            extra = f" ({_when(ctx, w.closed_at)})" if w.status == "done" else ""
            lines.append(T.STATUS_LINE.format(agency=w.agency, status=STATUS[w.status] + extra))
        if len(leads) > 20:
            lines.append(f"… và {len(leads) - 20} cơ quan khác")
    own = next((w for w in leads if ctx.agency and w.agency_id == ctx.agency.id), None)
    buttons = ()
    if own is not None and own.status != "done":
        buttons = ((Button(T.BTN_DONE, f"d:{own.assignment_id}"), Button(T.BTN_PROGRESS, f"p:{own.assignment_id}")),)
    section = ctx.session.get(SectionRow, item.section_id)
    ctx.reply("\n".join(lines), title=f"{item.code} — {section.title}", buttons=buttons)


# --- /trehan ----------------------------------------------------------------------------------
def cmd_late(ctx: Ctx, args: str, config) -> None:
    words = args.split()
    if not words and ctx.coordinator:
        _late_all(ctx)
        return
    agency = _agency_arg(ctx, words)
    if agency is not None:
        _late_for(ctx, agency)


def _late_for(ctx: Ctx, agency: AgencyRow) -> None:
    items = work.overdue_items(ctx.session, plan_id=ctx.plan_id, today=ctx.today, agency_ids=[agency.id],
                               limit=LATE_DETAIL_LIMIT + 1)
    if not items:
        ctx.reply(T.LATE_NONE.format(date=vn_date(ctx.today)))
        return
    total = work.count_overdue(ctx.session, plan_id=ctx.plan_id, today=ctx.today, agency_id=agency.id)
    lines = late_lines(items[:LATE_DETAIL_LIMIT], ctx.today)
    if total > LATE_DETAIL_LIMIT:
        lines.append(f"… và {total - LATE_DETAIL_LIMIT} việc khác")
    ctx.reply("\n".join(lines), title=T.LATE_TITLE_ONE.format(agency=agency.name, date=vn_date(ctx.today), n=total))


def _late_all(ctx: Ctx) -> None:
    counts = work.overdue_by_agency(ctx.session, plan_id=ctx.plan_id, today=ctx.today)
    if not counts:
        ctx.reply(T.LATE_NONE.format(date=vn_date(ctx.today)))
        return
    total = sum(c.count for c in counts)
    title = T.LATE_TITLE.format(date=vn_date(ctx.today), n=total, agencies=len(counts))
    blocks = []
    if total <= LATE_DETAIL_LIMIT:
        items = work.overdue_items(ctx.session, plan_id=ctx.plan_id, today=ctx.today)
        for c in counts:
            mine = [w for w in items if w.agency_id == c.agency_id]
            blocks.append("\n".join([T.LATE_AGENCY.format(agency=c.agency, n=c.count)] + late_lines(mine, ctx.today)))
    else:
        for c in counts[:LATE_AGENCY_LIMIT]:
            oldest = due_phrase("date", c.oldest_due, False, ctx.today)
            blocks.append(f"{T.LATE_AGENCY.format(agency=c.agency, n=c.count)} · lâu nhất {oldest}")
        if len(counts) > LATE_AGENCY_LIMIT:
            blocks.append(T.LATE_MORE.format(n=len(counts) - LATE_AGENCY_LIMIT))
    ctx.reply("\n\n".join(blocks), title=title)


# --- buttons and replies to questions -----------------------------------------------------------
def on_button(ctx: Ctx, data: str, config) -> None:
    kind, _, rest = data.partition(":")
    parts = rest.split(":")
    if not parts or not all(p.isdigit() for p in parts if p) or not parts[0]:
        ctx.reply(T.BUTTON_STALE)
        return
    first = int(parts[0])
    if kind == "v":
        item = ctx.session.get(ItemRow, first)
        if item is None or item.retired or not ctx.visible(item):
            ctx.reply(T.BUTTON_STALE)
        else:
            _show_item(ctx, item)
        return
    if kind == "t":
        agency = ctx.session.get(AgencyRow, int(parts[1])) if len(parts) > 1 and parts[1] else ctx.agency
        if agency is None or (agency.id != ctx.agency.id and not ctx.coordinator):
            ctx.reply(T.BUTTON_STALE)
            return
        _todo_page(ctx, agency, first, config)
        return
    target = work.work_of(ctx.session, plan_id=ctx.plan_id, assignment_id=first)
    if target is None or kind not in ("d", "p", "u"):
        ctx.reply(T.BUTTON_STALE)
        return
    if target.agency_id != ctx.agency.id and not ctx.coordinator:
        ctx.reply(T.NOT_YOUR_BUTTON.format(code=target.code, agency=target.agency))
        return
    if kind == "d":
        _close(ctx, target, "", config)
    elif kind == "p":
        _ask_progress(ctx, target, config)
    else:
        _reopen(ctx, target)


def on_plain_text(ctx: Ctx, text: str, config) -> bool:
    """Answer a pending question (a progress note, a numbered choice); False if none is pending."""
    dialog = registry.get_dialog(ctx.session, channel=ctx.inbound.channel, chat_id=ctx.inbound.chat_id, now=ctx.now)
    if dialog is None:
        return False
    if dialog.kind == "progress_note":
        target = work.work_of(ctx.session, plan_id=ctx.plan_id, assignment_id=dialog.data.get("assignment_id", 0))
        registry.clear_dialog(ctx.session, channel=ctx.inbound.channel, chat_id=ctx.inbound.chat_id)
        if target is None or (target.agency_id != ctx.agency.id and not ctx.coordinator):
            ctx.reply(T.BUTTON_STALE)
        elif text.strip():
            _record_progress(ctx, target, text, config)
        return True
    if dialog.kind == "choices":
        choice = text.strip()
        if not choice.isdigit():
            return False
        data = dialog.data.get(choice)
        if data is None:
            ctx.reply(T.CHOICE_UNKNOWN.format(n=choice))
        else:
            registry.clear_dialog(ctx.session, channel=ctx.inbound.channel, chat_id=ctx.inbound.chat_id)
            on_button(ctx, data, config)
        return True
    return False
