"""Zalo sends that may have arrived are flagged ambiguous (retried at most once by delivery and by the
reply path); a reply hitting a 5xx after its action was recorded is retried, not lost; the numbered
choices of a reply that never arrived do not count."""

from __future__ import annotations

from datetime import date as D
from datetime import timedelta

import httpx
import pytest
from sqlmodel import Session, select

from bot.channels.inbound import inbound_claims
from bot.core import CommandCore
from bot.domain.texts import chat as chat_texts
from bot.ports import FixedClock, Inbound, Outbound, TransportError
from bot.transports.zalo import CHANNEL, ZaloSender, ZaloTransport
from bot.transports.zalo_client import ZaloClient
from storage import registry, work
from storage.models import AssignmentRow, AuditRow
from storage.store import SqlStore
from tests.inbound_memory import MemoryClaims
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


@pytest.mark.parametrize(
    "fault, ambiguous",
    [
        (httpx.ReadTimeout("slow"), True),
        (httpx.WriteTimeout("slow"), True),
        (httpx.ReadError("reset"), True),
        (httpx.RemoteProtocolError("closed"), True),
        (httpx.ConnectError("refused"), False),
        (httpx.ConnectTimeout("no route"), False),
        (httpx.PoolTimeout("pool"), False),
    ],
)
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
    text = "\n".join(f"Dòng {i}: {'x' * 60}" for i in range(60))  # two chunks
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

    handled = MemoryClaims()
    zalo = ZaloTransport(
        CommandCore(SqlStore(engine), FixedClock(JULY), ZONE),
        client,
        claim=handled.claim,
        release=handled.release,
        sleep=sleep,
    )
    await zalo.start()
    emu.fail_next("sendMessage", "http_502", n=2)
    emu.inject_text(lan, "huongdan")
    await zalo.poll_once()
    assert waits == [2.0, 4.0] and len(emu.texts(lan)) == 1 and "/viec" in emu.texts(lan)[0]
    await client.close()
    engine.dispose()


def _linked(sqlite_url, plan, directory, code: str):
    engine = loaded_engine(sqlite_url, plan, directory, JULY)
    with Session(engine) as s:
        registry.create_invite(
            s,
            code=code,
            agency_id=work.agency_ids(s)["so-noi-vu"],
            role="officer",
            now=JULY,
            expires_at=JULY + timedelta(days=7),
        )
        s.commit()
    return engine


async def _no_wait(_seconds: float) -> None:
    return None


async def _zalo(engine, emu, *, sleep=_no_wait, core=None, claims=None):
    """A Zalo transport over the emulator (claims in memory unless given), started; (transport, client)."""
    client = ZaloClient(TOKEN, "http://zalo.test", transport=emu.transport())
    claim, release = claims or (lambda held: (held.claim, held.release))(MemoryClaims())
    zalo = ZaloTransport(
        core or CommandCore(SqlStore(engine), FixedClock(JULY), ZONE), client, claim=claim, release=release, sleep=sleep
    )
    await zalo.start()
    return zalo, client


async def test_choices_of_a_reply_never_delivered_do_not_count(sqlite_url, plan, directory):
    engine = _linked(sqlite_url, plan, directory, "zalo-choices-1")
    emu = ZaloEmulator(echo_own_sends=False)
    lan = emu.add_user("Lan")
    zalo, client = await _zalo(engine, emu)
    for text in ("start zalo-choices-1", "viec"):  # a menu delivered: "1 — ✅ Đã xong …"
        emu.inject_text(lan, text)
        await zalo.poll_once()
    assert "1 — " in emu.texts(lan)[-1]
    emu.fail_next("sendMessage", "http_502", n=10)
    emu.inject_text(lan, "viec")  # a new menu that never arrives
    await zalo.poll_once()
    emu.faults.clear()
    emu.inject_text(lan, "1")
    await zalo.poll_once()
    assert emu.texts(lan)[-1] == chat_texts.FREE_TEXT  # not understood: nothing was closed
    with Session(engine) as s:
        assert s.exec(select(AssignmentRow).where(AssignmentRow.status == "done")).first() is None
    await client.close()
    engine.dispose()


