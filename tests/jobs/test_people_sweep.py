"""Deputies and leaders in the sweep (issue 14 §3): reminders go to the primary officer, deputies get
copies of overdue ones and stand in while no primary can be reached; the agency's leader gets one
summary of its overdue items after LEADER_AFTER working days (holidays from the calendar), then weekly.
Dry-run and sweep pick the same recipients (one audience rule, bot.domain.audience)."""

from __future__ import annotations

from datetime import date as D
from datetime import datetime, timedelta

import pytest
from sqlmodel import Session, select

from bot.domain.leaders import summary_due
from bot.ports import FixedClock
from jobs.sweep import run_sweep
from storage import registry, work
from storage.models import AuditRow, ReminderRow
from storage.store import SqlStore
from tests.conftest import loaded_engine
from tests.sweep_harness import CAL, ZONE, RecordingSender, at, make_deps

PRIMARY, DEPUTY, LEADER = "111", "444", "lanhdao@tuphap.gov.vn"
UPCOMING_DAY, OVERDUE_DAY = D(2023, 5, 22), D(2023, 6, 1)  # PL1.2 (Sở Tư pháp) is due 31/5/2023


@pytest.fixture
def engine(db_url, plan, directory):
    eng = loaded_engine(db_url, plan, directory, at(D(2023, 1, 2)))
    yield eng
    eng.dispose()


def _link(engine, chat: str, rank: str = "primary", role: str = "officer", channel: str = "telegram") -> None:
    with Session(engine) as s:
        registry.link_chat(
            s,
            channel=channel,
            chat_id=chat,
            agency_id=work.agency_ids(s)["so-tu-phap"],
            role=role,
            display_name=chat,
            now=datetime(2023, 1, 1, tzinfo=ZONE),
            person=f"invite:{chat}",
            rank=rank,
        )
        s.commit()


async def _sweep(engine, day, **senders):
    from bot.cli.remind_cmds import dry_run_entries

    telegram = senders.pop("telegram", RecordingSender())
    deps = make_deps(engine, FixedClock(at(day)), telegram)
    deps.senders.update(senders)
    listed = dry_run_entries(deps.store, day=day, deps=deps)
    dry = {(e["code"], e["kind"], r["chat_id"]) for e in listed if e["agency"] == "Sở Tư pháp" for r in e["recipients"]}
    await run_sweep(deps)
    return telegram, dry


def _swept(engine, day) -> set[tuple[str, str, str]]:
    from storage.models import ItemRow, RecipientRow

    with Session(engine) as s:
        rows = s.exec(
            select(ItemRow.code, ReminderRow.kind, RecipientRow.chat_id)
            .join(ReminderRow, ReminderRow.item_id == ItemRow.id)
            .join(RecipientRow, RecipientRow.id == ReminderRow.recipient_id)
            .where(ReminderRow.day == day, ReminderRow.agency_id == work.agency_ids(s)["so-tu-phap"])
        ).all()
    return {tuple(r) for r in rows}


async def test_the_primary_gets_reminders_and_the_deputy_copies_of_overdue_ones(engine):
    _link(engine, PRIMARY)
    _link(engine, DEPUTY, "deputy")
    telegram, dry = await _sweep(engine, UPCOMING_DAY)
    assert "PL1.2" in telegram.to(PRIMARY)[0].text and telegram.to(DEPUTY) == []
    assert dry == _swept(engine, UPCOMING_DAY) == {("PL1.2", "upcoming", PRIMARY)}

    telegram, dry = await _sweep(engine, OVERDUE_DAY)
    assert "PL1.2" in telegram.to(PRIMARY)[0].text and "PL1.2" in telegram.to(DEPUTY)[0].text
    assert dry == _swept(engine, OVERDUE_DAY)  # the check-ins of 1/6 go to the primary only
    assert {r for r in dry if r[0] == "PL1.2"} == {("PL1.2", "overdue", PRIMARY), ("PL1.2", "overdue", DEPUTY)}
    assert {r[2] for r in dry if r[1] != "overdue"} == {PRIMARY}


