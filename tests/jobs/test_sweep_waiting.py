"""Issue 12 §2 in the coordinators' Monday summary: how many items wait for an empty group, and what
to run to fill it."""

from __future__ import annotations

from datetime import date as D

import pytest

from bot.ports import FixedClock
from jobs.sweep import run_sweep
from tests.conftest import loaded_engine
from tests.sweep_harness import RecordingSender, at, link, make_deps

COORD = "333"


@pytest.fixture
def engine(sqlite_url, plan, directory):
    eng = loaded_engine(sqlite_url, plan, directory, at(D(2023, 1, 2)))
    link(eng, COORD, "vp-ubnd-tinh", "coordinator", name="Hùng")
    yield eng
    eng.dispose()


async def test_monday_summary_counts_items_waiting_for_communes(engine):
    sender = RecordingSender()
    await run_sweep(make_deps(engine, FixedClock(at(D(2023, 6, 12))), sender))  # a Monday
    coord = sender.to(COORD)[0].text
    line = next(x for x in coord.splitlines() if x.startswith("⚠️ UBND cấp xã:"))
    assert "nhiệm vụ chờ danh sách đơn vị (nhacviec agencies import TỆP.csv)" in line
    assert int(line.split(":")[1].split()[0]) > 0
