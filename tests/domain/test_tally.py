"""The tally on a scripted scenario, number by number (pure)."""

from datetime import date as D

from bot.domain.report_text import cite, report_text, section_label
from bot.domain.tally import (
    DONE_LATE,
    DONE_ON_TIME,
    IN_PROGRESS,
    NOT_YET_DUE,
    ONGOING,
    OVERDUE,
    UNDATED,
    Tally,
    TallyRow,
    percent,
    state,
)

TODAY = D(2023, 7, 10)
ROWS = [
    TallyRow("PL1.1", "PL1", "Sở Nội vụ", "date", D(2023, 5, 31), None, "done", D(2023, 5, 29)),  # on time
    TallyRow(
        "PL1.2",
        "PL1",
        "Sở Tư pháp",
        "date",
        D(2023, 5, 31),
        None,
        "done",
        D(2023, 6, 20),
        "QĐ số 123/QĐ-STP ngày 30/5/2023",
    ),  # closed late, document on time
    TallyRow(
        "PL1.3", "PL1", "Sở Tài nguyên và Môi trường", "date", D(2023, 5, 31), None, "done", D(2023, 6, 2)
    ),  # late
    TallyRow(
        "PL1.4",
        "PL1",
        "Sở Lao động - Thương binh và Xã hội",
        "date",
        D(2023, 5, 31),
        None,
        "done",
        D(2023, 5, 20),
        "Công văn 45/LĐTBXH ngày 5/6/2023",
    ),  # document dated after the due date
    TallyRow("PL1.5", "PL1", "Sở Thông tin và Truyền thông", "date", D(2023, 5, 31), None, "open"),  # overdue
    TallyRow("2.I", "I", "Sở Thông tin và Truyền thông", "window", D(2023, 3, 31), D(2023, 3, 1), "in_progress"),
    TallyRow("PL1.14", "PL1", "Sở Nông nghiệp và Phát triển nông thôn", "date", D(2023, 7, 31), None, "open"),
    TallyRow("1.I", "I", "Văn phòng UBND tỉnh", "ongoing", D(2023, 12, 31), None, "in_progress"),
    TallyRow("PL2.I.1", "PL2.I", "Văn phòng UBND tỉnh", "window", D(2023, 12, 31), D(2023, 8, 1), "open"),
    TallyRow("4.II", "II", "Văn phòng UBND tỉnh", "unspecified", None, None, "open"),
    TallyRow("1.III", "III", "Văn phòng UBND tỉnh", "unspecified", None, None, "done", D(2023, 7, 1)),
    # an ongoing task closed mid-year without a document: the continuous work goes on
    TallyRow("6.II", "II", "Sở Tư pháp", "ongoing", D(2023, 12, 31), None, "done", D(2023, 6, 1)),
    # the same with a document: done, judged on the document's date
    TallyRow(
        "7.II",
        "II",
        "Sở Tư pháp",
        "ongoing",
        D(2023, 12, 31),
        None,
        "done",
        D(2023, 6, 1),
        "Báo cáo số 45/BC-STP ngày 24/5/2023",
    ),
]


def test_each_state():
    assert [state(r, TODAY) for r in ROWS] == [
        DONE_ON_TIME,
        DONE_ON_TIME,
        DONE_LATE,
        DONE_LATE,
        OVERDUE,
        OVERDUE,
        IN_PROGRESS,
        ONGOING,
        NOT_YET_DUE,
        UNDATED,
        DONE_ON_TIME,
        ONGOING,
        DONE_ON_TIME,
    ]


def test_ongoing_closed_early_counts_done_once_its_term_has_ended():
    closed_early = ROWS[11]
    assert state(closed_early, D(2023, 12, 31)) == ONGOING
    assert state(closed_early, D(2024, 1, 2)) == DONE_ON_TIME
    at_the_end = TallyRow("6.II", "II", "Sở Tư pháp", "ongoing", D(2023, 12, 31), None, "done", D(2023, 12, 31))
    assert state(at_the_end, D(2023, 12, 31)) == DONE_ON_TIME


