"""One message per recipient per day: grouping reminders into a digest (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from bot.domain.plan import short_title
from bot.domain.reminder_kinds import ReminderKind
from bot.domain.texts import vn_date, vn_weekday
from bot.domain.texts import reminders as reminder_texts
from bot.domain.views import due_phrase

CATEGORIES = ("overdue", "due_today", "upcoming", "start", "checkin", "heads_up", "inspection", "leader")
MAX_LINES = 25
NAMES_INLINE = 5  # agency names listed in one line of the Monday summary; more become a count


class Entry(NamedTuple):
    """One item in an officer's digest, with its state as it is now (a tuple: a digest may build
    hundreds, a delivery run tens of thousands)."""

    code: str
    content: str
    kind: ReminderKind  # the reminder kind that put it here
    deadline_kind: str
    due: date | None
    assignment_id: int
    item_id: int
    start: date | None = None
    leads: str = ""  # heads-up: who leads
    scheduled: date | None = None
    period: str = ""  # recurring work: the period reminded ("quý III/2023"); ``due`` is then its own date


_SECTIONS = {k: k.section for k in ReminderKind}  # a dict lookup: digests ask once per entry


def category(e: Entry, today: date) -> str:
    """The digest section of an entry: the kind's own, or overdue / due today / upcoming by its date."""
    section = _SECTIONS[e.kind]  # a str enum: its value finds it too
    if section:
        return section
    if e.due is not None and e.due < today:
        return "overdue"
    if e.due == today:
        return "due_today"
    return "upcoming"


def officer_digest(agency: str, entries: list[Entry], today: date, office: str = "") -> tuple[str, str, list[Entry]]:
    """(title, text, entries that get buttons); one line per item even when several reminders name it.
    ``office``: the coordinating office as the plan names it (its inspection teams are announced)."""
    seen: dict[tuple[int, str, str], Entry] = {}
    for e in entries:
        cat = category(e, today)
        seen.setdefault((e.item_id, cat, e.period), e)  # each period of recurring work on its own line
    groups: dict[str, list[Entry]] = {c: [] for c in CATEGORIES}
    for (_, cat, _), e in seen.items():
        groups[cat].append(e)
    leader = all(cat == "leader" for _, cat, _ in seen)  # the agency's leader: the overdue summary
    opening = reminder_texts.LEADER_OPENING if leader else reminder_texts.DIGEST_OPENING
    lines: list[str] = [opening.format(agency=agency), ""]
    shown = 0
    actionable: list[Entry] = []
    for cat in CATEGORIES:
        items = sorted(groups[cat], key=lambda x: (x.due or date.max, x.code))
        if not items:
            continue
        lines.append(f"{reminder_texts.CATEGORY[cat].format(date=vn_date(today))} ({len(items)})")
        for e in items:
            if shown >= MAX_LINES:
                continue
            shown += 1
            lines.append(_line(cat, e, today, office or reminder_texts.OFFICE_UNKNOWN))
            if cat not in ("heads_up", "inspection", "leader") and e not in actionable:
                actionable.append(e)
        lines.append("")
    total = len(seen)
    if total > shown:
        lines.append(reminder_texts.DIGEST_MORE.format(n=total - shown))
    lines += [reminder_texts.LEADER_FOOTER if leader else reminder_texts.DIGEST_FOOTER, reminder_texts.DIGEST_CLOSING]
    title = (
        reminder_texts.LEADER_TITLE.format(date=vn_date(today), agency=agency)
        if leader
        else reminder_texts.DIGEST_TITLE.format(weekday=vn_weekday(today), date=vn_date(today), agency=agency)
    )
    return title, "\n".join(lines).strip(), actionable


