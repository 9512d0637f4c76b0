"""Plain answers the store gives the operator's commands (status, plan items by code)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.domain.deadlines import Deadline


@dataclass(frozen=True)
class CodedItem:
    """One plan item as ``plan confirm`` and ``inspection schedule`` need it."""

    code: str
    type: str
    surprise: bool
    deadline: Deadline  # the reading in force (a coordinator's date applied)


@dataclass
class StatusFigures:
    """What ``nhacviec status`` reports about the sweep, the sends and the chats."""

    last_sweep: date | None = None
    sent_today: int = 0
    pending_retries: int = 0
    failures: int = 0
    disabled_recipients: list[str] = field(default_factory=list)  # "channel:chat (agency)"
    agencies_without_recipient: list[str] = field(default_factory=list)
    zalo_sent_this_month: int = 0
    zalo_quota_exhausted: bool = False
