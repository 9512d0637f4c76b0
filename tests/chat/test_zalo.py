"""Zalo end to end against the emulator: polling and webhook round trips, secrets, replays, self-echo,
long replies, numbered choices, errors and quota, and a reminder digest to a Zalo-only officer."""

from __future__ import annotations

import asyncio
import socket
from datetime import date as D

import httpx
import pytest
from sqlmodel import Session

from bot.channels.inbound import inbound_claims
from bot.core import CommandCore
from bot.ports import FixedClock, Outbound, TransportError
from bot.transports.zalo import CHANNEL, WebhookSetError, ZaloSender, ZaloTransport
from bot.transports.zalo_client import ZaloClient, ZaloError
from jobs.sweep import run_sweep
from storage import registry, work
from storage.store import SqlStore
from tests.inbound_memory import MemoryClaims
from tests.conftest import loaded_engine
from tests.sweep_harness import ZONE, at, make_deps
from tests.zalo_emulator import TOKEN, ZaloEmulator

JULY = at(D(2023, 7, 10), 9)


@pytest.fixture
def engine(sqlite_url, plan, directory):
    eng = loaded_engine(sqlite_url, plan, directory, JULY)
    yield eng
    eng.dispose()


def _transport(engine, emu: ZaloEmulator, clock=None):
    core = CommandCore(SqlStore(engine), clock or FixedClock(JULY), ZONE)
    client = ZaloClient(TOKEN, "http://zalo.test", transport=emu.transport())
    claim, release = inbound_claims(SqlStore(engine), FixedClock(JULY), "zalo")  # dedupe through the store

    async def no_sleep(_):
        return None

    return ZaloTransport(core, client, claim=claim, release=release, sleep=no_sleep), client


def _invite(engine, agency: str, code: str = "zalo-invite-code-123") -> str:
    from datetime import timedelta

    with Session(engine) as s:
        registry.create_invite(
            s,
            code=code,
            agency_id=work.agency_ids(s)[agency],
            role="officer",
            now=JULY,
            expires_at=JULY + timedelta(days=7),
        )
        s.commit()
    return code


async def test_done_round_trip_by_polling_with_replays_and_echo(engine):
    emu = ZaloEmulator()
    zalo, client = _transport(engine, emu)
    await zalo.start()
    await zalo.prepare_polling()
    lan = emu.add_user("Lan")
    emu.inject_text(lan, f"start {_invite(engine, 'so-tu-phap')}")  # no slash: a phone keyboard
    emu.inject_text(lan, "/xong PL1.2 QĐ số 12/QĐ-STP ngày 20/6/2023")
    for _ in range(8):  # replays and echoes included
        await zalo.poll_once()
    texts = emu.texts(lan)
    assert len(texts) == 2, texts  # each command answered once
    assert "Xin chào Sở Tư pháp" in texts[0] and "hoàn thành PL1.2" in texts[1]
    assert "Trả lời bằng số để chọn:\n1 — ↩️ Hoàn tác" in texts[1]
    with Session(engine) as s:
        done = [
            w
            for w in work.item_work(s, plan_id=1, item_id=work.item_by_code(s, plan_id=1, code="PL1.2").id)
            if w.agency == "Sở Tư pháp"
        ]
    assert done[0].status == "done"
    emu.inject_text(lan, "1")  # a numbered choice answered
    await zalo.poll_once()
    assert "Đã hủy báo hoàn thành nhiệm vụ PL1.2" in emu.texts(lan)[-1]
    await client.close()


async def test_idle_poll_408_is_no_update_and_unknown_events_get_a_notice(engine, caplog):
    emu = ZaloEmulator()
    zalo, client = _transport(engine, emu)
    await zalo.start()
    assert await zalo.poll_once() == 0  # 408: nothing, no error logged
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
    user = emu.add_user("Minh")
    emu.queue.append(emu.update(user, None, event="message.unsupported.received"))
    emu.queue.append(emu.update(user, None, event="message.sticker.received"))
    emu.queue.append(emu.update(user, "xin chào", event="message.something.new"))
    for _ in range(6):
        await zalo.poll_once()
    assert emu.texts(user) == ["Bot chỉ đọc được tin nhắn chữ. Gõ lệnh, ví dụ: viec, xong 3.II, huongdan."] * 3
    await client.close()


