"""Zalo sends that may have arrived are flagged ambiguous (retried at most once by delivery and by the
reply path); a reply hitting a 5xx after its action was recorded is retried, not lost."""

from __future__ import annotations

from datetime import date as D

import httpx
import pytest

from bot.core import CommandCore
from bot.ports import FixedClock, Outbound, TransportError
from bot.transports.zalo import CHANNEL, ZaloSender, ZaloTransport
from bot.transports.zalo_client import ZaloClient
from storage.store import SqlStore
from tests.conftest import loaded_engine
from tests.sweep_harness import ZONE, at
from tests.zalo_emulator import TOKEN, ZaloEmulator

JULY = at(D(2023, 7, 10), 9)


def _client(emu: ZaloEmulator, faults: list[Exception | None]) -> ZaloClient:
    """A client on the emulator whose sendMessage calls meet ``faults`` in order (None: answered)."""
    inner = emu.handle

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/sendMessage") and faults:
            fault = faults.pop(0)
            if fault is not None:
                raise fault
        return inner(request)

    return ZaloClient(TOKEN, "http://zalo.test", transport=httpx.MockTransport(handle))


@pytest.mark.parametrize("fault, ambiguous", [
    (httpx.ReadTimeout("slow"), True), (httpx.WriteTimeout("slow"), True), (httpx.ReadError("reset"), True),
    (httpx.RemoteProtocolError("closed"), True), (httpx.ConnectError("refused"), False),
    (httpx.ConnectTimeout("no route"), False), (httpx.PoolTimeout("pool"), False)])
async def test_a_send_is_ambiguous_only_when_the_request_left(fault, ambiguous):
    emu = ZaloEmulator()
    chat = emu.add_user("Lan")
    client = _client(emu, [fault])
    with pytest.raises(TransportError) as e:
        await ZaloSender(client).send(Outbound(CHANNEL, chat, "nhắc việc"))
    assert e.value.ambiguous is ambiguous and not e.value.permanent
    await client.close()


async def test_a_later_chunk_failing_after_an_earlier_one_was_sent_is_ambiguous():
    emu = ZaloEmulator()
    chat = emu.add_user("Lan")
    client = _client(emu, [None, httpx.ConnectError("refused")])
    text = "\n".join(f"Dòng {i}: {'x' * 60}" for i in range(60))     # two chunks
    with pytest.raises(TransportError) as e:
        await ZaloSender(client).send(Outbound(CHANNEL, chat, text))
    assert e.value.ambiguous and len(emu.texts(chat)) == 1
    await client.close()


async def test_a_reply_under_a_500_is_retried_after_the_action(sqlite_url, plan, directory):
    engine = loaded_engine(sqlite_url, plan, directory, JULY)
    emu = ZaloEmulator(echo_own_sends=False)
    lan = emu.add_user("Lan")
    client = ZaloClient(TOKEN, "http://zalo.test", transport=emu.transport())
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    handled: set[str] = set()
    zalo = ZaloTransport(CommandCore(SqlStore(engine), FixedClock(JULY), ZONE), client, seen=handled.__contains__,
                         mark=handled.add, sleep=sleep)
    await zalo.start()
    emu.fail_next("sendMessage", "http_502", n=2)
    emu.inject_text(lan, "huongdan")
    await zalo.poll_once()
    assert waits == [2.0, 4.0] and len(emu.texts(lan)) == 1 and "/viec" in emu.texts(lan)[0]
    await client.close()
    engine.dispose()
