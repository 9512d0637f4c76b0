"""Zalo: the same command core on the Zalo Bot Platform, by long polling or by webhook.

Zalo has no buttons and no command menu: commands arrive as plain text (with or without the slash),
texts are plain and split at 2,000 UTF-16 units (the core and delivery turn buttons into numbered
choices, reading ``capabilities``). Updates are deduplicated by message_id through the ``seen``/``mark``
hooks (polling replays consumed updates), the bot's own messages echoed back are ignored, and anything
but text gets a short polite notice. The synchronous command core runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
from typing import Awaitable, Callable

from bot.core import CommandCore
from bot.domain.texts import chat as chat_texts
from bot.domain.texts import evidence as ev_texts
from bot.ports import Capabilities, ClaimHook, Inbound, InboundFile, Outbound, ReleaseHook, TransportError
from bot.transports.replies import let_go, send_reply
from bot.transports.splitting import split_text, utf16_len
from bot.transports.zalo_client import ZaloClient, ZaloError

log = logging.getLogger(__name__)

CHANNEL = "zalo"
TEXT_LIMIT = 2000
MIN_POLL_INTERVAL = 1.0
CAPABILITIES = Capabilities(buttons=False, files=False, max_length=TEXT_LIMIT)


# Zalo's 429 "Quota exceeded" also comes as a passing hiccup: the month is used up only when it persists.
QUOTA_STRIKES = 3  # quota refusals in a row (no send getting through in between) ...
QUOTA_SPAN = 180.0  # ... the first at least this many seconds (real time) before the last
QUOTA_RETRY_AFTER = 60.0  # until then: a transient failure, tried again after this wait, doubled each time


def quota_wait(strikes: int) -> float:
    """The wait before trying again after the ``strikes``-th quota refusal in a row: 60 s, 120 s, 240 s…
    (the third attempt comes QUOTA_SPAN after the first)."""
    return QUOTA_RETRY_AFTER * 2 ** max(strikes - 1, 0)


class WebhookSetError(RuntimeError):
    """Polling cannot start while Zalo delivers to a webhook."""


class QuotaStreak:
    """Consecutive "Quota exceeded" refusals in real time: persistent after QUOTA_STRIKES spanning QUOTA_SPAN."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic):
        self.monotonic = monotonic
        self.strikes, self.since = 0, 0.0

    def refused(self) -> bool:
        """Count one refusal; True when the quota is now considered used up."""
        now = self.monotonic()
        if self.strikes == 0:
            self.since = now
        self.strikes += 1
        return self.strikes >= QUOTA_STRIKES and now - self.since >= QUOTA_SPAN

    def cleared(self) -> None:
        self.strikes = 0


class ZaloSender:
    """Sends one Outbound as plain text chunks (wire code only). ``on_message`` is told of every
    message that left, so the channel can count them against the monthly quota. A "Quota exceeded"
    is transient (``retry_after``) until it persists; then ``quota=True``."""

    capabilities = CAPABILITIES

    def __init__(
        self,
        client: ZaloClient,
        *,
        on_message: Callable[[], None] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        streak: QuotaStreak | None = None,
    ):
        self.client = client
        self.on_message = on_message or (lambda: None)
        self.quota = streak or QuotaStreak(monotonic)  # a channel may keep it elsewhere (the database)

    async def send(self, out: Outbound) -> str:
        text = f"{out.title}\n{out.text}" if out.title else out.text
        if out.attachment is not None:
            text = (text + "\n\n" if text else "") + chat_texts.ZALO_FILE_ELSEWHERE.format(name=out.attachment.filename)
        ref = ""
        went_out = False  # an earlier chunk was delivered: a failure now leaves the message half-sent
        try:
            for chunk in split_text(text, TEXT_LIMIT, utf16_len):
                if chunk.strip():
                    result = await self.client.send_message(out.chat_id, chunk)
                    ref = str((result or {}).get("message_id", ""))
                    went_out = True
                    self.quota.cleared()
                    self.on_message()
        except ZaloError as e:
            unsure = went_out or e.ambiguous
            if e.quota_exceeded:
                if self.quota.refused():
                    raise TransportError(str(e), permanent=True, quota=True, ambiguous=unsure) from None
                wait = quota_wait(self.quota.strikes)
                raise TransportError(str(e), permanent=False, retry_after=wait, ambiguous=unsure) from None
            if e.transient:
                raise TransportError(str(e), permanent=False, ambiguous=unsure) from None
            gone = e.code in (400, 404) and "chat" in e.description.lower()
            raise TransportError(str(e), permanent=True, recipient_gone=gone, ambiguous=unsure) from None
        return ref