async def test_webhook_set_while_polling_is_a_startup_error(engine):
    emu = ZaloEmulator()
    zalo, client = _transport(engine, emu)
    emu.webhook = {"url": "https://x.vn/hook"}
    await zalo.prepare_polling()  # deletes it first
    assert emu.webhook is None and emu.calls[:2] == ["deleteWebhook", "getWebhookInfo"]
    emu.webhook = {"url": "https://x.vn/hook"}  # set again behind our back
    with pytest.raises(WebhookSetError):
        await zalo.poll_once()
    await client.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_webhook_round_trip_secret_and_probe(engine):
    emu = ZaloEmulator()
    zalo, client = _transport(engine, emu)
    await zalo.start()
    secret = "s3cret-zalo-hook"
    port = _free_port()
    server = zalo.webhook_app("/zalo/hook", secret).listen(port, address="127.0.0.1")
    lan = emu.add_user("Lan")
    code = _invite(engine, "so-tu-phap")
    url = f"http://127.0.0.1:{port}/zalo/hook"
    try:
        async with httpx.AsyncClient() as http:
            start = emu.update(lan, f"/start {code}")
            assert (await http.post(url, json=start)).status_code == 401  # no secret
            assert (await http.post(url, json=start, headers={"X-Bot-Api-Secret-Token": "wrong!!"})).status_code == 401
            assert emu.texts(lan) == []  # nothing processed
            assert (await http.post(url, content=b"", headers={"X-Bot-Api-Secret-Token": secret})).status_code == 200
            ok = await http.post(url, json=start, headers={"X-Bot-Api-Secret-Token": secret})
            assert ok.status_code == 200
            wrapped = {"ok": True, "result": emu.update(lan, "xong PL1.2")}  # the documented shape
            await http.post(url, json=wrapped, headers={"X-Bot-Api-Secret-Token": secret})
            await http.post(url, json=wrapped, headers={"X-Bot-Api-Secret-Token": secret})  # a replay
            for _ in range(100):
                if len(emu.texts(lan)) >= 2:
                    break
                await asyncio.sleep(0.01)
    finally:
        server.stop()
    assert len(emu.texts(lan)) == 2 and "hoàn thành PL1.2" in emu.texts(lan)[1]
    await client.close()


