"""A channel plug-in: what the composition root knows of each channel (Telegram, Zalo, e-mail, terminal).

A channel declares its name, whether the settings configure it, the secrets to keep out of every
output, what it can carry (``Capabilities``), extra CLI subcommands, and how it starts and stops.
Its sender is wire code only: buttons → numbered choices, dialog rows and quota counting are done by
the core and delivery, which read ``capabilities``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from typing import Any, Protocol

from bot.ports import Capabilities, Clock, Sender


@dataclass
class ChannelContext:
    """What a channel may use while it runs; built once by the composition root."""

    settings: Any        # config.settings.Settings: a channel reads its own fields
    store: Any           # bot.ports.Store
    clock: Clock
    zone: tzinfo
    core: Any = None     # bot.core.CommandCore; None when the channel only sends (`nhacviec remind`)


class Running(Protocol):
    """A started channel: its sender, and how to stop it (drain, close connections)."""

    sender: Sender

    async def stop(self) -> None: ...


class Channel(Protocol):
    name: str
    capabilities: Capabilities

    def configured(self, settings: Any) -> bool:
        """True when the settings turn this channel on (a token, an SMTP URL…)."""

    def secrets(self, settings: Any) -> list[str]:
        """Values that must never appear in any output (tokens, passwords)."""

    def add_commands(self, sub: Any) -> None:
        """Extra `nhacviec` subcommands of this channel (argparse subparsers); most add none."""

    async def start(self, ctx: ChannelContext, *, listen: bool) -> Running:
        """Start sending (and, with ``listen``, receiving: polling or a webhook)."""
