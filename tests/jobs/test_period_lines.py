"""Issue 10 §1: the sent digest, /viec and /trehan name the period of recurring work and its own date
("5.IV — báo cáo quý III/2023, hạn 30/9/2023"), as the dry-run does."""

from __future__ import annotations

from datetime import date

from bot.domain.digest import Entry, officer_digest
from bot.domain.reminder_kinds import ReminderKind
from tests.jobs.test_period_undo import _reply_as
from tests.jobs.test_periods_remind import _core_reply, _dry
from tests.jobs.test_remind_cli import _link


def test_the_sent_digest_names_the_period_and_its_date(cli, tmp_path):
    cli("init")
    _link(tmp_path, "lan", "so-tu-phap")
    _core_reply(date(2023, 6, 5), "/xong 5.IV")  # quý II
    code, out, _ = cli("--today", "2023-09-29", "remind")
    assert code == 0
    assert "• 5.IV — báo cáo quý III/2023, hạn 30/9/2023 — Báo cáo định kỳ" in out


def test_digest_lines_for_periods_overdue_each_on_its_own():
    day = date(2023, 10, 16)
    entries = [
        Entry("5.IV", "Báo cáo định kỳ", ReminderKind.OVERDUE, "recurring", d, 1, 9, period=label)
        for d, label in ((date(2023, 6, 30), "quý II/2023"), (date(2023, 9, 30), "quý III/2023"))
    ]
    _, text, _ = officer_digest("Sở Tư pháp", entries, day)
    assert "• 5.IV — báo cáo quý II/2023, hạn 30/6/2023 (quá hạn 108 ngày) — Báo cáo định kỳ" in text
    assert "• 5.IV — báo cáo quý III/2023, hạn 30/9/2023 (quá hạn 16 ngày) — Báo cáo định kỳ" in text


def test_viec_and_trehan_name_the_period(cli, tmp_path):
    cli("init")
    _link(tmp_path, "lan", "so-tu-phap")
    _link(tmp_path, "vp", "vp-ubnd-tinh", "coordinator")
    _core_reply(date(2023, 6, 5), "/xong 5.IV")  # quý II; quý I is missed
    todo = _core_reply(date(2023, 9, 12), "/viec") + _core_reply(date(2023, 9, 12), "/viec 2")
    assert "• 5.IV · báo cáo quý I/2023, hạn 31/3/2023 (quá hạn 165 ngày) — " in todo
    late = _core_reply(date(2023, 9, 12), "/trehan")
    assert "Báo cáo định kỳ chưa gửi (1 kỳ):\n• 5.IV — báo cáo quý I/2023, hạn 31/3/2023 (quá hạn 165 ngày)" in late
    everyone = _reply_as("vp", date(2023, 9, 12), "/trehan")
    assert "Báo cáo định kỳ chưa gửi: 59 kỳ của 30 cơ quan" in everyone
    assert "• 5.IV — báo cáo quý I/2023, hạn 31/3/2023: 30 cơ quan chưa gửi" in everyone
    assert "• 5.IV — báo cáo quý II/2023, hạn 30/6/2023: 29 cơ quan chưa gửi" in everyone

    _core_reply(date(2023, 9, 12), "/xong 5.IV quý I")
    todo = _core_reply(date(2023, 9, 12), "/viec") + _core_reply(date(2023, 9, 12), "/viec 2")
    assert "• 5.IV · báo cáo quý III/2023, hạn 30/9/2023 — " in todo
    assert "Báo cáo định kỳ chưa gửi" not in _core_reply(date(2023, 9, 12), "/trehan")


def test_coordinators_digest_escalates_a_missed_period_by_name(cli, tmp_path):
    cli("init")
    _link(tmp_path, "vp", "vp-ubnd-tinh", "coordinator")
    day = next(
        d
        for d in ("10/7/2023", "11/7/2023", "12/7/2023", "13/7/2023", "14/7/2023")
        if any(e["code"] == "5.IV" and e["kind"] == "escalation" for e in _dry(cli, d))
    )
    code, out, _ = cli("--today", day, "remind")
    assert code == 0
    lines = [line for line in out.splitlines() if line.startswith("• 5.IV")]
    quarters = {"quý I/2023": "(hạn 31/3/2023)", "quý II/2023": "(hạn 30/6/2023)"}
    for line in lines:  # each missed period under its own name and date (never "hạn 31/12/2023")
        label = line.split(" — ")[1].removeprefix("báo cáo ")
        assert label in quarters and quarters[label] in line, line


def test_the_sent_digest_follows_the_configured_period_due_day(cli, tmp_path, monkeypatch):
    """PERIOD_DUE_QUARTERLY=15: the quarter's report is due on the 15th of its last month, in the sent
    digest as in the dry-run (the delivery is given the same rules as the planner)."""
    monkeypatch.setenv("PERIOD_DUE_QUARTERLY", "15")
    cli("init")
    _link(tmp_path, "lan", "so-tu-phap")
    _core_reply(date(2023, 6, 5), "/xong 5.IV")  # quý II
    code, out, _ = cli("--today", "2023-09-15", "remind")
    assert code == 0
    assert "• 5.IV — báo cáo quý III/2023, hạn 15/9/2023" in out
    assert "hạn 30/9/2023" not in out
