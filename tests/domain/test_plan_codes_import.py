"""Codes of sub-numbered rows and of plans without sections; build_plan accepts both."""

from __future__ import annotations

import pytest

from bot.domain.codes import lookup, sort_codes, task_code
from bot.domain.plan import PlanFileError, build_plan
from bot.domain.plan_table import column_role

CODES = ["1.I", "1.1.I", "2.a.I", "2.b.I", "1.II", "3.c.II"]
FLAT = ["1", "2", "2.1", "2.2", "3.a", "10"]


@pytest.mark.parametrize(
    "typed,code",
    [
        ("1.1.I", "1.1.I"),
        ("1-1-i", "1.1.I"),
        ("I.1.1", "1.1.I"),
        ("2a.I", "2.a.I"),
        ("2.A.i", "2.a.I"),
        ("3.c.ii", "3.c.II"),
        ("1.ii", "1.II"),
    ],
)
def test_sub_numbered_codes(typed, code):
    assert lookup(typed, CODES).code == code


@pytest.mark.parametrize("typed,code", [("2", "2"), ("2.1", "2.1"), ("2-2", "2.2"), ("3a", "3.a"), ("10", "10")])
def test_codes_without_sections(typed, code):
    assert lookup(typed, FLAT).code == code


def test_unknown_sub_code_suggests():
    assert lookup("2.3", FLAT).code is None and "2" in lookup("2.3", FLAT).suggestions


def test_sort_and_task_code():
    assert task_code("1.1", "ii") == "1.1.II" and task_code(3, "") == "3"
    assert sort_codes(["2.a.I", "1.II", "1.1.I", "1.I"]) == ["1.I", "1.1.I", "2.a.I", "1.II"]
    assert sort_codes(["10", "2.1", "2", "1"]) == ["1", "2", "2.1", "10"]


def _task(number, **kw):
    return {"number": number, "content": "Việc", "lead": "Sở Tư pháp", "deadline": "Quý I năm 2026", **kw}


def test_build_plan_sub_rows_and_no_sections():
    plan = build_plan(
        {
            "id": "x",
            "year": 2026,
            "province": "P",
            "issuer": "UBND",
            "title": "T",
            "tasks": [_task(1), _task("1.1"), _task("1.a")],
        }
    )
    assert [i.code for i in plan.items] == ["1", "1.1", "1.a"]
    assert {i.section for i in plan.items} == {"NV"} and plan.section_titles == {"NV": "Nhiệm vụ"}
    plan = build_plan(
        {
            "id": "x",
            "year": 2026,
            "province": "P",
            "issuer": "UBND",
            "title": "T",
            "sections": [{"number": "II", "title": "S", "tasks": [_task("2.1"), _task("b")]}],
        }
    )
    assert [i.code for i in plan.items] == ["2.1.II", "b.II"] and plan.items[0].number == 2


@pytest.mark.parametrize("number", [1.1, "1..2", "abc", "0"])
def test_bad_numbers_are_refused(number):
    with pytest.raises(PlanFileError):
        build_plan({"id": "x", "year": 2026, "province": "P", "issuer": "UBND", "title": "T", "tasks": [_task(number)]})


@pytest.mark.parametrize(
    "header,role",
    [
        ("STT", "number"),
        ("TT", "number"),
        ("Nội dung công việc", "content"),
        ("Tên nhiệm vụ", "content"),
        ("Cơ quan, đơn vị chủ trì", "lead"),
        ("Đơn vị chủ trì", "lead"),
        ("Cơ quan phối hợp", "coordinating"),
        ("THỜI GIAN HOÀN THÀNH", "deadline"),
        ("Thời hạn", "deadline"),
        ("Thời gian thực hiện", "deadline"),
        ("Sản phẩm dự kiến", "product"),
        ("Kết quả", "product"),
        ("Ghi chú", "notes"),
        ("Lĩnh vực rà soát", "fields"),
    ],
)
def test_column_vocabulary(header, role):
    assert column_role(header) == role
