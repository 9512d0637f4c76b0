"""Faults on the Telegram side, through the real Application with the Bot API faked at the HTTP layer:
ambiguous sends, replayed updates, replies that hit 429/500/timeouts after the action was recorded,
forged button data."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from telegram import Bot, Update

from bot.channels.inbound import inbound_claims
from bot.core import CommandCore, CoreConfig
from bot.domain.callbacks import valid_callback
from bot.domain.texts import chat as chat_texts
from bot.ports import FixedClock, Outbound, TransportError
from bot.transports.telegram import SEND_READ_TIMEOUT, TelegramSender, TelegramTransport, send_request
from sqlmodel import Session, select

from storage.models import ItemRow
from storage.store import SqlStore
from tests.chat_harness import JULY, ZONE, Harness, Ticks, register
from tests.conftest import loaded_engine
from tests.telegram_fake import TOKEN, FakeBotAPI, button, message

OFFICER = 111


class FaultyAPI(FakeBotAPI):
    """The fake Bot API, with network faults scripted for sendMessage (raised once each, in order)."""

    def __init__(self):
        super().__init__()
        self.faults: list[Exception] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/sendMessage") and self.faults:
            fault = self.faults.pop(0)
            self.calls.append(("sendMessage(failed)", {}))
            raise fault
        return super().handle(request)


@pytest.fixture
async def faulty(sqlite_url, plan, directory):
    """The real Application with update dedupe through the store (as the channel wires it), reply retries
    waiting on a recorded (instant) sleep."""
    engine = loaded_engine(sqlite_url, plan, directory, JULY)
    store = SqlStore(engine)
    clock = FixedClock(JULY)
    ticks = Ticks()
    core = CommandCore(store, clock, ZONE, CoreConfig(), monotonic=ticks)
    fake = FaultyAPI()
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    claim, release = inbound_claims(store, clock, "telegram")  # as the Telegram channel wires them
    transport = TelegramTransport(core, sleep=sleep, claim=claim, release=release)
    app = transport.build(TOKEN, request=fake.request(), get_updates_request=fake.request())
    h = Harness(app, fake, engine, clock, core, ticks)
    h.waits = waits
    await app.initialize()
    await app.post_init(app)
    yield h
    await app.shutdown()
    engine.dispose()


def _error(code: int, description: str, **parameters) -> dict:
    body = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return body


def _apologies(h) -> list[str]:
    return [t for t in h.fake.texts() if t == chat_texts.APOLOGY]


# --- ambiguous sends ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "fault, ambiguous",
    [
        (httpx.ReadTimeout("slow"), True),
        (httpx.WriteTimeout("slow"), True),
        (httpx.ReadError("dropped"), True),
        (httpx.RemoteProtocolError("closed"), True),
        (httpx.ConnectTimeout("no route"), False),
        (httpx.ConnectError("refused"), False),
        (httpx.PoolTimeout("pool"), False),
    ],
)
async def test_a_send_is_ambiguous_only_when_the_request_left(fault, ambiguous):
    fake = FaultyAPI()
    fake.faults = [fault]
    async with Bot(TOKEN, request=fake.request()) as bot:
        with pytest.raises(TransportError) as caught:
            await TelegramSender(bot).send(Outbound("telegram", "5", "Xin chào"))
    assert caught.value.ambiguous is ambiguous and not caught.value.permanent


async def test_a_split_message_failing_after_its_first_part_is_ambiguous():
    fake = FaultyAPI()
    fake.errors["5"] = [None, _error(500, "Internal Server Error")]
    async with Bot(TOKEN, request=fake.request()) as bot:
        with pytest.raises(TransportError) as caught:
            await TelegramSender(bot).send(Outbound("telegram", "5", "dòng dài\n" * 1000))
    assert caught.value.ambiguous and not caught.value.permanent
    assert len(fake.sent("5")) == 2


async def test_a_plain_500_is_not_ambiguous():
    fake = FaultyAPI()
    fake.errors["5"] = [_error(500, "Internal Server Error")]
    async with Bot(TOKEN, request=fake.request()) as bot:
        with pytest.raises(TransportError) as caught:
            await TelegramSender(bot).send(Outbound("telegram", "5", "Xin chào"))
    assert not caught.value.ambiguous and not caught.value.permanent


async def test_sends_wait_20_seconds_for_telegram():
    assert send_request().read_timeout == SEND_READ_TIMEOUT == 20.0
    app = TelegramTransport(None).build(TOKEN)
    assert app.bot.request.read_timeout == 20.0


# --- replayed updates ---------------------------------------------------------------------------
async def test_a_replayed_update_records_progress_once(faulty):
    await register(faulty, OFFICER, "so-tu-phap")
    update = message(OFFICER, "/tiendo 2.III Đã trình dự thảo")
    await faulty.send(update)
    await faulty.send(update)  # Telegram delivers it again (a webhook retry, a polling offset lost)
    assert faulty.events("progress") == 1
    assert len([t for t in faulty.fake.texts(OFFICER) if "Đã ghi tiến độ 2.III" in t]) == 1
    await faulty.send(message(OFFICER, "/tiendo 2.III Lần hai"))  # a new update is handled
    assert faulty.events("progress") == 2


async def test_one_update_reaching_two_processes_at_once_is_acted_on_once(faulty):
    """Two `nhacviec run` behind one webhook URL: the same update handed to both at the same moment is
    claimed in the database by one of them; the other ignores it."""
    await register(faulty, OFFICER, "so-tu-phap")
    store = SqlStore(faulty.engine)  # the second process: its own store, core and Application
    claim, release = inbound_claims(store, faulty.clock, "telegram")
    other_core = CommandCore(store, faulty.clock, ZONE, CoreConfig(), monotonic=Ticks())
    other = TelegramTransport(other_core, claim=claim, release=release).build(
        TOKEN, request=faulty.fake.request(), get_updates_request=faulty.fake.request()
    )
    await other.initialize()
    try:
        update = message(OFFICER, "/tiendo 2.III Đã trình dự thảo")
        await asyncio.gather(
            faulty.app.process_update(Update.de_json(update, faulty.app.bot)),
            other.process_update(Update.de_json(update, other.bot)),
        )
    finally:
        await other.shutdown()
    assert faulty.events("progress") == 1
    assert len([t for t in faulty.fake.texts(OFFICER) if "Đã ghi tiến độ 2.III" in t]) == 1


async def test_an_update_whose_action_failed_may_run_again(faulty, monkeypatch):
    """The core failed, nothing was recorded, the officer was told: its claim is let go, so the same update
    coming back (a webhook retry) is acted on — once."""
    await register(faulty, OFFICER, "so-tu-phap")
    real = faulty.core.store.record_progress

    def broken(**_kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(faulty.core.store, "record_progress", broken)
    update = message(OFFICER, "/tiendo 2.III Đã trình")
    await faulty.send(update)
    assert faulty.events("progress") == 0 and faulty.fake.texts(OFFICER)[-1] == chat_texts.APOLOGY
    monkeypatch.setattr(faulty.core.store, "record_progress", real)
    await faulty.send(update)
    await faulty.send(update)
    assert faulty.events("progress") == 1
    assert "Đã ghi tiến độ 2.III" in faulty.fake.texts(OFFICER)[-1]


# --- replies after the action was recorded ------------------------------------------------------
async def test_a_reply_under_429_is_retried_after_retry_after(faulty):
    await register(faulty, OFFICER, "so-tu-phap")
    faulty.fake.errors[str(OFFICER)] = [_error(429, "Too Many Requests: retry after 7", retry_after=7)]
    await faulty.send(message(OFFICER, "/tiendo 2.III Đã trình"))
    assert faulty.events("progress") == 1
    assert "Đã ghi tiến độ 2.III" in faulty.fake.texts(OFFICER)[-1]
    assert faulty.waits == [7] and not _apologies(faulty)


async def test_a_reply_under_500s_is_retried_with_backoff(faulty):
    await register(faulty, OFFICER, "so-tu-phap")
    faulty.fake.errors[str(OFFICER)] = [_error(500, "Internal Server Error"), _error(502, "Bad Gateway")]
    await faulty.send(message(OFFICER, "/xong 2.III"))
    assert faulty.assignment("2.III", "so-tu-phap").status == "done"
    assert "2.III" in faulty.fake.texts(OFFICER)[-1]
    assert faulty.waits == [2.0, 4.0] and not _apologies(faulty)


async def test_a_reply_that_timed_out_is_sent_again_once_and_never_apologised_for(faulty):
    await register(faulty, OFFICER, "so-tu-phap")
    faulty.fake.faults = [httpx.ReadTimeout("slow"), httpx.ReadTimeout("slow"), httpx.ReadTimeout("slow")]
    await faulty.send(message(OFFICER, "/tiendo 2.III Đã trình"))
    assert faulty.events("progress") == 1
    assert len(faulty.waits) == 1  # an ambiguous failure is retried at most once
    assert not _apologies(faulty)


async def test_a_reply_that_never_gets_through_is_logged_not_apologised(faulty, caplog):
    await register(faulty, OFFICER, "so-tu-phap")
    faulty.fake.errors[str(OFFICER)] = _error(500, "Internal Server Error")  # every time
    await faulty.send(message(OFFICER, "/tiendo 2.III Đã trình"))
    assert faulty.events("progress") == 1
    assert len(faulty.waits) == 3 and not _apologies(faulty)
    assert "not delivered after 4 attempt(s)" in caplog.text


async def test_the_apology_is_for_an_action_that_did_not_happen(faulty, monkeypatch):
    await register(faulty, OFFICER, "so-tu-phap")

    def broken(**_kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(faulty.core.store, "record_progress", broken)
    await faulty.send(message(OFFICER, "/tiendo 2.III Đã trình"))
    assert faulty.events("progress") == 0
    assert faulty.fake.texts(OFFICER)[-1] == chat_texts.APOLOGY


# --- forged buttons -----------------------------------------------------------------------------
FORGED = [
    "d:" + "9" * 25,
    "v:" + "1" * 20,
    "t:1:" + "9" * 30,
    "d:",
    "d",
    ":",
    "x:1",
    "d:1:2",
    "t:1:2:3",
    "v:-1",
    "d:0",
    "d:١٢",
    "d:²",
    "p:1e5",
    "u: 1",
    "d:1 ",
    "t::",
    "v:" + "1" * 70,
]


@pytest.mark.parametrize("data", FORGED)
async def test_forged_button_data_is_a_stale_button(faulty, data):
    await register(faulty, OFFICER, "so-tu-phap")
    await faulty.send(button(OFFICER, data))
    assert faulty.fake.texts(OFFICER)[-1] == chat_texts.BUTTON_STALE
    assert not _apologies(faulty)


COORDINATOR = 333
FORGED_DAYS = ["20231399", "20230230", "99999999", "20230001", "2023013", "202301011", "00000101"]


@pytest.mark.parametrize("day", FORGED_DAYS)
@pytest.mark.parametrize("kind", ["i", "s"])
async def test_a_forged_date_on_a_date_button_is_a_stale_button_and_changes_nothing(faulty, kind, day):
    """The date buttons (confirm an inspection day, a due date outside the plan) carry YYYYMMDD: a day
    that is not on the calendar is refused before anything reads it."""
    await register(faulty, COORDINATOR, "vp-ubnd-tinh", "coordinator")
    item = faulty.assignment("2.III", "so-tu-phap").item_id
    with Session(faulty.engine) as s:
        before = [tuple(r) for r in s.execute(select(ItemRow.due_override, ItemRow.inspection_date))]
    events = faulty.events()
    await faulty.send(button(COORDINATOR, f"{kind}:{item}:{day}"))
    assert faulty.fake.texts(COORDINATOR)[-1] == chat_texts.BUTTON_STALE
    assert not _apologies(faulty)
    assert faulty.events() == events
    with Session(faulty.engine) as s:
        assert [tuple(r) for r in s.execute(select(ItemRow.due_override, ItemRow.inspection_date))] == before


def test_the_buttons_we_make_are_valid():
    for data in ("d:1", "p:42", "u:7", "v:2147483647", "t:2:15", "t:3"):
        assert valid_callback(data), data
    assert not valid_callback("d:2147483648")
    assert valid_callback("i:5:20240229") and valid_callback("s:5:20231231")
    assert not valid_callback("i:5:20230229") and not valid_callback("s:5:20231232")
