"""Successors (issue 11 §2), on SQLite and PostgreSQL: when a directory says an agency replaced a
retired one, the retired agency's open work moves to it with an audit row, its done work and its history
stay its own, and old plans naming it still read."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlmodel import Session, select

from bot.files import read_communes_csv
from bot.plan_loading import load_plan_files, read_directory, read_plan, recorded_files
from storage.models import AgencyRow, AssignmentRow, AuditRow, ItemRow
from storage.store import SqlStore
from tests.conftest import NOW

OLD = """province: Quảng Ninh
agencies:
  - {key: vp, name: Văn phòng UBND tỉnh, kind: province_office}
  - {key: so-tttt, name: Sở Thông tin và Truyền thông, short: Sở TT&TT, kind: department}
  - {key: so-khcn, name: Sở Khoa học và Công nghệ, kind: department}
  - {key: so-tp, name: Sở Tư pháp, kind: department}
  - {key: x-a, name: UBND xã An Bình, kind: commune}
"""
NEW = """province: Quảng Ninh
agencies:
  - {key: vp, name: Văn phòng UBND tỉnh, kind: province_office}
  - {key: so-khcn, name: Sở Khoa học và Công nghệ, kind: department, replaces: [so-tttt]}
  - {key: so-tp, name: Sở Tư pháp, kind: department}
  - {key: x-a, name: UBND xã An Bình, kind: commune}
"""
PLAN = """id: quang-ninh-2026
year: 2026
province: Quảng Ninh
issuer: UBND tỉnh Quảng Ninh
title: Kế hoạch kiểm soát thủ tục hành chính năm 2026
tasks:
  - {number: 1, content: Rà soát TTHC lĩnh vực viễn thông, lead: Sở TT&TT, deadline: Trước ngày 31/3/2026}
  - {number: 2, content: Số hóa hồ sơ, lead: Sở Thông tin và Truyền thông, deadline: Quý II năm 2026}
  - {number: 3, content: Báo cáo quý I, lead: Sở Thông tin và Truyền thông, deadline: Trước ngày 15/3/2026}
  - {number: 4, content: Kết nối dữ liệu, lead: 'Sở Thông tin và Truyền thông; Sở Khoa học và Công nghệ',
     deadline: Quý III năm 2026}
  - {number: 5, content: Công khai TTHC, lead: Sở Tư pháp, coordinating: Sở Thông tin và Truyền thông,
     deadline: Quý IV năm 2026}
