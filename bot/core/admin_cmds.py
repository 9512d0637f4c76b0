"""Commands beyond the daily work: inspections, reports and exports (coordinators), channel preference."""

from __future__ import annotations

from datetime import date

from bot.core import work_cmds
from bot.core.context import Ctx
from bot.core.arguments import split_code
from bot.domain.date_checks import impossible_date, outside_period, plan_period
from bot.domain.deadlines import Deadline, parse_day
from bot.domain.folding import fold
from bot.domain.texts import chat as chat_texts
from bot.domain.texts import reminders as reminder_texts
from bot.domain.texts import vn_date
from bot.domain.views import reading
from bot.ports import Attachment, Button, Outbound
from bot.reports import build
from bot.reports.build import with_rules


def _office_only(ctx: Ctx, command: str) -> bool:
    """Refuse an officer a coordinators' command with its own reason; True when refused."""
    if ctx.coordinator:
        return False
    ctx.reply(chat_texts.OFFICE_ONLY.format(command=command, office=ctx.office))
    return True


def _day(ctx: Ctx, text: str) -> date | None:
    """The day typed, or None after saying why it is not one (an impossible day is named)."""
    bad = impossible_date(text)
    if bad is not None:
        fmt = chat_texts.DATE_BAD_MONTH if bad.bad_month else chat_texts.DATE_IMPOSSIBLE
        ctx.reply(fmt.format(day=bad.day, month=bad.month, year=bad.year))
        return None
    day = parse_day(text)
    if day is None:
        ctx.reply(chat_texts.BAD_DAY.format(text=text[:30]))
    return day


def _outside(ctx: Ctx, day: date, kind: str, item_id: int) -> bool:
    """A day outside the plan's period needs a confirmation (a button); True when one was asked for."""
    start, end = plan_period(ctx.plan_year)
    if not outside_period(day, start, end):
        return False
    ctx.reply(
        chat_texts.OUTSIDE_PLAN.format(date=vn_date(day), start=vn_date(start), end=vn_date(end)),
        buttons=((Button(chat_texts.BTN_CONFIRM_DATE.format(date=vn_date(day)), f"{kind}:{item_id}:{day:%Y%m%d}"),),),
    )
    return True


def _confirmed_day(ctx: Ctx, parts: list[str]):
    """(item, day) of a date-confirmation button; None after replying that it no longer applies."""
    if not ctx.coordinator:
        ctx.reply(chat_texts.OFFICE_ONLY.format(command="lichkiemtra", office=ctx.office))
        return None
    found = ctx.store.item_by_id(item_id=int(parts[0])) if len(parts) == 2 and len(parts[1]) == 8 else None
    if found is None:
        ctx.reply(chat_texts.BUTTON_STALE)
        return None
    v = parts[1]
    return found, date(int(v[:4]), int(v[4:6]), int(v[6:]))


def cmd_inspect(ctx: Ctx, args: str, config) -> None:
    if _office_only(ctx, "lichkiemtra"):
        return
    code, rest = split_code(args)
    if not code or not rest:
        ctx.reply(reminder_texts.INSPECTION_USAGE)
        return
    day = _day(ctx, rest[0])
    if day is None:
        return
    found = ctx.find_item(code)
    if found is None:
        return
    item = found.item
    if item.type != "inspection":
        ctx.reply(reminder_texts.INSPECTION_NOT.format(code=item.code))
        return
    if not _outside(ctx, day, "i", item.id):
        _schedule(ctx, item, day, config)


def _inspect_confirmed(ctx: Ctx, parts: list[str], config) -> None:
    picked = _confirmed_day(ctx, parts)
    if picked is not None and picked[0].item.type == "inspection":
        _schedule(ctx, picked[0].item, picked[1], config)


def _schedule(ctx: Ctx, item, day: date, config) -> None:
    ctx.store.schedule_inspection(item_id=item.id, day=day, actor=ctx.actor, now=ctx.now, channel=ctx.inbound.channel)
    notice = (
        reminder_texts.INSPECTION_SECRET
        if item.surprise
        else reminder_texts.INSPECTION_NOTICE.format(
            n=config.inspection_notice,
            on=vn_date(config.calendar.add_working_days(day, -config.inspection_notice)) if config.calendar else "",
        )
    )
    ctx.reply(reminder_texts.INSPECTION_SET.format(code=item.code, date=vn_date(day), notice=notice))


