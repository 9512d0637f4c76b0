"""/xem on a phone: a long content cell is cut to a screen's worth with the command that shows it whole."""

from __future__ import annotations

from tests.chat_harness import register
from tests.telegram_fake import message

COORD = 333


async def test_a_long_item_fits_a_screen_and_opens_whole_on_request(bot):
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await bot.send(message(COORD, "/xem 2.II"))
    short = bot.fake.texts(COORD)[-1]
    assert "xem toàn văn: /xem 2.II đầy đủ" in short
    assert len(short.splitlines()) <= 28  # was ~40: one screen
    await bot.send(message(COORD, "/xem 2.II day du"))
    whole = bot.fake.texts(COORD)[-1]
    assert "xem toàn văn" not in whole and len(whole.splitlines()) > len(short.splitlines()) - 1
    await bot.send(message(COORD, "/xem PL1.2"))  # a short content cell: nothing cut
    assert "xem toàn văn" not in bot.fake.texts(COORD)[-1]
