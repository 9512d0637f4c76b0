"""An ambiguous failure (the message may have arrived) is retried at most once, never handed to another
channel, and counted across retries."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.domain.audience import Chat
from bot.domain.failure import Failure, Outcome, after_failure
from bot.domain.reminder_kinds import ReminderKind

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=timezone.utc)
TG = Chat(1, "telegram", "111", 7, person="p", preferred=True)
ZL = Chat(2, "zalo", "z1", 7, person="p", preferred=False)
TIMEOUT = Failure("ReadTimeout", permanent=False, ambiguous=True)


def test_first_ambiguous_failure_is_retried_with_backoff():
    d = after_failure(failure=TIMEOUT, attempts=0, chat=TG, chats=[TG, ZL], now=NOW)
    assert d.outcome is Outcome.RETRY and d.ambiguous == 1 and d.retry_at == NOW + timedelta(seconds=30)


def test_second_ambiguous_failure_gives_up_without_fallback():
    d = after_failure(failure=TIMEOUT, attempts=1, chat=TG, chats=[TG, ZL], now=NOW, ambiguous=1)
    assert d.outcome is Outcome.GIVE_UP and d.fallback is None and d.ambiguous == 2
    assert d.notice is ReminderKind.DELIVERY_FAILED and not d.disable


def test_a_plain_failure_after_an_ambiguous_one_keeps_retrying():
    d = after_failure(failure=Failure("500", permanent=False), attempts=1, chat=TG, chats=[], now=NOW, ambiguous=1)
    assert d.outcome is Outcome.RETRY and d.ambiguous == 1