def _line(cat: str, e: Entry, today: date, office: str) -> str:
    title = short_title(e.content, 60)
    if cat == "inspection":
        return reminder_texts.INSPECTION_LINE.format(
            code=e.code, date=vn_date(e.scheduled), weekday=vn_weekday(e.scheduled), office=office
        )
    if cat == "heads_up":
        return reminder_texts.HEADS_UP_LINE.format(
            code=e.code, due=due_phrase("date", e.due, False, today), title=title, leads=e.leads
        )
    if cat == "start":
        return reminder_texts.START_LINE.format(code=e.code, date=vn_date(e.start), title=title)
    if e.period and e.due is not None:
        late = reminder_texts.PERIOD_LATE.format(n=(today - e.due).days) if e.due < today else ""
        return reminder_texts.PERIOD_LINE.format(
            code=e.code, label=e.period, due=vn_date(e.due), late=late, title=title
        )
    return f"• {e.code} {due_phrase(e.deadline_kind, e.due, False, today)} — {title}"


def officer_subject(agency: str, entries: list[Entry], today: date) -> str:
    """One line for channels with a subject (e-mail): "Nhắc việc ngày 26/5/2023 — Sở Nội vụ: 2 nhiệm vụ
    quá hạn, 1 nhiệm vụ sắp đến hạn" (each item counted once, in its section)."""
    counts: dict[str, set[int]] = {}
    for e in entries:
        counts.setdefault(category(e, today), set()).add(e.item_id)
    parts = [reminder_texts.SUBJECT_PART[cat].format(n=len(counts[cat])) for cat in CATEGORIES if cat in counts]
    if set(counts) == {"leader"}:
        return reminder_texts.SUBJECT_LEADER.format(date=vn_date(today), agency=agency, parts=", ".join(parts))
    return reminder_texts.SUBJECT_OFFICER.format(date=vn_date(today), agency=agency, parts=", ".join(parts))


@dataclass
class CoordinatorDigest:
    overdue_total: int = 0
    overdue_agencies: int = 0
    escalations: list[tuple[str, str, date, str]] = field(default_factory=list)  # code, agency, due, officers
    needs_date: list[tuple[str, str, str]] = field(default_factory=list)  # code, text, why
    recurrence: list[tuple[str, str, str]] = field(default_factory=list)  # code, text, freq
    channel_lost: list[tuple[str, str, str]] = field(default_factory=list)  # agency, chat, reason
    delivery_failed: list[tuple[str, str, int, str]] = field(default_factory=list)
    inspections: list[tuple[str, str, bool, date]] = field(default_factory=list)  # code, unit, surprise, due
    weekly: dict | None = None  # closed, new_overdue, soon: [(code, agency, date)]; no_officer, disabled: [str]
    notices: list[str] = field(default_factory=list)  # channel fallbacks, quota warnings, unreachable officers

    @property
    def empty(self) -> bool:
        return not (
            self.escalations
            or self.needs_date
            or self.recurrence
            or self.channel_lost
            or self.delivery_failed
            or self.inspections
            or self.weekly
            or self.notices
        )


