"""The audit trail as read back: one change per entry (pure).

Every change to the plan's work — closing, reopening, progress, evidence, extension requests and
decisions, deadlines set, role changes, registrations, revocations — is written once and never changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# The actions written (the texts module words them).
DONE = "done"
UNDO = "undo"
PROGRESS = "progress"
SET_DUE = "set_due"
INSPECTION = "inspection_scheduled"
EXTENSION_REQUESTED = "extension_requested"
EXTENSION_APPROVED = "extension_approved"
EXTENSION_REFUSED = "extension_refused"
EXTENSION_STALE = "extension_stale"
REGISTERED = "registered"
UNLINKED = "unlinked"
REVOKED = "revoked"
DISABLED = "disabled"
ROLE_CHANGED = "role_changed"
HANDED_OVER = "handed_over"  # people (issue 14 §3): a hand-over used, the outgoing chats ended
HANDOVER_INVITED = "handover_invited"
DEPUTY_ADDED = "deputy_added"
DEPUTY_INVITED = "deputy_invited"
LEADER_SET = "leader_set"
LEADER_INVITED = "leader_invited"
LEADER_REMOVED = "leader_removed"
EVIDENCE = "evidence"
WEB_SIGNED_IN = "web_signed_in"  # a session opened on the web desk with a one-time link
INVITE_CREATED = "invite_created"  # an invite made on the web desk
PLAN_LOADED = "plan_loaded"  # a plan loaded from a document uploaded to the web desk
OFFICER_INVITED = "officer_invited"  # an invite with no particular purpose (people_invite)
PERIOD_DONE = "period_done"  # one period of recurring work reported (issue 10 §1)
PERIOD_ENDED = "period_ended"  # ... or ended by a coordinator
PERIOD_UNDO = "period_undo"  # the period recorded last forgotten (/hoantac)
SUCCESSOR = "successor"  # a retired agency's open work moved to its successor (storage.successors)
AMENDMENT = "amendment"  # one item changed by a plan amendment (bot.domain.amendments)


@dataclass(frozen=True)
class AuditEntry:
    """One change: real time ``at`` and the program's business time, who and through what."""

    id: int
    at: datetime
    business_at: datetime
    actor: str
    channel: str
    action: str
    code: str = ""
    agency: str = ""
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (times in ISO 8601)."""
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "business_at": self.business_at.isoformat(),
            "actor": self.actor,
            "channel": self.channel,
            "action": self.action,
            "code": self.code,
            "agency": self.agency,
            "before": self.before,
            "after": self.after,
            "note": self.note,
        }
