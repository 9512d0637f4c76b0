"""The benchmark scripts still run (tiny sizes; the figures themselves are printed, never asserted)."""

import pytest

import re

from bench import commands

pytestmark = pytest.mark.slow


def test_commands_bench_runs_and_prints_its_line(capsys):
    line = commands.main(["--assignments", "2000", "--agencies", "40", "--runs", "2"])
    assert re.fullmatch(
        r"assignments=\d+ help_ms=[\d.]+ todo_ms=[\d.]+ late_ms=[\d.]+ done_ms=[\d.]+ "
        r"ratio_todo=[\d.]+ ratio_late=[\d.]+ ratio_done=[\d.]+",
        line,
    )
    assert "messages sent: 16 (4 closing replies)" in capsys.readouterr().out  # each /xong closed a fresh item


def test_sweep_bench_runs_and_prints_its_line():
    from bench import sweep

    line = sweep.main(["--assignments", "3000", "--agencies", "30", "--plans", "2"])
    assert re.fullmatch(
        r"assignments=\d+ due=\d+ claim_s=[\d.]+ baseline_claim_s=[\d.]+ ratio_claim=[\d.]+ "
        r"deliver_s=[\d.]+ baseline_deliver_s=[\d.]+ ratio_deliver=[\d.]+ peak_mb=\d+",
        line,
    )


def test_delivery_bench_runs_and_prints_its_line():
    from bench import delivery

    line = delivery.main(["--messages", "12", "--rate", "50", "--chats", "12"])
    m = re.fullmatch(r"sent=(\d+) achieved_per_s=[\d.]+ max_in_any_1s=(\d+)", line)
    assert m and int(m.group(1)) == 12 and int(m.group(2)) <= 50
