"""A send-rate limiter: a global ceiling and a minimum interval per chat, with an injectable clock.

Every send goes through ``async with limiter.slot(chat):`` instead of sleeps scattered in loops. A slot
is counted from when its send *finished*, which is never before the request reached the server: so no
second, as the server counts it, ever holds more than the ceiling, whatever the network's jitter.
Tests and benchmarks pass their own ``clock`` and ``sleep``.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from contextlib import asynccontextmanager
from typing import Awaitable, Callable

_EPSILON = 1e-6


class RateLimiter:
    def __init__(
        self,
        per_second: float = 25.0,
        per_chat_interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ):
        if per_second <= 0:
            raise ValueError("per_second must be positive")
        self.per_second = per_second
        self.per_chat_interval = per_chat_interval
        self.clock = clock
        self.sleep = sleep
        self._recent: deque[list[float]] = deque()  # [time] of the sends within the last second
        self._last: dict[str, list[float]] = {}
        self._previous_start = float("-inf")  # sends are also spaced evenly: no bursts
        self._lock = asyncio.Lock()

    async def acquire(self, chat: str) -> list[float]:
        """Wait for a slot; returns its mutable timestamp (``slot`` moves it to the send's end)."""
        async with self._lock:
            while True:
                now = self.clock()
                while self._recent and now - self._recent[0][0] >= 1.0 - _EPSILON:
                    self._recent.popleft()
                wait = 0.0
                if len(self._recent) >= self.per_second:
                    wait = 1.0 - (now - self._recent[0][0])
                wait = max(wait, 1.0 / self.per_second - (now - self._previous_start))
                last = self._last.get(chat)
                if last is not None:
                    wait = max(wait, self.per_chat_interval - (now - last[0]))
                if wait <= _EPSILON:  # float rounding must never leave us sleeping for nothing, forever
                    stamp = [now]
                    self._previous_start = now
                    self._recent.append(stamp)
                    self._last[chat] = stamp
                    if len(self._last) > 10_000:
                        self._forget(now)
                    return stamp
                await self.sleep(wait)

    @asynccontextmanager
    async def slot(self, chat: str):
        stamp = await self.acquire(chat)
        try:
            yield
        finally:
            stamp[0] = max(stamp[0], self.clock())

    def _forget(self, now: float) -> None:
        for chat in [c for c, t in self._last.items() if now - t[0] > self.per_chat_interval]:
            del self._last[chat]
