"""Sending what was claimed: one digest per recipient, outside any transaction, outcome recorded on
the claimed rows. What to do after a failure is the domain's ``after_failure`` (retry with backoff,
honour retry_after, give up, fall back to the person's next channel); permanent failures disable the
chat and tell the coordinators.

A process killed between a send and its record sends that one message again on restart; nothing
else is repeated or lost (rows stay ``pending`` until their send is recorded).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, tzinfo

from bot.domain.audience import DEFAULT_FALLBACK_ORDER, Chat, recipients
from bot.domain.choices import number_choices
from bot.domain.failure import Failure, FailurePolicy, Outcome, after_failure, failure_claims
from bot.domain.pending import PendingBatch
from bot.domain.reminder_kinds import ReminderKind
from bot.ports import Capabilities, Clock, Outbound, Sender, SweepStore, TransportError
from jobs.digests import coordinator_message, officer_message
from jobs.limiter import RateLimiter

log = logging.getLogger(__name__)

CHOICES_KEPT = timedelta(hours=12)   # a numbered reminder's "1" is understood this long


@dataclass(frozen=True)
class DeliveryConfig:
    max_attempts: int = 5
    backoff_base: float = 30.0      # seconds; doubled each attempt
    backoff_max: float = 3600.0
    escalate_after: int = 7         # shown in the coordinators' digest
    plan_slug: str | None = None
    default_recurrence: str = "quarterly"   # named in the coordinators' notice about "Định kỳ" items
    fallback_order: tuple[str, ...] = DEFAULT_FALLBACK_ORDER   # a person's channels, tried in this order

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


@dataclass
class _Send:
    chat: Chat
    row_ids: list[int]
    out: Outbound | None          # None: nothing left to say (items closed meanwhile)


RECIPIENTS_PER_BATCH = 50   # digests built at a time: memory stays flat however many are pending


def capabilities(sender: Sender) -> Capabilities:
    """What the sender's channel carries (a sender that does not say carries everything)."""
    return getattr(sender, "capabilities", None) or Capabilities()


def shape(store: SweepStore, out: Outbound, caps: Capabilities, now: datetime) -> Outbound:
    """Fit a message to its channel: no inbound → no buttons; no buttons → numbered choices, remembered
    for the chat so the officer's "1" is understood."""
    if not out.buttons:
        return out
    if not caps.inbound:
        return replace(out, buttons=())
    if caps.buttons:
        return out
    (numbered,), mapping = number_choices([out])
    store.remember_choices(channel=out.channel, chat_id=out.chat_id, mapping=mapping, expires_at=now + CHOICES_KEPT)
    return numbered


async def deliver(store: SweepStore, senders: dict[str, Sender], limiter: RateLimiter, clock: Clock, zone: tzinfo,
                  config: DeliveryConfig = DeliveryConfig()) -> DeliveryReport:
    report = DeliveryReport()
    for _ in range(2):  # a second pass carries the notices the first one raised (a lost channel)
        raised = False
        waiting = store.waiting_recipients(channels=set(senders), now=clock.now())
        if not waiting:
            break
        for i in range(0, len(waiting), RECIPIENTS_PER_BATCH):
            batch = store.pending_batch(recipient_ids=waiting[i:i + RECIPIENTS_PER_BATCH], now=clock.now())
            report.skipped += batch.skipped
            for b in _build(store, batch, clock.now(), zone, config):
                if b.out is None:
                    store.record_skipped(reminder_ids=b.row_ids, now=clock.now())
                    report.skipped += len(b.row_ids)
                    continue
                sender = senders[b.chat.channel]
                out = shape(store, b.out, capabilities(sender), clock.now())
                try:
                    async with limiter.slot(b.chat.address):
                        ref = await sender.send(out)
                except TransportError as e:
                    raised |= _failed(store, batch, b, e, clock.now(), config, report)
                else:
                    store.record_sent(reminder_ids=b.row_ids, now=clock.now(), ref=ref)
                    report.messages += 1
                    report.reminders += len(b.row_ids)
        if not raised:
            break
    return report


def _build(store: SweepStore, batch: PendingBatch, now: datetime, zone: tzinfo, config: DeliveryConfig) -> list[_Send]:
    today = now.astimezone(zone).date()
    overview = None
    sends = []
    for rid, rows in batch.rows.items():
        chat = batch.chats[rid]
        if chat.role == "coordinator":
            if overview is None:   # computed once per batch, not once per coordinator
                overview = store.coordinator_overview(plan_slug=config.plan_slug, today=today, zone=zone,
                                                      weekly=any(r.kind is ReminderKind.WEEKLY for rs in batch.rows.values()
                                                                 for r in rs))
            out = coordinator_message(batch, chat, rows, overview, today, config.escalate_after,
                                      config.default_recurrence)
        else:
            out = officer_message(batch, chat, rows, today)
        sends.append(_Send(chat, [r.id for r in rows], out))
    return sends


def _failed(store: SweepStore, batch: PendingBatch, b: _Send, e: TransportError, now: datetime,
            config: DeliveryConfig, report: DeliveryReport) -> bool:
    """Record a failed send as the domain decides; True when coordinators were given something new to hear."""
    rows = batch.rows[b.chat.id]
    failure = Failure(str(e), e.permanent, e.recipient_gone, e.retry_after, e.quota)
    chats = store.linked_chats()
    others = store.linked_chats(person=b.chat.person) if b.chat.person else []
    d = after_failure(failure=failure, attempts=max(r.attempts for r in rows), chat=b.chat, chats=others, now=now,
                      policy=config.failure_policy)
    claims = failure_claims(d, failed=[r.as_claim() for r in rows], chat=b.chat,
                            coordinators=recipients(chats, config.fallback_order).coordinators, error=str(e),
                            day=now.date())
    new = store.record_failure(reminder_ids=b.row_ids, attempts=d.attempts, error=str(e), retry_at=d.retry_at,
                               disable=b.chat if d.disable else None,
                               exhausted=(b.chat.channel, d.exhausted_month) if d.exhausted_month else None,
                               claims=claims, now=now)
    if d.disable:
        report.disabled.append(b.chat.address)
    if d.outcome is Outcome.RETRY:
        report.retrying += len(b.row_ids)
        log.info("will retry %s at %s: %s", b.chat.address, d.retry_at, e)
    else:
        report.failed += len(b.row_ids)
        log.warning("giving up on %s after %d attempts: %s", b.chat.address, d.attempts, e)
    return new > 0

