"""The difference between two versions of a plan and how it reads (pure)."""

from __future__ import annotations

from datetime import date as D

from bot.domain.amend_text import diff_lines, history_lines
from bot.domain.amendments import Change, Note, diff_plans, items_differ, kept_due, signed_on
from bot.domain.interpret import interpret_plan
from bot.domain.plan import build_plan
from bot.files.yaml_tree import parse_tree
from tests.e2e.test_amend_cli import DOC, amended_text


def test_diff_of_the_amended_seed(plan, directory):
    new = build_plan(parse_tree(amended_text(), "amended.yaml"))
    names = {k: a.name for k, a in directory.agencies.items()}
    a = diff_plans(plan.id, interpret_plan(plan, directory), interpret_plan(new, directory), names)
    assert [e.code for e in a.added] == ["6.I"] and [e.code for e in a.removed] == ["PL1.6"]
    assert {e.code for e in a.changed} >= {"4.I", "PL1.3", "PL1.4"}
    assert sorted(items_differ(plan, new)) == ["4.I", "6.I", "PL1.3", "PL1.4", "PL1.6"]
    assert items_differ(plan, plan) == [] and diff_plans(plan.id, [], [], names).empty
    lines = diff_lines(a, DOC, D(2023, 6, 15))
    assert lines[0].endswith("hiệu lực từ 15/6/2023:") and lines[-1].startswith("Tổng cộng: thêm 1, bãi bỏ 1")


def test_history_reads_like_the_decision():
    note = Note(
        DOC,
        D(2023, 6, 15),
        "changed",
        (Change("deadline", "Trước ngày 31/5/2023", "x", D(2023, 5, 31), D(2023, 6, 30)),),
    )
    assert history_lines([note]) == ["Lịch sử sửa đổi:", f"Sửa đổi theo {DOC}: hạn 31/5/2023 → 30/6/2023"]
    assert history_lines([]) == []


def test_closed_before_the_effective_date_keeps_its_date(plan):
    assert kept_due("done", D(2023, 6, 2), D(2023, 6, 15))
    assert not kept_due("done", D(2023, 6, 15), D(2023, 6, 15))
    assert not kept_due("in_progress", None, D(2023, 6, 15))
    assert signed_on(plan) == D(2023, 1, 1)  # the seed's decision date is blank: the plan year's start
