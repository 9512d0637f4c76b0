"""Nothing blocks the loop: while a coordinator's /baocao is being built (held on an Event the test
controls, in the core's worker thread), another chat's /huongdan is answered — through the real
Application's update queue and its per-chat update processor, the Bot API faked at the HTTP layer."""

from __future__ import annotations

import asyncio
import threading

from telegram import Update

from bot.reports import build as report_build
from tests.chat_harness import register
from tests.telegram_fake import message

OFFICER, COORD = 111, 333


async def _until(condition, seconds: float = 10.0) -> bool:
    for _ in range(int(seconds / 0.01)):
        if condition():
            return True
        await asyncio.sleep(0.01)
    return condition()


async def test_help_is_answered_while_a_report_is_being_built(bot, monkeypatch):
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await register(bot, OFFICER, "so-tu-phap")
    gate, building = threading.Event(), threading.Event()
    original = report_build.report

    def held_report(*args, **kwargs):
        building.set()
        assert gate.wait(10), "the test never released the report"
        return original(*args, **kwargs)

    monkeypatch.setattr(report_build, "report", held_report)
    app = bot.app
    before_coord = len(bot.fake.texts(COORD))
    await app.start()  # the update fetcher and the update processor, as in `run`
    try:
        await app.update_queue.put(Update.de_json(message(COORD, "/baocao"), app.bot))
        assert await _until(building.is_set)  # the report is being built in a worker thread
        await app.update_queue.put(Update.de_json(message(OFFICER, "/huongdan"), app.bot))
        assert await _until(lambda: len(bot.fake.texts(OFFICER)) >= 2)
        assert "/xong 3.II" in bot.fake.texts(OFFICER)[-1]  # help answered …
        assert len(bot.fake.texts(COORD)) == before_coord  # … while the report still waits
        gate.set()
        assert await _until(lambda: len(bot.fake.texts(COORD)) > before_coord)
        assert bot.fake.texts(COORD)[-1].startswith("<b>Báo cáo tiến độ")
        assert [f[1] for f in bot.fake.files if f[0] == "sendPhoto"] == [str(COORD)]
    finally:
        gate.set()
        await app.stop()


async def test_one_chats_updates_keep_their_order(bot):
    await register(bot, OFFICER, "so-tu-phap")
    app = bot.app
    await app.start()
    try:
        for text in ("/xem PL1.2", "/huongdan", "/viec"):
            await app.update_queue.put(Update.de_json(message(OFFICER, text), app.bot))
        assert await _until(lambda: len(bot.fake.texts(OFFICER)) >= 4)
    finally:
        await app.stop()
    replies = bot.fake.texts(OFFICER)[1:4]
    assert "PL1.2" in replies[0] and "/xong 3.II" in replies[1] and "Nhiệm vụ chưa hoàn thành" in replies[2]


async def test_no_second_scheduler_in_the_application(bot):
    import pytest
    from telegram.warnings import PTBUserWarning

    with pytest.warns(PTBUserWarning, match="JobQueue"):
        assert bot.app.job_queue is None  # APScheduler (jobs/scheduler.py) is the only one
