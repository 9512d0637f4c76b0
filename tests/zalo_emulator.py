"""A local Zalo Bot API emulator behind httpx.MockTransport, reproducing the documented behaviour:
HTTP 200 with ok:false 401 for a bad token, 408 on idle polls, a single-object getUpdates result,
replay of consumed updates, self-echo, 404 from getWebhookInfo with no webhook, 429 "Quota exceeded",
5xx with an HTML body, and hangs."""

from __future__ import annotations

import itertools
import json
import secrets

import httpx

BOT_ID = "1459232241454765289"
TOKEN = f"{BOT_ID}:zalo-SECRET-token"


class ZaloEmulator:
    def __init__(
        self,
        *,
        replay_consumed: bool = True,
        echo_own_sends: bool = True,
        quota: int = 3000,
        getupdates_shape: str = "object",
        token: str = TOKEN,
    ):
        self.token = token
        self.replay_consumed, self.echo_own_sends, self.quota = replay_consumed, echo_own_sends, quota
        self.shape = getupdates_shape
        self.queue: list[dict] = []
        self.replay: list[dict] = []
        self.webhook: dict | None = None
        self.users: dict[str, str] = {}
        self.sent: list[dict] = []
        self.calls: list[str] = []
        self.faults: dict[str, list[str]] = {}
        self._ms = itertools.count(1_789_000_000_000, 1000)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    # --- control plane ---------------------------------------------------------------------------
    def add_user(self, name: str) -> str:
        chat_id = secrets.token_hex(10)
        self.users[chat_id] = name
        return chat_id

    def update(
        self,
        chat_id: str,
        text: str | None,
        *,
        event: str = "message.text.received",
        from_id: str | None = None,
        is_bot: bool = False,
        chat_type: str = "PRIVATE",
    ) -> dict:
        message = {
            "date": next(self._ms),
            "chat": {"chat_type": chat_type, "id": chat_id},
            "message_id": secrets.token_hex(10),
            "from": {"id": from_id or chat_id, "is_bot": is_bot, "display_name": self.users.get(chat_id, "")},
        }
        if text is not None:
            message["text"] = text
        return {"event_name": event, "message": message}

    def inject_text(self, chat_id: str, text: str, **kw) -> dict:
        update = self.update(chat_id, text, **kw)
        self.queue.append(update)
        return update

    def fail_next(self, method: str, kind: str, n: int = 1) -> None:
        self.faults.setdefault(method, []).extend([kind] * n)

    def texts(self, chat_id: str) -> list[str]:
        return [m["text"] for m in self.sent if m["chat_id"] == chat_id]

    # --- the API -------------------------------------------------------------------------------------
    def handle(self, request: httpx.Request) -> httpx.Response:
        token, _, method = request.url.path.removeprefix("/bot").partition("/")
        self.calls.append(method)
        if token != self.token:
            return self._json(200, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        fault = (self.faults.get(method) or [None]).pop(0) if self.faults.get(method) else None
        if fault == "hang":
            raise httpx.ReadTimeout("timed out", request=request)
        if fault == "http_500_html":
            return httpx.Response(500, text="<html><body>Internal Server Error</body></html>")
        if fault == "http_502":
            return httpx.Response(502, text="Bad Gateway")
        if fault == "http_429":
            return self._json(429, {"ok": False, "error_code": 429, "description": "Too Many Requests"})
        if fault == "ok_false_429":
            return self._json(200, {"ok": False, "error_code": 429, "description": "Quota exceeded"})
        params = json.loads(request.content or b"{}")
        return getattr(self, f"_{method}", self._unknown)(params)

    def _json(self, status: int, body: dict) -> httpx.Response:
        return httpx.Response(status, json=body)

    def _ok(self, result) -> httpx.Response:
        return self._json(200, {"ok": True, "result": result})

    def _unknown(self, params) -> httpx.Response:
        return self._json(200, {"ok": False, "error_code": 400, "description": "Bad Request"})

    def _getMe(self, params):
        return self._ok(
            {
                "id": self.token.partition(":")[0],
                "account_name": "bot.NhacViec",
                "account_type": "BASIC",
                "can_join_groups": False,
                "display_name": "Bot Nhắc việc",
            }
        )

    def _getUpdates(self, params):
        if self.webhook:
            return self._json(200, {"ok": False, "error_code": 400, "description": "webhook is set"})
        if self.queue:
            update = self.queue.pop(0)
            if self.replay_consumed:
                self.replay.append(update)  # comes back once more on a later poll
            return self._ok([update] if self.shape == "array" else update)
        if self.replay:
            return self._ok(self.replay.pop(0))
        return self._json(408, {"ok": False, "error_code": 408, "description": "Request timeout"})

    def _setWebhook(self, params):
        url, secret = params.get("url", ""), params.get("secret_token", "")
        if not (url.startswith("https://") or url.startswith("http://127.0.0.1")) or not 8 <= len(secret) <= 256:
            return self._json(200, {"ok": False, "error_code": 400, "description": "Bad Request"})
        self.webhook = {"url": url, "updated_at": next(self._ms)}
        return self._ok(self.webhook)

    def _deleteWebhook(self, params):
        self.webhook = None
        return self._ok({"url": "", "updated_at": next(self._ms)})

    def _getWebhookInfo(self, params):
        if not self.webhook:
            return self._json(404, {"ok": False, "description": "Not Found"})
        return self._ok(self.webhook)

    def _sendMessage(self, params):
        chat_id, text = str(params.get("chat_id", "")), params.get("text", "")
        if chat_id not in self.users or not 1 <= len(text.encode("utf-16-le")) // 2 <= 2000:
            return self._json(200, {"ok": False, "error_code": 400, "description": "Bad Request"})
        if self.quota <= 0:
            return self._json(200, {"ok": False, "error_code": 429, "description": "Quota exceeded"})
        self.quota -= 1
        message_id = secrets.token_hex(10)
        self.sent.append({"chat_id": chat_id, "text": text, "message_id": message_id})
        if self.echo_own_sends:
            echo = self.update(chat_id, text, from_id=BOT_ID, is_bot=True)
            echo["message"]["message_id"] = message_id
            self.queue.append(echo)
        return self._ok({"message_id": message_id, "date": next(self._ms)})


class EmulatorServer:
    """The emulator on 127.0.0.1 over real HTTP, for the `nhacviec run` process."""

    def __init__(self, emu: ZaloEmulator):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                request = httpx.Request("POST", f"http://127.0.0.1{self.path}", content=body)
                with lock:
                    response = emu.handle(request)
                self.send_response(response.status_code)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(response.content)))
                self.end_headers()
                self.wfile.write(response.content)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
