"""Sending what was claimed: one digest per recipient, outside any transaction, outcome recorded on
the claimed rows. Transient failures are retried with backoff (honouring retry_after); permanent ones
disable the recipient and tell the coordinators.

A process killed between a send and its record sends that one message again on restart; nothing
else is repeated or lost (rows stay ``pending`` until their send is recorded).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo

from sqlalchemy import select, update
from sqlmodel import Session

from bot.domain import reminders as R
from bot.domain.deadlines import NO_DATE
from bot.domain.digest import CoordinatorDigest, Entry, coordinator_digest, officer_digest
from bot.ports import Button, Clock, Outbound, Sender, TransportError
from bot.domain.views import item_buttons
from jobs.claims import insert_new, recipients, reminder_key
from jobs.limiter import RateLimiter
from storage import registry, work
from storage.models import AgencyRow, AssignmentRow, ItemRow, ItemSubjectRow, RecipientRow, ReminderRow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeliveryConfig:
    max_attempts: int = 5
    backoff_base: float = 30.0      # seconds; doubled each attempt
    backoff_max: float = 3600.0
    escalate_after: int = 7         # shown in the coordinators' digest
    plan_slug: str | None = None
    default_recurrence: str = "quarterly"   # named in the coordinators' notice about "Định kỳ" items


@dataclass
class DeliveryReport:
    messages: int = 0
    reminders: int = 0
    retrying: int = 0
    failed: int = 0
    skipped: int = 0
    disabled: list[str] = field(default_factory=list)


@dataclass
class _Batch:
    recipient_id: int
    channel: str
    chat_id: str
    row_ids: list[int]
    out: Outbound | None          # None: nothing left to say (items closed meanwhile)
    agency: str = ""


RECIPIENTS_PER_BATCH = 50   # digests built at a time: memory stays flat however many are pending


async def deliver(engine, senders: dict[str, Sender], limiter: RateLimiter, clock: Clock, zone: tzinfo,
                  config: DeliveryConfig = DeliveryConfig()) -> DeliveryReport:
    report = DeliveryReport()
    for _ in range(2):  # a second pass carries the notices the first one raised (a lost channel)
        raised = False
        waiting = _waiting_recipients(engine, set(senders), clock.now())
        if not waiting:
            break
        for i in range(0, len(waiting), RECIPIENTS_PER_BATCH):
            for b in _load(engine, waiting[i:i + RECIPIENTS_PER_BATCH], clock.now(), zone, config, report):
                if b.out is None:
                    _finish(engine, b, "skipped", clock.now())
                    report.skipped += len(b.row_ids)
                    continue
                try:
                    async with limiter.slot(f"{b.channel}:{b.chat_id}"):
                        ref = await senders[b.channel].send(b.out)
                except TransportError as e:
                    raised |= _failed(engine, b, e, clock.now(), config, report)
                else:
                    _finish(engine, b, "sent", clock.now(), ref)
                    report.messages += 1
                    report.reminders += len(b.row_ids)
        if not raised:
            break
    return report


def _due_now(now: datetime):
    return (ReminderRow.status == "pending") & (
        (ReminderRow.next_attempt_at == None) | (ReminderRow.next_attempt_at <= now))  # noqa: E711


def _waiting_recipients(engine, channels: set[str], now: datetime) -> list[int]:
    with Session(engine) as s:
        q = (select(ReminderRow.recipient_id).join(RecipientRow, RecipientRow.id == ReminderRow.recipient_id)
             .where(_due_now(now), RecipientRow.channel.in_(channels)).distinct().order_by(ReminderRow.recipient_id))
        return [r for (r,) in s.connection().execute(q)]


def _finish(engine, b: _Batch, status: str, now: datetime, ref: str = "") -> None:
    with Session(engine) as s:
        s.execute(update(ReminderRow).where(ReminderRow.id.in_(b.row_ids))
                  .values(status=status, sent_at=now if status == "sent" else None, message_ref=ref[:100]))
        s.commit()


def _failed(engine, b: _Batch, e: TransportError, now: datetime, config: DeliveryConfig,
            report: DeliveryReport) -> bool:
    """Record a failed send; True when coordinators were given something new to hear."""
    with Session(engine) as s:
        rows = s.execute(select(ReminderRow).where(ReminderRow.id.in_(b.row_ids))).scalars().all()
        attempts = max(r.attempts for r in rows) + 1
        give_up = e.permanent or e.quota or attempts >= config.max_attempts
        backoff = min(config.backoff_base * 2 ** (attempts - 1), config.backoff_max)
        wait = e.retry_after if e.retry_after else backoff   # the server's word beats our guess
        s.execute(update(ReminderRow).where(ReminderRow.id.in_(b.row_ids)).values(
            attempts=attempts, last_error=str(e)[:500], status="failed" if give_up else "pending",
            next_attempt_at=None if give_up else now + timedelta(seconds=wait)))
        notices = []
        _, coordinators = recipients(s)
        rec = s.get(RecipientRow, b.recipient_id)
        if e.recipient_gone:
            registry.disable(s, channel=b.channel, chat_id=b.chat_id, reason=str(e))
            report.disabled.append(f"{b.channel}:{b.chat_id}")
            kind, slot = "channel_lost", f"{b.channel}:{b.chat_id}"
        elif e.quota:
            registry.mark_exhausted(s, channel=b.channel, month=now.strftime("%Y-%m"))
            kind, slot = "unreachable", f"{b.channel}:{b.chat_id}:{now.strftime('%Y-%m')}"
        else:
            kind, slot = "delivery_failed", f"{b.channel}:{b.chat_id}:{now.date().isoformat()}"
        fallback = registry.siblings(s, rec) if give_up else []
        if fallback:   # the officer's other channel takes these reminders, and the coordinators hear of it
            other = fallback[0]
            notices += [{**_copy(r), "key": reminder_key(r.item_id, r.agency_id, other.id, r.kind, r.slot),
                         "recipient_id": other.id, "created_at": now} for r in rows]
            kind, slot = "channel_fallback", f"{b.channel}:{b.chat_id}>{other.channel}:{other.chat_id}"
        if give_up:
            notices += [{"key": reminder_key(None, rec.agency_id, cid, kind, slot), "item_id": None,
                         "agency_id": rec.agency_id, "assignment_id": None, "recipient_id": cid, "kind": kind,
                         "slot": slot, "day": now.date(), "status": "pending", "attempts": 0, "created_at": now,
                         "message_ref": "", "last_error": f"{attempts}|{str(e)[:300]}"}
                        for cid in coordinators if cid != b.recipient_id]
            report.failed += len(b.row_ids)
            log.warning("giving up on %s:%s after %d attempts: %s", b.channel, b.chat_id, attempts, e)
        else:
            report.retrying += len(b.row_ids)
            log.info("will retry %s:%s in %.0fs: %s", b.channel, b.chat_id, wait, e)
        new = insert_new(s, notices, now=now)
        s.commit()
    return new > 0


_REMINDER_COLS = (ReminderRow.id, ReminderRow.item_id, ReminderRow.agency_id, ReminderRow.assignment_id,
                  ReminderRow.recipient_id, ReminderRow.kind, ReminderRow.slot, ReminderRow.last_error)
_ITEM_COLS = (ItemRow.id, ItemRow.code, ItemRow.content, ItemRow.type, ItemRow.deadline_kind, ItemRow.deadline_text,
              ItemRow.deadline, ItemRow.due_date, ItemRow.due_override, ItemRow.start_date, ItemRow.inspection_date,
              ItemRow.surprise, ItemRow.retired, ItemRow.subject_text)
_ASSIGNMENT_COLS = (AssignmentRow.id, AssignmentRow.item_id, AssignmentRow.agency_id, AssignmentRow.role,
                    AssignmentRow.status, AssignmentRow.active, AssignmentRow.due)


def _load(engine, recipient_ids: list[int], now: datetime, zone: tzinfo, config: DeliveryConfig,
          report: DeliveryReport) -> list[_Batch]:
    today = now.astimezone(zone).date()
    with Session(engine) as s:
        conn = s.connection()
        recs = {r.id: r for r in s.execute(select(RecipientRow).where(RecipientRow.id.in_(recipient_ids))).scalars()}
        grouped: dict[int, list] = {}
        q = (select(*_REMINDER_COLS).where(_due_now(now), ReminderRow.recipient_id.in_(recipient_ids))
             .order_by(ReminderRow.recipient_id, ReminderRow.id))
        for row in conn.execute(q):
            grouped.setdefault(row.recipient_id, []).append(row)
        inactive = [r.id for rid, rows in grouped.items() if not recs[rid].active for r in rows]
        if inactive:
            s.execute(update(ReminderRow).where(ReminderRow.id.in_(inactive))
                      .values(status="skipped", last_error="recipient inactive"))
            report.skipped += len(inactive)
        live = {rid: rows for rid, rows in grouped.items() if recs[rid].active}
        ctx = _Context.load(s, [r for rows in live.values() for r in rows])
        ctx.zone = zone
        batches = []
        for rid, rows in live.items():
            rec = recs[rid]
            out = (ctx.coordinator_message(s, rec, rows, today, config) if rec.role == "coordinator"
                   else ctx.officer_message(rec, rows, today))
            batches.append(_Batch(rid, rec.channel, rec.chat_id, [r.id for r in rows], out))
        s.commit()
        return batches


@dataclass
class _Context:
    """Everything the messages need, loaded in a few queries for all pending rows at once."""

    items: dict[int, object]          # item columns (rows with attribute access)
    agencies: dict[int, str]
    assignments: dict[tuple[int, int, str], object]
    leads: dict[int, list[str]] = field(default_factory=dict)   # heads-up items: who leads
    zone: tzinfo = timezone.utc
    rows: list = field(default_factory=list)
    shared: dict | None = None

    @classmethod
    def load(cls, s: Session, rows: list) -> "_Context":
        conn = s.connection()
        item_ids = sorted({r.item_id for r in rows if r.item_id})
        items = {i.id: i for chunk in _chunks(item_ids)
                 for i in conn.execute(select(*_ITEM_COLS).where(ItemRow.id.in_(chunk)))}
        agencies = dict(conn.execute(select(AgencyRow.id, AgencyRow.name)).all())
        assignment_ids = sorted({r.assignment_id for r in rows if r.assignment_id})
        assignments = {}
        for chunk in _chunks(assignment_ids):
            for a in conn.execute(select(*_ASSIGNMENT_COLS).where(AssignmentRow.id.in_(chunk))):
                assignments[(a.item_id, a.agency_id, a.role)] = a
        leads: dict[int, list[str]] = {}
        heads_up = sorted({r.item_id for r in rows if r.kind == R.HEADS_UP and r.item_id})
        for chunk in _chunks(heads_up):  # who leads, for the coordinating agencies' lines
            q = select(AssignmentRow.item_id, AssignmentRow.agency_id).where(
                AssignmentRow.item_id.in_(chunk), AssignmentRow.role == "lead", AssignmentRow.active == True)  # noqa: E712
            for item_id, agency_id in conn.execute(q):
                leads.setdefault(item_id, []).append(agencies.get(agency_id, ""))
        return cls(items, agencies, assignments, leads, rows=rows)

    def officer_message(self, rec: RecipientRow, rows: list, today) -> Outbound | None:
        entries = []
        for r in rows:
            item = self.items.get(r.item_id)
            if item is None or item.retired:
                continue
            if r.kind == R.INSPECTION:
                if item.surprise or item.inspection_date is None:
                    continue  # never announce a surprise inspection
                entries.append(Entry(item.code, item.content, r.kind, "date", item.inspection_date, 0, item.id,
                                     scheduled=item.inspection_date))
                continue
            role = "coordinating" if r.kind == R.HEADS_UP else "lead"
            a = self.assignments.get((r.item_id, r.agency_id, role))
            if a is None or a.status == "done" or not a.active:
                continue
            leads = ", ".join(self.leads.get(item.id, []))
            kind = "date" if item.due_override and item.deadline_kind in ("unspecified", "on_demand") else item.deadline_kind
            entries.append(Entry(item.code, item.content, r.kind, kind, None if a.due == NO_DATE else a.due,
                                 a.id, item.id, start=item.start_date, leads=leads))
        if not entries:
            return None
        title, text, actionable = officer_digest(self.agencies.get(rec.agency_id, ""), entries, today)
        buttons = tuple(tuple(Button(label, data) for label, data in item_buttons(e.code, e.assignment_id, e.item_id))
                        for e in actionable[:8])
        return Outbound(rec.channel, rec.chat_id, text, title, buttons)

    def _shared(self, s: Session, today, config: DeliveryConfig) -> dict:
        """What every coordinator's digest repeats (officers by agency, overdue totals, the week):
        computed once per batch, not once per coordinator."""
        if self.shared is None:
            from storage import queries, reports

            officers: dict[int, list[str]] = {}
            for r, _a in registry.all_recipients(s):
                if r.active and r.role == "officer":
                    officers.setdefault(r.agency_id, []).append(r.display_name or f"{r.channel}:{r.chat_id}")
            plan_id = queries.get_plan(session=s, slug=config.plan_slug).id
            counts = work.overdue_by_agency(s, plan_id=plan_id, today=today)
            self.shared = {"officers": officers, "overdue": (sum(c.count for c in counts), len(counts)),
                           "plan_id": plan_id, "weekly": None}
            if any(r.kind == "weekly" for r in self.rows):
                w = reports.weekly(s, plan_id=plan_id, today=today, zone=self.zone)
                self.shared["weekly"] = {
                    k: ([(x["code"], x["agency"], x["closed_on"] if k == "closed" else x["due"]) for x in v]
                        if k in ("closed", "new_overdue", "soon") else v) for k, v in w.items()}
        return self.shared

    def coordinator_message(self, s: Session, rec: RecipientRow, rows: list, today,
                            config: DeliveryConfig) -> Outbound | None:
        shared = self._shared(s, today, config)
        officers = shared["officers"]
        d = CoordinatorDigest()
        d.overdue_total, d.overdue_agencies = shared["overdue"]
        for r in rows:
            item = self.items.get(r.item_id) if r.item_id else None
            if r.kind == R.ESCALATION and item is not None:
                a = self.assignments.get((item.id, r.agency_id, "lead"))
                if a is not None and a.status != "done":
                    d.escalations.append((item.code, self.agencies[r.agency_id], a.due,
                                          ", ".join(officers.get(r.agency_id, []))))
            elif r.kind == R.NEEDS_DATE and item is not None and item.due_override is None:
                flags = (item.deadline or {}).get("flags") or []
                d.needs_date.append((item.code, item.deadline_text, flags[0] if flags else item.deadline_kind))
            elif r.kind == R.RECURRENCE_DEFAULT and item is not None:
                d.recurrence.append((item.code, item.deadline_text, config.default_recurrence))
            elif r.kind == "inspection_due" and item is not None:
                unit = ", ".join(self.agencies[x.agency_id] for x in s.execute(
                    select(ItemSubjectRow).where(ItemSubjectRow.item_id == item.id)).scalars())
                d.inspections.append((item.code, unit or item.subject_text, item.surprise, item.due_date))
            elif r.kind == "weekly":
                d.weekly = shared["weekly"]
            elif r.kind in ("channel_fallback", "unreachable", "quota_warning"):
                d.notices.append(_notice(r, self.agencies))
            elif r.kind == "channel_lost":
                d.channel_lost.append((self.agencies.get(r.agency_id, ""), r.slot, _reason(r.last_error)))
            elif r.kind == "delivery_failed":
                attempts, _, error = r.last_error.partition("|")
                d.delivery_failed.append((self.agencies.get(r.agency_id, ""), r.slot.rsplit(":", 1)[0],
                                          int(attempts or 0), error))
        if d.empty and not d.overdue_total:
            return None
        title, text = coordinator_digest(d, today, config.escalate_after)
        return Outbound(rec.channel, rec.chat_id, text, title)


def _copy(r: ReminderRow) -> dict:
    return {"item_id": r.item_id, "agency_id": r.agency_id, "assignment_id": r.assignment_id, "kind": r.kind,
            "slot": r.slot, "day": r.day, "status": "pending", "attempts": 0, "message_ref": "", "last_error": ""}


def _chunks(ids: list[int], size: int = 5000):
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def _notice(r, agencies: dict[int, str]) -> str:
    from bot.domain.texts import reminders as RT

    agency = agencies.get(r.agency_id, "")
    if r.kind == "channel_fallback":
        source, _, target = r.slot.partition(">")
        return RT.COORD_FALLBACK.format(agency=agency, source=source, target=target, reason=_reason(r.last_error))
    if r.kind == "unreachable":
        return RT.COORD_UNREACHABLE.format(agency=agency, chat=r.slot.rsplit(":", 1)[0])
    return RT.COORD_QUOTA_WARNING.format(slot=r.slot)


def _reason(stored: str) -> str:
    return stored.partition("|")[2] or stored
