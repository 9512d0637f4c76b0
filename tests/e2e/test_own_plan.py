"""Issue 11 — done when: another province's plan goes `directory new` → `plan import` → `init` →
`remind --dry-run` with the right agencies reminded and nothing of Hải Dương in the database; switching a
database from the demo to that plan retires the demo's agencies (history kept)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from bot.domain.folding import fold
from tests.e2e.own_plan_doc import MISSING_BODY, quang_ninh_2026
from tests.plan_documents import to_docx

HAI_DUONG = ("hai duong", "cam giang", "nam sach", "kinh mon", "chi linh", "thanh mien")


def _no_hai_duong(text: str) -> bool:
    folded = fold(text)
    return not any(word in folded for word in HAI_DUONG)


def _own_plan_files(cli, tmp_path) -> dict:
    """directory new → plan import (report names the missing body) → directory add → import again."""
    to_docx(quang_ninh_2026(), tmp_path / "kh-617.docx")
    code, out, err = cli("directory", "new", "--province", "Quảng Ninh", "--out", "dm-qn.yaml")
    assert code == 0, err
    code, out, err = cli("plan", "import", "kh-617.docx", "--out", "qn.yaml", "--agencies", "dm-qn.yaml", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["plan"]["id"] == "quang-ninh-2026" and report["problems"] == []
    unknown = report["agencies"]["unknown"]
    assert unknown == [
        {
            "code": "4.II",
            "cell": "lead",
            "text": MISSING_BODY,
            "table": "bảng 2",
            "row": "10",
            "column": "3",
            "command": f'nhacviec directory add dm-qn.yaml "{MISSING_BODY}"',
        }
    ]
    code, out, err = cli("plan", "import", "kh-617.docx", "--out", "qn.yaml", "--agencies", "dm-qn.yaml", "--force")
    assert code == 0, err
    assert f"bảng 2, dòng 10, cột 3 (mục 4.II), ô chủ trì: “{MISSING_BODY}”" in out
    assert f'nhacviec directory add dm-qn.yaml "{MISSING_BODY}"' in out
    code, out, err = cli("directory", "add", "dm-qn.yaml", MISSING_BODY)  # the command the report printed
    assert code == 0, err
    code, out, err = cli(
        "plan", "import", "kh-617.docx", "--out", "qn.yaml", "--agencies", "dm-qn.yaml", "--force", "--json"
    )
    assert code == 0 and json.loads(out)["agencies"]["unknown"] == []
    return report


@pytest.mark.slow
def test_another_province_from_document_to_reminders_with_nothing_of_hai_duong(cli, tmp_path):
    _own_plan_files(cli, tmp_path)
    # no directory for the plan's province: stop, and say how to make one (nothing of the demo is loaded)
    code, out, err = cli("init", "--plan", "qn.yaml")
    assert code == 2
    assert 'nhacviec directory new --province "Quảng Ninh" --out danh-muc-quang-ninh.yaml' in err
    assert "nhacviec init --plan qn.yaml --agencies danh-muc-quang-ninh.yaml" in err
    code, out, err = cli("init", "--plan", "qn.yaml", "--agencies", "dm-qn.yaml")
    assert code == 0, err
    assert "quang-ninh-2026" in out and "Lưu ý" not in err

    code, out, err = cli("--today", "20/3/2026", "remind", "--dry-run", "--json")
    assert code == 0, err
    entries = json.loads(out)
    leads = {(e["code"], e["agency"]) for e in entries if e["kind"] == "upcoming"}
    assert leads == {
        ("1.I", "Văn phòng UBND tỉnh"),
        ("2.I", "Sở Khoa học và Công nghệ"),
        ("4.II", MISSING_BODY),
        ("1.III", "Sở Nội vụ"),
    }
    heads_up = {(e["code"], e["agency"]) for e in entries if e["kind"] == "heads_up"}
    assert ("2.I", "Văn phòng UBND tỉnh") in heads_up and ("4.II", "Sở Văn hóa, Thể thao và Du lịch") in heads_up
    communes = {a for c, a in heads_up if c == "1.I" and a.startswith("UBND ")}
    assert "UBND đặc khu Cô Tô" in communes and "UBND phường Hạ Long" in communes and len(communes) == 54
    assert all(_no_hai_duong(e["agency"]) and _no_hai_duong(e["text"]) for e in entries)

    # nothing of Hải Dương: agencies (current and retired), the plan, the database itself
    code, out, _ = cli("agencies", "list", "--json")
    agencies = json.loads(out)
    assert code == 0 and len(agencies) == 86 and all(_no_hai_duong(a["name"] + a["key"]) for a in agencies)
    code, out, _ = cli("agencies", "list", "--retired", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = cli("plan", "show")
    assert code == 0 and "1.III" in out and _no_hai_duong(out)
    code, out, _ = cli("plan", "show", "--json")
    assert [i["code"] for i in json.loads(out)] == [
        "1.I",
        "2.I",
        "3.I",
        "1.II",
        "2.II",
        "3.II",
        "4.II",
        "1.III",
        "2.III",
    ]
    db = sqlite3.connect(tmp_path / "data" / "nhacviec.db")
    try:
        assert db.execute("SELECT slug, province FROM plan").fetchall() == [("quang-ninh-2026", "Quảng Ninh")]
        names = [n for (n,) in db.execute("SELECT name FROM agency")]
        assert names and all(_no_hai_duong(n) for n in names)
        assert db.execute("SELECT count(*) FROM assignment WHERE plan_id != (SELECT id FROM plan)").fetchone() == (0,)
    finally:
        db.close()

    # later commands use what init loaded: a reload, a commune CSV, the agency resolver
    code, out, err = cli("init", "--json")
    assert code == 0, err
    assert json.loads(out)["plan"] == "quang-ninh-2026" and json.loads(out)["changed"] is False
    (tmp_path / "xa.csv").write_text("key,name,district\nxa-thu-nghiem,UBND xã Thử Nghiệm,\n", encoding="utf-8")
    code, out, err = cli("agencies", "import", "xa.csv", "--json")
    assert code == 0, err
    assert json.loads(out)["added"] == ["xa-thu-nghiem"]
    code, out, _ = cli("plan", "show", "--json")
    assert (
        _no_hai_duong(out) and "UBND xã Thử Nghiệm" in next(i for i in json.loads(out) if i["code"] == "2.II")["lead"]
    )
    code, out, _ = cli("resolve-agencies", "Sở KH&CN; UBND các xã, phường, đặc khu", "--json")
    assert json.loads(out)["agencies"] == ["Sở Khoa học và Công nghệ"] and json.loads(out)["unresolved"] == []
    code, out, err = cli("init", "--json")  # the imported commune stays with its province's directory
    assert code == 0 and json.loads(out)["agencies_retired"] == []


@pytest.mark.slow
def test_switching_from_the_demo_retires_its_agencies(cli, tmp_path):
    code, _, err = cli("init")
    assert code == 0, err
    _, out, _ = cli("agencies", "list", "--json")
    demo = {a["key"] for a in json.loads(out)}
    assert "ubnd-tp-hai-duong" in demo
    code, _, _ = cli("directory", "new", "--province", "Quảng Ninh", "--out", "dm-qn.yaml")
    assert code == 0
    (tmp_path / "qn.yaml").write_text(
        "id: quang-ninh-2026\nyear: 2026\nprovince: Quảng Ninh\nissuer: UBND tỉnh Quảng Ninh\n"
        "title: Kế hoạch kiểm soát thủ tục hành chính năm 2026\ntasks:\n"
        "  - {number: 1, content: Rà soát TTHC, lead: Sở Tư pháp, deadline: Trước ngày 31/3/2026}\n"
        "  - {number: 2, content: Số hóa hồ sơ, lead: 'UBND các xã, phường, đặc khu', deadline: Quý II năm 2026}\n",
        encoding="utf-8",
    )
    code, out, err = cli("init", "--plan", "qn.yaml", "--agencies", "dm-qn.yaml", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert "ubnd-tp-hai-duong" in report["agencies_retired"] and report["plans_quieted"] == ["hai-duong-2023"]
    assert report["assignments_deactivated"] > 100
    _, out, _ = cli("agencies", "list", "--json")
    current = {a["key"] for a in json.loads(out)}
    assert all(_no_hai_duong(a["name"]) for a in json.loads(out))
    code, out, _ = cli("agencies", "list", "--retired")
    assert code == 0 and "UBND thành phố Hải Dương" in out and "đã ngừng" in out
    code, out, _ = cli("agencies", "list", "--retired", "--json")
    # a key both directories use (so-tu-phap) is the same agency, updated; every other demo agency is retired
    assert {a["key"] for a in json.loads(out)} == demo - current and "so-tu-phap" in current
    # the demo's open work is no longer reminded; the new plan's is
    code, out, err = cli("--today", "20/3/2026", "remind", "--dry-run", "--json")
    assert code == 0, err
    entries = json.loads(out)
    assert {e["code"] for e in entries if e["code"]} == {"1"}
    assert all(_no_hai_duong(e["agency"]) for e in entries)
    code, out, _ = cli("--today", "20/5/2023", "remind", "--dry-run", "--json")
    assert [e for e in json.loads(out) if e["code"]] == []


def test_yaml_mistakes_a_clerk_makes_are_explained(cli, tmp_path):
    cli("directory", "new", "--province", "Quảng Ninh", "--out", "dm.yaml")
    head = "id: qn-2026\nyear: 2026\nprovince: Quảng Ninh\nissuer: UBND tỉnh Quảng Ninh\ntitle: KH\ntasks:\n"
    (tmp_path / "colon.yaml").write_text(
        head + "  - number: 1\n    content: Rà soát: thủ tục\n    lead: Sở Tư pháp\n    deadline: Quý I năm 2026\n",
        encoding="utf-8",
    )
    code, _, err = cli("init", "--plan", "colon.yaml", "--agencies", "dm.yaml")
    assert code == 2 and "colon.yaml:8: lỗi cú pháp YAML ở cột 21: dấu hai chấm" in err and "ngoặc kép" in err
    (tmp_path / "iso.yaml").write_text(
        head + "  - number: 1\n    content: Rà soát\n    lead: Sở Tư pháp\n    deadline: 2026-03-31\n", encoding="utf-8"
    )
    code, _, err = cli("init", "--plan", "iso.yaml", "--agencies", "dm.yaml")
    assert code == 2 and "iso.yaml:7:" in err and 'deadline: "31/3/2026"' in err
    (tmp_path / "missing.yaml").write_text(
        head + "  - number: 1\n    content: Rà soát\n    deadline: Quý I\n", encoding="utf-8"
    )
    code, _, err = cli("init", "--plan", "missing.yaml", "--agencies", "dm.yaml")
    assert code == 2 and "missing.yaml:7: thiếu trường 'lead'" in err
