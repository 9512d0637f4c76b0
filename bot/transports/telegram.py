"""Telegram: python-telegram-bot's Application around the command core.

Updates become ``Inbound``s, the core's ``Outbound``s become HTML messages (every text escaped,
long ones split at line ends) with inline buttons. Permanent delivery failures (blocked, chat
not found) are reported through ``on_permanent_failure`` so the recipient can be disabled.
"""

from __future__ import annotations

import asyncio
import html
import inspect
import logging
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Awaitable, Callable
from urllib.parse import urlparse

import httpx
from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot.core import CommandCore
from bot.domain.commands import MENU, MENU_WORD
from bot.domain.texts import chat as chat_texts
from bot.ports import Capabilities, ClaimHook, Inbound, Outbound, ReleaseHook, TransportError
from bot.transports.replies import let_go, send_reply
from bot.transports.splitting import split_text, utf16_len
from bot.transports.telegram_files import inbound_file

log = logging.getLogger(__name__)

CHANNEL = "telegram"
MESSAGE_LIMIT = 4096
DEFAULT_BASE_URL = "https://api.telegram.org/bot"
PERMANENT_BAD_REQUESTS = (
    "chat not found",
    "user is deactivated",
    "bot was kicked",
    "have no rights to send",
    "group chat was upgraded",
    "not enough rights",
    "peer_id_invalid",
)

CAPABILITIES = Capabilities(buttons=True, files=True, max_length=MESSAGE_LIMIT)

FailureHook = Callable[[str, str, str], Awaitable[None] | None]
MovedHook = Callable[[str, str], Awaitable[object] | object]  # (old chat id, new chat id)


UPDATES = ["message", "edited_message", "callback_query"]

# Telegram's server can take seconds to answer a send: PTB's 5 s read timeout made slow-but-delivered
# messages look failed (and sent again). A send's read/write timeout is 20 s; connecting stays short.
SEND_READ_TIMEOUT = 20.0
SEND_WRITE_TIMEOUT = 20.0
SEND_CONNECT_TIMEOUT = 5.0
POOL_SIZE = 256

# After these the request had left: the message may have arrived (retried at most once).
_AMBIGUOUS_CAUSES = (httpx.ReadTimeout, httpx.WriteTimeout, httpx.ReadError, httpx.RemoteProtocolError)


def send_request(**httpx_kwargs: Any) -> HTTPXRequest:
    """The HTTP settings for sending (a read timeout that fits Telegram's slow answers)."""
    return HTTPXRequest(
        connection_pool_size=POOL_SIZE,
        read_timeout=SEND_READ_TIMEOUT,
        write_timeout=SEND_WRITE_TIMEOUT,
        connect_timeout=SEND_CONNECT_TIMEOUT,
        httpx_kwargs=httpx_kwargs or None,
    )


def is_ambiguous(error: BaseException) -> bool:
    """True when the request may have reached Telegram: a read/write timeout or a connection dropped after
    sending; never for a refused connection or a full pool (nothing left then)."""
    if not isinstance(error, NetworkError):
        return False
    return isinstance(error.__cause__, _AMBIGUOUS_CAUSES)


def webhook_options(url: str, secret: str, listen: str, port: int) -> dict:
    """Arguments for Application.run_webhook / Updater.start_webhook: Telegram must send ``secret``."""
    if not secret:
        raise ValueError("webhook mode needs a secret token")
    return {
        "listen": listen,
        "port": port,
        "url_path": urlparse(url).path.lstrip("/"),
        "webhook_url": url,
        "secret_token": secret,
        "allowed_updates": UPDATES,
    }


def is_permanent(error: TelegramError) -> bool:
    if isinstance(error, Forbidden):
        return True
    return isinstance(error, BadRequest) and any(p in error.message.lower() for p in PERMANENT_BAD_REQUESTS)


