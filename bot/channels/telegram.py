"""Telegram as a channel: python-telegram-bot's Application with a manual lifecycle (polling or a
webhook), or a bare Bot when `nhacviec remind` only sends."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from bot.channels.inbound import inbound_claims
from bot.channels.base import ChannelContext, ChannelError, Started
from bot.domain import texts
from bot.transports.telegram import (
    CAPABILITIES,
    CHANNEL,
    StartFailed,
    TelegramSender,
    TelegramTransport,
    open_sender,
    webhook_options,
)

log = logging.getLogger(__name__)


class TelegramChannel:
    name = CHANNEL
    capabilities = CAPABILITIES
    terminal = False

    def configured(self, settings: Any) -> bool:
        return settings.telegram_bot_token is not None

    def secrets(self, settings: Any) -> list[str]:
        return [s.get_secret_value() for s in (settings.telegram_bot_token, settings.telegram_webhook_secret) if s]

    def add_commands(self, sub: Any) -> None:
        return None

    async def start(self, ctx: ChannelContext, *, listen: bool) -> Started:
        try:
            return await self._start(ctx, listen=listen)
        except StartFailed as e:
            if e.token_refused:
                raise ChannelError(texts.ERR_TELEGRAM_TOKEN) from None
            raise ChannelError(texts.ERR_TELEGRAM_UNREACHABLE.format(detail=e.detail)) from None

    async def _start(self, ctx: ChannelContext, *, listen: bool) -> Started:
        s = ctx.settings
        token = s.telegram_bot_token.get_secret_value()
        moved = chat_moved(ctx.store)
        if not listen:
            sender, close = await open_sender(token, s.telegram_base_url, on_moved=moved)
            return Started(sender, close)

        secret = s.telegram_webhook_secret.get_secret_value() if s.telegram_webhook_secret else ""
        if s.telegram_webhook_url and len(secret) < 8:
            raise ChannelError(texts.ERR_WEBHOOK_SECRET)

        async def disable(channel: str, chat_id: str, reason: str) -> None:
            await asyncio.to_thread(ctx.store.disable_chat, channel=channel, chat_id=chat_id, reason=reason)

        claim, release = inbound_claims(ctx.store, ctx.clock, CHANNEL)  # by update_id
        transport = TelegramTransport(
            ctx.core,
            on_permanent_failure=disable,
            on_moved=moved,
            on_start=ctx.store.agencies_without_officer,
            claim=claim,
            release=release,
            evidence_dir=s.evidence_dir if s.evidence_store_files else None,
        )
        application = transport.build(token, base_url=s.telegram_base_url)
        webhook = (
            webhook_options(s.telegram_webhook_url, secret, s.telegram_webhook_listen, s.telegram_webhook_port)
            if s.telegram_webhook_url
            else None
        )
        try:
            await transport.start(application, webhook=webhook)
        except BaseException:
            await transport.stop(application)
            raise
        log.info("telegram %s started", "webhook" if webhook else "polling")
        return Started(TelegramSender(application.bot, on_moved=moved), lambda: transport.stop(application))


def chat_moved(store):
    """The hook a TelegramSender calls when a group became a supergroup: its recipient follows the new id."""

    async def moved(old: str, new: str) -> None:
        await asyncio.to_thread(store.move_chat, channel=CHANNEL, old_chat_id=old, new_chat_id=new)

    return moved
