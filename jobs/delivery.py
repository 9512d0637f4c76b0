"""Sending what was claimed: one digest per recipient, outside any transaction, outcome recorded on
the claimed rows. What to do after a failure is the domain's ``after_failure`` (retry with backoff,
honour retry_after, retry an ambiguous send at most once, give up, fall back to the person's next
channel); permanent failures disable the chat and tell the coordinators.

A batch of recipients' rows is *taken* (``pending → sending``, with a lease in real time, one statement)
before their digests are built and sent, so two deliverers never send the same row; each digest is then
recorded sent in one statement. Rows of a sender that died are taken again once their lease (the
sender lease's expiry) passes, counted as an ambiguous send. The business clock (``--today``)
only says what the digests say; retries, leases and ``sent_at`` follow the wall clock.
Numbered choices are remembered only once their message was delivered.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo

from bot.gc_pause import gc_paused
from bot.domain.audience import DEFAULT_FALLBACK_ORDER, Chat, recipients
from bot.domain.choices import number_choices
from bot.domain.failure import Failure, FailurePolicy, Outcome, after_failure, failure_claims
from bot.domain.workdays import WorkCalendar
from bot.domain.pending import Overview, PendingBatch
from bot.domain.periods import DueDefaults
from bot.domain.reminder_kinds import ReminderKind
from bot.ports import Capabilities, Clock, Outbound, Sender, SweepStore, TransportError
from jobs.digests import coordinator_message, officer_message
from jobs.leadership import LeaseConfig, Leadership, new_holder
from jobs.limiter import RateLimiter

log = logging.getLogger(__name__)

CHOICES_KEPT = timedelta(hours=12)  # a numbered reminder's "1" is understood this long


SOON_WORKING_DAYS = 14  # the Monday summary's "due soon", as /baocao counts it


@dataclass(frozen=True)
class DeliveryConfig:
    max_attempts: int = 5
    backoff_base: float = 30.0  # seconds; doubled each attempt
    backoff_max: float = 3600.0
    escalate_after: int = 7  # shown in the coordinators' digest
    plan_slug: str | None = None
    default_recurrence: str = "quarterly"  # named in the coordinators' notice about "Định kỳ" items
    fallback_order: tuple[str, ...] = DEFAULT_FALLBACK_ORDER  # a person's channels, tried in this order
    calendar: WorkCalendar | None = None  # "due within 14 days" of the Monday summary counts working days
    period_due: DueDefaults = DueDefaults()  # PERIOD_DUE_*: the due day of a period the phrase leaves open

    @property
    def failure_policy(self) -> FailurePolicy:
        return FailurePolicy(self.max_attempts, self.backoff_base, self.backoff_max, tuple(self.fallback_order))


@dataclass
class DeliveryReport:
    messages: int = 0
    reminders: int = 0
    retrying: int = 0
    failed: int = 0
    skipped: int = 0
    disabled: list[str] = field(default_factory=list)
    busy: str = ""  # another process held the sender lease: nothing was sent (its holder)
    busy_until: datetime | None = None
    lost_lease: bool = False  # the lease was taken over mid-batch: we stopped


@dataclass
class _Send:
    chat: Chat
    row_ids: list[int]
    out: Outbound | None  # None: nothing left to say (items closed meanwhile)


RECIPIENTS_PER_BATCH = 50  # digests built at a time: memory stays flat however many are pending


def capabilities(sender: Sender) -> Capabilities:
    """What the sender's channel carries (a sender that does not say carries everything)."""
    return getattr(sender, "capabilities", None) or Capabilities()


def shape(out: Outbound, caps: Capabilities) -> tuple[Outbound, dict[str, str] | None]:
    """Fit a message to its channel: no inbound → no buttons; no buttons → numbered choices (returned,
    to be remembered for the chat once the message is delivered, so the officer's "1" is understood)."""
    if not out.buttons:
        return out, None
    if not caps.inbound:
        return replace(out, buttons=()), None
    if caps.buttons:
        return out, None
    (numbered,), mapping = number_choices([out])
    return numbered, mapping


async def deliver(
    store: SweepStore,
    senders: dict[str, Sender],
    limiter: RateLimiter,
    clock: Clock,
    zone: tzinfo,
    config: DeliveryConfig = DeliveryConfig(),
    *,
    wall: Clock | None = None,
    holder: str = "",
    leader: Leadership | None = None,
    lease: LeaseConfig | None = None,
) -> DeliveryReport:
    """Send every due pending reminder, one digest per recipient. ``clock`` is the business clock (what
    the digests say), ``wall`` real time (retries, row leases; the business clock when None); ``holder``
    names this deliverer in the row leases; with a ``leader``, delivery stops as soon as its sender lease
    is lost."""
    wall = wall or clock
    holder = holder or new_holder()
    lease = lease or LeaseConfig()
    report = DeliveryReport()
    items: dict = {}  # item facts read once per run, whatever the number of batches naming them
    for _ in range(2):  # a second pass carries the notices the first one raised (a lost channel)
        raised = False
        waiting = store.waiting_recipients(channels=set(senders), now=wall.now())
        if not waiting:
            break
        for i in range(0, len(waiting), RECIPIENTS_PER_BATCH):
            if _lost(leader, report):
                return report
            # The whole batch's rows are taken in one statement before anything is built from them
            # (held, and renewed, with the sender lease); each digest is then recorded sent in one statement.
            batch = store.take_batch(
                recipient_ids=waiting[i : i + RECIPIENTS_PER_BATCH],
                holder=holder,
                now=wall.now(),
                until=_until(wall, leader, lease),
                known_items=items.keys(),
            )
            items.update(batch.items)
            batch.items = items
            report.skipped += batch.skipped
            built = _Digests(store, batch, clock.now().astimezone(zone).date(), zone, config)
            for rid, taken in batch.rows.items():
                if _lost(leader, report):  # our rows expire with the lease: the new leader takes them
                    return report
                b = built.one(rid, taken)
                if b.out is None:
                    store.record_skipped(reminder_ids=b.row_ids, now=wall.now())
                    report.skipped += len(b.row_ids)
                    continue
                sender = senders[b.chat.channel]
                out, choices = shape(b.out, capabilities(sender))
                try:
                    async with limiter.slot(b.chat.address):
                        ref = await sender.send(out)
                except TransportError as e:
                    ambiguous = max(r.ambiguous for r in taken)
                    raised |= _failed(store, batch, b, e, wall.now(), built.today, config, report, ambiguous=ambiguous)
                else:
                    store.record_sent(reminder_ids=b.row_ids, now=wall.now(), ref=ref)
                    if choices:
                        store.remember_choices(
                            channel=out.channel,
                            chat_id=out.chat_id,
                            mapping=choices,
                            expires_at=clock.now() + CHOICES_KEPT,
                        )
                    report.messages += 1
                    report.reminders += len(b.row_ids)
        if not raised:
            break
    return report


