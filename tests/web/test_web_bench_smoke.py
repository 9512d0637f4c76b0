"""bench/web.py still runs (tiny size; the figures are printed, never asserted)."""

import re

import pytest

pytestmark = pytest.mark.slow


def test_web_bench_runs_and_prints_its_line():
    from bench import web

    line = web.main(["--assignments", "2000", "--agencies", "40", "--runs", "2"])
    assert re.fullmatch(
        r"assignments=\d+ static_ms=[\d.]+ summary_ms=[\d.]+ items_ms=[\d.]+ "
        r"ratio_summary=[\d.]+ ratio_items=[\d.]+ items_new_ms=[\d.]+ ratio_items_new=[\d.]+ cold_ms=\d+",
        line,
    )
