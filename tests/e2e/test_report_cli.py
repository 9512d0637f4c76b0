"""The coordinators' documents through ``nhacviec report / export / draft-reminder``, read back with
openpyxl and python-docx: what a Văn phòng would sign."""

from __future__ import annotations

from datetime import datetime

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from openpyxl import load_workbook

from config.settings import DEFAULT_PLAN
from storage.engine import make_engine
from tests.e2e.test_reports import close_all

JULY = ("--today", "2023-07-10")


@pytest.fixture
def scenario(cli, tmp_path):
    """The bundled plan loaded in January, the scenario's six closures recorded."""
    assert cli("--today", "2023-01-02", "init")[0] == 0
    engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'nhacviec.db'}")
    close_all(engine)
    engine.dispose()
    return cli


def _texts(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def _cells(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def test_report_prints_the_vietnamese_summary(scenario, tmp_path):
    code, out, _ = scenario("--today", "2023-07-14", "report", "--chart", "bieu-do.png")
    assert code == 0 and (tmp_path / "bieu-do.png").read_bytes()[:4] == b"\x89PNG"
    # 5.IV is quarterly: each of its 30 agencies counts quý I and quý II (due so far), not one ongoing row
    assert "Tổng số: 60 nhiệm vụ, 256 lượt giao cơ quan chủ trì." in out
    assert "1. Đã hoàn thành: 6 nhiệm vụ (10,0%); 6 lượt (2,3%)" in out
    assert "      + trong đó chưa đến hạn: 0 nhiệm vụ (0,0%); 0 lượt (0,0%)" in out
    assert "3. Nhiệm vụ thường xuyên (đang triển khai): 13 nhiệm vụ (21,7%); 132 lượt (51,6%)" in out
    assert "Đến hạn trong 14 ngày làm việc tới, đến 3/8/2023 (3):" in out  # the reminders' calendar


def test_export_workbook_read_back(scenario, tmp_path):
    code, out, _ = scenario(*JULY, "export", "--out", "bc.xlsx")
    assert code == 0 and "226 lượt" in out  # assignment rows; the summary counts 5.IV's periods
    wb = load_workbook(tmp_path / "bc.xlsx")
    assert wb.sheetnames == ["Tổng hợp", "Nhiệm vụ", "Rà soát TTHC", "Kiểm tra", "Nhật ký"]
    for ws in wb:
        assert ws["A2"].value == "Số liệu tính đến ngày 10/7/2023"
        assert ws["A3"].value.startswith("Tài liệu nội bộ")
    rows = list(wb["Tổng hợp"].iter_rows(values_only=True))
    summary = {r[0]: r[1:5] for r in rows if r[0]}
    assert summary["Tổng số"] == (60, 1, 256, 1)  # 5.IV: 30 agencies × quý I, quý II
    assert summary["1. Đã hoàn thành"][0] == 6 and summary["   - Quá hạn"] == (16, 0.2667, 75, 0.293)
    assert summary["      + trong đó chưa đến hạn"] == (0, 0, 0, 0)  # zero lines shown
    assert summary["3. Nhiệm vụ thường xuyên (đang triển khai)"][:1] == (13,)  # 5.IV: its missed quarters
    assert wb["Tổng hợp"]["C7"].number_format == "0.0%"
    names = [(r[0], r[1]) for r in rows if r[1]]
    groups = [n for stt, n in names if stt in ("I", "II", "III")]
    assert groups == ["Sở, ban, ngành", "UBND cấp huyện", "Cơ quan, đơn vị khác"]
    listed = [n for stt, n in names if isinstance(stt, int)]
    assert listed[:4] == ["Văn phòng UBND tỉnh", "Sở Nội vụ", "Sở Tư pháp", "Sở Kế hoạch và Đầu tư"]
    assert listed.index("UBND thành phố Hải Dương") == 19 and len(listed) == 34
    assert [stt for stt, _ in names if isinstance(stt, int)] == list(range(1, 35))
    total = next(r for r in rows if r[1] == "TỔNG CỘNG")
    assert total[2:] == (4, 2, 23, 0, 75, 132, 20, 256)
    parts = [r[0] for r in rows if isinstance(r[0], str) and r[0].startswith(("Mục", "Phụ lục"))]
    assert parts[-3:] == ["Phụ lục I", "Phụ lục II – Khối các sở, ban, ngành", "Phụ lục II – Khối cấp huyện"]
    assert not any(p.startswith("Mục PL") for p in parts)

    tasks = wb["Nhiệm vụ"]
    assert tasks.freeze_panes == "A6" and tasks.auto_filter.ref.startswith("A5:O")  # … "Gia hạn", "Minh chứng"
    row = next(r for r in tasks.iter_rows(min_row=6) if r[0].value == "3.I")
    assert row[1].value == "Mục I, nhiệm vụ 3" and row[5].value == "Văn phòng UBND tỉnh"
    assert row[8].value == datetime(2023, 6, 30) and row[8].number_format == "DD/MM/YYYY"
    assert row[9].value == "Hoàn thành quá hạn" and row[10].value == datetime(2023, 7, 3)
    reviews = wb["Rà soát TTHC"]
    pl12 = next(r for r in reviews.iter_rows(min_row=6, values_only=True) if r[0] == "PL1.2")
    assert pl12[1] == "Phụ lục I, STT 2" and pl12[6] == "Hoàn thành đúng hạn"
    assert pl12[7] == datetime(2023, 5, 30)  # the cited document's date, not the day it was closed
    insp = wb["Kiểm tra"]
    six = next(r for r in insp.iter_rows(min_row=6, values_only=True) if r[0] == "PL2.II.6")
    assert six[1] == "Phụ lục II, Khối cấp huyện, STT 6" and six[3] == "UBND thành phố Hải Dương" and six[5] == "Có"
    assert wb["Nhật ký"].max_row == 5 + 6


def test_export_for_circulation(scenario, tmp_path):
    code, out, _ = scenario(*JULY, "export", "--circulation", "--out", "bc-luu-hanh.xlsx")
    assert code == 0 and "không gồm các cuộc kiểm tra đột xuất" in out and "221 lượt" in out
    wb = load_workbook(tmp_path / "bc-luu-hanh.xlsx")
    assert wb["Tổng hợp"]["A3"].value == "Bản lưu hành: không gồm các cuộc kiểm tra đột xuất"
    units = [r[3] for r in wb["Kiểm tra"].iter_rows(min_row=6, values_only=True)]
    assert len(units) == 12 and all(r[5] != "Có" for r in wb["Kiểm tra"].iter_rows(min_row=6, values_only=True))
    total = next(r for r in wb["Tổng hợp"].iter_rows(values_only=True) if r[1] == "TỔNG CỘNG")
    assert total[-1] == 251


def test_letter_is_never_addressed_to_its_issuer(scenario, tmp_path):
    code, out, _ = scenario(*JULY, "draft-reminder", "--out", "cv.docx")
    assert code == 0
    assert (
        "gửi 30 cơ quan (42 nhiệm vụ quá hạn)" in out
    )  # 5.IV's missed quarters: one line per agency and "cv-noi-bo.docx" in out
    doc = Document(tmp_path / "cv.docx")
    body = _texts(doc)
    to = [
        p
        for p in doc.paragraphs
        if p.text.startswith("Kính gửi:") or p.text.startswith("- Sở") or p.text.startswith("- Ban")
    ]
    # every agency leading 5.IV missed quý I and II: the letter goes to all of them, in official order
    assert to[0].text == "Kính gửi:\t- Sở Nội vụ;" and to[-1].text == "- Ban Quản lý các khu công nghiệp tỉnh;"
    assert [p.text[2:-1] for p in to[1:4]] == ["Sở Tư pháp", "Sở Kế hoạch và Đầu tư", "Sở Tài chính"]
    assert all(p.alignment != WD_ALIGN_PARAGRAPH.CENTER for p in to)
    assert len({p.paragraph_format.left_indent for p in to}) == 1 and to[0].paragraph_format.first_line_indent < 0
    assert "Văn phòng UBND tỉnh;" not in body and "Văn phòng UBND tỉnh." not in [p.text[2:] for p in to]
    header = " ".join(c.text for row in doc.tables[0].rows for c in row.cells)
    assert "UBND TỈNH HẢI DƯƠNG" in header and "VĂN PHÒNG" in header and "/VP-KSTTHC" in header
    assert "V/v đôn đốc thực hiện Kế hoạch kiểm soát thủ tục hành chính" in header
    opening = next(p for p in doc.paragraphs if p.text.startswith("Thực hiện"))
    assert opening.text.startswith("Thực hiện Kế hoạch kiểm soát thủ tục hành chính")
    assert "kế hoạch kiểm soát" not in body
    marked = [r.text for r in opening.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert marked == ["…/QĐ-UBND", "… tháng 02 năm 2023"]
    assert "Quyết định số …/QĐ-UBND ngày … tháng 02 năm 2023 của Chủ tịch UBND tỉnh" in opening.text
    assert "đề nghị các cơ quan, đơn vị khẩn trương" in body
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml and "PAGE" not in section.first_page_header._element.xml
    foot = "\n".join(c.text for c in doc.tables[1].rows[0].cells)
    assert "- Lưu: VT, KSTTHC." in foot and "KT. CHÁNH VĂN PHÒNG" in foot
    assert "Phụ lục\nDANH MỤC NHIỆM VỤ QUÁ HẠN" in body
    appendix = _cells(doc.tables[2])
    assert appendix[0][:2] == ["STT", "Nhiệm vụ (theo Kế hoạch)"]
    assert appendix[1][1] == "Sở Nội vụ (1 nhiệm vụ)" and appendix[2][1] == "Mục IV, nhiệm vụ 5"
    assert appendix[2][3].endswith("\nCác kỳ chưa báo cáo: quý I/2023, quý II/2023")
    assert appendix[2][4] == "101 ngày (hạn 31/3/2023)"  # late since the oldest missed period
    cited = [r[1] for r in appendix[1:] if r[0].isdigit()]
    assert "Phụ lục I, STT 5" in cited and not any(c.startswith("PL") for c in cited)
    assert {r[5] for r in appendix[1:] if r[1].startswith("Phụ lục I,")} == {"(Kế hoạch không nêu)"}
    products = {r[1]: r[5] for r in appendix[1:]}
    assert (
        products["Mục III, nhiệm vụ 3"]
        == "- Báo cáo kết quả thực hiện;\n- Mã kết quả số hóa được cung cấp trên Hệ thống"
    )
    assert "Kết quả rà soát" not in body + "".join(map(str, appendix))
    pl15 = next(r for r in appendix if r[1] == "Phụ lục I, STT 5")
    assert pl15[2].startswith("Rà soát, đánh giá đơn giản hóa thủ tục hành chính năm 2023\nThủ tục hành chính")

    own = Document(tmp_path / "cv-noi-bo.docx")
    text = _texts(own)
    assert "Tài liệu nội bộ" in text and "Kính gửi: Chánh Văn phòng." in text
    assert "Văn phòng UBND tỉnh còn 3 nhiệm vụ" in text
    assert [r[1] for r in _cells(own.tables[0])[1:]] == ["Mục I, nhiệm vụ 4", "Mục I, nhiệm vụ 5", "Mục IV, nhiệm vụ 3"]


def test_letter_to_one_agency_names_it(scenario, tmp_path):
    code, out, _ = scenario(*JULY, "draft-reminder", "--agency", "so y te", "--out", "yte.docx")
    assert code == 0 and "noi-bo" not in out
    body = _texts(Document(tmp_path / "yte.docx"))
    assert "Kính gửi: Sở Y tế." in body and "2 nhiệm vụ của Sở Y tế" in body
    assert "Văn phòng UBND tỉnh đề nghị Sở Y tế khẩn trương" in body and "các cơ quan, đơn vị" not in body
    code, out, _ = scenario(*JULY, "draft-reminder", "--agency", "VP UBND tỉnh", "--out", "vp.docx")
    assert code == 0 and "danh mục nội bộ gửi Chánh Văn phòng" in out
    assert "Kính gửi: Chánh Văn phòng." in _texts(Document(tmp_path / "vp.docx"))


def test_letter_settings_and_wording_from_the_plan_file(cli, tmp_path):
    text = DEFAULT_PLAN.read_text(encoding="utf-8")
    text = text.replace(
        '  number: ""          # "Số:         /QĐ-UBND" — blank in the source', "  number: 15/KH-UBND"
    ).replace('  date: ""            #', "  date: 2023-02-10  #")
    text = text.replace(
        "\nsections:",
        "\nletter:\n  symbol: VP-KSTT\n  archive: VT, KSTT (Hà)\n"
        '  sign_for: ""\n  sign_title: CHÁNH VĂN PHÒNG\n  signer_name: Nguyễn Văn An\n'
        "\nsections:",
        1,
    )
    edited = tmp_path / "kh.yaml"
    edited.write_text(text, encoding="utf-8")
    assert cli("--today", "2023-01-02", "init", "--plan", str(edited))[0] == 0
    code, _, err = cli(*JULY, "draft-reminder", "--out", "cv.docx")
    assert code == 0, err
    doc = Document(tmp_path / "cv.docx")
    opening = next(p for p in doc.paragraphs if p.text.startswith("Thực hiện"))
    assert opening.text.startswith(
        "Thực hiện Kế hoạch số 15/KH-UBND ngày 10/2/2023 của UBND tỉnh về kiểm soát thủ tục hành chính"
    )
    assert not [r for r in opening.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    header = " ".join(c.text for c in doc.tables[0].rows[0].cells)
    assert "Số:          /VP-KSTT" in header
    foot = "\n".join(c.text for c in doc.tables[1].rows[0].cells)
    assert "- Lưu: VT, KSTT (Hà)." in foot and "Nguyễn Văn An" in foot and "KT." not in foot
    assert "CHÁNH VĂN PHÒNG" in foot


def test_weekly_digest_and_status_count_the_same_agencies_without_an_officer(scenario, tmp_path):
    import json
    from datetime import date

    from sqlmodel import Session, select

    from bot.files import load_calendar
    from config.settings import DEFAULT_CALENDAR
    from storage import reports
    from storage.models import PlanRow

    _, out, _ = scenario(*JULY, "status", "--json")
    missing = json.loads(out)["agencies_without_recipient"]
    engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'nhacviec.db'}")
    with Session(engine) as s:
        plan_id = s.exec(select(PlanRow.id)).one()
        friday = date(2023, 7, 14)
        horizon = load_calendar(DEFAULT_CALENDAR).add_working_days(friday, 14)
        w = reports.weekly(s, plan_id=plan_id, today=friday, zone=None, horizon=horizon)
        plain = reports.weekly(s, plan_id=plan_id, today=friday, zone=None)
    engine.dispose()
    assert w["no_officer"] == missing and "Văn phòng UBND tỉnh" in missing
    assert {r["code"] for r in w["soon"]} == {"PL1.14", "PL1.15", "PL1.16"} and plain["soon"] == []


def test_plan_show_says_how_late_and_names_the_inspected_unit(scenario):
    code, out, _ = scenario(*JULY, "plan", "show")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("PL1.5 "))
    assert "quá hạn 40 ngày" in line  # due 31/5/2023
    six = next(x for x in out.splitlines() if x.startswith("PL2.II.6 "))
    assert "Kiểm tra: UBND thành phố Hải Dương (đột xuất)" in six
    done = next(x for x in out.splitlines() if x.startswith("PL1.2 "))
    assert "đã hoàn thành" in done
