"""`nhacviec plan amend`: an amendment by a later decision (issue 14 §2), from the bundled seed through the
real CLI and database — the difference shown, --dry-run, applied, history, past results, reminders."""

from __future__ import annotations

import json
from datetime import date as D

import pytest
from sqlalchemy import select
from sqlmodel import Session

from bot.domain.report_data import tally_rows
from bot.domain.tally import Tally, state
from config.settings import DEFAULT_PLAN
from storage.engine import make_engine
from storage.models import AgencyRow, AmendmentRow, AssignmentRow, AuditRow, ItemRow
from storage.store import SqlStore
from tests.e2e.test_reports import close_all
from tests.sweep_harness import ZONE, at

DOC = "Quyết định số 1234/QĐ-UBND ngày 10/6/2023"
JUNE = ("--today", "2023-06-20")
AMEND = ("plan", "amend", "amended.yaml", "--document", DOC, "--effective", "15/6/2023")


def amended_text() -> str:
    """The seed with 6.I added, PL1.6 removed, PL1.3 and PL1.4 moved to 30/6/2023, 4.I led by Sở Nội vụ."""
    text = DEFAULT_PLAN.read_text(encoding="utf-8")
    edits = (
        (
            '    - number: 6\n      department: "Sở Y tế:"\n'
            '      fields: "Thủ tục hành chính của các lĩnh vực: Dược phẩm; Y tế dự phòng"\n'
            "      deadline: Trước ngày 30/6/2023\n",
            "",
        ),
        (
            'địa chất và khoáng sản"\n      deadline: Trước ngày 31/5/2023',
            'địa chất và khoáng sản"\n      deadline: Trước ngày 30/6/2023',
        ),
        (
            'lao động nước ngoài tại Việt Nam."\n      deadline: Trước ngày 31/5/2023',
            'lao động nước ngoài tại Việt Nam."\n      deadline: Trước ngày 30/6/2023',
        ),
        (
            "hoạt động của Trung tâm Phục vụ hành chính công\n        lead: Văn phòng UBND tỉnh\n",
            "hoạt động của Trung tâm Phục vụ hành chính công\n        lead: Sở Nội vụ\n",
        ),
        (
            "        product: Quyết định của Chủ tịch UBND tỉnh\n\n  - number: II",
            "        product: Quyết định của Chủ tịch UBND tỉnh\n      - number: 6\n"
            "        content: Rà soát, sửa đổi quy chế phối hợp giải quyết thủ tục hành chính liên thông\n"
            "        lead: Sở Tư pháp\n        coordinating: Văn phòng UBND tỉnh\n"
            "        deadline: Trước ngày 31/8/2023\n        product: Quy chế được sửa đổi\n\n  - number: II",
        ),
    )
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.fixture
def seeded(cli, tmp_path):
    """The seed loaded in January, the report scenario's closures (PL1.3 closed late on 2/6), and progress
    recorded on PL1.6 (the item the amendment removes); the amended file written beside it."""
    assert cli("--today", "2023-01-02", "init")[0] == 0
    engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'nhacviec.db'}")
    close_all(engine)
    with Session(engine) as s:
        aid, iid = s.execute(
            select(AssignmentRow.id, ItemRow.id)
            .join(ItemRow)
            .where(ItemRow.code == "PL1.6", AssignmentRow.role == "lead")
        ).one()
    SqlStore(engine).record_progress(
        assignment_id=aid, item_id=iid, actor="Hoa (test)", note="đang rà soát", now=at(D(2023, 6, 1), 9)
    )
    (tmp_path / "amended.yaml").write_text(amended_text(), encoding="utf-8")
    yield cli, engine
    engine.dispose()


def _snapshot(engine) -> tuple:
    """Everything an amendment could change: assignments, items, amendments, audit rows."""
    with Session(engine) as s:
        return (
            sorted(
                tuple(r)
                for r in s.execute(
                    select(AssignmentRow.id, AssignmentRow.due, AssignmentRow.status, AssignmentRow.active)
                )
            ),
            sorted(
                tuple(r)
                for r in s.execute(select(ItemRow.code, ItemRow.deadline_text, ItemRow.lead_text, ItemRow.retired))
            ),
            len(s.execute(select(AmendmentRow.id)).all()),
            len(s.execute(select(AuditRow.id)).all()),
        )


def _states(engine, day: D) -> dict[tuple[str, str], str]:
    rows = tally_rows(SqlStore(engine).report_data(zone=ZONE).rows)
    return {(r.code, r.agency): state(r, day) for r in rows}


