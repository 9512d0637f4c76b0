"""Zalo as a channel: the wire sender wrapped with the month's message count and quota (kept through
the store), inbound dedupe through the store, and the poller or webhook server that feeds the core."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any, Callable
from urllib.parse import urlparse

from bot.channels.base import ChannelContext, ChannelError, Started
from bot.channels.inbound import inbound_claims
from bot.domain import texts
from bot.ports import Clock, Outbound, TransportError
from bot.transports.zalo import (
    CAPABILITIES,
    CHANNEL,
    QUOTA_SPAN,
    QUOTA_STRIKES,
    QuotaStreak,
    WebhookSetError,
    ZaloSender,
    ZaloTransport,
    webhook_server,
)
from bot.transports.zalo_client import ZaloClient, ZaloError

log = logging.getLogger(__name__)

WARN_AT = 0.8  # coordinators hear once a month when 80 % of the quota is used


class ZaloQuota:
    """The monthly message count of one Zalo bot (``key``), in the database: warn at 80 %, stop at 100 %."""

    def __init__(self, store, clock: Clock, limit: int, key: str = CHANNEL):
        self.store, self.clock, self.limit, self.key = store, clock, limit, key

    def month(self) -> str:
        return self.clock.now().strftime("%Y-%m")

    def exhausted(self) -> bool:
        """True when this month's quota was declared used up."""
        return self.store.channel_exhausted(channel=self.key, month=self.month())

    def declare_exhausted(self) -> None:
        """Zalo kept refusing with "Quota exceeded" over several minutes: the month is used up."""
        log.warning("zalo bot %s: quota refusals persist, this month's quota is declared used up", self.key)
        month = self.month()
        self.store.mark_channel_exhausted(channel=self.key, month=month)
        # Coordinators hear it once a month, in their digest on whichever channel reaches them.
        self.store.warn_coordinators(kind="quota_warning", key=f"{month}:used-up", slot="hết", now=self.clock.now())

    def count(self, n: int) -> int:
        """Count ``n`` messages sent; warn coordinators when crossing 80 %, declare exhaustion at 100 %."""
        month = self.month()
        total = self.store.count_channel_messages(channel=self.key, month=month, n=n)
        warn = WARN_AT * self.limit
        if total >= warn > total - n:
            self.store.warn_coordinators(
                kind="quota_warning", key=month, slot=f"{total}/{self.limit} ({month})", now=self.clock.now()
            )
        if total >= self.limit:
            self.store.mark_channel_exhausted(channel=self.key, month=month)
        return total


class StoredQuotaStreak(QuotaStreak):
    """The "Quota exceeded" streak kept in the database (``channel_usage``): every process of the bot
    counts into the same streak and a restart does not reset it. Persistent after QUOTA_STRIKES
    refusals in a row spanning QUOTA_SPAN seconds of real time (``wall``: seconds since the epoch); a
    message counted as sent (``ZaloQuota.count``) ends it, whichever process sent it."""

    def __init__(self, quota: "ZaloQuota", wall: Callable[[], float] = time.time):
        super().__init__(wall)
        self.quota, self.wall = quota, wall

    def refused(self) -> bool:
        now = datetime.fromtimestamp(self.wall(), timezone.utc)
        self.strikes, since = self.quota.store.quota_streak_refused(
            channel=self.quota.key, month=self.quota.month(), now=now
        )
        since = since if since.tzinfo else since.replace(tzinfo=timezone.utc)
        return self.strikes >= QUOTA_STRIKES and (now - since).total_seconds() >= QUOTA_SPAN

    def cleared(self) -> None:
        self.strikes = 0  # in the database: the message's count clears it (one write per send, not two)


class CountedSender:
    """The Zalo wire sender, refusing to send once the month's quota is gone and counting what left."""

    capabilities = CAPABILITIES

    def __init__(self, client: ZaloClient, quota: ZaloQuota, *, wall: Callable[[], float] = time.time):
        self.quota = quota
        self._left = 0
        self.wire = ZaloSender(client, on_message=self._one, streak=StoredQuotaStreak(quota, wall))

    def _one(self) -> None:
        self._left += 1

    async def send(self, out: Outbound) -> str:
        if await asyncio.to_thread(self.quota.exhausted):
            raise TransportError("Zalo: monthly quota used up", permanent=True, quota=True)
        try:
            return await self.wire.send(out)
        except TransportError as e:
            if e.quota:  # persistent refusals (one 429 is only retried): fail fast from now on
                await asyncio.to_thread(self.quota.declare_exhausted)
            raise
        finally:
            n, self._left = self._left, 0  # concurrent sends: each message is counted exactly once
            if n:
                await asyncio.to_thread(self.quota.count, n)


