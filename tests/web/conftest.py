"""The desk over the bundled plan, served on 127.0.0.1 in a thread, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.files import load_calendar
from bot.core import CommandCore
from bot.ports import FixedClock, Inbound
from bot.web import auth, server
from bot.web.app import create_app
from bot.web.config import WebConfig
from config.settings import DEFAULT_CALENDAR
from storage.store import SqlStore
from tests.conftest import loaded_engine
from tests.sweep_harness import RecordingSender

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2023, 7, 3, 2, 0, tzinfo=timezone.utc)  # 09:00 on Monday 3/7/2023 in Hà Nội
DAY = timedelta(days=1)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Desk:
    """A served desk: its URL, store, clock, the chats' sender it tells officers through, and a way to
    mint sign-in links."""

    def __init__(self, url: str, store: SqlStore, clock: FixedClock, config: WebConfig, sender=None):
        self.url, self.store, self.clock, self.config, self.sender = url, store, clock, config, sender

    def link(self, agency_key: str, role: str = "officer") -> str:
        path, _, _ = auth.new_link(self.store, self.config, agency_key=agency_key, role=role, now=self.clock.now())
        return self.url + path


def desk_parts(url: str, plan, directory) -> tuple[SqlStore, FixedClock, WebConfig]:
    """The bundled plan in a database, a clock on 3/7/2023 and the desk's settings."""
    store = SqlStore(loaded_engine(url, plan, directory, NOW))
    config = WebConfig(
        secret="kiem-thu-" + "x" * 32,
        base_url="",
        zone=ZONE,
        calendar=load_calendar(DEFAULT_CALENDAR),
        bot_username="nhacviec_bot",
    )
    return store, FixedClock(NOW), config


def ask_extension(store: SqlStore, clock: FixedClock, *, chat: str = "111", agency: str = "so-tu-phap") -> None:
    """An officer links a Telegram chat and asks, in it, to extend PL1.2 (the chat's own command code)."""
    code = f"moi-{chat}"
    store.create_invite(agency_key=agency, code=code, role="officer", now=clock.now(), expires_at=clock.now() + DAY)
    core = CommandCore(store, clock, ZONE)
    for text in (f"/start {code}", "/giahan PL1.2 30/9/2023 chờ ý kiến thẩm định của Bộ Tư pháp"):
        core.handle(Inbound("telegram", chat, text, sender="Lan"))


@pytest.fixture
def desk(sqlite_url, plan, directory):
    store, clock, config = desk_parts(sqlite_url, plan, directory)
    sender = RecordingSender()
    with server.in_thread(create_app(store, clock, config, {"telegram": sender})) as url:
        yield Desk(url, store, clock, config, sender)
    store.engine.dispose()


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module: Playwright's sync API keeps an event loop running in this thread
    until it stops, so it must stop before async tests of other modules run."""
    from playwright.sync_api import sync_playwright  # the browser driver: loaded only by the browser tests

    if not shutil.which("chromium") and not shutil.os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed (.ci/run installs it from the OS packages)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(accept_downloads=True, locale="vi-VN")
    yield ctx
    ctx.close()


def sign_in(page, link: str) -> None:
    """Open a sign-in link and confirm it."""
    page.goto(link)
    page.click("#login")
