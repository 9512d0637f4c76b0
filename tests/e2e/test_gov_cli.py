"""`nhacviec extend`, `nhacviec audit` and `plan set-due` refusing dated items."""

from __future__ import annotations

import json


def test_set_due_refuses_a_dated_item_and_points_to_extend(cli):
    cli("--today", "2023-07-10", "init")
    code, _, err = cli("plan", "set-due", "PL1.2", "31/7/2023")
    assert code != 0 and "nhacviec extend PL1.2" in err


def test_extend_then_audit(cli):
    cli("--today", "2023-07-10", "init")
    code, out, err = cli(
        "--today",
        "2023-07-10",
        "extend",
        "PL1.2",
        "so tu phap",
        "30/9/2023",
        "--document",
        "Văn bản số 120/UBND-NC ngày 8/7/2023",
    )
    assert code == 0, err
    assert "hạn gốc 31/5/2023, gia hạn đến 30/9/2023 theo Văn bản số 120/UBND-NC" in out
    code, _, err = cli("--today", "2023-07-10", "extend", "PL1.2", "so tu phap", "30/8/2023", "--document", "x")
    assert code != 0 and "phải sau hạn hiện tại" in err
    code, out, _ = cli("audit", "--agency", "so tu phap", "--json")
    rows = json.loads(out)
    assert [r["action"] for r in rows] == ["extension_approved"]
    assert rows[0]["channel"] == "cli" and rows[0]["before"] == {"due": "2023-05-31"}
    assert rows[0]["business_at"].startswith("2023-07-10")
    code, out, _ = cli("audit", "--since", "1/8/2023")
    assert "Nhật ký trống" in out
    code, out, _ = cli("audit")
    assert "Đồng ý gia hạn" in out and "PL1.2" in out
