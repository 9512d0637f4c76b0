"""Vietnamese a civil servant would write (issue 12 §4): one word per idea everywhere (chat, digests, CLI,
workbook, letter), polite reminders, answers that fit a phone screen."""

from __future__ import annotations

import re
from datetime import date

from bot.domain import texts
from bot.domain.digest import weekly_lines
from bot.domain.plan import short_title
from bot.domain.texts import chat, console, letter, reminders
from bot.files import load_plan
from tests.chat_harness import register
from tests.chat.test_telegram import COORD, OFFICER
from tests.telegram_fake import button, message

# Words an officer must not meet in what the program says (the glossary of issue 12 §4).
FORBIDDEN = (
    "điều phối viên",
    "chưa thực hiện",
    "Kiểm tra tiến độ",
    "kiểm tra tiến độ",
    "chuyển cấp",
    "chưa giao cơ quan",
    "🎉",
    "👍",
    "weekly",
    "terminal",
    "chưa xong",
    "báo xong",
    "Đã xong",
)


def _strings(module) -> list[str]:
    out = []
    for name, value in vars(module).items():
        if name.startswith("__"):
            continue
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            out += [v for v in value.values() if isinstance(v, str)]
    return out


def test_the_texts_use_one_word_per_idea():
    for module in (texts, chat, console, letter, reminders):
        for text in _strings(module):
            for word in FORBIDDEN:
                assert word not in text, (module.__name__, word, text)
            # "việc" only inside "nhắc việc", "làm việc", "giao việc": items are "nhiệm vụ"
            assert not re.search(r"(?<!nhắc )(?<!Nhắc )(?<!làm )(?<!giao )\bviệc\b", text), (module.__name__, text)
    assert texts.STATUS["open"] == "chưa hoàn thành"
    assert texts.STATUS["unassigned"] == "chưa xác định cơ quan chủ trì"
    assert texts.REMIND_KIND["checkin"] == "đề nghị cập nhật tiến độ"
    assert texts.REMIND_KIND["escalation"] == "báo cáo lãnh đạo"
    assert texts.REMIND_KIND["weekly"] == "tổng hợp hằng tuần"


def test_short_titles_never_end_on_a_dangling_word():
    plan = load_plan("data/plans/hai-duong-2023.yaml")
    for item in plan.items:
        for limit in (40, 60, 70, 90):
            title = short_title(item.content, limit)
            last = title.rstrip("…").split()[-1].lower()
            assert last not in ("gồm", "về", "của", "và", "các", "cho", "với", "tại", "theo", "để"), (item.code, title)
            assert not title.rstrip("…").endswith(":")
    assert (
        short_title("Hướng dẫn việc tổ chức thực hiện các nhiệm vụ về:\n- Cải cách", 70)
        == "Hướng dẫn việc tổ chức thực hiện các nhiệm vụ…"
    )


def test_the_monday_summary_counts_agencies_without_an_officer():
    names = [f"Cơ quan {i}" for i in range(32)]
    lines = weekly_lines(
        {"closed": [], "new_overdue": [], "soon": [], "no_officer": names, "disabled": []}, date(2023, 6, 12)
    )
    assert "👤 32 cơ quan chưa có cán bộ đầu mối đăng ký; xem danh sách: nhacviec status" in lines
    assert not any("Cơ quan 7" in line for line in lines)


async def test_already_closed_names_the_officer_once_without_a_count(bot):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, "/xong pl1.2"))
    await bot.send(message(OFFICER, "/xong pl1.2"))
    assert bot.fake.texts(OFFICER)[-1] == (
        "Nhiệm vụ PL1.2 đã được cán bộ đầu mối Sở Tư pháp báo hoàn thành lúc 09:00 ngày 10/7/2023; không thay đổi gì."
    )


async def test_task_shows_deadline_as_written_and_as_read_and_resolved_agencies(bot):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, "/xem 4.ii"))
    text = bot.fake.last(OFFICER)["text"]
    assert "Thời hạn: Theo tiến độ đã giao — cách hiểu: chưa có hạn (theo tiến độ giao ở văn bản khác)" in text
    lines = text.splitlines()
    lead = lines.index(next(line for line in lines if line.startswith("Chủ trì (")))
    assert lines[lead + 1] == "- Sở Tư pháp: chưa hoàn thành"  # the reader's own agency first
    assert all(line.startswith(("- ", "… và")) for line in lines[lead + 1 : lead + 9])
    assert lines[-2:] == [
        "Nguyên văn ô chủ trì: Văn phòng UBND tỉnh và các Sở",
        "Nguyên văn ô phối hợp: Các Sở; UBND cấp huyện, cấp xã",
    ]
    await bot.send(message(OFFICER, "/xem pl1.6"))
    text = bot.fake.last(OFFICER)["text"]
    assert "- Sở Y tế: chưa hoàn thành" in text and not any(line.endswith("Sở Y tế:") for line in text.splitlines())


async def test_todo_fits_a_phone_and_each_item_opens_to_act(bot):
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await bot.send(message(COORD, "/viec so tu phap"))
    text = bot.fake.last(COORD)["text"]
    assert len(text.splitlines()) <= 12 and "Chọn một nhiệm vụ để xem và báo cáo." in text
    buttons = bot.fake.buttons(COORD)
    assert len(buttons) == 7 and all(label.startswith("📄 ") for label, _ in buttons)
    await bot.send(button(COORD, buttons[0][1]))  # the coordinator opens Sở Tư pháp's PL1.2
    assert bot.fake.last(COORD)["text"].startswith("<b>PL1.2")
    done = [d for label, d in bot.fake.buttons(COORD) if label == "✅ Báo hoàn thành"][0]
    await bot.send(button(COORD, done))
    assert "Đã ghi nhận Sở Tư pháp hoàn thành PL1.2" in bot.fake.texts(COORD)[-1]
    await bot.send(message(COORD, "/viec"))
    assert "Trang 1/5." in bot.fake.last(COORD)["text"] and len(bot.fake.buttons(COORD)) <= 9
