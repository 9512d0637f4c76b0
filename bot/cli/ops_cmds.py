"""Operations: status, backup, inspection schedule, plan confirm."""

from __future__ import annotations

from argparse import Namespace
from datetime import datetime, time, timedelta
from pathlib import Path

from bot.cli.plan_cmds import CliError, find_code
from bot.cli.render import print_json
from bot.domain import texts
from bot.domain.deadlines import parse_day
from bot.domain.errors import BackupUnsupported, NoPlan
from bot.domain.operations import CodedItem
from bot.domain.texts import chat as chat_texts
from bot.domain.texts import reminders as reminder_texts
from bot.domain.texts import periods as period_texts
from bot.files import load_calendar
from bot.files.calendar_file import read_announced_calendar
from bot.files.holidays_vn import announced


def cmd_status(app, args: Namespace) -> int:
    app.require_schema()
    s_ = app.settings
    cal = load_calendar(s_.calendar_file)
    now = app.clock.now().astimezone(s_.zone)
    h, m = s_.hhmm(s_.send_time)
    f = app.store.status_figures(since=datetime.combine(now.date(), time(0), now.tzinfo), month=now.strftime("%Y-%m"))
    last, sent_today, pending, failed = f.last_sweep, f.sent_today, f.pending_retries, f.failures
    disabled, missing = f.disabled_recipients, f.agencies_without_recipient
    nxt = (
        now.date()
        if now.time() < time(h, m) and (last is None or last < now.date())
        else now.date() + timedelta(days=1)
    )
    nxt = cal.next_working_day(nxt)
    data = {
        "last_sweep": last.isoformat() if last else None,
        "next_sweep": datetime.combine(nxt, time(h, m), s_.zone).isoformat(),
        "sent_today": sent_today,
        "pending_retries": pending,
        "failures": failed,
        "disabled_recipients": disabled,
        "agencies_without_recipient": missing,
        "zalo_sent_this_month": f.zalo_sent_this_month,
        "zalo_quota": s_.zalo_monthly_quota,
        "zalo_quota_exhausted": f.zalo_quota_exhausted,
        "channels": app.channel_status(),
        "waiting_groups": app.store.groups_waiting(plan_slug=app.plan_slug),
        # the data file has next year's announcement (make-up and bridge days) yet
        "next_year_announced": announced(read_announced_calendar(s_.calendar_file), now.year + 1),
    }
    if args.json:
        print_json(data)
        return 0
    print(
        texts.STATUS_LINES.format(
            last=texts.vn_date(last) if last else texts.NEVER,
            next=f"{s_.send_time} {texts.vn_weekday(nxt)} {texts.vn_date(nxt)}",
            sent_today=sent_today,
            pending=pending,
            failed=failed,
            disabled=", ".join(disabled) or texts.NONE,
            n_missing=len(missing),
            missing=", ".join(missing) or texts.NONE,
        )
    )
    if not data["next_year_announced"]:
        print(period_texts.STATUS_NEXT_YEAR_UNANNOUNCED.format(year=now.year + 1, file=s_.calendar_file))
    for group, n in data["waiting_groups"].items():
        print(chat_texts.CLI_EMPTY_GROUP.format(group=group, n=n))
    if s_.zalo_bot_token is not None or data["zalo_sent_this_month"]:
        print(texts.STATUS_ZALO.format(sent=data["zalo_sent_this_month"], quota=data["zalo_quota"]))
    for status in data["channels"].values():  # several bots of one channel: one line each
        bots = status.get("bots", [])
        for bot in bots if len(bots) > 1 else []:
            print(texts.STATUS_ZALO_BOT.format(**bot))
    return 0


def cmd_backup(app, args: Namespace) -> int:
    app.require_schema()
    target = Path(args.file)
    try:
        size = app.store.backup_to(target=target)
    except BackupUnsupported:
        raise CliError(texts.BACKUP_SQLITE_ONLY) from None
    print(texts.BACKUP_OK.format(file=target, size=size // 1024))
    return 0


def _find(app, typed: str) -> CodedItem:
    try:
        return app.store.coded_item(code=find_code(app, typed), plan_slug=app.plan_slug)
    except NoPlan:
        raise CliError(texts.ERR_NO_PLAN) from None


def cmd_inspection_schedule(app, args: Namespace) -> int:
    app.require_schema()
    day = parse_day(args.date)
    if day is None:
        raise CliError(texts.ERR_BAD_DATE.format(text=args.date))
    cal = load_calendar(app.settings.calendar_file)
    item = _find(app, args.code)
    if item.type != "inspection":
        raise CliError(reminder_texts.INSPECTION_NOT.format(code=item.code))
    surprise = app.store.schedule_inspection_by_code(
        code=item.code,
        day=day,
        actor=args.actor,
        now=app.clock.now(),
        surprise=args.surprise or None,
        plan_slug=app.plan_slug,
    )
    n = app.settings.inspection_notice
    notice = (
        reminder_texts.INSPECTION_SECRET
        if surprise
        else reminder_texts.INSPECTION_NOTICE.format(n=n, on=texts.vn_date(cal.add_working_days(day, -n)))
    )
    print(reminder_texts.INSPECTION_SET.format(code=item.code, date=texts.vn_date(day), notice=notice))
    return 0


def cmd_plan_confirm(app, args: Namespace) -> int:
    app.require_schema()
    item = _find(app, args.code)
    if item.deadline.due is None:
        raise CliError(texts.CONFIRM_NEEDS_DATE.format(code=item.code))
    dl = app.store.set_due(
        code=item.code, due=item.deadline.due, actor=args.actor, now=app.clock.now(), plan_slug=app.plan_slug
    )
    print(
        texts.CONFIRM_OK.format(
            code=args.code.upper(), reading=texts.describe_deadline(dl.kind, dl.due, dl.start, dl.flags)
        )
    )
    return 0
