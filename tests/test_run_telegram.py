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


def _log(tmp_path) -> str:
    path = tmp_path / "stderr.log"
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


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
        log = open(tmp_path / "stderr.log", "w", encoding="utf-8")
        proc = subprocess.Popen([sys.executable, "-m", "bot.cli.main", "--today", "10/7/2023", "run"], cwd=tmp_path,
                                env=env, stdout=subprocess.DEVNULL, stderr=log, text=True)
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not any(m == "setMyCommands" for m, _ in server.calls):
                time.sleep(0.05)
            server.push_update(_update(1, "/huongdan"))
            server.push_update(_update(2, f"/start {code}"))
            server.push_update(_update(3, "/viec"))
            while time.monotonic() < deadline and (
                    sum(m == "sendMessage" and not p.get("text", "").startswith("<b>Nhắc việc")
                        for m, p in server.calls) < 3 or "sweep" not in _log(tmp_path)):
                time.sleep(0.05)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()
    err = _log(tmp_path)
    sent = [p.get("text", "") for m, p in server.calls if m == "sendMessage"]
    texts = [t for t in sent if not t.startswith("<b>Nhắc việc")]   # the scheduler's digest may come too
    assert any(m == "getUpdates" for m, _ in server.calls)
    assert len(texts) == 3 and "/xong 3.II" in texts[0] and "Xin chào Sở Tư pháp" in texts[1]
    assert "Việc còn phải làm — Sở Tư pháp" in texts[2]
    assert "sweep 2023-07-10" in err   # the scheduler ran in the same process (a catch-up after 08:00)
    assert TOKEN not in err and "have no registered officer yet" in err
