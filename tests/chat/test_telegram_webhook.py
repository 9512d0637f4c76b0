"""Webhook mode: the local server on 127.0.0.1 accepts updates only with the secret token."""

from __future__ import annotations

import asyncio
import socket

import httpx
import pytest

from bot.transports.telegram import webhook_options
from tests.chat_harness import build
from tests.conftest import loaded_engine
from tests.telegram_fake import message
from tests.chat_harness import JULY

SECRET = "s3cret-Token_123"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _wait_for(predicate, timeout: float = 5.0) -> bool:
    for _ in range(int(timeout / 0.01)):  # bounded: the update is handled by another task
        if predicate():
            return True
        await asyncio.sleep(0.01)
    return predicate()


@pytest.fixture
async def webhook(sqlite_url, plan, directory):
    engine = loaded_engine(sqlite_url, plan, directory, JULY)
    h, _ = build(engine, JULY)
    port = _free_port()
    opts = webhook_options("https://bot.example.vn/tg/hook", SECRET, "127.0.0.1", port)
    await h.app.initialize()
    await h.app.updater.start_webhook(**opts)
    await h.app.start()
    yield h, f"http://127.0.0.1:{port}/tg/hook"
    await h.app.updater.stop()
    await h.app.stop()
    await h.app.shutdown()
    engine.dispose()


async def test_webhook_checks_the_secret(webhook):
    h, url = webhook
    set_hook = [p for m, p in h.fake.calls if m == "setWebhook"][0]
    assert set_hook["url"] == "https://bot.example.vn/tg/hook" and set_hook["secret_token"] == SECRET
    update = message(555, "/huongdan")
    async with httpx.AsyncClient() as client:
        bad = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"})
        missing = await client.post(url, json=update)
        assert bad.status_code == 403 and missing.status_code == 403
        await asyncio.sleep(0)
        assert h.fake.sent(555) == []
        good = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        assert good.status_code == 200
    assert await _wait_for(lambda: len(h.fake.sent(555)) == 1)
    assert "/xong 3.II" in h.fake.texts(555)[0]


def test_webhook_needs_a_secret():
    with pytest.raises(ValueError):
        webhook_options("https://x.vn/hook", "", "127.0.0.1", 8443)