@dataclass(frozen=True)
class BotIdentity:
    """Which bot: its position, the name officers find it by, its usage/dedupe key and chat-id prefix."""

    index: int
    name: str
    key: str  # "zalo" for the first bot, "zalo:<bot id>" for the others (usage and dedupe rows)
    prefix: str  # "" for the first bot (its chat ids stay plain), "<bot id>/" for the others


def identities(settings: Any) -> list[tuple[BotIdentity, str]]:
    """Every configured bot with its token, in order (no network: the bot id is the token's first part)."""
    toks = tokens(settings)
    names = bot_names(settings, len(toks))
    out = []
    for i, token in enumerate(toks):
        bot_id = token.partition(":")[0] if ":" in token else str(i + 1)
        out.append(
            (
                BotIdentity(
                    i, names[i], CHANNEL if i == 0 else f"{CHANNEL}:{bot_id}"[:20], "" if i == 0 else f"{bot_id}/"
                ),
                token,
            )
        )
    return out


class ZaloBot:
    """One running Zalo bot: its client and its counted sender."""

    def __init__(self, ident: BotIdentity, client: ZaloClient, quota: ZaloQuota):
        self.ident, self.client = ident, client
        self.sender = CountedSender(client, quota)


class ZaloBots:
    """The Zalo channel's sender over one or more bots: a chat id's prefix names the bot that knows it."""

    capabilities = CAPABILITIES

    def __init__(self, bots: list[ZaloBot]):
        self.bots = bots

    def bot_for(self, chat_id: str) -> tuple[ZaloBot, str]:
        for bot in self.bots[1:]:
            if chat_id.startswith(bot.ident.prefix):
                return bot, chat_id[len(bot.ident.prefix) :]
        return self.bots[0], chat_id

    async def send(self, out: Outbound) -> str:
        bot, raw = self.bot_for(out.chat_id)
        return await bot.sender.send(replace(out, chat_id=raw))

    async def close(self) -> None:
        for bot in self.bots:
            await bot.client.close()


def tokens(settings: Any) -> list[str]:
    """ZALO_BOT_TOKEN first, then ZALO_BOT_TOKENS (comma-separated), each once."""
    given = [settings.zalo_bot_token.get_secret_value()] if settings.zalo_bot_token else []
    if settings.zalo_bot_tokens:
        given += [t.strip() for t in settings.zalo_bot_tokens.get_secret_value().split(",")]
    return list(dict.fromkeys(t for t in given if t))


def bot_names(settings: Any, n: int) -> list[str]:
    names = [x.strip() for x in settings.zalo_bot_names.split(",")] if settings.zalo_bot_names else []
    return [names[i] if i < len(names) and names[i] else texts.ZALO_BOT_DEFAULT_NAME.format(n=i + 1) for i in range(n)]


def make_bots(ctx: ChannelContext, clients: list[ZaloClient] | None = None) -> ZaloBots:
    """The configured bots (``clients``: one per bot, for tests; default: real clients on ZALO_BASE_URL)."""
    s = ctx.settings
    return ZaloBots(
        [
            ZaloBot(
                ident,
                clients[ident.index] if clients else ZaloClient(token, s.zalo_base_url),
                ZaloQuota(ctx.store, ctx.clock, s.zalo_monthly_quota, ident.key),
            )
            for ident, token in identities(s)
        ]
    )


def bots_status(ctx: ChannelContext) -> list[dict]:
    """Users and this month's messages per bot (no network)."""
    s = ctx.settings
    idents = [ident for ident, _ in identities(s)]
    users = ctx.store.chats_by_prefix(channel=CHANNEL, prefixes=[b.prefix for b in idents])
    month = ctx.clock.now().strftime("%Y-%m")
    out = []
    for b in idents:
        sent, exhausted = ctx.store.channel_usage(channel=b.key, month=month)
        out.append(
            {
                "bot": b.name,
                "users": users[b.prefix],
                "user_limit": s.zalo_users_per_bot,
                "messages": sent,
                "quota": s.zalo_monthly_quota,
                "quota_exhausted": exhausted,
            }
        )
    return out


