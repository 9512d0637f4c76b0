"""Issue 10 §1: /hoantac on recurring work undoes the period recorded last (and says which); nothing else
changes — the other periods, the assignment, other agencies. Reports then count the period as open again."""

from __future__ import annotations

import sqlite3
from datetime import date

from bot.ports import FixedClock, Inbound
from tests.jobs.test_periods_remind import _core_reply, _dry
from tests.jobs.test_remind_cli import _link


def _reply_as(chat: str, day: date, text: str) -> str:
    from bot.cli.main import App
    from config.settings import load_settings

    settings = load_settings()
    app = App(settings, FixedClock.on_day(day, settings.zone))
    try:
        return "\n".join(o.text for o in app.core.handle(Inbound("console", chat, text, sender=chat)))
    finally:
        app.engine.dispose()


def _db(tmp_path) -> sqlite3.Connection:
    return sqlite3.connect(tmp_path / "data" / "nhacviec.db")


def _periods(tmp_path) -> set[tuple[str, str]]:
    with _db(tmp_path) as db:
        return set(
            db.execute(
                "SELECT a.name, o.period FROM occurrence o JOIN assignment s ON s.id = o.assignment_id "
                "JOIN agency a ON a.id = s.agency_id"
            ).fetchall()
        )


def _state(tmp_path) -> tuple:
    with _db(tmp_path) as db:
        return (
            db.execute("SELECT id, status, closed_at, note FROM assignment ORDER BY id").fetchall(),
            db.execute("SELECT count(*) FROM audit_log").fetchone()[0],
        )


def test_undo_on_a_recurring_item_reopens_the_period_recorded_last(cli, tmp_path):
    cli("init")
    _link(tmp_path, "lan", "so-tu-phap")
    _link(tmp_path, "hoa", "so-y-te")
    assert "quý II/2023" in _core_reply(date(2023, 6, 5), "/xong 5.IV")
    assert "quý I/2023" in _core_reply(date(2023, 6, 6), "/xong 5.IV quý I Báo cáo số 12/BC-STP")
    assert "quý II/2023 của Sở Y tế" in _reply_as("hoa", date(2023, 6, 7), "/xong 5.IV")  # recorded after
    assignments_before, _ = _state(tmp_path)
    health = ("Sở Y tế", "2023-Q2")
    assert _periods(tmp_path) == {health, ("Sở Tư pháp", "2023-Q1"), ("Sở Tư pháp", "2023-Q2")}

    undone = _core_reply(date(2023, 6, 7), "/hoantac 5.IV")
    assert "Đã hoàn tác báo cáo quý I/2023 của Sở Tư pháp (5.IV)" in undone
    assert _periods(tmp_path) == {health, ("Sở Tư pháp", "2023-Q2")}  # quý II and Sở Y tế's stay recorded
    assignments_after, audits = _state(tmp_path)
    assert assignments_after == assignments_before  # the assignment itself is untouched
    with _db(tmp_path) as db:
        row = db.execute("SELECT action, before, after FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert row[0] == "period_undo" and '"2023-Q1"' in row[1] and '"done": false' in row[2]

    again = _core_reply(date(2023, 6, 7), "/hoantac 5.IV")
    assert "quý II/2023" in again and _periods(tmp_path) == {health}
    _, audits = _state(tmp_path)
    nothing = _core_reply(date(2023, 6, 7), "/hoantac 5.IV")
    assert "chưa có kỳ báo cáo nào được ghi nhận" in nothing
    assert _periods(tmp_path) == {health} and _state(tmp_path) == (assignments_before, audits)  # nothing changed

    # reported again, it is reminded no more; undone, the period is reminded again
    _core_reply(date(2023, 6, 8), "/xong 5.IV quý II")
    assert not [e for e in _dry(cli, "30/6/2023") if e["code"] == "5.IV" and e["agency"] == "Sở Tư pháp"]
    _core_reply(date(2023, 6, 8), "/hoantac 5.IV")
    june = [e for e in _dry(cli, "30/6/2023") if e["code"] == "5.IV" and e["agency"] == "Sở Tư pháp"]
    assert june and {e["period"] for e in june} == {"2023-Q2"}
