"""What a reply costs the database: `/xong 3.II` from an officer, through the real Application, is at
most four SQL statements (chat context, item with its assignments, UPDATE, and the one audit-trail INSERT
that records the closing and returns the count left)."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from tests.chat_harness import register
from tests.telegram_fake import message

OFFICER = 111


@contextmanager
def statements(engine):
    """Every SQL statement the engine sends while the block runs."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def test_done_by_an_officer_costs_at_most_four_statements(bot):
    await register(bot, OFFICER, "ubnd-h-nam-sach")  # one of the district leads of 3.II
    await bot.send(message(OFFICER, "/viec"))  # warm: nothing cached that /xong would need
    with statements(bot.engine) as seen:
        await bot.send(message(OFFICER, "/xong 3.II"))
    reply = bot.fake.texts(OFFICER)[-1]
    assert "3.II" in reply and "UBND huyện Nam Sách" in reply and "còn" in reply, reply
    assert bot.assignment("3.II", "ubnd-h-nam-sach").status == "done"
    assert bot.events("done") == 1
    assert len(seen) <= 4, "\n\n".join(seen)


async def test_done_twice_and_an_unknown_code_stay_cheap(bot):
    await register(bot, OFFICER, "ubnd-h-nam-sach")
    await bot.send(message(OFFICER, "/xong 3.II"))
    with statements(bot.engine) as seen:
        await bot.send(message(OFFICER, "/xong 3.II"))
    assert "đã" in bot.fake.texts(OFFICER)[-1].lower()
    assert len(seen) <= 4, "\n\n".join(seen)
    with statements(bot.engine) as seen:
        await bot.send(message(OFFICER, "/xong 3.V"))  # no such item: the codes are loaded for suggestions
    assert "Có phải" in bot.fake.texts(OFFICER)[-1]
    assert len(seen) <= 3, "\n\n".join(seen)