# --- /baocao, /xuatbaocao (coordinators) -----------------------------------------------------------
def cmd_report(ctx: Ctx, args: str, config) -> None:
    if _office_only(ctx, "baocao"):
        return
    data = with_rules(ctx.store.report_data(plan_id=ctx.plan_id, zone=ctx.zone), config)
    title, text, png = build.report(data, ctx.today, calendar=config.calendar)
    ctx.reply(text, title=title)
    ctx.out.append(
        Outbound(
            ctx.inbound.channel,
            ctx.inbound.chat_id,
            "",
            attachment=Attachment(f"bieu-do-{ctx.today:%Y-%m-%d}.png", png, "photo", title),
        )
    )


def cmd_export(ctx: Ctx, args: str, config) -> None:
    if _office_only(ctx, "xuatbaocao"):
        return
    data, _ = build.export(
        with_rules(ctx.store.report_data(plan_id=ctx.plan_id, zone=ctx.zone, with_history=True), config), ctx.today
    )
    caption = reminder_texts.EXPORT_CAPTION.format(year=ctx.plan_year, date=vn_date(ctx.today))
    ctx.out.append(
        Outbound(
            ctx.inbound.channel,
            ctx.inbound.chat_id,
            "",
            attachment=Attachment(f"bao-cao-{ctx.plan_year}-den-{ctx.today:%Y-%m-%d}.xlsx", data, "document", caption),
        )
    )


# --- /kenh ---------------------------------------------------------------------------------------------
def cmd_channel(ctx: Ctx, args: str, config) -> None:
    choice = fold(args.strip()).split()[0] if args.strip() else ""
    if choice not in chat_texts.CHANNEL_NAMES:
        ctx.reply(chat_texts.CHANNEL_USAGE)
        return
    if not ctx.store.set_preferred_channel(person=ctx.officer.person, channel=choice):
        ctx.reply(chat_texts.CHANNEL_MISSING.format(channel=chat_texts.CHANNEL_NAMES[choice]))
        return
    ctx.reply(chat_texts.CHANNEL_OK.format(channel=chat_texts.CHANNEL_NAMES[choice]))


# --- /dathan, /xacnhan (coordinators): a date for an undated item, a flagged deadline accepted ----------
def cmd_setdue(ctx: Ctx, args: str, config) -> None:
    if _office_only(ctx, "dathan"):
        return
    code, rest = split_code(args)
    if not code or not rest:
        ctx.reply(chat_texts.USAGE_SET_DUE)
        return
    day = _day(ctx, rest[0])
    if day is None:
        return
    found = ctx.find_item(code)
    if found is not None and not _outside(ctx, day, "s", found.item.id):
        _set_due(ctx, found.item.code, day)


def _set_due_confirmed(ctx: Ctx, parts: list[str], config) -> None:
    picked = _confirmed_day(ctx, parts)
    if picked is not None:
        _set_due(ctx, picked[0].item.code, picked[1])


def _set_due(ctx: Ctx, code: str, day: date) -> None:
    dl = ctx.store.set_item_due(plan_id=ctx.plan_id, code=code, due=day, actor=ctx.actor, now=ctx.now)
    ctx.reply(
        chat_texts.SET_DUE_OK.format(code=code, date=vn_date(day), reading=reading(dl.kind, dl.due, dl.start, dl.flags))
    )


def cmd_confirm(ctx: Ctx, args: str, config) -> None:
    if _office_only(ctx, "xacnhan"):
        return
    code, _ = split_code(args)
    if not code:
        ctx.reply(chat_texts.USAGE_CONFIRM)
        return
    found = ctx.find_item(code)
    if found is None:
        return
    due = Deadline.from_dict(found.item.deadline).due if found.item.deadline else None
    if due is None:
        ctx.reply(chat_texts.CONFIRM_NO_DATE.format(code=found.item.code))
        return
    dl = ctx.store.set_item_due(plan_id=ctx.plan_id, code=found.item.code, due=due, actor=ctx.actor, now=ctx.now)
    ctx.reply(chat_texts.CONFIRM_OK.format(code=found.item.code, reading=reading(dl.kind, dl.due, dl.start, dl.flags)))


work_cmds.DATE_BUTTONS.update({"i": _inspect_confirmed, "s": _set_due_confirmed})
