"""The deadline in force: the one rule that a coordinator's date turns an undated item into a dated one.

Every package asks here (the core, the sweep, reports, the dry run); nobody repeats the rule.
"""

from __future__ import annotations

from datetime import date

from bot.domain.deadlines import Deadline, with_override

UNDATED_KINDS = ("unspecified", "on_demand")


def effective_kind(kind: str, override: date | None) -> str:
    """The deadline kind in force: "date" once a coordinator set a date for an undated item."""
    return "date" if override is not None and kind in UNDATED_KINDS else kind


def effective_deadline(parsed: Deadline, override: date | None) -> Deadline:
    """The parsed deadline with a coordinator's date applied (``plan set-due``)."""
    return with_override(parsed, override)
