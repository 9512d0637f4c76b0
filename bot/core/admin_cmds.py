"""Commands beyond the daily work: inspections, reports and exports (coordinators), channel preference."""

from __future__ import annotations

from bot.core.context import Ctx
from bot.core.work_cmds import split_code
from bot.domain.deadlines import parse_day
from bot.domain.text import fold
from bot.domain.texts import chat as T
from bot.domain.texts import reminders as RT
from bot.domain.texts import vn_date
from bot.ports import Attachment, Outbound
from bot.reports import build


def cmd_inspect(ctx: Ctx, args: str, config) -> None:
    if not ctx.coordinator:
        ctx.reply(T.COORDINATOR_ONLY)
        return
    code, rest = split_code(args)
    day = parse_day(rest[0]) if rest else None
    if not code or day is None:
        ctx.reply(RT.INSPECTION_USAGE)
        return
    found = ctx.find_item(code)
    if found is None:
        return
    item = found.item
    if item.type != "inspection":
        ctx.reply(RT.INSPECTION_NOT.format(code=item.code))
        return
    ctx.store.schedule_inspection(item_id=item.id, day=day, actor=ctx.actor, now=ctx.now, channel=ctx.inbound.channel)
    notice = RT.INSPECTION_SECRET if item.surprise else RT.INSPECTION_NOTICE.format(
        n=config.inspection_notice, on=vn_date(config.calendar.add_working_days(day, -config.inspection_notice))
        if config.calendar else "")
    ctx.reply(RT.INSPECTION_SET.format(code=item.code, date=vn_date(day), notice=notice))


# --- /baocao, /xuatbaocao (coordinators) -----------------------------------------------------------
def cmd_report(ctx: Ctx, args: str, config) -> None:
    if not ctx.coordinator:
        ctx.reply(T.COORDINATOR_ONLY)
        return
    data = ctx.store.report_data(plan_id=ctx.plan_id, zone=ctx.zone)
    title, text, png = build.report(data, ctx.today, calendar=config.calendar)
    ctx.reply(text, title=title)
    ctx.out.append(Outbound(ctx.inbound.channel, ctx.inbound.chat_id, "", attachment=Attachment(
        f"bieu-do-{ctx.today:%Y-%m-%d}.png", png, "photo", title)))


def cmd_export(ctx: Ctx, args: str, config) -> None:
    if not ctx.coordinator:
        ctx.reply(T.COORDINATOR_ONLY)
        return
    data, _ = build.export(ctx.store.report_data(plan_id=ctx.plan_id, zone=ctx.zone, with_history=True), ctx.today)
    caption = RT.EXPORT_CAPTION.format(year=ctx.plan_year, date=vn_date(ctx.today))
    ctx.out.append(Outbound(ctx.inbound.channel, ctx.inbound.chat_id, "", attachment=Attachment(
        f"bao-cao-{ctx.plan_year}-den-{ctx.today:%Y-%m-%d}.xlsx", data, "document", caption)))


# --- /kenh ---------------------------------------------------------------------------------------------
def cmd_channel(ctx: Ctx, args: str, config) -> None:
    choice = fold(args.strip()).split()[0] if args.strip() else ""
    if choice not in T.CHANNEL_NAMES:
        ctx.reply(T.CHANNEL_USAGE)
        return
    if not ctx.store.set_preferred_channel(person=ctx.officer.person, channel=choice):
        ctx.reply(T.CHANNEL_MISSING.format(channel=T.CHANNEL_NAMES[choice]))
        return
    ctx.reply(T.CHANNEL_OK.format(channel=T.CHANNEL_NAMES[choice]))
