"""The web desk's part of the store: one-time sign-in links, browser sessions, and the small questions
its pages ask that no other part answers (a cache version, inspected units by id)."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import select

from bot.domain import extensions as X
from bot.domain.chat_records import AgencyRef, Officer
from bot.domain.extensions import Extension
from bot.ports import WebSignIn
from storage import audit
from storage.base import SqlBase
from storage.governance_store import _extension
from storage.models import (
    AgencyRow,
    AuditRow,
    ExtensionRow,
    ItemRow,
    ItemSubjectRow,
    PlanRow,
    RecipientRow,
    WebLinkRow,
    WebSessionRow,
)

SIGNED_IN, UNKNOWN, USED, EXPIRED = "ok", "unknown", "used", "expired"
WEB = "web"  # the audit trail's channel for what is done at the desk
SIGNED_IN_ACTION = "web_signed_in"  # bot.domain.audit.WEB_SIGNED_IN


def _hash(token: str) -> str:
    return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()


class SqlWebStore(SqlBase):
    """Implements bot.ports.WebStore."""

    def web_create_link(self, *, agency_key: str, role: str, token: str, now: datetime, expires_at: datetime) -> str:
        """A one-time sign-in link for the agency ``agency_key`` (only the token's hash is kept); returns
        the agency's name."""
        with self.session() as s:
            agency = s.exec(select(AgencyRow).where(AgencyRow.key == agency_key)).one()
            s.add(
                WebLinkRow(
                    token_hash=_hash(token), agency_id=agency.id, role=role, created_at=now, expires_at=expires_at
                )
            )
            s.commit()
            return agency.name

    def web_redeem_link(
        self, *, token: str, session_token: str, now: datetime, session_expires_at: datetime
    ) -> WebSignIn:
        """Use a sign-in link once: on success a session (``session_token``, hashed) is opened for its
        agency and role. A link used before, expired or unknown changes nothing."""
        with self.session() as s:
            link = s.exec(select(WebLinkRow).where(WebLinkRow.token_hash == _hash(token))).first()
            if link is None:
                return WebSignIn(UNKNOWN)
            if link.used_at is not None:
                return WebSignIn(USED)
            if link.expires_at <= now:
                return WebSignIn(EXPIRED)
            taken = s.execute(
                update(WebLinkRow).where(WebLinkRow.id == link.id, WebLinkRow.used_at.is_(None)).values(used_at=now)
            )
            if taken.rowcount != 1:  # another browser used it a moment ago
                s.rollback()
                return WebSignIn(USED)
            s.add(
                WebSessionRow(
                    token_hash=_hash(session_token),
                    agency_id=link.agency_id,
                    role=link.role,
                    created_at=now,
                    expires_at=session_expires_at,
                )
            )
            agency = s.get(AgencyRow, link.agency_id)
            officer = _officer(agency, link.role, session_token)
            audit.write(
                s,
                action=SIGNED_IN_ACTION,
                actor=f"{officer.person} ({agency.name})",
                now=now,
                channel=WEB,
                agency_id=agency.id,
                agency=agency.name,
                after={"role": link.role, "session_expires_at": session_expires_at},
            )
            s.commit()
            return WebSignIn(SIGNED_IN, officer)

    def web_session_officer(self, *, session_token: str, now: datetime) -> Officer | None:
        """Who a live session acts for (None: unknown, ended or expired)."""
        with self.session() as s:
            row = s.exec(
                select(WebSessionRow, AgencyRow)
                .join(AgencyRow, AgencyRow.id == WebSessionRow.agency_id)
                .where(WebSessionRow.token_hash == _hash(session_token))
            ).first()
        if row is None:
            return None
        session, agency = row
        if session.ended_at is not None or session.expires_at <= now:
            return None
        return _officer(agency, session.role, session_token)

    def web_end_session(self, *, session_token: str, now: datetime) -> None:
        """Sign out: the session is ended (kept for the record)."""
        with self.session() as s:
            s.execute(
                update(WebSessionRow)
                .where(WebSessionRow.token_hash == _hash(session_token), WebSessionRow.ended_at.is_(None))
                .values(ended_at=now)
            )
            s.commit()

    def web_data_version(self, *, plan_slug: str | None = None) -> tuple:
        """A cheap fingerprint of what the desk's summaries are built from: it changes when a plan is
        (re)loaded or an audit row about an item is written — every change of the plan's work writes one
        (closing, a period, progress, undo, a coordinator's date, an extension decided); sign-ins and invites
        do not count. One statement of index lookups, whatever the size of the plan."""
        audited = select(func.max(AuditRow.id)).where(AuditRow.item_id.is_not(None)).scalar_subquery()
        with self.session() as s:
            count, loaded, changed = s.execute(
                select(func.count(PlanRow.id), func.max(PlanRow.loaded_at), audited)
            ).one()
            return (plan_slug, (count, loaded), changed)

    def web_subject_ids(self, *, item_ids: list[int] | None = None) -> dict[int, frozenset[int]]:
        """Inspected units (agency ids) by inspection item id (all items, or these)."""
        with self.session() as s:
            q = select(ItemSubjectRow.item_id, ItemSubjectRow.agency_id)
            if item_ids is not None:
                q = q.where(ItemSubjectRow.item_id.in_(item_ids))
            found: dict[int, set[int]] = {}
            for item_id, agency_id in s.execute(q).all():
                found.setdefault(item_id, set()).add(agency_id)
        return {k: frozenset(v) for k, v in found.items()}

    def web_agency_ids(self) -> dict[str, int]:
        """Every agency's id by key (the desk links pages by id)."""
        with self.session() as s:
            return {k: i for k, i in s.execute(select(AgencyRow.key, AgencyRow.id)).all()}

    def web_agency_chats(self, *, agency_id: int) -> list[dict]:
        """The chats linked to one agency: channel, name, role, active, disabled_reason, since (aware)."""
        with self.session() as s:
            rows = s.exec(
                select(RecipientRow).where(RecipientRow.agency_id == agency_id).order_by(RecipientRow.id)
            ).all()
            return [
                {
                    "channel": r.channel,
                    "name": r.display_name,
                    "role": r.role,
                    "active": r.active,
                    "disabled_reason": r.disabled_reason,
                    "since": r.created_at,
                }
                for r in rows
            ]

    def web_pending_extensions(self) -> list[Extension]:
        """Extension requests waiting for a coordinator's decision, oldest first (the Gia hạn page)."""
        with self.session() as s:
            rows = s.execute(
                select(ExtensionRow, ItemRow.code, AgencyRow.name)
                .join(ItemRow, ItemRow.id == ExtensionRow.item_id)
                .join(AgencyRow, AgencyRow.id == ExtensionRow.agency_id)
                .where(ExtensionRow.status == X.PENDING)
                .order_by(ExtensionRow.requested_at, ExtensionRow.id)
            ).all()
            return [_extension(r, code, name) for r, code, name in rows]


def _officer(agency: AgencyRow, role: str, session_token: str) -> Officer:
    person = "web:" + _hash(session_token)[:16]
    return Officer(
        recipient_id=0,
        role=role,
        person=person,
        agency=AgencyRef(id=agency.id, key=agency.key, name=agency.name, kind=agency.kind),
    )