async def test_a_number_typed_while_its_menu_is_still_being_retried_acts_on_nothing(sqlite_url, plan, directory):
    """The menu's reply is refused twice before it arrives: a "1" handled during those waits cannot mean
    its first choice (the officer has not seen it); once it arrived, "1" is understood."""
    engine = _linked(sqlite_url, plan, directory, "zalo-choices-2")
    emu = ZaloEmulator(echo_own_sends=False)
    lan = emu.add_user("Lan")
    core = CommandCore(SqlStore(engine), FixedClock(JULY), ZONE)
    early: list[str] = []

    async def sleep(_seconds: float) -> None:  # between two attempts of the reply: another message comes in
        early.extend(o.text for o in core.handle(Inbound(CHANNEL, lan, "1", bare=True, buttons=False)))

    zalo, client = await _zalo(engine, emu, sleep=sleep, core=core)
    emu.inject_text(lan, "start zalo-choices-2")
    await zalo.poll_once()
    emu.fail_next("sendMessage", "http_502", n=2)
    emu.inject_text(lan, "viec")
    await zalo.poll_once()
    assert "1 — " in emu.texts(lan)[-1]  # delivered at the third attempt
    assert early == [chat_texts.CHOICE_UNKNOWN.format(n="1")] * 2
    with Session(engine) as s:
        assert s.exec(select(AssignmentRow).where(AssignmentRow.status == "done")).first() is None
    emu.inject_text(lan, "1")
    await zalo.poll_once()
    assert emu.texts(lan)[-1] != chat_texts.CHOICE_UNKNOWN.format(n="1")  # seen now: it means the first choice
    await client.close()
    engine.dispose()


async def test_an_action_whose_reply_is_refused_is_recorded_once_and_answered(sqlite_url, plan, directory):
    engine = _linked(sqlite_url, plan, directory, "zalo-progress-1")
    emu = ZaloEmulator(echo_own_sends=False)
    lan = emu.add_user("Lan")
    zalo, client = await _zalo(engine, emu)
    emu.inject_text(lan, "start zalo-progress-1")
    await zalo.poll_once()
    emu.fail_next("sendMessage", "http_502", n=2)
    update = emu.inject_text(lan, "tiendo 4.II Đã trình lãnh đạo")
    await zalo.poll_once()
    emu.queue.append(update)  # the same message replayed
    await zalo.poll_once()
    with Session(engine) as s:
        notes = s.exec(select(AuditRow).where(AuditRow.action == "progress")).all()
    assert len(notes) == 1, emu.texts(lan)
    assert "4.II" in emu.texts(lan)[-1] and len([t for t in emu.texts(lan) if "4.II" in t]) == 1
    await client.close()
    engine.dispose()


async def test_a_crash_in_the_core_is_answered_with_the_apology_and_the_message_may_run_again(
    sqlite_url, plan, directory, monkeypatch
):
    engine = _linked(sqlite_url, plan, directory, "zalo-crash-1")
    emu = ZaloEmulator(echo_own_sends=False)
    lan = emu.add_user("Lan")
    store = SqlStore(engine)
    zalo, client = await _zalo(
        engine,
        emu,
        core=CommandCore(store, FixedClock(JULY), ZONE),
        claims=inbound_claims(store, FixedClock(JULY), CHANNEL),
    )
    emu.inject_text(lan, "start zalo-crash-1")
    await zalo.poll_once()
    real = store.record_progress

    def broken(**_kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(store, "record_progress", broken)
    update = emu.inject_text(lan, "tiendo 4.II Đã trình")
    await zalo.poll_once()
    assert emu.texts(lan)[-1] == chat_texts.APOLOGY  # told it did not happen

    def progress() -> int:
        with Session(engine) as s:
            return len(s.exec(select(AuditRow).where(AuditRow.action == "progress")).all())

    assert progress() == 0
    monkeypatch.setattr(store, "record_progress", real)
    emu.queue.append(update)  # the same message comes back: nothing happened, so it runs now
    await zalo.poll_once()
    emu.queue.append(update)
    await zalo.poll_once()
    assert progress() == 1 and "4.II" in emu.texts(lan)[-1]
    await client.close()
    engine.dispose()
