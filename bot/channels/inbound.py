"""Inbound dedupe through the store, the same for every channel: a message (Telegram's update_id, Zalo's
message_id) is claimed before the command core acts on it — one INSERT, refused when it was claimed
already, in this process or in another behind the same webhook — and released when the core failed
before anything happened, so that a replay may run it. A process killed between the claim and the action
loses that one message (its sender gets no answer and sends it again); it is never acted on twice."""

from __future__ import annotations

from bot.ports import ClaimHook, Clock, ReleaseHook


def inbound_claims(store, clock: Clock, channel: str) -> tuple[ClaimHook, ReleaseHook]:
    """(claim, release) hooks for a transport, over ``store`` (``channel``: the key the claims are kept under)."""

    def claim(message_id: str) -> bool:
        return store.claim_inbound(channel=channel, message_id=message_id, now=clock.now())

    def release(message_id: str) -> None:
        store.release_inbound(channel=channel, message_id=message_id)

    return claim, release
