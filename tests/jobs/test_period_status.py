"""Issue 10 §4: `nhacviec status` warns, in one line, when next year's make-up and bridge days are not in
the calendar file yet (the holidays themselves are computed; only the Government's notice is missing)."""

from __future__ import annotations

import json
from pathlib import Path

WARNING = "⚠️ Lịch năm {year} chưa có ngày nghỉ bù, ngày làm bù theo thông báo của Chính phủ"


def test_status_warns_when_next_year_is_not_announced(cli):
    assert cli("init")[0] == 0
    code, out, _ = cli("--today", "30/11/2026", "status")
    assert code == 0
    warned = [line for line in out.splitlines() if line.startswith("⚠️ Lịch năm")]
    assert len(warned) == 1 and warned[0].startswith(WARNING.format(year=2027))
    assert warned[0].endswith("data/calendar/vietnam.yaml khi có thông báo.")
    code, out, _ = cli("--today", "30/11/2026", "status", "--json")
    assert json.loads(out)["next_year_announced"] is False


def test_status_is_quiet_when_next_year_is_announced(cli, tmp_path, monkeypatch):
    assert cli("init")[0] == 0
    code, out, _ = cli("--today", "2/6/2025", "status")  # 2026 is in the bundled file
    assert code == 0 and "⚠️ Lịch năm" not in out
    bundled = Path(__file__).resolve().parents[2] / "data" / "calendar" / "vietnam.yaml"
    text = bundled.read_text(encoding="utf-8").rstrip() + "\n  2027:\n    makeup: []\n"
    own = tmp_path / "lich.yaml"
    own.write_text(text, encoding="utf-8")
    monkeypatch.setenv("CALENDAR_FILE", str(own))
    code, out, _ = cli("--today", "30/11/2026", "status", "--json")
    assert code == 0 and json.loads(out)["next_year_announced"] is True
