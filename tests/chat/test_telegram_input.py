"""The bad input the bot must survive, end to end through the real Application (see test_telegram.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.telegram_fake import channel_post, message
from tests.chat_harness import register
from tests.chat.test_telegram import OFFICER


# --- bad input ---------------------------------------------------------------------------------
async def test_unknown_code_with_suggestions(bot):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, "/done 3.V"))
    assert bot.fake.texts(OFFICER)[-1] == 'Không có nhiệm vụ "3.V" trong Kế hoạch. Có phải: 3.IV, 3.III, 2.IV?'
    assert bot.events() == 0


async def test_code_of_another_agency_names_its_owner(bot):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, "/done 2.I"))
    assert (
        "Nhiệm vụ 2.I không giao Sở Tư pháp chủ trì. Cơ quan chủ trì: Sở Thông tin và Truyền thông."
        in bot.fake.texts(OFFICER)[-1]
    )
    await bot.send(message(OFFICER, "/done 7.II"))
    assert "phối hợp thực hiện nhiệm vụ" in bot.fake.texts(OFFICER)[-1]
    assert bot.events() == 0


@pytest.mark.parametrize(
    "word,usage", [("/done", "/xong MÃ"), ("/tiendo", "/tiendo MÃ"), ("/undo", "/hoantac MÃ"), ("/xem", "/xem MÃ")]
)
async def test_missing_arguments_give_usage(bot, word, usage):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, word))
    assert f"Cách dùng: {usage}" in bot.fake.texts(OFFICER)[-1]


async def test_surprise_inspections_are_hidden_from_units(bot):
    await register(bot, OFFICER, "ubnd-tp-hai-duong")
    await bot.send(message(OFFICER, "/xem PL2.II.6"))
    assert "Không có nhiệm vụ" in bot.fake.texts(OFFICER)[-1] and "Có phải" not in bot.fake.texts(OFFICER)[-1]
    await bot.send(message(OFFICER, "/viec"))
    assert "PL2" not in bot.fake.last(OFFICER)["text"] and "Kiểm tra đột xuất" not in bot.fake.last(OFFICER)["text"]


async def test_long_note_is_cut_with_a_notice(bot):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, "/xong PL1.2 " + "a" * 5000))
    assert "đã lưu 1000 ký tự đầu" in bot.fake.texts(OFFICER)[-1]
    assert len(bot.assignment("PL1.2", "so-tu-phap").note) == 1000
    assert all(len(t) <= 4096 for t in bot.fake.texts(OFFICER))


async def test_html_in_notes_is_shown_literally(bot):
    await register(bot, OFFICER, "so-tu-phap")
    note = "<b>gấp</b> & <script>alert(1)</script>"
    await bot.send(message(OFFICER, f"/tiendo 2.III {note}"))
    sent = bot.fake.last(OFFICER)
    assert sent["parse_mode"] == "HTML"
    assert "&lt;b&gt;gấp&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in sent["text"]
    assert bot.assignment("2.III", "so-tu-phap").note == note


async def test_emoji_and_mixed_scripts(bot):
    await register(bot, OFFICER, "so-tu-phap")
    note = "Đã xong 👍🏽 — 已完成 — готово — ✅"
    await bot.send(message(OFFICER, f"/tiendo 2.III {note}"))
    assert note in bot.fake.texts(OFFICER)[-1]
    assert bot.assignment("2.III", "so-tu-phap").note == note


async def test_edited_message_is_not_processed(bot):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, "/xong PL1.2", edited=True))
    assert "Tin nhắn đã sửa không được xử lý" in bot.fake.texts(OFFICER)[-1]
    assert bot.assignment("PL1.2", "so-tu-phap").status == "open"


async def test_channel_posts_are_ignored(bot):
    bot.fake.clear()
    await bot.send(channel_post(-100999, "/xong PL1.2"))
    assert bot.fake.sent() == [] and bot.events() == 0


async def test_flood_is_answered_or_throttled_and_nothing_recorded_twice(bot):
    await register(bot, OFFICER, "so-tu-phap")
    before = len(bot.fake.sent(OFFICER))
    for _ in range(50):
        await bot.send(message(OFFICER, "/xong PL1.2"))
    replies = bot.fake.texts(OFFICER)[before:]
    assert len(replies) == 50
    handled = [r for r in replies if "PL1.2" in r and "gửi nhiều lệnh" not in r]
    throttled = [r for r in replies if "gửi nhiều lệnh quá nhanh" in r]
    assert len(handled) + len(throttled) == 50 and len(throttled) == 31 and len(handled) == 19
    assert bot.events("done") == 1
    bot.elapse(61)
    await bot.send(message(OFFICER, "/viec"))
    assert "Nhiệm vụ chưa hoàn thành" in bot.fake.texts(OFFICER)[-1]


async def test_flood_control_counts_real_time_not_the_business_clock(bot):
    """Under --today the business clock stands still: a minute of real time still unlocks the chat,
    and moving the business clock alone does not."""
    await register(bot, OFFICER, "so-tu-phap")
    for _ in range(25):
        await bot.send(message(OFFICER, "/huongdan"))
    assert "gửi nhiều lệnh quá nhanh" in bot.fake.texts(OFFICER)[-1]
    bot.clock.advance(timedelta(days=1))
    await bot.send(message(OFFICER, "/viec"))
    assert "gửi nhiều lệnh quá nhanh" in bot.fake.texts(OFFICER)[-1]
    bot.elapse(61)
    await bot.send(message(OFFICER, "/viec"))
    assert "Nhiệm vụ chưa hoàn thành" in bot.fake.texts(OFFICER)[-1]
