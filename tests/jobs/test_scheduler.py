"""APScheduler only wakes the work up: the jobs are configured on purpose, and the retry job stays
quiet outside working hours."""

from __future__ import annotations

from datetime import date as D
from datetime import time

from bot.ports import FixedClock
from jobs.scheduler import build_scheduler, within_hours
from tests.sweep_harness import RecordingSender, at, make_deps


def _jobs(engine_less_deps):
    s = build_scheduler(engine_less_deps, send_at=time(8, 0), work_end=time(17, 30), retry_every=120)
    return {j.id: j for j in s.get_jobs()}


def test_jobs_are_configured_on_purpose():
    deps = make_deps(None, FixedClock(at(D(2023, 6, 1), 7, 0)), RecordingSender())
    jobs = _jobs(deps)
    assert set(jobs) == {"daily-sweep", "retries", "takeover"}  # before 08:00: no catch-up
    sweep = jobs["daily-sweep"]
    assert sweep.coalesce is True and sweep.misfire_grace_time == 6 * 3600 and sweep.max_instances == 1
    fields = {f.name: str(f) for f in sweep.trigger.fields}
    assert (fields["hour"], fields["minute"], fields["day_of_week"]) == ("8", "0", "mon-sat")
    assert str(sweep.trigger.timezone) == "Asia/Ho_Chi_Minh"
    retries = jobs["retries"]
    assert retries.coalesce is True and retries.trigger.interval.total_seconds() == 120


def test_started_after_the_send_time_catches_up_at_once():
    deps = make_deps(None, FixedClock(at(D(2023, 6, 1), 9, 30)), RecordingSender())
    assert "catch-up" in _jobs(deps)


def test_retries_only_in_working_hours():
    deps = make_deps(None, FixedClock(at(D(2023, 6, 1))), RecordingSender())
    start, end = time(8, 0), time(17, 30)
    assert within_hours(deps, at(D(2023, 6, 1), 10), start, end)
    assert not within_hours(deps, at(D(2023, 6, 1), 19), start, end)
    assert not within_hours(deps, at(D(2023, 6, 3), 10), start, end)  # Saturday
    assert not within_hours(deps, at(D(2023, 9, 1), 10), start, end)  # Quốc khánh
    assert within_hours(deps, at(D(2024, 5, 4), 10), start, end)  # a make-up Saturday
