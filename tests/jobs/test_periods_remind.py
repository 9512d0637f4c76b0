"""Issue 10 §1–2: recurring work is reminded period by period; a multi-year plan's ongoing and recurring
work is not overdue early in the span; a missed period is."""

from __future__ import annotations

import json
from datetime import date

from bot.ports import FixedClock, Inbound
from tests.jobs.test_remind_cli import _link

MULTI_YEAR = """\
id: da-nam-2026
year: 2026
span: 2026-2030
province: Hải Dương
issuer: UBND tỉnh Hải Dương
title: Kế hoạch thử nghiệm giai đoạn 2026–2030
decision: {number: "617/KH-UBND", date: 2025-12-01}
tasks:
  - number: 1
    content: Theo dõi, đôn đốc thường xuyên việc kiểm soát TTHC.
    lead: Sở Tư pháp
    deadline: Thường xuyên
  - number: 2
    content: Báo cáo kết quả hằng năm.
    lead: Sở Tư pháp
    deadline: Hằng năm, trước ngày 20/12
  - number: 3
    content: Số hóa hồ sơ giai đoạn 2026–2028.
    lead: Sở Tư pháp
    deadline: giai đoạn 2026–2028
"""


def _core_reply(day: date, text: str) -> str:
    from bot.cli.main import App
    from config.settings import load_settings

    settings = load_settings()
    app = App(settings, FixedClock.on_day(day, settings.zone))
    try:
        out = app.core.handle(Inbound("console", "lan", text, sender="Lan"))
        return "\n".join(o.text for o in out)
    finally:
        app.engine.dispose()


def _dry(cli, day: str) -> list[dict]:
    code, out, _ = cli("--today", day, "remind", "--dry-run", "--json")
    assert code == 0
    return json.loads(out)


def test_seed_5_iv_closed_in_june_is_reminded_again_in_september_with_its_period(cli, tmp_path):
    cli("init")
    _link(tmp_path, "lan", "so-tu-phap")
    reply = _core_reply(date(2023, 6, 5), "/xong 5.IV Báo cáo số 45/BC-STP ngày 2/6/2023")
    assert "Đã ghi nhận báo cáo quý II/2023 của Sở Tư pháp" in reply
    again = _core_reply(date(2023, 6, 6), "/xong 5.IV quý II")
    assert "quý II/2023" in again and "đã được ghi nhận" in again
    q1 = _core_reply(date(2023, 6, 6), "/xong 5.IV quý I")
    assert "Đã ghi nhận báo cáo quý I/2023 của Sở Tư pháp" in q1
    for day in ("12/9/2023", "29/9/2023"):
        mine = [
            e
            for e in _dry(cli, day)
            if e["code"] == "5.IV" and e["agency"] == "Sở Tư pháp" and e["kind"] != "escalation"
        ]
        assert mine and {e["period"] for e in mine} == {"2023-Q3"}, (day, mine)
        assert "5.IV định kỳ quý III/2023 (hạn 30/9/2023)" in mine[0]["text"]
    june = [e for e in _dry(cli, "30/6/2023") if e["code"] == "5.IV" and e["agency"] == "Sở Tư pháp"]
    assert june == []  # Q2 was recorded on 5/6: nothing due that day
    others = [e for e in _dry(cli, "30/6/2023") if e["code"] == "5.IV" and e["kind"] == "due"]
    assert others and all(e["period"] == "2023-Q2" for e in others)


def test_a_multi_year_plan_is_not_overdue_early_in_its_span(cli, tmp_path, monkeypatch):
    plan = tmp_path / "plan.yaml"
    plan.write_text(MULTI_YEAR, encoding="utf-8")
    monkeypatch.setenv("PLAN_FILE", str(plan))
    assert cli("init")[0] == 0
    _link(tmp_path, "lan", "so-tu-phap")
    early = _dry(cli, "2/2/2026")
    assert not [e for e in early if e["kind"] in ("overdue", "escalation")], early
    checkin = _dry(cli, "2/3/2026")
    assert [e["kind"] for e in checkin if e["code"] == "1"] == ["checkin"]
    # the yearly report for 2026 is due 20/12/2026 (a Sunday): missed, it is overdue for that period only
    late = [e for e in _dry(cli, "21/12/2026") if e["code"] == "2"]
    assert late and {e["period"] for e in late} == {"2026"} and late[0]["kind"] == "overdue"
    assert "năm 2026 (hạn 20/12/2026)" in late[0]["text"]
    assert not [e for e in _dry(cli, "21/12/2026") if e["code"] == "1" and e["kind"] == "overdue"]
    reply = _core_reply(date(2026, 12, 22), "/xong 2")
    assert "Đã ghi nhận báo cáo năm 2026 của Sở Tư pháp" in reply
    assert not [e for e in _dry(cli, "24/12/2026") if e["code"] == "2"]
    ongoing = _core_reply(date(2026, 6, 1), "/xong 1")
    assert "nhiệm vụ thường xuyên" in ongoing and "31/12/2030" in ongoing
