"""Page times of the web desk's Tổng hợp and Nhiệm vụ beside a static page from the same server.

    python bench/web.py --assignments 100000

Builds the synthetic database (bench/synthetic.py), serves the desk with uvicorn on 127.0.0.1, signs a
coordinator in with a one-time link and times GET requests over one keep-alive connection. The first
request after a change of the data builds the desk's snapshot (printed as ``cold_ms``); later ones reuse it.
Ends with: assignments=N static_ms=… summary_ms=… items_ms=… ratio_summary=… ratio_items=…
items_new_ms=… ratio_items_new=… cold_ms=… (medians of --runs requests each; p90 printed above). Goal: both
ratios ≤ 2. A page body is rendered once per snapshot and query and kept (bot/web/desk.py), so the repeated
pages measure what a coordinator gets on a page seen before; ``items_new`` asks a page not asked before
(the filtering and rendering every first view pays).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import NOW, build  # noqa: E402
from bot.ports import FixedClock  # noqa: E402
from bot.web import auth, server  # noqa: E402
from bot.web.app import create_app  # noqa: E402
from bot.web.config import WebConfig  # noqa: E402
from storage.engine import make_engine  # noqa: E402
from storage.store import SqlStore  # noqa: E402

PAGES = {"static": "/static/trang-tinh.html", "summary": "/", "items": "/nhiem-vu?state=overdue&q=van+ban"}
# a query not asked before (a page body the desk has not rendered yet for this snapshot): run n filters on
# another due date
FRESH = "/nhiem-vu?state=overdue&q=van&due_before={day}"


def p90(xs: list[float]) -> float:
    return sorted(xs)[max(0, int(round(0.9 * len(xs))) - 1)]


def measure(db_url: str, runs: int) -> tuple[dict[str, list[float]], float]:
    engine = make_engine(db_url)
    store = SqlStore(engine)
    clock = FixedClock(NOW)
    config = WebConfig(secret="bench-" + "x" * 32, base_url="", zone=ZoneInfo("Asia/Ho_Chi_Minh"))
    times: dict[str, list[float]] = {k: [] for k in [*PAGES, "items_new"]}
    with server.in_thread(create_app(store, clock, config)) as url, httpx.Client(base_url=url, timeout=300) as client:
        path, _, _ = auth.new_link(store, config, agency_key="vp-ubnd-tinh", role="coordinator", now=clock.now())
        token = path.rsplit("/", 1)[1]
        signed = client.post("/dang-nhap", data={"token": token, "csrf": auth.login_csrf(config, token)})
        assert signed.status_code == 303, signed.text
        t0 = time.perf_counter()
        assert client.get("/").status_code == 200
        cold = (time.perf_counter() - t0) * 1000
        for _ in range(2):  # warm-up
            for p in PAGES.values():
                client.get(p)
        for n in range(runs):
            fresh = FRESH.format(day=(NOW.date() - timedelta(days=n + 1)).isoformat())
            for name, p in [*PAGES.items(), ("items_new", fresh)]:
                t0 = time.perf_counter()
                r = client.get(p)
                times[name].append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200, (p, r.status_code)
    engine.dispose()
    return times, cold


def main(argv: list[str] | None = None) -> str:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--assignments", type=int, default=100_000)
    ap.add_argument("--agencies", type=int, default=400)
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        t0 = time.perf_counter()
        counts = build(make_engine(url), assignments=args.assignments, agencies=args.agencies)
        print(
            f"built {counts['assignments']} assignments ({counts['overdue']} overdue, {counts['items']} items, "
            f"{counts['agencies']} agencies) in {time.perf_counter() - t0:.1f}s"
        )
        times, cold = measure(url, args.runs)
    med = {k: statistics.median(v) for k, v in times.items()}
    for k, v in times.items():
        print(f"{k:7} median {med[k]:7.2f} ms   p90 {p90(v):7.2f} ms")
    line = (
        f"assignments={counts['assignments']} static_ms={med['static']:.2f} summary_ms={med['summary']:.2f} "
        f"items_ms={med['items']:.2f} ratio_summary={med['summary'] / med['static']:.2f} "
        f"ratio_items={med['items'] / med['static']:.2f} items_new_ms={med['items_new']:.2f} "
        f"ratio_items_new={med['items_new'] / med['static']:.2f} cold_ms={cold:.0f}"
    )
    print(line)
    return line


if __name__ == "__main__":
    main()
