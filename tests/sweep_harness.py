"""Helpers for scheduler tests: a recording sender with scripted failures and a fake monotonic time."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.ports import Capabilities, FixedClock, Outbound, TransportError
from config.settings import DEFAULT_CALENDAR
from jobs.delivery import DeliveryConfig
from jobs.leadership import LeaseConfig
from jobs.limiter import RateLimiter
from jobs.sweep import SweepDeps
from storage import registry, work
from bot.files import load_calendar
from storage.store import SqlStore

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = load_calendar(DEFAULT_CALENDAR)


class FakeTime:
    """Monotonic time that moves only when somebody sleeps."""

    def __init__(self):
        self.t = 1000.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.t

    async def sleep(self, dt: float) -> None:
        self.slept.append(dt)
        self.t += dt


class RecordingSender:
    def __init__(self, capabilities: Capabilities | None = None):
        self.capabilities = capabilities or Capabilities()
        self.sent: list[Outbound] = []
        self.attempts: list[str] = []
        self.script: dict[str, list[Exception]] = {}  # chat → errors to raise, in order

    async def send(self, out: Outbound) -> str:
        self.attempts.append(out.chat_id)
        errors = self.script.get(out.chat_id)
        if errors:
            raise errors.pop(0)
        self.sent.append(out)
        return str(len(self.sent))

    def to(self, chat: str) -> list[Outbound]:
        return [o for o in self.sent if o.chat_id == chat]


def at(day, hour=8, minute=0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


def make_deps(
    engine,
    clock: FixedClock,
    sender,
    *,
    max_attempts: int = 5,
    time: FakeTime | None = None,
    wall=None,
    lease: LeaseConfig | None = None,
    channel: str = "telegram",
) -> SweepDeps:
    """Sweep dependencies over ``engine``; unless ``wall`` is given, real time is whatever ``deps.clock``
    says (tests move real time by advancing or replacing a fixed clock)."""
    time = time or FakeTime()
    deps = SweepDeps(
        store=SqlStore(engine),
        clock=clock,
        zone=ZONE,
        calendar=CAL,
        senders={channel: sender},
        limiter=RateLimiter(25, 1.0, clock=time.monotonic, sleep=time.sleep),
        delivery=DeliveryConfig(max_attempts=max_attempts),
        lease=lease or LeaseConfig(),
    )
    deps.wall = wall or _BusinessTime(deps)
    return deps


class _BusinessTime:
    """A wall clock that is the deps' business clock, whichever it currently is."""

    def __init__(self, deps: SweepDeps):
        self.deps = deps

    def now(self) -> datetime:
        return self.deps.clock.now()

    def advance(self, delta: timedelta) -> None:
        self.deps.clock.advance(delta)


def link(
    engine,
    chat: str,
    agency_key: str,
    role: str = "officer",
    name: str = "",
    now=None,
    *,
    channel: str = "telegram",
    person: str = "",
    preferred: bool = True,
) -> None:
    with Session(engine) as s:
        registry.link_chat(
            s,
            channel=channel,
            chat_id=chat,
            agency_id=work.agency_ids(s)[agency_key],
            role=role,
            display_name=name or chat,
            now=now or datetime(2023, 1, 1, tzinfo=ZONE),
            person=person,
            preferred=preferred,
        )
        s.commit()


def transient(retry_after: float | None = None) -> TransportError:
    return TransportError(
        "Timed out" if retry_after is None else "Telegram 429", permanent=False, retry_after=retry_after
    )


def gone() -> TransportError:
    return TransportError("Forbidden: bot was blocked by the user", permanent=True, recipient_gone=True)


def days(start, end):
    d = start
    while d <= end:
        yield d
        d += timedelta(days=1)
