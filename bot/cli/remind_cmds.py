"""`remind`: one day's reminders, sent or (--dry-run) listed; the sweep's dependencies from the settings."""

from __future__ import annotations

import asyncio
import sys
from argparse import Namespace
from datetime import date

from bot.cli.render import print_json, table
from bot.domain import texts
from bot.domain.audience import DEFAULT_FALLBACK_ORDER, recipients
from bot.domain.effective import effective_kind
from bot.domain.pending import ItemFacts
from bot.domain.reminder_kinds import ReminderKind
from bot.domain.reminders import ReminderPolicy
from bot.domain.views import due_phrase
from bot.ports import Outbound, SweepStore
from jobs.delivery import DeliveryConfig
from jobs.limiter import RateLimiter
from jobs.planner import plan_day
from jobs.sweep import SweepDeps, run_sweep
from bot.files import load_calendar


def policy_from(settings) -> ReminderPolicy:
    return ReminderPolicy(before=settings.remind_before_days, overdue_every=settings.overdue_every,
                          escalate_after=settings.escalate_after, escalate_every_days=settings.escalate_every_days,
                          heads_up_before=settings.heads_up_before, inspection_notice=settings.inspection_notice,
                          default_recurrence=settings.default_recurrence)


def fallback_order(settings) -> tuple[str, ...]:
    """The ``FALLBACK_ORDER`` setting (a list of channel names, or a comma-separated string)."""
    value = getattr(settings, "fallback_order", None) or DEFAULT_FALLBACK_ORDER
    if isinstance(value, str):
        value = value.split(",")
    return tuple(v.strip() for v in value if v.strip())


def make_deps(app, senders: dict) -> SweepDeps:
    s = app.settings
    return SweepDeps(store=app.store, clock=app.clock, zone=s.zone, calendar=load_calendar(s.calendar_file),
                     policy=policy_from(s), senders=senders,
                     limiter=RateLimiter(s.rate_per_second, s.rate_per_chat_seconds),
                     delivery=DeliveryConfig(max_attempts=s.retry_max_attempts, escalate_after=s.escalate_after,
                                             plan_slug=app.plan_slug, default_recurrence=s.default_recurrence,
                                             fallback_order=fallback_order(s)))


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
    return dry_run_entries(deps.store, day=day, deps=deps)


def dry_run_entries(store: SweepStore, *, day: date, deps: SweepDeps) -> list[dict]:
    """What the sweep would claim on ``day`` and for whom: the same plan and the same audience rule
    (bot.domain.audience) as the sweep, one entry per item, agency and kind."""
    planned = plan_day(store, day=day, cal=deps.calendar, policy=deps.policy)
    who = recipients(store.linked_chats(), deps.delivery.fallback_order)
    items = store.item_facts(item_ids={p.item_id for p in planned if p.item_id})
    agencies = store.agency_names()
    out, seen = [], set()
    for p in planned:
        key = (p.item_id, p.agency_id, p.kind)
        if key in seen or p.kind is ReminderKind.DAILY:
            continue
        seen.add(key)
        item = items.get(p.item_id) if p.item_id else None
        out.append({"code": item.code if item else "", "agency": agencies.get(p.agency_id, "") if p.agency_id else "",
                    "kind": p.kind.value,
                    "recipients": [{"channel": c.channel, "chat_id": c.chat_id}
                                   for c in who.for_reminder(p.kind, p.agency_id)],
                    "text": _line(item, p.kind, day)})
    return out


def _line(item: ItemFacts | None, kind: ReminderKind, day: date) -> str:
    label = texts.REMIND_KIND.get(kind.value, kind.value)
    if item is None:
        return label
    due = item.due_override or item.due_date
    what = due_phrase(effective_kind(item.deadline_kind, item.due_override), due, False, day) if due \
        else item.deadline_text
    return f"{label}: {item.code} {what} — {' '.join(item.content.split())[:80]}"


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
                    "failed": report.delivery.failed, "disabled": report.delivery.disabled,
                    "busy": report.delivery.busy})
        return 0
    if report.delivery.busy:
        until = report.delivery.busy_until
        print(texts.REMIND_BUSY.format(holder=report.delivery.busy,
                                       until=until.astimezone(app.settings.zone).strftime("%H:%M:%S") if until else "?"))
    print(texts.REMIND_DONE.format(date=texts.vn_date(day), planned=report.planned, claimed=report.claimed,
                                   messages=report.delivery.messages, reminders=report.delivery.reminders,
                                   retrying=report.delivery.retrying, failed=report.delivery.failed))
    waiting = _pending(app)
    if waiting and token is None and not report.delivery.busy:
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
        return await run_sweep(make_deps(app, senders), today=day, force=True)


def _pending(app) -> int:
    return app.store.pending_reminders()