def _unique(rows: list, key=lambda r: r) -> list:
    seen, out = set(), []
    for r in rows:
        k = key(r)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def coordinator_digest(d: CoordinatorDigest, today: date, escalate_after: int) -> tuple[str, str]:
    """The coordinators' digest; a catch-up after downtime names each item once."""
    d = CoordinatorDigest(
        d.overdue_total,
        d.overdue_agencies,
        _unique(d.escalations, lambda r: r[:2]),
        _unique(d.needs_date, lambda r: r[0]),
        _unique(d.recurrence, lambda r: r[0]),
        _unique(d.channel_lost, lambda r: r[1]),
        _unique(d.delivery_failed, lambda r: r[:2]),
        _unique(d.inspections, lambda r: r[0]),
        d.weekly,
        _unique(d.notices),
    )
    lines = [
        reminder_texts.COORD_OVERDUE.format(n=d.overdue_total, agencies=d.overdue_agencies, date=vn_date(today))
        if d.overdue_total
        else reminder_texts.COORD_NO_OVERDUE.format(date=vn_date(today))
    ]
    if d.escalations:
        lines += ["", reminder_texts.COORD_ESCALATIONS.format(days=escalate_after)]
        for code, agency, due, officers in sorted(d.escalations, key=lambda x: (x[2], x[0]))[:MAX_LINES]:
            lines.append(
                reminder_texts.COORD_ESCALATION_LINE.format(
                    code=code,
                    agency=agency,
                    officers=officers or reminder_texts.COORD_NO_OFFICER,
                    due=due_phrase("date", due, False, today),
                )
            )
    if d.inspections:
        lines.append("")
        for code, unit, surprise, due in d.inspections:
            lines.append(
                reminder_texts.COORD_INSPECTION_DUE.format(
                    code=code, unit=unit, surprise=reminder_texts.SURPRISE if surprise else "", due=vn_date(due)
                )
            )
    if d.needs_date:
        lines += ["", reminder_texts.COORD_NEEDS_DATE]
        lines += [
            reminder_texts.COORD_NEEDS_DATE_LINE.format(code=c, text=t, why=reminder_texts.WHY.get(w, ""))
            for c, t, w in d.needs_date
        ]
    for code, text, freq in d.recurrence:
        lines.append(
            reminder_texts.COORD_RECURRENCE.format(code=code, text=text, period=reminder_texts.PERIOD.get(freq, freq))
        )
    for agency, chat, reason in d.channel_lost:
        lines.append(reminder_texts.COORD_CHANNEL_LOST.format(agency=agency, chat=chat, reason=reason))
    for agency, chat, attempts, error in d.delivery_failed:
        lines.append(
            reminder_texts.COORD_DELIVERY_FAILED.format(agency=agency, chat=chat, attempts=attempts, error=error)
        )
    lines += d.notices
    if d.weekly is not None:
        lines += ["", *weekly_lines(d.weekly, today)]
    return reminder_texts.COORD_TITLE.format(weekday=vn_weekday(today), date=vn_date(today)), "\n".join(lines).strip()


def coordinator_subject(d: CoordinatorDigest, today: date) -> str:
    """The coordinators' one-line subject: "Tổng hợp nhắc việc ngày 9/6/2023: 12 việc quá hạn"."""
    line = reminder_texts.SUBJECT_COORDINATOR.format(date=vn_date(today))
    return line + (reminder_texts.SUBJECT_COORD_OVERDUE.format(n=d.overdue_total) if d.overdue_total else "")


def weekly_lines(w: dict, today: date, limit: int = 10) -> list[str]:
    """The Monday summary inside the coordinators' digest."""
    lines = [reminder_texts.WEEKLY_TITLE.format(date=vn_date(today))]
    for key, head, extra in (
        ("closed", reminder_texts.WEEKLY_CLOSED, lambda d: f" (ngày {vn_date(d)})"),
        ("new_overdue", reminder_texts.WEEKLY_NEW_OVERDUE, lambda d: f" (hạn {vn_date(d)})"),
        ("soon", reminder_texts.WEEKLY_SOON, lambda d: f" (hạn {vn_date(d)})"),
    ):
        rows = sorted(w.get(key) or [], key=lambda r: (r[2], r[0]))
        lines.append(head.format(n=len(rows)))
        lines += [reminder_texts.WEEKLY_ITEM.format(code=c, agency=a, extra=extra(d)) for c, a, d in rows[:limit]]
        if len(rows) > limit:
            lines.append(reminder_texts.DIGEST_MORE.format(n=len(rows) - limit))
    if w.get("no_officer"):  # a count and where to see them: 32 names do not fit a phone screen
        lines.append(reminder_texts.WEEKLY_NO_OFFICER.format(n=len(w["no_officer"])))
    disabled = w.get("disabled") or []
    if 0 < len(disabled) <= NAMES_INLINE:
        lines.append(reminder_texts.WEEKLY_DISABLED.format(n=len(disabled), names=", ".join(disabled)))
    elif disabled:
        lines.append(reminder_texts.WEEKLY_DISABLED_MANY.format(n=len(disabled)))
    lines += [reminder_texts.WEEKLY_WAITING.format(group=g, n=n) for g, n in (w.get("waiting_groups") or {}).items()]
    return lines
