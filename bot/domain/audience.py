"""Who receives a reminder: one pure rule used by the sweep's claims (Python and set-based alike),
by delivery's fallback and by ``nhacviec remind --dry-run``.

- officer reminders go to the active officer chats of the agency; a person linked on several channels
  (chats sharing ``person``) gets one chat: the preferred one, or while it cannot be reached, the first
  of their other chats in the configured fallback order;
- coordinator reminders go to every active coordinator chat;
- the inspected unit never hears of a surprise inspection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from bot.domain.reminder_kinds import Audience, ReminderKind

DEFAULT_FALLBACK_ORDER = ("telegram", "zalo", "email")


@dataclass(frozen=True)
class Chat:
    """A linked chat (a recipient row), as the policy sees it."""

    id: int
    channel: str
    chat_id: str
    agency_id: int
    role: str = "officer"  # officer | coordinator
    person: str = ""  # chats linked by the same invite share it
    preferred: bool = True
    active: bool = True
    display_name: str = ""

    @property
    def address(self) -> str:
        return f"{self.channel}:{self.chat_id}"


def _rank(order: Sequence[str]):
    pos = {name: i for i, name in enumerate(order)}
    return lambda c: (pos.get(c.channel, len(pos)), c.id)


def person_chat(chats: Sequence[Chat], order: Sequence[str] = DEFAULT_FALLBACK_ORDER) -> Chat | None:
    """The one chat a person is reached on: the active preferred one, else the first active one in
    the fallback order."""
    live = [c for c in chats if c.active]
    preferred = [c for c in live if c.preferred]
    pick = preferred or live
    return min(pick, key=_rank(order)) if pick else None


def fallback_chats(failed: Chat, chats: Iterable[Chat], order: Sequence[str] = DEFAULT_FALLBACK_ORDER) -> list[Chat]:
    """The person's other active chats on another channel, in the fallback order."""
    if not failed.person:
        return []
    others = [
        c for c in chats if c.person == failed.person and c.id != failed.id and c.active and c.channel != failed.channel
    ]
    return sorted(others, key=_rank(order))


@dataclass(frozen=True)
class Recipients:
    """The day's audience, computed once from every linked chat."""

    officers: dict[int, tuple[Chat, ...]] = field(default_factory=dict)  # by agency
    coordinators: tuple[Chat, ...] = ()

    def for_reminder(self, kind: ReminderKind, agency_id: int | None, *, surprise: bool = False) -> tuple[Chat, ...]:
        """Who receives a reminder of ``kind`` about ``agency_id``."""
        if kind.audience is Audience.COORDINATOR:
            return self.coordinators
        if kind is ReminderKind.INSPECTION and surprise:
            return ()  # never announce a surprise inspection to the inspected unit
        return self.officers.get(agency_id, ()) if agency_id is not None else ()

    def officer_ids(self) -> dict[int, list[int]]:
        return {agency: [c.id for c in chats] for agency, chats in self.officers.items()}

    def coordinator_ids(self) -> list[int]:
        return [c.id for c in self.coordinators]


def recipients(chats: Iterable[Chat], order: Sequence[str] = DEFAULT_FALLBACK_ORDER) -> Recipients:
    """The audience: one chat per officer person, every coordinator chat (active chats only)."""
    officers: dict[int, list[Chat]] = {}
    people: dict[str, list[Chat]] = {}
    coordinators: list[Chat] = []
    for c in sorted(chats, key=lambda c: c.id):
        if not c.active:
            if c.person:
                people.setdefault(c.person, []).append(c)
            continue
        if c.role == "coordinator":
            coordinators.append(c)
        elif c.person:
            people.setdefault(c.person, []).append(c)
        else:
            officers.setdefault(c.agency_id, []).append(c)
    for group in people.values():
        pick = person_chat(group, order)
        if pick is not None and pick.role != "coordinator":
            officers.setdefault(pick.agency_id, []).append(pick)
    return Recipients({a: tuple(sorted(cs, key=lambda c: c.id)) for a, cs in officers.items()}, tuple(coordinators))
