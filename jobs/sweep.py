"""The daily sweep: plan the day's reminders (and any days missed while the program was down),
claim them, then deliver one digest per recipient. APScheduler only wakes this up; everything it
needs is recomputed from the store and the clock, so a restart loses nothing."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo

from bot.domain.audience import recipients
from bot.domain.claims import Planned, claims_for
from bot.domain.day_plan import plan, select_day
from bot.domain.reminders import ReminderPolicy
from bot.domain.workdays import WorkCalendar
from bot.ports import Clock, Sender, SweepStore, SystemClock
from jobs.delivery import DeliveryConfig, DeliveryReport, deliver
from jobs.leader_summary import plan_leaders
from jobs.leadership import LeaseConfig, Leadership, new_holder
from jobs.limiter import RateLimiter

log = logging.getLogger(__name__)

MAX_CATCH_UP_DAYS = 31


@dataclass
class SweepDeps:
    store: SweepStore
    clock: Clock
    zone: tzinfo
    calendar: WorkCalendar
    policy: ReminderPolicy = field(default_factory=ReminderPolicy)
    senders: dict[str, Sender] = field(default_factory=dict)
    limiter: RateLimiter = field(default_factory=RateLimiter)
    delivery: DeliveryConfig = field(default_factory=DeliveryConfig)
    # Held while delivering: in one process the daily sweep and the retry job never send at once.
    delivering: asyncio.Lock = field(default_factory=asyncio.Lock)
    # Real time for retries, leases and sent_at; ``clock`` (fixed by --today) only decides what is due.
    wall: Clock = field(default_factory=SystemClock)
    # One sender across processes: this deliverer's name and its sender lease.
    holder: str = field(default_factory=new_holder)
    lease: LeaseConfig = field(default_factory=LeaseConfig)


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


def plan_and_claim(deps: SweepDeps, today: date, *, force: bool = False) -> SweepReport:
    """Claim every reminder of the days to plan: plain dated items set-based in the database, the rest
    planned in Python; both for the audience the domain picks."""
    report = SweepReport()
    now = deps.clock.now()
    if not deps.calendar.is_working_day(today):
        report.skipped_reason = "non_working_day"
        return report
    store = deps.store
    report.days = days_to_plan(store.last_swept_day(), today, deps.calendar) or ([today] if force else [])
    if not report.days:
        report.skipped_reason = "already_swept"
        return report
    who = recipients(store.linked_chats(), deps.delivery.fallback_order)
    officers, coordinators = who.officer_ids(), who.coordinator_ids()
    planned: list[Planned] = []
    bulk = 0
    for day in report.days:
        selection = select_day(day, deps.calendar, deps.policy)
        if selection is None:
            continue
        bulk += store.claim_plain(
            day=day,
            tables=selection.tables,
            officers=officers,
            coordinators=coordinators,
            now=now,
            copies=who.copy_ids(),
        )
        planned += plan(selection, store.due_work(selection=selection, plain=False), deps.calendar, deps.policy)
        if day == report.days[-1]:  # one summary at most, on the day swept (never for missed days)
            planned += plan_leaders(store, day=day, cal=deps.calendar, policy=deps.policy)
    report.planned = bulk + len(planned)
    report.claimed = bulk + store.claim(claims=claims_for(planned, who), now=now)
    store.record_sweep(
        day=today,
        first_day=report.days[0],
        started_at=now,
        planned=report.planned,
        claimed=report.claimed,
        finished_at=now,
    )
    if len(report.days) > 1:
        log.info("caught up %d missed working days (%s to %s)", len(report.days), report.days[0], report.days[-1])
    return report


async def _deliver(deps: SweepDeps) -> DeliveryReport:
    """Deliver as the one sender: the in-process lock, then the sender lease across processes. When
    another process holds the lease, nothing is sent and the report names it (``busy``)."""
    async with deps.delivering:
        leader = Leadership(deps.store, deps.holder, deps.wall, deps.lease)
        if not await leader.acquire():
            held = leader.holder_now()
            report = DeliveryReport(busy=held[0] if held else "?", busy_until=held[1] if held else None)
            log.info(
                "another process delivers reminders (%s, lease until %s): not sending", report.busy, report.busy_until
            )
            return report
        async with leader:
            return await deliver(
                deps.store,
                deps.senders,
                deps.limiter,
                deps.clock,
                deps.zone,
                deps.delivery,
                wall=deps.wall,
                holder=deps.holder,
                leader=leader,
                lease=deps.lease,
            )


async def run_sweep(deps: SweepDeps, *, today: date | None = None, force: bool = False) -> SweepReport:
    """Plan, claim and deliver. Safe to run again: claims are unique and sends are recorded.

    ``force`` plans today again even when it was swept (new recipients get their reminders; nobody
    gets one twice)."""
    today = today or deps.clock.now().astimezone(deps.zone).date()
    report = plan_and_claim(deps, today, force=force)
    if report.skipped_reason == "non_working_day":
        return report
    report.delivery = await _deliver(deps)
    if report.days and not report.delivery.busy:
        deps.store.record_sweep_delivery(sent=report.delivery.reminders, failed=report.delivery.failed)
    log.info(
        "sweep %s: %d planned, %d claimed, %d messages sent, %d failed",
        today,
        report.planned,
        report.claimed,
        report.delivery.messages,
        report.delivery.failed,
    )
    return report


async def run_retries(deps: SweepDeps) -> DeliveryReport:
    """The short periodic job: deliver whatever is pending and due for another attempt."""
    return await _deliver(deps)


async def run_takeover(deps: SweepDeps) -> DeliveryReport | None:
    """The standby check (every ``lease.renew_every`` seconds): when nobody holds the sender lease (its
    holder died mid-batch) and reminders are due, deliver them. Reads only, when there is nothing to do."""
    if deps.delivering.locked() or deps.store.sender_lease_holder(now=deps.wall.now()) is not None:
        return None
    if not deps.store.waiting_recipients(channels=set(deps.senders), now=deps.wall.now()):
        return None
    log.info("sender lease free with reminders due: taking over delivery")
    return await _deliver(deps)
