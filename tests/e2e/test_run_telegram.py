"""`nhacviec run` with a token: the real entry point, long polling a fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import pytest

import json

from bench.fake_bot_api import FakeBotAPIServer
from bot.cli.main import main
from tests.run_process import clean_env, running_bot

pytestmark = pytest.mark.slow


TOKEN = "777:RUN-test-TOKEN-value"


def _update(uid: int, text: str) -> dict:
    return {
        "update_id": uid,
        "message": {
            "message_id": uid,
            "date": 1688950000,
            "text": text,
            "chat": {"id": 4242, "type": "private", "first_name": "Hoa"},
            "from": {"id": 4242, "is_bot": False, "first_name": "Hoa"},
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
        },
    }


def _replies(server) -> list[str]:
    sent = [p.get("text", "") for m, p in server.calls if m == "sendMessage"]
    return [t for t in sent if not t.startswith("<b>Nhắc việc")]  # the scheduler's digest may come too


def test_run_polls_and_answers(tmp_path, monkeypatch, capsys, e2e_db_url):
    db = e2e_db_url
    monkeypatch.setenv("DATABASE_URL", db)
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    assert main(["--today", "10/7/2023", "invite", "so tu phap", "--json"]) == 0
    out = capsys.readouterr().out
    code = json.loads(out[out.rindex("{\n") :])["code"]
    with FakeBotAPIServer() as server:
        env = clean_env(db, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=server.base_url)
        with running_bot(tmp_path, env, "--today", "10/7/2023") as (wait_until, log):
            wait_until(lambda: any(m == "setMyCommands" for m, _ in server.calls))
            server.push_update(_update(1, "/huongdan"))
            server.push_update(_update(2, f"/start {code}"))
            server.push_update(_update(3, "/viec"))
            wait_until(lambda: len(_replies(server)) >= 3 and "sweep" in log())
        err = log()
    texts = _replies(server)
    assert any(m == "getUpdates" for m, _ in server.calls)
    assert len(texts) == 3 and "/xong 3.II" in texts[0] and "Xin chào Sở Tư pháp" in texts[1]
    assert "Nhiệm vụ chưa hoàn thành — Sở Tư pháp" in texts[2]
    assert "sweep 2023-07-10" in err  # the scheduler ran in the same process (a catch-up after 08:00)
    assert TOKEN not in err and "have no registered officer yet" in err
    assert "stopped: scheduler and channels closed" in err and "Traceback" not in err  # Ctrl-C stops cleanly
