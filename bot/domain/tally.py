"""The progress tally of a plan as a Vietnamese summary reads it, for every assignment as of a day (pure).

States of one lead assignment on ``today``:

- ``done_on_time`` / ``done_late`` — Đã hoàn thành đúng hạn / quá hạn, judged on the date the state uses:
  the cited document's date when the note names one ("QĐ số … ngày 15/6/2023"), else the day it was closed.
- ``in_progress_on_time`` — Chưa hoàn thành, trong hạn (đang thực hiện);
- ``not_yet_due`` — Chưa hoàn thành, trong hạn: a window that has not opened yet ("chưa đến hạn"), counted
  inside "trong hạn" but shown on its own line (never mixed with ongoing work);
- ``overdue`` — Chưa hoàn thành, quá hạn;
- ``ongoing`` — Nhiệm vụ thường xuyên (đang triển khai): "Thường xuyên" and periodic ("Định kỳ") work whose
  term has not ended. Such a task reported done *without a document* before its term ends stays here:
  one closure in July does not discharge a year of continuous work. It counts as done once its term has
  ended (or when it was closed on/after its end), or at once when a document is cited;
- ``undated`` — Chưa xác định thời hạn (on request, per another schedule, waiting for a date).

Recurring work counts by occurrence (issue 10 §1): a row with ``periods`` (the periods already due on the
report date, each a ``TallyRow`` of kind ``period``) counts each period on its own — a quarterly report is
four rows in a year, each done on time, done late or overdue — and takes its least advanced period's state
as the assignment's. Before its first period is due it stays ``ongoing``.

An item (a row of the plan) takes the state of its least advanced lead assignment, so the summary counts
both items (the seed: 27 tasks + 16 review rows + 17 inspections = 60) and assignments.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from bot.domain.documents import cited_document

DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
IN_PROGRESS = "in_progress_on_time"
NOT_YET_DUE = "not_yet_due"
OVERDUE = "overdue"
ONGOING = "ongoing"
UNDATED = "undated"
STATES = (DONE_ON_TIME, DONE_LATE, IN_PROGRESS, NOT_YET_DUE, OVERDUE, ONGOING, UNDATED)
# An item's state is its least advanced assignment's: the first of this order found among them.
_ITEM_ORDER = (OVERDUE, IN_PROGRESS, NOT_YET_DUE, ONGOING, UNDATED, DONE_LATE, DONE_ON_TIME)
_CONTINUOUS = ("ongoing", "recurring")

# The summary's lines: (level, key, states counted). Level 0 is a heading with its subtotal.
SUMMARY = (
    (0, "done", (DONE_ON_TIME, DONE_LATE)),
    (1, "done_on_time", (DONE_ON_TIME,)),
    (1, "done_late", (DONE_LATE,)),
    (0, "open", (IN_PROGRESS, NOT_YET_DUE, OVERDUE)),
    (1, "open_on_time", (IN_PROGRESS, NOT_YET_DUE)),
    (2, "not_yet_due", (NOT_YET_DUE,)),
    (1, "overdue", (OVERDUE,)),
    (0, "ongoing", (ONGOING,)),
    (0, "undated", (UNDATED,)),
)


@dataclass(frozen=True)
class TallyRow:
    code: str
    section: str
    agency: str
    kind: str  # deadline kind in force
    due: date | None  # None: no date (unspecified, on demand, waiting for a coordinator)
    start: date | None
    status: str  # open | in_progress | done
    closed_on: date | None = None
    note: str = ""
    period: str = ""  # a period of recurring work: its label ("quý I/2023")
    periods: tuple["TallyRow", ...] = ()  # recurring work: its periods already due, one row each

    @property
    def units(self) -> tuple["TallyRow", ...]:
        """What the tally counts for this row: its periods when it has some, else the row itself."""
        return self.periods or (self,)

    @property
    def document_date(self) -> date | None:
        """The date of the document the note cites, if any."""
        return cited_document(self.note).get("date") if self.note else None

    @property
    def completed_on(self) -> date | None:
        """The date the state uses: the cited document's date when the note names one, else the close date."""
        if self.status != "done":
            return None
        return self.document_date or self.closed_on


def state(row: TallyRow, today: date) -> str:
    """The row's state on ``today`` (see the module docstring)."""
    if row.periods:
        return item_state([state(p, today) for p in row.periods])
    if row.status == "done":
        done = row.completed_on
        continuous = row.kind in _CONTINUOUS and row.due is not None
        if continuous and row.document_date is None and today <= row.due and (done is None or done < row.due):
            return ONGOING  # closed early without a document: the continuous work goes on
        if row.due is None or done is None or done <= row.due:
            return DONE_ON_TIME
        return DONE_LATE
    if row.due is None:
        return UNDATED
    if row.kind in _CONTINUOUS:  # never overdue as a whole: its periods are (issue 10 §1)
        return ONGOING
    if row.due < today:
        return OVERDUE
    if row.start is not None and row.start > today:
        return NOT_YET_DUE
    return IN_PROGRESS


def item_state(states: list[str]) -> str:
    """An item's state from its assignments' states (the least advanced one)."""
    return next(s for s in _ITEM_ORDER if s in states)


@dataclass
class Tally:
    total: Counter  # assignments per state
    by_agency: dict[str, Counter]
    by_section: dict[str, Counter]
    items: Counter = field(default_factory=Counter)  # items per state
    by_section_items: dict[str, Counter] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: list[TallyRow], today: date) -> "Tally":
        total: Counter = Counter()
        by_agency: dict[str, Counter] = {}
        by_section: dict[str, Counter] = {}
        per_item: dict[str, tuple[str, list[str]]] = {}
        for r in rows:
            for unit in r.units:
                s = state(unit, today)
                total[s] += 1
                by_agency.setdefault(r.agency, Counter())[s] += 1
                by_section.setdefault(r.section, Counter())[s] += 1
                per_item.setdefault(r.code, (r.section, []))[1].append(s)
        items: Counter = Counter()
        by_section_items: dict[str, Counter] = {}
        for section, states in per_item.values():
            s = item_state(states)
            items[s] += 1
            by_section_items.setdefault(section, Counter())[s] += 1
        return cls(total, by_agency, by_section, items, by_section_items)

    @property
    def assignments(self) -> int:
        return sum(self.total.values())

    @property
    def item_count(self) -> int:
        return sum(self.items.values())

    def summary(self) -> list[tuple[int, str, int, int]]:
        """(level, key, items, assignments) for every line of ``SUMMARY``, zero lines included."""
        return [
            (level, key, sum(self.items[s] for s in states), sum(self.total[s] for s in states))
            for level, key, states in SUMMARY
        ]

    def worst(self, n: int = 5) -> list[tuple[str, int]]:
        """Agencies with the most overdue assignments."""
        ranked = sorted(((a, c[OVERDUE]) for a, c in self.by_agency.items() if c[OVERDUE]), key=lambda x: (-x[1], x[0]))
        return ranked[:n]


def percent(n: int, total: int) -> str:
    """One decimal with a decimal comma, as Vietnamese reports write it: "0,4%"."""
    value = 100 * n / total if total else 0.0
    return f"{value:.1f}".replace(".", ",") + "%"
