"""The channel part of the store (see bot.ports.ChannelStore): per-channel bookkeeping that channel
plug-ins need — message counts and monthly quotas, inbound dedupe, chats that vanished or moved, and
the terminal chat's identities."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import case, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.domain.agencies import Lookup
from bot.ports import AgencyWork
from storage import audit, queries, registry, work
from storage.base import SqlBase
from storage.models import AgencyRow, RecipientRow, ReminderRow, UsageRow

EMAIL = "email"  # the channel name of e-mail recipients


class SqlChannelStore(SqlBase):
    """Implements bot.ports.ChannelStore."""

    # --- message counts and quotas ------------------------------------------------------------------
    def count_channel_messages(self, *, channel: str, month: str, n: int = 1) -> int:
        """Add ``n`` sent messages to ``channel``'s count for ``month`` (``2023-07``); return the new total."""
        with self.session() as s:
            total = registry.add_usage(s, channel=channel, month=month, n=n)
            # A message got through: any "Quota exceeded" streak is over, for every process.
            s.execute(
                update(UsageRow)
                .where(UsageRow.channel == channel, UsageRow.month == month, UsageRow.quota_strikes > 0)
                .values(quota_strikes=0, quota_since=None)
            )
            s.commit()
            return total

    def quota_streak_refused(self, *, channel: str, month: str, now: datetime) -> tuple[int, datetime]:
        """One more "Quota exceeded" refusal of ``channel`` at the real time ``now``, counted in the
        database (shared by every process, kept across restarts); returns the refusals in a row and the
        real time of the first (UTC). One atomic UPDATE: two processes never lose a strike."""
        at = now.astimezone(timezone.utc) if now.tzinfo else now.replace(tzinfo=timezone.utc)
        t = UsageRow.__table__
        with self.session() as s:
            conn = s.connection()
            insert = sqlite.insert if conn.dialect.name == "sqlite" else postgresql.insert
            conn.execute(
                insert(t)
                .values(channel=channel, month=month, sent=0, exhausted=False, quota_strikes=0)
                .on_conflict_do_nothing(index_elements=["channel", "month"])
            )
            strikes, since = conn.execute(
                update(t)
                .where(t.c.channel == channel, t.c.month == month)
                .values(
                    quota_strikes=t.c.quota_strikes + 1,
                    quota_since=case((t.c.quota_strikes == 0, at), else_=func.coalesce(t.c.quota_since, at)),
                )
                .returning(t.c.quota_strikes, t.c.quota_since)
            ).one()
            s.commit()
            return strikes, since

    def channel_usage(self, *, channel: str, month: str) -> tuple[int, bool]:
        """(messages sent, quota declared used up) for ``channel`` in ``month``."""
        with self.session() as s:
            row = registry.usage(s, channel=channel, month=month)
            return (row.sent, bool(row.exhausted)) if row is not None else (0, False)

    def channel_exhausted(self, *, channel: str, month: str) -> bool:
        """True when ``channel``'s monthly quota was declared used up."""
        return self.channel_usage(channel=channel, month=month)[1]

    def mark_channel_exhausted(self, *, channel: str, month: str) -> None:
        """Declare ``channel``'s quota for ``month`` used up (sends fail fast until the month ends)."""
        with self.session() as s:
            registry.mark_exhausted(s, channel=channel, month=month)
            s.commit()

    def warn_coordinators(self, *, kind: str, key: str, slot: str, now: datetime) -> int:
        """Queue one notice of ``kind`` for every active coordinator, once per ``key`` (e.g. the month);
        delivery sends it with the coordinators' next digest. Returns the notices added."""
        with self.session() as s:
            coordinators = list(
                s.execute(
                    select(RecipientRow.id).where(RecipientRow.active.is_(True), RecipientRow.role == "coordinator")
                ).scalars()
            )
            keys = {cid: f"-:-:{cid}:{kind}:{key}" for cid in coordinators}
            existing = set(s.execute(select(ReminderRow.key).where(ReminderRow.key.in_(keys.values()))).scalars())
            added = 0
            for cid, k in keys.items():
                if k in existing:
                    continue
                s.add(
                    ReminderRow(
                        key=k,
                        recipient_id=cid,
                        kind=kind,
                        slot=slot[:40],
                        day=now.date(),
                        status="pending",
                        created_at=now,
                    )
                )
                added += 1
            s.commit()
            return added

    # --- inbound ----------------------------------------------------------------------------------
    def inbound_seen(self, *, channel: str, message_id: str) -> bool:
        """True when this inbound message was claimed (polling replays consumed updates)."""
        with self.session() as s:
            return registry.seen(s, channel=channel, message_id=message_id)

    def claim_inbound(self, *, channel: str, message_id: str, now: datetime) -> bool:
        """Claim an inbound message before acting on it (older claims are forgotten); False if claimed already."""
        with self.session() as s:
            fresh = registry.claim_inbound(s, channel=channel, message_id=message_id, now=now)
            s.commit()
            return fresh

    def release_inbound(self, *, channel: str, message_id: str) -> None:
        """Forget a claim (the core failed before anything happened)."""
        with self.session() as s:
            registry.release_inbound(s, channel=channel, message_id=message_id)
            s.commit()

    # --- chats ----------------------------------------------------------------------------------------
    def disable_chat(self, *, channel: str, chat_id: str, reason: str) -> bool:
        """Stop using a chat the channel reports gone (blocked, kicked, not found); True if it was active."""
        with self.session() as s:
            done = registry.disable(s, channel=channel, chat_id=chat_id, reason=reason)
            if done:
                audit.write(
                    s,
                    action="disabled",
                    actor="hệ thống",
                    now=None,
                    channel=channel,
                    before={"chat": f"{channel}:{chat_id}", "active": True},
                    after={"active": False, "reason": reason},
                )
            s.commit()
            return done

    def move_chat(self, *, channel: str, old_chat_id: str, new_chat_id: str) -> bool:
        """A group became a supergroup (a new chat id): its recipient follows it. True if one moved."""
        with self.session() as s:
            taken = s.execute(
                select(RecipientRow.id).where(RecipientRow.channel == channel, RecipientRow.chat_id == new_chat_id)
            ).first()
            if taken is not None:
                return False
            res = s.execute(
                update(RecipientRow)
                .where(RecipientRow.channel == channel, RecipientRow.chat_id == old_chat_id)
                .values(chat_id=new_chat_id)
            )
            s.commit()
            return res.rowcount > 0

    def agencies_without_officer(self) -> list[str]:
        """Names of active agencies (communes aside) with no linked chat yet."""
        with self.session() as s:
            return registry.agencies_without_recipient(s)

    def chats_by_prefix(self, *, channel: str, prefixes: list[str]) -> dict[str, int]:
        """Active chats of ``channel`` per chat-id prefix (one Zalo bot per prefix; "" counts the chats
        without any prefix, the first bot's)."""
        out = {}
        with self.session() as s:
            for prefix in prefixes:
                which = RecipientRow.chat_id.startswith(prefix) if prefix else ~RecipientRow.chat_id.contains("/")
                out[prefix] = s.execute(
                    select(func.count())
                    .select_from(RecipientRow)
                    .where(RecipientRow.channel == channel, RecipientRow.active.is_(True), which)
                ).scalar_one()
        return out

    # --- the terminal chat --------------------------------------------------------------------------
    def plan_loaded(self, *, plan_slug: str | None = None) -> bool:
        """True when the database holds a plan (``plan_slug``, or any)."""
        with self.session() as s:
            try:
                queries.get_plan(session=s, slug=plan_slug)
            except queries.NotFound:
                return False
            return True

    def open_work_by_agency(self, *, plan_slug: str | None = None) -> list[AgencyWork]:
        """Every active agency with its number of open lead assignments in the plan."""
        with self.session() as s:
            plan_id = queries.get_plan(session=s, slug=plan_slug).id
            return [AgencyWork(a.key, a.name, a.kind, n) for a, n in work.open_counts(s, plan_id=plan_id)]

    def link_console_chat(
        self, *, channel: str, chat_id: str, agency_key: str, role: str, display_name: str, now: datetime
    ) -> None:
        """Link a chat to an agency directly (the terminal chat picks who it speaks for)."""
        with self.session() as s:
            rec = registry.link_chat(
                s,
                channel=channel,
                chat_id=chat_id,
                agency_id=work.agency_ids(s)[agency_key],
                role=role,
                display_name=display_name,
                now=now,
            )
            audit.write(
                s,
                action="registered",
                actor=display_name or f"{channel}:{chat_id}",
                now=now,
                channel=channel,
                agency_id=rec.agency_id,
                after={"chat": f"{channel}:{chat_id}", "role": role},
            )
            s.commit()

    # --- e-mail addresses (recipients with channel "email", chat_id = the address; officers of their agency)

    def email_agency(self, *, name: str) -> Lookup:
        """The agency a person typed, found as `invite` finds it (accents and case do not matter)."""
        with self.session() as s:
            return work.directory_from_db(s).lookup(name)

    def add_email_address(self, *, agency_key: str, address: str, name: str, now: datetime) -> str:
        """Link ``address`` as an officer of the agency ``agency_key`` (again active if it was disabled);
        returns the agency's name."""
        with self.session() as s:
            agency = s.execute(select(AgencyRow).where(AgencyRow.key == agency_key)).scalar_one()
            registry.link_chat(
                s, channel=EMAIL, chat_id=address, agency_id=agency.id, role="officer", display_name=name, now=now
            )
            s.commit()
            return agency.name

    def email_addresses(self) -> list[dict]:
        """Every e-mail address, active or not, oldest first: dicts with address, agency, name, active,
        disabled_reason, since (ISO time)."""
        with self.session() as s:
            q = (
                select(RecipientRow, AgencyRow.name)
                .join(AgencyRow, AgencyRow.id == RecipientRow.agency_id)
                .where(RecipientRow.channel == EMAIL)
                .order_by(RecipientRow.id)
            )
            return [
                {
                    "address": r.chat_id,
                    "agency": agency,
                    "name": r.display_name,
                    "active": r.active,
                    "disabled_reason": r.disabled_reason,
                    "since": r.created_at.isoformat(),
                }
                for r, agency in s.execute(q)
            ]

    def remove_email_address(self, *, address: str) -> bool:
        """Stop sending to ``address`` (the row stays, inactive, for the reminders' history); False if
        no active address matches."""
        with self.session() as s:
            n = registry.remove_by_chat(s, chat_id=address, channel=EMAIL)
            s.commit()
            return n > 0
