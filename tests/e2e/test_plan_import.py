"""`plan import`: the seed plan rendered as DOCX/XLSX/PDF imports back to the bundled plan; another
province's 2025 plan goes import → review report → init."""

from __future__ import annotations

import json

import pytest
import yaml

from bot.domain.plan import build_plan
from bot.files import load_plan
from tests.plan_documents import SEED, Doc, Table, seed_doc, to_docx, to_pdf, to_xlsx

FIELDS = (
    "code",
    "type",
    "section",
    "content",
    "lead_text",
    "coordinating_text",
    "deadline_text",
    "product",
    "footnotes",
    "notes",
    "subject_text",
    "surprise",
)


def _same_plan(imported, bundled, pdf: bool = False) -> None:
    assert [i.code for i in imported.items] == [i.code for i in bundled.items]
    for got, want in zip(imported.items, bundled.items):
        for f in FIELDS:
            assert getattr(got, f) == getattr(want, f), (want.code, f)
    for f in (
        "id",
        "year",
        "province",
        "issuer",
        "title",
        "signer",
        "decision_number",
        "decision_date_text",
        "review_notes",
        "section_titles",
    ):
        got, want = getattr(imported, f), getattr(bundled, f)
        if pdf and f == "decision_date_text":  # PDF text keeps no runs of blanks ("ngày      tháng")
            got, want = " ".join(got.split()), " ".join(want.split())
        assert got == want, f


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_seed_plan_round_trip(cli, tmp_path, fmt):
    doc = seed_doc()
    src = tmp_path / f"qd-ke-hoach.{fmt}"
    if fmt == "docx":
        to_docx(doc, src)
    elif fmt == "xlsx":
        to_xlsx(doc, src, ["Kế hoạch", "Phụ lục I", "Phụ lục II"])
    else:
        to_pdf(doc, src)
    code, out, err = cli("plan", "import", str(src), "--out", "plan.yaml", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["problems"] == []
    assert [s["code"] for s in report["sections"]] == ["I", "II", "III", "IV"]
    imported = load_plan(tmp_path / "plan.yaml")
    _same_plan(imported, load_plan(SEED), pdf=fmt == "pdf")
    assert [i.code for i in imported.items if i.surprise] == [f"PL2.II.{n}" for n in range(6, 11)]


def province_2025() -> Doc:
    """Another province's plan issued directly as a Kế hoạch: columns in another order, no product column,
    sub-numbered rows (1.1, a, -), a group heading row, the header repeated after a page break, no sections."""
    heading = [
        ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["TỈNH QUẢNG NINH", "Độc lập - Tự do - Hạnh phúc"],
        ["Số: 617/KH-UBND", "Quảng Ninh, ngày 01 tháng 12 năm 2025"],
    ]
    paragraphs = [
        "KẾ HOẠCH",
        "KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2026 TRÊN ĐỊA BÀN TỈNH QUẢNG NINH",
        "Thực hiện Kế hoạch số 617/KH-UBND ngày 01/12/2025, UBND tỉnh ban hành danh mục nhiệm vụ.",
    ]
    header = ["TT", "Tên nhiệm vụ", "Thời hạn", "Đơn vị chủ trì", "Cơ quan phối hợp"]
    rows = [
        header,
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        ["1", "Rà soát quy trình nội bộ", "Trước ngày 31/3/2026", "Văn phòng UBND tỉnh", "Các sở"],
        ["2", "Số hóa hồ sơ:", "", "", ""],
        ["2.1", "Số hóa hồ sơ cấp tỉnh", "Quý II năm 2026", "Sở Khoa học và Công nghệ", ""],
        ["2.2", "Số hóa hồ sơ cấp xã\nbảo đảm chỉ tiêu", "Thường xuyên", "UBND các xã, phường", "Sở Nội vụ"],
        header,
        ["3", "Thanh toán trực tuyến", "Hằng quý", "Sở Tài chính", "Kho bạc"],
        ["a", "Hướng dẫn thanh toán", "Trong tháng 6 năm 2026", "Sở Tài chính", ""],
        ["-", "Báo cáo kết quả", "Trước ngày 15/12/2026", "Sở Tài chính", "Văn phòng UBND tỉnh"],
        ["", "(kèm số liệu từng xã)", "", "", ""],
        ["4", "Kiểm tra đột xuất", "Theo yêu cầu", "Văn phòng UBND tỉnh", ""],
        ["4.x", "Dòng đánh số sai", "", "", ""],
    ]
    return Doc(heading, paragraphs, [Table(rows, widths=[1.2, 9, 4, 5, 5])])


def test_another_province_import_review_init(cli, tmp_path):
    to_docx(province_2025(), tmp_path / "kh-617.docx")
    code, out, err = cli("plan", "import", "kh-617.docx", "--out", "qn.yaml", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["plan"]["id"] == "quang-ninh-2026"
    assert report["plan"]["issuer"] == "UBND tỉnh Quảng Ninh"
    assert report["plan"]["title"] == "Kế hoạch kiểm soát thủ tục hành chính năm 2026 trên địa bàn tỉnh Quảng Ninh"
    assert report["plan"]["decision"] == {
        "type": "KH",
        "number": "617/KH-UBND",
        "date": "2025-12-01",
        "date_text": "ngày 01 tháng 12 năm 2025",
        "title": "",
    }
    assert [r["code"] for r in report["rows"]] == ["1", "2.1", "2.2", "3", "3.a", "3.1", "4"]
    assert [p["row"] for p in report["problems"]] == ["13"]
    assert report["problems"][0]["table"] == "bảng 2" and report["problems"][0]["text"] == "4.x"
    plan = load_plan(tmp_path / "qn.yaml")
    assert plan.year == 2026 and plan.item("2.2").content == "Số hóa hồ sơ cấp xã\nbảo đảm chỉ tiêu"
    assert plan.item("3.1").content == "Báo cáo kết quả\n(kèm số liệu từng xã)"
    assert plan.item("2.1").product == "" and plan.item("3").coordinating_text == "Kho bạc"
    assert plan.section_titles == {"NV": "Nhiệm vụ"}
    tree = yaml.safe_load((tmp_path / "qn.yaml").read_text(encoding="utf-8"))
    assert tree["tasks"][1]["group"] == "Số hóa hồ sơ:"
    code, out, err = cli(
        "init", "--plan", "qn.yaml", "--agencies", str(SEED.parent.parent / "agencies" / "hai-duong.yaml")
    )
    assert code == 0, err
    assert "quang-ninh-2026" in out
    code, out, err = cli("plan", "show", "--json")
    assert code == 0, err
    assert [i["code"] for i in json.loads(out)] == ["1", "2.1", "2.2", "3", "3.a", "3.1", "4"]


def test_csv_and_text_report(cli, tmp_path):
    (tmp_path / "kh.csv").write_text(
        "KẾ HOẠCH;;;\nCải cách thủ tục hành chính năm 2026;;;\n"
        "STT;Nội dung;Cơ quan chủ trì;Thời gian thực hiện\nI. Nhiệm vụ chung;;;\n"
        '1;"Rà soát\nthủ tục";Sở Tư pháp;Quý I năm 2026\n',
        encoding="utf-8",
    )
    code, out, err = cli("plan", "import", "kh.csv")
    assert code == 0, err
    assert "Mục I: Nhiệm vụ chung (1 nhiệm vụ)" in out and "kh.yaml" in out
    assert load_plan(tmp_path / "kh.yaml").item("1.I").content == "Rà soát\nthủ tục"


def test_clerk_errors_are_vietnamese_and_name_the_file(cli, tmp_path):
    code, _, err = cli("plan", "import", "khong-co.docx")
    assert code == 2 and "khong-co.docx: không tìm thấy tệp" in err
    (tmp_path / "hong.docx").write_bytes(b"not a zip")
    code, _, err = cli("plan", "import", "hong.docx")
    assert code == 2 and "hong.docx: tệp hỏng" in err
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    code, _, err = cli("plan", "import", "a.txt")
    assert code == 2 and "a.txt: không đọc được định dạng .txt" in err
    (tmp_path / "b.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    code, _, err = cli("plan", "import", "b.csv")
    assert code == 2 and "b.csv: không tìm thấy bảng nhiệm vụ" in err
    (tmp_path / "out.yaml").write_text("x", encoding="utf-8")
    code, _, err = cli("plan", "import", "b.csv", "--out", "out.yaml")
    assert code == 2 and "out.yaml: tệp đã có" in err


def test_written_plan_file_loads_with_build_plan(tmp_path):
    from bot.domain.plan_table import interpret
    from bot.imports import read_document
    from bot.imports.plan_yaml import plan_yaml

    result = interpret(read_document(to_docx(province_2025(), tmp_path / "x.docx")))
    plan = build_plan(yaml.safe_load(plan_yaml(result.tree, "x.docx")))
    assert len(plan.items) == 7
