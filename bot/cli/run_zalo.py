"""Starting the Zalo channel inside the running event loop (beside Telegram, or alone)."""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlparse

from sqlmodel import Session

from bot.cli.plan_cmds import CliError
from bot.core import CommandCore
from bot.domain import texts
from bot.domain.audience import recipients
from bot.domain.claims import Planned, claims_for
from bot.domain.reminder_kinds import ReminderKind
from storage import registry
from storage.claims import insert_claims
from storage.deliveries import chats

log = logging.getLogger(__name__)


class ZaloRunner:
    """Owns the Zalo client, its polling task or webhook server, and the sender for reminders."""

    def __init__(self, app, core: CommandCore):
        from bot.transports.zalo import CHANNEL, ZaloSender, ZaloTransport
        from bot.transports.zalo_client import ZaloClient

        s = app.settings
        self.settings = s
        self.secret = s.zalo_webhook_secret.get_secret_value() if s.zalo_webhook_secret else ""
        if s.zalo_webhook_url and not 8 <= len(self.secret) <= 256:
            raise CliError(texts.ERR_ZALO_SECRET)
        self.client = ZaloClient(s.zalo_bot_token.get_secret_value(), s.zalo_base_url)
        engine = app.engine

        def seen(message_id: str) -> bool:
            with Session(engine) as session:
                return registry.seen(session, channel=CHANNEL, message_id=message_id)

        def mark(message_id: str) -> None:
            with Session(engine) as session:
                registry.mark_seen(session, channel=CHANNEL, message_id=message_id, now=app.clock.now())
                session.commit()

        self.transport = ZaloTransport(core, self.client, seen=seen, mark=mark)
        self.sender = ZaloSender(self.client, core, on_sent=lambda n: count_sent(engine, app.clock, s, n),
                                 exhausted=lambda: quota_exhausted(engine, app.clock))
        self.stop = asyncio.Event()
        self.task: asyncio.Task | None = None
        self.server = None

    async def start(self) -> None:
        s = self.settings
        await self.transport.start()
        if s.zalo_webhook_url:
            await self.client.set_webhook(s.zalo_webhook_url, self.secret)
            app = self.transport.webhook_app(urlparse(s.zalo_webhook_url).path or "/", self.secret)
            self.server = app.listen(s.zalo_webhook_port, address=s.zalo_webhook_listen)
            log.info("zalo webhook listening on %s:%d", s.zalo_webhook_listen, s.zalo_webhook_port)
        else:
            from bot.transports.zalo import WebhookSetError

            try:
                await self.transport.prepare_polling()
            except WebhookSetError:
                raise CliError(texts.ERR_ZALO_WEBHOOK) from None
            self.task = asyncio.get_running_loop().create_task(
                self.transport.run_polling(self.stop, s.zalo_poll_timeout))
            log.info("zalo polling started")

    async def close(self) -> None:
        self.stop.set()
        if self.task is not None:
            self.task.cancel()
        if self.server is not None:
            self.server.stop()
        await self.client.close()


def _month(clock) -> str:
    return clock.now().strftime("%Y-%m")


def quota_exhausted(engine, clock) -> bool:
    from bot.transports.zalo import CHANNEL

    with Session(engine) as session:
        row = registry.usage(session, channel=CHANNEL, month=_month(clock))
        return bool(row and row.exhausted)


def count_sent(engine, clock, settings, n: int) -> None:
    """Count Zalo messages; at 80% of the monthly quota the coordinators are warned (once a month)."""
    from bot.transports.zalo import CHANNEL

    month = _month(clock)
    with Session(engine) as session:
        total = registry.add_usage(session, channel=CHANNEL, month=month, n=n)
        limit = settings.zalo_monthly_quota
        if total >= 0.8 * limit and total - n < 0.8 * limit:
            now = clock.now()
            warning = Planned(None, None, ReminderKind.QUOTA_WARNING, f"{total}/{limit} ({month})", None, now.date())
            # once a month: the 80% mark is crossed once
            insert_claims(session, claims=claims_for([warning], recipients(chats(session))), now=now)
        if total >= limit:
            registry.mark_exhausted(session, channel=CHANNEL, month=month)
        session.commit()