def _reminded(cli, day: str) -> set[tuple[str, str]]:
    code, out, err = cli("--today", day, "remind", "--dry-run", "--json")
    assert code == 0, err
    return {(e["code"], e["agency"]) for e in json.loads(out)}


def test_amendment_scenario(seeded):
    cli, engine = seeded
    before = _states(engine, D(2023, 7, 10))
    assert before[("PL1.3", "Sở Tài nguyên và Môi trường")] == "done_late"
    assert ("PL1.6", "Sở Y tế") in _reminded(cli, "2023-06-30")
    assert ("4.I", "Văn phòng UBND tỉnh") in _reminded(cli, "2023-06-29")
    untouched = _snapshot(engine)

    code, out, err = cli(*JUNE, *AMEND, "--dry-run")
    assert code == 0, err
    assert f"Sửa đổi Kế hoạch hai-duong-2023 theo {DOC}, hiệu lực từ 15/6/2023:" in out
    assert "+ Thêm 6.I: Rà soát, sửa đổi quy chế phối hợp" in out
    assert "− Bãi bỏ PL1.6:" in out
    assert "    hạn 31/5/2023 → 30/6/2023" in out and "    chủ trì Văn phòng UBND tỉnh → Sở Nội vụ" in out
    assert "Chạy thử (--dry-run): chưa thay đổi gì." in out and "Lưu ý" not in out
    code, out, _ = cli("--today", "2023-06-10", *AMEND, "--dry-run")
    assert code == 0 and "Lưu ý: ngày hiệu lực 15/6/2023 sau hôm nay (10/6/2023)" in out
    code, out, _ = cli(*JUNE, *AMEND, "--dry-run", "--json")
    diff = json.loads(out)
    assert code == 0 and diff["applied"] is None and diff["dry_run"] is True
    assert [e["code"] for e in diff["added"]] == ["6.I"] and [e["code"] for e in diff["removed"]] == ["PL1.6"]
    changed = {e["code"]: e["changes"] for e in diff["changed"]}
    assert changed["PL1.3"] == [
        {
            "field": "deadline",
            "before": "Trước ngày 31/5/2023",
            "after": "Trước ngày 30/6/2023",
            "before_due": "2023-05-31",
            "after_due": "2023-06-30",
        }
    ]
    assert changed["4.I"][0] == {"field": "lead", "before": "Văn phòng UBND tỉnh", "after": "Sở Nội vụ"}
    assert _snapshot(engine) == untouched  # --dry-run changes nothing

    code, out, err = cli(*JUNE, *AMEND)
    assert code == 0, err
    assert "Đã áp dụng sửa đổi (số 1)." in out
    assert "Giữ hạn cũ cho 1 lượt cơ quan đã hoàn thành trước ngày hiệu lực" in out

    # history intact: statuses kept, the removed item and its assignment retired, one audit row per item
    with Session(engine) as s:
        item = s.execute(select(ItemRow).where(ItemRow.code == "PL1.6")).scalar_one()
        a = s.execute(select(AssignmentRow).where(AssignmentRow.item_id == item.id)).scalar_one()
        assert item.retired and item.retired_on == D(2023, 6, 15)
        assert (
            a.status == "in_progress" and a.note == "đang rà soát" and not a.active and a.retired_on == D(2023, 6, 15)
        )
        old_lead = s.execute(
            select(AssignmentRow)
            .join(ItemRow)
            .join(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
            .where(ItemRow.code == "4.I", AgencyRow.key == "vp-ubnd-tinh", AssignmentRow.role == "lead")
        ).scalar_one()
        assert not old_lead.active and old_lead.retired_on == D(2023, 6, 15)
        rows = s.execute(select(AuditRow.code, AuditRow.note).where(AuditRow.action == "amendment")).all()
    assert sorted(c for c, _ in rows) == ["2.II", "4.I", "6.I", "PL1.3", "PL1.4", "PL1.6"]
    assert {n for _, n in rows} == {DOC}
    code, out, _ = cli("audit", "--json")
    assert [r["action"] for r in json.loads(out)].count("amendment") == 6

    # past results unchanged: PL1.3, closed late on 2/6 before the amendment took effect, stays late
    after = _states(engine, D(2023, 7, 10))
    for key in ("PL1.1", "PL1.2", "PL1.3", "2.I", "3.I", "1.III"):
        found = [k for k in before if k[0] == key]
        assert found and all(after[k] == before[k] for k in found)
    assert ("PL1.6", "Sở Y tế") not in after and after[("6.I", "Sở Tư pháp")] == "in_progress_on_time"
    assert after[("PL1.4", "Sở Lao động - Thương binh và Xã hội")] == "overdue"  # 30/6 now, still open on 10/7
    assert Tally.of(tally_rows(SqlStore(engine).report_data(zone=ZONE).rows), D(2023, 7, 10)).item_count == 60

    # reminders follow the new deadline and the new lead; none for the removed item
    due_day = _reminded(cli, "2023-06-30")
    assert ("PL1.4", "Sở Lao động - Thương binh và Xã hội") in due_day and ("4.I", "Sở Nội vụ") in due_day
    assert not {k for k in due_day if k[0] == "PL1.6"} and ("4.I", "Văn phòng UBND tỉnh") not in due_day
    assert ("PL1.3", "Sở Tài nguyên và Môi trường") not in due_day  # closed

    # the item's history: plan show CODE (a removed one too)
    code, out, _ = cli("plan", "show", "pl1.4")
    assert code == 0 and f"Sửa đổi theo {DOC}: hạn 31/5/2023 → 30/6/2023" in out
    code, out, _ = cli("plan", "show", "PL1.6")
    assert code == 0 and "đã bãi bỏ" in out and f"Sửa đổi theo {DOC}: bãi bỏ nhiệm vụ (từ 15/6/2023)" in out
    code, out, _ = cli("plan", "show", "4.I", "--json")
    shown = json.loads(out)
    assert shown["lead"] == ["Sở Nội vụ"] and shown["amendments"][0]["document"] == DOC

    # init again (the recorded file is now the amended one) is idempotent and keeps the judged date
    code, out, _ = cli(*JUNE, "init", "--json")
    assert code == 0 and json.loads(out)["changed"] is False
    assert _states(engine, D(2023, 7, 10)) == after
    code, out, _ = cli(*JUNE, *AMEND)
    assert code == 0 and "không thay đổi nhiệm vụ nào" in out


def test_init_on_a_changed_plan_file_points_to_amend(seeded, tmp_path):
    cli, engine = seeded
    untouched = _snapshot(engine)
    code, _, err = cli(*JUNE, "init", "--plan", "amended.yaml")
    assert code == 2 and "nhacviec plan amend amended.yaml" in err and "PL1.6" in err and "Chưa thay đổi gì" in err
    assert _snapshot(engine) == untouched
    code, out, _ = cli(*JUNE, "init", "--json")  # the unchanged file loads (2.I closed: roles settle, as before)
    report = json.loads(out)
    assert code == 0 and report["items_added"] == [] and report["items_retired"] == []
    code, out, _ = cli(*JUNE, "init", "--json")  # and stays idempotent
    assert code == 0 and json.loads(out)["changed"] is False


BAD = (
    (("plan", "amend", "amended.yaml", "--effective", "15/6/2023"), "Thiếu văn bản sửa đổi"),
    (("plan", "amend", "amended.yaml", "--document", "  ", "--effective", "15/6/2023"), "Thiếu văn bản sửa đổi"),
    (("plan", "amend", "amended.yaml", "--document", DOC), "Thiếu ngày hiệu lực"),
    (("plan", "amend", "amended.yaml", "--document", DOC, "--effective", "31/2/2023"), "Ngày hiệu lực không hợp lệ"),
    (("plan", "amend", "khong-co.yaml", "--document", DOC, "--effective", "15/6/2023"), "không tìm thấy tệp"),
    (
        ("plan", "amend", "other.yaml", "--document", DOC, "--effective", "15/6/2023"),
        "không phải Kế hoạch «hai-duong-2023»",
    ),
    (("plan", "amend", "amended.yaml", "--document", DOC, "--effective", "20/12/2022"), "trước ngày Kế hoạch"),
)


@pytest.mark.parametrize(("args", "message"), BAD)
def test_bad_inputs_change_nothing(seeded, tmp_path, args, message):
    cli, engine = seeded
    (tmp_path / "other.yaml").write_text(
        amended_text().replace("id: hai-duong-2023", "id: hai-duong-2024"), encoding="utf-8"
    )
    untouched = _snapshot(engine)
    code, out, err = cli(*JUNE, *args)
    assert code == 2 and message in err and out == ""
    assert _snapshot(engine) == untouched
