"""Sends taken before they are made, one sender at a time, ambiguous sends retried once, retries on real
time while --today fixes the business day, choices remembered only once delivered (fixed clocks)."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date as D
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from bot.ports import Capabilities, FixedClock, TransportError
from jobs.delivery import deliver
from jobs.leadership import LeaseConfig, Leadership
from jobs.sweep import plan_and_claim, run_retries, run_sweep, run_takeover
from storage.models import DialogRow, ReminderRow
from storage.store import SqlStore
from tests.conftest import loaded_engine
from tests.sweep_harness import RecordingSender, at, link, make_deps

TUPHAP, NOIVU, COORD, TTTT = "111", "222", "333", "666"
DAY = D(2023, 5, 22)


@pytest.fixture
def engine(db_url, plan, directory):
    eng = loaded_engine(db_url, plan, directory, at(D(2023, 1, 2)))
    link(eng, TUPHAP, "so-tu-phap", name="Lan")
    link(eng, NOIVU, "so-noi-vu", name="Minh")
    link(eng, COORD, "vp-ubnd-tinh", "coordinator", name="Hùng")
    link(eng, TTTT, "so-thong-tin-truyen-thong", name="Tâm")
    yield eng
    eng.dispose()


class YieldingSender(RecordingSender):
    """Gives the event loop away during each send, as a network call does."""

    async def send(self, out):
        await asyncio.sleep(0)
        return await super().send(out)


def _rows(engine, **where) -> int:
    with Session(engine) as s:
        q = select(func.count()).select_from(ReminderRow)
        for k, v in where.items():
            q = q.where(getattr(ReminderRow, k) == v)
        return s.execute(q).scalar_one()


def _claimed(engine, sender, clock=None):
    deps = make_deps(engine, clock or FixedClock(at(DAY)), sender)
    plan_and_claim(deps, DAY)
    return deps


class StaleReader:
    """A deliverer that read who waits before the other took their rows (a stale read): its take of the
    same recipients' rows must come back empty."""

    def __init__(self, store, now):
        self.store = store
        self.waiting = store.waiting_recipients(channels={"telegram"}, now=now)

    def __getattr__(self, name):
        return getattr(self.store, name)

    def waiting_recipients(self, **_):
        return self.waiting


async def test_two_deliverers_without_the_lease_never_send_a_row_twice(engine):
    sender = YieldingSender()
    a = _claimed(engine, sender)
    b = make_deps(engine, a.clock, sender)
    stale = StaleReader(b.store, b.clock.now())
    assert stale.waiting
    r1, r2 = await asyncio.gather(  # the sender lease left out: the row takes alone keep them apart
        deliver(a.store, a.senders, a.limiter, a.clock, a.zone, a.delivery, holder="A"),
        deliver(stale, b.senders, b.limiter, b.clock, b.zone, b.delivery, holder="B"),
    )
    counts = Counter(o.chat_id for o in sender.sent)
    assert counts and set(counts.values()) == {1}
    assert r1.messages + r2.messages == len(counts)
    assert r2.messages == 0  # B raced for the very recipients whose rows A had taken
    assert _rows(engine, status="pending") == 0 and _rows(engine, status="sending") == 0


async def test_two_processes_one_sender_the_other_says_who_sends(engine):
    sender = YieldingSender()
    a = _claimed(engine, sender)
    b = make_deps(engine, a.clock, sender)  # its own lock and holder: another process
    r1, r2 = await asyncio.gather(run_retries(a), run_retries(b))
    busy = [r for r in (r1, r2) if r.busy]
    assert len(busy) == 1 and busy[0].messages == 0 and busy[0].busy in (a.holder, b.holder)
    assert set(Counter(o.chat_id for o in sender.sent).values()) == {1}
    # the lease was let go: a later delivery by either is allowed again
    assert SqlStore(engine).sender_lease_holder(now=a.clock.now()) is None


