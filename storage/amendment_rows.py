"""Amendments as the rest of the storage sees them: a reload of the plan keeps the dates that assignments
closed before an amendment's effective date were judged against (their on-time result never changes)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlmodel import Session

from storage.models import AmendmentRow, AssignmentRow


def reapply(session: Session, *, plan_id: int) -> None:
    """After a reload of the plan: every assignment an amendment left on its old date keeps it."""
    for (kept,) in session.execute(
        select(AmendmentRow.kept).where(AmendmentRow.plan_id == plan_id).order_by(AmendmentRow.id)
    ).all():
        for k in kept or ():
            session.execute(
                update(AssignmentRow)
                .where(AssignmentRow.id == k["assignment_id"], AssignmentRow.status == "done")
                .values(due=date.fromisoformat(k["due"]))
            )
