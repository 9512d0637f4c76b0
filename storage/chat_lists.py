"""The chat part's lists: /viec's pages and /trehan's overdue work (see bot.ports.ChatStore)."""

from __future__ import annotations

from datetime import date

from bot.domain.chat_records import AgencyOverdue, OverdueSummary, WorkPage
from storage import work
from storage.base import SqlBase
from storage.tallies import OverdueTallies


class SqlChatLists(SqlBase):
    """Read-only lists for the command core, each one transaction."""

    @property
    def tallies(self) -> OverdueTallies:
        """This store's kept overdue counts (/trehan), made at first use."""
        kept = self.__dict__.get("_tallies")
        return kept if kept is not None else self.__dict__.setdefault("_tallies", OverdueTallies())

    def open_page(self, *, plan_id: int, agency_id: int, page: int, page_size: int) -> WorkPage:
        """One page of an agency's open lead work, soonest first (the page clamped to those there are)."""
        with self.session() as s:
            total = work.count_open(s, plan_id=plan_id, agency_id=agency_id)
            if not total:
                return WorkPage(0, 1, 0, ())
            pages = (total + page_size - 1) // page_size
            page = min(max(page, 1), pages)
            items = work.open_work(
                s, plan_id=plan_id, agency_id=agency_id, limit=page_size, offset=(page - 1) * page_size
            )
            return WorkPage(total, page, pages, tuple(items))

    def agency_overdue(self, *, plan_id: int, agency_id: int, today: date, limit: int) -> AgencyOverdue:
        """The first ``limit`` overdue lead items of an agency, oldest first, and how many there are."""
        with self.session() as s:
            items = work.overdue_items(s, plan_id=plan_id, today=today, agency_ids=[agency_id], limit=limit + 1)
            total = (
                work.count_overdue(s, plan_id=plan_id, today=today, agency_id=agency_id)
                if len(items) > limit
                else len(items)
            )
            return AgencyOverdue(tuple(items[:limit]), total)

    def overdue_summary(self, *, plan_id: int, today: date, detail_limit: int) -> OverdueSummary:
        """Overdue counts per agency, most first; the items too when there are at most ``detail_limit``."""
        with self.session() as s:
            counts = tuple(self.tallies.overdue_by_agency(s, plan_id=plan_id, today=today))
            if not counts or sum(c.count for c in counts) > detail_limit:
                return OverdueSummary(counts)
            return OverdueSummary(counts, tuple(work.overdue_items(s, plan_id=plan_id, today=today)))
