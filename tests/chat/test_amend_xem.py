"""/xem shows an item's amendment history through the real Telegram Application (issue 14 §2); the removed
item is no longer in /viec."""

from __future__ import annotations

from datetime import date as D

from bot.domain.amendments import diff_plans
from bot.domain.interpret import interpret_plan
from bot.domain.plan import build_plan
from bot.files.yaml_tree import parse_tree
from storage.store import SqlStore
from tests.chat_harness import register
from tests.e2e.test_amend_cli import DOC, amended_text
from tests.sweep_harness import ZONE, at
from tests.telegram_fake import message

OFFICER = 444


async def test_xem_shows_the_amendment_and_viec_drops_the_removed_item(bot, plan, directory):
    await register(bot, OFFICER, "so-y-te")
    await bot.send(message(OFFICER, "/viec"))
    assert "PL1.6" in bot.fake.texts(OFFICER)[-1]
    store = SqlStore(bot.engine)
    new = build_plan(parse_tree(amended_text(), "amended.yaml"))
    known = store.known_directory(directory=directory)
    names = {k: a.name for k, a in known.agencies.items()}
    store.amend_apply(
        plan=new,
        directory=directory,
        amendment=diff_plans(plan.id, interpret_plan(plan, known), interpret_plan(new, known), names),
        document=DOC,
        effective=D(2023, 6, 15),
        actor="test",
        now=at(D(2023, 6, 20), 9),
        zone=ZONE,
        plan_file="amended.yaml",
        plan_text=amended_text(),
    )
    await bot.send(message(OFFICER, "/xem pl1.4"))
    assert f"Sửa đổi theo {DOC}: hạn 31/5/2023 → 30/6/2023" in bot.fake.texts(OFFICER)[-1]
    await bot.send(message(OFFICER, "/xem 1.I"))
    assert "Lịch sử sửa đổi" not in bot.fake.texts(OFFICER)[-1]
    await bot.send(message(OFFICER, "/viec"))
    assert "PL1.6" not in bot.fake.texts(OFFICER)[-1]