def _lost(leader: Leadership | None, report: DeliveryReport) -> bool:
    """True (and said in the report and the log) when the sender lease was lost: delivery stops."""
    if leader is None or leader.held:
        return False
    report.lost_lease = True
    log.warning("stopping delivery: the sender lease was lost")
    return True


def _until(wall: Clock, leader: Leadership | None, lease: LeaseConfig) -> datetime:
    """Until when rows taken now are held: they expire with the sender lease (renewed together), so a
    standby that takes the lease of a dead leader can take the rows it was sending, too."""
    if leader is not None and leader.expires:
        return leader.expires
    return wall.now() + timedelta(seconds=lease.seconds)


class _Digests:
    """One batch's digests, built one recipient at a time (after its rows are taken); the coordinators'
    overview is computed once per batch, not once per coordinator."""

    def __init__(self, store: SweepStore, batch: PendingBatch, today: date, zone: tzinfo, config: DeliveryConfig):
        self.store, self.batch, self.today, self.zone, self.config = store, batch, today, zone, config
        self._overview: Overview | None = None

    def one(self, rid: int, rows) -> _Send:
        with gc_paused():  # hundreds of entries per digest, no cycles among them
            return self._one(rid, rows)

    def _one(self, rid: int, rows) -> _Send:
        batch, config, chat = self.batch, self.config, self.batch.chats[rid]
        if chat.role == "coordinator":
            if self._overview is None:
                weekly = any(r.kind is ReminderKind.WEEKLY for rs in batch.rows.values() for r in rs)
                cal = config.calendar
                self._overview = self.store.coordinator_overview(
                    plan_slug=config.plan_slug,
                    today=self.today,
                    zone=self.zone,
                    weekly=weekly,
                    soon_until=cal.add_working_days(self.today, SOON_WORKING_DAYS) if cal else None,
                )
            out = coordinator_message(
                batch,
                chat,
                rows,
                self._overview,
                self.today,
                config.escalate_after,
                config.default_recurrence,
                period_due=config.period_due,
            )
        else:
            out = officer_message(
                batch,
                chat,
                rows,
                self.today,
                period_due=config.period_due,
                default_recurrence=config.default_recurrence,
            )
        return _Send(chat, [r.id for r in rows], out)


def _failed(
    store: SweepStore,
    batch: PendingBatch,
    b: _Send,
    e: TransportError,
    now: datetime,
    today: date,
    config: DeliveryConfig,
    report: DeliveryReport,
    *,
    ambiguous: int = 0,
) -> bool:
    """Record a failed send as the domain decides (``now`` real time, ``today`` the business day); True
    when coordinators were given something new to hear."""
    rows = [r for r in batch.rows[b.chat.id] if r.id in set(b.row_ids)]
    failure = Failure(str(e), e.permanent, e.recipient_gone, e.retry_after, e.quota, e.ambiguous)
    chats = store.linked_chats()
    others = store.linked_chats(person=b.chat.person) if b.chat.person else []
    d = after_failure(
        failure=failure,
        attempts=max(r.attempts for r in rows),
        chat=b.chat,
        chats=others,
        now=now,
        policy=config.failure_policy,
        ambiguous=ambiguous,
    )
    claims = failure_claims(
        d,
        failed=[r.as_claim() for r in rows],
        chat=b.chat,
        coordinators=recipients(chats, config.fallback_order).coordinators,
        error=str(e),
        day=today,
    )
    new = store.record_failure(
        reminder_ids=b.row_ids,
        attempts=d.attempts,
        error=str(e),
        retry_at=d.retry_at,
        disable=b.chat if d.disable else None,
        exhausted=(b.chat.channel, d.exhausted_month) if d.exhausted_month else None,
        claims=claims,
        now=now,
        ambiguous=d.ambiguous,
    )
    if d.disable:
        report.disabled.append(b.chat.address)
    if d.outcome is Outcome.RETRY:
        report.retrying += len(b.row_ids)
        log.info("will retry %s at %s: %s", b.chat.address, d.retry_at, e)
    else:
        report.failed += len(b.row_ids)
        log.warning("giving up on %s after %d attempts: %s", b.chat.address, d.attempts, e)
    return new > 0
