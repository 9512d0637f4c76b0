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
        params = dict(parse_qsl(body)) if "json" not in (self.headers.get("content-type") or "") else json.loads(body or "{}")
        self.server.record(method, params)
        if method == "getMe":
            result = BOT
        elif method == "sendMessage":
            result = {"message_id": self.server.next_id(), "date": 0, "text": params.get("text", ""),
                      "chat": {"id": int(params.get("chat_id", 0)), "type": "private"}}
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
        self._lock = threading.Lock()
        self._id = 0
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def record(self, method: str, params: dict) -> None:
        with self._lock:
            self.calls.append((method, params))

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
