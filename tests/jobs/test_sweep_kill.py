"""A sweep killed with SIGKILL in the middle of a batch, then restarted: no loss, no duplicate
beyond the one message in flight at the moment of the kill."""

from __future__ import annotations

import pytest

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date as D
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from storage.models import AgencyRow, ReminderRow
from tests.conftest import loaded_engine
from tests.sweep_harness import at, link

pytestmark = pytest.mark.slow


ROOT = Path(__file__).resolve().parents[2]
DAY = D(2023, 6, 1)  # first working day of June: every agency with ongoing work gets a check-in


def _child(url: str, out: Path, pause: float) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # A 2 s sender lease renewed every 0.5 s; the restart waits up to 20 s for the dead one's to expire.
    return subprocess.Popen(
        [sys.executable, "-m", "tests.kill_child", url, str(out), DAY.isoformat(), str(pause), "2", "0.5", "20"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_kill_mid_batch_then_restart(e2e_db_url, plan, directory, tmp_path):
    sqlite_url = e2e_db_url  # a SQLite file, or PostgreSQL in .ci/run's second pass
    engine = loaded_engine(sqlite_url, plan, directory, at(D(2023, 1, 2)))
    with Session(engine) as s:
        keys = [k for (k,) in s.execute(select(AgencyRow.key).where(AgencyRow.kind.in_(("department", "district"))))]
    for i, key in enumerate(keys):
        link(engine, str(1000 + i), key)
    out = tmp_path / "delivered.txt"

    child = _child(sqlite_url, out, 0.2)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or len(out.read_text().splitlines()) < 5):
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=10)
    first = out.read_text().splitlines()
    assert 5 <= len(first) < len(keys), "the kill must land in the middle of the batch"

    again = _child(sqlite_url, out, 0.0)
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err.decode()
    delivered = Counter(out.read_text().splitlines())
    assert set(delivered) == {str(1000 + i) for i in range(len(keys))}  # nobody lost
    assert sum(delivered.values()) - len(delivered) <= 1  # at most the one in flight, twice
    with Session(engine) as s:
        pending = s.execute(
            select(func.count()).select_from(ReminderRow).where(ReminderRow.status != "sent")
        ).scalar_one()
    engine.dispose()  # PostgreSQL's pooled connections are closed, not left to the garbage collector
    assert pending == 0
