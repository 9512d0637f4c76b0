"""Reports on a scripted scenario over the real plan, through the store and the build functions: the tally,
the workbook read back with openpyxl, the letter read back with python-docx, the chart as a PNG.
(The same documents through ``nhacviec …`` are in tests/e2e/test_report_cli.py.)"""

from __future__ import annotations

import io
from datetime import date as D

import pytest
from docx import Document
from openpyxl import load_workbook
from PIL import Image
from sqlalchemy import select
from sqlmodel import Session

from bot.domain.report_data import letter_settings, tally_rows
from bot.domain.tally import Tally
from bot.files import load_calendar
from bot.reports import build
from bot.reports.chart import label
from config.settings import DEFAULT_CALENDAR
from tests.factories import close_in_session
from storage.models import AgencyRow, AssignmentRow, ItemRow
from storage.store import SqlStore
from tests.conftest import loaded_engine
from tests.sweep_harness import ZONE, at

TODAY = D(2023, 7, 10)
CLOSURES = (
    ("PL1.1", "so-noi-vu", D(2023, 5, 29), ""),  # on time
    ("PL1.2", "so-tu-phap", D(2023, 6, 20), "QĐ số 123/QĐ-STP ngày 30/5/2023"),  # document on time
    ("PL1.3", "so-tai-nguyen-moi-truong", D(2023, 6, 2), ""),  # late
    ("2.I", "so-thong-tin-truyen-thong", D(2023, 3, 30), ""),  # on time
    ("3.I", "vp-ubnd-tinh", D(2023, 7, 3), ""),  # late
    ("1.III", "vp-ubnd-tinh", D(2023, 7, 1), ""),  # undated item done
)


