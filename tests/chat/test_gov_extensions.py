"""Extensions (gia hạn) end to end through the real Telegram Application: an officer asks, a coordinator
approves with a document, the officer is told; the new date drives reminders and the tally, the
original date stays on record, and the audit trail has every step. Refusal and stale requests too."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from bot.domain.report_data import tally_rows
from bot.domain.tally import DONE_ON_TIME, state
from bot.domain.texts import vn_date
from bot.ports import FixedClock
from bot.reports import build
from jobs.sweep import run_sweep
from storage.models import ExtensionRow
from storage.store import SqlStore
from tests.chat_harness import ZONE, register
from tests.sweep_harness import RecordingSender, at, make_deps
from tests.telegram_fake import button, message

OFFICER, COORD = 111, 333
DOC = "Văn bản số 120/UBND-NC ngày 8/7/2023"


async def _ask(bot, text="/giahan PL1.2 30/9/2023 chờ ý kiến thẩm định của Bộ Tư pháp"):
    await register(bot, OFFICER, "so-tu-phap")
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await bot.send(message(OFFICER, text))


async def test_request_approval_new_reminders_original_kept_tally_on_the_approved_date(bot):
    assert bot.assignment("PL1.2", "so-tu-phap").due == date(2023, 5, 31)  # "Trước ngày 31/5/2023": overdue
    await _ask(bot)
    asked = bot.fake.texts(OFFICER)[-1]
    assert "Đã gửi đề nghị gia hạn PL1.2 (Sở Tư pháp) từ 31/5/2023 đến 30/9/2023" in asked
    request = bot.fake.texts(COORD)[-1]
    assert "Đề nghị gia hạn PL1.2" in request and "chờ ý kiến thẩm định của Bộ Tư pháp" in request
    assert [label for label, _ in bot.fake.buttons(COORD)] == ["✅ Đồng ý", "❌ Không đồng ý"]
    assert bot.assignment("PL1.2", "so-tu-phap").due == date(2023, 5, 31)  # nothing moves before a decision

    await bot.send(message(COORD, f"/duyetgiahan PL1.2 so tu phap {DOC}", name="Hùng"))
    assert (
        "Đã duyệt gia hạn PL1.2 cho Sở Tư pháp: hạn gốc 31/5/2023, gia hạn đến 30/9/2023" in bot.fake.texts(COORD)[-1]
    )
    told = bot.fake.texts(OFFICER)[-1]
    assert "đã được đồng ý" in told and "gia hạn đến 30/9/2023 theo " + DOC in told
    assert bot.assignment("PL1.2", "so-tu-phap").due == date(2023, 9, 30)  # that agency's assignment only

    await bot.send(message(OFFICER, "/xem PL1.2"))
    shown = bot.fake.texts(OFFICER)[-1]
    assert "Trước ngày 31/5/2023" in shown  # the plan's text stays
    assert "Sở Tư pháp: hạn gốc 31/5/2023, gia hạn đến 30/9/2023 theo " + DOC in shown
    await bot.send(message(OFFICER, "/trehan"))
    assert "PL1.2" not in bot.fake.texts(OFFICER)[-1]  # no longer overdue

    # The sweep follows the new date's ladder: the due-day reminder comes on the approved date.
    sender = RecordingSender()
    due_day = date(2023, 9, 29)  # 30/9/2023 is a Saturday: the last working day before it
    deps = make_deps(bot.engine, FixedClock(at(due_day)), sender)
    await run_sweep(deps, today=due_day)
    assert any("PL1.2" in o.text for o in sender.to(str(OFFICER))), [o.text for o in sender.sent]

    # Closed in August (after the original date, before the approved one): on time, one extension counted.
    bot.clock._at = datetime(2023, 8, 15, 9, 0, tzinfo=ZONE)
    await bot.send(message(OFFICER, "/xong PL1.2 Báo cáo số 45/BC-STP ngày 14/8/2023"))
    data = SqlStore(bot.engine).report_data(zone=ZONE, with_history=True)
    rows = [r for r in data.rows if r["code"] == "PL1.2"]
    assert rows[0]["original_due"] == date(2023, 5, 31) and rows[0]["extensions"] == 1
    trow = [t for t in tally_rows(data.rows) if t.code == "PL1.2"][0]
    assert state(trow, date(2023, 8, 20)) == DONE_ON_TIME
    _, text, _ = build.report(data, date(2023, 8, 20))
    assert "Gia hạn: 1 lượt cơ quan được gia hạn (1 nhiệm vụ)" in text
    logged = [h["action"] for h in data.history if h["code"] == "PL1.2"]
    assert logged == ["extension_requested", "extension_approved", "done"]

    entries = SqlStore(bot.engine).audit_entries(zone=ZONE, agency_key="so-tu-phap")
    ext = [e for e in entries if e.action.startswith("extension")]
    assert [e.channel for e in ext] == ["telegram", "telegram"]
    assert ext[1].before == {"due": "2023-05-31"} and ext[1].after["due"] == "2023-09-30"
    assert ext[1].after["document"] == DOC and "Hùng" in ext[1].actor
    assert all(e.at.year > 2023 for e in entries)  # real time, while the business clock says 2023
    assert ext[0].business_at.astimezone(ZONE).date() == date(2023, 7, 10)


async def test_buttons_refuse_and_the_officer_is_told(bot):
    await _ask(bot)
    refuse = dict(bot.fake.buttons(COORD))["❌ Không đồng ý"]
    await bot.send(button(OFFICER, refuse))  # not a coordinator
    assert "cán bộ theo dõi" in bot.fake.texts(OFFICER)[-1]
    await bot.send(button(COORD, refuse, name="Hùng"))
    assert "Đã không đồng ý gia hạn PL1.2" in bot.fake.texts(COORD)[-1]
    assert "không được đồng ý; hạn vẫn là 31/5/2023" in bot.fake.texts(OFFICER)[-1]
    assert bot.assignment("PL1.2", "so-tu-phap").due == date(2023, 5, 31)
    await bot.send(button(COORD, refuse))  # pressed twice
    assert "đã được xử lý trước đó: không đồng ý" in bot.fake.texts(COORD)[-1]
    await bot.send(message(COORD, "/tuchoigiahan PL1.2 so tu phap"))
    assert "không có đề nghị gia hạn nào đang chờ" in bot.fake.texts(COORD)[-1]


async def test_a_request_on_work_closed_meanwhile_is_stale(bot):
    await _ask(bot)
    approve = dict(bot.fake.buttons(COORD))["✅ Đồng ý"]
    await bot.send(message(OFFICER, "/xong PL1.2"))
    await bot.send(button(COORD, approve))
    assert "đã hoàn thành (hoặc không còn giao) trước khi xét" in bot.fake.texts(COORD)[-1]
    assert bot.assignment("PL1.2", "so-tu-phap").due == date(2023, 5, 31)
    with Session(bot.engine) as s:
        assert s.exec(select(ExtensionRow.status)).all() == ["stale"]


async def test_bad_requests_change_nothing(bot):
    await _ask(bot, "/giahan PL1.2 30/4/2023 lý do")
    assert "phải sau hạn hiện tại (31/5/2023)" in bot.fake.texts(OFFICER)[-1]
    await bot.send(message(OFFICER, "/giahan PL1.2 30/9/2023"))
    assert "cần nêu lý do" in bot.fake.texts(OFFICER)[-1]
    await bot.send(message(OFFICER, "/giahan PL1.2"))
    assert "Cách dùng: /giahan" in bot.fake.texts(OFFICER)[-1]
    await bot.send(message(OFFICER, "/giahan PL1.2 30/9/2023 lần một"))
    await bot.send(message(OFFICER, "/giahan PL1.2 31/10/2023 lần hai"))
    assert "đang chờ duyệt" in bot.fake.texts(OFFICER)[-1]
    await bot.send(message(COORD, f"/duyetgiahan PL1.2 so tu phap Văn bản số 9/UBND ngày {vn_date(date(2023, 12, 1))}"))
    assert "sau hôm nay" in bot.fake.texts(COORD)[-1]  # a future document is no evidence
    with Session(bot.engine) as s:
        assert s.exec(select(ExtensionRow.status)).all() == ["pending"]


async def test_ask_button_on_the_item(bot):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, "/xem PL1.2"))
    ask = dict(bot.fake.buttons(OFFICER))["⏳ Xin gia hạn"]
    await bot.send(button(OFFICER, ask))
    assert "gửi ngày mới và lý do" in bot.fake.texts(OFFICER)[-1]
    await bot.send(message(OFFICER, "15/9/2023 chờ số liệu của các huyện"))
    assert "đến 15/9/2023" in bot.fake.texts(OFFICER)[-2]
    assert "Chưa có cán bộ theo dõi" in bot.fake.texts(OFFICER)[-1]  # nobody to decide yet: kept
