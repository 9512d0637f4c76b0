"""Extensions of one agency's deadline (gia hạn): the request, its checks and its decision (pure).

The responsible agency asks in writing with a reason; a coordinator approves (citing the approving
document) or refuses. An approved extension moves that agency's due date only; the original date stays
on record and reports judge on-time against the approved date and count extensions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.documents import cited_document

PENDING = "pending"
APPROVED = "approved"
REFUSED = "refused"
STALE = "stale"  # the item was closed (or the assignment retired) before a decision

# Why a request cannot be made (the core words each for the officer).
NO_DATE = "no_date"  # the assignment has no date to extend
NOT_LATER = "not_later"  # the date asked is not after the date in force
IN_PAST = "in_past"  # the date asked is already past
NO_REASON = "no_reason"  # a request states its reason
CLOSED = "closed"  # the work is done: nothing to extend
ALREADY_PENDING = "already_pending"


@dataclass(frozen=True)
class Extension:
    """One request and its decision, as stored."""

    id: int
    item_id: int
    assignment_id: int
    agency_id: int
    code: str
    agency: str
    status: str
    original_due: date
    new_due: date
    reason: str = ""
    requested_by: str = ""
    requested_at: datetime | None = None
    channel: str = ""  # the requesting chat, told the outcome
    chat_id: str = ""
    decided_by: str = ""
    decided_at: datetime | None = None
    document: str = ""
    decision_note: str = ""


@dataclass(frozen=True)
class ExtensionOutcome:
    """What a request or a decision did: ``error`` (one of the reasons above, or a status when the
    request was already decided), else the extension as it now stands."""

    extension: Extension | None = None
    error: str = ""


def request_problem(*, due: date | None, status: str, new_due: date, today: date, reason: str) -> str:
    """Why an extension to ``new_due`` cannot be asked for work due ``due`` in state ``status`` ("" if it can)."""
    if status == "done":
        return CLOSED
    if due is None:
        return NO_DATE
    if new_due <= due:
        return NOT_LATER
    if new_due < today:
        return IN_PAST
    if not reason.strip():
        return NO_REASON
    return ""


def document_valid(document: str, today: date) -> bool:
    """A cited approving document is evidence only if it is not dated after today."""
    when = cited_document(document).get("date")
    return when is None or when <= today
