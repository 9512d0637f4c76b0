"""A minimal Telegram Bot API on 127.0.0.1 for benchmarks (standard library only)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

BOT = {"id": 1, "is_bot": True, "first_name": "Nhắc việc", "username": "bench_bot"}


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeBotAPI/1"

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length).decode("utf-8")
        method = self.path.rsplit("/", 1)[-1]
        params = (
            dict(parse_qsl(body))
            if "json" not in (self.headers.get("content-type") or "")
            else json.loads(body or "{}")
        )
        self.server.record(method, params)
        if method == "getMe":
            result = BOT
        elif method == "getUpdates":
            result = self.server.take_updates(int(params.get("offset") or 0))
        elif method == "sendMessage":
            result = {
                "message_id": self.server.next_id(),
                "date": 0,
                "text": params.get("text", ""),
                "chat": {"id": int(params.get("chat_id", 0)), "type": "private"},
            }
        else:
            result = True
        data = json.dumps({"ok": True, "result": result}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class FakeBotAPIServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.calls: list[tuple[str, dict]] = []
        self.times: list[tuple[str, float]] = []
        self._lock = threading.Lock()
        self._id = 0
        self._updates: list[dict] = []
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def record(self, method: str, params: dict) -> None:
        import time

        with self._lock:
            self.calls.append((method, params))
            self.times.append((method, time.monotonic()))

    def push_update(self, update: dict) -> None:
        with self._lock:
            self._updates.append(update)

    def take_updates(self, offset: int) -> list[dict]:
        """Updates from ``offset`` on; waits a little when there are none (a short long poll)."""
        import time

        for _ in range(20):
            with self._lock:
                pending = [u for u in self._updates if u["update_id"] >= offset]
            if pending:
                return pending
            time.sleep(0.05)
        return []

    def next_id(self) -> int:
        with self._lock:
            self._id += 1
            return self._id

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/bot"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()
