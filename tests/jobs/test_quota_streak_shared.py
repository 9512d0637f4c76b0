"""Zalo's "Quota exceeded" streak lives in the database: two processes (two senders, two stores on one
database) count into one streak, and a restart (a new sender) does not reset it; a message that gets
through, sent by either, ends it (real time from a fixed wall clock, never sleeps)."""

from __future__ import annotations

from datetime import date as D

import pytest

from bot.channels.zalo import CountedSender, ZaloQuota
from bot.ports import FixedClock, Outbound, TransportError
from bot.transports.zalo import CHANNEL, QUOTA_RETRY_AFTER
from bot.transports.zalo_client import ZaloClient
from storage.engine import make_engine
from storage.store import SqlStore
from tests.conftest import loaded_engine
from tests.sweep_harness import at
from tests.zalo_emulator import TOKEN, ZaloEmulator

DAY = D(2023, 5, 22)
MONTH = "2023-05"


class Wall:
    def __init__(self):
        self.t = 1_700_000_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def engine(db_url, plan, directory):
    eng = loaded_engine(db_url, plan, directory, at(D(2023, 1, 2)))
    yield eng
    eng.dispose()


def _process(db_url, emu, wall):
    """One bot process: its own engine, store, client and sender."""
    engine = make_engine(db_url)
    client = ZaloClient(TOKEN, "http://zalo.test", transport=emu.transport())
    store = SqlStore(engine)
    return CountedSender(client, ZaloQuota(store, FixedClock(at(DAY)), 3000), wall=wall), client, engine, store


async def _refused(sender, chat) -> TransportError:
    with pytest.raises(TransportError) as e:
        await sender.send(Outbound(CHANNEL, chat, "nhắc việc"))
    return e.value


async def test_two_processes_and_a_restart_share_one_streak(engine, db_url):
    emu = ZaloEmulator(quota=0)  # every send: 429 "Quota exceeded"
    chat = emu.add_user("Lan")
    wall = Wall()
    a, ca, ea, _ = _process(db_url, emu, wall)
    store = SqlStore(engine)  # what an operator sees
    b, cb, eb, _ = _process(db_url, emu, wall)
    first = await _refused(a, chat)  # process A
    wall.t += 100
    second = await _refused(b, chat)  # process B: the second strike of the same streak
    for e, backoff in ((first, QUOTA_RETRY_AFTER), (second, 2 * QUOTA_RETRY_AFTER)):  # one streak: the wait doubles
        assert not e.quota and not e.permanent and e.retry_after == backoff
    assert not store.channel_exhausted(channel=CHANNEL, month=MONTH)
    await ca.close()
    ea.dispose()
    a2, ca2, ea2, _ = _process(db_url, emu, wall)  # A restarted: the streak is still there
    wall.t += 90
    third = await _refused(a2, chat)
    assert third.quota and store.channel_exhausted(channel=CHANNEL, month=MONTH)
    for c, e in ((ca2, ea2), (cb, eb)):
        await c.close()
        e.dispose()


async def test_a_message_through_either_process_ends_the_streak(engine, db_url):
    emu = ZaloEmulator(quota=0)
    chat = emu.add_user("Lan")
    wall = Wall()
    a, ca, ea, _ = _process(db_url, emu, wall)
    store = SqlStore(engine)  # what an operator sees
    b, cb, eb, _ = _process(db_url, emu, wall)
    await _refused(a, chat)
    wall.t += 100
    await _refused(a, chat)
    emu.quota = 5
    await b.send(Outbound(CHANNEL, chat, "đã qua"))  # B gets one through: the streak is over for A too
    emu.quota = 0
    wall.t += 200
    late = await _refused(a, chat)  # the first of a new streak, long after the first refusal
    assert not late.quota and not store.channel_exhausted(channel=CHANNEL, month=MONTH)
    for c, e in ((ca, ea), (cb, eb)):
        await c.close()
        e.dispose()
