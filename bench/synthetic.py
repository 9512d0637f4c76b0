"""Synthetic databases at province scale and beyond, built with bulk inserts (shared by the benchmarks)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import insert
from sqlalchemy.engine import Engine

from storage.migrate import upgrade
from storage.models import AgencyRow, AssignmentRow, ItemRow, PlanRow, RecipientRow, SectionRow

TODAY = date(2023, 7, 3)
NOW = datetime(2023, 7, 3, 2, 0, tzinfo=timezone.utc)
LARGE = 2  # agency id of the large agency (lead on every item); 1 is Văn phòng UBND tỉnh


def build(
    engine: Engine,
    *,
    assignments: int,
    agencies: int = 400,
    per_item: int = 20,
    overdue: float = 0.2,
    seed: int = 1,
    plans: int = 1,
    officers: bool = False,
) -> dict:
    """Fill an empty database; returns counts. About ``overdue`` of the first plan's assignments end up
    overdue on TODAY; further plans are later years (several plans and years, as a province keeps them).
    With ``officers`` every agency gets a registered officer (so the sweep has someone to claim for)."""
    rng = random.Random(seed)
    upgrade(engine)
    items = max(1, assignments // per_item)
    with engine.begin() as conn:
        conn.execute(
            insert(PlanRow),
            [
                dict(
                    slug=f"synthetic-{2023 + p}",
                    year=2023 + p,
                    province="Tỉnh Thử",
                    issuer="UBND",
                    title="Kế hoạch thử",
                    signer="",
                    decision_number="",
                    decision_date=None,
                    decision_date_text="",
                    source_file="",
                    meta={},
                    loaded_at=NOW,
                )
                for p in range(plans)
            ],
        )
        conn.execute(
            insert(SectionRow), [dict(plan_id=p + 1, code="I", title="Phần thử", position=0) for p in range(plans)]
        )
        conn.execute(
            insert(AgencyRow),
            [
                dict(
                    key="vp-ubnd-tinh" if i == 0 else f"co-quan-{i}",
                    name="Văn phòng UBND tỉnh" if i == 0 else f"Cơ quan số {i}",
                    short="",
                    kind="province_office" if i == 0 else "department",
                    aliases=[],
                    parent_key=None,
                    active=True,
                )
                for i in range(agencies)
            ],
        )
        plan_of = [n % plans + 1 for n in range(items)]
        dues = [date(2022 + plan_of[n], 1, 1) + timedelta(days=rng.randrange(365)) for n in range(items)]
        _chunks(
            conn,
            ItemRow,
            [
                dict(
                    plan_id=plan_of[n],
                    section_id=plan_of[n],
                    code=f"{n + 1}.I",
                    type="task",
                    number=n + 1,
                    position=n,
                    content=f"Nhiệm vụ thử số {n + 1}: xây dựng, ban hành văn bản",
                    lead_text="",
                    coordinating_text="",
                    deadline_text="Trước ngày …",
                    product="",
                    notes="",
                    subject_text="",
                    surprise=False,
                    footnotes=[],
                    deadline_kind="date",
                    due_date=dues[n],
                    start_date=None,
                    deadline={},
                    due_override=None,
                    due_set_by="",
                    due_set_at=None,
                    unresolved=[],
                    blocked=False,
                    retired=False,
                )
                for n in range(items)
            ],
        )
        rows, n_overdue = [], 0
        past = sum(1 for d in dues if d < TODAY) / items
        p_open_past = min(1.0, overdue / past) if past else 0.0  # over all plans: 20% of every assignment
        for n in range(items):
            others = rng.sample(range(3, agencies + 1), min(per_item - 1, agencies - 2))
            for agency in [LARGE] + others:
                done = dues[n] < TODAY and rng.random() > p_open_past
                n_overdue += dues[n] < TODAY and not done
                rows.append(
                    dict(
                        item_id=n + 1,
                        agency_id=agency,
                        plan_id=plan_of[n],
                        due=dues[n],
                        role="lead",
                        status="done" if done else "open",
                        closed_at=NOW if done else None,
                        closed_by="bench" if done else "",
                        note="",
                        updated_at=NOW,
                        active=True,
                    )
                )
        _chunks(conn, AssignmentRow, rows)
        conn.execute(
            insert(RecipientRow),
            [
                dict(
                    channel="telegram",
                    chat_id="1001",
                    agency_id=LARGE,
                    role="officer",
                    display_name="Cán bộ",
                    active=True,
                    disabled_reason="",
                    created_at=NOW,
                ),
                dict(
                    channel="telegram",
                    chat_id="1002",
                    agency_id=1,
                    role="coordinator",
                    display_name="Điều phối",
                    active=True,
                    disabled_reason="",
                    created_at=NOW,
                ),
            ],
        )
        if officers:
            conn.execute(
                insert(RecipientRow),
                [
                    dict(
                        channel="telegram",
                        chat_id=str(100000 + a),
                        agency_id=a,
                        role="officer",
                        display_name="",
                        active=True,
                        disabled_reason="",
                        created_at=NOW,
                    )
                    for a in range(3, agencies + 1)
                ],
            )
    return {"items": items, "assignments": len(rows), "overdue": n_overdue, "agencies": agencies, "plans": plans}


def _chunks(conn, model, rows: list[dict], size: int = 5000) -> None:
    for i in range(0, len(rows), size):
        conn.execute(insert(model), rows[i : i + size])
