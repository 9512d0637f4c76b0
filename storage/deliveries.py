"""Delivery's reads and writes: who has reminders waiting, a batch of them with what their digests
need, and the outcome of each send recorded on the claimed rows."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Collection, Iterable

from sqlalchemy import bindparam, case, exists, func, select, update
from sqlalchemy.orm import aliased
from sqlmodel import Session

from bot.domain.audience import Chat
from bot.domain.choices import CHOICES
from bot.domain.pending import AssignmentFacts, ItemFacts, Overview, PendingBatch, PendingReminder
from bot.domain.reminder_kinds import ReminderKind
from storage import queries, registry, reports, work
from storage.office import plan_office
from bot.gc_pause import gc_paused
from storage.driver_rows import Dates, driver_rows
from storage.id_lists import in_ids
from storage.lease import takeable
from storage.models import OPEN_SQL, AgencyRow, AssignmentRow, ItemRow, ItemSubjectRow, RecipientRow, ReminderRow

_REMINDER = ReminderRow.__table__  # updates through Core: no ORM bookkeeping per statement

_REMINDER_COLS = (
    ReminderRow.id,
    ReminderRow.item_id,
    ReminderRow.agency_id,
    ReminderRow.assignment_id,
    ReminderRow.recipient_id,
    ReminderRow.kind,
    ReminderRow.slot,
    ReminderRow.day,
    ReminderRow.attempts,
    ReminderRow.chat,
    ReminderRow.fallback_to,
    ReminderRow.error,
    ReminderRow.failed_attempts,
    ReminderRow.ambiguous,
)
_ITEM_COLS = (
    ItemRow.id,
    ItemRow.code,
    ItemRow.content,
    ItemRow.type,
    ItemRow.deadline_kind,
    ItemRow.deadline_text,
    ItemRow.deadline,
    ItemRow.due_date,
    ItemRow.due_override,
    ItemRow.start_date,
    ItemRow.inspection_date,
    ItemRow.surprise,
    ItemRow.retired,
    ItemRow.subject_text,
)
_ASSIGNMENT_COLS = (
    AssignmentRow.id,
    AssignmentRow.item_id,
    AssignmentRow.agency_id,
    AssignmentRow.role,
    AssignmentRow.status,
    AssignmentRow.active,
    AssignmentRow.due,
)
_CHAT_COLS = (
    RecipientRow.id,
    RecipientRow.channel,
    RecipientRow.chat_id,
    RecipientRow.agency_id,
    RecipientRow.role,
    RecipientRow.person,
    RecipientRow.preferred,
    RecipientRow.active,
    RecipientRow.display_name,
    RecipientRow.rank,
)


def _failing():
    """SQL: the chat's deliveries were given up since its last sent reminder (the audience rule lets a
    deputy stand in)."""
    failed, sent = aliased(ReminderRow), aliased(ReminderRow)
    last_sent = (
        select(func.coalesce(func.max(sent.id), 0))
        .where(sent.recipient_id == RecipientRow.id, sent.status == "sent")
        .scalar_subquery()
    )
    return exists(
        select(failed.id).where(
            failed.recipient_id == RecipientRow.id, failed.status == "failed", failed.id > last_sent
        )
    ).label("failing")


def chat_of(row) -> Chat:
    return Chat(*row)


def chats(session: Session, *, active_only: bool = True, person: str | None = None) -> list[Chat]:
    """Linked chats (recipients) as the audience rule sees them."""
    q = select(*_CHAT_COLS, _failing()).order_by(RecipientRow.id)
    if active_only:
        q = q.where(RecipientRow.active.is_(True))
    if person is not None:
        q = q.where(RecipientRow.person == person)
    return [chat_of(r) for r in session.connection().execute(q)]


def _due_now(now):
    """Due for an attempt at the real time ``now`` (pending and due, or held by a sender that died)."""
    return takeable(now)


_DUE_FOR_RECIPIENTS = (  # the bound recipients' rows due at ``now``, found through ix_reminder_pending
    _REMINDER.c.status.in_(("pending", "sending")),
    in_ids(_REMINDER.c.recipient_id),
    _due_now(bindparam("now")),
)
_TAKE = (
    update(_REMINDER)
    .where(*_DUE_FOR_RECIPIENTS)
    .values(
        status="sending",
        lease_owner=bindparam("owner"),
        lease_expires_at=bindparam("until"),
        ambiguous=_REMINDER.c.ambiguous + case((_REMINDER.c.status == "sending", 1), else_=0),
    )
    .returning(_REMINDER.c.id)
)  # built once: each take only binds its parameters
_HELD = (  # the rows taken, each with its assignment as it is now (one joined read, as a digest shows them)
    select(*_REMINDER_COLS, *_ASSIGNMENT_COLS)
    .join_from(ReminderRow, AssignmentRow, AssignmentRow.id == ReminderRow.assignment_id, isouter=True)
    .where(in_ids(ReminderRow.id))
)  # no ORDER BY: sorting tens of thousands of rows in SQL costs more than each recipient's list in Python
_SKIP_INACTIVE = (
    update(_REMINDER)
    .where(*_DUE_FOR_RECIPIENTS, _REMINDER.c.kind != ReminderKind.FAREWELL.value)  # the farewell still goes
    .values(status="skipped", last_error="recipient inactive", lease_owner="", lease_expires_at=None)
)


def waiting_recipients(session: Session, *, channels: Iterable[str], now: datetime) -> list[int]:
    q = (
        select(ReminderRow.recipient_id)
        .join(RecipientRow, RecipientRow.id == ReminderRow.recipient_id)
        .where(_due_now(now), RecipientRow.channel.in_(list(channels)))
        .distinct()
        .order_by(ReminderRow.recipient_id)
    )
    return [r for (r,) in session.connection().execute(q)]


def _item(i) -> ItemFacts:
    deadline = i.deadline or {}
    flags = deadline.get("flags") or []
    freq = (deadline.get("recurrence") or {}).get("freq")
    return ItemFacts(
        i.id,
        i.code,
        i.content,
        i.type,
        i.deadline_kind,
        i.deadline_text,
        flags[0] if flags else "",
        i.due_date,
        i.due_override,
        i.start_date,
        i.inspection_date,
        bool(i.surprise),
        bool(i.retired),
        i.subject_text or "",
        freq,
        dict(deadline.get("recurrence") or {}) or None,
        bool(deadline.get("open_ended")),
    )


_ITEMS = select(*_ITEM_COLS).where(in_ids(ItemRow.id))
_LEADS = select(AssignmentRow.item_id, AssignmentRow.agency_id).where(
    in_ids(AssignmentRow.item_id), AssignmentRow.role == "lead", AssignmentRow.active.is_(True)
)
_UNITS = select(ItemSubjectRow.item_id, ItemSubjectRow.agency_id).where(in_ids(ItemSubjectRow.item_id))
_KINDS = {k.value: k for k in ReminderKind}  # a dict lookup: the Enum call costs more, row by row


def items(session: Session, *, item_ids: Iterable[int]) -> dict[int, ItemFacts]:
    """Items by id, as digests and listings show them."""
    ids = sorted(set(item_ids))
    if not ids:
        return {}
    return {i.id: _item(i) for i in session.connection().execute(_ITEMS, {"ids": ids}).all()}


def agency_names(session: Session) -> dict[int, str]:
    return dict(session.connection().execute(select(AgencyRow.id, AgencyRow.name)).all())


def take_batch(
    session: Session,
    *,
    recipient_ids: list[int],
    owner: str,
    now: datetime,
    until: datetime,
    known_items: Collection[int] = (),
) -> PendingBatch:
    """Take these recipients' due reminders (``pending → sending``, held by ``owner`` until ``until``, in
    one statement) and read what their digests need. Only rows due at the real time ``now`` that nobody
    holds are taken, or rows whose sender's lease expired (counted one more ambiguous send: it may have
    arrived). Rows of inactive recipients are marked skipped, but for the farewell to a chat that handed
    its seat over (it is told once, on its own channel). Items in ``known_items`` (read for an earlier
    batch of the same run) are not read again."""
    conn = session.connection()
    batch = PendingBatch()
    recs = {
        c.id: c
        for c in (chat_of(r) for r in conn.execute(select(*_CHAT_COLS).where(RecipientRow.id.in_(recipient_ids))))
    }
    inactive = [rid for rid, c in recs.items() if not c.active]
    if inactive:
        batch.skipped = conn.execute(_SKIP_INACTIVE, {"ids": inactive, "now": now}).rowcount
    params = {"ids": [rid for rid in recipient_ids if rid in recs], "now": now, "owner": owner, "until": until}
    with gc_paused():  # tens of thousands of tuples, read and built in one pass, no SQLAlchemy row objects
        taken = driver_rows(conn, _TAKE, params)
        held = driver_rows(conn, _HELD, {"ids": [i for (i,) in taken]})
        width, dates, known = len(_REMINDER_COLS), Dates(), set(known_items)
        rows: dict[int, list[PendingReminder]] = {rid: [] for rid in params["ids"]}  # the recipients' order
        assignments, new_items = batch.assignments, set()
        heads_up, inspected = set(), set()
        for row in held:
            r = PendingReminder._make((*row[:5], _KINDS[row[5]], row[6], dates[row[7]], *row[8:width]))
            rows.setdefault(r.recipient_id, []).append(r)
            if row[width] is not None:
                a = AssignmentFacts._make((*row[width : width + 6], dates[row[width + 6]]))
                assignments[(a.item_id, a.agency_id, a.role)] = a
            if r.item_id:
                if r.item_id not in known:
                    new_items.add(r.item_id)
                if r.kind is ReminderKind.HEADS_UP:
                    heads_up.add(r.item_id)
                elif r.kind is ReminderKind.INSPECTION_DUE:
                    inspected.add(r.item_id)
    batch.rows = {rid: sorted(rs) for rid, rs in rows.items() if rs}  # each in id order (its first field)
    batch.chats = {rid: recs[rid] for rid in batch.rows}
    batch.items = items(session, item_ids=new_items)
    batch.agencies = agency_names(session)
    batch.office = plan_office(session)
    for item_id, agency_id in conn.execute(_LEADS, {"ids": sorted(heads_up)}) if heads_up else ():
        batch.leads.setdefault(item_id, []).append(batch.agencies.get(agency_id, ""))  # for coordinating agencies
    for item_id, agency_id in conn.execute(_UNITS, {"ids": sorted(inspected)}) if inspected else ():
        batch.units.setdefault(item_id, []).append(batch.agencies.get(agency_id, ""))
    return batch


def overview(
    session: Session, *, plan_slug: str | None, today: date, zone: tzinfo, weekly: bool, soon_until: date | None = None
) -> Overview:
    """What every coordinator's digest repeats, computed once per batch."""
    officers: dict[int, list[str]] = {}
    for c in chats(session):
        if c.role == "officer":
            officers.setdefault(c.agency_id, []).append(c.display_name or c.address)
    plan = queries.get_plan(session=session, slug=plan_slug)
    plan_id = plan.id
    counts = work.overdue_by_agency(session, plan_id=plan_id, today=today)
    week = weekly_lists(session, plan_id=plan_id, today=today, zone=zone, soon_until=soon_until) if weekly else None
    if week is not None:
        week["waiting_groups"] = dict((plan.meta or {}).get("waiting_groups") or {})  # kept at load
    return Overview(officers, sum(c.count for c in counts), len(counts), week)


