"""The tally on a scripted scenario, number by number (pure)."""

from datetime import date as D

from bot.domain.tally import (DONE_LATE, DONE_ON_TIME, IN_PROGRESS, NOT_DUE, OVERDUE, UNDATED, Tally, TallyRow,
                              state)

TODAY = D(2023, 7, 10)
ROWS = [
    TallyRow("PL1.1", "PL1", "Sở Nội vụ", "date", D(2023, 5, 31), None, "done", D(2023, 5, 29)),          # on time
    TallyRow("PL1.2", "PL1", "Sở Tư pháp", "date", D(2023, 5, 31), None, "done", D(2023, 6, 20),
             "QĐ số 123/QĐ-STP ngày 30/5/2023"),                                   # closed late, document on time
    TallyRow("PL1.3", "PL1", "Sở Tài nguyên và Môi trường", "date", D(2023, 5, 31), None, "done", D(2023, 6, 2)),  # late
    TallyRow("PL1.4", "PL1", "Sở Lao động - Thương binh và Xã hội", "date", D(2023, 5, 31), None, "done",
             D(2023, 5, 20), "Công văn 45/LĐTBXH ngày 5/6/2023"),                  # document dated after the due date
    TallyRow("PL1.5", "PL1", "Sở Thông tin và Truyền thông", "date", D(2023, 5, 31), None, "open"),       # overdue
    TallyRow("2.I", "I", "Sở Thông tin và Truyền thông", "window", D(2023, 3, 31), D(2023, 3, 1), "in_progress"),
    TallyRow("PL1.14", "PL1", "Sở Nông nghiệp và Phát triển nông thôn", "date", D(2023, 7, 31), None, "open"),
    TallyRow("1.I", "I", "Văn phòng UBND tỉnh", "ongoing", D(2023, 12, 31), None, "in_progress"),
    TallyRow("PL2.I.1", "PL2.I", "Văn phòng UBND tỉnh", "window", D(2023, 12, 31), D(2023, 8, 1), "open"),
    TallyRow("4.II", "II", "Văn phòng UBND tỉnh", "unspecified", None, None, "open"),
    TallyRow("1.III", "III", "Văn phòng UBND tỉnh", "unspecified", None, None, "done", D(2023, 7, 1)),
]


def test_each_state():
    assert [state(r, TODAY) for r in ROWS] == [
        DONE_ON_TIME, DONE_ON_TIME, DONE_LATE, DONE_LATE, OVERDUE, OVERDUE, IN_PROGRESS, NOT_DUE, NOT_DUE,
        UNDATED, DONE_ON_TIME]


def test_tally_totals_by_agency_and_section():
    t = Tally.of(ROWS, TODAY)
    assert dict(t.total) == {DONE_ON_TIME: 3, DONE_LATE: 2, OVERDUE: 2, IN_PROGRESS: 1, NOT_DUE: 2, UNDATED: 1}
    assert sum(t.total.values()) == len(ROWS)
    assert dict(t.by_agency["Sở Thông tin và Truyền thông"]) == {OVERDUE: 2}
    assert dict(t.by_agency["Văn phòng UBND tỉnh"]) == {NOT_DUE: 2, UNDATED: 1, DONE_ON_TIME: 1}
    assert dict(t.by_section["PL1"]) == {DONE_ON_TIME: 2, DONE_LATE: 2, OVERDUE: 1, IN_PROGRESS: 1}
    assert dict(t.by_section["I"]) == {OVERDUE: 1, NOT_DUE: 1}
    assert t.worst() == [("Sở Thông tin và Truyền thông", 2)]
