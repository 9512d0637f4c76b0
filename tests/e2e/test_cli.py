"""The nhacviec command as an operator uses it: real files, real database, exact JSON."""

from __future__ import annotations

import json


from config.settings import DEFAULT_PLAN


def test_init_creates_the_default_sqlite_file_and_is_idempotent(cli, tmp_path):
    code, out, _ = cli("--today", "2023-05-25", "init")
    assert code == 0
    assert (tmp_path / "data" / "nhacviec.db").exists()
    assert "60 nhiệm vụ (27 nhiệm vụ tại Kế hoạch, 16 nhiệm vụ rà soát TTHC, 17 cuộc kiểm tra)" in out
    code, out, _ = cli("init", "--json")
    report = json.loads(out)
    assert code == 0 and report["changed"] is False and report["items_added"] == []


def test_plan_show_json(cli):
    cli("init")
    code, out, _ = cli("plan", "show", "--json")
    items = json.loads(out)
    assert code == 0 and len(items) == 60
    t = next(i for i in items if i["code"] == "3.II")
    for key in (
        "code",
        "type",
        "title",
        "lead_text",
        "lead",
        "coordinating",
        "unresolved",
        "deadline_text",
        "deadline",
        "status",
    ):
        assert key in t
    assert t["type"] == "task" and t["status"] == "open"
    assert set(t["deadline"]) >= {"kind", "due", "start", "recurrence", "flags"}
    assert {i["type"] for i in items} == {"task", "review", "inspection"}
    code, out, _ = cli("plan", "show", "--type", "review", "--json")
    assert len(json.loads(out)) == 16


def test_plan_show_table_in_vietnamese(cli):
    cli("init")
    code, out, _ = cli("plan", "show")
    assert code == 0
    assert out.splitlines()[0].split() == ["Mã", "Nội", "dung", "Chủ", "trì", "Thời", "hạn", "Trạng", "thái"]
    assert "hạn 31/5/2023" in out and "từ 1/4/2023 đến 30/6/2023" in out


def test_parse_deadline_json_and_stdin(cli):
    code, out, _ = cli("parse-deadline", "Quý II năm 2023", "--json")
    assert json.loads(out) == {
        "text": "Quý II năm 2023",
        "kind": "window",
        "due": "2023-06-30",
        "start": "2023-04-01",
        "recurrence": None,
        "flags": [],
        "reason": None,
    }
    phrases = "Trước ngày 31/5/2023\nThường xuyên trong năm 2022.\nTheo tiến độ đã giao\n"
    code, out, _ = cli("parse-deadline", "-", "--year", "2023", stdin=phrases)
    lines = [json.loads(x) for x in out.splitlines()]
    assert [x["kind"] for x in lines] == ["date", "ongoing", "unspecified"]
    assert lines[1]["flags"] == ["year_mismatch"] and lines[0]["due"] == "2023-05-31"
    code, out, _ = cli("parse-deadline", "Quý II năm 2023")
    assert code == 0 and "từ 1/4/2023 đến 30/6/2023" in out


def test_resolve_agencies_json(cli):
    code, out, _ = cli("resolve-agencies", "Các sở; UBND cấp huyện và các cơ quan, đơn vị có liên quan", "--json")
    assert json.loads(out) == {
        "agencies": [],
        "groups": ["Các Sở", "UBND cấp huyện"],
        "unresolved": ["các cơ quan, đơn vị có liên quan"],
    }
    code, out, _ = cli("resolve-agencies", "Sở TT&TT, Sở Tư pháp", "--json")
    assert json.loads(out)["agencies"] == ["Sở Thông tin và Truyền thông", "Sở Tư pháp"]


def test_set_due(cli):
    cli("init")
    code, out, _ = cli("--today", "2023-05-25", "plan", "set-due", "4.ii", "30/9/2023")
    assert code == 0 and "4.II" in out and "30/9/2023" in out
    _, out, _ = cli("plan", "show", "--json")
    t = next(i for i in json.loads(out) if i["code"] == "4.II")
    assert t["deadline"]["kind"] == "date" and t["deadline"]["due"] == "2023-09-30"
    cli("init")  # a reload keeps the coordinator's date
    _, out, _ = cli("plan", "show", "--json")
    assert next(i for i in json.loads(out) if i["code"] == "4.II")["deadline"]["due"] == "2023-09-30"


def test_set_due_bad_input_changes_nothing(cli):
    cli("init")
    _, before, _ = cli("plan", "show", "--json")
    code, _, err = cli("plan", "set-due", "3.V", "30/9/2023")
    assert code == 2 and "Không có nhiệm vụ 3.V" in err and "3.IV" in err
    code, _, err = cli("plan", "set-due", "4.II", "31/11/2023")
    assert code == 2 and "Ngày không hợp lệ" in err
    _, after, _ = cli("plan", "show", "--json")
    assert before == after