def render(out: Outbound) -> list[tuple[str, InlineKeyboardMarkup | None]]:
    """HTML chunks ready to send; the buttons go on the last chunk."""
    head = f"<b>{html.escape(out.title, quote=False)}</b>\n" if out.title else ""
    budget = MESSAGE_LIMIT - utf16_len(head)
    raw = split_text(out.text, budget, lambda s: utf16_len(html.escape(s, quote=False)))
    chunks = [head + html.escape(raw[0], quote=False)] + [html.escape(c, quote=False) for c in raw[1:]]
    markup = None
    if out.buttons:
        markup = InlineKeyboardMarkup(
            [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in out.buttons]
        )
    return [(c, markup if i == len(chunks) - 1 else None) for i, c in enumerate(chunks)]


async def _call(hook, *args):
    result = hook(*args)
    if inspect.isawaitable(result):
        await result


class TelegramSender:
    """Sends one Outbound (split and escaped) and maps Telegram's failures to TransportError.

    A group upgraded to a supergroup answers ``ChatMigrated``: ``on_moved(old, new)`` is told (the
    channel moves the recipient) and the message is sent once more to the new chat."""

    capabilities = CAPABILITIES

    def __init__(self, bot, *, on_moved: MovedHook | None = None):
        self.bot = bot
        self.on_moved = on_moved

    async def send(self, out: Outbound) -> str:
        try:
            return await self._send(out)
        except ChatMigrated as e:
            new_id = str(e.new_chat_id)
            log.info("chat %s became %s (a supergroup): moving it", out.chat_id, new_id)
            if self.on_moved is not None:
                await _call(self.on_moved, out.chat_id, new_id)
            try:
                return await self._send(replace(out, chat_id=new_id))
            except ChatMigrated as again:
                raise TransportError(again.message, permanent=True, recipient_gone=True) from None

    async def _send(self, out: Outbound) -> str:
        ref = ""
        went_out = False  # a part already reached the chat: a failure now leaves the message half-sent
        try:
            if out.text or out.title:
                for text, markup in render(out):
                    msg = await self.bot.send_message(
                        chat_id=int(out.chat_id),
                        text=text,
                        parse_mode=ParseMode.HTML,
                        reply_markup=markup,
                        disable_web_page_preview=True,
                    )
                    ref = str(getattr(msg, "message_id", ""))
                    went_out = True
            if out.attachment is not None:
                a = out.attachment
                if a.kind == "photo":
                    msg = await self.bot.send_photo(chat_id=int(out.chat_id), photo=a.data, caption=a.caption[:1024])
                else:
                    msg = await self.bot.send_document(
                        chat_id=int(out.chat_id), document=a.data, filename=a.filename, caption=a.caption[:1024]
                    )
                ref = str(getattr(msg, "message_id", ""))
        except ChatMigrated:
            raise
        except RetryAfter as e:
            raise TransportError(
                f"Telegram 429: {e}", permanent=False, retry_after=_seconds(e), ambiguous=went_out
            ) from None
        except TelegramError as e:
            unsure = went_out or is_ambiguous(e)
            if is_permanent(e):
                raise TransportError(e.message, permanent=True, recipient_gone=True, ambiguous=unsure) from None
            if isinstance(e, BadRequest):  # the message itself was refused
                raise TransportError(e.message, permanent=True, ambiguous=unsure) from None
            raise TransportError(e.message, permanent=False, ambiguous=unsure) from None  # timeouts, network, 5xx
        return ref


class StartFailed(Exception):
    """Telegram refused the token or could not be reached at start-up (the token is never in ``detail``)."""

    def __init__(self, *, token_refused: bool, detail: str = ""):
        super().__init__(detail or "token refused")
        self.token_refused, self.detail = token_refused, detail


async def _guarded(starting: Awaitable[Any]) -> None:
    """getMe at start-up: failures become StartFailed, never a traceback carrying the token in its URL."""
    try:
        await starting
    except InvalidToken:
        raise StartFailed(token_refused=True) from None
    except TelegramError as e:
        raise StartFailed(token_refused=False, detail=type(e).__name__) from None


