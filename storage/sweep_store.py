"""The sweep part of the store (see bot.ports.SweepStore): what the daily sweep, the retries, delivery
and ``remind --dry-run`` ask of the database, one transaction per call."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Collection, Iterable

from sqlalchemy import func, select, update

from bot.domain.audience import Chat
from bot.domain.claims import Claim
from bot.domain.day_plan import DaySelection, DueWork
from bot.domain.pending import ItemFacts, Overview, PendingBatch
from bot.domain.reminders import DayTables
from storage import claims as C
from storage import deliveries as D
from storage import lease as L
from storage import registry
from storage.base import SqlBase
from storage.due_rows import due_work
from storage.models import ReminderRow, SweepRow


class SqlSweepStore(SqlBase):
    """Implements bot.ports.SweepStore."""

    # --- the sweep: plan and claim ------------------------------------------------------------------

    def last_swept_day(self) -> date | None:
        with self.session() as s:
            return s.execute(select(func.max(SweepRow.day)).where(SweepRow.finished_at.is_not(None))).scalar_one()

    def linked_chats(self, *, active_only: bool = True, person: str | None = None) -> list[Chat]:
        with self.session() as s:
            return D.chats(s, active_only=active_only, person=person)

    def due_work(self, *, selection: DaySelection, plain: bool = True) -> DueWork:
        with self.session() as s:
            return due_work(s, selection=selection, plain=plain)

    def claim_plain(
        self,
        *,
        day: date,
        tables: DayTables,
        officers: dict[int, list[int]],
        coordinators: list[int],
        now: datetime,
        copies: dict[str, dict[int, list[int]]] | None = None,
    ) -> int:
        with self.session() as s:
            n = C.claim_plain(
                s, day=day, tables=tables, officers=officers, coordinators=coordinators, now=now, copies=copies
            )
            s.commit()
            return n

    def claim(self, *, claims: Iterable[Claim], now: datetime) -> int:
        with self.session() as s:
            n = C.insert_claims(s, claims=claims, now=now)
            s.commit()
            return n

    def record_sweep(
        self, *, day: date, first_day: date, started_at: datetime, planned: int, claimed: int, finished_at: datetime
    ) -> None:
        with self.session() as s:
            s.add(
                SweepRow(
                    day=day,
                    first_day=first_day,
                    started_at=started_at,
                    finished_at=finished_at,
                    planned=planned,
                    claimed=claimed,
                )
            )
            s.commit()

    def record_sweep_delivery(self, *, sent: int, failed: int) -> None:
        with self.session() as s:
            last = s.execute(select(func.max(SweepRow.id))).scalar_one()
            if last is not None:
                s.execute(update(SweepRow).where(SweepRow.id == last).values(sent=sent, failed=failed))
                s.commit()

    # --- delivery -----------------------------------------------------------------------------------

    def waiting_recipients(self, *, channels: Iterable[str], now: datetime) -> list[int]:
        with self.session() as s:
            return D.waiting_recipients(s, channels=channels, now=now)

    def take_batch(
        self,
        *,
        recipient_ids: list[int],
        holder: str,
        now: datetime,
        until: datetime,
        known_items: Collection[int] = (),
    ) -> PendingBatch:
        with self.session() as s:
            batch = D.take_batch(
                s, recipient_ids=recipient_ids, owner=holder, now=now, until=until, known_items=known_items
            )
            s.commit()
            return batch

    def acquire_sender_lease(self, *, holder: str, now: datetime, until: datetime) -> bool:
        with self.session() as s:
            got = L.acquire(s, holder=holder, now=now, until=until)
            s.commit()
            return got

    def renew_sender_lease(self, *, holder: str, until: datetime) -> bool:
        with self.session() as s:
            kept = L.renew(s, holder=holder, until=until)
            s.commit()
            return kept

    def release_sender_lease(self, *, holder: str) -> None:
        with self.session() as s:
            L.release(s, holder=holder)
            s.commit()

    def sender_lease_holder(self, *, now: datetime) -> tuple[str, datetime] | None:
        with self.session() as s:
            return L.holder(s, now=now)

    def coordinator_overview(
        self, *, plan_slug: str | None, today: date, zone: tzinfo, weekly: bool, soon_until: date | None = None
    ) -> Overview:
        with self.session() as s:
            return D.overview(s, plan_slug=plan_slug, today=today, zone=zone, weekly=weekly, soon_until=soon_until)

    def record_sent(self, *, reminder_ids: list[int], now: datetime, ref: str) -> None:
        with self.session() as s:
            D.finish(s, reminder_ids=reminder_ids, status="sent", now=now, ref=ref)
            s.commit()

    def record_skipped(self, *, reminder_ids: list[int], now: datetime) -> None:
        with self.session() as s:
            D.finish(s, reminder_ids=reminder_ids, status="skipped", now=now)
            s.commit()

    def record_failure(
        self,
        *,
        reminder_ids: list[int],
        attempts: int,
        error: str,
        retry_at: datetime | None,
        disable: Chat | None = None,
        exhausted: tuple[str, str] | None = None,
        claims: Iterable[Claim] = (),
        now: datetime,
        ambiguous: int | None = None,
    ) -> int:
        """One transaction: the failed rows (retry at ``retry_at`` or failed), the chat disabled, the
        channel's month marked exhausted (channel, month), the claims the failure raised. Returns the
        claims inserted."""
        with self.session() as s:
            D.record_failure(
                s, reminder_ids=reminder_ids, attempts=attempts, error=error, retry_at=retry_at, ambiguous=ambiguous
            )
            if disable is not None:
                registry.disable(s, channel=disable.channel, chat_id=disable.chat_id, reason=error)
            if exhausted is not None:
                registry.mark_exhausted(s, channel=exhausted[0], month=exhausted[1])
            n = C.insert_claims(s, claims=claims, now=now)
            s.commit()
            return n

    def remember_choices(self, *, channel: str, chat_id: str, mapping: dict[str, str], expires_at: datetime) -> None:
        with self.session() as s:
            D.remember_choices(s, channel=channel, chat_id=chat_id, mapping=mapping, expires_at=expires_at)
            s.commit()

    # --- the operator's view --------------------------------------------------------------------------

    def item_facts(self, *, item_ids: Iterable[int]) -> dict[int, ItemFacts]:
        with self.session() as s:
            return D.items(s, item_ids=item_ids)

    def agency_names(self) -> dict[int, str]:
        with self.session() as s:
            return D.agency_names(s)

    def pending_reminders(self) -> int:
        with self.session() as s:
            return s.execute(
                select(func.count()).select_from(ReminderRow).where(ReminderRow.status.in_(("pending", "sending")))
            ).scalar_one()
