"""Every channel the program knows, one line each; the order is the order they start in.
A new channel: its module(s) and one line here."""

from __future__ import annotations

from bot.channels.base import Channel
from bot.channels.console import ConsoleChannel
from bot.channels.email import EmailChannel
from bot.channels.telegram import TelegramChannel
from bot.channels.zalo import ZaloChannel

CHANNELS: list[Channel] = [
    TelegramChannel(),
    ZaloChannel(),
    EmailChannel(),
    ConsoleChannel(),
]


def configured(settings) -> list[Channel]:
    """The channels the settings turn on."""
    return [c for c in CHANNELS if c.configured(settings)]


def secrets(settings) -> list[str]:
    """Every configured channel's secrets, for the logging redactor."""
    return [s for c in configured(settings) for s in c.secrets(settings) if s]


def names() -> list[str]:
    return [c.name for c in CHANNELS]