async def test_long_reply_split_in_two_at_utf16_limit(engine):
    emu = ZaloEmulator()
    client = ZaloClient(TOKEN, "http://zalo.test", transport=emu.transport())
    sender = ZaloSender(client)
    chat = emu.add_user("Lan")
    text = "\n".join(f"Dòng {i}: nhắc việc 😀 {'x' * 40}" for i in range(50))  # about 2,500 characters
    await sender.send(Outbound(CHANNEL, chat, text))
    sent = emu.texts(chat)
    assert len(sent) == 2 and all(len(t.encode("utf-16-le")) // 2 <= 2000 for t in sent)
    assert "\n".join(sent) == text
    await client.close()


async def test_errors_are_classified(engine):
    emu = ZaloEmulator()
    chat = emu.add_user("Lan")
    client = ZaloClient(TOKEN, "http://zalo.test", transport=emu.transport(), timeout=0.5)
    sender = ZaloSender(client)
    for kind in ("http_500_html", "http_502", "hang", "http_429"):
        emu.fail_next("sendMessage", kind)
        with pytest.raises(TransportError) as e:
            await sender.send(Outbound(CHANNEL, chat, "x"))
        assert e.value.permanent is False, kind
    emu.fail_next("sendMessage", "ok_false_429")
    with pytest.raises(TransportError) as e:
        await sender.send(Outbound(CHANNEL, chat, "x"))
    # one "Quota exceeded" is retried later (it must persist to use the month up: test_zalo_quota.py)
    assert e.value.permanent is False and not e.value.quota and e.value.retry_after and "Quota exceeded" in str(e.value)
    bad = ZaloClient("123:wrong", "http://zalo.test", transport=emu.transport())
    with pytest.raises(ZaloError) as z:
        await bad.get_me()
    assert z.value.code == 401 and TOKEN not in str(z.value) and "wrong" not in str(z.value)
    assert await client.get_webhook_info() is None  # 404 without a webhook
    await client.close()
    await bad.close()


async def test_429_then_success_by_the_retry_job(engine):
    from datetime import timedelta

    from jobs.sweep import run_retries

    emu = ZaloEmulator()
    lan = emu.add_user("Lan")
    with Session(engine) as s:
        registry.link_chat(
            s,
            channel=CHANNEL,
            chat_id=lan,
            agency_id=work.agency_ids(s)["so-tu-phap"],
            role="officer",
            display_name="Lan",
            now=JULY,
        )
        s.commit()
    client = ZaloClient(TOKEN, "http://zalo.test", transport=emu.transport())
    emu.fail_next("sendMessage", "http_429")  # a rate limit, not the monthly quota: back off, then retry
    deps = make_deps(engine, FixedClock(at(D(2023, 5, 22))), None)
    deps.senders = {CHANNEL: ZaloSender(client)}
    first = await run_sweep(deps)
    assert first.delivery.retrying == 1 and emu.texts(lan) == []
    deps.clock = FixedClock(at(D(2023, 5, 22)) + timedelta(minutes=1))
    again = await run_retries(deps)
    assert again.messages == 1 and emu.texts(lan)[0].startswith("Nhắc việc Thứ Hai 22/5/2023 — Sở Tư pháp")
    await client.close()


async def test_reminder_digest_to_a_zalo_only_officer(engine):
    emu = ZaloEmulator()
    minh = emu.add_user("Minh")
    with Session(engine) as s:
        registry.link_chat(
            s,
            channel=CHANNEL,
            chat_id=minh,
            agency_id=work.agency_ids(s)["so-noi-vu"],
            role="officer",
            display_name="Minh",
            now=JULY,
        )
        s.commit()
    client = ZaloClient(TOKEN, "http://zalo.test", transport=emu.transport())
    core = CommandCore(SqlStore(engine), FixedClock(at(D(2023, 6, 1))), ZONE)
    deps = make_deps(engine, FixedClock(at(D(2023, 6, 1))), None)
    deps.senders = {CHANNEL: ZaloSender(client)}
    await run_sweep(deps)
    texts = emu.texts(minh)
    assert len(texts) == 1
    assert texts[0].startswith(
        "Nhắc việc Thứ Năm 1/6/2023 — Sở Nội vụ\nKính gửi cán bộ đầu mối Sở Nội vụ:\n\n"
        "⏰ Nhiệm vụ quá hạn tính đến ngày 1/6/2023 (1)\n• PL1.1 quá hạn 1 ngày"
    )
    assert "Trả lời bằng số để chọn:\n1 — 📄 PL1.1" in texts[0]
    handled = MemoryClaims()
    zalo = ZaloTransport(core, client, claim=handled.claim, release=handled.release)
    await zalo.start()
    emu.inject_text(minh, "1")
    for _ in range(4):  # the digest's own echo comes first, then the officer's "1" (and its replay)
        await zalo.poll_once()
    assert "1 — ✅ Báo hoàn thành" in emu.texts(minh)[-1]  # "1" opened PL1.1 with its buttons
    emu.inject_text(minh, "1")
    for _ in range(4):
        await zalo.poll_once()
    assert "✅ Đã ghi nhận Sở Nội vụ hoàn thành PL1.1" in emu.texts(minh)[-1]
    await client.close()


def test_claims_are_single_and_kept_a_week(db_url, plan, directory):
    from datetime import timedelta

    engine = loaded_engine(db_url, plan, directory, JULY)  # on both databases: the claim is one INSERT
    store = SqlStore(engine)
    assert store.claim_inbound(channel=CHANNEL, message_id="old", now=JULY)
    assert not store.claim_inbound(channel=CHANNEL, message_id="old", now=JULY)
    other = SqlStore(engine)  # another process behind the same webhook: the claim is the database's
    assert not other.claim_inbound(channel=CHANNEL, message_id="old", now=JULY)
    store.release_inbound(channel=CHANNEL, message_id="old")  # the core failed: a replay may run it
    assert other.claim_inbound(channel=CHANNEL, message_id="old", now=JULY)
    assert store.claim_inbound(channel=CHANNEL, message_id="new", now=JULY + timedelta(days=8))
    assert not store.inbound_seen(channel=CHANNEL, message_id="old")
    assert store.inbound_seen(channel=CHANNEL, message_id="new")
    engine.dispose()


async def test_several_bots_each_with_its_poller_dedupe_counter_and_room(engine, monkeypatch):
    """ZALO_BOT_TOKENS: each bot polls on its own, its chats are told apart by a prefix, replies and
    reminders go back through the bot that knows the chat, messages are counted per bot, and an invite
    names the bot with room left."""
    from bot.channels.base import ChannelContext
    from bot.channels.zalo import ZaloChannel, bots_status
    from config.settings import load_settings

    a, b = "111", "222"
    emus = {
        a: ZaloEmulator(token=f"{a}:bot-A-secret", echo_own_sends=False),
        b: ZaloEmulator(token=f"{b}:bot-B-secret", echo_own_sends=False),
    }
    monkeypatch.delenv("ZALO_BOT_TOKEN", raising=False)
    monkeypatch.setenv("ZALO_BOT_TOKENS", f"{a}:bot-A-secret, {b}:bot-B-secret")
    monkeypatch.setenv("ZALO_BOT_NAMES", "Nhắc việc HD 1,Nhắc việc HD 2")
    monkeypatch.setenv("ZALO_USERS_PER_BOT", "1")
    settings = load_settings()
    store, clock = SqlStore(engine), FixedClock(JULY)
    ctx = ChannelContext(
        settings=settings, store=store, clock=clock, zone=ZONE, core=CommandCore(SqlStore(engine), clock, ZONE)
    )
    channel = ZaloChannel()
    assert channel.secrets(settings) == [f"{a}:bot-A-secret", f"{b}:bot-B-secret"]
    clients = [ZaloClient(e.token, "http://zalo.test", transport=e.transport()) for e in emus.values()]
    lan, minh = emus[a].add_user("Lan"), emus[b].add_user("Minh")
    running = await channel.start(ctx, listen=True, clients=clients)
    try:
        emus[a].inject_text(lan, f"start {_invite(engine, 'so-tu-phap', 'invite-bot-a-0001')}")
        for _ in range(500):
            if emus[a].texts(lan):
                break
            await asyncio.sleep(0.01)
        assert "Xin chào Sở Tư pháp" in emus[a].texts(lan)[0]
        assert channel.invite_hint(ctx) == "  Zalo: nhắn cho Nhắc việc HD 2 (còn 1 chỗ)."
        start_b = emus[b].inject_text(minh, f"start {_invite(engine, 'so-noi-vu', 'invite-bot-b-0002')}")
        for _ in range(500):
            if emus[b].texts(minh):
                break
            await asyncio.sleep(0.01)
        assert "Xin chào Sở Nội vụ" in emus[b].texts(minh)[0] and emus[a].texts(minh) == []
        assert "đều đã đủ 1 người dùng" in channel.invite_hint(ctx)
        with Session(engine) as s:
            chats = sorted(r.chat_id for r, _ in registry.all_recipients(s))
        assert chats == sorted([lan, f"{b}/{minh}"])
        start_id = start_b["message"]["message_id"]  # deduped under bot B's own key
        assert store.inbound_seen(channel=f"zalo:{b}", message_id=start_id)
        assert not store.inbound_seen(channel="zalo", message_id=start_id)
        await running.sender.send(Outbound(CHANNEL, f"{b}/{minh}", "nhắc việc qua bot 2"))
        assert emus[b].texts(minh)[-1] == "nhắc việc qua bot 2"
        expected = {"Nhắc việc HD 1": (1, 1), "Nhắc việc HD 2": (1, 2)}
        for _ in range(500):  # a reply is counted just after it is sent: wait for the poller's last count
            status = {x["bot"]: (x["users"], x["messages"]) for x in bots_status(ctx)}
            if status == expected:
                break
            await asyncio.sleep(0.01)
        assert status == expected
        assert len(emus[b].texts(minh)) == 2  # replays were not answered again
    finally:
        await running.stop()