def close_all(engine) -> None:
    """The scenario's closures, as officers would have reported them."""
    with Session(engine) as s:
        for code, key, on, note in CLOSURES:
            aid = s.execute(
                select(AssignmentRow.id)
                .join(ItemRow)
                .join(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
                .where(ItemRow.code == code, AgencyRow.key == key, AssignmentRow.role == "lead")
            ).scalar_one()
            close_in_session(s, assignment_id=aid, actor="Lan (test)", note=note, now=at(on, 10), data={})
        s.commit()


@pytest.fixture
def engine(db_url, plan, directory):
    eng = loaded_engine(db_url, plan, directory, at(D(2023, 1, 2)))  # SQLite, and PostgreSQL when available
    close_all(eng)
    yield eng
    eng.dispose()


def _data(engine, *, with_history: bool = False):
    return SqlStore(engine).report_data(zone=ZONE, with_history=with_history)


def test_tally_number_by_number(engine):
    rows = _data(engine).rows
    t = Tally.of(tally_rows(rows), TODAY)
    assert len(rows) == 226 and t.item_count == 60 and t.assignments == 226
    assert dict(t.total) == {
        "done_on_time": 4,
        "done_late": 2,
        "overdue": 15,
        "in_progress_on_time": 23,
        "ongoing": 162,
        "undated": 20,
    }
    assert dict(t.by_agency["Sở Thông tin và Truyền thông"]) == {
        "done_on_time": 1,
        "overdue": 3,
        "in_progress_on_time": 1,
        "undated": 1,
        "ongoing": 7,
    }
    assert dict(t.by_section["PL1"]) == {"done_on_time": 2, "done_late": 1, "overdue": 10, "in_progress_on_time": 3}
    assert t.by_section["I"]["done_late"] == 1 and t.by_section["I"]["overdue"] == 2  # 4.I and 5.I
    assert t.worst(2) == [("Sở Thông tin và Truyền thông", 3), ("Văn phòng UBND tỉnh", 3)]
    assert [(key, i, a) for _, key, i, a in t.summary()] == [
        ("done", 6, 6),
        ("done_on_time", 4, 4),
        ("done_late", 2, 2),
        ("open", 38, 38),
        ("open_on_time", 23, 23),
        ("not_yet_due", 0, 0),
        ("overdue", 15, 15),
        ("ongoing", 14, 162),
        ("undated", 2, 20),
    ]


def test_windows_not_yet_open_are_not_yet_due_not_ongoing(engine):
    t = Tally.of(tally_rows(_data(engine).rows), D(2023, 3, 1))
    assert t.total["not_yet_due"] == 21  # the 17 inspections (April–December) and 4 windows opening later
    assert t.by_section["PL2.II"] == {"not_yet_due": 12}


def test_report_counts_working_days_when_given_the_calendar(engine):
    data = _data(engine)
    friday = D(2023, 7, 14)
    _, text, _ = build.report(data, friday, calendar=load_calendar(DEFAULT_CALENDAR))
    assert "Đến hạn trong 14 ngày làm việc tới, đến 3/8/2023 (3):" in text and "• PL1.14" in text
    _, plain, _ = build.report(data, friday)  # the core's call: calendar days, said so
    assert "Không có nhiệm vụ nào đến hạn trong 14 ngày tới (đến 28/7/2023)." in plain


def test_chart_is_a_png_and_says_what_it_leaves_out(engine):
    title, text, png = build.report(_data(engine), TODAY)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (1080, 260 + 46 * 25)
    assert title == "Báo cáo tiến độ Kế hoạch 2023 — đến 10/7/2023"
    assert "Biểu đồ: 25 cơ quan có nhiều nhiệm vụ nhất; … và 9 cơ quan khác" in text
    # 5.IV (quarterly, nobody reported quý I or II): 30 agencies × 2 periods overdue (issue 10 §1)
    assert "   - Quá hạn: 16 nhiệm vụ (26,7%); 75 lượt (29,3%)" in text
    assert "1. Sở Thông tin và Truyền thông: 5 nhiệm vụ" in text


def test_chart_labels_wrap_on_words():
    for name in (
        "Sở Lao động - Thương binh và Xã hội",
        "Ban Quản lý các khu công nghiệp tỉnh",
        "Đài Phát thanh và Truyền hình Hải Dương",
        "Sở Y tế",
    ):
        lines = label(name).split("\n")
        assert " ".join(lines).split() == name.split() and len(lines) <= 2
        assert all(len(x) <= 30 for x in lines[:1])


def test_letter_settings_default_and_centrally_run_city():
    s = letter_settings(province="Hải Dương", issuer="UBND tỉnh Hải Dương")
    assert (s.parent, s.unit_name, s.symbol, s.archive, s.leader) == (
        "UBND TỈNH HẢI DƯƠNG",
        "Văn phòng UBND tỉnh",
        "VP-KSTTHC",
        "VT, KSTTHC",
        "Chủ tịch UBND tỉnh",
    )
    city = letter_settings(province="Hà Nội", issuer="UBND thành phố Hà Nội", given={"symbol": "VP-KSTT"})
    assert (city.parent, city.unit_name, city.symbol, city.leader) == (
        "UBND THÀNH PHỐ HÀ NỘI",
        "Văn phòng UBND thành phố",
        "VP-KSTT",
        "Chủ tịch UBND thành phố",
    )


def test_the_plan_appendices_carry_no_invented_product(plan):
    assert {i.product for i in plan.items if i.type in ("review", "inspection")} == {""}


def test_circulation_leaves_out_surprise_inspections(engine):
    data = _data(engine, with_history=True)
    blob, n = build.export(data, TODAY, circulation=True)
    assert n == 221
    wb = load_workbook(io.BytesIO(blob))
    codes = {r[0] for r in wb["Kiểm tra"].iter_rows(min_row=6, values_only=True)}
    assert not {"PL2.II.6", "PL2.II.7", "PL2.II.8", "PL2.II.9", "PL2.II.10"} & codes and len(codes) == 12
    assert wb["Tổng hợp"]["A3"].value == "Bản lưu hành: không gồm các cuộc kiểm tra đột xuất"


def test_letter_one_agency_and_nothing_to_chase(engine):
    data = _data(engine)
    blob, agencies, items = build.letter(data, TODAY, agency="Sở Y tế")
    assert (agencies, items) == (1, 2)  # its own overdue task and 5.IV's missed quarters
    body = "\n".join(p.text for p in Document(io.BytesIO(blob)).paragraphs)
    assert "Kính gửi: Sở Y tế." in body and "đề nghị Sở Y tế khẩn trương" in body
    assert "các cơ quan, đơn vị" not in body
    assert build.letter(data, D(2023, 3, 1))[0] is None
