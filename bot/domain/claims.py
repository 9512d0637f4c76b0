"""A claim: one reminder occurrence for one recipient, inserted before anything is sent (pure)."""

from __future__ import annotations

from datetime import date
from typing import Iterable, NamedTuple

from bot.domain.audience import Recipients
from bot.domain.reminder_kinds import ReminderKind


def reminder_key(
    item_id: int | None, agency_id: int | None, recipient_id: int, kind: ReminderKind | str, slot: str
) -> str:
    """The unique key of a claim; the set-based claim (storage/claims.py) builds the same string in SQL."""
    return f"{item_id or '-'}:{agency_id or '-'}:{recipient_id}:{kind}:{slot}"


class Claim(NamedTuple):
    item_id: int | None
    agency_id: int | None
    assignment_id: int | None
    recipient_id: int
    kind: ReminderKind
    slot: str
    day: date
    chat: str = ""  # delivery notices: the chat they are about ("telegram:111")
    fallback_to: str = ""  # channel fallbacks: the chat that took over
    error: str = ""  # delivery notices: the error reported
    failed_attempts: int = 0  # delivery notices: attempts made before giving up

    @property
    def key(self) -> str:
        return reminder_key(self.item_id, self.agency_id, self.recipient_id, self.kind, self.slot)


class Planned(NamedTuple):
    """A reminder the policy found due on ``day``, before it is given recipients."""

    item_id: int | None
    agency_id: int | None
    kind: ReminderKind
    slot: str
    assignment_id: int | None
    day: date


def claims_for(planned: Iterable[Planned], who: Recipients) -> list[Claim]:
    """One claim per planned reminder and recipient (the audience rule decides who)."""
    out = []
    for p in planned:
        for chat in who.for_reminder(p.kind, p.agency_id):
            out.append(Claim(p.item_id, p.agency_id, p.assignment_id, chat.id, p.kind, p.slot, p.day))
    return out
