"""A send-rate limiter: a global ceiling and a minimum interval per chat, with an injectable clock.

Every send awaits ``acquire(chat)`` instead of scattering sleeps in loops. Tests and benchmarks pass
their own ``clock`` and ``sleep``; the default is the event loop's monotonic time.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import Awaitable, Callable


class RateLimiter:
    def __init__(self, per_second: float = 25.0, per_chat_interval: float = 1.0,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep):
        if per_second <= 0:
            raise ValueError("per_second must be positive")
        self.per_second = per_second
        self.per_chat_interval = per_chat_interval
        self.clock = clock
        self.sleep = sleep
        self._recent: deque[float] = deque()   # send times within the last second
        self._last: dict[str, float] = {}
        self._lock = asyncio.Lock()

    async def acquire(self, chat: str) -> None:
        async with self._lock:
            while True:
                now = self.clock()
                while self._recent and now - self._recent[0] >= 1.0:
                    self._recent.popleft()
                wait = 0.0
                if len(self._recent) >= self.per_second:
                    wait = 1.0 - (now - self._recent[0])
                last = self._last.get(chat)
                if last is not None:
                    wait = max(wait, self.per_chat_interval - (now - last))
                if wait <= 0:
                    self._recent.append(now)
                    self._last[chat] = now
                    if len(self._last) > 10_000:
                        self._forget(now)
                    return
                await self.sleep(wait)

    def _forget(self, now: float) -> None:
        for chat in [c for c, t in self._last.items() if now - t > self.per_chat_interval]:
            del self._last[chat]
