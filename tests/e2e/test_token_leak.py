"""The Telegram token never appears in any output of `nhacviec run` / `nhacviec remind`, whatever fails:
a refused token (getMe 401 and 404), an unreachable API, a webhook without its secret, a crash inside a
handler. Real processes; stdout and stderr (where the logs go) are searched for the token."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.cli.main import main
from bot.domain import texts
from tests.run_process import clean_env

pytestmark = pytest.mark.slow

TOKEN = "918273:LEAK-check-TOKEN-do-not-print"
SECRET_PART = "LEAK-check-TOKEN"


class Api(ThreadingHTTPServer):
    """A Bot API on 127.0.0.1 whose getMe answers ``status`` (200: a working bot that queues updates)."""

    def __init__(self, status: int = 200):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.status, self.calls, self.updates = status, [], []
        self.lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/bot"

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        self.rfile.read(length)
        method = self.path.rsplit("/", 1)[-1]
        server: Api = self.server
        with server.lock:
            server.calls.append(method)
        if server.status != 200:
            desc = "Unauthorized" if server.status == 401 else "Not Found"
            self._send(server.status, {"ok": False, "error_code": server.status, "description": desc})
        elif method == "getMe":
            self._send(
                200, {"ok": True, "result": {"id": 918273, "is_bot": True, "first_name": "Bot", "username": "leak_bot"}}
            )
        elif method == "getUpdates":
            with server.lock:
                updates, server.updates = server.updates, []
            if not updates:
                time.sleep(0.2)
            self._send(200, {"ok": True, "result": updates})
        elif method == "sendMessage":
            self._send(
                200,
                {
                    "ok": True,
                    "result": {"message_id": 1, "date": 0, "text": "", "chat": {"id": 4242, "type": "private"}},
                },
            )
        else:
            self._send(200, {"ok": True, "result": True})

    def _send(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    return url


def _run(tmp_path, env: dict, *args: str, timeout: float = 60) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli.main", "--today", "22/5/2023", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return proc.returncode, proc.stdout, proc.stderr


def _clean(*streams: str) -> None:
    for s in streams:
        assert TOKEN not in s and SECRET_PART not in s


@pytest.mark.parametrize("status", [401, 404])
@pytest.mark.parametrize("command", ["run", "remind"])
def test_a_refused_token_is_one_vietnamese_line(tmp_path, db, status, command):
    with Api(status) as api:
        code, out, err = _run(
            tmp_path, clean_env(db, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=api.base_url), command
        )
    _clean(out, err)
    assert code != 0 and "Traceback" not in err
    assert err.strip().splitlines()[-1] == texts.ERR_TELEGRAM_TOKEN


@pytest.mark.parametrize("command", ["run", "remind"])
def test_an_unreachable_api(tmp_path, db, command):
    with Api() as api:
        closed = api.base_url  # nothing listens there once the block ends
    code, out, err = _run(tmp_path, clean_env(db, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=closed), command)
    _clean(out, err)
    assert code != 0 and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("Không kết nối được tới Telegram")


def test_a_webhook_without_its_secret(tmp_path, db):
    with Api() as api:
        code, out, err = _run(
            tmp_path,
            clean_env(
                db,
                TELEGRAM_BOT_TOKEN=TOKEN,
                TELEGRAM_BASE_URL=api.base_url,
                TELEGRAM_WEBHOOK_URL="https://bot.example.vn/hook",
            ),
            "run",
        )
    _clean(out, err)
    assert code != 0 and "Traceback" not in err
    assert err.strip().splitlines()[-1] == texts.ERR_WEBHOOK_SECRET


def test_a_crash_in_a_handler(tmp_path, db):
    path = db.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:  # the database breaks under the running bot
        conn.execute("DROP TABLE dialog")
    with Api() as api:
        env = clean_env(db, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=api.base_url, LOG_LEVEL="DEBUG")
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot.cli.main", "--today", "22/5/2023", "run"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 30
            while "setMyCommands" not in api.calls and time.monotonic() < deadline:
                time.sleep(0.05)
            with api.lock:
                api.updates.append(
                    {
                        "update_id": 7,
                        "message": {
                            "message_id": 7,
                            "date": 1688950000,
                            "text": "/huongdan",
                            "chat": {"id": 4242, "type": "private", "first_name": "Hoa"},
                            "from": {"id": 4242, "is_bot": False, "first_name": "Hoa"},
                            "entities": [{"type": "bot_command", "offset": 0, "length": 9}],
                        },
                    }
                )
            while api.calls.count("sendMessage") < 1 and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=30)
    _clean(out, err)
    assert api.calls.count("sendMessage") >= 1  # the apology went out
    assert "error while handling an update" in err and "no such table: dialog" in err


def test_an_uncaught_exception_is_printed_redacted(capsys):
    from bot.logsetup import setup_logging

    setup_logging("INFO", [TOKEN])
    try:
        raise RuntimeError(f"boom at https://api.telegram.org/bot{TOKEN}/getMe")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    err = capsys.readouterr().err
    assert "boom at" in err and "***" in err
    _clean(err)
