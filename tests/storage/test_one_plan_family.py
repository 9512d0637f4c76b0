"""One database, one plan family (issue 11 §3), on SQLite and PostgreSQL: what init loaded is recorded;
agencies not in the directory are retired with their open work; other provinces' plans are retired."""

from __future__ import annotations

from bot.plan_loading import load_plan_files, recorded_files
from config.settings import DEFAULT_AGENCIES, DEFAULT_PLAN
from storage.store import SqlStore
from tests.conftest import NOW

DIRECTORY = """province: Quảng Ninh
agencies:
  - {key: vp-ubnd, name: Văn phòng UBND tỉnh, kind: province_office}
  - {key: so-tu-phap, name: Sở Tư pháp, kind: department}
  - {key: xa-co-to, name: UBND đặc khu Cô Tô, kind: commune}
groups:
  - {key: cap-xa, name: UBND cấp xã, aliases: ['UBND các xã, phường, đặc khu'], member_kinds: [commune]}
"""
PLAN = """id: quang-ninh-2026
year: 2026
province: Quảng Ninh
issuer: UBND tỉnh Quảng Ninh
title: Kế hoạch kiểm soát thủ tục hành chính năm 2026
tasks:
  - {number: 1, content: Rà soát TTHC, lead: Sở Tư pháp, deadline: Trước ngày 31/3/2026}
  - {number: 2, content: Số hóa hồ sơ, lead: 'UBND các xã, phường, đặc khu', coordinating: Văn phòng UBND tỉnh,
     deadline: Quý II năm 2026}
"""


def test_switching_province_retires_the_old_directory_and_plan(engine, tmp_path):
    store = SqlStore(engine)
    demo = load_plan_files(store, DEFAULT_PLAN, DEFAULT_AGENCIES, now=NOW)
    assert demo.agencies_retired == [] and demo.plans_quieted == []
    (tmp_path / "dm.yaml").write_text(DIRECTORY, encoding="utf-8")
    (tmp_path / "qn.yaml").write_text(PLAN, encoding="utf-8")
    report = load_plan_files(store, tmp_path / "qn.yaml", tmp_path / "dm.yaml", now=NOW)
    assert "ubnd-tp-hai-duong" in report.agencies_retired and "so-tu-phap" not in report.agencies_retired
    assert report.plans_quieted == ["hai-duong-2023"] and report.assignments_deactivated > 100
    assert {a["key"] for a in store.agencies()} == {"vp-ubnd", "so-tu-phap", "xa-co-to"}
    retired = {a["key"] for a in store.agencies(retired=True)}
    assert "vp-ubnd-tinh" in retired and "so-tu-phap" not in retired
    assert store.find_agency(query="UBND thành phố Hải Dương").agency is None
    plan_src, dir_src = recorded_files(store)
    assert plan_src.text == PLAN and dir_src.text == DIRECTORY and plan_src.path == str(tmp_path / "qn.yaml")
    assert store.loaded_sources()["province"] == "Quảng Ninh"
    # reloading is quiet; loading the demo again brings it back and retires the other province's agencies
    again = load_plan_files(store, tmp_path / "qn.yaml", tmp_path / "dm.yaml", now=NOW)
    assert not again.changed
    back = load_plan_files(store, DEFAULT_PLAN, DEFAULT_AGENCIES, now=NOW)
    assert set(back.agencies_retired) == {"vp-ubnd", "xa-co-to"} and back.plans_quieted == ["quang-ninh-2026"]
    assert "3.II" in store.plan_codes(plan_slug="hai-duong-2023")
