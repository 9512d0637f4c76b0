"""Issue 12 §2 through the real Telegram Application: the system-operator role changes hands when the
hand-over task 2.I is recorded done (and back when it is reopened); coordinators find /dathan and
/xacnhan in their help (the Telegram menu is one list for everybody)."""

from __future__ import annotations

from tests.chat_harness import register
from tests.telegram_fake import message

OFFICER, COORD, TTTT = 111, 333, 555


def _lead(bot, code: str, agency: str) -> bool:
    row = bot.assignment(code, agency)
    return row is not None and row.active


async def test_closing_and_reopening_the_hand_over_moves_the_role(bot):
    await register(bot, TTTT, "so-thong-tin-truyen-thong")
    assert _lead(bot, "7.III", "so-thong-tin-truyen-thong") and _lead(bot, "10.III", "so-thong-tin-truyen-thong")
    await bot.send(message(TTTT, "/xong 2.I Biên bản bàn giao ngày 10/4/2023"))
    assert "hoàn thành 2.I" in bot.fake.texts(TTTT)[-1]
    for code in ("7.III", "10.III"):
        assert _lead(bot, code, "vp-ubnd-tinh") and not _lead(bot, code, "so-thong-tin-truyen-thong")
    await bot.send(message(TTTT, "/hoantac 2.I"))
    for code in ("7.III", "10.III"):
        assert _lead(bot, code, "so-thong-tin-truyen-thong") and not _lead(bot, code, "vp-ubnd-tinh")
    assert bot.assignment("10.III", "vp-ubnd-tinh", "coordinating").active  # the office coordinates again


async def test_a_document_sent_later_dates_the_hand_over(bot):
    await register(bot, TTTT, "so-thong-tin-truyen-thong")
    await bot.send(message(TTTT, "/xong 2.I"))  # no document: the closing day (10/7) counts
    assert _lead(bot, "7.III", "vp-ubnd-tinh")
    await bot.send(message(TTTT, "/xong 2.I Biên bản bàn giao ngày 10/4/2023"))
    assert _lead(bot, "7.III", "vp-ubnd-tinh") and not _lead(bot, "7.III", "so-thong-tin-truyen-thong")


async def test_coordinators_help_names_the_date_commands(bot):
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(COORD, "/huongdan"))
    text = bot.fake.texts(COORD)[-1]
    assert "/dathan 4.II 30/9/2023" in text and "/xacnhan 2.IV" in text
    await bot.send(message(OFFICER, "/huongdan"))
    assert "/dathan" not in bot.fake.texts(OFFICER)[-1]
