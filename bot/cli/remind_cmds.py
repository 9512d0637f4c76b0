"""`remind`: one day's reminders, sent or (--dry-run) listed; the sweep's dependencies from the settings."""

from __future__ import annotations

import asyncio
from argparse import Namespace
from datetime import date

from bot.cli.render import print_json, table
from bot.domain import texts
from bot.domain.audience import recipients
from bot.domain.effective import effective_kind
from bot.domain.pending import ItemFacts
from bot.domain.periods import period_phrase
from bot.domain.recurrence import Recurrence
from bot.domain.reminder_kinds import ReminderKind
from bot.domain.reminders import slot_period
from bot.domain.views import due_phrase
from bot.ports import SweepStore
from jobs.planner import plan_day
from jobs.sweep import SweepDeps, run_sweep


def _today(app) -> date:
    return app.clock.now().astimezone(app.settings.zone).date()


def dry_run(app, day: date) -> list[dict]:
    deps = app.sweep_deps({})
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
        period = slot_period(p.slot)
        key = (p.item_id, p.agency_id, p.kind, period)
        if key in seen or p.kind is ReminderKind.DAILY:
            continue
        seen.add(key)
        item = items.get(p.item_id) if p.item_id else None
        out.append(
            {
                "code": item.code if item else "",
                "agency": agencies.get(p.agency_id, "") if p.agency_id else "",
                "kind": p.kind.value,
                "recipients": [
                    {"channel": c.channel, "chat_id": c.chat_id} for c in who.for_reminder(p.kind, p.agency_id)
                ],
                "period": period,
                "text": _line(item, p.kind, day, period, deps.policy),
            }
        )
    return out


def _line(item: ItemFacts | None, kind: ReminderKind, day: date, period: str | None = None, policy=None) -> str:
    label = texts.REMIND_KIND.get(kind.value, kind.value)
    if item is None:
        return label
    if period:  # recurring work: the period and its own due date ("định kỳ quý III/2023 (hạn 30/9/2023)")
        rec = Recurrence.from_dict(item.recurrence_rule)
        what = period_phrase(
            period,
            rec,
            item.start_date,
            None if item.open_ended else item.due_date,
            policy.period_due,
            policy.default_recurrence,
            day,
        )
        return f"{label}: {item.code} {what} — {' '.join(item.content.split())[:80]}"
    due = item.due_override or item.due_date
    what = (
        due_phrase(effective_kind(item.deadline_kind, item.due_override), due, False, day)
        if due
        else item.deadline_text
    )
    return f"{label}: {item.code} {what} — {' '.join(item.content.split())[:80]}"


def cmd_remind(app, args: Namespace) -> int:
    app.require_schema()
    day = _today(app)
    if args.dry_run:
        entries = dry_run(app, day)
        if args.json:
            print_json(entries)
        elif not entries:
            cal = app.calendar
            why = "" if cal.is_working_day(day) else texts.REMIND_NON_WORKING
            print(texts.REMIND_NONE.format(date=texts.vn_date(day), why=why))
        else:
            table(
                texts.REMIND_HEADERS,
                [
                    (
                        e["code"],
                        e["agency"],
                        texts.REMIND_KIND.get(e["kind"], e["kind"]),
                        ", ".join(f"{r['channel']}:{r['chat_id']}" for r in e["recipients"]) or texts.REMIND_NOBODY,
                        e["text"],
                    )
                    for e in entries
                ],
                limits=(9, 30, 18, 24, 70),
            )
        return 0
    report = asyncio.run(_sweep_with(app, day))
    if args.json:
        print_json(
            {
                "day": day.isoformat(),
                "days": [d.isoformat() for d in report.days],
                "planned": report.planned,
                "claimed": report.claimed,
                "messages": report.delivery.messages,
                "reminders_sent": report.delivery.reminders,
                "retrying": report.delivery.retrying,
                "failed": report.delivery.failed,
                "disabled": report.delivery.disabled,
                "busy": report.delivery.busy,
            }
        )
        return 0
    if report.delivery.busy:
        until = report.delivery.busy_until
        print(
            texts.REMIND_BUSY.format(
                holder=report.delivery.busy,
                until=until.astimezone(app.settings.zone).strftime("%H:%M:%S") if until else "?",
            )
        )
    print(
        texts.REMIND_DONE.format(
            date=texts.vn_date(day),
            planned=report.planned,
            claimed=report.claimed,
            messages=report.delivery.messages,
            reminders=report.delivery.reminders,
            retrying=report.delivery.retrying,
            failed=report.delivery.failed,
        )
    )
    waiting = _pending(app)
    if waiting and app.settings.telegram_bot_token is None and not report.delivery.busy:
        print(texts.REMIND_WAITING.format(n=waiting))
    return 0


async def _sweep_with(app, day: date):
    """One sweep through every configured channel, started send-only (terminal chats are printed)."""
    async with app.started_channels(listen=False) as running:
        senders = {name: r.sender for name, r in running.items()}
        return await run_sweep(app.sweep_deps(senders), today=day, force=True)


def _pending(app) -> int:
    return app.store.pending_reminders()
