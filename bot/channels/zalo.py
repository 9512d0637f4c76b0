"""Zalo as a channel: the wire sender wrapped with the month's message count and quota (kept through
the store), inbound dedupe through the store, and the poller or webhook server that feeds the core."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

from bot.channels.base import ChannelContext, ChannelError, Started
from bot.domain import texts
from bot.ports import Clock, Outbound, TransportError
from bot.transports.zalo import CAPABILITIES, CHANNEL, WebhookSetError, ZaloSender, ZaloTransport
from bot.transports.zalo_client import ZaloClient, ZaloError

log = logging.getLogger(__name__)

WARN_AT = 0.8          # coordinators hear once a month when 80 % of the quota is used


class ZaloQuota:
    """The monthly message count of one Zalo bot (``key``), in the database: warn at 80 %, stop at 100 %."""

    def __init__(self, store, clock: Clock, limit: int, key: str = CHANNEL):
        self.store, self.clock, self.limit, self.key = store, clock, limit, key

    def month(self) -> str:
        return self.clock.now().strftime("%Y-%m")

    def exhausted(self) -> bool:
        """True when this month's quota was declared used up."""
        return self.store.channel_exhausted(channel=self.key, month=self.month())

    def count(self, n: int) -> int:
        """Count ``n`` messages sent; warn coordinators when crossing 80 %, declare exhaustion at 100 %."""
        month = self.month()
        total = self.store.count_channel_messages(channel=self.key, month=month, n=n)
        warn = WARN_AT * self.limit
        if total >= warn > total - n:
            self.store.warn_coordinators(kind="quota_warning", key=month, slot=f"{total}/{self.limit} ({month})",
                                         now=self.clock.now())
        if total >= self.limit:
            self.store.mark_channel_exhausted(channel=self.key, month=month)
        return total


class CountedSender:
    """The Zalo wire sender, refusing to send once the month's quota is gone and counting what left."""

    capabilities = CAPABILITIES

    def __init__(self, client: ZaloClient, quota: ZaloQuota):
        self.quota = quota
        self._left = 0
        self.wire = ZaloSender(client, on_message=self._one)

    def _one(self) -> None:
        self._left += 1

    async def send(self, out: Outbound) -> str:
        if await asyncio.to_thread(self.quota.exhausted):
            raise TransportError("Zalo: monthly quota used up", permanent=True, quota=True)
        try:
            return await self.wire.send(out)
        finally:
            n, self._left = self._left, 0   # concurrent sends: each message is counted exactly once
            if n:
                await asyncio.to_thread(self.quota.count, n)


class ZaloChannel:
    name = CHANNEL
    capabilities = CAPABILITIES
    terminal = False

    def configured(self, settings: Any) -> bool:
        return settings.zalo_bot_token is not None

    def secrets(self, settings: Any) -> list[str]:
        return [s.get_secret_value() for s in (settings.zalo_bot_token, settings.zalo_webhook_secret) if s]

    def add_commands(self, sub: Any) -> None:
        return None

    async def start(self, ctx: ChannelContext, *, listen: bool) -> Started:
        s = ctx.settings
        secret = s.zalo_webhook_secret.get_secret_value() if s.zalo_webhook_secret else ""
        if listen and s.zalo_webhook_url and not 8 <= len(secret) <= 256:
            raise ChannelError(texts.ERR_ZALO_SECRET)
        client = ZaloClient(s.zalo_bot_token.get_secret_value(), s.zalo_base_url)
        sender = CountedSender(client, ZaloQuota(ctx.store, ctx.clock, s.zalo_monthly_quota))
        if not listen:
            return Started(sender, client.close)
        try:
            return await _listen(ctx, client, sender, secret)
        except BaseException:
            await client.close()
            raise


def seen_hooks(store, clock: Clock, key: str = CHANNEL):
    """(seen, mark) for the transport: inbound dedupe by message_id through the store."""

    def seen(message_id: str) -> bool:
        return store.inbound_seen(channel=key, message_id=message_id)

    def mark(message_id: str) -> None:
        store.mark_inbound_seen(channel=key, message_id=message_id, now=_now(clock))

    return seen, mark


def _now(clock: Clock) -> datetime:
    return clock.now()


async def _listen(ctx: ChannelContext, client: ZaloClient, sender: CountedSender, secret: str) -> Started:
    s = ctx.settings
    seen, mark = seen_hooks(ctx.store, ctx.clock)
    transport = ZaloTransport(ctx.core, client, seen=seen, mark=mark, sender=sender)
    try:
        await transport.start()
    except ZaloError as e:
        raise ChannelError(texts.ERR_ZALO_UNREACHABLE.format(detail=str(e))) from None
    if s.zalo_webhook_url:
        app = transport.webhook_app(urlparse(s.zalo_webhook_url).path or "/", secret)
        server = app.listen(s.zalo_webhook_port, address=s.zalo_webhook_listen)   # listen first, then tell Zalo
        await client.set_webhook(s.zalo_webhook_url, secret)
        log.info("zalo webhook listening on %s:%d", s.zalo_webhook_listen, s.zalo_webhook_port)

        async def stop_server() -> None:
            server.stop()
            await client.close()

        return Started(sender, stop_server)
    try:
        await transport.prepare_polling()
    except WebhookSetError:
        raise ChannelError(texts.ERR_ZALO_WEBHOOK) from None
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    task = loop.create_task(transport.run_polling(stopping, s.zalo_poll_timeout))
    done: asyncio.Future = loop.create_future()

    def finished(t: asyncio.Task) -> None:
        if done.done():
            return
        if t.cancelled():
            done.set_result(None)
        elif isinstance(t.exception(), WebhookSetError):
            done.set_exception(ChannelError(texts.ERR_ZALO_WEBHOOK))
        elif t.exception() is not None:
            done.set_exception(t.exception())
        else:
            done.set_result(None)

    task.add_done_callback(finished)
    log.info("zalo polling started")

    async def stop_polling() -> None:
        stopping.set()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await client.close()

    return Started(sender, stop_polling, done=done)
