"""The audit trail as the governance part of the store reads and appends it (see bot.ports.GovernanceStore):
every change elsewhere writes its own row through storage.audit; this lists them and appends the rows
of changes made outside the store's write paths."""

from __future__ import annotations

from datetime import date, datetime, time, timezone, tzinfo

from sqlalchemy import select

from bot.domain.audit import AuditEntry
from storage import audit
from storage.base import SqlBase
from storage.models import AgencyRow, AuditRow, ItemRow


def _since(day: date | None, zone: tzinfo) -> datetime | None:
    return datetime.combine(day, time(0, 0), tzinfo=zone).astimezone(timezone.utc) if day else None


class SqlAuditTrail(SqlBase):
    """The audit trail's reads and appends (part of SqlGovernanceStore)."""

    def audit_entries(
        self, *, zone: tzinfo, agency_key: str | None = None, since: date | None = None, limit: int | None = None
    ) -> list[AuditEntry]:
        """The audit trail, oldest first: of one agency when ``agency_key`` (its work and its chats), from
        the business day ``since`` on (in ``zone``)."""
        q = (
            select(AuditRow, ItemRow.code, AgencyRow.name)
            .outerjoin(ItemRow, ItemRow.id == AuditRow.item_id)
            .outerjoin(AgencyRow, AgencyRow.id == AuditRow.agency_id)
        )
        if agency_key:
            q = q.where(AgencyRow.key == agency_key)
        start = _since(since, zone)
        if start is not None:
            q = q.where(AuditRow.business_at >= start)
        q = q.order_by(AuditRow.business_at, AuditRow.id)
        if limit:
            q = q.limit(limit)
        with self.session() as s:
            return [
                AuditEntry(
                    r.id,
                    r.at,
                    r.business_at,
                    r.actor,
                    r.channel,
                    r.action,
                    r.code or code or "",
                    r.agency or name or "",
                    dict(r.before or {}),
                    dict(r.after or {}),
                    r.note,
                )
                for r, code, name in s.execute(q).all()
            ]

    def record_audit(
        self,
        *,
        action: str,
        actor: str,
        channel: str,
        now: datetime,
        agency_id: int | None = None,
        before: dict | None = None,
        after: dict | None = None,
        note: str = "",
    ) -> None:
        """Append one audit row for a change made outside the store's own write paths."""
        with self.session() as s:
            audit.write(
                s,
                action=action,
                actor=actor,
                channel=channel,
                now=now,
                agency_id=agency_id,
                before=before,
                after=after,
                note=note,
            )
            s.commit()
