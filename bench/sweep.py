"""The daily sweep beside the minimum work done with the plain sqlite3 module on the same database, in
two parts:

- plan + claim: one SELECT of the same due rows and one batched INSERT of the same number of claim rows;
- delivery (the sweep sends its digests to a null transport): read back the claimed rows with what a
  digest shows (item code, content and deadline kind, assignment status and due date), then one UPDATE
  per digest, committed (a deliverer records each send before the next).

Each side runs in a fresh process, so peak memory (the child's VmHWM) is the sweep's own.

    python bench/sweep.py --assignments 1000000

Ends with: assignments=N due=… claim_s=… baseline_claim_s=… ratio_claim=… deliver_s=… baseline_deliver_s=…
ratio_deliver=… peak_mb=…   (goals: both ratios ≤ 2, peak < 300 MB at 1M assignments)
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import NOW, TODAY, build  # noqa: E402


class NullSender:
    capabilities = None  # delivery reads it as every capability

    async def send(self, out) -> str:
        return "null"


def _peak_mb() -> float:
    """This process's own peak (VmHWM): ru_maxrss would include the parent's memory from before exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_sweep(db: str, claimed_copy: str) -> dict:
    import asyncio
    from zoneinfo import ZoneInfo

    from bot.domain.reminders import ReminderPolicy
    from bot.ports import FixedClock
    from config.settings import DEFAULT_CALENDAR
    from jobs.delivery import DeliveryConfig
    from jobs.limiter import RateLimiter
    from jobs.sweep import SweepDeps, plan_and_claim
    from jobs.delivery import deliver
    from bot.files import load_calendar
    from storage.engine import make_engine
    from storage.store import SqlStore

    engine = make_engine(f"sqlite:///{db}")
    deps = SweepDeps(
        store=SqlStore(engine),
        clock=FixedClock(NOW),
        zone=ZoneInfo("Asia/Ho_Chi_Minh"),
        calendar=load_calendar(DEFAULT_CALENDAR),
        policy=ReminderPolicy(),
        senders={"telegram": NullSender()},
        limiter=RateLimiter(1e9, 0.0),
        delivery=DeliveryConfig(),
    )
    t0 = time.perf_counter()
    report = plan_and_claim(deps, TODAY)
    claim_s = time.perf_counter() - t0
    peak_plan = _peak_mb()
    _snapshot(db, claimed_copy)  # the claimed database, for the delivery baseline (not timed)
    t1 = time.perf_counter()
    sent = asyncio.run(deliver(deps.store, deps.senders, deps.limiter, deps.clock, deps.zone, deps.delivery))
    t2 = time.perf_counter()
    return {
        "plan_claim_s": claim_s,
        "deliver_s": t2 - t1,
        "planned": report.planned,
        "claimed": report.claimed,
        "messages": sent.messages,
        "peak_mb": _peak_mb(),
        "peak_plan_mb": peak_plan,
    }


