"""`nhacviec run` with only a Zalo token: polls the emulator over HTTP on 127.0.0.1 and answers."""

from __future__ import annotations

import pytest

from bot.cli.main import main
from tests.run_process import clean_env, running_bot
from tests.zalo_emulator import TOKEN, EmulatorServer, ZaloEmulator

pytestmark = pytest.mark.slow


def test_run_with_a_zalo_token(tmp_path, monkeypatch, e2e_db_url):
    db = e2e_db_url
    monkeypatch.setenv("DATABASE_URL", db)
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    emu = ZaloEmulator()
    chat = emu.add_user("Lan")
    with EmulatorServer(emu) as server:
        env = clean_env(db, ZALO_BOT_TOKEN=TOKEN, ZALO_BASE_URL=server.base_url, ZALO_POLL_TIMEOUT="1")
        with running_bot(tmp_path, env, "--today", "10/7/2023") as (wait_until, log):
            wait_until(lambda: "getUpdates" in emu.calls)
            emu.inject_text(chat, "huongdan")
            wait_until(lambda: bool(emu.texts(chat)))
        err = log()
    assert emu.calls[:3] == ["getMe", "deleteWebhook", "getWebhookInfo"]
    assert emu.texts(chat) and "/xong 3.II" in emu.texts(chat)[0], err[-2000:]
    assert TOKEN not in err and "zalo polling started" in err


def test_remind_sends_through_zalo(tmp_path, monkeypatch, capsys, e2e_db_url):
    from sqlmodel import Session

    from storage import registry, work
    from storage.engine import make_engine

    url = e2e_db_url
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    for var in ("TELEGRAM_BOT_TOKEN", "TODAY"):
        monkeypatch.delenv(var, raising=False)
    assert main(["init"]) == 0
    emu = ZaloEmulator()
    lan = emu.add_user("Lan")
    engine = make_engine(url)
    with Session(engine) as s:
        from datetime import datetime, timezone

        registry.link_chat(
            s,
            channel="zalo",
            chat_id=lan,
            agency_id=work.agency_ids(s)["so-tu-phap"],
            role="officer",
            display_name="Lan",
            now=datetime(2023, 5, 1, tzinfo=timezone.utc),
        )
        s.commit()
    engine.dispose()
    with EmulatorServer(emu) as server:
        monkeypatch.setenv("ZALO_BOT_TOKEN", TOKEN)
        monkeypatch.setenv("ZALO_BASE_URL", server.base_url)
        capsys.readouterr()
        assert main(["--today", "22/5/2023", "remind", "--json"]) == 0
    assert emu.texts(lan) and emu.texts(lan)[0].startswith("Nhắc việc Thứ Hai 22/5/2023 — Sở Tư pháp")


def test_run_serves_telegram_and_zalo_in_one_process(tmp_path, monkeypatch, e2e_db_url):
    from bench.fake_bot_api import FakeBotAPIServer

    db = e2e_db_url
    monkeypatch.setenv("DATABASE_URL", db)
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    emu = ZaloEmulator()
    chat = emu.add_user("Lan")
    with EmulatorServer(emu) as zalo, FakeBotAPIServer() as telegram:
        env = clean_env(
            db,
            ZALO_BOT_TOKEN=TOKEN,
            ZALO_BASE_URL=zalo.base_url,
            ZALO_POLL_TIMEOUT="1",
            TELEGRAM_BOT_TOKEN="42:TG-token-value",
            TELEGRAM_BASE_URL=telegram.base_url,
        )
        with running_bot(tmp_path, env, "--today", "10/7/2023") as (wait_until, log):
            wait_until(lambda: "getUpdates" in emu.calls)
            emu.inject_text(chat, "/huongdan")
            telegram.push_update(
                {
                    "update_id": 1,
                    "message": {
                        "message_id": 1,
                        "date": 1688950000,
                        "text": "/huongdan",
                        "chat": {"id": 7, "type": "private", "first_name": "Hoa"},
                        "from": {"id": 7, "is_bot": False, "first_name": "Hoa"},
                        "entities": [{"type": "bot_command", "offset": 0, "length": 9}],
                    },
                }
            )
            wait_until(lambda: bool(emu.texts(chat)) and any(m == "sendMessage" for m, _ in telegram.calls))
        err = log()
    assert emu.texts(chat) and "/xong 3.II" in emu.texts(chat)[0], err[-2000:]
    assert any(m == "sendMessage" and "/xong 3.II" in p.get("text", "") for m, p in telegram.calls)
    assert "zalo polling started" in err and TOKEN not in err and "TG-token-value" not in err
    assert "stopped: scheduler and channels closed" in err and "Traceback" not in err
