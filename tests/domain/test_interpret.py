"""The plan read against the directory, before anything is stored (bot.domain.interpret)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.domain.interpret import COORDINATING, LEAD, interpret_item, interpret_plan, unknown_agencies


def _by_code(plan, directory):
    return {s.code: s for s in interpret_plan(plan, directory)}


def test_every_item_is_read_in_plan_order(plan, directory):
    specs = interpret_plan(plan, directory)
    assert [s.code for s in specs] == [i.code for i in plan.items] and len(specs) == 60
    assert unknown_agencies(specs) == []


def test_groups_expand_and_leads_are_not_also_coordinating(plan, directory):
    by = _by_code(plan, directory)
    assert len(by["3.II"].lead_keys) == 13 and by["3.II"].lead_keys[0] == "vp-ubnd-tinh"
    assert len(by["2.III"].lead_keys) == 18  # "Các Sở"
    # 10.III's lead is the system's operator: Sở TT&TT until 2.I is recorded done; the office coordinates
    assert by["10.III"].lead_keys == ("so-thong-tin-truyen-thong",) and "vp-ubnd-tinh" in by["10.III"].coordinating_keys
    assert set(by["10.III"].lead_keys).isdisjoint(by["10.III"].coordinating_keys)


def test_deadline_reading_and_the_effective_due_date(plan, directory):
    by = _by_code(plan, directory)
    assert by["2.IV"].deadline.flags == ("year_mismatch",)
    undated = by["4.II"]
    assert undated.deadline.kind == "unspecified" and undated.deadline.due is None
    assert undated.due_with(date(2023, 9, 1)) == date(2023, 9, 1)  # a coordinator's date applies
    assert undated.due_with(None) == undated.deadline.sort_due


def test_inspections_name_the_inspected_unit(plan, directory):
    by = _by_code(plan, directory)
    assert by["PL2.II.6"].subject_keys == ("ubnd-tp-hai-duong",)
    assert by["3.II"].subject_keys == ()


def test_unknown_fragments_are_kept_with_their_cell(plan, directory):
    item = replace(
        plan.item("7.III"),
        lead_text="Văn phòng UBND tỉnh; Ban Quản lý Sao Hỏa",
        coordinating_text="Hội Nông dân Mặt Trăng",
    )
    spec = interpret_item(item, directory, plan.year)
    assert spec.lead_keys == ("vp-ubnd-tinh",)
    assert {(u.cell, u.text) for u in spec.unknown} == {
        (LEAD, "Ban Quản lý Sao Hỏa"),
        (COORDINATING, "Hội Nông dân Mặt Trăng"),
    }


def test_lead_cell_naming_its_coordinators_splits_them(directory):
    from bot.domain.interpret import interpret_item
    from bot.domain.plan import Item

    item = Item(
        code="1.I",
        type="task",
        section="I",
        section_title="",
        number=1,
        position=0,
        content="x",
        lead_text="Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ",
        deadline_text="Quý II năm 2023",
    )
    spec = interpret_item(item, directory, 2023)
    assert spec.lead_keys == ("so-tu-phap",) and "so-noi-vu" in spec.coordinating_keys