async def open_sender(
    token: str, base_url: str = DEFAULT_BASE_URL, *, on_moved: MovedHook | None = None
) -> tuple["TelegramSender", Callable[[], Awaitable[None]]]:
    """A TelegramSender on a Bot of its own (send-only), and how to close it."""
    bot = Bot(token, base_url=base_url, request=send_request())
    await _guarded(bot.initialize())
    return TelegramSender(bot, on_moved=on_moved), bot.shutdown


@asynccontextmanager
async def telegram_sender(
    token: str,
    base_url: str = DEFAULT_BASE_URL,
    request: BaseRequest | None = None,
    *,
    on_moved: MovedHook | None = None,
):
    """A TelegramSender on its own Bot, for sending outside the Application (the `remind` command)."""
    async with Bot(token, base_url=base_url, request=request or send_request()) as bot:
        yield TelegramSender(bot, on_moved=on_moved)


def _seconds(e: RetryAfter) -> float:
    value = getattr(e, "_retry_after", None)
    if value is None:
        value = e.retry_after
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)


CONCURRENT_UPDATES = 16  # chats served at once (each update's core call takes a worker thread)


class PerChatUpdates(BaseUpdateProcessor):
    """Updates of different chats run concurrently (a slow /baocao never holds up another chat's /help);
    one chat's updates run one after another, in the order they came."""

    def __init__(self, max_concurrent_updates: int = CONCURRENT_UPDATES):
        super().__init__(max_concurrent_updates)
        self._chats: dict[int, asyncio.Lock] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat.id if isinstance(update, Update) and update.effective_chat else 0
        async with self._chats.setdefault(chat, asyncio.Lock()):
            await coroutine

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        self._chats.clear()


