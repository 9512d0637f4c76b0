"""The benchmark scripts still run (tiny sizes; the figures themselves are printed, never asserted)."""

import re

from bench import commands


def test_commands_bench_runs_and_prints_its_line(capsys):
    line = commands.main(["--assignments", "2000", "--agencies", "40", "--runs", "2"])
    assert re.fullmatch(r"assignments=\d+ help_ms=[\d.]+ todo_ms=[\d.]+ late_ms=[\d.]+ ratio_todo=[\d.]+ "
                        r"ratio_late=[\d.]+", line)
    assert "messages sent: 12" in capsys.readouterr().out
