"""`nhacviec run` with a token: the real entry point, long polling a fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.fake_bot_api import FakeBotAPIServer
from bot.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "777:RUN-test-TOKEN-value"


def _update(uid: int, text: str) -> dict:
    return {"update_id": uid, "message": {
        "message_id": uid, "date": 1688950000, "text": text,
        "chat": {"id": 4242, "type": "private", "first_name": "Hoa"},
        "from": {"id": 4242, "is_bot": False, "first_name": "Hoa"},
        "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]}}


def test_run_polls_and_answers(tmp_path, monkeypatch, capsys):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_URL", "TODAY"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'bot.db'}"
    monkeypatch.setenv("DATABASE_URL", env["DATABASE_URL"])
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    assert main(["--today", "10/7/2023", "invite", "so tu phap", "--json"]) == 0
    out = capsys.readouterr().out
    code = json.loads(out[out.rindex("{\n"):])["code"]
    with FakeBotAPIServer() as server:
        env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=server.base_url, PYTHONPATH=str(ROOT))
        proc = subprocess.Popen([sys.executable, "-m", "bot.cli.main", "--today", "10/7/2023", "run"], cwd=tmp_path,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not any(m == "setMyCommands" for m, _ in server.calls):
                time.sleep(0.05)
            server.push_update(_update(1, "/huongdan"))
            server.push_update(_update(2, f"/start {code}"))
            server.push_update(_update(3, "/viec"))
            while time.monotonic() < deadline and sum(m == "sendMessage" for m, _ in server.calls) < 3:
                time.sleep(0.05)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                _, err = proc.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                _, err = proc.communicate()
    texts = [p.get("text", "") for m, p in server.calls if m == "sendMessage"]
    assert any(m == "deleteWebhook" or m == "getUpdates" for m, _ in server.calls)
    assert len(texts) == 3 and "/xong 3.II" in texts[0] and "Xin chào Sở Tư pháp" in texts[1]
    assert "Việc còn phải làm — Sở Tư pháp" in texts[2]
    assert TOKEN not in err and "have no registered officer yet" in err
