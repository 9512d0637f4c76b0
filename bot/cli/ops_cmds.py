"""Operations: status, backup, inspection schedule, plan confirm."""

from __future__ import annotations

import sqlite3
from argparse import Namespace
from datetime import datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from bot.cli.plan_cmds import CliError, _plan_id
from bot.cli.render import print_json
from bot.domain import texts
from bot.domain.codes import lookup
from bot.domain.texts import reminders as RT
from jobs.sweep import last_swept_day
from storage import queries, registry, work
from storage.datafile import load_calendar
from storage.engine import sqlite_path
from storage.models import ItemRow, ReminderRow


def cmd_status(app, args: Namespace) -> int:
    app.require_schema()
    s_ = app.settings
    cal = load_calendar(s_.calendar_file)
    now = app.clock.now().astimezone(s_.zone)
    h, m = s_.hhmm(s_.send_time)
    with Session(app.engine) as s:
        last = last_swept_day(s)
        sent_today = s.execute(select(func.count()).select_from(ReminderRow).where(
            ReminderRow.status == "sent", ReminderRow.sent_at >= datetime.combine(now.date(), time(0), now.tzinfo))
        ).scalar_one()
        pending = s.execute(select(func.count()).select_from(ReminderRow).where(ReminderRow.status == "pending",
                                                                                 ReminderRow.attempts > 0)).scalar_one()
        failed = s.execute(select(func.count()).select_from(ReminderRow).where(ReminderRow.status == "failed")).scalar_one()
        disabled = [f"{r.channel}:{r.chat_id} ({a.name})" for r, a in registry.all_recipients(s) if not r.active]
        missing = registry.agencies_without_recipient(s)
        zalo = registry.usage(s, channel="zalo", month=now.strftime("%Y-%m"))
    nxt = now.date() if now.time() < time(h, m) and (last is None or last < now.date()) else now.date() + timedelta(days=1)
    nxt = cal.next_working_day(nxt)
    data = {"last_sweep": last.isoformat() if last else None,
            "next_sweep": datetime.combine(nxt, time(h, m), s_.zone).isoformat(), "sent_today": sent_today,
            "pending_retries": pending, "failures": failed, "disabled_recipients": disabled,
            "agencies_without_recipient": missing,
            "zalo_sent_this_month": zalo.sent if zalo else 0, "zalo_quota": s_.zalo_monthly_quota,
            "zalo_quota_exhausted": bool(zalo and zalo.exhausted), "channels": app.channel_status()}
    if args.json:
        print_json(data)
        return 0
    print(texts.STATUS_LINES.format(last=texts.vn_date(last) if last else texts.NEVER,
                                    next=f"{s_.send_time} {texts.vn_weekday(nxt)} {texts.vn_date(nxt)}",
                                    sent_today=sent_today, pending=pending, failed=failed,
                                    disabled=", ".join(disabled) or texts.NONE, n_missing=len(missing),
                                    missing=", ".join(missing) or texts.NONE))
    if s_.zalo_bot_token is not None or data["zalo_sent_this_month"]:
        print(texts.STATUS_ZALO.format(sent=data["zalo_sent_this_month"], quota=data["zalo_quota"]))
    for status in data["channels"].values():   # several bots of one channel: one line each
        bots = status.get("bots", [])
        for bot in bots if len(bots) > 1 else []:
            print(texts.STATUS_ZALO_BOT.format(**bot))
    return 0


def cmd_backup(app, args: Namespace) -> int:
    path = sqlite_path(app.settings.database_url)
    if path is None:
        raise CliError(texts.BACKUP_SQLITE_ONLY)
    app.require_schema()
    target = Path(args.file)
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(str(path), timeout=30)
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)  # SQLite's online backup: a consistent copy while the bot keeps writing
    finally:
        dst.close()
        src.close()
    print(texts.BACKUP_OK.format(file=target, size=target.stat().st_size // 1024))
    return 0


def _find(app, s: Session, typed: str) -> ItemRow:
    plan_id = _plan_id(app, s)
    found = lookup(typed, queries.item_codes(session=s, plan_id=plan_id))
    if found.code is None:
        msg = texts.ERR_UNKNOWN_CODE.format(typed=typed)
        if found.suggestions:
            msg += " " + texts.ERR_SUGGEST.format(codes=", ".join(found.suggestions))
        raise CliError(msg)
    return work.item_by_code(s, plan_id=plan_id, code=found.code)


def cmd_inspection_schedule(app, args: Namespace) -> int:
    app.require_schema()
    from bot.domain.deadlines import parse_day

    day = parse_day(args.date)
    if day is None:
        raise CliError(texts.ERR_BAD_DATE.format(text=args.date))
    cal = load_calendar(app.settings.calendar_file)
    with Session(app.engine) as s:
        item = _find(app, s, args.code)
        if item.type != "inspection":
            raise CliError(RT.INSPECTION_NOT.format(code=item.code))
        queries.schedule_inspection(session=s, item=item, day=day, actor=args.actor, now=app.clock.now(),
                                    surprise=args.surprise or None)
        surprise = item.surprise
        code = item.code
        s.commit()
    n = app.settings.inspection_notice
    notice = RT.INSPECTION_SECRET if surprise else RT.INSPECTION_NOTICE.format(
        n=n, on=texts.vn_date(cal.add_working_days(day, -n)))
    print(RT.INSPECTION_SET.format(code=code, date=texts.vn_date(day), notice=notice))
    return 0


def cmd_plan_confirm(app, args: Namespace) -> int:
    app.require_schema()
    with Session(app.engine) as s:
        item = _find(app, s, args.code)
        parsed = queries.effective_deadline(item)
        if parsed.due is None:
            raise CliError(texts.CONFIRM_NEEDS_DATE.format(code=item.code))
        row = queries.set_due(session=s, plan_id=item.plan_id, code=item.code, due=parsed.due, actor=args.actor,
                              now=app.clock.now())
        dl = queries.effective_deadline(row)
        s.commit()
    print(texts.CONFIRM_OK.format(code=args.code.upper(), reading=texts.describe_deadline(dl.kind, dl.due, dl.start,
                                                                                         dl.flags)))
    return 0
