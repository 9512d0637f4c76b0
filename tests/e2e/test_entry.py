"""Ctrl-C while the program is still loading: one polite line, no traceback (the console script's guard)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Stands for a Ctrl-C that lands while ``bot.cli.main`` is being imported.
SCRIPT = """
import builtins, sys
real = builtins.__import__
def interrupted(name, *args, **kw):
    if name == "bot.cli.main":
        raise KeyboardInterrupt
    return real(name, *args, **kw)
builtins.__import__ = interrupted
from bot.cli.entry import run
sys.exit(run(["status"]))
"""


def test_ctrl_c_while_loading_is_one_polite_line():
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 130
    assert "Traceback" not in done.stderr and "Đã dừng theo yêu cầu (Ctrl-C)." in done.stderr
    assert done.stdout == ""


def test_the_console_script_is_the_guarded_entry():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'nhacviec = "bot.cli.entry:run"' in text
