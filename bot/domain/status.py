"""Assignment and item states."""

from __future__ import annotations

OPEN, IN_PROGRESS, DONE = "open", "in_progress", "done"
UNASSIGNED = "unassigned"


def item_status(lead_statuses: list[str]) -> str:
    """An item is done when every lead assignment is; in progress once any has moved."""
    if not lead_statuses:
        return UNASSIGNED
    if all(s == DONE for s in lead_statuses):
        return DONE
    if any(s in (DONE, IN_PROGRESS) for s in lead_statuses):
        return IN_PROGRESS
    return OPEN
