"""Child process for the crash tests: a sweep whose sender appends each delivered chat to a file.

``python -m tests.kill_child URL FILE DAY PAUSE [LEASE_SECONDS RENEW_EVERY WAIT]``: the business day is
fixed, real time is the wall clock; a short sender lease lets a standby process take over quickly."""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import date

from bot.ports import Capabilities, FixedClock, SystemClock
from jobs.leadership import LeaseConfig
from jobs.sweep import run_sweep
from storage.engine import make_engine
from tests.sweep_harness import at, make_deps


class FileSender:
    capabilities = Capabilities()

    def __init__(self, path: str, pause: float):
        self.path, self.pause = path, pause

    async def send(self, out) -> str:
        with open(self.path, "a", encoding="utf-8") as f:  # the message has reached the chat
            f.write(out.chat_id + "\n")
            f.flush()
            os.fsync(f.fileno())
        await asyncio.sleep(self.pause)
        return "ok"


def main() -> None:
    url, path, day, pause = sys.argv[1], sys.argv[2], date.fromisoformat(sys.argv[3]), float(sys.argv[4])
    lease = LeaseConfig(*(float(a) for a in sys.argv[5:8])) if len(sys.argv) > 5 else LeaseConfig()
    engine = make_engine(url)
    deps = make_deps(engine, FixedClock(at(day)), FileSender(path, pause), wall=SystemClock(), lease=lease)
    report = asyncio.run(run_sweep(deps, force=True))
    print(f"messages={report.delivery.messages} busy={report.delivery.busy}", flush=True)


if __name__ == "__main__":
    main()