class TelegramTransport:
    """Updates in, replies out. The synchronous command core runs in a worker thread, so a slow
    command (a chart, a workbook) never stalls the other chats, Zalo or the scheduler."""

    def __init__(
        self,
        core: CommandCore,
        *,
        on_permanent_failure: FailureHook | None = None,
        on_start: Callable[[], list[str]] | None = None,
        after_start: Callable[[Application], Awaitable[None]] | None = None,
        on_moved: MovedHook | None = None,
        claim: ClaimHook | None = None,
        release: ReleaseHook | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        evidence_dir: str | Path | None = None,
    ):
        self.core = core
        self.evidence_dir = evidence_dir  # where evidence files are stored (None: only their ids are kept)
        self.claim, self.release = claim, release  # inbound dedupe by update_id (bot.channels.inbound)
        self.sleep = sleep  # waits between reply retries (real time)
        self.on_permanent_failure = on_permanent_failure
        self.on_start = on_start
        self.after_start = after_start
        self.on_moved = on_moved
        self.application: Application | None = None

    def build(
        self,
        token: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        request: BaseRequest | None = None,
        get_updates_request: BaseRequest | None = None,
    ) -> Application:
        builder: ApplicationBuilder = Application.builder().token(token).base_url(base_url)
        if base_url.endswith("/bot"):  # a local Bot API server serves files beside its methods
            builder = builder.base_file_url(base_url[: -len("bot")] + "file/bot")
        builder = builder.request(request if request is not None else send_request())
        if get_updates_request is not None:
            builder = builder.get_updates_request(get_updates_request)
        builder = builder.concurrent_updates(PerChatUpdates()).job_queue(None)  # our scheduler: APScheduler, once
        app = builder.post_init(self.ready).build()
        app.add_handler(MessageHandler(filters.UpdateType.MESSAGES, self._on_message))
        app.add_handler(CallbackQueryHandler(self._on_button))
        app.add_error_handler(self._on_error)
        self.application = app
        return app

    async def start(self, app: Application, *, webhook: dict | None = None) -> None:
        """PTB's manual lifecycle: initialize, announce ourselves, receive (long polling, or the webhook
        given as ``webhook_options(...)``), then start processing updates."""
        await _guarded(app.initialize())
        await self.ready(app)
        if webhook:
            await app.updater.start_webhook(**webhook)
        else:
            await app.updater.start_polling(allowed_updates=UPDATES)
        await app.start()

    @staticmethod
    async def stop(app: Application) -> None:
        """No new updates; the handlers in flight finish; connections close."""
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()

    async def ready(self, app: Application) -> None:
        """After ``initialize()``: learn our username, publish the command menu, start what waits on us."""
        me = app.bot.username
        self.core.config = replace(self.core.config, bot_username=me or "")
        commands = [BotCommand(MENU_WORD[name], chat_texts.MENU[name]) for name in MENU]
        await app.bot.set_my_commands(commands)
        if self.on_start:
            missing = await asyncio.to_thread(self.on_start)
            if missing:
                log.info("%d agencies have no registered officer yet: %s", len(missing), ", ".join(missing))
        if self.after_start:
            await self.after_start(app)

    async def _on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        chat = update.effective_chat
        if msg is None or chat is None or update.channel_post or update.edited_channel_post:
            return
        user = update.effective_user
        inbound = Inbound(
            channel=CHANNEL,
            chat_id=str(chat.id),
            text=msg.text or msg.caption or "",
            sender=user.full_name if user else (chat.title or ""),
            group=chat.type in ("group", "supergroup"),
            edited=update.edited_message is not None,
            file=inbound_file(msg, context.bot, self.evidence_dir),
        )
        await self._act(update, context.bot, inbound)

    async def _on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        chat = update.effective_chat
        try:
            await query.answer()
        except TelegramError as e:  # only the button's spinner: the press itself is still handled
            log.info("could not answer a button press: %s", e)
        if chat is None:
            return
        inbound = Inbound(
            channel=CHANNEL,
            chat_id=str(chat.id),
            callback=query.data or "",
            sender=query.from_user.full_name if query.from_user else "",
            group=chat.type in ("group", "supergroup"),
        )
        await self._act(update, context.bot, inbound)

    async def _act(self, update: Update, bot, inbound: Inbound) -> None:
        """Claim the update_id, run the core, deliver its replies: a replay — or the same update reaching
        another process — is claimed already and ignored. A failure of the core lets the claim go and
        reaches the error handler (the user is told it did not happen); a failed reply never does: the
        action was recorded, the reply is retried and at worst logged."""
        key = str(update.update_id)
        if self.claim is not None and not await asyncio.to_thread(self.claim, key):
            log.info("update %s already handled: ignored", key)
            return
        try:
            outs = await asyncio.to_thread(self.core.handle, inbound)
        except Exception:
            await let_go(self.release, key)
            raise
        await self.deliver(bot, outs)

    async def deliver(self, bot, outs: list[Outbound]) -> None:
        """Send the replies in order, each retried on transient failures; a gone chat is disabled."""
        sender = TelegramSender(bot, on_moved=self.on_moved)
        for out in outs:
            delivered = await send_reply(sender.send, out, sleep=self.sleep, on_gone=self._gone)
            if out.choices:  # numbered choices (a chat without buttons) count once seen
                await asyncio.to_thread(self.core.reply_settled, out, delivered)

    async def _gone(self, out: Outbound, e: TransportError) -> None:
        log.warning("chat %s unreachable (%s): disabling it", out.chat_id, e)
        if self.on_permanent_failure:
            await _call(self.on_permanent_failure, CHANNEL, out.chat_id, str(e))

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("error while handling an update", exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat is not None:
            try:
                await context.bot.send_message(chat_id=update.effective_chat.id, text=chat_texts.APOLOGY)
            except TelegramError:
                log.warning("could not send the apology either")
