"""Running `nhacviec run` as a real process for end-to-end tests: started, waited on, stopped with SIGINT."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent


def clean_env(db_url: str, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_", "DATABASE_URL", "TODAY"))}
    return {**env, "DATABASE_URL": db_url, "PYTHONPATH": str(ROOT), **extra}


@contextmanager
def running_bot(cwd: Path, env: dict, *args: str):
    """Yields (wait_until, log_text); the process is interrupted when the block ends, stderr kept in a file."""
    log_path = cwd / "stderr.log"
    log = open(log_path, "w", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli.main", *args, "run"], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=log
    )
    deadline = time.monotonic() + 30

    def wait_until(condition: Callable[[], bool]) -> bool:
        while time.monotonic() < deadline and not condition():
            time.sleep(0.05)
        return condition()

    def log_text() -> str:
        return log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""

    try:
        yield wait_until, log_text
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
