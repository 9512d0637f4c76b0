"""The chat part's periods of recurring work (see bot.ports.ChatStore; the rows: storage/occurrences.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.domain.period_work import PeriodFacts, PeriodRecord, PeriodWork
from storage import occurrences
from storage.base import SqlBase


class SqlChatPeriods(SqlBase):
    """/xong, /hoantac and /viec on recurring work: one transaction per period recorded or undone."""

    def period_facts(self, *, assignment_id: int) -> PeriodFacts | None:
        """The item's deadline, the plan's span and the periods recorded for one assignment."""
        with self.session() as s:
            return occurrences.period_facts(s, assignment_id=assignment_id)

    def record_period(
        self,
        *,
        assignment_id: int,
        item_id: int,
        period: str,
        due: date,
        status: str,
        actor: str,
        note: str,
        now: datetime,
        data: dict[str, Any],
        channel: str = "",
    ) -> bool:
        """Record one period of a recurring assignment as done (or ended); False when it already was."""
        with self.session() as s:
            ok = occurrences.record_period(
                s,
                assignment_id=assignment_id,
                item_id=item_id,
                period=period,
                due=due,
                status=status,
                actor=actor,
                note=note,
                now=now,
                data=data,
                channel=channel,
            )
            s.commit()
            return ok

    def period_open_work(self, *, plan_id: int, agency_id: int | None = None) -> list[PeriodWork]:
        """Open recurring lead assignments (of one agency, or all) with the periods recorded for them."""
        with self.session() as s:
            return occurrences.open_period_work(s, plan_id=plan_id, agency_id=agency_id)

    def period_undo_latest(
        self, *, assignment_id: int, item_id: int, actor: str, now: datetime, channel: str = ""
    ) -> PeriodRecord | None:
        """Forget the period recorded last for a recurring assignment; None when none is recorded."""
        with self.session() as s:
            record = occurrences.undo_latest_period(
                s, assignment_id=assignment_id, item_id=item_id, actor=actor, now=now, channel=channel
            )
            s.commit()
            return record
