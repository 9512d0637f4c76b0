"""The reminder policy's pure parts: kinds and their rules, who receives, what to do after a failure,
what a day loads."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from bot.domain.audience import Chat, fallback_chats, recipients
from bot.domain.claims import Planned, claims_for
from bot.domain.day_plan import select_day
from bot.domain.failure import Failure, FailurePolicy, Outcome, after_failure, failure_claims
from bot.domain.reminder_kinds import Audience, ReminderKind
from bot.domain.reminders import ReminderPolicy
from tests.sweep_harness import CAL

NOW = datetime(2023, 5, 22, 1, 0, tzinfo=timezone.utc)
TG = Chat(1, "telegram", "111", 7, person="p", preferred=True)
ZL = Chat(2, "zalo", "z1", 7, person="p", preferred=False)
ML = Chat(3, "email", "a@b", 7, person="p", preferred=False)
SOLO = Chat(4, "telegram", "444", 8)
COORD = Chat(9, "telegram", "999", 1, role="coordinator")


def test_kinds_carry_their_rules():
    assert ReminderKind("overdue") is ReminderKind.OVERDUE and f"{ReminderKind.OVERDUE}" == "overdue"
    assert ReminderKind.HEADS_UP.audience is Audience.OFFICER and ReminderKind.HEADS_UP.role == "coordinating"
    assert ReminderKind.ESCALATION.audience is Audience.COORDINATOR and not ReminderKind.ESCALATION.actionable
    assert ReminderKind.INSPECTION.section == "inspection" and ReminderKind.OVERDUE.section is None
    assert ReminderKind.CHANNEL_LOST.notice and not ReminderKind.DUE.notice


def test_one_chat_per_person_the_preferred_one_else_the_fallback_order():
    who = recipients([TG, ZL, SOLO, COORD])
    assert who.officers == {7: (TG,), 8: (SOLO,)} and who.coordinators == (COORD,)
    lost = Chat(1, "telegram", "111", 7, person="p", preferred=True, active=False)
    assert recipients([lost, ZL, ML], ("telegram", "email", "zalo")).officers == {7: (ML,)}
    assert recipients([lost, ZL, ML], ("zalo", "email")).officers == {7: (ZL,)}


def test_surprise_inspections_reach_nobody_in_the_unit():
    who = recipients([TG, COORD])
    assert who.for_reminder(ReminderKind.INSPECTION, 7, surprise=True) == ()
    assert who.for_reminder(ReminderKind.INSPECTION, 7) == (TG,)
    assert who.for_reminder(ReminderKind.ESCALATION, 7) == (COORD,)
    claims = claims_for([Planned(5, 7, ReminderKind.DUE, "d0", 50, date(2023, 5, 22))], who)
    assert [(c.recipient_id, c.key) for c in claims] == [(1, "5:7:1:due:d0")]


def test_after_failure_retries_with_backoff_and_honours_retry_after():
    transient = Failure("Timed out", permanent=False)
    d = after_failure(failure=transient, attempts=1, chat=TG, chats=[TG, ZL], now=NOW)
    assert d.outcome is Outcome.RETRY and d.attempts == 2 and d.retry_at == NOW + timedelta(seconds=60)
    d = after_failure(failure=Failure("429", permanent=False, retry_after=7), attempts=0, chat=TG, chats=[], now=NOW)
    assert d.retry_at == NOW + timedelta(seconds=7)
    d = after_failure(
        failure=transient,
        attempts=20,
        chat=SOLO,
        chats=[],
        now=NOW,
        policy=FailurePolicy(max_attempts=50, backoff_max=600),
    )
    assert d.retry_at == NOW + timedelta(seconds=600)


def test_after_failure_gives_up_or_falls_back_in_the_configured_order():
    d = after_failure(failure=Failure("Timed out", permanent=False), attempts=4, chat=SOLO, chats=[], now=NOW)
    assert d.outcome is Outcome.GIVE_UP and d.notice is ReminderKind.DELIVERY_FAILED and not d.disable
    gone = Failure("blocked", permanent=True, recipient_gone=True)
    d = after_failure(
        failure=gone,
        attempts=0,
        chat=TG,
        chats=[TG, ZL, ML],
        now=NOW,
        policy=FailurePolicy(fallback_order=("telegram", "email", "zalo")),
    )
    assert d.outcome is Outcome.FALL_BACK and d.fallback == ML and d.disable
    assert d.notice is ReminderKind.CHANNEL_FALLBACK and d.notice_slot == "telegram:111"
    d = after_failure(failure=Failure("quota", permanent=False, quota=True), attempts=0, chat=ZL, chats=[ZL], now=NOW)
    assert d.outcome is Outcome.GIVE_UP and d.notice is ReminderKind.UNREACHABLE and d.exhausted_month == "2023-05"
    assert fallback_chats(ZL, [TG, ZL, ML], ("email", "telegram")) == [ML, TG]


def test_failure_claims_copy_the_reminders_and_tell_each_coordinator():
    gone = Failure("blocked", permanent=True, recipient_gone=True)
    d = after_failure(failure=gone, attempts=0, chat=TG, chats=[TG, ZL], now=NOW)
    day = date(2023, 5, 22)
    failed = claims_for([Planned(5, 7, ReminderKind.DUE, "d0", 50, day)], recipients([TG]))
    out = failure_claims(d, failed=failed, chat=TG, coordinators=[COORD], error="blocked", day=day)
    assert [(c.recipient_id, c.kind) for c in out] == [(2, ReminderKind.DUE), (9, ReminderKind.CHANNEL_FALLBACK)]
    assert out[1].chat == "telegram:111" and out[1].fallback_to == "zalo:z1" and out[1].error == "blocked"


def test_what_a_day_loads():
    p = ReminderPolicy()
    assert select_day(date(2023, 1, 24), CAL, p) is None  # Tết: nothing
    first = select_day(date(2023, 6, 1), CAL, p)
    assert "ongoing" in first.special_kinds and first.due_dates == tuple(sorted(first.tables.dates))
    assert date(2023, 6, 1) in first.start_dates
    assert "ongoing" not in select_day(date(2023, 6, 2), CAL, p).special_kinds
    assert select_day(date(2023, 6, 12), CAL, p).needs_date_week == "w2023-24"  # a Monday
    assert select_day(date(2023, 6, 13), CAL, p).needs_date_week is None
