"""Child process for the crash test: a sweep whose sender appends each delivered chat to a file."""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import date

from bot.ports import Capabilities, FixedClock
from jobs.sweep import run_sweep
from storage.engine import make_engine
from tests.sweep_harness import at, make_deps


class FileSender:
    capabilities = Capabilities()

    def __init__(self, path: str, pause: float):
        self.path, self.pause = path, pause

    async def send(self, out) -> str:
        with open(self.path, "a", encoding="utf-8") as f:   # the message has reached the chat
            f.write(out.chat_id + "\n")
            f.flush()
            os.fsync(f.fileno())
        await asyncio.sleep(self.pause)
        return "ok"


def main() -> None:
    url, path, day, pause = sys.argv[1], sys.argv[2], date.fromisoformat(sys.argv[3]), float(sys.argv[4])
    engine = make_engine(url)
    asyncio.run(run_sweep(make_deps(engine, FixedClock(at(day)), FileSender(path, pause)), force=True))


if __name__ == "__main__":
    main()
