"""The send-rate limiter, on a fake clock: a global ceiling and one message per second per chat."""

import asyncio

from jobs.limiter import RateLimiter
from tests.sweep_harness import FakeTime


def _run(limiter, chats):
    times = []

    async def go():
        for chat in chats:
            async with limiter.slot(chat):
                times.append(limiter.clock())

    asyncio.run(go())
    return times


def test_global_ceiling_is_never_exceeded_in_any_second():
    t = FakeTime()
    times = _run(RateLimiter(30, 1.0, clock=t.monotonic, sleep=t.sleep), [f"c{i}" for i in range(300)])
    assert all(sum(1 for x in times if start <= x < start + 1.0) <= 30 for start in times)
    assert times[-1] - times[0] < 10.1  # and it keeps up: 300 messages in about 10 s


def test_one_message_per_second_per_chat():
    t = FakeTime()
    times = _run(RateLimiter(30, 1.0, clock=t.monotonic, sleep=t.sleep), ["same"] * 5)
    assert [round(b - a, 6) for a, b in zip(times, times[1:])] == [1.0] * 4
