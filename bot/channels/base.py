"""A channel plug-in: what the composition root knows of each channel (Telegram, Zalo, e-mail, terminal).

A channel declares its name, whether the settings configure it, the secrets to keep out of every
output, what it can carry (``Capabilities``), extra CLI subcommands, and how it starts and stops.
Its sender is wire code only: buttons → numbered choices and dialog rows are done by the core and
delivery, which read ``capabilities``; per-channel bookkeeping (quotas, dedupe) goes through the
store's ``ChannelStore`` methods.

Adding a channel: its module(s) and one line in ``bot.channels.registry.CHANNELS``.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any, Awaitable, Callable, Protocol, TextIO

from bot.ports import Capabilities, Clock, Sender


class ChannelError(Exception):
    """A channel cannot start (bad settings, a token refused…): one Vietnamese line for the operator."""


@dataclass
class ChannelContext:
    """What a channel may use while it runs; built once by the composition root."""

    settings: Any  # config.settings.Settings: a channel reads its own fields
    store: Any  # bot.ports.Store
    clock: Clock
    zone: tzinfo
    core: Any = None  # bot.core.CommandCore; None when the channel only sends (`nhacviec remind`)
    # A forced sweep through the given senders (the terminal chat shows today's reminders on demand).
    sweep: Callable[[dict[str, Sender]], Awaitable[Any]] | None = None
    stdin: TextIO | None = None  # the terminal chat's streams (sys.stdin / sys.stdout when None)
    stdout: TextIO | None = None


class Running(Protocol):
    """A started channel: its sender, and how to stop it (drain, close connections)."""

    sender: Sender

    async def wait(self) -> None:
        """Returns when the channel ends by itself (the terminal chat's "thoát", a fatal polling error)."""

    async def stop(self) -> None:
        """Stop receiving, finish what is in flight, close connections. Safe to call twice."""


class Started:
    """A ``Running`` from a sender and the coroutines that end it; ``done`` completes if it ends by itself."""

    def __init__(self, sender: Sender, *closers: Callable[[], Awaitable[Any]], done: asyncio.Future | None = None):
        self.sender = sender
        self._closers = list(closers)
        self._done = done

    async def wait(self) -> None:
        if self._done is None:
            await asyncio.Event().wait()  # runs until stopped
        else:
            await self._done

    async def stop(self) -> None:
        closers, self._closers = self._closers, []
        for close in closers:
            await close()


class Channel(Protocol):
    name: str
    capabilities: Capabilities
    terminal: bool  # the terminal chat: `run` listens on it only when no other channel is configured

    def configured(self, settings: Any) -> bool:
        """True when the settings turn this channel on (a token, an SMTP URL…)."""

    def secrets(self, settings: Any) -> list[str]:
        """Values that must never appear in any output (tokens, passwords)."""

    def add_commands(self, sub: Any) -> None:
        """Extra `nhacviec` subcommands of this channel (argparse subparsers); most add none."""

    async def start(self, ctx: ChannelContext, *, listen: bool) -> Running:
        """Start sending (and, with ``listen``, receiving: polling or a webhook)."""


# Optional on a channel (the composition root looks them up with getattr):
#   status(ctx) -> dict        what `nhacviec status --json` shows under "channels" (no network)
#   invite_hint(ctx) -> str    a line `nhacviec invite` adds (Zalo: the bot with room left), "" for none