class ZaloChannel:
    name = CHANNEL
    capabilities = CAPABILITIES
    terminal = False

    def configured(self, settings: Any) -> bool:
        return bool(tokens(settings))

    def secrets(self, settings: Any) -> list[str]:
        return tokens(settings) + (
            [settings.zalo_webhook_secret.get_secret_value()] if settings.zalo_webhook_secret else []
        )

    def add_commands(self, sub: Any) -> None:
        return None

    def status(self, ctx: ChannelContext) -> dict:
        """For `nhacviec status`: users and messages per bot."""
        return {"bots": bots_status(ctx)}

    def invite_hint(self, ctx: ChannelContext) -> str:
        """For `nhacviec invite` with several bots: the bot an officer should message (the first with room)."""
        bots = bots_status(ctx)
        if len(bots) < 2:
            return ""
        room = [b for b in bots if b["users"] < b["user_limit"]]
        if not room:
            return texts.ZALO_BOTS_FULL.format(n=len(bots), limit=bots[0]["user_limit"])
        best = room[0]
        return texts.ZALO_BOT_FOR_INVITE.format(bot=best["bot"], free=best["user_limit"] - best["users"])

    async def start(self, ctx: ChannelContext, *, listen: bool, clients: list[ZaloClient] | None = None) -> Started:
        s = ctx.settings
        secret = s.zalo_webhook_secret.get_secret_value() if s.zalo_webhook_secret else ""
        if listen and s.zalo_webhook_url and not 8 <= len(secret) <= 256:
            raise ChannelError(texts.ERR_ZALO_SECRET)
        bots = make_bots(ctx, clients)
        if not listen:
            return Started(bots, bots.close)
        try:
            return await _listen(ctx, bots, secret)
        except BaseException:
            await bots.close()
            raise


async def _listen(ctx: ChannelContext, bots: ZaloBots, secret: str) -> Started:
    s = ctx.settings
    transports = []
    for bot in bots.bots:
        claim, release = inbound_claims(ctx.store, ctx.clock, bot.ident.key)  # by message_id
        transport = ZaloTransport(
            ctx.core, bot.client, claim=claim, release=release, sender=bots, chat_prefix=bot.ident.prefix
        )
        try:
            await transport.start()
        except ZaloError as e:
            raise ChannelError(texts.ERR_ZALO_UNREACHABLE.format(detail=str(e))) from None
        transports.append((bot, transport))
    if s.zalo_webhook_url:
        return await _webhooks(ctx, bots, transports, secret)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    done: asyncio.Future = loop.create_future()
    tasks = []
    for _bot, transport in transports:
        try:
            await transport.prepare_polling()
        except WebhookSetError:
            raise ChannelError(texts.ERR_ZALO_WEBHOOK) from None
        task = loop.create_task(transport.run_polling(stopping, s.zalo_poll_timeout))
        task.add_done_callback(lambda t: _ended(t, done))
        tasks.append(task)
    log.info("zalo polling started (%d bot%s)", len(tasks), "s" if len(tasks) > 1 else "")

    async def stop_polling() -> None:
        stopping.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await bots.close()

    return Started(bots, stop_polling, done=done)


def _ended(task: asyncio.Task, done: asyncio.Future) -> None:
    """A poller ended by itself: the channel ends (a webhook set behind our back says so)."""
    if done.done() or task.cancelled():
        return
    error = task.exception()
    if isinstance(error, WebhookSetError):
        done.set_exception(ChannelError(texts.ERR_ZALO_WEBHOOK))
    elif error is not None:
        done.set_exception(error)
    else:
        done.set_result(None)


async def _webhooks(ctx: ChannelContext, bots: ZaloBots, transports: list, secret: str) -> Started:
    """One local server, a path per bot (the first bot's is ZALO_WEBHOOK_URL's, the others' add /<bot id>);
    it listens before Zalo is told where to deliver."""
    s = ctx.settings
    base = s.zalo_webhook_url.rstrip("/")
    path = urlparse(s.zalo_webhook_url).path or "/"
    routes = [
        (path if bot.ident.index == 0 else f"{path.rstrip('/')}/{bot.ident.prefix.rstrip('/')}", t)
        for bot, t in transports
    ]
    server = webhook_server(routes, secret).listen(s.zalo_webhook_port, address=s.zalo_webhook_listen)
    try:
        for bot, _ in transports:
            url = s.zalo_webhook_url if bot.ident.index == 0 else f"{base}/{bot.ident.prefix.rstrip('/')}"
            await bot.client.set_webhook(url, secret)
    except BaseException:
        server.stop()
        raise
    log.info("zalo webhook listening on %s:%d (%d bot(s))", s.zalo_webhook_listen, s.zalo_webhook_port, len(routes))

    async def stop_server() -> None:
        server.stop()
        await bots.close()

    return Started(bots, stop_server)