def weekly_lists(session: Session, *, plan_id: int, today: date, zone: tzinfo, soon_until: date | None = None) -> dict:
    """The Monday summary's lists, as ``storage.reports.weekly`` gives them (closed in the week before
    ``today``, newly overdue, due within 14 days: (code, agency, date) each; agencies without an officer;
    disabled chats), loaded by date range: only the rows named travel, never the plan's every assignment
    (tests/storage/test_weekly_lists.py checks both agree)."""
    conn = session.connection()
    week_start, end = today - timedelta(days=7), soon_until or today + timedelta(days=14)
    lead = (
        select(ItemRow.code, AgencyRow.name)
        .join(ItemRow, ItemRow.id == AssignmentRow.item_id)
        .join(AgencyRow, AgencyRow.id == AssignmentRow.agency_id)
        .where(ItemRow.retired.is_(False), AssignmentRow.active.is_(True), AssignmentRow.role == "lead")
    )
    # Closed: a day's margin in SQL either side (closed_at is UTC), the exact local day in Python.
    closed, margin = [], timedelta(days=1)
    since = datetime.combine(week_start, time(), tzinfo=timezone.utc) - margin
    before = datetime.combine(today, time(), tzinfo=timezone.utc) + margin
    for code, agency, at in conn.execute(
        lead.add_columns(AssignmentRow.closed_at).where(
            ItemRow.plan_id == plan_id,
            AssignmentRow.status == "done",
            AssignmentRow.closed_at >= since,
            AssignmentRow.closed_at < before,
        )
    ):
        on = at.astimezone(zone).date() if at else None
        if on and week_start <= on < today:
            closed.append((code, agency, on))
    open_due = lead.add_columns(AssignmentRow.due).where(  # the due range through ix_assignment_open_due
        work.index_terms(session, OPEN_SQL), AssignmentRow.plan_id == plan_id
    )
    new_overdue = [
        tuple(r) for r in conn.execute(open_due.where(AssignmentRow.due >= week_start, AssignmentRow.due < today))
    ]
    soon = [tuple(r) for r in conn.execute(open_due.where(AssignmentRow.due >= today, AssignmentRow.due <= end))]
    no_officer, disabled = reports.chats_missing(session)
    return {"closed": closed, "new_overdue": new_overdue, "soon": soon, "no_officer": no_officer, "disabled": disabled}