def test_commands_before_init_say_what_to_do(cli):
    code, _, err = cli("plan", "show")
    assert code == 2 and "nhacviec init" in err


def test_malformed_plan_file_leaves_the_database_unchanged(cli, tmp_path):
    cli("init")
    db = tmp_path / "data" / "nhacviec.db"
    _, before, _ = cli("plan", "show", "--json")
    bad = tmp_path / "bad.yaml"
    bad.write_text(DEFAULT_PLAN.read_text(encoding="utf-8").replace("year: 2023", "year: [2023"), encoding="utf-8")
    code, out, err = cli("init", "--plan", str(bad))
    assert code == 2 and f"{bad}:" in err and "YAML" in err
    _, after, _ = cli("plan", "show", "--json")
    assert before == after and db.exists()


def test_strict_init_refuses_unknown_agencies(cli, tmp_path):
    cli("init")
    _, before, _ = cli("plan", "show", "--json")
    edited = tmp_path / "plan.yaml"
    edited.write_text(
        DEFAULT_PLAN.read_text(encoding="utf-8").replace(
            "        coordinating: Các Sở có liên quan\n", "        coordinating: Các Sở có liên quan; Sở Vũ trụ\n"
        ),
        encoding="utf-8",
    )
    code, _, err = cli("init", "--plan", str(edited), "--strict", "--force")  # --force: not via plan amend
    assert code == 2 and "Sở Vũ trụ" in err and "4.I" in err
    _, after, _ = cli("plan", "show", "--json")
    assert before == after
    code, out, err = cli("init", "--plan", str(edited), "--force")
    assert code == 0 and "Sở Vũ trụ" in err


def test_database_that_is_not_a_database(cli, tmp_path):
    (tmp_path / "data").mkdir()
    db = tmp_path / "data" / "nhacviec.db"
    db.write_bytes(b"not a database at all" * 100)
    code, _, err = cli("init")
    assert code == 2 and "không mở được cơ sở dữ liệu" in err
    assert db.read_bytes() == b"not a database at all" * 100


def test_bad_settings_are_reported(cli, monkeypatch):
    monkeypatch.setenv("TIMEZONE", "Mars/Olympus")
    code, _, err = cli("init")
    assert code == 2 and "TIMEZONE" in err


def test_database_url_password_is_not_printed(cli, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u:s3cr3t@127.0.0.1:1/none?connect_timeout=1")
    code, out, err = cli("plan", "show")
    assert code == 2 and "s3cr3t" not in out + err


def test_import_communes_joins_them_to_the_commune_group(cli, tmp_path):
    cli("init")
    csv = tmp_path / "xa.csv"
    csv.write_text(
        "key,name,district\nxa-an-binh,UBND xã An Bình,Nam Sách\nphuong-ai-quoc,UBND phường Ái Quốc,TP Hải Dương\n",
        encoding="utf-8",
    )
    code, out, _ = cli("agencies", "import", str(csv), "--json")
    data = json.loads(out)
    assert code == 0 and data["added"] == ["xa-an-binh", "phuong-ai-quoc"] and data["assignments_added"] > 0
    _, out, _ = cli("plan", "show", "--json")
    t = next(i for i in json.loads(out) if i["code"] == "3.II")
    assert "UBND xã An Bình" in t["lead"] and "UBND phường Ái Quốc" in t["lead"]
    _, out, _ = cli("agencies", "list", "--kind", "commune", "--json")
    assert [a["parent"] for a in json.loads(out)] == ["ubnd-h-nam-sach", "ubnd-tp-hai-duong"]
    code, out, _ = cli("init", "--json")  # reloading the directory file keeps imported communes
    assert json.loads(out)["assignments_deactivated"] == 0


def test_bad_commune_csv_changes_nothing(cli, tmp_path):
    cli("init")
    csv = tmp_path / "xa.csv"
    csv.write_text("key,name,district\nxa-a,UBND xã A,Nam Sách\nxa-b,UBND xã B,Huyện Không Có\n", encoding="utf-8")
    code, _, err = cli("agencies", "import", str(csv))
    assert code == 2 and f"{csv}:3" in err and "Huyện Không Có" in err
    _, out, _ = cli("agencies", "list", "--kind", "commune", "--json")
    assert json.loads(out) == []


def test_plan_commands_reports_and_loading_reach_the_database_only_through_the_store():
    """Command modules, reports, file adapters and the loading service import neither storage nor SQL
    libraries (in-function imports included)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    files = [root / "bot" / "cli" / f"{m}_cmds.py" for m in ("plan", "agency", "report", "ops", "officer")]
    files += sorted((root / "bot" / "reports").glob("*.py")) + sorted((root / "bot" / "files").glob("*.py"))
    files += [root / "bot" / "plan_loading.py", root / "bot" / "domain" / "interpret.py"]
    for f in files:
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                assert name.split(".")[0] not in ("storage", "sqlalchemy", "sqlmodel", "jobs"), f"{f} imports {name}"
