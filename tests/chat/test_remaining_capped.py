"""The /xong reply's "còn N việc" is counted up to 100 and then says "more than 100": its cost does not
grow with the agency's number of items."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlmodel import Session

from bench.synthetic import LARGE, build
from bot.domain.views import REMAINING_SHOWN, remaining_text
from storage.engine import make_engine
from storage.models import AssignmentRow
from storage.store import SqlStore

NOW = datetime(2023, 7, 3, 2, tzinfo=timezone.utc)


def test_the_count_in_the_reply_stops_past_the_cap(sqlite_url):
    engine = make_engine(sqlite_url)
    build(engine, assignments=6000, agencies=60, per_item=20)  # agency LARGE leads all 300 items
    store = SqlStore(engine)
    with Session(engine) as s:
        open_ids = list(
            s.execute(
                select(AssignmentRow.id, AssignmentRow.item_id)
                .where(AssignmentRow.agency_id == LARGE, AssignmentRow.status != "done")
                .order_by(AssignmentRow.id)
            )
        )
        assert len(open_ids) > REMAINING_SHOWN + 5
        small = s.execute(
            select(AssignmentRow.agency_id, func.count())
            .where(AssignmentRow.status != "done")
            .group_by(AssignmentRow.agency_id)
            .order_by(func.count())
        ).first()
    try:
        aid, item_id = open_ids[0]
        left = store.close_assignment(
            plan_id=1, assignment_id=aid, item_id=item_id, agency_id=LARGE, actor="t", note="", now=NOW, data={}
        )
        assert left == REMAINING_SHOWN + 1
        assert remaining_text("Cơ quan số 1", left) == "Cơ quan số 1 còn hơn 100 nhiệm vụ chưa hoàn thành (xem /viec)."
        # below the cap the exact number is given
        agency, n = small
        with Session(engine) as s:
            a, i = s.execute(
                select(AssignmentRow.id, AssignmentRow.item_id).where(
                    AssignmentRow.agency_id == agency, AssignmentRow.status != "done", AssignmentRow.role == "lead"
                )
            ).first()
            lead_open = s.execute(
                select(func.count())
                .select_from(AssignmentRow)
                .where(
                    AssignmentRow.agency_id == agency,
                    AssignmentRow.status != "done",
                    AssignmentRow.role == "lead",
                    AssignmentRow.active.is_(True),
                )
            ).scalar_one()
        assert lead_open <= REMAINING_SHOWN
        assert (
            store.close_assignment(
                plan_id=1, assignment_id=a, item_id=i, agency_id=agency, actor="t", note="", now=NOW, data={}
            )
            == lead_open - 1
        )
        assert remaining_text(
            "X", 3
        ) == "X còn 3 nhiệm vụ chưa hoàn thành." and "đã hoàn thành tất cả" in remaining_text("X", 0)
    finally:
        engine.dispose()
