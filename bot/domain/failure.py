"""What to do after a send failed (pure): retry with backoff, honour the server's retry_after, give up,
or hand the reminders to the person's next channel in the configured fallback order.

An *ambiguous* failure (a timeout after the request left: the message may have arrived) is retried at
most once: a second one gives up and the coordinators are told, so a slow server never makes an officer
read the same digest three times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Sequence

from bot.domain.audience import DEFAULT_FALLBACK_ORDER, Chat, fallback_chats
from bot.domain.claims import Claim
from bot.domain.reminder_kinds import ReminderKind


@dataclass(frozen=True)
class FailurePolicy:
    max_attempts: int = 5
    backoff_base: float = 30.0  # seconds; doubled each attempt
    backoff_max: float = 3600.0
    fallback_order: tuple[str, ...] = DEFAULT_FALLBACK_ORDER


@dataclass(frozen=True)
class Failure:
    """A failed send, as the transport classified it."""

    message: str
    permanent: bool
    recipient_gone: bool = False  # blocked, chat not found: the chat is disabled
    retry_after: float | None = None
    quota: bool = False  # the channel's monthly quota is used up
    ambiguous: bool = False  # the request may have reached the chat (read timeout, dropped connection)


class Outcome(str, Enum):
    RETRY = "retry"
    GIVE_UP = "give_up"
    FALL_BACK = "fall_back"  # give up on this chat, the person's next channel takes the reminders


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    attempts: int  # attempts made so far, this one included
    retry_at: datetime | None  # RETRY: when to try again
    fallback: Chat | None  # FALL_BACK: the chat that takes over
    notice: ReminderKind | None  # what coordinators hear (on giving up)
    notice_slot: str = ""
    disable: bool = False  # the chat is gone: stop using it
    exhausted_month: str = ""  # the channel's quota is used up for this month
    ambiguous: int = 0  # ambiguous sends so far, this one included


MAX_AMBIGUOUS = 1  # ambiguous sends retried: a message may arrive twice, never three times


def after_failure(
    *,
    failure: Failure,
    attempts: int,
    chat: Chat,
    chats: Sequence[Chat],
    now: datetime,
    policy: FailurePolicy = FailurePolicy(),
    ambiguous: int = 0,
) -> Decision:
    """The decision after a send to ``chat`` failed; ``attempts`` counts the earlier attempts, ``ambiguous``
    the earlier sends that may have arrived, and ``chats`` are the linked chats the fallback may choose
    from. ``now`` is real time: the retry is due after a real wait, whatever business day it is."""
    attempts += 1
    ambiguous += 1 if failure.ambiguous else 0
    too_unsure = failure.ambiguous and ambiguous > MAX_AMBIGUOUS
    give_up = failure.permanent or failure.quota or attempts >= policy.max_attempts or too_unsure
    if not give_up:
        backoff = min(policy.backoff_base * 2 ** (attempts - 1), policy.backoff_max)
        wait = failure.retry_after if failure.retry_after else backoff  # the server's word beats our guess
        return Decision(Outcome.RETRY, attempts, now + timedelta(seconds=wait), None, None, ambiguous=ambiguous)
    month = now.strftime("%Y-%m")
    if failure.recipient_gone:
        notice, slot = ReminderKind.CHANNEL_LOST, chat.address
    elif failure.quota:
        notice, slot = ReminderKind.UNREACHABLE, f"{chat.address}:{month}"
    else:
        notice, slot = ReminderKind.DELIVERY_FAILED, f"{chat.address}:{now.date().isoformat()}"
    # It may have arrived: say so, and do not send it again on another channel either.
    others = [] if too_unsure else fallback_chats(chat, chats, policy.fallback_order)
    fallback = others[0] if others else None
    if fallback is not None:
        notice, slot = ReminderKind.CHANNEL_FALLBACK, chat.address
    return Decision(
        Outcome.FALL_BACK if fallback else Outcome.GIVE_UP,
        attempts,
        None,
        fallback,
        notice,
        slot[:40],
        disable=failure.recipient_gone,
        exhausted_month=month if failure.quota else "",
        ambiguous=ambiguous,
    )


def failure_claims(
    d: Decision, *, failed: Sequence[Claim], chat: Chat, coordinators: Sequence[Chat], error: str, day: date
) -> list[Claim]:
    """The claims a decision raises: the failed reminders again for the fallback chat, and one notice per
    coordinator (never to the failed chat itself)."""
    if d.outcome is Outcome.RETRY:
        return []
    out: list[Claim] = []
    if d.fallback is not None:
        out += [c._replace(recipient_id=d.fallback.id) for c in failed]
    target = d.fallback.address if d.fallback is not None else ""
    out += [
        Claim(
            None,
            chat.agency_id,
            None,
            coord.id,
            d.notice,
            d.notice_slot,
            day,
            chat=chat.address,
            fallback_to=target,
            error=error[:300],
            failed_attempts=d.attempts,
        )
        for coord in coordinators
        if coord.id != chat.id and d.notice is not None
    ]
    return out
