"""The people part of the store (see bot.ports.PeopleStore): hand-over and deputy invites, leaders,
the leaders' overdue facts, and coordinator notices queued for delivery on other channels. Every change
is one audit row (storage/audit.py)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import select

from bot.domain.claims import Claim
from bot.domain.leaders import LeaderFacts, OverdueWork
from bot.domain.reminder_kinds import ReminderKind
from storage import audit, claims, queries, registry, work
from storage.base import SqlBase
from storage.models import AgencyRow, AssignmentRow, RecipientRow, ReminderRow

LEADER, COORDINATOR, EMAIL = "leader", "coordinator", "email"


class SqlPeopleStore(SqlBase):
    """Implements bot.ports.PeopleStore (and SweepStore.leader_overdue)."""

    def people_invite(
        self,
        *,
        code: str,
        purpose: str,
        now: datetime,
        expires_at: datetime,
        actor: str,
        channel: str,
        agency_key: str = "",
        agency_id: int | None = None,
        role: str = "officer",
        handover_from: int | None = None,
    ) -> list[str]:
        """Keep (hashed) a hand-over, deputy or leader invite for an agency (by key or id); returns the
        chats a hand-over will end ("channel:chat_id"), for the issuer to see. One audit row."""
        with self.session() as s:
            if agency_id is None:
                agency_id = work.agency_ids(s)[agency_key]
            registry.create_invite(
                s,
                code=code,
                agency_id=agency_id,
                role=role,
                now=now,
                expires_at=expires_at,
                purpose=purpose,
                handover_from=handover_from,
            )
            outgoing = self._outgoing(s, agency_id, handover_from) if purpose == "handover" else []
            agency = s.get(AgencyRow, agency_id)
            audit.write(
                s,
                action=f"{purpose or 'officer'}_invited",
                actor=actor,
                now=now,
                channel=channel,
                agency_id=agency_id,
                agency=agency.name if agency else "",
                after={"purpose": purpose, "role": role, "expires_at": expires_at, "outgoing": outgoing},
            )
            s.commit()
            return outgoing

    @staticmethod
    def _outgoing(s, agency_id: int, handover_from: int | None) -> list[str]:
        if handover_from:
            rec = s.get(RecipientRow, handover_from)
            rows = [rec, *registry.siblings(s, rec)] if rec is not None else []
        else:
            rows = list(
                s.exec(
                    select(RecipientRow).where(
                        RecipientRow.agency_id == agency_id,
                        RecipientRow.role == "officer",
                        RecipientRow.rank == registry.PRIMARY,
                        RecipientRow.active.is_(True),
                    )
                )
            )
        return [f"{r.channel}:{r.chat_id}" for r in rows]

    def people_ended(self, *, channel: str, chat_id: str) -> str | None:
        """The agency this chat handed over (its access ended by a hand-over), else None."""
        with self.session() as s:
            row = s.exec(
                select(AgencyRow.name)
                .join(RecipientRow, RecipientRow.agency_id == AgencyRow.id)
                .where(
                    RecipientRow.channel == channel,
                    RecipientRow.chat_id == chat_id,
                    RecipientRow.active.is_(False),
                    RecipientRow.disabled_reason == registry.HANDED_OVER,
                )
            ).first()
            return row

    # --- leaders -----------------------------------------------------------------------------------
    def leader_set(self, *, agency_key: str, address: str, name: str, now: datetime, actor: str) -> str:
        """Make an e-mail address the agency's leader (lãnh đạo phụ trách); "" when done, else the role
        and agency the address already serves ("coordinator|Văn phòng UBND tỉnh"). One audit row."""
        with self.session() as s:
            agency = s.exec(select(AgencyRow).where(AgencyRow.key == agency_key)).one()
            mine = registry.recipient(s, channel=EMAIL, chat_id=address)
            if mine is not None and mine.role != LEADER:
                other = s.get(AgencyRow, mine.agency_id)
                return f"{mine.role}|{other.name if other else ''}"
            registry.link_chat(
                s, channel=EMAIL, chat_id=address, agency_id=agency.id, role=LEADER, display_name=name, now=now
            )
            audit.write(
                s,
                action="leader_set",
                actor=actor,
                now=now,
                channel="cli",
                agency_id=agency.id,
                agency=agency.name,
                before={"chat": f"{EMAIL}:{address}", "agency": mine.agency_id} if mine is not None else None,
                after={"chat": f"{EMAIL}:{address}", "role": LEADER, "name": name},
            )
            s.commit()
            return ""

    def leader_remove(self, *, agency_key: str, now: datetime, actor: str) -> int:
        """Stop the agency's leader summaries (every leader chat kept inactive); how many ended."""
        with self.session() as s:
            agency = s.exec(select(AgencyRow).where(AgencyRow.key == agency_key)).one()
            rows = list(
                s.exec(
                    select(RecipientRow).where(
                        RecipientRow.agency_id == agency.id, RecipientRow.role == LEADER, RecipientRow.active.is_(True)
                    )
                )
            )
            for r in rows:
                r.active, r.disabled_reason = False, "revoked"
            if rows:
                audit.write(
                    s,
                    action="leader_removed",
                    actor=actor,
                    now=now,
                    channel="cli",
                    agency_id=agency.id,
                    agency=agency.name,
                    before={"chats": [f"{r.channel}:{r.chat_id}" for r in rows]},
                    after={"active": False},
                )
            s.commit()
            return len(rows)

    def leaders(self) -> list[dict]:
        """Every leader chat or address: agency, chat ("channel:chat_id"), name, active."""
        with self.session() as s:
            q = (
                select(RecipientRow, AgencyRow.name)
                .join(AgencyRow, AgencyRow.id == RecipientRow.agency_id)
                .where(RecipientRow.role == LEADER)
                .order_by(AgencyRow.name, RecipientRow.id)
            )
            return [
                {"agency": a, "chat": f"{r.channel}:{r.chat_id}", "name": r.display_name, "active": r.active}
                for r, a in s.exec(q)
            ]

    def leader_overdue(self, *, today: date) -> LeaderFacts:
        """The overdue lead work of every agency with an active leader, and each one's last summary day."""
        with self.session() as s:
            agencies = sorted(
                set(
                    s.exec(
                        select(RecipientRow.agency_id).where(RecipientRow.role == LEADER, RecipientRow.active.is_(True))
                    )
                )
            )
            if not agencies:
                return LeaderFacts()
            try:
                plan = queries.get_plan(session=s)
            except queries.NotFound:
                return LeaderFacts()
            items = work.overdue_items(s, plan_id=plan.id, today=today, agency_ids=agencies)
            last = dict(
                s.exec(
                    select(ReminderRow.agency_id, func.max(ReminderRow.day))
                    .where(ReminderRow.kind == ReminderKind.LEADER_SUMMARY.value, ReminderRow.agency_id.in_(agencies))
                    .group_by(ReminderRow.agency_id)
                ).all()
            )
            return LeaderFacts(
                tuple(OverdueWork(w.item_id, w.agency_id, w.assignment_id, w.due) for w in items if w.due is not None),
                {a: d for a, d in last.items() if a is not None and d is not None},
            )

    # --- notices for coordinators on other channels ------------------------------------------------
    def extension_queue_notices(
        self,
        *,
        assignment_id: int,
        extension_id: int,
        text: str,
        channel: str,
        chat: str,
        day: date,
        now: datetime,
        to: str = "",
    ) -> int:
        """Queue the extension request ``text`` for every active coordinator chat not on ``channel`` (the
        requester's, where the core answers directly), or, with ``to`` ("zalo:z-1"), for that one chat
        (the officer told of the decision); delivery sends them like any reminder. How many."""
        with self.session() as s:
            a = s.get(AssignmentRow, assignment_id)
            q = select(RecipientRow.id).where(RecipientRow.active.is_(True))
            if to:
                to_channel, _, to_chat = to.partition(":")
                q = q.where(RecipientRow.channel == to_channel, RecipientRow.chat_id == to_chat)
            else:
                q = q.where(RecipientRow.role == COORDINATOR, RecipientRow.channel != channel)
            coordinators = list(s.exec(q))
            n = claims.insert_claims(
                s,
                claims=[
                    Claim(
                        a.item_id if a else None,
                        a.agency_id if a else None,
                        assignment_id,
                        rid,
                        ReminderKind.EXTENSION_NOTICE,
                        f"x{extension_id}{'d' if to else ''}",
                        day,
                        chat=chat,
                        error=text,
                    )
                    for rid in coordinators
                ],
                now=now,
            )
            s.commit()
            return n

    def people_queue_farewell(self, *, chats: list[tuple[str, str]], text: str, day: date, now: datetime) -> int:
        """Queue ``text`` for chats that handed their seat over (inactive now); delivery sends it once."""
        with self.session() as s:
            found: list[RecipientRow] = []
            for channel, chat_id in chats:
                found += s.exec(
                    select(RecipientRow).where(RecipientRow.channel == channel, RecipientRow.chat_id == chat_id)
                ).all()
            n = claims.insert_claims(
                s,
                claims=[
                    Claim(None, r.agency_id, None, r.id, ReminderKind.FAREWELL, "farewell", day, error=text)
                    for r in found
                ],
                now=now,
            )
            s.commit()
            return n
