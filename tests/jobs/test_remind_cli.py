"""remind / status / backup / inspection schedule / plan confirm, as an operator runs them."""

from __future__ import annotations

import json
import sqlite3

from sqlmodel import Session

from storage import registry, work
from storage.engine import make_engine


def _link(tmp_path, chat: str, agency: str, role: str = "officer") -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'nhacviec.db'}")
    with Session(engine) as s:
        from datetime import datetime, timezone

        registry.link_chat(
            s,
            channel="console",
            chat_id=chat,
            agency_id=work.agency_ids(s)[agency],
            role=role,
            display_name=chat,
            now=datetime(2023, 1, 1, tzinfo=timezone.utc),
        )
        s.commit()
    engine.dispose()


def test_remind_dry_run_json_lists_everyone_even_without_recipients(cli, tmp_path):
    cli("init")
    _link(tmp_path, "lan", "so-tu-phap")
    code, out, _ = cli("--today", "22/5/2023", "remind", "--dry-run", "--json")
    entries = json.loads(out)
    assert code == 0 and all(set(e) == {"code", "agency", "kind", "recipients", "period", "text"} for e in entries)
    pl12 = next(e for e in entries if e["code"] == "PL1.2")
    assert pl12 == {
        "code": "PL1.2",
        "agency": "Sở Tư pháp",
        "kind": "upcoming",
        "period": None,
        "recipients": [{"channel": "console", "chat_id": "lan"}],
        "text": pl12["text"],
    }
    assert "hạn 31/5/2023 — còn 9 ngày" in pl12["text"]
    pl11 = next(e for e in entries if e["code"] == "PL1.1")
    assert pl11["recipients"] == []  # Sở Nội vụ has nobody: a coordinator can see who is missed
    assert len({(e["code"], e["agency"], e["kind"], e["period"]) for e in entries}) == len(entries)


def test_remind_on_a_holiday_and_for_surprise_inspections(cli, tmp_path):
    cli("init")
    code, out, _ = cli("--today", "24/1/2023", "remind", "--dry-run")
    assert code == 0 and "ngày nghỉ: không gửi gì" in out
    code, out, _ = cli("inspection", "schedule", "PL2.II.6", "15/9/2023")
    assert code == 0 and "KHÔNG được báo trước" in out
    code, out, _ = cli("inspection", "schedule", "pl2.ii.2", "15/9/2023")
    assert "được báo trước 7 ngày làm việc (6/9/2023)" in out
    _, out, _ = cli("--today", "6/9/2023", "remind", "--dry-run", "--json")
    inspections = [e for e in json.loads(out) if e["kind"] == "inspection"]
    assert [(e["code"], e["agency"]) for e in inspections] == [("PL2.II.2", "UBND huyện Kim Thành")]
    code, _, err = cli("inspection", "schedule", "3.II", "15/9/2023")
    assert code == 2 and "không phải một cuộc kiểm tra" in err


def test_remind_sends_to_the_terminal_and_never_twice(cli, tmp_path):
    cli("init")
    _link(tmp_path, "lan", "so-tu-phap")
    code, out, _ = cli("--today", "22/5/2023", "remind")
    assert code == 0 and "── console:lan ──" in out and "【Nhắc việc Thứ Hai 22/5/2023 — Sở Tư pháp】" in out
    code, out, _ = cli("--today", "22/5/2023", "remind", "--json")
    assert json.loads(out)["messages"] == 0


def test_status(cli, tmp_path):
    cli("init")
    _link(tmp_path, "lan", "so-tu-phap")
    cli("--today", "22/5/2023", "remind")
    code, out, _ = cli("--today", "22/5/2023", "status", "--json")
    data = json.loads(out)
    assert code == 0 and data["last_sweep"] == "2023-05-22" and data["sent_today"] >= 1
    assert data["next_sweep"].startswith("2023-05-23T08:00:00+07:00")
    assert "Sở Nội vụ" in data["agencies_without_recipient"] and "Sở Tư pháp" not in data["agencies_without_recipient"]
    assert data["zalo_sent_this_month"] == 0 and data["zalo_quota"] == 3000 and data["zalo_quota_exhausted"] is False
    code, out, _ = cli("--today", "22/5/2023", "status")
    assert "Lần quét gần nhất: 22/5/2023" in out


def test_backup_is_a_consistent_copy(cli, tmp_path):
    cli("init")
    live = sqlite3.connect(tmp_path / "data" / "nhacviec.db")  # the bot holding the database open
    live.execute("BEGIN")
    live.execute("UPDATE item SET notes = notes")
    code, out, _ = cli("backup", str(tmp_path / "copies" / "nv.db"))
    live.rollback()
    live.close()
    assert code == 0 and "Đã sao lưu" in out
    copy = sqlite3.connect(tmp_path / "copies" / "nv.db")
    assert copy.execute("SELECT count(*) FROM item").fetchone()[0] == 60
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_plan_confirm(cli):
    cli("init")
    code, out, _ = cli("plan", "confirm", "2.IV")
    assert code == 0 and "31/12/2022" in out
    code, _, err = cli("plan", "confirm", "4.II")
    assert code == 2 and "plan set-due 4.II" in err


def test_export_and_draft_reminder_commands(cli, tmp_path):
    from docx import Document
    from openpyxl import load_workbook

    cli("init")
    (tmp_path / "r").mkdir()
    code, out, _ = cli("--today", "10/7/2023", "export", "--format", "xlsx", "--out", str(tmp_path / "r" / "bc.xlsx"))
    assert code == 0 and "226 lượt giao nhiệm vụ" in out
    assert load_workbook(tmp_path / "r" / "bc.xlsx").sheetnames[0] == "Tổng hợp"
    code, out, _ = cli(
        "--today", "10/7/2023", "draft-reminder", "--agency", "so tt&tt", "--out", str(tmp_path / "cv.docx")
    )
    assert code == 0 and "gửi 1 cơ quan (5 nhiệm vụ quá hạn)" in out  # and 5.IV's missed quarters
    body = "\n".join(p.text for p in Document(tmp_path / "cv.docx").paragraphs)
    assert "Kính gửi: Sở Thông tin và Truyền thông." in body
    code, out, err = cli("--today", "1/3/2023", "draft-reminder", "--out", str(tmp_path / "none.docx"))
    assert code == 0 and "Không có nhiệm vụ quá hạn" in out and not (tmp_path / "none.docx").exists()
