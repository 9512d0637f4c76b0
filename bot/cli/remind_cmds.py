"""`remind`: one day's reminders, sent or (--dry-run) listed; the sweep's dependencies from the settings."""

from __future__ import annotations

import asyncio
import sys
from argparse import Namespace
from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session

from bot.cli.render import print_json, table
from bot.domain import texts
from bot.domain.reminders import ReminderPolicy
from bot.domain.views import due_phrase
from bot.ports import Outbound
from jobs.delivery import DeliveryConfig
from jobs.limiter import RateLimiter
from jobs.planner import COORDINATOR, plan_day
from jobs.sweep import SweepDeps, run_sweep
from storage.datafile import load_calendar
from storage.models import AgencyRow, ItemRow, RecipientRow, ReminderRow


def policy_from(settings) -> ReminderPolicy:
    return ReminderPolicy(before=settings.remind_before_days, overdue_every=settings.overdue_every,
                          escalate_after=settings.escalate_after, escalate_every_days=settings.escalate_every_days,
                          heads_up_before=settings.heads_up_before, inspection_notice=settings.inspection_notice,
                          default_recurrence=settings.default_recurrence)


def make_deps(app, senders: dict) -> SweepDeps:
    s = app.settings
    return SweepDeps(engine=app.engine, clock=app.clock, zone=s.zone, calendar=load_calendar(s.calendar_file),
                     policy=policy_from(s), senders=senders,
                     limiter=RateLimiter(s.rate_per_second, s.rate_per_chat_seconds),
                     delivery=DeliveryConfig(max_attempts=s.retry_max_attempts, escalate_after=s.escalate_after,
                                             plan_slug=app.plan_slug, default_recurrence=s.default_recurrence))


class PrintSender:
    """The terminal 'channel': prints what would reach a console chat."""

    def __init__(self, out=None):
        self.out = out or sys.stdout

    async def send(self, msg: Outbound) -> str:
        self.out.write(f"\n── {msg.channel}:{msg.chat_id} ──\n")
        if msg.title:
            self.out.write(f"【{msg.title}】\n")
        self.out.write(msg.text + "\n")
        for row in msg.buttons:
            self.out.write("   " + "  ".join(f"[{b.label}]" for b in row) + "\n")
        self.out.flush()
        return "console"


def _today(app) -> date:
    return app.clock.now().astimezone(app.settings.zone).date()


def dry_run(app, day: date) -> list[dict]:
    deps = make_deps(app, {})
    with Session(app.engine) as s:
        planned = plan_day(s, day=day, cal=deps.calendar, policy=deps.policy)
        recs = list(s.execute(select(RecipientRow).where(RecipientRow.active == True)).scalars())  # noqa: E712
        items = {i.id: i for i in s.execute(select(ItemRow)).scalars()}
        agencies = dict(s.execute(select(AgencyRow.id, AgencyRow.name)).all())
    out, seen = [], set()
    for p in planned:
        r = p.reminder
        key = (r.item_id, r.agency_id, r.kind)
        if key in seen or r.kind == "daily":
            continue
        seen.add(key)
        targets = [x for x in recs if (x.role == "coordinator" if p.audience == COORDINATOR
                                       else x.role == "officer" and x.agency_id == r.agency_id)]
        item = items.get(r.item_id)
        out.append({"code": item.code if item else "", "agency": agencies.get(r.agency_id, ""), "kind": r.kind,
                    "recipients": [{"channel": x.channel, "chat_id": x.chat_id} for x in targets],
                    "text": _line(item, r.kind, day)})
    return out


def _line(item: ItemRow | None, kind: str, day: date) -> str:
    if item is None:
        return texts.REMIND_KIND.get(kind, kind)
    due = item.due_override or item.due_date
    what = due_phrase(item.deadline_kind, due, False, day) if due else item.deadline_text
    return f"{texts.REMIND_KIND.get(kind, kind)}: {item.code} {what} — {' '.join(item.content.split())[:80]}"


def cmd_remind(app, args: Namespace) -> int:
    app.require_schema()
    day = _today(app)
    if args.dry_run:
        entries = dry_run(app, day)
        if args.json:
            print_json(entries)
        elif not entries:
            cal = load_calendar(app.settings.calendar_file)
            why = "" if cal.is_working_day(day) else texts.REMIND_NON_WORKING
            print(texts.REMIND_NONE.format(date=texts.vn_date(day), why=why))
        else:
            table(texts.REMIND_HEADERS, [(e["code"], e["agency"], texts.REMIND_KIND.get(e["kind"], e["kind"]),
                                          ", ".join(f"{r['channel']}:{r['chat_id']}" for r in e["recipients"])
                                          or texts.REMIND_NOBODY, e["text"]) for e in entries],
                  limits=(9, 30, 18, 24, 70))
        return 0
    senders = {"console": PrintSender()}
    token = app.settings.telegram_bot_token
    report = asyncio.run(_sweep_with(app, senders, token.get_secret_value() if token else None, day))
    if args.json:
        print_json({"day": day.isoformat(), "days": [d.isoformat() for d in report.days], "planned": report.planned,
                    "claimed": report.claimed, "messages": report.delivery.messages,
                    "reminders_sent": report.delivery.reminders, "retrying": report.delivery.retrying,
                    "failed": report.delivery.failed, "disabled": report.delivery.disabled})
        return 0
    print(texts.REMIND_DONE.format(date=texts.vn_date(day), planned=report.planned, claimed=report.claimed,
                                   messages=report.delivery.messages, reminders=report.delivery.reminders,
                                   retrying=report.delivery.retrying, failed=report.delivery.failed))
    waiting = _pending(app)
    if waiting and token is None:
        print(texts.REMIND_WAITING.format(n=waiting))
    return 0


async def _sweep_with(app, senders: dict, token: str | None, day: date):
    """One sweep through every configured channel (terminal chats are printed)."""
    from contextlib import AsyncExitStack

    async with AsyncExitStack() as stack:
        if token is not None:
            from bot.transports.telegram import telegram_sender

            senders["telegram"] = await stack.enter_async_context(
                telegram_sender(token, app.settings.telegram_base_url))
        if app.settings.zalo_bot_token is not None:
            from bot.cli.run_cmds import make_core
            from bot.cli.run_zalo import ZaloRunner

            zalo = ZaloRunner(app, make_core(app))
            stack.push_async_callback(zalo.client.close)
            senders["zalo"] = zalo.sender
        # --- branch `email` (minimal wiring; the channels helper replaces this function with the registry)
        from bot.channels.base import ChannelContext
        from bot.channels.registry import CHANNELS

        for channel in CHANNELS:
            if channel.name not in senders and channel.configured(app.settings):
                running = await channel.start(ChannelContext(settings=app.settings, store=app.store,
                                                             clock=app.clock, zone=app.settings.zone), listen=False)
                stack.push_async_callback(running.stop)
                senders[channel.name] = running.sender
        # --- end of branch `email` wiring
        return await run_sweep(make_deps(app, senders), today=day, force=True)


def _pending(app) -> int:
    with Session(app.engine) as s:
        return s.execute(select(func.count()).select_from(ReminderRow).where(ReminderRow.status == "pending")).scalar_one()