class OverlapSender(RecordingSender):
    """Counts the sends in flight at once, giving the event loop away in the middle of each."""

    def __init__(self) -> None:
        super().__init__()
        self.inflight = self.most = 0

    async def send(self, out):
        self.inflight += 1
        self.most = max(self.most, self.inflight)
        for _ in range(3):
            await asyncio.sleep(0)
        try:
            return await super().send(out)
        finally:
            self.inflight -= 1


async def test_sweep_and_retries_of_one_process_take_turns(engine, monkeypatch):
    """One recipient per batch, so that a second deliverer would find rows of its own to send: the retry
    job waits for the sweep's delivery instead of sending beside it."""
    monkeypatch.setattr("jobs.delivery.RECIPIENTS_PER_BATCH", 1)
    sender = OverlapSender()
    deps = make_deps(engine, FixedClock(at(DAY)), sender)
    sweep, retries = await asyncio.gather(run_sweep(deps), run_retries(deps))
    assert not sweep.delivery.busy and not retries.busy
    assert len(sender.sent) > 2 and set(Counter(o.chat_id for o in sender.sent).values()) == {1}
    assert sender.most == 1  # never two sends at once


async def test_rows_of_a_dead_sender_are_taken_again_after_their_lease(engine):
    sender = RecordingSender()
    deps = _claimed(engine, sender)
    store, now = deps.store, deps.clock.now()
    with Session(engine) as s:
        ids = [i for (i,) in s.execute(select(ReminderRow.id))]
        waiting = sorted({r for (r,) in s.execute(select(ReminderRow.recipient_id))})
    until = now + timedelta(seconds=45)
    dead = store.take_batch(recipient_ids=waiting, holder="dead", now=now, until=until)
    assert sorted(r.id for rows in dead.rows.values() for r in rows) == sorted(ids)
    assert store.take_batch(recipient_ids=waiting, holder="other", now=now, until=until).rows == {}
    report = await run_retries(deps)
    assert report.messages == 0 and sender.sent == []  # held by a live lease: left alone
    deps.clock.advance(timedelta(seconds=46))
    report = await run_retries(deps)
    assert report.messages == len({o.chat_id for o in sender.sent}) > 0
    assert _rows(engine, status="sent") == len(ids)
    assert _rows(engine, ambiguous=1) == len(ids)  # may have been sent once already


def test_sender_lease_is_taken_renewed_lost_and_released(engine):
    store = SqlStore(engine)
    wall = FixedClock(at(DAY))
    a = Leadership(store, "A", wall, LeaseConfig(seconds=30, renew_every=10))
    b = Leadership(store, "B", wall, LeaseConfig(seconds=30, renew_every=10))
    assert a.try_acquire() and not b.try_acquire()
    assert b.holder_now()[0] == "A"
    wall.advance(timedelta(seconds=20))
    assert a.renew()  # renewed: good until +50 s
    wall.advance(timedelta(seconds=25))
    assert not b.try_acquire()
    wall.advance(timedelta(seconds=10))  # A stalled past its lease
    assert b.try_acquire() and not a.renew() and not a.held
    store.release_sender_lease(holder="A")  # not A's any more: nothing happens
    assert b.holder_now()[0] == "B"
    store.release_sender_lease(holder="B")
    assert b.holder_now() is None


async def test_a_waiting_process_takes_over_when_the_lease_expires(engine):
    sender = RecordingSender()
    deps = _claimed(engine, sender)
    wall = deps.wall
    store = deps.store
    assert store.acquire_sender_lease(holder="dead leader", now=wall.now(), until=wall.now() + timedelta(seconds=45))
    assert await run_takeover(deps) is None and sender.sent == []  # a live leader: the standby waits
    wall.advance(timedelta(seconds=46))
    report = await run_takeover(deps)
    assert report is not None and report.messages > 0
    assert await run_takeover(deps) is None  # nothing left


def _ambiguous() -> TransportError:
    return TransportError("Telegram: ReadTimeout", permanent=False, ambiguous=True)


