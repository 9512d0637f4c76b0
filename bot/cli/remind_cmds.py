"""`remind`: one day's reminders, sent or (--dry-run) listed; the sweep's dependencies from the settings."""

from __future__ import annotations

import asyncio
from argparse import Namespace
from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session

from bot.cli.render import print_json, table
from bot.domain import texts
from bot.domain.views import due_phrase
from jobs.planner import COORDINATOR, plan_day
from jobs.sweep import run_sweep
from storage.models import AgencyRow, ItemRow, RecipientRow, ReminderRow


def _today(app) -> date:
    return app.clock.now().astimezone(app.settings.zone).date()


def dry_run(app, day: date) -> list[dict]:
    deps = app.sweep_deps({})
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
            cal = app.calendar
            why = "" if cal.is_working_day(day) else texts.REMIND_NON_WORKING
            print(texts.REMIND_NONE.format(date=texts.vn_date(day), why=why))
        else:
            table(texts.REMIND_HEADERS, [(e["code"], e["agency"], texts.REMIND_KIND.get(e["kind"], e["kind"]),
                                          ", ".join(f"{r['channel']}:{r['chat_id']}" for r in e["recipients"])
                                          or texts.REMIND_NOBODY, e["text"]) for e in entries],
                  limits=(9, 30, 18, 24, 70))
        return 0
    report = asyncio.run(_sweep_with(app, day))
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
    if waiting and app.settings.telegram_bot_token is None:
        print(texts.REMIND_WAITING.format(n=waiting))
    return 0


async def _sweep_with(app, day: date):
    """One sweep through every configured channel, started send-only (terminal chats are printed)."""
    async with app.started_channels(listen=False) as running:
        senders = {name: r.sender for name, r in running.items()}
        return await run_sweep(app.sweep_deps(senders), today=day, force=True)


def _pending(app) -> int:
    with Session(app.engine) as s:
        return s.execute(select(func.count()).select_from(ReminderRow).where(ReminderRow.status == "pending")).scalar_one()
