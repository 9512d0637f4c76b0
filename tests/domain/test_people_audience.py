"""The audience rule with deputies and leaders (pure): the primary gets reminders, deputies copies of
overdue ones and every reminder while no primary can be reached; leaders only their summaries."""

from __future__ import annotations

from bot.domain.audience import Chat, recipients
from bot.domain.reminder_kinds import ReminderKind as K

PRIMARY = Chat(1, "telegram", "111", 7, person="invite:1")
DEPUTY = Chat(2, "zalo", "z-2", 7, person="invite:2", rank="deputy")
LEADER = Chat(3, "email", "ld@x.vn", 7, role="leader")
COORD = Chat(4, "telegram", "333", 1, role="coordinator")


def test_deputies_get_copies_of_overdue_reminders_only():
    who = recipients([PRIMARY, DEPUTY, LEADER, COORD])
    assert who.for_reminder(K.UPCOMING, 7) == (PRIMARY,)
    assert who.for_reminder(K.OVERDUE, 7) == (PRIMARY, DEPUTY)
    assert who.for_reminder(K.LEADER_SUMMARY, 7) == (LEADER,)
    assert who.for_reminder(K.ESCALATION, 7) == (COORD,)
    assert who.officer_ids() == {7: [1]} and who.copy_ids() == {"overdue": {7: [2]}}


def test_deputies_stand_in_while_no_primary_is_reached():
    from dataclasses import replace

    for chats in ([replace(PRIMARY, active=False), DEPUTY], [replace(PRIMARY, failing=True), DEPUTY], [DEPUTY]):
        who = recipients(chats)
        assert DEPUTY in who.for_reminder(K.UPCOMING, 7) and who.copy_ids() == {}
    assert recipients([replace(PRIMARY, failing=True), DEPUTY]).for_reminder(K.DUE, 7) == (
        replace(PRIMARY, failing=True),
        DEPUTY,
    )


def test_a_leader_never_gets_officer_reminders_and_no_leader_no_summary():
    who = recipients([PRIMARY, LEADER])
    assert LEADER not in who.for_reminder(K.OVERDUE, 7)
    assert recipients([PRIMARY]).for_reminder(K.LEADER_SUMMARY, 7) == ()