async def test_the_deputy_stands_in_while_the_primary_cannot_be_reached(engine):
    _link(engine, PRIMARY)
    _link(engine, DEPUTY, "deputy")
    with Session(engine) as s:  # the primary's last delivery was given up, nothing sent since
        rid = registry.recipient(s, channel="telegram", chat_id=PRIMARY).id
        s.add(
            ReminderRow(
                key="x",
                recipient_id=rid,
                kind="due",
                slot="d0",
                day=D(2023, 5, 19),
                status="failed",
                created_at=at(D(2023, 5, 19)),
            )
        )
        s.commit()
    telegram, dry = await _sweep(engine, UPCOMING_DAY)
    assert "PL1.2" in telegram.to(DEPUTY)[0].text
    assert dry == _swept(engine, UPCOMING_DAY) == {("PL1.2", "upcoming", PRIMARY), ("PL1.2", "upcoming", DEPUTY)}


async def test_a_disabled_primary_leaves_the_deputy_every_reminder(engine):
    _link(engine, PRIMARY)
    _link(engine, DEPUTY, "deputy")
    with Session(engine) as s:
        registry.disable(s, channel="telegram", chat_id=PRIMARY, reason="blocked")
        s.commit()
    telegram, dry = await _sweep(engine, UPCOMING_DAY)
    assert telegram.to(PRIMARY) == [] and "PL1.2" in telegram.to(DEPUTY)[0].text
    assert dry == {("PL1.2", "upcoming", DEPUTY)}


async def test_the_leader_gets_a_summary_after_five_working_days_then_weekly(engine):
    _link(engine, PRIMARY)
    store = SqlStore(engine)
    assert (
        store.leader_set(agency_key="so-tu-phap", address=LEADER, name="Ông Bình", now=at(OVERDUE_DAY), actor="CLI")
        == ""
    )
    summaries: dict[D, str] = {}
    day = OVERDUE_DAY
    while day <= D(2023, 6, 22):
        if CAL.is_working_day(day):
            email = RecordingSender()
            _, dry = await _sweep(engine, day, email=email)
            for out in email.to(LEADER):
                summaries[day] = out.text
            assert (("PL1.2", "leader_summary", LEADER) in dry) == (day in summaries)
        day += timedelta(days=1)
    # 31/5 + 5 working days = 7/6/2023 (Wednesday); then every 7 days
    assert sorted(summaries) == [D(2023, 6, 7), D(2023, 6, 14), D(2023, 6, 21)]
    text = summaries[D(2023, 6, 7)]
    assert "lãnh đạo phụ trách Sở Tư pháp" in text and "PL1.2" in text and "/xong PL1.2" not in text
    with Session(engine) as s:
        (row,) = s.exec(select(AuditRow).where(AuditRow.action == "leader_set")).all()
        assert row.after["chat"] == f"email:{LEADER}" and row.agency == "Sở Tư pháp"


async def test_no_summary_once_the_items_are_done_or_without_a_leader(engine):
    _link(engine, PRIMARY)
    email = RecordingSender()
    await _sweep(engine, D(2023, 6, 7), email=email)
    assert email.sent == []  # no leader registered
    store = SqlStore(engine)
    store.leader_set(agency_key="so-tu-phap", address=LEADER, name="", now=at(OVERDUE_DAY), actor="CLI")
    assert store.leader_remove(agency_key="so-tu-phap", now=at(OVERDUE_DAY), actor="CLI") == 1
    await _sweep(engine, D(2023, 6, 8), email=email)
    assert email.sent == []


def test_the_first_summary_and_the_weekly_ones_skip_holidays():
    """Fixed dates on the holiday calendar: National Day 2023 is 1–4/9 (Friday to Monday)."""
    due = [D(2023, 8, 31)]

    def due_on(day, last=None):
        return summary_due(due, day, CAL, after=5, every_days=7, last=last)

    assert not due_on(D(2023, 9, 8))  # 4 working days overdue (5, 6, 7, 8/9)
    assert due_on(D(2023, 9, 11))  # the 5th
    assert not due_on(D(2023, 9, 15), last=D(2023, 9, 11)) and due_on(D(2023, 9, 18), last=D(2023, 9, 11))
    weekly = [D(2023, 8, 1)]  # long overdue, last summary on Friday 25/8: a week later is a holiday
    assert not summary_due(weekly, D(2023, 9, 1), CAL, after=5, every_days=7, last=D(2023, 8, 25))
    assert summary_due(weekly, D(2023, 9, 5), CAL, after=5, every_days=7, last=D(2023, 8, 25))  # the next working day
    assert not summary_due([], D(2023, 9, 11), CAL, after=5, every_days=7, last=None)
