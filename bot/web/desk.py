"""What the desk's pages show, computed once per state of the database (a snapshot) and filtered per page.

The snapshot holds the report data (the same ``store.report_data`` the reports use), the tally as the
reports categorise it (``Tally.of`` over ``tally_rows``, as ``bot.reports.build.tally`` does), every item
with its state, and the work due soon. It is rebuilt when ``store.web_data_version()`` or the day changes
(and at least every minute), so a page over 100k assignments costs one cheap query plus filtering in memory;
the fingerprint itself is asked at most once a second, and the rendered bodies of the Tổng hợp and Nhiệm
vụ pages are kept with their snapshot (by viewer and query).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, TypeVar

from bot.domain.report_data import ReportData, tally_rows
from bot.domain.report_text import official_order
from bot.domain.tally import Tally, item_state, state
from bot.domain.folding import fold
from bot.ports import Store
from bot.reports.build import horizon
from bot.web.config import WebConfig

T = TypeVar("T")
SOON_DAYS = 14
PAGE_SIZE = 50
MAX_AGE = 60.0  # seconds
FIGURES_AGE = 15.0  # seconds: the sweep's and the chats' figures on Tổng hợp
FRAGMENTS_KEPT = 256  # rendered page bodies kept per snapshot
VERSION_AGE = 1.0  # seconds the data's fingerprint is trusted without asking the database again


@dataclass(frozen=True)
class ItemLine:
    """One item of the plan as the list shows it."""

    id: int
    code: str
    section: str
    section_title: str
    type: str
    content: str
    due: date | None
    state: str
    surprise: bool
    agencies: tuple[str, ...]
    agency_ids: frozenset[int]
    folded: str


@dataclass
class Snapshot:
    """Everything the summary, agencies and plan pages need, for one day and one state of the data."""

    data: ReportData
    today: date
    tally: Tally
    states: list[str]  # per row of data.rows
    items: list[ItemLine]
    soon_until: date
    sections: list[tuple[str, str]] = field(default_factory=list)
    agencies: list[tuple[int, str]] = field(default_factory=list)  # (id, name) in official order
    by_item: dict[int, list[int]] = field(default_factory=dict)  # item id → indices of its rows

    due_soon: list[dict] = field(default_factory=list)
    # rendered page bodies (and what they are made of) of this snapshot, by page, viewer and query
    fragments: dict[tuple, Any] = field(default_factory=dict)
    _fragments_lock: threading.Lock = field(default_factory=threading.Lock)

    def fragment(self, key: tuple, render: Callable[[], T]) -> T:
        """Computed once per snapshot and ``key`` (a page body for the viewer's scope and the query, the
        items an officer may see...): they die with the snapshot."""
        with self._fragments_lock:
            hit = self.fragments.get(key)
        if hit is not None:
            return hit
        html = render()
        with self._fragments_lock:
            if len(self.fragments) >= FRAGMENTS_KEPT:
                self.fragments.pop(next(iter(self.fragments)))
            self.fragments[key] = html
        return html

    def soon(self, agency_id: int | None = None) -> list[dict]:
        """Open lead work due from today to the horizon, soonest first (one agency's, or all)."""
        return self.due_soon if agency_id is None else [r for r in self.due_soon if r["agency_id"] == agency_id]

    def agency_tally(self, agency_id: int) -> Tally:
        rows = [r for r in self.data.rows if r["agency_id"] == agency_id]
        return Tally.of(tally_rows(rows, self.today, self.data.rules), self.today)

    def agency_rows(self, agency_id: int) -> list[tuple[dict, str]]:
        return [(r, s) for r, s in zip(self.data.rows, self.states) if r["agency_id"] == agency_id]


def build_snapshot(data: ReportData, today: date, config: WebConfig) -> Snapshot:
    """Compute the snapshot (see the module docstring)."""
    rows = tally_rows(data.rows, today, data.rules)
    t = Tally.of(rows, today)  # what bot.reports.build.tally computes, rows made once
    states = [state(tr, today) for tr in rows]
    per_item: dict[int, list[int]] = {}
    for n, r in enumerate(data.rows):
        per_item.setdefault(r["item_id"], []).append(n)
    items: list[ItemLine] = []
    sections: dict[str, str] = {}
    for item_id, idx in per_item.items():
        first = data.rows[idx[0]]
        sections.setdefault(first["section"], first["section_title"])
        names = tuple(data.rows[i]["agency"] for i in idx)
        items.append(
            ItemLine(
                id=item_id,
                code=first["code"],
                section=first["section"],
                section_title=first["section_title"],
                type=first["type"],
                content=first["content"],
                due=first["due"],
                state=item_state([states[i] for i in idx]),
                surprise=bool(first["surprise"]),
                agencies=names,
                agency_ids=frozenset(data.rows[i]["agency_id"] for i in idx),
                folded=fold(f"{first['code']} {first['content']}"),
            )
        )
    ids: dict[str, int] = {}
    for r in data.rows:
        ids.setdefault(r["agency"], r["agency_id"])
    order = [(ids[name], name) for name, _ in official_order(data.rows)]
    until = horizon(today, config.calendar, SOON_DAYS)
    soon = sorted(
        (
            {**r, "state": st}
            for r, st in zip(data.rows, states)
            if r["status"] != "done" and r["due"] and today <= r["due"] <= until
        ),
        key=lambda r: (r["due"], r["position"], r["agency_id"]),
    )
    return Snapshot(
        data=data,
        today=today,
        tally=t,
        states=states,
        items=items,
        soon_until=until,
        sections=list(sections.items()),
        agencies=order,
        by_item=per_item,
        due_soon=soon,
    )


class Desk:
    """The snapshot cache: one snapshot kept, rebuilt when the data's fingerprint or the day changes.

    A page never waits for a rebuild once a snapshot of the day exists: the snapshot in hand is served
    (``refreshing`` tells the page to say so) while one background thread builds the next one. Only the
    first page of a day waits."""

    def __init__(self, store: Store, config: WebConfig, *, background: bool = True, version_age: float = VERSION_AGE):
        self.store = store
        self.config = config
        self.background = background
        self.version_age = version_age
        self._lock = threading.Lock()  # guards the fields below
        self._build = threading.Lock()  # one build at a time
        self._key: tuple | None = None
        self._snapshot: Snapshot | None = None
        self._built = 0.0
        self._worker: threading.Thread | None = None
        self._figures: dict[str, tuple[float, object]] = {}
        self._version_at: tuple[float, tuple] | None = None

    def figures(self, key: str, compute, max_age: float = FIGURES_AGE):
        """A small figure of the operations (sweeps, sends, chats) kept ``max_age`` seconds: such figures
        change with every send, not with the plan, so they are not part of the snapshot."""
        now = time.monotonic()
        with self._lock:
            hit = self._figures.get(key)
            if hit is not None and now - hit[0] <= max_age:
                return hit[1]
        value = compute()
        with self._lock:
            self._figures[key] = (now, value)
        return value

    @property
    def refreshing(self) -> bool:
        """A newer snapshot is being built (the pages show the previous one meanwhile)."""
        worker = self._worker
        return worker is not None and worker.is_alive()

    def _version(self) -> tuple:
        """The data's fingerprint, asked of the database at most every ``version_age`` seconds (the
        desk's own changes forget it: ``changed``)."""
        now = time.monotonic()
        with self._lock:
            if self._version_at is not None and now - self._version_at[0] <= self.version_age:
                return self._version_at[1]
        version = self.store.web_data_version(plan_slug=self.config.plan_slug)
        with self._lock:
            self._version_at = (now, version)
        return version

    def changed(self) -> None:
        """The desk itself changed something: the next page asks the database for the fingerprint."""
        with self._lock:
            self._version_at = None

    def snapshot(self, today: date) -> Snapshot:
        """The snapshot for ``today``: rebuilt when the data's fingerprint changed, and at least every
        ``MAX_AGE`` (a safety net for a writer that leaves no history event)."""
        key = (today, self._version())
        with self._lock:
            current = self._snapshot
            fresh = key == self._key and time.monotonic() - self._built <= MAX_AGE
            if current is not None and fresh:
                return current
            if current is not None and current.today == today and self.background:
                if not self.refreshing:
                    self._worker = threading.Thread(
                        target=self._rebuild, args=(key,), name="desk-snapshot", daemon=True
                    )
                    self._worker.start()
                return current
        return self._rebuild(key)

    def refresh(self, today: date) -> Snapshot:
        """Rebuild now, waiting for it (after the desk itself changed the plan: the next page shows it)."""
        self.changed()
        return self._rebuild((today, self._version()))

    def _rebuild(self, key: tuple) -> Snapshot:
        with self._build:
            with self._lock:
                if key == self._key and self._snapshot is not None and time.monotonic() - self._built <= MAX_AGE:
                    return self._snapshot
            data = self.store.report_data(zone=self.config.zone, plan_slug=self.config.plan_slug)
            data.rules = self.config.period_rules  # the tally counts periods as the reports do
            snapshot = build_snapshot(data, key[0], self.config)
            with self._lock:
                self._snapshot, self._key, self._built = snapshot, key, time.monotonic()
            return snapshot


@dataclass(frozen=True)
class Filters:
    """The plan page's filters, as the query string gives them."""

    section: str = ""
    state: str = ""
    agency: int | None = None
    due_before: date | None = None
    q: str = ""
    page: int = 1

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(fold(self.q).split())

    def keep(self, line: ItemLine, words: tuple[str, ...] = ()) -> bool:
        if self.section and line.section != self.section:
            return False
        if self.state and line.state != self.state:
            return False
        if self.agency is not None and self.agency not in line.agency_ids:
            return False
        if self.due_before is not None and (line.due is None or line.due >= self.due_before):
            return False
        return all(w in line.folded for w in words)


def filtered(lines: list[ItemLine], filters: Filters) -> tuple[list[ItemLine], int, int]:
    """(one page of the matching items, how many match, pages). ``Filters.keep`` says the same of one
    line; here each filter is one pass (the plan page at 100k assignments)."""
    f = filters
    if f.state:
        lines = [x for x in lines if x.state == f.state]
    if f.agency is not None:
        lines = [x for x in lines if f.agency in x.agency_ids]
    if f.section:
        lines = [x for x in lines if x.section == f.section]
    if f.due_before is not None:
        lines = [x for x in lines if x.due is not None and x.due < f.due_before]
    for word in f.words:
        lines = [x for x in lines if word in x.folded]
    found = lines
    pages = max(1, -(-len(found) // PAGE_SIZE))
    page = min(max(1, filters.page), pages)
    return found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE], len(found), pages
