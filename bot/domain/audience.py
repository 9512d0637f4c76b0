"""Who receives a reminder: one pure rule used by the sweep's claims (Python and set-based alike),
by delivery's fallback and by ``nhacviec remind --dry-run``.

- officer reminders go to the active officer chats of the agency; a person linked on several channels
  (chats sharing ``person``) gets one chat: the preferred one, or while it cannot be reached, the first
  of their other chats in the configured fallback order;
- an agency's officers are its primaries and its deputies: reminders go to the primaries; the deputies
  get copies of overdue reminders, and every reminder while no primary can be reached (no active chat,
  or every primary's deliveries failing);
- coordinator reminders go to every active coordinator chat; leader summaries to the agency's leaders;
- the inspected unit never hears of a surprise inspection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from bot.domain.reminder_kinds import Audience, ReminderKind

DEFAULT_FALLBACK_ORDER = ("telegram", "zalo", "email")
PRIMARY, DEPUTY = "primary", "deputy"
OFFICER, COORDINATOR, LEADER = "officer", "coordinator", "leader"
COPY_KINDS = frozenset({ReminderKind.OVERDUE})  # deputies get a copy of these even when a primary is reached


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
    rank: str = PRIMARY  # officers: primary | deputy
    failing: bool = False  # its last deliveries failed (given up), none sent since

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

    officers: dict[int, tuple[Chat, ...]] = field(default_factory=dict)  # by agency: every officer reminder
    coordinators: tuple[Chat, ...] = ()
    copies: dict[int, tuple[Chat, ...]] = field(default_factory=dict)  # by agency: deputies, on COPY_KINDS
    leaders: dict[int, tuple[Chat, ...]] = field(default_factory=dict)  # by agency: leader summaries

    def for_reminder(self, kind: ReminderKind, agency_id: int | None, *, surprise: bool = False) -> tuple[Chat, ...]:
        """Who receives a reminder of ``kind`` about ``agency_id``."""
        if kind.audience is Audience.COORDINATOR:
            return self.coordinators
        if agency_id is None:
            return ()
        if kind.audience is Audience.LEADER:
            return self.leaders.get(agency_id, ())
        if kind is ReminderKind.INSPECTION and surprise:
            return ()  # never announce a surprise inspection to the inspected unit
        chats = self.officers.get(agency_id, ())
        if kind in COPY_KINDS:
            chats += self.copies.get(agency_id, ())
        return chats

    def officer_ids(self) -> dict[int, list[int]]:
        """Officer chats by agency, for every officer reminder (the set-based claim's audience)."""
        return {agency: [c.id for c in chats] for agency, chats in self.officers.items()}

    def copy_ids(self) -> dict[str, dict[int, list[int]]]:
        """Extra officer chats by reminder kind and agency (the deputies' copies)."""
        by_agency = {agency: [c.id for c in chats] for agency, chats in self.copies.items() if chats}
        return {kind.value: by_agency for kind in COPY_KINDS} if by_agency else {}

    def coordinator_ids(self) -> list[int]:
        return [c.id for c in self.coordinators]


def recipients(chats: Iterable[Chat], order: Sequence[str] = DEFAULT_FALLBACK_ORDER) -> Recipients:
    """The audience: one chat per officer person (primaries, deputies as copies or stand-ins), every
    coordinator chat, the leaders' chats (active chats only)."""
    primaries: dict[int, list[Chat]] = {}
    deputies: dict[int, list[Chat]] = {}
    leaders: dict[int, list[Chat]] = {}
    people: dict[str, list[Chat]] = {}
    coordinators: list[Chat] = []

    def officer(c: Chat) -> None:
        (deputies if c.rank == DEPUTY else primaries).setdefault(c.agency_id, []).append(c)

    for c in sorted(chats, key=lambda c: c.id):
        if not c.active:
            if c.person:
                people.setdefault(c.person, []).append(c)
            continue
        if c.role == COORDINATOR:
            coordinators.append(c)
        elif c.role == LEADER:
            leaders.setdefault(c.agency_id, []).append(c)
        elif c.person:
            people.setdefault(c.person, []).append(c)
        else:
            officer(c)
    for group in people.values():
        pick = person_chat(group, order)
        if pick is not None and pick.role == OFFICER:
            officer(pick)
    officers: dict[int, tuple[Chat, ...]] = {}
    copies: dict[int, tuple[Chat, ...]] = {}
    for agency in set(primaries) | set(deputies):
        main = _ordered(primaries.get(agency, []))
        backup = _ordered(deputies.get(agency, []))
        if not main or all(c.failing for c in main):  # nobody reachable: the deputies stand in
            officers[agency], copies[agency] = main + backup, ()
        else:
            officers[agency], copies[agency] = main, backup
    return Recipients(
        officers,
        tuple(coordinators),
        {a: cs for a, cs in copies.items() if cs},
        {a: _ordered(cs) for a, cs in leaders.items()},
    )


def _ordered(chats: Iterable[Chat]) -> tuple[Chat, ...]:
    return tuple(sorted(chats, key=lambda c: c.id))
