"""Issue 12 §1 on the command line: dates outside the plan, coordinators outside the office, exports of
stored text with control characters (through the terminal chat and `nhacviec export`)."""

from __future__ import annotations

from sqlmodel import Session, select

from storage.engine import make_engine
from storage.models import AssignmentRow, InviteRow, ItemRow, StatusEventRow


def _engine(tmp_path):
    return make_engine(f"sqlite:///{tmp_path / 'data' / 'nhacviec.db'}")


def test_set_due_outside_the_plan_needs_yes(cli, tmp_path):
    cli("init")
    code, _, err = cli("--today", "25/5/2023", "plan", "set-due", "4.II", "30/9/2024")
    assert code == 2 and "Ngày 30/9/2024 nằm ngoài thời gian của Kế hoạch" in err and "--yes" in err
    with Session(_engine(tmp_path)) as s:
        assert s.exec(select(ItemRow.due_override).where(ItemRow.code == "4.II")).one() is None
        assert s.exec(select(StatusEventRow)).all() == []
    code, out, _ = cli("--today", "25/5/2023", "plan", "set-due", "4.II", "30/9/2024", "--yes")
    assert code == 0 and "30/9/2024" in out
    with Session(_engine(tmp_path)) as s:
        assert str(s.exec(select(ItemRow.due_override).where(ItemRow.code == "4.II")).one()) == "2024-09-30"


def test_department_as_coordinator_needs_force(cli, tmp_path):
    cli("init")
    code, _, err = cli("invite", "so tu phap", "--role", "coordinator")
    assert code == 2 and "Sở Tư pháp không phải cơ quan điều phối Kế hoạch" in err and "--force" in err
    with Session(_engine(tmp_path)) as s:
        assert s.exec(select(InviteRow)).all() == []
    code, out, _ = cli("invite", "so tu phap", "--role", "coordinator", "--force")
    assert code == 0 and "Sở Tư pháp (cán bộ theo dõi)" in out
    code, out, _ = cli("invite", "VP UBND tỉnh", "--role", "coordinator")
    assert code == 0


def test_control_characters_never_break_exports(cli, tmp_path):
    cli("init")
    # the terminal chat: pick Sở Tư pháp's officer, close PL1.2 with a note full of controls, switch to the
    # coordinator and export
    script = "\n".join(["4", "/xong PL1.2 đã\x00 xong\x07 \x1b[0m", "doi", "1", "/xuatbaocao", "thoat"]) + "\n"
    code, out, _ = cli("--today", "10/7/2023", "run", stdin=script)
    assert code == 0 and "Đã ghi nhận Sở Tư pháp hoàn thành PL1.2" in out and out.rstrip().endswith("Tạm biệt!")
    with Session(_engine(tmp_path)) as s:
        note = s.exec(select(AssignmentRow.note).where(AssignmentRow.status == "done")).one()
    assert note == "đã xong [0m"
    code, out, err = cli("--today", "10/7/2023", "export", "--out", str(tmp_path / "bc.xlsx"))
    assert code == 0, err
    assert (tmp_path / "bc.xlsx").stat().st_size > 1000


def test_export_survives_control_characters_stored_before_the_fix(cli, tmp_path):
    cli("init")
    with Session(_engine(tmp_path)) as s:
        row = s.exec(select(AssignmentRow)).first()
        row.status, row.note = "done", "cũ\x00\x07\x1b"
        s.add(
            StatusEventRow(
                item_id=row.item_id,
                assignment_id=row.id,
                at=row.updated_at,
                actor="x\x1b",
                action="done",
                note="cũ\x00\x07\x1b",
                data={},
            )
        )
        s.commit()
    code, _, err = cli("--today", "10/7/2023", "export", "--out", str(tmp_path / "bc.xlsx"))
    assert code == 0, err


def test_an_empty_group_is_reported_not_dropped(cli):
    code, out, _ = cli("init")
    assert code == 0 and "UBND cấp xã chưa có cơ quan thành viên nào: 11 nhiệm vụ" in out
    code, out, _ = cli("resolve-agencies", "UBND cấp xã")
    assert code == 0 and "UBND cấp xã (nhóm chưa có cơ quan thành viên)" in out
    code, out, _ = cli("resolve-agencies", "UBND cấp xã", "--json")
    import json

    assert json.loads(out)["unresolved"] == ["UBND cấp xã (nhóm chưa có cơ quan thành viên)"]
