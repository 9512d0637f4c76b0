"""Writing the audit trail: ONE insert per change, called from every write path of the store.

This module only ever INSERTs into ``audit_log``; nothing in the program updates or deletes its rows
(triggers refuse it, see migration 0004_gov, and tests/storage/test_audit.py reads the code to be sure).
The real time is read here (the program's clock may be fixed with --today; both are kept).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import bindparam, insert
from sqlmodel import Session

from storage.models import AuditRow

_TABLE = AuditRow.__table__
_COLUMNS = (
    "at",
    "business_at",
    "actor",
    "channel",
    "action",
    "plan_id",
    "item_id",
    "assignment_id",
    "agency_id",
    "code",
    "agency",
    "before",
    "after",
    "note",
)
# Built once (Core, no ORM bookkeeping): each write binds its values only.
_INSERT = insert(_TABLE).values({c: bindparam(f"audit_{c}", type_=_TABLE.c[c].type) for c in _COLUMNS})
_STABLE: dict[int, tuple[Any, Any]] = {}  # id(returning) → (returning, the INSERT … RETURNING built once)


def _insert_returning(returning: tuple) -> Any:
    hit = _STABLE.get(id(returning))
    if hit is None or hit[0] is not returning:
        hit = (returning, _INSERT.returning(*returning))
        _STABLE[id(returning)] = hit
    return hit[1]


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
    params: dict[str, Any] | None = None,
) -> Any:
    """Append one audit row (the caller commits with the change it describes); ``now`` is the program's
    (business) time, None when the caller has none (then the real time). ``returning`` (a scalar SQL
    expression, or a tuple of them) is evaluated by the same INSERT and returned: one statement where a
    caller needs a figure. With ``params`` (the values of ``returning``'s own bind parameters), the
    ``returning`` object is taken as built once by the caller, and its INSERT … RETURNING is reused."""
    real = datetime.now(timezone.utc)
    values = dict(
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
    bound = {f"audit_{k}": v for k, v in values.items()}
    conn = session.connection()
    if returning is None:
        conn.execute(_INSERT, bound)
        return None
    if params is not None:  # stable expressions with their own bind parameters: the statement is reused
        exprs = returning if isinstance(returning, tuple) else (returning,)
        row = conn.execute(_insert_returning(exprs), {**bound, **params}).one()
        return tuple(row) if isinstance(returning, tuple) else row[0]
    if isinstance(returning, tuple):
        return tuple(conn.execute(_INSERT.returning(*returning), bound).one())
    return conn.execute(_INSERT.returning(returning), bound).scalar_one()
