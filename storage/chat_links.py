"""The chat part's linking of chats (invites, link codes, unlinking) and pending dialogs (see bot.ports.ChatStore)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, update

from bot.domain.chat_records import InviteResult
from bot.domain.choices import CHOICES, CHOICES_UNSENT
from storage import audit, registry
from storage.base import SqlBase
from storage.models import AgencyRow, DialogRow, RecipientRow

_REGISTRATION_ACTION = {"": "registered", "deputy": "deputy_added", "leader": "leader_set", "handover": "handed_over"}


class SqlChatLinks(SqlBase):
    """Who may talk to the bot for whom, and what a chat's next plain message answers."""

    def redeem_invite(
        self, *, code: str, channel: str, chat_id: str, display_name: str, now: datetime, prefer: str = ""
    ) -> InviteResult:
        """Link a chat with a valid, unused invite (one chat, whatever the channel); anything else changes
        nothing. A hand-over invite also ends the outgoing chats' access (``ended``); each kind of
        registration is one audit row (registered, deputy_added, leader_set, handed_over)."""
        with self.session() as s:
            status, row = registry.redeem_invite(
                s, code=code, channel=channel, chat_id=chat_id, display_name=display_name, now=now, prefer=prefer
            )
            if row is None:
                return InviteResult(status)
            agency = s.get(AgencyRow, row.agency_id)
            name = agency.name if agency else ""
            if status != registry.OK or not isinstance(row, RecipientRow):
                return InviteResult(status, name, row.role, getattr(row, "expires_at", None))
            invite = registry.invite_of(s, code=code)
            purpose = invite.purpose if invite is not None else ""
            ended = registry.end_handed_over(s, invite=invite, successor=row) if purpose == "handover" else []
            chat = f"{channel}:{chat_id}"
            audit.write(
                s,
                action=_REGISTRATION_ACTION.get(purpose, "registered"),
                actor=display_name or chat,
                now=now,
                channel=channel,
                agency_id=row.agency_id,
                agency=name,
                before={"chats": [f"{r.channel}:{r.chat_id}" for r in ended]} if ended else None,
                after={"chat": chat, "role": row.role, "rank": row.rank, "person": row.person},
            )
            s.commit()
            return InviteResult(
                status,
                name,
                row.role,
                purpose=purpose,
                rank=row.rank,
                ended=tuple((r.channel, r.chat_id) for r in ended),
            )

    def create_link_code(self, *, code: str, channel: str, chat_id: str, now: datetime, expires_at: datetime) -> bool:
        """Keep (hashed) a one-time code with which a chat on another channel joins this linked chat's
        person; False when this chat is not linked."""
        with self.session() as s:
            rec = registry.create_link_code(
                s, code=code, channel=channel, chat_id=chat_id, now=now, expires_at=expires_at
            )
            s.commit()
            return rec is not None

    def redeem_link_code(
        self, *, code: str, channel: str, chat_id: str, display_name: str, now: datetime, prefer: str = ""
    ) -> InviteResult:
        """Link this chat to the person who asked for ``code`` (see registry.redeem_link_code); the
        result's status is ok | unknown | used | expired | same_channel | taken."""
        with self.session() as s:
            status, row = registry.redeem_link_code(
                s, code=code, channel=channel, chat_id=chat_id, display_name=display_name, now=now, prefer=prefer
            )
            if status != registry.OK or not isinstance(row, RecipientRow):
                return InviteResult(status, expires_at=getattr(row, "expires_at", None))
            agency = s.get(AgencyRow, row.agency_id)
            result = InviteResult(status, agency.name if agency else "", row.role)
            s.commit()
            return result

    def unlink_chat(self, *, channel: str, chat_id: str, now: datetime | None = None) -> None:
        """Stop using a chat (kept, inactive, for its history)."""
        with self.session() as s:
            rec = registry.unlink(s, channel=channel, chat_id=chat_id)
            if rec is not None:
                audit.write(
                    s,
                    action="unlinked",
                    actor=rec.display_name or f"{channel}:{chat_id}",
                    now=now,
                    channel=channel,
                    agency_id=rec.agency_id,
                    before={"chat": f"{channel}:{chat_id}", "role": rec.role, "active": True},
                    after={"active": False},
                )
            s.commit()

    def set_preferred_channel(self, *, person: str, channel: str) -> bool:
        """Make ``channel`` the preferred among a person's chats; False when they have no chat there."""
        with self.session() as s:
            ok = registry.set_preferred(s, person=person, channel=channel)
            s.commit()
            return ok

    # --- dialogs -------------------------------------------------------------------------------
    def set_dialog(self, *, channel: str, chat_id: str, kind: str, data: dict[str, Any], expires_at: datetime) -> None:
        """Remember what the chat's next plain message means (replacing what was pending)."""
        with self.session() as s:
            registry.set_dialog(s, channel=channel, chat_id=chat_id, kind=kind, data=data, expires_at=expires_at)
            s.commit()

    def confirm_choices(self, *, channel: str, chat_id: str) -> None:
        """The chat's numbered choices were delivered: from now on its "1" means the first (one UPDATE)."""
        with self.session() as s:
            s.execute(
                update(DialogRow)
                .where(DialogRow.channel == channel, DialogRow.chat_id == chat_id, DialogRow.kind == CHOICES_UNSENT)
                .values(kind=CHOICES)
            )
            s.commit()

    def clear_dialog(self, *, channel: str, chat_id: str) -> None:
        """Forget the chat's pending question (one DELETE)."""
        with self.session() as s:
            s.execute(delete(DialogRow).where(DialogRow.channel == channel, DialogRow.chat_id == chat_id))
            s.commit()
