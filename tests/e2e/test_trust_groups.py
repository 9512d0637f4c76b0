"""Issue 12 §2 through the command line: a task an appendix details keeps one lead (the appendix tracks
the departments' share), the system-operator role follows the hand-over task, and what waits for an empty
group is counted where coordinators look."""

from __future__ import annotations

import json

from sqlmodel import Session, select

from storage.engine import make_engine
from storage.models import AgencyRow, AssignmentRow, ItemRow

PL1_DEPARTMENTS = 16


def _engine(tmp_path):
    return make_engine(f"sqlite:///{tmp_path / 'data' / 'nhacviec.db'}")


def _agencies(tmp_path, code: str, role: str) -> list[str]:
    with Session(_engine(tmp_path)) as s:
        return list(
            s.exec(
                select(AgencyRow.key)
                .join(AssignmentRow, AssignmentRow.agency_id == AgencyRow.id)
                .join(ItemRow, ItemRow.id == AssignmentRow.item_id)
                .where(ItemRow.code == code, AssignmentRow.role == role, AssignmentRow.active.is_(True))
            )
        )


def test_task_detailed_by_an_appendix_has_the_office_as_its_only_lead(cli, tmp_path):
    code, _, err = cli("init")
    assert code == 0, err
    assert _agencies(tmp_path, "2.II", "lead") == ["vp-ubnd-tinh"]
    pl1_leads = {k for n in range(1, PL1_DEPARTMENTS + 1) for k in _agencies(tmp_path, f"PL1.{n}", "lead")}
    assert len(pl1_leads) == PL1_DEPARTMENTS and "so-tu-phap" in pl1_leads
    # the departments' share of 2.II is their PL1 row; on 2.II they coordinate ("Các Sở")
    assert pl1_leads <= set(_agencies(tmp_path, "2.II", "coordinating"))
    code, out, _ = cli("--today", "1/6/2023", "remind", "--dry-run", "--json")
    assert code == 0
    planned = json.loads(out)
    checkins = [r for r in planned if r["code"] == "2.II"]
    assert [r["agency"] for r in checkins] == ["Văn phòng UBND tỉnh"]
    assert {r["kind"] for r in checkins} == {"checkin"}
    # the departments are still reminded of their own rows (PL1.2 is due 31/5/2023)
    assert any(r["code"] == "PL1.2" and r["agency"] == "Sở Tư pháp" for r in planned)


def _checkins(cli, day: str, code: str) -> list[str]:
    code_, out, err = cli("--today", day, "remind", "--dry-run", "--json")
    assert code_ == 0, err
    return [r["agency"] for r in json.loads(out) if r["code"] == code and r["kind"] == "checkin"]


def test_the_operator_role_follows_the_hand_over_task(cli, tmp_path):
    assert cli("init")[0] == 0
    # 2.I (the hand-over) is open: the department still runs the system, on 1/6 as in February
    assert _checkins(cli, "1/6/2023", "7.III") == ["Sở Thông tin và Truyền thông"]
    assert _checkins(cli, "1/6/2023", "10.III") == ["Sở Thông tin và Truyền thông"]
    assert _agencies(tmp_path, "10.III", "coordinating").count("vp-ubnd-tinh") == 1
    # the department records the hand-over in the terminal chat (12 = its officer)
    script = "12\n/xong 2.I Biên bản bàn giao số 01/BB-STTTT ngày 10/4/2023\nthoat\n"
    code, out, _ = cli("--today", "12/4/2023", "run", stdin=script)
    assert code == 0 and "Đã ghi nhận Sở Thông tin và Truyền thông hoàn thành 2.I" in out
    assert _agencies(tmp_path, "7.III", "lead") == ["vp-ubnd-tinh"]
    assert _agencies(tmp_path, "10.III", "lead") == ["vp-ubnd-tinh"]
    assert "vp-ubnd-tinh" not in _agencies(tmp_path, "10.III", "coordinating")
    assert _checkins(cli, "1/6/2023", "7.III") == ["Văn phòng UBND tỉnh"]
    assert _checkins(cli, "1/6/2023", "10.III") == ["Văn phòng UBND tỉnh"]
    # loading the plan again keeps what the facts say
    assert cli("init")[0] == 0
    assert _agencies(tmp_path, "7.III", "lead") == ["vp-ubnd-tinh"]


def test_status_counts_what_waits_for_an_empty_group(cli):
    code, out, _ = cli("init")
    assert code == 0 and "UBND cấp xã chưa có cơ quan thành viên nào" in out
    waiting = next(line for line in out.splitlines() if "UBND cấp xã chưa có" in line)
    code, out, _ = cli("status")
    assert code == 0 and waiting in out
    code, out, _ = cli("status", "--json")
    n = json.loads(out)["waiting_groups"]["UBND cấp xã"]
    assert n > 0 and f"{n} nhiệm vụ" in waiting
