"""A thin async client for the Zalo Bot Platform API (Telegram-like, with real differences).

Every response's JSON body is read whatever the HTTP status; success is ``ok: true``. An idle long
poll's 408 means "no update". Errors carry a code and whether a retry may help; the token (which sits
in the URL path) never appears in an error message.
"""

from __future__ import annotations

import json
import logging

import httpx

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://bot-api.zaloplatforms.com"
TRANSIENT_CODES = {403, 408, 429, 500, 502, 503, 504}  # Zalo's 403 is "Internal server error"


# After these the request had left: the message may have been delivered.
_AMBIGUOUS = (httpx.ReadTimeout, httpx.WriteTimeout, httpx.ReadError, httpx.RemoteProtocolError)


class ZaloError(Exception):
    """A failed call: ``transient`` if a retry may help; ``ambiguous`` if the request may have reached
    Zalo and acted (a read timeout, a connection dropped after sending)."""

    def __init__(self, code: int | None, description: str, *, transient: bool, ambiguous: bool = False):
        super().__init__(f"Zalo {code or '?'}: {description}")
        self.code, self.description, self.transient, self.ambiguous = code, description, transient, ambiguous

    @property
    def quota_exceeded(self) -> bool:
        """The plan's monthly quota (429 "Quota exceeded"); any other 429 is a rate limit worth a retry."""
        return "quota" in self.description.lower()


class ZaloClient:
    def __init__(
        self,
        token: str,
        base_url: str = DEFAULT_BASE_URL,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 10.0,
    ):
        self._token = token
        self._base = base_url.rstrip("/")
        self._timeout = timeout
        self._http = httpx.AsyncClient(transport=transport, timeout=timeout)

    async def close(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> "ZaloClient":
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def call(self, method: str, params: dict | None = None, *, timeout: float | None = None):
        url = f"{self._base}/bot{self._token}/{method}"
        try:
            response = await self._http.post(url, json=params or {}, timeout=timeout or self._timeout)
        except httpx.HTTPError as e:  # timeouts, refused connections, dropped sockets
            raise ZaloError(None, type(e).__name__, transient=True, ambiguous=isinstance(e, _AMBIGUOUS)) from None
        try:
            body = response.json()
        except (json.JSONDecodeError, ValueError):
            raise ZaloError(
                response.status_code,
                f"HTTP {response.status_code} without JSON",
                transient=response.status_code >= 500 or response.status_code in TRANSIENT_CODES,
            ) from None
        if isinstance(body, dict) and body.get("ok") is True:
            return body.get("result")
        code = body.get("error_code") if isinstance(body, dict) else None
        code = code or response.status_code
        description = str(body.get("description", "")) if isinstance(body, dict) else ""
        raise ZaloError(code, description, transient=code in TRANSIENT_CODES)

    # --- the methods we use ----------------------------------------------------------------------
    async def get_me(self) -> dict:
        return await self.call("getMe")

    async def get_updates(self, timeout: int = 30) -> list[dict]:
        """The pending updates (Zalo sends one object, some deployments a list); [] on an idle 408."""
        try:
            result = await self.call("getUpdates", {"timeout": timeout}, timeout=timeout + 10)
        except ZaloError as e:
            if e.code == 408 or "timeout" in e.description.lower():
                return []
            raise
        if not result:
            return []
        return result if isinstance(result, list) else [result]

    async def set_webhook(self, url: str, secret_token: str) -> dict:
        return await self.call("setWebhook", {"url": url, "secret_token": secret_token})

    async def delete_webhook(self) -> dict:
        return await self.call("deleteWebhook")

    async def get_webhook_info(self) -> dict | None:
        try:
            return await self.call("getWebhookInfo")
        except ZaloError as e:
            if e.code == 404:
                return None
            raise

    async def send_message(self, chat_id: str, text: str) -> dict:
        return await self.call("sendMessage", {"chat_id": chat_id, "text": text})