"""


def _files(tmp_path):
    for name, text in (("old.yaml", OLD), ("new.yaml", NEW), ("plan.yaml", PLAN)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / "plan.yaml", tmp_path / "old.yaml", tmp_path / "new.yaml"


def _rows(engine, agency: str) -> dict[str, tuple[str, str, bool, str]]:
    """Item code → (role, status, active, note) of the agency's assignments."""
    with Session(engine) as s:
        q = (
            select(ItemRow.code, AssignmentRow)
            .join(ItemRow, ItemRow.id == AssignmentRow.item_id)
            .join(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
            .where(AgencyRow.key == agency)
        )
        return {c: (a.role, a.status, a.active, a.note) for c, a in s.exec(q)}


def _assignment(engine, agency: str, code: str) -> AssignmentRow:
    with Session(engine) as s:
        q = (
            select(AssignmentRow)
            .join(ItemRow, ItemRow.id == AssignmentRow.item_id)
            .join(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
            .where(AgencyRow.key == agency, ItemRow.code == code)
        )
        return s.exec(q).one()


def test_open_work_of_a_replaced_agency_moves_to_its_successor(engine, tmp_path):
    plan, old, new = _files(tmp_path)
    store = SqlStore(engine)
    load_plan_files(store, plan, old, now=NOW)
    pid = _assignment(engine, "so-tttt", "2").plan_id
    a2, a3 = _assignment(engine, "so-tttt", "2"), _assignment(engine, "so-tttt", "3")
    store.record_progress(assignment_id=a2.id, item_id=a2.item_id, actor="Cán bộ TT&TT", note="đã số hóa 40%", now=NOW)
    store.close_assignment(
        plan_id=pid,
        assignment_id=a3.id,
        item_id=a3.item_id,
        agency_id=a3.agency_id,
        actor="Cán bộ TT&TT",
        note="Báo cáo số 12/BC-STTTT",
        now=NOW,
        data={},
    )
    assert _rows(engine, "so-khcn") == {"4": ("lead", "open", True, "")}

    later = NOW + timedelta(days=3)
    report = load_plan_files(store, plan, new, now=later)

    assert sorted(report.moved) == [
        ("1", "so-tttt", "so-khcn"),
        ("2", "so-tttt", "so-khcn"),
        ("4", "so-tttt", "so-khcn"),
        ("5", "so-tttt", "so-khcn"),
    ]
    assert "so-tttt" in report.agencies_retired
    khcn = _rows(engine, "so-khcn")
    assert khcn["1"] == ("lead", "open", True, "")
    assert khcn["2"] == ("lead", "in_progress", True, "đã số hóa 40%")  # status and note go with the work
    assert khcn["4"] == ("lead", "open", True, "")  # it had its own: kept
    assert khcn["5"] == ("coordinating", "open", True, "")
    assert "3" not in khcn  # done work stays the former agency's
    tttt = _rows(engine, "so-tttt")
    assert tttt["3"] == ("lead", "done", True, "Báo cáo số 12/BC-STTTT")
    assert {c: active for c, (_, _, active, _) in tttt.items() if c != "3"} == dict.fromkeys("1245", False)
    assert tttt["2"][1:] == ("in_progress", False, "đã số hóa 40%")  # history kept on its own row

    with Session(engine) as s:
        audits = list(s.exec(select(AuditRow).where(AuditRow.action == "successor").order_by(AuditRow.code)))
    assert [a.code for a in audits] == ["1", "2", "4", "5"]
    assert all(a.before["agency"] == "so-tttt" and a.after["agency"] == "so-khcn" for a in audits)
    assert [a.after["kept"] for a in audits] == [False, False, True, False]
    assert audits[1].before["status"] == "in_progress" and audits[1].business_at.date() == later.date()

    retired = {a["key"]: a for a in store.agencies(retired=True)}
    assert retired["so-tttt"]["successor"] == "so-khcn"
    assert retired["so-tttt"]["successor_name"] == "Sở Khoa học và Công nghệ"
    # the old plan still reads: every cell naming the former department is the successor's, nothing unknown
    assert not report.unknown_agencies
    again = load_plan_files(store, plan, new, now=later)
    assert not again.changed and again.moved == []
    assert _rows(engine, "so-khcn") == khcn
    assert store.find_agency(query="Sở Thông tin và Truyền thông").agency is None
    # a directory listing it again brings it back: nobody replaces it any more
    load_plan_files(store, plan, old, now=later)
    assert "so-tttt" not in {a["key"] for a in store.agencies(retired=True)}
    assert _rows(engine, "so-tttt")["2"] == ("lead", "in_progress", True, "đã số hóa 40%")


def test_a_successor_named_after_the_retirement_takes_the_set_aside_work_once(engine, tmp_path):
    plan, old, new = _files(tmp_path)
    store = SqlStore(engine)
    load_plan_files(store, plan, old, now=NOW)
    a2 = _assignment(engine, "so-tttt", "2")
    store.record_progress(assignment_id=a2.id, item_id=a2.item_id, actor="x", note="đang làm", now=NOW)
    without = tmp_path / "without.yaml"  # the new directory, first written without ``replaces``
    without.write_text(NEW.replace(", replaces: [so-tttt]", ""), encoding="utf-8")
    first = load_plan_files(store, plan, without, now=NOW)
    assert "so-tttt" in first.agencies_retired and first.moved == [] and first.unknown_agencies
    report = load_plan_files(store, plan, new, now=NOW)
    assert ("2", "so-tttt", "so-khcn") in report.moved
    assert _rows(engine, "so-khcn")["2"] == ("lead", "in_progress", True, "đang làm")
    assert load_plan_files(store, plan, new, now=NOW).moved == []


def test_a_commune_import_naming_former_communes_moves_their_work(engine, tmp_path):
    plan_text = PLAN + "  - {number: 7, content: Tiếp nhận hồ sơ, lead: UBND xã Tân Lập, deadline: Quý IV năm 2026}\n"
    (tmp_path / "plan.yaml").write_text(plan_text, encoding="utf-8")
    (tmp_path / "dm.yaml").write_text(NEW, encoding="utf-8")
    store = SqlStore(engine)
    load_plan_files(store, tmp_path / "plan.yaml", tmp_path / "dm.yaml", now=NOW)
    plan_src, dir_src = recorded_files(store)
    p, _ = read_plan(plan_src)
    d, _ = read_directory(dir_src)
    first = tmp_path / "xa-cu.csv"  # communes imported before the reorganisation
    first.write_text("key,name\nx-b,UBND xã Tân Lập\n", encoding="utf-8")
    store.import_agencies(
        agencies=read_communes_csv(first, store.known_directory(directory=d)), plan=p, directory=d, now=NOW
    )
    assert _rows(engine, "x-b")["7"][1:3] == ("open", True)
    csv = tmp_path / "xa.csv"
    csv.write_text("key,name,replaces\nx-moi,UBND xã Tân Lập Mới,x-b;UBND xã Cũ Khác\n", encoding="utf-8")
    communes = read_communes_csv(csv, store.known_directory(directory=d))
    assert communes[0].replaces == ("x-b", "UBND xã Cũ Khác")
    added, _, report = store.import_agencies(agencies=communes, plan=p, directory=d, now=NOW)
    assert added == ["x-moi"] and report.moved == [("7", "x-b", "x-moi")] and report.agencies_retired == ["x-b"]
    assert _rows(engine, "x-moi")["7"][1:3] == ("open", True) and _rows(engine, "x-b")["7"][2] is False
    assert {a["key"]: a["successor"] for a in store.agencies(retired=True)} == {"x-b": "x-moi"}
    # a later init with the same directory keeps it so: the old plan's "UBND xã Tân Lập" reads as x-moi
    again = load_plan_files(store, tmp_path / "plan.yaml", tmp_path / "dm.yaml", now=NOW)
    assert not again.unknown_agencies and again.moved == []
    assert _rows(engine, "x-moi")["7"][1:3] == ("open", True)


def test_init_says_so_and_agencies_list_retired_shows_the_successor(cli, tmp_path):
    plan, old, new = _files(tmp_path)
    code, out, err = cli("init", "--plan", str(plan), "--agencies", str(old))
    assert code == 0, err
    code, out, err = cli("init", "--plan", str(plan), "--agencies", str(new))
    assert code == 0, err
    assert "cho cơ quan kế nhiệm: 5 lượt" in out
    code, out, err = cli("agencies", "list", "--retired")
    assert code == 0, err
    line = next(ln for ln in out.splitlines() if "so-tttt" in ln)
    assert "nhiệm vụ chuyển cho Sở Khoa học và Công nghệ" in line
    code, out, err = cli("agencies", "list", "--retired", "--json")
    assert json.loads(out)[0]["successor"] == "so-khcn"
    code, out, err = cli("audit")
    assert code == 0 and "Chuyển nhiệm vụ cho cơ quan kế nhiệm" in out
