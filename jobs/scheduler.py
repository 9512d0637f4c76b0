"""APScheduler wiring: it only wakes the sweep and the retries up, in the transports' event loop.

``coalesce`` folds runs missed while the loop was busy into one; ``misfire_grace_time`` lets a late
wake-up still run the day's sweep; anything missed while the process was down is caught up by the
sweep itself (it plans every working day since the last recorded sweep).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, time

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from jobs.sweep import SweepDeps, run_retries, run_sweep, run_takeover

log = logging.getLogger(__name__)


class Scheduler(AsyncIOScheduler):
    """APScheduler that knows its runs in flight, so stopping can let a sweep finish (``drain``)."""

    def __init__(self, **options):
        super().__init__(**options)
        self.inflight: set[asyncio.Task] = set()

    async def drain(self, timeout: float = 60.0) -> None:
        """No new wake-ups; wait up to ``timeout`` seconds for a sweep or retry run in flight."""
        if self.running:
            self.shutdown(wait=False)
        pending = {t for t in self.inflight if not t.done()}
        if pending:
            log.info("waiting for %d scheduled run(s) to finish", len(pending))
            _, late = await asyncio.wait(pending, timeout=timeout)
            for task in late:
                task.cancel()


def within_hours(deps: SweepDeps, now: datetime, start: time, end: time) -> bool:
    local = now.astimezone(deps.zone)
    return deps.calendar.is_working_day(local.date()) and start <= local.time() <= end


def build_scheduler(deps: SweepDeps, *, send_at: time, work_end: time, retry_every: int) -> Scheduler:
    scheduler = Scheduler(timezone=deps.zone)

    def tracked(task: asyncio.Task | None) -> None:
        if task is not None:
            scheduler.inflight.add(task)
            task.add_done_callback(scheduler.inflight.discard)

    async def sweep() -> None:
        tracked(asyncio.current_task())
        try:
            await run_sweep(deps)
        except Exception:  # noqa: BLE001 - logged; the next wake-up tries again
            log.exception("daily sweep failed")

    async def retries() -> None:
        if not within_hours(deps, deps.clock.now(), send_at, work_end):
            return  # nothing is sent outside working hours
        tracked(asyncio.current_task())
        try:
            await run_retries(deps)
        except Exception:  # noqa: BLE001
            log.exception("retry run failed")

    async def takeover() -> None:
        if not within_hours(deps, deps.clock.now(), send_at, work_end):
            return
        tracked(asyncio.current_task())
        try:
            await run_takeover(deps)
        except Exception:  # noqa: BLE001
            log.exception("takeover check failed")

    # Monday to Saturday: make-up Saturdays are working days; the sweep checks the calendar itself.
    scheduler.add_job(
        sweep,
        CronTrigger(day_of_week="mon-sat", hour=send_at.hour, minute=send_at.minute, timezone=deps.zone),
        id="daily-sweep",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=6 * 3600,
        replace_existing=True,
    )
    scheduler.add_job(
        retries,
        IntervalTrigger(seconds=retry_every, timezone=deps.zone),
        id="retries",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=retry_every,
        replace_existing=True,
    )
    # Another process's lease expired mid-batch (it died): take its delivery over within a minute.
    scheduler.add_job(
        takeover,
        IntervalTrigger(seconds=deps.lease.renew_every, timezone=deps.zone),
        id="takeover",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=int(deps.lease.renew_every) or 1,
        replace_existing=True,
    )
    now = deps.clock.now().astimezone(deps.zone)
    if now.time() >= send_at:  # started after today's send time: catch up now
        scheduler.add_job(sweep, id="catch-up", next_run_time=datetime.now(deps.zone), replace_existing=True)
    return scheduler
