"""The reading commands: /viec (open work), /xem (one item), /trehan (overdue)."""

from __future__ import annotations


from bot.core.arguments import agency_named, split_code, when_phrase
from bot.core.context import Ctx
from bot.core.evidence_keep import evidence_lines
from bot.core.amend_view import amendment_lines
from bot.core.extension_view import extension_lines
from bot.core.period_cmds import late_period_lines, late_period_summary, missed_by_agency, todo_period_lines
from bot.domain.chat_records import AgencyRef, ItemWork
from bot.domain.folding import fold
from bot.domain.deadlines import Deadline
from bot.domain.effective import effective_deadline
from bot.domain.texts import STATUS, vn_date
from bot.domain.texts import chat as chat_texts
from bot.domain.views import (
    WorkItem,
    agency_lines,
    due_phrase,
    late_lines,
    open_button,
    reading,
    todo_entry,
    verbatim_cell,
)
from bot.ports import Button


LATE_DETAIL_LIMIT = 30  # overdue items listed in one /trehan answer before switching to counts
LATE_AGENCY_LIMIT = 25  # agencies listed in the counts view
OPEN_BUTTONS_PER_ROW = 4  # /viec: one short "📄 3.II" choice per item, four to a row


# --- /viec ------------------------------------------------------------------------------------
def _open_buttons(shown: list[WorkItem]) -> list[tuple[Button, ...]]:
    """One choice per item (open it to act), a few to a row."""
    buttons = [Button(*open_button(w.code, w.assignment_id)) for w in shown]
    return [tuple(buttons[i : i + OPEN_BUTTONS_PER_ROW]) for i in range(0, len(buttons), OPEN_BUTTONS_PER_ROW)]


def _agency_arg(ctx: Ctx, words: list[str]) -> AgencyRef | None:
    """The agency a command names (the sender's own when none); None after replying why not."""
    if not words:
        return ctx.agency
    named, _ = agency_named(ctx, words)
    if named is None:
        ctx.reply(chat_texts.AGENCY_UNKNOWN.format(typed=" ".join(words)[:60]))
        return None
    if named.id != ctx.agency.id and not ctx.coordinator:
        ctx.reply(chat_texts.COORDINATOR_ONLY.format(office=ctx.office))
        return None
    return named


def cmd_todo(ctx: Ctx, args: str, config) -> None:
    words = args.split()
    page = int(words.pop()) if words and words[-1].isdigit() else 1
    agency = _agency_arg(ctx, words)
    if agency is not None:
        todo_page(ctx, agency, page, config)


def todo_page(ctx: Ctx, agency: AgencyRef, page: int, config) -> None:
    """One page of an agency's open work, with a button per item and the pages around it."""
    found = ctx.store.open_page(plan_id=ctx.plan_id, agency_id=agency.id, page=page, page_size=config.page_size)
    total, page, pages, shown = found.total, found.page, found.pages, found.items
    if not total:
        ctx.reply(chat_texts.TODO_EMPTY.format(agency=agency.name))
        return
    periods = todo_period_lines(ctx, agency.id, list(shown), config)  # recurring work: its period and date
    body = (
        "\n".join(periods.get(w.assignment_id) or todo_entry(w, ctx.today) for w in shown)
        + "\n\n"
        + chat_texts.TODO_OPEN_HINT
    )
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
        show_item(ctx, item, whole=fold(" ".join(rest)) in FULL_TEXT_WORDS)


FULL_TEXT_WORDS = ("day du", "toan van", "full")  # "/xem 2.II đầy đủ": the whole content cell
CONTENT_LINES = 5  # a phone screen: the content's first lines, then how to see the rest


def _content_lines(content: str, code: str, whole: bool) -> list[str]:
    """The content as the plan writes it, cut to a screen's worth unless the whole text was asked for."""
    lines = content.splitlines() or [""]
    if whole or len(lines) <= CONTENT_LINES + 1:  # never "… 1 more line"
        return lines
    return [*lines[:CONTENT_LINES], chat_texts.TASK_CONTENT_MORE.format(n=len(lines) - CONTENT_LINES, code=code)]


def show_item(ctx: Ctx, found: ItemWork, acting: WorkItem | None = None, *, whole: bool = False) -> None:
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
        (w.agency, STATUS[w.status] + (f" ({when_phrase(ctx, w.closed_at)})" if w.status == "done" else ""))
        for w in ordered
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
    lines += evidence_lines(ctx, item.id, len(leads))
    lines += amendment_lines(ctx, item.id)
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
        _late_all(ctx, config)
        return
    agency = _agency_arg(ctx, words)
    if agency is not None:
        _late_for(ctx, agency, config)


def _late_for(ctx: Ctx, agency: AgencyRef, config=None) -> None:
    found = ctx.store.agency_overdue(plan_id=ctx.plan_id, agency_id=agency.id, today=ctx.today, limit=LATE_DETAIL_LIMIT)
    total = found.total
    periods = missed_by_agency(ctx, config, agency.id)  # recurring work: each period not reported
    if not total and not periods:
        ctx.reply(chat_texts.LATE_NONE.format(date=vn_date(ctx.today)))
        return
    lines = late_lines(list(found.items), ctx.today)
    if total > LATE_DETAIL_LIMIT:
        lines.append(chat_texts.LATE_MORE_ITEMS.format(n=total - LATE_DETAIL_LIMIT))
    if periods:
        lines += ([""] if lines else []) + late_period_lines(ctx, periods)
    ctx.reply(
        "\n".join(lines), title=chat_texts.LATE_TITLE_ONE.format(agency=agency.name, date=vn_date(ctx.today), n=total)
    )


def _late_all(ctx: Ctx, config=None) -> None:
    summary = ctx.store.overdue_summary(plan_id=ctx.plan_id, today=ctx.today, detail_limit=LATE_DETAIL_LIMIT)
    counts = summary.counts
    periods = missed_by_agency(ctx, config)  # recurring work: periods not reported, counted by period
    if not counts:
        if periods:
            ctx.reply("\n".join(late_period_summary(ctx, periods, LATE_AGENCY_LIMIT)))
        else:
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
    if periods:
        blocks.append("\n".join(late_period_summary(ctx, periods, LATE_AGENCY_LIMIT)))
    ctx.reply("\n\n".join(blocks), title=title)
