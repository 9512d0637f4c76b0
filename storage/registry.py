"""Who may talk to the bot: invites, linked chats (recipients) and per-chat dialog state."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from bot.domain.link_codes import LINK_SAME_CHANNEL, LINK_TAKEN
from storage.models import AgencyRow, DialogRow, InboundSeenRow, InviteRow, LinkCodeRow, RecipientRow, UsageRow


def hash_code(code: str) -> str:
    return hashlib.sha256(code.strip().encode("utf-8")).hexdigest()


def create_invite(
    session: Session,
    *,
    code: str,
    agency_id: int,
    role: str,
    now: datetime,
    expires_at: datetime,
    purpose: str = "",
    handover_from: int | None = None,
) -> InviteRow:
    row = InviteRow(
        code_hash=hash_code(code),
        agency_id=agency_id,
        role=role,
        created_at=now,
        expires_at=expires_at,
        purpose=purpose,
        handover_from=handover_from,
    )
    session.add(row)
    session.flush()
    return row


OK, UNKNOWN, USED, EXPIRED = "ok", "unknown", "used", "expired"
PRIMARY, DEPUTY = "primary", "deputy"
HANDED_OVER = "handed_over"  # a recipient's disabled_reason after a hand-over


def redeem_invite(
    session: Session, *, code: str, channel: str, chat_id: str, display_name: str, now: datetime, prefer: str = ""
) -> tuple[str, RecipientRow | InviteRow | None]:
    """Link a chat with a valid, unused invite; anything else changes nothing. An invite is used once,
    whatever the channel: a second channel is linked from the first with a link code."""
    invite = session.exec(select(InviteRow).where(InviteRow.code_hash == hash_code(code))).first()
    if invite is None:
        return UNKNOWN, None
    if invite.used_at is not None or invite.used_by:
        return USED, invite
    if invite.expires_at <= now:
        return EXPIRED, invite
    res = session.execute(
        update(InviteRow)
        .where(InviteRow.id == invite.id, InviteRow.used_at.is_(None), InviteRow.used_by == "")
        .values(used_at=now, used_by=f"{channel}:{chat_id}"[:240])
    )
    if res.rowcount != 1:
        return USED, invite
    role, rank = invite.role, DEPUTY if invite.purpose == "deputy" else PRIMARY
    if invite.purpose == "leader":
        role = "leader"
    elif invite.purpose == "handover" and invite.handover_from:
        outgoing = session.get(RecipientRow, invite.handover_from)
        if outgoing is not None:  # the successor takes the outgoing chat's seat
            role, rank = outgoing.role, outgoing.rank
    rec = link_chat(
        session,
        channel=channel,
        chat_id=chat_id,
        agency_id=invite.agency_id,
        role=role,
        display_name=display_name,
        now=now,
        person=f"invite:{invite.id}",
        preferred=True,
        rank=rank,
    )
    return OK, rec


def invite_of(session: Session, *, code: str) -> InviteRow | None:
    """The invite a code names (by its hash)."""
    return session.exec(select(InviteRow).where(InviteRow.code_hash == hash_code(code))).first()


def end_handed_over(session: Session, *, invite: InviteRow, successor: RecipientRow) -> list[RecipientRow]:
    """A used hand-over invite: the outgoing chat (and the same person's other chats), or, from the CLI,
    every primary officer chat of the agency, stop (kept inactive, reason "handed_over")."""
    if invite.handover_from:
        outgoing = session.get(RecipientRow, invite.handover_from)
        rows = [] if outgoing is None or not outgoing.active else [outgoing, *siblings(session, outgoing)]
    else:
        rows = list(
            session.exec(
                select(RecipientRow).where(
                    RecipientRow.agency_id == invite.agency_id,
                    RecipientRow.role == "officer",
                    RecipientRow.rank == PRIMARY,
                    RecipientRow.active.is_(True),
                )
            )
        )
    ended = [r for r in rows if r.id != successor.id and r.person != successor.person]
    for r in ended:
        r.active, r.disabled_reason = False, HANDED_OVER
    session.flush()
    return ended


SAME_CHANNEL, TAKEN = LINK_SAME_CHANNEL, LINK_TAKEN


def create_link_code(
    session: Session, *, code: str, channel: str, chat_id: str, now: datetime, expires_at: datetime
) -> RecipientRow | None:
    """A one-time code for the linked chat (channel, chat_id) to link a chat on another channel to the
    same person (only its hash is kept); None when the chat is not linked."""
    rec = recipient(session, channel=channel, chat_id=chat_id)
    if rec is None:
        return None
    if not rec.person:
        rec.person = f"chat:{rec.id}"
    session.add(LinkCodeRow(code_hash=hash_code(code), recipient_id=rec.id, created_at=now, expires_at=expires_at))
    session.flush()
    return rec


def redeem_link_code(
    session: Session, *, code: str, channel: str, chat_id: str, display_name: str, now: datetime, prefer: str = ""
) -> tuple[str, RecipientRow | LinkCodeRow | None]:
    """Link (channel, chat_id) to the person of the chat that asked for ``code``: the same agency and
    role, sharing ``person``; once, within its validity, on another channel, never over someone else's
    chat. Anything else changes nothing."""
    row = session.exec(select(LinkCodeRow).where(LinkCodeRow.code_hash == hash_code(code))).first()
    if row is None:
        return UNKNOWN, None
    if row.used_at is not None:
        return USED, row
    if row.expires_at <= now:
        return EXPIRED, row
    source = session.get(RecipientRow, row.recipient_id)
    if source is None or not source.active:
        return UNKNOWN, None  # the chat that asked was unlinked meanwhile
    if source.channel == channel:
        return SAME_CHANNEL, row
    mine = recipient(session, channel=channel, chat_id=chat_id)
    if mine is not None and mine.person != source.person:
        return TAKEN, row
    res = session.execute(
        update(LinkCodeRow)
        .where(LinkCodeRow.id == row.id, LinkCodeRow.used_at.is_(None))
        .values(used_at=now, used_by=f"{channel}:{chat_id}"[:130])
    )
    if res.rowcount != 1:
        return USED, row
    others = list(
        session.exec(select(RecipientRow).where(RecipientRow.person == source.person, RecipientRow.active.is_(True)))
    )
    preferred = channel == prefer or not any(r.preferred for r in others)
    rec = link_chat(
        session,
        channel=channel,
        chat_id=chat_id,
        agency_id=source.agency_id,
        role=source.role,
        display_name=display_name,
        now=now,
        person=source.person,
        preferred=preferred,
        rank=source.rank,
    )
    if preferred:
        for r in others:
            if r.id != rec.id:
                r.preferred = False
    session.flush()
    return OK, rec


def set_preferred(session: Session, *, person: str, channel: str) -> bool:
    """Make ``channel`` the preferred one among a person's chats; False when they have no chat there."""
    rows = list(session.exec(select(RecipientRow).where(RecipientRow.person == person, RecipientRow.active.is_(True))))
    if not person or not any(r.channel == channel for r in rows):
        return False
    for r in rows:
        r.preferred = r.channel == channel
    session.flush()
    return True


def siblings(session: Session, rec: RecipientRow) -> list[RecipientRow]:
    """The person's other active chats (another channel)."""
    if not rec.person:
        return []
    return list(
        session.exec(
            select(RecipientRow).where(
                RecipientRow.person == rec.person, RecipientRow.id != rec.id, RecipientRow.active.is_(True)
            )
        )
    )


def add_usage(session: Session, *, channel: str, month: str, n: int = 1) -> int:
    row = session.exec(select(UsageRow).where(UsageRow.channel == channel, UsageRow.month == month)).first()
    if row is None:
        row = UsageRow(channel=channel, month=month, sent=0)
        session.add(row)
    row.sent += n
    session.flush()
    return row.sent


def usage(session: Session, *, channel: str, month: str) -> UsageRow | None:
    return session.exec(select(UsageRow).where(UsageRow.channel == channel, UsageRow.month == month)).first()


def link_chat(
    session: Session,
    *,
    channel: str,
    chat_id: str,
    agency_id: int,
    role: str,
    display_name: str,
    now: datetime,
    person: str = "",
    preferred: bool = True,
    rank: str = "primary",
) -> RecipientRow:
    rec = session.exec(
        select(RecipientRow).where(RecipientRow.channel == channel, RecipientRow.chat_id == chat_id)
    ).first()
    if rec is None:
        rec = RecipientRow(
            channel=channel,
            chat_id=chat_id,
            agency_id=agency_id,
            role=role,
            display_name=display_name,
            created_at=now,
            person=person,
            preferred=preferred,
            rank=rank,
        )
        session.add(rec)
    else:
        rec.agency_id, rec.role, rec.display_name, rec.rank = agency_id, role, display_name, rank
        rec.active, rec.disabled_reason, rec.person, rec.preferred = True, "", person, preferred
    session.flush()
    return rec


def recipient(session: Session, *, channel: str, chat_id: str) -> RecipientRow | None:
    return session.exec(
        select(RecipientRow).where(
            RecipientRow.channel == channel, RecipientRow.chat_id == chat_id, RecipientRow.active.is_(True)
        )
    ).first()


def unlink(session: Session, *, channel: str, chat_id: str) -> RecipientRow | None:
    """Stop using a chat; the row stays (inactive) so its reminder history keeps its recipient."""
    rec = recipient(session, channel=channel, chat_id=chat_id)
    if rec is not None:
        rec.active, rec.disabled_reason = False, "unlinked"
        session.flush()
    return rec


def disable(session: Session, *, channel: str, chat_id: str, reason: str) -> bool:
    res = session.execute(
        update(RecipientRow)
        .where(RecipientRow.channel == channel, RecipientRow.chat_id == chat_id, RecipientRow.active.is_(True))
        .values(active=False, disabled_reason=reason[:500])
    )
    return res.rowcount == 1


def all_recipients(session: Session) -> list[tuple[RecipientRow, AgencyRow]]:
    q = (
        select(RecipientRow, AgencyRow)
        .join(AgencyRow, AgencyRow.id == RecipientRow.agency_id)
        .order_by(RecipientRow.id)
    )
    return list(session.exec(q))


def remove_by_chat(session: Session, *, chat_id: str, channel: str | None = None) -> int:
    """Revoke a chat (the operator's `nhacviec revoke`): deactivated, history kept."""
    q = select(RecipientRow).where(RecipientRow.chat_id == chat_id, RecipientRow.active.is_(True))
    if channel:
        q = q.where(RecipientRow.channel == channel)
    rows = list(session.exec(q))
    for r in rows:
        r.active, r.disabled_reason = False, "revoked"
    session.flush()
    return len(rows)


def agencies_without_recipient(session: Session) -> list[str]:
    linked = select(RecipientRow.agency_id).where(RecipientRow.active.is_(True), RecipientRow.role != "leader")
    q = (
        select(AgencyRow.name)
        .where(AgencyRow.active.is_(True), AgencyRow.kind != "commune", AgencyRow.id.not_in(linked))
        .order_by(AgencyRow.id)
    )
    return list(session.exec(q))


# --- dialog state ------------------------------------------------------------------------


def set_dialog(session: Session, *, channel: str, chat_id: str, kind: str, data: dict, expires_at: datetime) -> None:
    row = session.exec(select(DialogRow).where(DialogRow.channel == channel, DialogRow.chat_id == chat_id)).first()
    if row is None:
        session.add(DialogRow(channel=channel, chat_id=chat_id, kind=kind, data=data, expires_at=expires_at))
    else:
        row.kind, row.data, row.expires_at = kind, data, expires_at
    session.flush()


def get_dialog(session: Session, *, channel: str, chat_id: str, now: datetime) -> DialogRow | None:
    row = session.exec(select(DialogRow).where(DialogRow.channel == channel, DialogRow.chat_id == chat_id)).first()
    if row is not None and row.expires_at <= now:
        session.delete(row)
        session.flush()
        return None
    return row


def clear_dialog(session: Session, *, channel: str, chat_id: str) -> None:
    row = session.exec(select(DialogRow).where(DialogRow.channel == channel, DialogRow.chat_id == chat_id)).first()
    if row is not None:
        session.delete(row)
        session.flush()


# --- inbound dedupe --------------------------------------------------------------------------------


def seen(session: Session, *, channel: str, message_id: str) -> bool:
    return (
        session.exec(
            select(InboundSeenRow.id).where(InboundSeenRow.channel == channel, InboundSeenRow.message_id == message_id)
        ).first()
        is not None
    )


SEEN_KEPT = timedelta(days=7)  # replays come back within seconds; a week is ample


def claim_inbound(session: Session, *, channel: str, message_id: str, now: datetime) -> bool:
    """Claim a message before it is handled (and forget claims older than a week): one INSERT that the
    unique (channel, message_id) refuses when another claim — here or in another process — came first."""
    session.execute(
        delete(InboundSeenRow).where(InboundSeenRow.channel == channel, InboundSeenRow.at < now - SEEN_KEPT)
    )
    conn = session.connection()
    insert = sqlite_insert if conn.dialect.name == "sqlite" else pg_insert
    row = conn.execute(
        insert(InboundSeenRow.__table__)
        .values(channel=channel, message_id=message_id, at=now)
        .on_conflict_do_nothing(index_elements=["channel", "message_id"])
        .returning(InboundSeenRow.__table__.c.id)  # a row back: ours (rowcount is not reliable here on psycopg)
    ).first()
    return row is not None


def release_inbound(session: Session, *, channel: str, message_id: str) -> None:
    """Forget a claim: the message may be handled again."""
    session.execute(
        delete(InboundSeenRow).where(InboundSeenRow.channel == channel, InboundSeenRow.message_id == message_id)
    )


def mark_exhausted(session: Session, *, channel: str, month: str) -> None:
    row = usage(session, channel=channel, month=month)
    if row is None:
        row = UsageRow(channel=channel, month=month, sent=0)
        session.add(row)
    row.exhausted = True
    session.flush()
