"""One sender across processes: the sender lease (a row in the database, SQLite and PostgreSQL alike).

A deliverer takes the lease before sending, renews it every ``renew_every`` seconds while it delivers
(the rows it is sending are renewed with it) and lets it go at the end. A second process either waits
for it (``wait`` seconds) or gives up the delivery at once, saying who holds it. When the holder dies,
its lease expires after ``seconds`` (≤ 60) and the next deliverer takes it over, with the rows the dead
one was sending. Every time here is real (wall-clock) time.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Awaitable, Callable

from bot.ports import Clock, SweepStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LeaseConfig:
    seconds: float = 45.0  # a dead holder's lease (and its rows) is taken over after this long
    renew_every: float = 15.0  # while delivering; also how often standby processes look (takeover < 1 min)
    wait: float = 0.0  # how long a second process waits for the lease (0: it gives up at once)

    def __post_init__(self):
        if not 0 < self.renew_every < self.seconds:
            raise ValueError("renew_every must be positive and shorter than the lease")


def new_holder() -> str:
    """A name for this deliverer, unique across processes and machines (host:pid:random)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Leadership:
    """``if await lead.acquire(): async with lead: ...`` — holds the sender lease while delivering and
    renews it in the background; ``held`` turns False if another process took it (we were stalled
    beyond the lease), and delivery then stops before its next send."""

    def __init__(
        self,
        store: SweepStore,
        holder: str,
        wall: Clock,
        config: LeaseConfig = LeaseConfig(),
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ):
        self.store, self.holder, self.wall, self.config, self.sleep = store, holder, wall, config, sleep
        self.held = False
        self.expires: datetime | None = None  # the lease's expiry as last taken or renewed
        self._task: asyncio.Task | None = None

    def until(self) -> datetime:
        """When a lease taken or renewed now expires."""
        return self.wall.now() + timedelta(seconds=self.config.seconds)

    def try_acquire(self) -> bool:
        until = self.until()
        self.held = self.store.acquire_sender_lease(holder=self.holder, now=self.wall.now(), until=until)
        self.expires = until if self.held else None
        return self.held

    async def acquire(self) -> bool:
        """Take the lease, waiting up to ``config.wait`` seconds (polled every ``renew_every``)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.config.wait
        while not self.try_acquire():
            left = deadline - loop.time()
            if left <= 0:
                return False
            await self.sleep(min(self.config.renew_every, left))
        return True

    def renew(self) -> bool:
        """Extend the lease (and the rows being sent); False when it was lost."""
        if self.held:
            until = self.until()
            self.held = self.store.renew_sender_lease(holder=self.holder, until=until)
            self.expires = until if self.held else None
            if not self.held:
                log.warning("sender lease lost by %s: another process delivers now", self.holder)
        return self.held

    def holder_now(self) -> tuple[str, datetime] | None:
        return self.store.sender_lease_holder(now=self.wall.now())

    async def _beat(self) -> None:
        while self.held:
            await self.sleep(self.config.renew_every)
            try:
                self.renew()
            except Exception:  # noqa: BLE001 - a database hiccup: try again at the next beat
                log.exception("renewing the sender lease failed")

    async def __aenter__(self) -> "Leadership":
        self._task = asyncio.create_task(self._beat())
        return self

    async def __aexit__(self, *exc) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        if self.held:
            self.store.release_sender_lease(holder=self.holder)
            self.held = False
