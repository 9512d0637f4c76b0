"""The daily sweep: plan the day's reminders (and any days missed while the program was down),
claim them, then deliver one digest per recipient. APScheduler only wakes this up; everything it
needs is recomputed from the database and the clock, so a restart loses nothing."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo

from sqlalchemy import func, select
from sqlmodel import Session

from bot.domain.reminders import ReminderPolicy
from bot.domain.workdays import WorkCalendar
from bot.ports import Clock, Sender
from bot.domain import reminders as R
from jobs.bulk_claim import claim_plain
from jobs.claims import claim
from jobs.delivery import DeliveryConfig, DeliveryReport, deliver
from jobs.limiter import RateLimiter
from jobs.planner import Planned, plan_day
from storage.models import SweepRow

log = logging.getLogger(__name__)

MAX_CATCH_UP_DAYS = 31


@dataclass
class SweepDeps:
    engine: object
    clock: Clock
    zone: tzinfo
    calendar: WorkCalendar
    policy: ReminderPolicy = field(default_factory=ReminderPolicy)
    senders: dict[str, Sender] = field(default_factory=dict)
    limiter: RateLimiter = field(default_factory=RateLimiter)
    delivery: DeliveryConfig = field(default_factory=DeliveryConfig)


@dataclass
class SweepReport:
    days: list[date] = field(default_factory=list)
    planned: int = 0
    claimed: int = 0
    delivery: DeliveryReport = field(default_factory=DeliveryReport)
    skipped_reason: str = ""


def days_to_plan(last: date | None, today: date, cal: WorkCalendar) -> list[date]:
    """Working days from the one after the last sweep up to today (today alone on a first run)."""
    if last is not None and last >= today:
        return []
    start = today if last is None else max(last + timedelta(days=1), today - timedelta(days=MAX_CATCH_UP_DAYS))
    days, d = [], start
    while d <= today:
        if cal.is_working_day(d):
            days.append(d)
        d += timedelta(days=1)
    return days


def last_swept_day(session: Session) -> date | None:
    return session.execute(select(func.max(SweepRow.day)).where(SweepRow.finished_at != None)).scalar_one()  # noqa: E711


def plan_and_claim(deps: SweepDeps, today: date, *, force: bool = False) -> SweepReport:
    report = SweepReport()
    now = deps.clock.now()
    if not deps.calendar.is_working_day(today):
        report.skipped_reason = "non_working_day"
        return report
    with Session(deps.engine) as s:
        report.days = days_to_plan(last_swept_day(s), today, deps.calendar) or ([today] if force else [])
        if not report.days:
            report.skipped_reason = "already_swept"
            return report
        sweep = SweepRow(day=today, first_day=report.days[0], started_at=now)
        s.add(sweep)
        planned: list[Planned] = []
        bulk = 0
        for day in report.days:
            bulk += claim_plain(s, day=day, tables=R.day_tables(day, deps.calendar, deps.policy), now=now)
            planned += plan_day(s, day=day, cal=deps.calendar, policy=deps.policy, plain=False)
        report.planned = bulk + len(planned)
        report.claimed = bulk + claim(s, planned, now=now)
        sweep.planned, sweep.claimed, sweep.finished_at = report.planned, report.claimed, now
        s.commit()
    if len(report.days) > 1:
        log.info("caught up %d missed working days (%s to %s)", len(report.days), report.days[0], report.days[-1])
    return report


async def run_sweep(deps: SweepDeps, *, today: date | None = None, force: bool = False) -> SweepReport:
    """Plan, claim and deliver. Safe to run again: claims are unique and sends are recorded.

    ``force`` plans today again even when it was swept (new recipients get their reminders; nobody
    gets one twice)."""
    today = today or deps.clock.now().astimezone(deps.zone).date()
    report = plan_and_claim(deps, today, force=force)
    if report.skipped_reason == "non_working_day":
        return report
    report.delivery = await deliver(deps.engine, deps.senders, deps.limiter, deps.clock, deps.zone, deps.delivery)
    with Session(deps.engine) as s:
        row = s.execute(select(SweepRow).order_by(SweepRow.id.desc())).scalars().first()
        if row is not None and report.days:
            row.sent, row.failed = report.delivery.reminders, report.delivery.failed
            s.commit()
    log.info("sweep %s: %d planned, %d claimed, %d messages sent, %d failed", today, report.planned,
             report.claimed, report.delivery.messages, report.delivery.failed)
    return report


async def run_retries(deps: SweepDeps) -> DeliveryReport:
    """The short periodic job: deliver whatever is pending and due for another attempt."""
    return await deliver(deps.engine, deps.senders, deps.limiter, deps.clock, deps.zone, deps.delivery)
