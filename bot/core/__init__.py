"""The transport-neutral command core: ``CommandCore.handle(inbound) -> list[Outbound]``."""

from bot.core.core import CommandCore, CoreConfig

__all__ = ["CommandCore", "CoreConfig"]
