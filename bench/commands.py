"""Reply time of /viec (todo), /trehan (late, a coordinator) and /xong (done: a fresh open item each
repetition, closed by the officer of the agency that leads every item) beside /huongdan (help), through
the real bot and a fake Bot API on 127.0.0.1.

    python bench/commands.py --assignments 100000

Ends with: assignments=N help_ms=… todo_ms=… late_ms=… done_ms=… ratio_todo=… ratio_late=… ratio_done=…
(medians of --runs replies each; p90 printed above). Goals: todo and late ≤ 2, done ≤ 1.5.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram import Update  # noqa: E402

from bench.fake_bot_api import FakeBotAPIServer  # noqa: E402
from bench.synthetic import LARGE, NOW, build  # noqa: E402
from bot.core import CommandCore, CoreConfig  # noqa: E402
from bot.ports import FixedClock  # noqa: E402
from bot.transports.telegram import TelegramTransport  # noqa: E402
from storage.engine import make_engine  # noqa: E402
from storage.store import SqlStore  # noqa: E402

TOKEN = "1:BENCH"
_ids = itertools.count(1)


def _update(chat_id: int, text: str) -> dict:
    return {
        "update_id": next(_ids),
        "message": {
            "message_id": next(_ids),
            "date": 1688350000,
            "text": text,
            "chat": {"id": chat_id, "type": "private", "first_name": "B"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "B"},
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
        },
    }


def open_codes(db: Path, n: int) -> list[str]:
    """Codes of ``n`` items the large agency still has open (each /xong closes a fresh one)."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT i.code FROM assignment a JOIN item i ON i.id = a.item_id WHERE a.agency_id = ? "
            "AND a.role = 'lead' AND a.status != 'done' AND a.active = 1 ORDER BY a.id DESC LIMIT ?",
            (LARGE, n),
        ).fetchall()
    finally:
        conn.close()
    if len(rows) < n:
        raise SystemExit(f"only {len(rows)} open items to close; use fewer --runs or more --assignments")
    return [c for (c,) in rows]


async def measure(db_url: str, base_url: str, runs: int, codes: list[str]) -> dict[str, list[float]]:
    engine = make_engine(db_url)
    core = CommandCore(
        SqlStore(engine), FixedClock(NOW), ZoneInfo("Asia/Ho_Chi_Minh"), CoreConfig(flood_commands=10**6)
    )
    app = TelegramTransport(core).build(TOKEN, base_url=base_url)
    await app.initialize()
    times: dict[str, list[float]] = {"help": [], "todo": [], "late": [], "done": []}
    fresh = iter(codes)
    cases = [
        ("help", 1001, lambda: "/huongdan"),
        ("todo", 1001, lambda: "/viec"),
        ("late", 1002, lambda: "/trehan"),
        ("done", 1001, lambda: f"/xong {next(fresh)}"),
    ]
    for _ in range(2):  # warm-up
        for _, chat, text in cases:
            await app.process_update(Update.de_json(_update(chat, text()), app.bot))
    for _ in range(runs):
        for name, chat, text in cases:
            update = Update.de_json(_update(chat, text()), app.bot)
            t0 = time.perf_counter()
            await app.process_update(update)
            times[name].append((time.perf_counter() - t0) * 1000)
    await app.shutdown()
    engine.dispose()
    return times


def p90(xs: list[float]) -> float:
    return sorted(xs)[max(0, int(round(0.9 * len(xs))) - 1)]


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
        codes = open_codes(Path(tmp) / "bench.db", args.runs + 2)
        with FakeBotAPIServer() as server:
            times = asyncio.run(measure(url, server.base_url, args.runs, codes))
            sent = sum(1 for m, _ in server.calls if m == "sendMessage")
            closed = sum(1 for m, p in server.calls if m == "sendMessage" and "u:" in str(p.get("reply_markup", "")))
    med = {k: statistics.median(v) for k, v in times.items()}
    for k, v in times.items():
        print(f"{k:5} median {med[k]:7.2f} ms   p90 {p90(v):7.2f} ms")
    print(f"messages sent: {sent} ({closed} closing replies)")
    line = (
        f"assignments={counts['assignments']} help_ms={med['help']:.2f} todo_ms={med['todo']:.2f} "
        f"late_ms={med['late']:.2f} done_ms={med['done']:.2f} ratio_todo={med['todo'] / med['help']:.2f} "
        f"ratio_late={med['late'] / med['help']:.2f} ratio_done={med['done'] / med['help']:.2f}"
    )
    print(line)
    return line


if __name__ == "__main__":
    main()
