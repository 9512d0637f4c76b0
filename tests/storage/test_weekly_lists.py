"""The coordinators' Monday lists, loaded by date range for the sweep (storage.deliveries.weekly_lists),
say what the reports' weekly summary (storage.reports.weekly, which reads the whole plan) says."""

from __future__ import annotations

from datetime import date as D
from datetime import datetime, timedelta, timezone

from sqlalchemy import select
from sqlmodel import Session

from tests.factories import close_in_session
from storage import deliveries, queries, reports
from storage.models import AssignmentRow
from tests.conftest import loaded_engine
from tests.sweep_harness import ZONE, at, link


def _as_lists(w: dict) -> dict:
    return {
        k: (
            sorted((x["code"], x["agency"], x["closed_on"] if k == "closed" else x["due"]) for x in v)
            if k in ("closed", "new_overdue", "soon")
            else v
        )
        for k, v in w.items()
    }


def test_weekly_lists_agree_with_the_reports_weekly_summary(db_url, plan, directory):
    engine = loaded_engine(db_url, plan, directory, at(D(2023, 1, 2)))
    link(engine, "111", "so-tu-phap", name="Lan")
    link(engine, "333", "vp-ubnd-tinh", "coordinator")
    with Session(engine) as s:
        ids = list(
            s.execute(select(AssignmentRow.id).where(AssignmentRow.role == "lead").order_by(AssignmentRow.id)).scalars()
        )[:6]
        # closed around the week's edges: 23:30 on Sunday 11/6 in Hà Nội is 16:30 UTC; local days count
        for n, aid in enumerate(ids):
            when = datetime(2023, 6, 4, 17, 30, tzinfo=timezone.utc) + timedelta(days=n * 2)
            close_in_session(s, assignment_id=aid, actor="Lan", note="", now=when, data={})
        s.commit()
    try:
        with Session(engine) as s:
            plan_id = queries.get_plan(session=s, slug=None).id
            listed = 0
            for today in (D(2023, 6, 12), D(2023, 5, 29), D(2023, 6, 26), D(2023, 12, 4)):
                mine = deliveries.weekly_lists(s, plan_id=plan_id, today=today, zone=ZONE)
                theirs = _as_lists(reports.weekly(s, plan_id=plan_id, today=today, zone=ZONE))
                assert {
                    k: sorted(v) if k in ("closed", "new_overdue", "soon") else v for k, v in mine.items()
                } == theirs
                listed += len(mine["soon"]) + len(mine["new_overdue"])
            assert listed  # the comparison is not between empty lists only
            assert deliveries.weekly_lists(s, plan_id=plan_id, today=D(2023, 6, 12), zone=ZONE)["closed"]
    finally:
        engine.dispose()


def test_due_soon_runs_to_the_working_day_horizon_it_is_given(sqlite_url, plan, directory):
    """The Monday summary's "due within 14 days" counts working days, as /baocao does: delivery passes the
    calendar's 14th working day; around the 30/4–1/5 holidays that is later than 14 calendar days."""
    from tests.sweep_harness import CAL

    engine = loaded_engine(sqlite_url, plan, directory, at(D(2023, 1, 2)))
    try:
        today = D(2023, 4, 24)
        horizon = CAL.add_working_days(today, 14)
        assert horizon > today + timedelta(days=14)
        with Session(engine) as s:
            plan_id = queries.get_plan(session=s, slug=None).id
            beyond = (
                s.execute(select(AssignmentRow.id).where(AssignmentRow.role == "lead", AssignmentRow.status != "done"))
                .scalars()
                .first()
            )
            s.get(AssignmentRow, beyond).due = horizon  # due on the last working day of the horizon
            s.commit()
            calendar_days = deliveries.weekly_lists(s, plan_id=plan_id, today=today, zone=ZONE)["soon"]
            working_days = deliveries.weekly_lists(s, plan_id=plan_id, today=today, zone=ZONE, soon_until=horizon)
            assert horizon not in {d for _, _, d in calendar_days}
            assert horizon in {d for _, _, d in working_days["soon"]}
            overview = deliveries.overview(s, plan_slug=None, today=today, zone=ZONE, weekly=True, soon_until=horizon)
            assert horizon in {d for _, _, d in overview.weekly["soon"]}
    finally:
        engine.dispose()
