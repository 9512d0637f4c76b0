"""/xong on recurring and ongoing work: one period at a time, and ongoing work is not closed mid-plan.

``close_period`` is the recurring branch of /xong (bot/core/work_cmds.py): it returns True when it
answered, False when the ordinary closing applies (a plain item, or a coordinator ending ongoing work
with a reason). ``undo_period`` is the recurring branch of /hoantac: the period recorded last is open again.
"""

from __future__ import annotations

from datetime import date

from bot.core.context import Ctx
from bot.domain.documents import cited_document
from bot.domain.period_work import PeriodWork
from bot.domain.periods import (
    DueDefaults,
    Period,
    find_period,
    label_of,
    open_periods,
    period_to_close,
)
from bot.domain.texts import vn_date
from bot.domain.texts import chat as chat_texts
from bot.domain.texts import periods as PT
from bot.domain.plan import short_title
from bot.domain.texts import STATUS
from bot.domain.views import TODO_TITLE_CHARS, WorkItem

RECURRING, ONGOING = "recurring", "ongoing"
MISSED_LISTED = 4  # open past periods named after a closing


def close_period(ctx: Ctx, target: WorkItem, note_text: str, config) -> bool:
    """Handle /xong for a recurring or ongoing assignment; False when the ordinary closing applies."""
    if target.kind not in (RECURRING, ONGOING):
        return False
    if target.kind == ONGOING and (
        getattr(config, "officers_close_ongoing", False) or (ctx.coordinator and note_text.strip())
    ):
        return False  # the ordinary closing, no query spent
    facts = ctx.store.period_facts(assignment_id=target.assignment_id)
    if facts is None:
        return False
    if target.kind == ONGOING:
        return _ongoing(ctx, target, note_text, facts)
    defaults = getattr(config, "period_due", None) or DueDefaults()
    periods = facts.periods(
        defaults=defaults, default_freq=getattr(config, "default_recurrence", "quarterly"), today=ctx.today
    )
    closed = facts.closed
    words = note_text.strip()
    chosen, rest = find_period(periods, words, ctx.today)
    if chosen is None and rest != words:  # a period was named that this duty does not have
        _unknown(ctx, target, words, periods, closed)
        return True
    if chosen is None:
        chosen = period_to_close(periods, closed, ctx.today)
        if chosen is None:
            ctx.reply(PT.OCC_NONE_OPEN.format(code=target.code, agency=target.agency))
            return True
    if chosen.key in closed:
        done = facts.record(chosen.key)
        ctx.reply(
            PT.OCC_ALREADY.format(
                label=chosen.label,
                agency=target.agency,
                code=target.code,
                who=done.closed_by or "—",
                when=_closed_when(ctx, done.closed_at),
            )
        )
        return True
    note, notice = rest, ""
    if len(note) > config.note_limit:
        note, notice = note[: config.note_limit], chat_texts.NOTE_TRUNCATED.format(limit=config.note_limit)
    cited = cited_document(note)
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in cited.items()}
    if not ctx.store.record_period(
        assignment_id=target.assignment_id,
        item_id=target.item_id,
        period=chosen.key,
        due=chosen.due,
        status="done",
        actor=ctx.actor,
        note=note,
        now=ctx.now,
        data={"document": data} if data else {},
        channel=ctx.inbound.channel,
    ):
        ctx.reply(PT.OCC_ALREADY.format(label=chosen.label, agency=target.agency, code=target.code, who="—", when="—"))
        return True
    lines = [PT.OCC_DONE.format(label=chosen.label, agency=target.agency, code=target.code, title=target.title)]
    if note:
        lines.append(chat_texts.DONE_NOTE.format(note=note))
    if notice:
        lines.append(notice)
    lines += _what_is_left(ctx, periods, closed | {chosen.key})
    ctx.reply("\n".join(lines))
    return True


def undo_period(ctx: Ctx, target: WorkItem) -> bool:
    """/hoantac on recurring work: forget the period recorded last (and say which); False when the
    ordinary undo applies (not recurring work)."""
    if target.kind != RECURRING:
        return False
    record = ctx.store.period_undo_latest(
        assignment_id=target.assignment_id,
        item_id=target.item_id,
        actor=ctx.actor,
        now=ctx.now,
        channel=ctx.inbound.channel,
    )
    if record is None:
        ctx.reply(PT.OCC_UNDO_NONE.format(code=target.code, agency=target.agency))
        return True
    ctx.reply(PT.OCC_UNDONE.format(label=label_of(record.period), agency=target.agency, code=target.code))
    return True


def _ongoing(ctx: Ctx, target: WorkItem, note_text: str, facts) -> bool:
    """Officers report progress on ongoing work; a coordinator may end it, with a reason."""
    if not ctx.coordinator:
        until = facts.deadline.get("due")
        shown = vn_date(date.fromisoformat(until)) if until and not facts.deadline.get("open_ended") else PT.OPEN_END
        ctx.reply(PT.ONGOING_NOT_CLOSABLE.format(code=target.code, until=shown))
        return True
    if not note_text.strip():
        ctx.reply(PT.ONGOING_END_NEEDS_REASON.format(code=target.code))
        return True
    return False


