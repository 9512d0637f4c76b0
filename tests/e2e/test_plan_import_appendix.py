"""`plan import`: a task table in an appendix ("Phụ lục I" after the plan's own table) gets its own codes
(PL1.1, PL1.2 …; PL2.1.I with sections) instead of continuing the plan's numbering, also when a page break
splits it; the written plan file loads and its codes can be typed."""

from __future__ import annotations

import json

from bot.domain.codes import lookup
from bot.files import load_plan
from tests.plan_documents import Doc, Merge, Table, to_docx

HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành"]
HEADING = [
    ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["THÀNH PHỐ HẢI PHÒNG", "Độc lập - Tự do - Hạnh phúc"],
    ["Số: 45/KH-UBND", "Hải Phòng, ngày 10 tháng 01 năm 2026"],
]
TITLE = ["KẾ HOẠCH", "KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2026"]


def _task(n: str, what: str, lead: str = "Sở Tư pháp", when: str = "Trước ngày 31/3/2026") -> list[str]:
    return [n, what, lead, "", when]


def _document() -> Doc:
    main = Table(
        [
            HEADER,
            [Merge("I. Kiểm soát quy định TTHC", 5)],
            _task("1", "Rà soát quy định TTHC"),
            _task("2", "Công bố danh mục TTHC (chi tiết tại Phụ lục I)", "Văn phòng UBND thành phố"),
            [Merge("II. Cơ chế một cửa", 5)],
            _task("1", "Số hóa hồ sơ TTHC", "Sở Khoa học và Công nghệ", "Quý II năm 2026"),
        ]
    )
    appendix_1 = Table(
        [
            HEADER,
            _task("1", "Công bố TTHC lĩnh vực tư pháp"),
            _task("2", "Công bố TTHC lĩnh vực xây dựng", "Sở Xây dựng"),
        ],
        before=["Phụ lục I", "DANH MỤC TTHC CẦN CÔNG BỐ NĂM 2026", "(Kèm theo Kế hoạch số 45/KH-UBND)"],
    )
    # the same appendix after a page break: the header repeated, no heading of its own
    appendix_1_next = Table([HEADER, _task("3", "Công bố TTHC lĩnh vực y tế", "Sở Y tế")])
    appendix_2 = Table(
        [
            HEADER,
            [Merge("I. Cấp thành phố", 5)],
            _task("1", "Niêm yết công khai TTHC"),
            _task("1.1", "Niêm yết tại Trung tâm Phục vụ hành chính công", "Trung tâm Phục vụ hành chính công"),
            [Merge("II. Cấp xã", 5)],
            _task("1", "Niêm yết công khai TTHC cấp xã", "UBND các xã, phường, đặc khu"),
        ],
        before=["Phụ lục II: Công khai thủ tục hành chính"],
    )
    return Doc(HEADING, TITLE, [main, appendix_1, appendix_1_next, appendix_2])


MAIN = ["1.I", "2.I", "1.II"]
APPENDICES = ["PL1.1", "PL1.2", "PL1.3", "PL2.1.I", "PL2.1.1.I", "PL2.1.II"]


def test_an_appendix_task_table_gets_its_own_codes(cli, tmp_path):
    to_docx(_document(), tmp_path / "kh-45.docx")
    code, out, err = cli("plan", "import", "kh-45.docx", "--out", "hp.yaml", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert [r["code"] for r in report["rows"]] == MAIN + APPENDICES
    assert report["problems"] == []
    rows = {r["code"]: r for r in report["rows"]}
    assert rows["PL1.3"]["table"] != rows["PL1.1"]["table"]  # the page-broken part, still Phụ lục I
    assert {s["code"] for s in report["sections"]} == {"I", "II", "PL1", "PL2.I", "PL2.II"}

    plan = load_plan(tmp_path / "hp.yaml")
    assert [i.code for i in plan.items] == MAIN + APPENDICES
    assert {i.type for i in plan.items} == {"task"}
    by_code = {i.code: i for i in plan.items}
    assert by_code["PL1.2"].lead_text == "Sở Xây dựng" and by_code["PL1.2"].section == "PL1"
    assert by_code["PL2.1.1.I"].section == "PL2.I"
    assert plan.section_titles["PL1"].lower() == "phụ lục i: danh mục tthc cần công bố năm 2026"
    assert plan.section_titles["PL2.II"] == "Phụ lục II: Công khai thủ tục hành chính — II. Cấp xã"
    assert by_code["1.II"].content == "Số hóa hồ sơ TTHC"  # the plan's own numbering is untouched

    codes = [i.code for i in plan.items]
    assert lookup("pl1.3", codes).code == "PL1.3"
    assert lookup("PL2 1 1 I", codes).code == "PL2.1.1.I"
    assert lookup("phu luc 2.1.ii", codes).code == "PL2.1.II"

    # … and goes into the database as it is: the appendix rows are reminded like any task
    code, out, err = cli("directory", "new", "--province", "Hải Phòng", "--out", "dm-hp.yaml")
    assert code == 0, err
    code, out, err = cli("init", "--plan", "hp.yaml", "--agencies", "dm-hp.yaml")
    assert code == 0, err
    code, out, err = cli("plan", "show", "--json")
    assert code == 0, err
    shown = {i["code"]: i for i in json.loads(out)}
    assert set(shown) == set(MAIN + APPENDICES)


def test_the_first_table_under_an_appendix_heading_is_the_plan_itself(cli, tmp_path):
    """A decision whose plan is its appendix: the only task table is the plan, numbered as such."""
    doc = _document()
    doc.tables = [Table(doc.tables[1].rows, before=["Phụ lục", "KẾ HOẠCH KIỂM SOÁT TTHC NĂM 2026"])]
    to_docx(doc, tmp_path / "qd.docx")
    code, out, err = cli("plan", "import", "qd.docx", "--out", "qd.yaml", "--json")
    assert code == 0, err
    assert [r["code"] for r in json.loads(out)["rows"]] == ["1", "2"]


def test_an_appendix_number_held_by_the_plan_file_is_refused(tmp_path):
    from bot.files.yaml_tree import DataFileError

    text = (
        "id: hp\nyear: 2026\nprovince: Hải Phòng\nissuer: UBND thành phố Hải Phòng\ntitle: Kế hoạch\n"
        "tasks:\n  - {number: 1, content: A, lead: Sở Tư pháp, deadline: Quý I năm 2026}\n"
        "appendix_tasks:\n"
        "  - {number: 3, title: Phụ lục III, tasks: [{number: 1, content: B, lead: Sở Y tế, deadline: Quý I năm 2026}]}\n"
        "  - {number: 3, title: Phụ lục III, tasks: [{number: 2, content: C, lead: Sở Y tế, deadline: Quý I năm 2026}]}\n"
    )
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    import pytest

    with pytest.raises(DataFileError) as e:
        load_plan(tmp_path / "p.yaml")
    assert "phụ lục số 3 đã dùng" in str(e.value) and e.value.line == 10
    ok = text.replace(
        "  - {number: 3, title: Phụ lục III, tasks: [{number: 2",
        "  - {number: 4, title: Phụ lục IV, tasks: [{number: 2",
    )
    (tmp_path / "p.yaml").write_text(ok, encoding="utf-8")
    assert [i.code for i in load_plan(tmp_path / "p.yaml").items] == ["1", "PL3.1", "PL4.2"]
