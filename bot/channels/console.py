"""The terminal chat as a channel: `nhacviec run` without any chat channel configured talks here
(pick who you are, then type commands); `nhacviec remind` prints what console chats would receive."""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from typing import Any

from bot.channels.base import ChannelContext, Started
from bot.domain.texts import console as console_texts
from bot.transports.console import CAPABILITIES, CHANNEL, ConsoleSender, ConsoleTransport, Identity, PrintSender


class ConsoleChannel:
    name = CHANNEL
    capabilities = CAPABILITIES
    terminal = True

    def configured(self, settings: Any) -> bool:
        return True  # always there: `remind` prints to it, `run` falls back to it

    def secrets(self, settings: Any) -> list[str]:
        return []

    def add_commands(self, sub: Any) -> None:
        return None

    async def start(self, ctx: ChannelContext, *, listen: bool) -> Started:
        if not listen:
            return Started(PrintSender(ctx.stdout))
        if ctx.settings.log_level != "DEBUG":
            logging.getLogger().setLevel(logging.WARNING)  # the terminal is the chat: keep it readable
        stdin, stdout = ctx.stdin or sys.stdin, ctx.stdout or sys.stdout
        identities = await asyncio.to_thread(_identities, ctx)
        sender = ConsoleSender(stdout, {i.chat_id: i.label for i in identities})
        loop = asyncio.get_running_loop()

        def link(identity: Identity) -> None:
            role, _, key = identity.chat_id.partition("-")
            ctx.store.link_console_chat(
                channel=CHANNEL,
                chat_id=identity.chat_id,
                agency_key=key,
                role=role,
                display_name=identity.label,
                now=ctx.clock.now(),
            )

        def reminders(_identity: Identity) -> None:  # called in the chat's thread: the sweep runs on the loop
            if ctx.sweep is not None:
                asyncio.run_coroutine_threadsafe(ctx.sweep({CHANNEL: sender}), loop).result()  # type: ignore[arg-type]

        transport = ConsoleTransport(ctx.core, identities, link, stdin, stdout, on_pick=reminders)
        done: asyncio.Future = loop.create_future()

        def chat() -> None:
            try:
                transport.run()
            except BaseException as e:  # noqa: BLE001 - handed to the loop, which re-raises it
                loop.call_soon_threadsafe(_settle, done, e)
            else:
                loop.call_soon_threadsafe(_settle, done, None)

        async def farewell() -> None:  # stopped from outside (Ctrl-C, SIGTERM): one polite line
            if not done.done() or done.cancelled():  # (waiting on it was cancelled: the chat still runs)
                transport.stopped()

        # A daemon thread: Ctrl-C ends the program even while it waits for a line.
        threading.Thread(target=chat, name="terminal-chat", daemon=True).start()
        return Started(sender, farewell, done=done)


def _settle(done: asyncio.Future, error: BaseException | None) -> None:
    if done.done():
        return
    if error is None:
        done.set_result(None)
    else:
        done.set_exception(error)


def _identities(ctx: ChannelContext) -> list[Identity]:
    rows = ctx.store.open_work_by_agency(plan_slug=getattr(ctx.core.config, "plan_slug", None))
    office = next((a for a in rows if a.kind == "province_office"), None)
    out = []
    if office is not None:
        out.append(
            Identity(
                console_texts.COORDINATOR_LABEL.format(agency=office.name),
                f"coordinator-{office.key}",
                console_texts.COORDINATOR_SENDER,
            )
        )
    out += [
        Identity(
            console_texts.OFFICER_LABEL.format(agency=a.name, n=a.open),
            f"officer-{a.key}",
            console_texts.OFFICER_SENDER,
        )
        for a in rows
        if a.open
    ]
    return out
