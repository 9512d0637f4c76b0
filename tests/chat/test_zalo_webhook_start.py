"""The Zalo webhook listens before Zalo is told where to deliver: the first update, sent the moment
setWebhook returns, is accepted and answered."""

from __future__ import annotations

import asyncio
import socket
from datetime import date as D
from datetime import timedelta

import httpx
import pytest
from sqlmodel import Session

from bot.channels.base import ChannelContext
from bot.channels.zalo import ZaloChannel
from bot.core import CommandCore
from bot.ports import FixedClock
from bot.transports.zalo_client import ZaloClient
from config.settings import load_settings
from storage import registry, work
from storage.store import SqlStore
from tests.conftest import loaded_engine
from tests.sweep_harness import ZONE, at
from tests.zalo_emulator import TOKEN, ZaloEmulator

JULY = at(D(2023, 7, 10), 9)
SECRET = "s3cret-zalo-hook"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class EagerZalo(ZaloEmulator):
    """Zalo that checks, while answering setWebhook, whether anything listens at the URL already."""

    def __init__(self, port: int):
        super().__init__(echo_own_sends=False)
        self.port = port
        self.listening_at_set: bool | None = None

    def _setWebhook(self, params):
        with socket.socket() as probe:
            probe.settimeout(1)
            self.listening_at_set = probe.connect_ex(("127.0.0.1", self.port)) == 0
        return super()._setWebhook(params)


@pytest.fixture
def engine(sqlite_url, plan, directory):
    eng = loaded_engine(sqlite_url, plan, directory, JULY)
    yield eng
    eng.dispose()


async def test_the_first_update_after_start_is_accepted(engine, monkeypatch):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/zalo/hook"
    for var, value in {
        "ZALO_BOT_TOKEN": TOKEN,
        "ZALO_WEBHOOK_URL": url,
        "ZALO_WEBHOOK_SECRET": SECRET,
        "ZALO_WEBHOOK_LISTEN": "127.0.0.1",
        "ZALO_WEBHOOK_PORT": str(port),
    }.items():
        monkeypatch.setenv(var, value)
    monkeypatch.delenv("ZALO_BOT_TOKENS", raising=False)
    emu = EagerZalo(port)
    lan = emu.add_user("Lan")
    with Session(engine) as s:
        registry.create_invite(
            s,
            code="zalo-first-update",
            agency_id=work.agency_ids(s)["so-tu-phap"],
            role="officer",
            now=JULY,
            expires_at=JULY + timedelta(days=7),
        )
        s.commit()
    clock = FixedClock(JULY)
    ctx = ChannelContext(
        settings=load_settings(),
        store=SqlStore(engine),
        clock=clock,
        zone=ZONE,
        core=CommandCore(SqlStore(engine), clock, ZONE),
    )
    client = ZaloClient(TOKEN, "http://zalo.test", transport=emu.transport())
    running = await ZaloChannel().start(ctx, listen=True, clients=[client])
    try:
        assert emu.listening_at_set is True and emu.webhook["url"] == url
        async with httpx.AsyncClient() as http:  # Zalo delivers at once
            answer = await http.post(
                url, json=emu.update(lan, "/start zalo-first-update"), headers={"X-Bot-Api-Secret-Token": SECRET}
            )
        assert answer.status_code == 200
        for _ in range(300):
            if emu.texts(lan):
                break
            await asyncio.sleep(0.01)
        assert "Xin chào Sở Tư pháp" in emu.texts(lan)[0]
    finally:
        await running.stop()
