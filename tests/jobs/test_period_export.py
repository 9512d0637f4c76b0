"""Issue 10 §1, through the store: the workbook exported after /xong on 5.IV counts its periods (report rows
carry the occurrences recorded) and the log names what was recorded."""

from __future__ import annotations

from datetime import date, datetime

from openpyxl import load_workbook

from tests.jobs.test_periods_remind import _core_reply
from tests.jobs.test_remind_cli import _link


def test_export_counts_the_periods_recorded_by_chat(cli, tmp_path):
    cli("init")
    _link(tmp_path, "lan", "so-tu-phap")
    _core_reply(date(2023, 6, 5), "/xong 5.IV")  # quý II, on time
    _core_reply(date(2023, 6, 6), "/xong 5.IV quý I")  # due 31/3: late
    code, out, _ = cli("--today", "2023-07-10", "export", "--out", "bc.xlsx")
    assert code == 0
    wb = load_workbook(tmp_path / "bc.xlsx")
    justice = [
        (r[7], r[9], r[10])
        for r in wb["Nhiệm vụ"].iter_rows(min_row=6, values_only=True)
        if r[0] == "5.IV" and r[5] == "Sở Tư pháp"
    ]
    assert justice == [
        ("định kỳ quý I/2023 (hạn 31/3/2023)", "Hoàn thành quá hạn", datetime(2023, 6, 6)),
        ("định kỳ quý II/2023 (hạn 30/6/2023)", "Hoàn thành đúng hạn", datetime(2023, 6, 5)),
    ]
    log = [r[3] for r in wb["Nhật ký"].iter_rows(min_row=6, values_only=True) if r[1] == "5.IV"]
    assert log == ["Báo cáo một kỳ", "Báo cáo một kỳ"]
