"""Loading the plan and directory files into the store: one service used by ``init`` and by ``run``'s
first start (no CLI handler re-entered)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bot.domain.interpret import SyncReport
from bot.domain.plan import INSPECTION, REVIEW, TASK
from bot.files import load_directory, load_plan
from bot.ports import PlanStore


def load_plan_files(store: PlanStore, plan_path: Path | str, agencies_path: Path | str, *, now: datetime,
                    strict: bool = False) -> SyncReport:
    """Read and check both files, bring the schema up to date, then load them (idempotent).

    Raises DataFileError for a bad file (before the database is touched), DatabaseUnusable for a database
    we must not write to, UnknownAgencies under ``strict`` (nothing written). The report carries the
    schema revisions before and after and the plan's item counts.
    """
    plan = load_plan(plan_path)          # validate both files before touching the database
    directory = load_directory(agencies_path)
    before, after = store.upgrade_schema()
    report = store.load_plan(plan=plan, directory=directory, now=now, source_file=str(plan_path), strict=strict)
    report.schema_before, report.schema = before, after
    report.counts = {"total": len(plan.items), TASK: plan.count(TASK), REVIEW: plan.count(REVIEW),
                     INSPECTION: plan.count(INSPECTION)}
    return report


def ensure_ready(store: PlanStore, plan_path: Path | str, agencies_path: Path | str, *, now: datetime,
                 plan_slug: str | None = None) -> SyncReport | None:
    """The embedded default works on a fresh machine: create and load the database when it holds no
    plan; None when it was ready already."""
    if store.has_plan(plan_slug=plan_slug):
        return None
    return load_plan_files(store, plan_path, agencies_path, now=now)

