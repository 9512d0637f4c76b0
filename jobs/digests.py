"""Building one recipient's digest from a loaded batch: the officers' and the coordinators' (the texts
and the grouping are the domain's, bot/domain/digest.py)."""

from __future__ import annotations

from datetime import date

from bot.domain.audience import Chat
from bot.domain.deadlines import NO_DATE
from bot.domain.digest import (
    CoordinatorDigest,
    Entry,
    coordinator_digest,
    coordinator_subject,
    officer_digest,
    officer_subject,
)
from bot.domain.effective import effective_kind
from bot.domain.pending import ItemFacts, Overview, PendingBatch, PendingReminder
from bot.domain.periods import DueDefaults, assignment_periods, label_of
from bot.domain.reminder_kinds import ReminderKind as K
from bot.domain.reminders import slot_period
from bot.domain.texts import reminders as reminder_texts
from bot.domain.views import open_button
from bot.ports import Button, Outbound


_ROLES = {k: k.role for k in K}  # the assignment role each kind is about, looked up row by row


def _period(
    item: ItemFacts, slot: str, due: date | None, defaults: DueDefaults, default_freq: str, today: date
) -> tuple[str, date | None]:
    """(label, due date) of the period a recurring reminder's slot names; ("", due) for other reminders."""
    key = slot_period(slot)
    if key is None:
        return "", due
    deadline = {"recurrence": item.recurrence_rule, "open_ended": item.open_ended}
    periods = assignment_periods(
        deadline, item.start_date, due, defaults=defaults, default_freq=default_freq, today=today
    )
    found = next((p for p in periods if p.key == key), None)
    return (found.label, found.due) if found is not None else (label_of(key), due)


def officer_message(
    b: PendingBatch,
    chat: Chat,
    rows: list[PendingReminder],
    today: date,
    *,
    period_due: DueDefaults | None = None,
    default_recurrence: str = "quarterly",
) -> Outbound | None:
    """The officer's digest of what is still open, or None when nothing is (items closed meanwhile).
    Recurring work names the period reminded and its own due date (``period_due``: PERIOD_DUE_*)."""
    entries = []
    for r in rows:
        item = b.items.get(r.item_id) if r.item_id else None
        if item is None or item.retired:
            continue
        if r.kind is K.INSPECTION:
            if item.surprise or item.inspection_date is None:
                continue  # never announce a surprise inspection
            entries.append(
                Entry(
                    item.code,
                    item.content,
                    r.kind,
                    "date",
                    item.inspection_date,
                    0,
                    item.id,
                    scheduled=item.inspection_date,
                )
            )
            continue
        a = b.assignments.get((item.id, r.agency_id, _ROLES[r.kind]))
        if a is None or a.status == "done" or not a.active:
            continue
        label, due = _period(
            item,
            r.slot,
            None if a.due == NO_DATE else a.due,
            period_due or DueDefaults(),
            default_recurrence,
            today,
        )
        entries.append(
            Entry(
                item.code,
                item.content,
                r.kind,
                effective_kind(item.deadline_kind, item.due_override),
                due,
                a.id,
                item.id,
                start=item.start_date,
                leads=", ".join(b.leads.get(item.id, [])),
                period=label,
            )
        )
    notes = [r.error for r in rows if r.kind in (K.EXTENSION_NOTICE, K.FAREWELL) and r.error]  # told from elsewhere
    if not entries:
        return Outbound(chat.channel, chat.chat_id, "\n\n".join(notes)) if notes else None
    agency = b.agencies.get(chat.agency_id, "")
    title, text, actionable = officer_digest(agency, entries, today, b.office)
    text = "\n\n".join([*notes, text])
    opens = [Button(*open_button(e.code, e.assignment_id)) for e in actionable[:8]]  # one choice per item
    buttons = tuple(tuple(opens[i : i + 4]) for i in range(0, len(opens), 4))
    return Outbound(chat.channel, chat.chat_id, text, title, buttons, subject=officer_subject(agency, entries, today))


def coordinator_message(
    b: PendingBatch,
    chat: Chat,
    rows: list[PendingReminder],
    overview: Overview,
    today: date,
    escalate_after: int,
    default_recurrence: str,
    *,
    period_due: DueDefaults | None = None,
) -> Outbound | None:
    """The coordinators' digest, or None when there is nothing to say. A missed period of recurring work
    is escalated under its own name and date ("5.IV — báo cáo quý II/2023")."""
    d = CoordinatorDigest()
    d.overdue_total, d.overdue_agencies = overview.overdue_total, overview.overdue_agencies
    for r in rows:
        item = b.items.get(r.item_id) if r.item_id else None
        agency = b.agencies.get(r.agency_id, "") if r.agency_id else ""
        if r.kind is K.ESCALATION and item is not None:
            a = b.assignments.get((item.id, r.agency_id, "lead"))
            if a is not None and a.status != "done":
                dated = None if a.due == NO_DATE else a.due
                label, due = _period(item, r.slot, dated, period_due or DueDefaults(), default_recurrence, today)
                code = reminder_texts.PERIOD_CODE.format(code=item.code, label=label) if label else item.code
                officers = ", ".join(overview.officers.get(r.agency_id, []))
                d.escalations.append((code, agency, due if due is not None else a.due, officers))
        elif r.kind is K.NEEDS_DATE and item is not None and item.due_override is None:
            d.needs_date.append((item.code, item.deadline_text, item.flag or item.deadline_kind))
        elif r.kind is K.RECURRENCE_DEFAULT and item is not None:
            d.recurrence.append((item.code, item.deadline_text, default_recurrence))
        elif r.kind is K.INSPECTION_DUE and item is not None:
            unit = ", ".join(b.units.get(item.id, []))
            d.inspections.append((item.code, unit or item.subject_text, item.surprise, item.due_date))
        elif r.kind is K.WEEKLY:
            d.weekly = overview.weekly
        elif r.kind is K.CHANNEL_FALLBACK:
            d.notices.append(
                reminder_texts.COORD_FALLBACK.format(agency=agency, source=r.chat, target=r.fallback_to, reason=r.error)
            )
        elif r.kind is K.EXTENSION_NOTICE:  # asked on another channel: the request as the core wrote it
            d.notices.append(r.error)
        elif r.kind is K.UNREACHABLE:
            d.notices.append(reminder_texts.COORD_UNREACHABLE.format(agency=agency, chat=r.chat))
        elif r.kind is K.QUOTA_WARNING:
            d.notices.append(reminder_texts.COORD_QUOTA_WARNING.format(slot=r.slot))
        elif r.kind is K.CHANNEL_LOST:
            d.channel_lost.append((agency, r.chat, r.error))
        elif r.kind is K.DELIVERY_FAILED:
            d.delivery_failed.append((agency, r.chat, r.failed_attempts, r.error))
    if d.empty and not d.overdue_total:
        return None
    title, text = coordinator_digest(d, today, escalate_after)
    return Outbound(chat.channel, chat.chat_id, text, title, subject=coordinator_subject(d, today))
