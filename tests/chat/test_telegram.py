"""End to end through the real Application: registration, every command and alias, every button,
authorisation, and the bad input the bot must survive. Assertions are on what reached the HTTP
layer and on the database."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlmodel import Session

from bot.transports.telegram import render
from bot.ports import Button, Outbound
from storage import registry
from storage.models import RecipientRow
from tests.chat_harness import JULY, register
from tests.telegram_fake import TOKEN, button, message

OFFICER, OTHER, COORD, STRANGER = 111, 222, 333, 444


# --- start-up and registration ----------------------------------------------------------------
async def test_menu_is_set_in_vietnamese(bot):
    cmds = [p for m, p in bot.fake.calls if m == "setMyCommands"][0]["commands"]
    assert [c["command"] for c in cmds] == [
        "viec",
        "xong",
        "tiendo",
        "hoantac",
        "xem",
        "trehan",
        "baocao",
        "xuatbaocao",
        "huongdan",
        "dangxuat",
    ]
    assert cmds[0]["description"] == "Nhiệm vụ chưa hoàn thành của cơ quan"
    assert bot.core.config.bot_username == "nhacviec_bot"


async def test_start_with_a_valid_code_links_the_chat(bot):
    code = bot.invite("so-tu-phap")
    await bot.send(message(OFFICER, f"/start {code}"))
    assert "Xin chào Sở Tư pháp" in bot.fake.texts(OFFICER)[-1]
    with Session(bot.engine) as s:
        rec = registry.recipient(s, channel="telegram", chat_id=str(OFFICER))
        assert rec.role == "officer" and rec.display_name == "Lan"


async def test_used_code_is_refused_and_changes_nothing(bot):
    code = bot.invite("so-tu-phap")
    await bot.send(message(OFFICER, f"/start {code}"))
    await bot.send(message(OTHER, f"/start {code}"))
    assert "đã được dùng" in bot.fake.texts(OTHER)[-1]
    with Session(bot.engine) as s:
        assert registry.recipient(s, channel="telegram", chat_id=str(OTHER)) is None


async def test_expired_code_is_refused(bot):
    code = bot.invite("so-tu-phap", ttl=timedelta(days=-1))
    await bot.send(message(OFFICER, f"/start {code}"))
    assert "hết hạn" in bot.fake.texts(OFFICER)[-1]
    with Session(bot.engine) as s:
        assert registry.recipient(s, channel="telegram", chat_id=str(OFFICER)) is None


async def test_wrong_code_and_no_code(bot):
    await bot.send(message(OFFICER, "/start khong-co-ma-nay"))
    assert "Mã mời không đúng" in bot.fake.texts(OFFICER)[-1]
    await bot.send(message(OFFICER, "/start"))
    assert "cần mã mời" in bot.fake.texts(OFFICER)[-1]


async def test_unregistered_chat_gets_only_start_and_help(bot):
    await bot.send(message(STRANGER, "/viec"))
    assert "chưa được liên kết" in bot.fake.texts(STRANGER)[-1]
    await bot.send(message(STRANGER, "/done 3.II"))
    assert "chưa được liên kết" in bot.fake.texts(STRANGER)[-1]
    assert bot.events() == 0
    await bot.send(message(STRANGER, "/huongdan"))
    assert "/xong 3.II" in bot.fake.texts(STRANGER)[-1] and "/start MÃ_MỜI" in bot.fake.texts(STRANGER)[-1]


async def test_logout(bot):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, "/dangxuat"))
    assert "Đã hủy liên kết với Sở Tư pháp" in bot.fake.texts(OFFICER)[-1]
    await bot.send(message(OFFICER, "/viec"))
    assert "chưa được liên kết" in bot.fake.texts(OFFICER)[-1]


async def test_logout_after_reminders_and_register_again(bot):
    from jobs.sweep import run_sweep
    from tests.sweep_harness import RecordingSender, at, make_deps
    from bot.ports import FixedClock
    from datetime import date

    await register(bot, OFFICER, "so-tu-phap")
    sender = RecordingSender()
    await run_sweep(make_deps(bot.engine, FixedClock(at(date(2023, 7, 10))), sender))
    assert sender.to(str(OFFICER))
    await bot.send(message(OFFICER, "/dangxuat"))  # its reminders' history keeps the recipient row
    assert "Đã hủy liên kết" in bot.fake.texts(OFFICER)[-1]
    await register(bot, OFFICER, "so-noi-vu")
    assert "Xin chào Sở Nội vụ" in bot.fake.texts(OFFICER)[-1]


async def test_group_chat_acts_for_its_agency_and_ignores_chatter(bot):
    group = -100123
    await bot.send(message(group, f"/start {bot.invite('so-tu-phap')}", chat_type="supergroup"))
    n = len(bot.fake.sent(group))
    await bot.send(message(group, "mọi người họp lúc 2 giờ nhé", chat_type="supergroup"))
    assert len(bot.fake.sent(group)) == n
    await bot.send(message(group, "/xong PL1.2", chat_type="supergroup", name="Minh"))
    assert "hoàn thành PL1.2" in bot.fake.texts(group)[-1]
    assert bot.assignment("PL1.2", "so-tu-phap").closed_by == "Minh (Sở Tư pháp)"


# --- commands and aliases -------------------------------------------------------------------------
@pytest.mark.parametrize("word", ["/done", "/xong", "/XONG", "/done@nhacviec_bot"])
async def test_done_and_aliases(bot, word):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, f"{word} pl1.2 QĐ số 123/QĐ-STP ngày 15/6/2023"))
    last = bot.fake.last(OFFICER)
    assert "✅ Đã ghi nhận Sở Tư pháp hoàn thành PL1.2" in last["text"]
    assert "Sở Tư pháp còn" in last["text"]
    assert bot.fake.buttons(OFFICER) == [("↩️ Hoàn tác", f"u:{bot.assignment('PL1.2', 'so-tu-phap').id}")]
    a = bot.assignment("PL1.2", "so-tu-phap")
    assert a.status == "done" and a.note == "QĐ số 123/QĐ-STP ngày 15/6/2023" and a.closed_by == "Lan (Sở Tư pháp)"
    assert a.closed_at == JULY


async def test_command_for_another_bot_is_ignored(bot):
    await register(bot, OFFICER, "so-tu-phap")
    n = len(bot.fake.sent(OFFICER))
    await bot.send(message(OFFICER, "/done@other_bot PL1.2"))
    assert len(bot.fake.sent(OFFICER)) == n and bot.events() == 0


async def test_second_done_changes_nothing(bot):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, "/xong PL1.2 lần một"))
    await bot.send(message(OFFICER, "/xong PL1.2 lần hai"))
    assert "đã được cán bộ đầu mối Sở Tư pháp báo hoàn thành lúc 09:00 ngày 10/7/2023" in bot.fake.texts(OFFICER)[-1]
    assert bot.assignment("PL1.2", "so-tu-phap").note == "lần một" and bot.events("done") == 1


@pytest.mark.parametrize("word", ["/help", "/huongdan", "/trogiup", "/HuongDan"])
async def test_help_and_aliases(bot, word):
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await bot.send(message(COORD, word))
    text = bot.fake.texts(COORD)[-1]
    assert "/xong 3.II" in text and "PL2.II.6" in text and "/xong 4.III so tu phap" in text


@pytest.mark.parametrize("word", ["/dangxuat", "/logout"])
async def test_logout_aliases(bot, word):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, word))
    assert "Đã hủy liên kết" in bot.fake.texts(OFFICER)[-1]


@pytest.mark.parametrize("word", ["/progress", "/tiendo"])
async def test_progress(bot, word):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, f"{word} 2.III Đã trình dự thảo kế hoạch"))
    assert "📝 Đã ghi tiến độ 2.III của Sở Tư pháp: Đã trình dự thảo kế hoạch" in bot.fake.texts(OFFICER)[-1]
    a = bot.assignment("2.III", "so-tu-phap")
    assert a.status == "in_progress" and a.note == "Đã trình dự thảo kế hoạch"


@pytest.mark.parametrize("word", ["/undo", "/hoantac"])
async def test_undo_keeps_history(bot, word):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, "/xong PL1.2"))
    await bot.send(message(OFFICER, f"{word} PL1.2"))
    assert "Đã hủy báo hoàn thành nhiệm vụ PL1.2" in bot.fake.texts(OFFICER)[-1]
    assert bot.assignment("PL1.2", "so-tu-phap").status != "done"
    assert bot.events("done") == 1 and bot.events("undo") == 1
    await bot.send(message(OFFICER, f"{word} PL1.2"))
    assert "chưa được báo hoàn thành" in bot.fake.texts(OFFICER)[-1] and bot.events("undo") == 1


@pytest.mark.parametrize("word", ["/todo", "/viec"])
async def test_todo_sorted_with_buttons(bot, word):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, word))
    text = bot.fake.last(OFFICER)["text"]
    assert text.startswith("<b>Nhiệm vụ chưa hoàn thành — Sở Tư pháp (7)</b>")
    assert text.index("• PL1.2 · quá hạn 40 ngày (hạn 31/5/2023) — Rà soát") < text.index("• 2.III · thường xuyên")
    assert "• 4.II · chưa có hạn — Triển khai Kế hoạch rà soát, đơn giản…" in text
    assert len(text.splitlines()) <= 12  # a phone screen: one line per item
    labels = [b[0] for b in bot.fake.buttons(OFFICER)]
    assert labels == ["📄 PL1.2", "📄 2.III", "📄 4.III", "📄 6.III", "📄 1.IV", "📄 5.IV", "📄 4.II"]
    opened = bot.fake.buttons(OFFICER)[0][1]  # one choice per item: open it to act
    await bot.send(button(OFFICER, opened))
    assert bot.fake.last(OFFICER)["text"].startswith("<b>PL1.2 — Phụ lục I")
    assert [b[0] for b in bot.fake.buttons(OFFICER)] == ["✅ Báo hoàn thành", "📝 Cập nhật tiến độ", "⏳ Xin gia hạn"]


async def test_todo_pages(bot):
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await bot.send(message(COORD, "/viec"))
    assert "Trang 1/5." in bot.fake.last(COORD)["text"]
    more = [d for label, d in bot.fake.buttons(COORD) if label == "➡️ Xem tiếp"][0]
    await bot.send(button(COORD, more))
    assert "Trang 2/5." in bot.fake.last(COORD)["text"]


@pytest.mark.parametrize("word", ["/task", "/xem"])
async def test_task_detail(bot, word):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, f"{word} 3.ii"))
    text = bot.fake.last(OFFICER)["text"]
    assert text.startswith("<b>3.II — Triển khai các nhiệm vụ cải cách")
    assert "Chủ trì (0/13 cơ quan đã hoàn thành):\n- Văn phòng UBND tỉnh: chưa hoàn thành\n- UBND thành phố" in text
    assert "\n… và 5 cơ quan khác\nPhối hợp:\n- Sở Nội vụ\n" in text  # resolved names, one per line
    assert "Thời hạn: Theo yêu cầu hoặc thường xuyên trong năm 2023 — cách hiểu: thường xuyên, đến 31/12/2023" in text
    assert "Sản phẩm: Đề án được phê duyệt" in text
    assert text.rstrip().endswith(
        "Nguyên văn ô phối hợp: - Các Sở; - Các cơ quan tổ chức theo ngành dọc quản lý ở "
        "địa phương có liên quan - UBND cấp huyện, cấp xã."
    )  # the plan's cells last
    assert "Nguyên văn ô chủ trì: - Văn phòng UBND tỉnh; - UBND cấp huyện; - UBND cấp xã." in text


@pytest.mark.parametrize("word", ["/late", "/trehan"])
async def test_late_for_coordinator_by_agency(bot, word):
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await bot.send(message(COORD, word))
    text = bot.fake.last(COORD)["text"]
    assert "Nhiệm vụ quá hạn tính đến ngày 10/7/2023: 20 nhiệm vụ của 14 cơ quan" in text
    assert "Sở Thông tin và Truyền thông — 4 nhiệm vụ" in text
    assert "• 2.I quá hạn 101 ngày (hạn 31/3/2023)" in text
    assert "2.IV" not in text  # the 2022 typo never makes a 2023 item overdue


async def test_late_for_one_agency_and_for_officers(bot):
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await bot.send(message(COORD, "/trehan so tt&tt"))
    assert (
        "Nhiệm vụ quá hạn của Sở Thông tin và Truyền thông tính đến ngày 10/7/2023: 4 nhiệm vụ"
        in bot.fake.last(COORD)["text"]
    )
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, "/trehan"))
    assert "Sở Tư pháp tính đến ngày 10/7/2023: 1 nhiệm vụ" in bot.fake.last(OFFICER)["text"]
    await bot.send(message(OFFICER, "/trehan so noi vu"))
    assert "Chỉ cán bộ theo dõi" in bot.fake.texts(OFFICER)[-1]


async def test_coordinator_acts_for_an_agency(bot):
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await bot.send(message(COORD, "/done 4.III so tu phap theo báo cáo ngày 5/7"))
    assert "Sở Tư pháp hoàn thành 4.III" in bot.fake.texts(COORD)[-1]
    a = bot.assignment("4.III", "so-tu-phap")
    assert a.status == "done" and a.note == "theo báo cáo ngày 5/7" and a.closed_by.startswith("Lan (Văn phòng")
    await bot.send(message(COORD, "/done 4.III"))
    assert "có 30 cơ quan chủ trì" in bot.fake.texts(COORD)[-1]


async def test_free_text_gets_a_hint(bot):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, "chào bot"))
    assert "/huongdan" in bot.fake.texts(OFFICER)[-1]
    await bot.send(message(OFFICER, "/abc"))
    assert "Không có lệnh /abc" in bot.fake.texts(OFFICER)[-1]


# --- buttons ---------------------------------------------------------------------------------------
async def test_done_button_then_undo_button(bot):
    await register(bot, OFFICER, "so-tu-phap")
    aid = bot.assignment("PL1.2", "so-tu-phap").id
    await bot.send(button(OFFICER, f"d:{aid}"))
    assert "hoàn thành PL1.2" in bot.fake.texts(OFFICER)[-1]
    assert bot.fake.buttons(OFFICER) == [("↩️ Hoàn tác", f"u:{aid}")]
    assert [m for m, _ in bot.fake.calls].count("answerCallbackQuery") == 1
    await bot.send(button(OFFICER, f"d:{aid}"))  # the item changed meanwhile: its current state
    assert "đã được cán bộ đầu mối Sở Tư pháp báo hoàn thành" in bot.fake.texts(OFFICER)[-1]
    await bot.send(button(OFFICER, f"u:{aid}"))
    assert "Đã hủy báo hoàn thành nhiệm vụ PL1.2" in bot.fake.texts(OFFICER)[-1]
    assert bot.events("done") == 1 and bot.events("undo") == 1


async def test_progress_button_asks_for_a_note(bot):
    await register(bot, OFFICER, "so-tu-phap")
    aid = bot.assignment("2.III", "so-tu-phap").id
    await bot.send(button(OFFICER, f"p:{aid}"))
    assert "Hãy gửi ghi chú tiến độ cho 2.III" in bot.fake.texts(OFFICER)[-1]
    await bot.send(message(OFFICER, "Đang tổng hợp số liệu"))
    assert "Đã ghi tiến độ 2.III" in bot.fake.texts(OFFICER)[-1]
    assert bot.assignment("2.III", "so-tu-phap").note == "Đang tổng hợp số liệu"
    await bot.send(message(OFFICER, "câu tiếp theo"))  # the question was answered once
    assert "/huongdan" in bot.fake.texts(OFFICER)[-1]


async def test_detail_button(bot):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, "/viec"))
    detail = [d for label, d in bot.fake.buttons(OFFICER) if label == "📄 PL1.2"][0]
    await bot.send(button(OFFICER, detail))
    assert bot.fake.last(OFFICER)["text"].startswith("<b>PL1.2 — Phụ lục I")


async def test_buttons_are_authorised_like_commands(bot):
    await register(bot, OFFICER, "so-tu-phap")
    other = bot.assignment("PL1.1", "so-noi-vu").id
    await bot.send(button(OFFICER, f"d:{other}"))  # forged or forwarded button of another agency
    assert "do Sở Nội vụ chủ trì" in bot.fake.texts(OFFICER)[-1]
    assert bot.assignment("PL1.1", "so-noi-vu").status == "open"
    await bot.send(button(OFFICER, "d:999999"))
    await bot.send(button(OFFICER, "x:1:2"))
    await bot.send(button(OFFICER, "d:abc"))
    assert all("không còn hiệu lực" in t for t in bot.fake.texts(OFFICER)[-3:])
    await bot.send(button(STRANGER, f"d:{other}"))
    assert "chưa được liên kết" in bot.fake.texts(STRANGER)[-1]
    assert bot.events() == 0


# --- delivery ------------------------------------------------------------------------------------
async def test_blocked_bot_disables_the_recipient(bot):
    await register(bot, OFFICER, "so-tu-phap")
    bot.fake.errors[str(OFFICER)] = {
        "ok": False,
        "error_code": 403,
        "description": "Forbidden: bot was blocked by the user",
    }
    await bot.send(message(OFFICER, "/viec"))
    with Session(bot.engine) as s:
        rec = s.exec(__import__("sqlmodel").select(RecipientRow)).one()
        assert rec.active is False and "blocked" in rec.disabled_reason


async def test_errors_are_logged_without_the_token_and_the_user_gets_an_apology(bot, caplog, monkeypatch):
    await register(bot, OFFICER, "so-tu-phap")

    def boom(inbound):
        raise RuntimeError(f"database exploded near {TOKEN}")

    monkeypatch.setattr(bot.core, "handle", boom)
    with caplog.at_level(logging.DEBUG):
        await bot.send(message(OFFICER, "/viec"))
    assert "Xin lỗi" in bot.fake.texts(OFFICER)[-1]
    assert any("error while handling" in r.getMessage() for r in caplog.records)


def test_logging_redacts_the_token():
    import io

    from bot.logsetup import setup_logging

    stream = io.StringIO()
    setup_logging("DEBUG", [TOKEN], stream)
    try:
        logging.getLogger("x").error("POST https://api.telegram.org/bot%s/sendMessage failed", TOKEN)
        try:
            raise ValueError(f"boom {TOKEN}")
        except ValueError:
            logging.getLogger("x").exception("with traceback")
    finally:
        logging.getLogger().handlers.clear()
    assert TOKEN not in stream.getvalue() and "bot***/sendMessage" in stream.getvalue()


def test_long_messages_split_at_line_ends():
    text = "\n".join(f"dòng {i} <b>&" + "x" * 80 for i in range(200))
    chunks = render(Outbound("telegram", "1", text, title="Tiêu đề", buttons=((Button("OK", "v:1"),),)))
    assert len(chunks) > 1
    assert all(len(c.encode("utf-16-le")) // 2 <= 4096 for c, _ in chunks)
    assert chunks[0][0].startswith("<b>Tiêu đề</b>\n")
    assert [m is not None for _, m in chunks] == [False] * (len(chunks) - 1) + [True]
    import html as h

    assert "\n".join(h.unescape(c) for c, _ in chunks).replace("<b>Tiêu đề</b>\n", "", 1) == text


@pytest.mark.parametrize("word", ["/lichkiemtra", "/inspect"])
async def test_coordinator_schedules_an_inspection(bot, word):
    from storage.models import ItemRow
    from sqlmodel import select

    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await bot.send(message(COORD, f"{word} pl2.ii.6 15/9/2023"))
    assert "Đã đặt lịch kiểm tra PL2.II.6 ngày 15/9/2023. Kiểm tra đột xuất" in bot.fake.texts(COORD)[-1]
    await bot.send(message(COORD, f"{word} PL2.II.2 15/9/2023"))
    assert "được báo trước 7 ngày làm việc" in bot.fake.texts(COORD)[-1]
    await bot.send(message(COORD, f"{word} 3.II 15/9/2023"))
    assert "không phải một cuộc kiểm tra" in bot.fake.texts(COORD)[-1]
    await bot.send(message(COORD, f"{word} PL2.II.2"))
    assert "Cách dùng: /lichkiemtra" in bot.fake.texts(COORD)[-1]
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, f"{word} PL2.II.2 1/10/2023"))
    assert "chỉ dành cho Văn phòng UBND tỉnh" in bot.fake.texts(OFFICER)[-1]
    with Session(bot.engine) as s:
        dates = dict(
            s.exec(
                select(ItemRow.code, ItemRow.inspection_date).where(ItemRow.code.in_(["PL2.II.2", "PL2.II.6"]))
            ).all()
        )
    assert {str(v) for v in dates.values()} == {"2023-09-15"}


@pytest.mark.parametrize("report,export", [("/baocao", "/xuatbaocao"), ("/report", "/export")])
async def test_report_and_export_for_coordinators_only(bot, report, export):
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await bot.send(message(COORD, report))
    assert bot.fake.texts(COORD)[-1].startswith("<b>Báo cáo tiến độ Kế hoạch 2023 — đến 10/7/2023</b>")
    photo = [f for f in bot.fake.files if f[0] == "sendPhoto"]
    assert len(photo) == 1 and photo[0][1] == str(COORD) and b"\x89PNG" in photo[0][2]
    await bot.send(message(COORD, export))
    doc = [f for f in bot.fake.files if f[0] == "sendDocument"]
    assert len(doc) == 1 and b"bao-cao-2023-den-2023-07-10.xlsx" in doc[0][2] and b"PK" in doc[0][2]
    await register(bot, OFFICER, "so-tu-phap")
    for word in (report, export):
        await bot.send(message(OFFICER, word))
        assert "chỉ dành cho Văn phòng UBND tỉnh" in bot.fake.texts(OFFICER)[-1]
    assert len(bot.fake.files) == 2