def _snapshot(db: str, copy: str) -> None:
    """A consistent copy of the database as it is now (the WAL included), with sqlite3's backup API."""
    src, dst = sqlite3.connect(db), sqlite3.connect(copy)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def child_baseline_delivery(db: str) -> dict:
    """Read back every pending claim with what its digest shows, then one committed UPDATE per digest."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    t0 = time.perf_counter()
    by_recipient: dict[int, list[tuple]] = {}
    for row in conn.execute(
        "SELECT r.id, r.recipient_id, r.kind, r.slot, r.day, i.code, i.content, i.deadline_kind, a.status, a.due "
        "FROM reminder r LEFT JOIN item i ON i.id = r.item_id LEFT JOIN assignment a ON a.id = r.assignment_id "
        "WHERE r.status = 'pending' ORDER BY r.recipient_id, r.id"
    ):
        by_recipient.setdefault(row[1], []).append(row)
    digests = 0
    for rid in by_recipient:
        conn.execute(
            "UPDATE reminder SET status = 'sent', sent_at = ?, message_ref = 'null' "
            "WHERE recipient_id = ? AND status = 'pending'",
            ("2023-07-03 02:00:00.000000", rid),
        )
        conn.commit()
        digests += 1
    t1 = time.perf_counter()
    return {"baseline_deliver_s": t1 - t0, "digests": digests, "peak_mb": _peak_mb()}


def child_baseline(db: str, claims: int) -> dict:
    from bot.domain.reminders import ReminderPolicy, trigger_dates
    from config.settings import DEFAULT_CALENDAR
    from bot.files import load_calendar

    dates = sorted(d.isoformat() for d in trigger_dates(TODAY, load_calendar(DEFAULT_CALENDAR), ReminderPolicy()))
    conn = sqlite3.connect(db)
    t0 = time.perf_counter()
    rows = conn.execute(
        "SELECT a.id, a.item_id, a.agency_id, a.role, a.due, i.deadline_kind, i.start_date, i.due_override "
        "FROM assignment a JOIN item i ON i.id = a.item_id WHERE a.active = 1 AND a.status != 'done' "
        f"AND a.due IN ({','.join('?' * len(dates))})",
        dates,
    ).fetchall()
    conn.execute("CREATE TEMP TABLE claim AS SELECT * FROM reminder WHERE 0")
    conn.execute("CREATE UNIQUE INDEX temp.ix_claim_key ON claim (key)")
    batch = [
        (
            f"k{i}",
            i,
            1,
            i,
            1,
            "overdue",
            "d+1",
            "2023-07-03",
            "pending",
            0,
            "2023-07-03 01:00:00.000000",
            "",
            "",
            "",
            "",
            "",
            0,
        )
        for i in range(claims)
    ]
    conn.executemany(
        "INSERT INTO claim (key, item_id, agency_id, assignment_id, recipient_id, kind, slot, day, "
        "status, attempts, created_at, message_ref, last_error, chat, fallback_to, error, failed_attempts) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        batch,
    )
    t1 = time.perf_counter()
    conn.rollback()
    return {"baseline_s": t1 - t0, "due": len(rows), "peak_mb": _peak_mb()}


def _child(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> str:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--assignments", type=int, default=100_000)
    ap.add_argument("--agencies", type=int, default=400)
    ap.add_argument("--plans", type=int, default=3)
    ap.add_argument("--child-sweep", nargs=2)
    ap.add_argument("--child-baseline", nargs=2)
    ap.add_argument("--child-baseline-delivery")
    args = ap.parse_args(argv)
    if args.child_sweep:
        print(json.dumps(child_sweep(*args.child_sweep)))
        return ""
    if args.child_baseline_delivery:
        print(json.dumps(child_baseline_delivery(args.child_baseline_delivery)))
        return ""
    if args.child_baseline:
        print(json.dumps(child_baseline(args.child_baseline[0], int(args.child_baseline[1]))))
        return ""
    tmp = Path(tempfile.mkdtemp())
    try:
        db = tmp / "sweep.db"
        from storage.engine import make_engine

        t0 = time.perf_counter()
        engine = make_engine(f"sqlite:///{db}")
        counts = build(engine, assignments=args.assignments, agencies=args.agencies, plans=args.plans, officers=True)
        engine.dispose()
        print(
            f"built {counts['assignments']} assignments in {counts['plans']} plans, {counts['agencies']} agencies "
            f"in {time.perf_counter() - t0:.1f}s"
        )
        pristine = tmp / "pristine.db"
        shutil.copy(db, pristine)
        claimed = tmp / "claimed.db"
        sweep = _child("--child-sweep", str(db), str(claimed))
        base = _child("--child-baseline", str(pristine), str(sweep["claimed"]))
        base_d = _child("--child-baseline-delivery", str(claimed))
        print(
            f"sweep: plan+claim {sweep['plan_claim_s']:.3f}s ({sweep['planned']} reminders, {sweep['claimed']} "
            f"claims, peak {sweep['peak_plan_mb']:.0f} MB), delivery of {sweep['messages']} digests to a null "
            f"transport {sweep['deliver_s']:.3f}s (peak {sweep['peak_mb']:.0f} MB)"
        )
        print(
            f"baseline (sqlite3): SELECT of {base['due']} due rows + INSERT of {sweep['claimed']} rows "
            f"{base['baseline_s']:.3f}s; read back of the claims + one UPDATE per digest "
            f"({base_d['digests']} digests) {base_d['baseline_deliver_s']:.3f}s"
        )
        line = (
            f"assignments={counts['assignments']} due={base['due']} claim_s={sweep['plan_claim_s']:.3f} "
            f"baseline_claim_s={base['baseline_s']:.3f} "
            f"ratio_claim={sweep['plan_claim_s'] / base['baseline_s']:.2f} deliver_s={sweep['deliver_s']:.3f} "
            f"baseline_deliver_s={base_d['baseline_deliver_s']:.3f} "
            f"ratio_deliver={sweep['deliver_s'] / base_d['baseline_deliver_s']:.2f} "
            f"peak_mb={sweep['peak_mb']:.0f}"
        )
        print(line)
        return line
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