def test_tally_totals_by_agency_and_section():
    t = Tally.of(ROWS, TODAY)
    assert dict(t.total) == {
        DONE_ON_TIME: 4,
        DONE_LATE: 2,
        OVERDUE: 2,
        IN_PROGRESS: 1,
        NOT_YET_DUE: 1,
        ONGOING: 2,
        UNDATED: 1,
    }
    assert t.assignments == len(ROWS) and t.item_count == len(ROWS)
    assert dict(t.by_agency["Sở Thông tin và Truyền thông"]) == {OVERDUE: 2}
    assert dict(t.by_agency["Văn phòng UBND tỉnh"]) == {ONGOING: 1, NOT_YET_DUE: 1, UNDATED: 1, DONE_ON_TIME: 1}
    assert dict(t.by_section["PL1"]) == {DONE_ON_TIME: 2, DONE_LATE: 2, OVERDUE: 1, IN_PROGRESS: 1}
    assert dict(t.by_section["I"]) == {OVERDUE: 1, ONGOING: 1}
    assert t.worst() == [("Sở Thông tin và Truyền thông", 2)]


def test_an_item_counts_once_with_its_least_advanced_assignment():
    rows = [
        TallyRow("3.II", "II", a, "date", D(2023, 6, 30), None, st, closed)
        for a, st, closed in (("A", "done", D(2023, 6, 1)), ("B", "open", None), ("C", "done", D(2023, 7, 1)))
    ]
    t = Tally.of(rows, TODAY)
    assert t.item_count == 1 and dict(t.items) == {OVERDUE: 1}
    assert dict(t.total) == {DONE_ON_TIME: 1, OVERDUE: 1, DONE_LATE: 1}


def test_summary_reads_as_a_vietnamese_report():
    t = Tally.of(ROWS, TODAY)
    assert [(lvl, key, i) for lvl, key, i, _ in t.summary()] == [
        (0, "done", 6),
        (1, "done_on_time", 4),
        (1, "done_late", 2),
        (0, "open", 4),
        (1, "open_on_time", 2),
        (2, "not_yet_due", 1),
        (1, "overdue", 2),
        (0, "ongoing", 2),
        (0, "undated", 1),
    ]
    title, text = report_text(t, [], TODAY, 2023)
    assert "Tổng số: 13 nhiệm vụ, 13 lượt giao cơ quan chủ trì." in text
    assert "1. Đã hoàn thành: 6 nhiệm vụ (46,2%); 6 lượt (46,2%)" in text
    assert "   - Đúng hạn: 4 nhiệm vụ (30,8%)" in text and "   - Quá hạn: 2 nhiệm vụ (15,4%)" in text
    assert "2. Chưa hoàn thành: 4 nhiệm vụ (30,8%)" in text
    assert "   - Trong hạn: 2 nhiệm vụ" in text and "      + trong đó chưa đến hạn: 1 nhiệm vụ (7,7%)" in text
    assert "3. Nhiệm vụ thường xuyên (đang triển khai): 2 nhiệm vụ" in text
    assert "4. Chưa xác định thời hạn: 1 nhiệm vụ" in text
    done_only = Tally.of(ROWS[:1], TODAY)
    assert "4. Chưa xác định thời hạn: 0 nhiệm vụ (0,0%); 0 lượt (0,0%)" in report_text(done_only, [], TODAY, 2023)[1]


def test_percent_has_one_decimal_and_a_comma():
    assert percent(1, 242) == "0,4%" and percent(0, 0) == "0,0%" and percent(60, 60) == "100,0%"


def test_items_cited_as_the_plan_cites_them():
    def row(code, type_, section, title=""):
        return {"code": code, "type": type_, "section": section, "section_title": title}

    assert cite(row("3.I", "task", "I")) == "Mục I, nhiệm vụ 3"
    assert cite(row("1.2.II", "task", "II")) == "Mục II, nhiệm vụ 1.2"
    assert cite(row("3", "task", "NV")) == "Nhiệm vụ 3"
    assert cite(row("PL1.5", "review", "PL1")) == "Phụ lục I, STT 5"
    assert (
        cite(row("PL2.II.6", "inspection", "PL2.II", "Phụ lục II: Kiểm tra … — II. KHỐI CẤP HUYỆN"))
        == "Phụ lục II, Khối cấp huyện, STT 6"
    )
    assert section_label("PL1", "Phụ lục I: Rà soát") == "Phụ lục I"
    assert section_label("PL2.II", "Phụ lục II: Kiểm tra … — II. KHỐI CẤP HUYỆN") == "Phụ lục II – Khối cấp huyện"
    assert section_label("I", "Xây dựng hoàn thiện thể chế") == "Mục I. Xây dựng hoàn thiện thể chế"