def _unknown(ctx: Ctx, target: WorkItem, words: str, periods: list[Period], closed) -> None:
    still = [p.label for p in open_periods(periods, closed) if p.first <= ctx.today][:MISSED_LISTED] or ["—"]
    ctx.reply(PT.OCC_UNKNOWN.format(words=words, code=target.code, open=", ".join(still)))


def _what_is_left(ctx: Ctx, periods: list[Period], closed) -> list[str]:
    """The next period due, and past periods still not reported."""
    left = open_periods(periods, closed)
    missed = [p for p in left if p.due < ctx.today]
    lines = []
    if missed:
        lines.append(PT.OCC_MISSED.format(n=len(missed), labels=", ".join(p.label for p in missed[:MISSED_LISTED])))
    upcoming = next((p for p in left if p.due >= ctx.today), None)
    if upcoming is not None:
        lines.append(PT.OCC_NEXT.format(label=upcoming.label, due=vn_date(upcoming.due)))
    return lines


def _closed_when(ctx: Ctx, at) -> str:
    local = at.astimezone(ctx.zone) if at else None
    return f"{local:%H:%M} {vn_date(local.date())}" if local else "—"


# --- /viec and /trehan: recurring work names its period -----------------------------------------
def _rules(config) -> dict:
    return {
        "defaults": getattr(config, "period_due", None) or DueDefaults(),
        "default_freq": getattr(config, "default_recurrence", None) or "quarterly",
    }


def todo_period_lines(ctx: Ctx, agency_id: int, shown: list[WorkItem], config) -> dict[int, str]:
    """/viec: assignment id → the line of a recurring item, naming the period to report (the oldest one
    missed, else the next one) and its own date; one query, only when the page shows recurring work."""
    if not any(w.kind == RECURRING for w in shown):
        return {}
    work = {p.assignment_id: p for p in ctx.store.period_open_work(plan_id=ctx.plan_id, agency_id=agency_id)}
    out = {}
    for w in shown:
        pw = work.get(w.assignment_id)
        if pw is None:
            continue
        current = pw.current(today=ctx.today, **_rules(config))
        if current is None:
            continue
        missed = pw.missed(today=ctx.today, **_rules(config))
        out[w.assignment_id] = PT.TODO_PERIOD.format(
            code=w.code,
            label=current.label,
            due=vn_date(current.due),
            late=PT.PERIOD_LATE_DAYS.format(n=(ctx.today - current.due).days) if current.due < ctx.today else "",
            more=PT.MORE_MISSED.format(n=len(missed)) if len(missed) > 1 else "",
            status=f" · {STATUS[w.status]}" if w.status != "open" else "",
            title=short_title(w.content, TODO_TITLE_CHARS),
        )
    return out


def missed_by_agency(ctx: Ctx, config, agency_id: int | None = None) -> list[tuple[PeriodWork, list[Period]]]:
    """Open recurring work with periods past due and not reported (of one agency, or all)."""
    out = []
    rules = _rules(config)
    periods: dict[tuple, list[Period]] = {}  # computed once per item (and start, due date), not per agency
    for pw in ctx.store.period_open_work(plan_id=ctx.plan_id, agency_id=agency_id):
        key = (pw.item_id, pw.start, pw.due)
        if key not in periods:
            periods[key] = pw.periods(today=ctx.today, **rules)
        missed = pw.missed(today=ctx.today, periods=periods[key], **rules)
        if missed:
            out.append((pw, missed))
    return out


def late_period_lines(ctx: Ctx, found: list[tuple[PeriodWork, list[Period]]]) -> list[str]:
    """/trehan for one agency: each period not reported, with its own date."""
    n = sum(len(m) for _, m in found)
    lines = [PT.LATE_PERIODS_HEAD.format(n=n)]
    for pw, missed in found:
        lines += [
            PT.LATE_PERIOD_LINE.format(code=pw.code, label=p.label, due=vn_date(p.due), n=(ctx.today - p.due).days)
            for p in missed
        ]
    return lines


def late_period_summary(ctx: Ctx, found: list[tuple[PeriodWork, list[Period]]], limit: int) -> list[str]:
    """/trehan for everyone: periods not reported, counted by item and period (how many agencies)."""
    counts: dict[tuple[str, str], tuple[Period, int]] = {}
    for pw, missed in found:
        for p in missed:
            key = (pw.code, p.key)
            counts[key] = (p, counts.get(key, (p, 0))[1] + 1)
    n = sum(len(m) for _, m in found)
    lines = [PT.LATE_PERIODS_ALL.format(n=n, agencies=len({pw.agency_id for pw, _ in found}))]
    for (code, _), (p, k) in sorted(counts.items(), key=lambda kv: (kv[1][0].due, kv[0][0]))[:limit]:
        lines.append(PT.LATE_PERIOD_AGENCIES.format(code=code, label=p.label, due=vn_date(p.due), n=k))
    return lines
