"""Inbound claims kept in memory, for transports built in tests without a store (bot.channels.inbound
keeps them in the database)."""

from __future__ import annotations


class MemoryClaims:
    """``claim``/``release`` hooks over a set of message ids."""

    def __init__(self) -> None:
        self.ids: set[str] = set()

    def claim(self, message_id: str) -> bool:
        if message_id in self.ids:
            return False
        self.ids.add(message_id)
        return True

    def release(self, message_id: str) -> None:
        self.ids.discard(message_id)

    def __contains__(self, message_id: str) -> bool:
        return message_id in self.ids
