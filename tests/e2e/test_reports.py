"""Reports on a scripted scenario over the real plan: the tally, the workbook read back with openpyxl,
the letter read back with python-docx, the chart as a PNG, and /baocao, /xuatbaocao in the chat."""

from __future__ import annotations

import io
from datetime import date as D
from datetime import datetime

import pytest
from docx import Document
from openpyxl import load_workbook
from PIL import Image
from sqlalchemy import select
from sqlmodel import Session

from bot.domain.report_data import tally_rows
from bot.domain.tally import Tally
from bot.reports import build
from storage import work
from storage.store import SqlStore
from storage.models import AgencyRow, AssignmentRow, ItemRow
from tests.conftest import loaded_engine
from tests.sweep_harness import ZONE, at

TODAY = D(2023, 7, 10)


def _close(s, code: str, agency_key: str, on: D, note: str = "") -> None:
    aid = s.execute(select(AssignmentRow.id).join(ItemRow).join(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
                    .where(ItemRow.code == code, AgencyRow.key == agency_key, AssignmentRow.role == "lead")).scalar_one()
    work.close(s, assignment_id=aid, actor="Lan (test)", note=note, now=at(on, 10), data={})


@pytest.fixture
def engine(sqlite_url, plan, directory):
    eng = loaded_engine(sqlite_url, plan, directory, at(D(2023, 1, 2)))
    with Session(eng) as s:
        _close(s, "PL1.1", "so-noi-vu", D(2023, 5, 29))                                       # on time
        _close(s, "PL1.2", "so-tu-phap", D(2023, 6, 20), "QĐ số 123/QĐ-STP ngày 30/5/2023")  # document on time
        _close(s, "PL1.3", "so-tai-nguyen-moi-truong", D(2023, 6, 2))                          # late
        _close(s, "2.I", "so-thong-tin-truyen-thong", D(2023, 3, 30))                          # on time
        _close(s, "3.I", "vp-ubnd-tinh", D(2023, 7, 3))                                         # late
        _close(s, "1.III", "vp-ubnd-tinh", D(2023, 7, 1))                                       # undated item done
        s.commit()
    yield eng
    eng.dispose()


def _data(engine, *, with_history: bool = False):
    return SqlStore(engine).report_data(zone=ZONE, with_history=with_history)


def test_tally_number_by_number(engine):
    rows = _data(engine).rows
    t = Tally.of(tally_rows(rows), TODAY)
    assert len(rows) == 242
    assert dict(t.total) == {"done_on_time": 4, "done_late": 2, "overdue": 15, "in_progress_on_time": 23,
                             "not_due_or_ongoing": 178, "undated": 20}
    assert dict(t.by_agency["Sở Thông tin và Truyền thông"]) == {"done_on_time": 1, "overdue": 3,
                                                                  "in_progress_on_time": 1, "undated": 1,
                                                                  "not_due_or_ongoing": 6}
    assert dict(t.by_section["PL1"]) == {"done_on_time": 2, "done_late": 1, "overdue": 10, "in_progress_on_time": 3}
    assert t.by_section["I"]["done_late"] == 1 and t.by_section["I"]["overdue"] == 2   # 4.I and 5.I
    assert t.worst(2) == [("Sở Thông tin và Truyền thông", 3), ("Văn phòng UBND tỉnh", 3)]


def test_workbook_read_back(engine):
    blob, n = build.export(_data(engine, with_history=True), TODAY)
    wb = load_workbook(io.BytesIO(blob))
    assert wb.sheetnames == ["Tổng hợp", "Nhiệm vụ", "Rà soát TTHC", "Kiểm tra", "Nhật ký"]
    summary = wb["Tổng hợp"]
    assert [c.value for c in summary[1]][:3] == ["Cơ quan / Mục", "Hoàn thành đúng hạn", "Hoàn thành quá hạn"]
    total = next(r for r in summary.iter_rows(values_only=True) if r[0] == "TỔNG CỘNG")
    assert total[1:] == (4, 2, 23, 15, 178, 20, 242)
    tasks = wb["Nhiệm vụ"]
    assert tasks.freeze_panes == "A2" and tasks.auto_filter.ref.startswith("A1:K")
    header = [c.value for c in tasks[1]]
    assert header[:3] == ["Mã", "Nội dung", "Cơ quan chủ trì (theo KH)"] and "Thời hạn (bot hiểu)" in header
    row = next(r for r in tasks.iter_rows(min_row=2) if r[0].value == "3.I")
    assert row[4].value == "Văn phòng UBND tỉnh" and row[5].value == "Quý II năm 2023"
    assert row[7].value == datetime(2023, 6, 30) and row[7].number_format == "DD/MM/YYYY"
    assert row[8].value == "Hoàn thành quá hạn" and row[9].value == datetime(2023, 7, 3)
    assert row[8].fill.fgColor.rgb.endswith("DCEDC8") and row[1].alignment.wrap_text
    reviews = wb["Rà soát TTHC"]
    pl12 = next(r for r in reviews.iter_rows(min_row=2, values_only=True) if r[0] == "PL1.2")
    assert pl12[1] == "Sở Tư pháp" and pl12[5] == "Hoàn thành đúng hạn" and "QĐ số 123" in pl12[7]
    assert reviews.max_row == 17
    insp = wb["Kiểm tra"]
    assert insp.max_row == 18
    six = next(r for r in insp.iter_rows(min_row=2, values_only=True) if r[0] == "PL2.II.6")
    assert six[1] == "UBND thành phố Hải Dương" and six[3] == "Có"
    log = wb["Nhật ký"]
    assert log.max_row == 7 and [c.value for c in log[1]][:3] == ["Thời điểm", "Mã", "Cơ quan"]
    assert log["A2"].number_format == "DD/MM/YYYY HH:MM"


def test_letter_read_back(engine):
    blob, agencies, items = build.letter(_data(engine), TODAY)
    assert agencies == 11 and items == 15
    doc = Document(io.BytesIO(blob))
    header = [c.text for row in doc.tables[0].rows for c in row.cells]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1] and "Độc lập - Tự do - Hạnh phúc" in header[1]
    assert "UBND TỈNH HẢI DƯƠNG" in header[0] and "VĂN PHÒNG" in header[0]
    assert "V/v đôn đốc thực hiện Kế hoạch kiểm soát TTHC năm 2023" in header[0]
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Kính gửi:" in body and "- Sở Thông tin và Truyền thông;" in body
    assert "trước ngày …/…/20…" in body
    codes = {row.cells[0].text for t in doc.tables[1:-1] for row in t.rows[1:]}
    assert {"PL1.4", "PL1.5", "3.III", "5.III", "4.I", "5.I", "3.IV"} <= codes
    assert not codes & {"PL1.1", "PL1.2", "PL1.3", "2.I", "3.I"}   # closed items are not chased
    assert len(codes) == 15
    assert "Nơi nhận:" in "\\n".join(c.text for c in doc.tables[-1].rows[0].cells)


def test_letter_for_one_agency_and_nothing_to_chase(engine):
    data = _data(engine)
    blob, agencies, items = build.letter(data, TODAY, agency="Sở Y tế")
    assert (agencies, items) == (1, 1)
    body = "\n".join(p.text for p in Document(io.BytesIO(blob)).paragraphs)
    assert "Kính gửi: Sở Y tế." in body
    assert build.letter(data, D(2023, 3, 1))[0] is None


def test_chart_is_a_png_of_the_expected_size(engine):
    title, text, png = build.report(_data(engine), TODAY)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (1080, 260 + 46 * 25)
    assert title == "Báo cáo tiến độ Kế hoạch 2023 — đến 10/7/2023"
    assert "• Quá hạn chưa hoàn thành: 15 (6%)" in text and "1. Sở Thông tin và Truyền thông: 3 việc" in text
    assert "Đến hạn trong 14 ngày tới" not in text or "PL1.14" in text