def photo_file(update: dict, message: dict, message_id: str) -> InboundFile | None:
    """A photo sent to the bot (``message.image.received``, its caption beside it) as evidence: kept by its
    URL; Zalo gives no name or size and sends no other files to bots, so documents cannot be evidence here."""
    if update.get("event_name") != "message.image.received":
        return None
    url = message.get("photo_url") or message.get("photo") or message.get("url") or ""
    if not isinstance(url, str) or not url:
        return None
    return InboundFile(id=url[:300], name=ev_texts.PHOTO_NAME.format(id=message_id[:16]), mime="image/jpeg")


class ZaloTransport:
    def __init__(
        self,
        core: CommandCore,
        client: ZaloClient,
        *,
        claim: ClaimHook,
        release: ReleaseHook,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        sender=None,
        chat_prefix: str = "",
        reply_sleep: Callable[[float], Awaitable[None]] | None = None,
    ):
        self.core, self.client = core, client
        self.chat_prefix = chat_prefix  # several bots: "<bot id>/" before the chat ids of all but the first
        self.sender = sender or ZaloSender(client)
        self.claim, self.release, self.sleep = claim, release, sleep  # dedupe by message_id (bot.channels.inbound)
        self.reply_sleep = reply_sleep or sleep  # waits between reply retries (real time)
        self.bot_id: str | None = None
        self._inflight: set[str] = set()  # being handled now: a replay arriving meanwhile is dropped
        self._chats: dict[str, asyncio.Lock] = {}  # per chat (a lock per linked chat at most)

    async def start(self) -> None:
        me = await self.client.get_me()
        self.bot_id = str((me or {}).get("id", "")) or None

    # --- one update ------------------------------------------------------------------------------
    async def handle_update(self, update: dict) -> None:
        if isinstance(update, dict) and "result" in update and "event_name" not in update:
            update = update.get("result") or {}  # the documented wrapped shape
        message = (update or {}).get("message") or {}
        message_id = str(message.get("message_id") or "")
        if not message_id or message_id in self._inflight:
            return
        self._inflight.add(message_id)
        raw_chat = (message.get("chat") or {}).get("id") or (message.get("from") or {}).get("id") or ""
        chat = self.chat_prefix + str(raw_chat)
        lock = self._chats.setdefault(chat, asyncio.Lock())  # one chat's messages in arrival order
        try:
            async with lock:
                if await asyncio.to_thread(self.claim, message_id):  # a replay, or another process: ignored
                    await self._handle_message(update, message, message_id)
        finally:
            self._inflight.discard(message_id)

    async def _handle_message(self, update: dict, message: dict, message_id: str) -> None:
        sender = message.get("from") or {}
        chat = message.get("chat") or {}
        raw = str(chat.get("id") or sender.get("id") or "")
        chat_id = self.chat_prefix + raw
        if sender.get("is_bot") or (self.bot_id and str(sender.get("id")) == self.bot_id) or not raw:
            return  # our own message echoed back
        group = str(chat.get("chat_type", "")).upper() == "GROUP"
        file = photo_file(update, message, message_id)
        if file is None and (update.get("event_name") != "message.text.received" or not message.get("text")):
            if not group:
                await self._send_all([Outbound(CHANNEL, chat_id, chat_texts.ZALO_UNSUPPORTED)])
            return
        inbound = Inbound(
            channel=CHANNEL,
            chat_id=chat_id,
            text=str(message.get("text") or message.get("caption") or ""),
            sender=str(sender.get("display_name") or ""),
            group=group,
            bare=True,
            buttons=False,
            file=file,
        )
        try:
            outs = await asyncio.to_thread(self.core.handle, inbound)
        except Exception:  # noqa: BLE001 - nothing happened: the claim goes, the user is told
            log.exception("error while handling Zalo message %s", message_id)
            await let_go(self.release, message_id)
            if not group:
                await self._send_all([Outbound(CHANNEL, chat_id, chat_texts.APOLOGY)])
            return
        await self._send_all(outs)  # a replay changes nothing now, even if a reply fails

    async def _send_all(self, outs: list[Outbound]) -> None:
        """Replies in order, each retried on transient failures (a 429, a 5xx, a timeout): the action is
        recorded already, so its answer must not be lost to one refusal."""
        for out in outs:
            delivered = await send_reply(self.sender.send, out, sleep=self.reply_sleep)
            if out.choices:  # numbered choices count once seen; never seen, they are forgotten
                await asyncio.to_thread(self.core.reply_settled, out, delivered)

    # --- polling -----------------------------------------------------------------------------------
    async def prepare_polling(self) -> None:
        """Polling and a webhook exclude each other: remove any webhook, and refuse to poll if one stays."""
        await self.client.delete_webhook()
        info = await self.client.get_webhook_info()
        if info and info.get("url"):
            raise WebhookSetError("a Zalo webhook is still set; polling would receive nothing")

    async def poll_once(self, timeout: int = 30) -> int:
        try:
            updates = await self.client.get_updates(timeout)
        except ZaloError as e:
            if "webhook" in e.description.lower():
                raise WebhookSetError(e.description) from None
            raise
        for update in updates:
            try:
                await self.handle_update(update)
            except Exception:  # noqa: BLE001 - one bad update must not stop the loop
                log.exception("zalo update failed")
        return len(updates)

    async def run_polling(self, stop: asyncio.Event, timeout: int = 30, clock=None) -> None:
        loop = asyncio.get_running_loop()
        backoff = 1.0
        while not stop.is_set():
            started = loop.time()
            try:
                await self.poll_once(timeout)
                backoff = 1.0
            except WebhookSetError:
                raise
            except ZaloError as e:
                log.warning("zalo polling: %s; retrying in %.0fs", e, backoff)
                await self.sleep(backoff)
                backoff = min(backoff * 2, 60.0)
            rest = MIN_POLL_INTERVAL - (loop.time() - started)
            if rest > 0:
                await self.sleep(rest)  # replayed updates come back at once: never a hot loop

    # --- webhook -------------------------------------------------------------------------------------
    def webhook_app(self, path: str, secret: str):
        """A tornado application answering Zalo's POSTs on ``path``: secret checked, 200 at once."""
        return webhook_server([(path, self)], secret)

    def webhook_handler(self, secret: str):
        """The tornado handler class for this bot's webhook."""
        import tornado.web  # only the webhook mode needs the web server

        transport = self

        class Hook(tornado.web.RequestHandler):
            async def post(self) -> None:
                given = self.request.headers.get("X-Bot-Api-Secret-Token", "")
                if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
                    self.set_status(401)
                    return
                body = self.request.body
                if not body.strip():
                    self.set_status(200)  # Zalo's empty probe
                    return
                try:
                    update = json.loads(body)
                except ValueError:
                    self.set_status(400)
                    return
                self.set_status(200)
                self.finish()
                await transport.handle_update(update)

        return Hook


def webhook_server(routes: list[tuple[str, "ZaloTransport"]], secret: str):
    """One tornado application for several bots' webhooks, each on its own path."""
    import tornado.web  # only the webhook mode needs the web server

    return tornado.web.Application(
        [(path if path.startswith("/") else "/" + path, t.webhook_handler(secret)) for path, t in routes]
    )
