"""The Government Office's task-tracking states, for every assignment as of a day (pure)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from bot.domain.documents import cited_document

DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
IN_PROGRESS = "in_progress_on_time"
OVERDUE = "overdue"
NOT_DUE = "not_due_or_ongoing"
UNDATED = "undated"
STATES = (DONE_ON_TIME, DONE_LATE, IN_PROGRESS, OVERDUE, NOT_DUE, UNDATED)


@dataclass(frozen=True)
class TallyRow:
    code: str
    section: str
    agency: str
    kind: str                 # deadline kind in force
    due: date | None          # None: no date (unspecified, on demand, waiting for a coordinator)
    start: date | None
    status: str               # open | in_progress | done
    closed_on: date | None = None
    note: str = ""

    @property
    def completed_on(self) -> date | None:
        """The cited document's date when the note names one ("QĐ số … ngày 15/6/2023"), else the close date."""
        if self.status != "done":
            return None
        return cited_document(self.note).get("date") or self.closed_on


def state(row: TallyRow, today: date) -> str:
    if row.status == "done":
        done = row.completed_on
        if row.due is None or done is None or done <= row.due:
            return DONE_ON_TIME
        return DONE_LATE
    if row.due is None:
        return UNDATED
    if row.due < today:
        return OVERDUE
    if row.kind in ("ongoing", "recurring") or (row.start is not None and row.start > today):
        return NOT_DUE
    return IN_PROGRESS


@dataclass
class Tally:
    total: Counter
    by_agency: dict[str, Counter]
    by_section: dict[str, Counter]

    @classmethod
    def of(cls, rows: list[TallyRow], today: date) -> "Tally":
        total: Counter = Counter()
        by_agency: dict[str, Counter] = {}
        by_section: dict[str, Counter] = {}
        for r in rows:
            s = state(r, today)
            total[s] += 1
            by_agency.setdefault(r.agency, Counter())[s] += 1
            by_section.setdefault(r.section, Counter())[s] += 1
        return cls(total, by_agency, by_section)

    def worst(self, n: int = 5) -> list[tuple[str, int]]:
        """Agencies with the most overdue assignments."""
        ranked = sorted(((a, c[OVERDUE]) for a, c in self.by_agency.items() if c[OVERDUE]), key=lambda x: (-x[1], x[0]))
        return ranked[:n]