async def test_an_ambiguous_send_is_retried_once_then_coordinators_are_told(engine):
    sender = RecordingSender()
    sender.script[TUPHAP] = [_ambiguous(), _ambiguous()]
    deps = make_deps(engine, FixedClock(at(DAY)), sender)
    first = await run_sweep(deps)
    assert first.delivery.retrying > 0
    deps.clock.advance(timedelta(seconds=31))
    second = await run_retries(deps)
    assert second.failed > 0
    assert sender.attempts.count(TUPHAP) == 2  # never a third copy
    with Session(engine) as s:
        row = s.execute(select(ReminderRow).where(ReminderRow.kind == "delivery_failed")).scalars().first()
    assert row is not None and row.failed_attempts == 2
    assert any("Sở Tư pháp" in o.text and "telegram:111" in o.text for o in sender.to(COORD))


async def test_an_ambiguous_send_then_a_good_one(engine):
    sender = RecordingSender()
    sender.script[TUPHAP] = [_ambiguous()]
    deps = make_deps(engine, FixedClock(at(DAY)), sender)
    await run_sweep(deps)
    deps.clock.advance(timedelta(seconds=31))
    await run_retries(deps)
    assert sender.attempts.count(TUPHAP) == 2 and len(sender.to(TUPHAP)) == 1
    assert _rows(engine, status="failed") == 0


async def test_retries_follow_real_time_while_the_business_day_stays_fixed(engine):
    sender = RecordingSender()
    sender.script[TUPHAP] = [TransportError("Telegram 500", permanent=False)]
    business = FixedClock(at(DAY))  # what --today fixes
    wall = FixedClock(at(D(2026, 11, 30), 10))  # the real time of the run
    deps = make_deps(engine, business, sender, wall=wall)
    await run_sweep(deps)
    assert sender.to(TUPHAP) == []
    again = make_deps(engine, business, sender, wall=wall)  # the same day, a second run, too soon
    assert (await run_retries(again)).messages == 0
    wall.advance(timedelta(seconds=31))  # real time passed: the retry is due
    report = await run_retries(make_deps(engine, business, sender, wall=wall))
    assert report.messages == 1 and len(sender.to(TUPHAP)) == 1
    assert "22/5/2023" in sender.to(TUPHAP)[0].title  # still the business day's digest
    with Session(engine) as s:
        sent_at = s.execute(select(func.max(ReminderRow.sent_at))).scalar_one()
    assert sent_at.year == 2026  # sent_at is real time


def _dialogs(engine) -> int:
    with Session(engine) as s:
        return s.execute(select(func.count()).select_from(DialogRow)).scalar_one()


async def test_numbered_choices_count_only_once_delivered(engine):
    sender = RecordingSender(Capabilities(buttons=False))
    sender.script[TUPHAP] = [TransportError("Zalo 500", permanent=False)]
    deps = make_deps(engine, FixedClock(at(DAY)), sender)
    await run_sweep(deps)
    with Session(engine) as s:
        chats = {d.chat_id for d in s.execute(select(DialogRow)).scalars()}
    assert TUPHAP not in chats and chats  # the others got theirs
    deps.clock.advance(timedelta(seconds=31))
    await run_retries(deps)
    with Session(engine) as s:
        assert s.execute(select(DialogRow).where(DialogRow.chat_id == TUPHAP)).scalar_one().kind == "choices"


def test_remind_says_another_process_is_sending(cli, tmp_path):
    from datetime import datetime, timezone

    from storage.engine import make_engine
    from tests.jobs.test_remind_cli import _link

    cli("init")
    _link(tmp_path, "lan", "so-tu-phap")
    engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'nhacviec.db'}")
    now = datetime.now(timezone.utc)
    assert SqlStore(engine).acquire_sender_lease(holder="host:42:abc", now=now, until=now + timedelta(seconds=45))
    code, out, _ = cli("--today", "22/5/2023", "remind")
    assert code == 0 and "Đang có tiến trình khác gửi nhắc việc (host:42:abc" in out and "── console:lan ──" not in out
    assert "chờ kênh gửi" not in out
    SqlStore(engine).release_sender_lease(holder="host:42:abc")
    code, out, _ = cli("--today", "22/5/2023", "remind")  # the same business day, real time later
    assert "── console:lan ──" in out
    engine.dispose()
