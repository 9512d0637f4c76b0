"""/trehan's overdue counts per agency, kept between calls and recounted only for the agencies whose work
changed since. The database keeps a version per agency (``tally_version``), moved by triggers on every
write that can change its counts, whoever wrote it — this process, another ``nhacviec run``, the CLI, the
web desk, a hand-made UPDATE (migration 0016). A count is reused only while its agency's version holds,
for the same plan and day; agencies' names and active flags, and the few ongoing and recurring items
taken off, are read afresh each time.

Reading a version before the counts keeps the cache safe against a write in between: the count kept is
then newer than its version, and the next call recounts it.
"""

from __future__ import annotations

import threading
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from bot.domain.chat_records import OverdueCount
from storage import work
from storage.driver_rows import driver_rows
from storage.models import AgencyRow, TallyVersionRow

PLANS_KEPT = 8  # (plan, day) pairs kept: a province runs a handful of plans

_VERSIONS = select(TallyVersionRow.agency_id, TallyVersionRow.version)
_ACTIVE = select(AgencyRow.id, AgencyRow.name).where(AgencyRow.active.is_(True))
Counted = tuple[int, int, date | None]  # version, overdue (periodic work still in), oldest due


class OverdueTallies:
    """Overdue counts per (plan, day), per agency with the version it was counted at; thread-safe (the
    command core runs in worker threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: dict[tuple[int, date], dict[int, Counted]] = {}
        self.recounted = 0  # agencies counted again, for tests and benchmarks

    def overdue_by_agency(self, session: Session, *, plan_id: int, today: date) -> list[OverdueCount]:
        """As ``work.overdue_by_agency``, counting again only the agencies whose version moved."""
        conn = session.connection()
        versions = dict(driver_rows(conn, _VERSIONS, {}))
        agencies = driver_rows(conn, _ACTIVE, {})
        key = (plan_id, today)
        with self._lock:
            kept = dict(self._kept.get(key, {}))
        stale = [a for a, _ in agencies if kept.get(a, (None,))[0] != versions.get(a, 0)]
        if stale:
            every = len(stale) == len(agencies)
            fresh = work.overdue_counts(session, plan_id=plan_id, today=today, agency_ids=None if every else stale)
            counted = {a: c for a, _, c, _ in fresh}
            for a, _, c, oldest in fresh:
                kept[a] = (versions.get(a, 0), c, oldest)
            for a in stale:  # an agency without a row (no open lead work): nothing overdue
                if a not in counted:
                    kept[a] = (versions.get(a, 0), 0, None)
            with self._lock:
                self._kept.pop(key, None)
                self._kept[key] = kept
                while len(self._kept) > PLANS_KEPT:
                    self._kept.pop(next(iter(self._kept)))
                self.recounted += len(stale)
        counts = [(a, name, kept[a][1], kept[a][2]) for a, name in agencies]
        return work.ranked(counts, work.periodic_overdue(session, plan_id=plan_id, today=today))