def _finish_stmt(status: str):
    return (
        update(_REMINDER)
        .where(in_ids(_REMINDER.c.id))
        .values(
            status=status,
            sent_at=bindparam("now") if status == "sent" else None,
            message_ref=bindparam("ref"),
            lease_owner="",
            lease_expires_at=None,
        )
    )


_FINISH = {status: _finish_stmt(status) for status in ("sent", "skipped")}  # built once, bound per digest


def finish(session: Session, *, reminder_ids: list[int], status: str, now: datetime, ref: str = "") -> None:
    """The send's outcome (``sent`` at the real time ``now``, or ``skipped``), one statement per digest;
    the row lease is let go."""
    params: dict = {"ids": list(reminder_ids), "ref": ref[:100]}
    if status == "sent":
        params["now"] = now
    session.connection().execute(_FINISH[status], params)


def record_failure(
    session: Session,
    *,
    reminder_ids: list[int],
    attempts: int,
    error: str,
    retry_at: datetime | None,
    ambiguous: int | None = None,
) -> None:
    """A failed send: back to ``pending`` until ``retry_at`` (real time), or failed for good when it is
    None; ``ambiguous`` is the rows' new count of sends that may have arrived."""
    values = dict(
        attempts=attempts,
        last_error=error[:500],
        status="pending" if retry_at else "failed",
        next_attempt_at=retry_at,
        lease_owner="",
        lease_expires_at=None,
    )
    if ambiguous is not None:
        values["ambiguous"] = ambiguous
    session.connection().execute(
        update(_REMINDER).where(in_ids(_REMINDER.c.id)).values(**values),
        {"ids": list(reminder_ids)},
    )


def remember_choices(
    session: Session, *, channel: str, chat_id: str, mapping: dict[str, str], expires_at: datetime
) -> None:
    """Numbered choices sent to a chat without buttons: its next "1" means the first button."""
    registry.set_dialog(session, channel=channel, chat_id=chat_id, kind=CHOICES, data=mapping, expires_at=expires_at)
