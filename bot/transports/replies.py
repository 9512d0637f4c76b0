"""Replies to commands are retried like reminders: the action is already recorded when the reply goes
out, so a rate limit (``retry_after``), a 5xx or a timeout must not lose the answer. A few attempts with
backoff in real time; an ambiguous failure (the reply may have arrived) is retried at most once."""

from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable

from bot.domain.failure import MAX_AMBIGUOUS
from bot.ports import Outbound, ReleaseHook, TransportError

log = logging.getLogger(__name__)

REPLY_ATTEMPTS = 4  # the first send and three retries
REPLY_BACKOFF = 2.0  # seconds before the first retry, doubled after each
REPLY_WAIT_MAX = 120.0  # a longer retry_after than this: the reply is given up (logged)

Send = Callable[[Outbound], Awaitable[str]]
Sleep = Callable[[float], Awaitable[None]]
Gone = Callable[[Outbound, TransportError], Awaitable[None]]


async def send_reply(
    send: Send,
    out: Outbound,
    *,
    sleep: Sleep = asyncio.sleep,
    on_gone: Gone | None = None,
    attempts: int = REPLY_ATTEMPTS,
    backoff: float = REPLY_BACKOFF,
) -> bool:
    """Send one reply, retrying transient failures; True once delivered. Never raises a TransportError:
    the command's action happened whatever becomes of its answer."""
    unsure = 0
    for attempt in range(1, attempts + 1):
        try:
            await send(out)
            return True
        except TransportError as e:
            if e.recipient_gone:
                if on_gone is not None:
                    await on_gone(out, e)
                return False
            unsure += 1 if e.ambiguous else 0
            wait = e.retry_after if e.retry_after else backoff * 2 ** (attempt - 1)
            if e.permanent or e.quota or attempt == attempts or unsure > MAX_AMBIGUOUS or wait > REPLY_WAIT_MAX:
                log.warning(
                    "reply to %s chat %s not delivered after %d attempt(s): %s", out.channel, out.chat_id, attempt, e
                )
                return False
            log.info("reply to %s chat %s failed (%s); retrying in %.0fs", out.channel, out.chat_id, e, wait)
            await sleep(wait)
    return False


async def let_go(release: ReleaseHook | None, key: str) -> None:
    """Release an inbound claim after the command core failed (nothing happened, so a replay may run it);
    a failure to do so is only logged: the claim expires in a week."""
    if release is None:
        return
    try:
        await asyncio.to_thread(release, key)
    except Exception:  # noqa: BLE001 - the user is still told
        log.exception("could not release the claim on inbound %s", key)
