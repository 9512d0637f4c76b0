"""What the web desk needs to know, handed over by the composition root (no settings read here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time, timedelta, tzinfo

from bot.core.web_cmds import LINK_TTL
from bot.domain.report_data import PeriodRules
from bot.domain.workdays import WorkCalendar

__all__ = ["COOKIE", "LINK_TTL", "SESSION_TTL", "WebConfig"]  # LINK_TTL: one value for the chat and the desk

SESSION_TTL = timedelta(hours=12)
COOKIE = "nhacviec_phien"


@dataclass(frozen=True)
class WebConfig:
    """The desk's settings: the signing secret, its public address, the zone and the plan."""

    secret: str
    base_url: str
    zone: tzinfo
    plan_slug: str | None = None
    calendar: WorkCalendar | None = None
    bot_username: str = ""
    secure_cookie: bool = False  # add Secure when the desk is served over https
    session_ttl: timedelta = SESSION_TTL
    send_time: time = time(8, 0)  # when the daily sweep runs (SEND_TIME)
    period_rules: PeriodRules = field(default_factory=PeriodRules)  # PERIOD_DUE_*, DEFAULT_RECURRENCE
