"""Writing the audit trail: ONE insert per change, called from every write path of the store.

This module only ever INSERTs into ``audit_log``; nothing in the program updates or deletes its rows
(triggers refuse it, see migration 0004_gov, and tests/storage/test_audit.py reads the code to be sure).
The real time is read here (the program's clock may be fixed with --today; both are kept).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session

from storage.models import AuditRow


def _plain(value: Any) -> Any:
    """JSON-ready: dates as ISO text, nested containers walked."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def write(
    session: Session,
    *,
    action: str,
    actor: str,
    now: datetime | None,
    channel: str = "",
    plan_id: int | None = None,
    item_id: int | None = None,
    assignment_id: int | None = None,
    agency_id: int | None = None,
    code: str = "",
    agency: str = "",
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
    returning: Any = None,
) -> Any:
    """Append one audit row (the caller commits with the change it describes); ``now`` is the program's
    (business) time, None when the caller has none (then the real time). ``returning`` (a scalar SQL
    expression) is evaluated by the same INSERT and returned: one statement where a caller needs a figure."""
    real = datetime.now(timezone.utc)
    statement = insert(AuditRow).values(
        at=real,
        business_at=now or real,
        actor=actor[:200],
        channel=channel[:20],
        action=action,
        plan_id=plan_id,
        item_id=item_id,
        assignment_id=assignment_id,
        agency_id=agency_id,
        code=code[:20],
        agency=agency[:300],
        before=_plain(before or {}),
        after=_plain(after or {}),
        note=note or "",
    )
    if returning is None:
        session.execute(statement)
        return None
    if isinstance(returning, tuple):
        return tuple(session.execute(statement.returning(*returning)).one())
    return session.execute(statement.returning(returning)).scalar_one()
