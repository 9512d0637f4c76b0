"""A fake Telegram Bot API behind httpx.MockTransport, and updates built the way Telegram sends them."""

from __future__ import annotations

import itertools
import json
import re
from urllib.parse import parse_qsl

import httpx
from telegram.request import HTTPXRequest

TOKEN = "123456:TEST-token-SECRET"
BOT = {"id": 123456, "is_bot": True, "first_name": "Nhắc việc", "username": "nhacviec_bot"}


class FakeBotAPI:
    def __init__(self):
        self.calls: list[tuple[str, dict]] = []
        self.errors: dict[str, dict | list[dict]] = {}  # chat_id → error body (every time) or bodies (once each)
        self._ids = itertools.count(1000)
        self.files: list[tuple[str, str, bytes]] = []  # (method, chat_id, raw multipart body)
        self.stored: dict[str, bytes] = {}  # file_id → the bytes getFile and the file download serve

    def request(self) -> HTTPXRequest:
        return HTTPXRequest(httpx_kwargs={"transport": httpx.MockTransport(self.handle)})

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith(f"/file/bot{TOKEN}/"):  # a file download (after getFile)
            file_id = request.url.path.rsplit("/", 1)[-1]
            self.calls.append(("download", {"file_id": file_id}))
            if file_id not in self.stored:
                return httpx.Response(404, json={"ok": False, "error_code": 404, "description": "Not Found"})
            return httpx.Response(200, content=self.stored[file_id])
        assert request.url.path.startswith(f"/bot{TOKEN}/"), request.url.path
        method = request.url.path.rsplit("/", 1)[-1]
        params = self._params(request)
        self.calls.append((method, params))
        if method == "getMe":
            return self._ok(BOT)
        if method == "sendMessage":
            chat_id = str(params["chat_id"])
            error = self.errors.get(chat_id)
            if isinstance(error, list):
                error = error.pop(0) if error else None
            if error:
                return httpx.Response(error["error_code"], json=error)
            return self._ok(
                {
                    "message_id": next(self._ids),
                    "date": 1685000000,
                    "text": params["text"],
                    "chat": {"id": int(chat_id), "type": "private"},
                }
            )
        if method in ("sendPhoto", "sendDocument"):
            self.files.append((method, params.get("chat_id"), request.content))
            return self._ok(
                {
                    "message_id": next(self._ids),
                    "date": 1685000000,
                    "chat": {"id": int(params.get("chat_id") or 0), "type": "private"},
                }
            )
        if method in ("setMyCommands", "answerCallbackQuery", "deleteWebhook", "setWebhook"):
            return self._ok(True)
        if method == "getUpdates":
            return self._ok([])
        if method == "getFile":
            file_id = str(params.get("file_id"))
            if file_id not in self.stored:
                return httpx.Response(
                    400, json={"ok": False, "error_code": 400, "description": "Bad Request: invalid file_id"}
                )
            data = self.stored[file_id]
            return self._ok(
                {
                    "file_id": file_id,
                    "file_unique_id": f"u{file_id}",
                    "file_size": len(data),
                    "file_path": f"documents/{file_id}",
                }
            )
        return httpx.Response(400, json={"ok": False, "error_code": 400, "description": f"unknown {method}"})

    @staticmethod
    def _params(request: httpx.Request) -> dict:
        ctype = request.headers.get("content-type", "")
        if "multipart" in ctype:
            m = re.search(rb'name="chat_id"\r\n\r\n([^\r]+)', request.content)
            return {"chat_id": m.group(1).decode() if m else None}
        body = request.content.decode("utf-8")
        if "json" in ctype:
            return json.loads(body or "{}")
        out = {}
        for k, v in parse_qsl(body, keep_blank_values=True):
            try:
                out[k] = json.loads(v)
            except ValueError:
                out[k] = v
        return out

    @staticmethod
    def _ok(result) -> httpx.Response:
        return httpx.Response(200, json={"ok": True, "result": result})

    # --- what reached the network ----------------------------------------------------------
    def sent(self, chat_id: int | str | None = None) -> list[dict]:
        return [
            p for m, p in self.calls if m == "sendMessage" and (chat_id is None or str(p["chat_id"]) == str(chat_id))
        ]

    def texts(self, chat_id: int | str | None = None) -> list[str]:
        return [p["text"] for p in self.sent(chat_id)]

    def last(self, chat_id: int | str) -> dict:
        return self.sent(chat_id)[-1]

    def buttons(self, chat_id: int | str) -> list[tuple[str, str]]:
        markup = self.last(chat_id).get("reply_markup") or {}
        return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]

    def clear(self) -> None:
        self.calls.clear()


_update_ids = itertools.count(1)


def _user(uid: int, name: str) -> dict:
    return {"id": uid, "is_bot": False, "first_name": name, "language_code": "vi"}


def message(chat_id: int, text: str, *, name: str = "Lan", chat_type: str = "private", edited: bool = False) -> dict:
    chat = {"id": chat_id, "type": chat_type}
    chat.update({"title": "Nhóm đầu mối"} if chat_type != "private" else {"first_name": name})
    msg = {
        "message_id": next(_update_ids),
        "date": 1685000000,
        "chat": chat,
        "from": _user(abs(chat_id), name),
        "text": text,
    }
    if text.startswith("/"):
        word = text.split()[0]
        msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(word)}]
    if edited:
        msg["edit_date"] = 1685000100
    return {"update_id": next(_update_ids), "edited_message" if edited else "message": msg}


def button(chat_id: int, data: str, *, name: str = "Lan") -> dict:
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": str(next(_update_ids)),
            "from": _user(abs(chat_id), name),
            "chat_instance": "ci",
            "data": data,
            "message": {
                "message_id": next(_update_ids),
                "date": 1685000000,
                "text": "…",
                "chat": {"id": chat_id, "type": "private", "first_name": name},
            },
        },
    }


def channel_post(chat_id: int, text: str) -> dict:
    return {
        "update_id": next(_update_ids),
        "channel_post": {
            "message_id": next(_update_ids),
            "date": 1685000000,
            "text": text,
            "chat": {"id": chat_id, "type": "channel", "title": "Kênh tin"},
        },
    }
