"""Every reminder kind, with its rules: who hears it, where it goes in a digest, which assignment it is
about. The database column keeps the string value; everything else uses the enum."""

from __future__ import annotations

from enum import Enum


class Audience(str, Enum):
    """Who a reminder kind goes to."""

    OFFICER = "officer"  # the focal officers of the reminder's agency
    COORDINATOR = "coordinator"  # the coordinators (Văn phòng UBND tỉnh)
    LEADER = "leader"  # the agency's leader (lãnh đạo phụ trách)

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


class ReminderKind(str, Enum):
    """A kind of reminder; ``ReminderKind("overdue")`` reads the stored value back."""

    # officers: the deadline ladder and the notices about one assignment
    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"
    START = "start"
    CHECKIN = "checkin"
    HEADS_UP = "heads_up"
    INSPECTION = "inspection"
    # the agency's leader: its overdue items, after some working days, then weekly
    LEADER_SUMMARY = "leader_summary"
    # coordinators
    ESCALATION = "escalation"
    NEEDS_DATE = "needs_date"
    RECURRENCE_DEFAULT = "recurrence_default"
    INSPECTION_DUE = "inspection_due"
    DAILY = "daily"
    WEEKLY = "weekly"
    # coordinators: what happened to deliveries
    CHANNEL_FALLBACK = "channel_fallback"
    CHANNEL_LOST = "channel_lost"
    UNREACHABLE = "unreachable"
    DELIVERY_FAILED = "delivery_failed"
    QUOTA_WARNING = "quota_warning"
    # an extension request (to coordinators) or its outcome (to the officer) on another channel than the sender's
    EXTENSION_NOTICE = "extension_notice"
    # to a chat that handed its seat over, on another channel than the one the hand-over was used on: told
    # once, although it is no longer active
    FAREWELL = "handover_notice"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    @property
    def audience(self) -> Audience:
        """Officers of the agency, its leader, or the coordinators."""
        if self is ReminderKind.LEADER_SUMMARY:
            return Audience.LEADER
        return Audience.OFFICER if self in _OFFICER_KINDS else Audience.COORDINATOR

    @property
    def role(self) -> str:
        """The assignment role an officer reminder is about (lead, coordinating, subject); "" otherwise."""
        return _ROLE.get(self, "lead" if self in _OFFICER_KINDS or self is ReminderKind.LEADER_SUMMARY else "")

    @property
    def section(self) -> str | None:
        """The officer digest's fixed section for this kind; None when it follows the due date
        (overdue / due today / upcoming, decided on the day the digest is built)."""
        return _SECTION.get(self)

    @property
    def actionable(self) -> bool:
        """An officer line that gets buttons (the agency can close it): not a heads-up, not an inspection."""
        return self in _OFFICER_KINDS and self not in (ReminderKind.HEADS_UP, ReminderKind.INSPECTION)

    @property
    def notice(self) -> bool:
        """A coordinators' notice about a delivery or a channel."""
        return self in _NOTICES


K = ReminderKind
_OFFICER_KINDS = frozenset({K.UPCOMING, K.DUE, K.OVERDUE, K.START, K.CHECKIN, K.HEADS_UP, K.INSPECTION})
_ROLE = {K.HEADS_UP: "coordinating", K.INSPECTION: "subject"}
_SECTION = {
    K.INSPECTION: "inspection",
    K.HEADS_UP: "heads_up",
    K.START: "start",
    K.CHECKIN: "checkin",
    K.LEADER_SUMMARY: "leader",
}
_NOTICES = frozenset(
    {
        K.CHANNEL_FALLBACK,
        K.CHANNEL_LOST,
        K.UNREACHABLE,
        K.DELIVERY_FAILED,
        K.QUOTA_WARNING,
        K.EXTENSION_NOTICE,
        K.FAREWELL,
    }
)
del K
