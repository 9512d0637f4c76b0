"""What officers read: pure formatting of work items, due dates and summaries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.plan import short_title
from bot.domain.texts import STATUS, describe_deadline, vn_date
from bot.domain.texts import chat as chat_texts


@dataclass(frozen=True)
class WorkItem:
    """One agency's assignment of one item, as the chat shows it."""

    item_id: int
    assignment_id: int
    agency_id: int
    agency: str
    code: str
    content: str
    type: str
    kind: str
    due: date | None
    start: date | None
    blocked: bool
    status: str
    role: str = "lead"
    position: int = 0
    closed_at: datetime | None = None
    closed_by: str = ""

    @property
    def title(self) -> str:
        return short_title(self.content, 70)


def due_phrase(kind: str, due: date | None, blocked: bool, today: date) -> str:
    """ "hạn 30/6/2023 — còn 5 ngày", "quá hạn 12 ngày", "thường xuyên", "chưa có hạn"."""
    if blocked or due is None or kind in ("unspecified", "on_demand"):
        return "chưa có hạn"
    days = (due - today).days
    if days < 0:
        return f"quá hạn {-days} ngày (hạn {vn_date(due)})"
    if kind in ("ongoing", "recurring"):
        return f"{'thường xuyên' if kind == 'ongoing' else 'định kỳ'} (đến {vn_date(due)})"
    if days == 0:
        return f"hạn hôm nay ({vn_date(due)})"
    return f"hạn {vn_date(due)} — còn {days} ngày"


TODO_TITLE_CHARS = 40  # a /viec line stays one line on a phone: code, due phrase, a short title


def todo_entry(w: WorkItem, today: date) -> str:
    """One compact line per item: "• 3.II · quá hạn 12 ngày (hạn 30/6/2023) — Thực hiện cơ chế một cửa…"."""
    status = f" · {STATUS[w.status]}" if w.status != "open" else ""
    title = short_title(w.content, TODO_TITLE_CHARS)
    return f"• {w.code} · {due_phrase(w.kind, w.due, w.blocked, today)}{status} — {title}"


def open_button(code: str, assignment_id: int) -> tuple[str, str]:
    """(label, data) of the one choice a listed item carries: open it (its ✅/📝 buttons are there)."""
    return chat_texts.BTN_OPEN.format(code=code), f"o:{assignment_id}"


def closer_phrase(closed_by: str, agency: str) -> str:
    """Who closed an assignment, as a reply names them: "cán bộ đầu mối Sở Tư pháp" when it was the agency's
    own officer (the actor is recorded as "Name (Agency)"), else the recorded actor."""
    if not closed_by:
        return "—"
    if closed_by.endswith(f"({agency})"):
        return chat_texts.DONE_BY_OFFICER.format(agency=agency)
    return closed_by


LIST_LIMIT = 8  # agencies listed one per line in /xem before "… và N cơ quan khác"


def agency_lines(named: list[tuple[str, str]], limit: int = LIST_LIMIT) -> list[str]:
    """Resolved agencies, one bullet per line ("- Sở Tư pháp: đã hoàn thành"); long lists end with a count."""
    lines = [
        chat_texts.TASK_AGENCY_BULLET.format(name=name) + (f": {state}" if state else "")
        for name, state in named[:limit]
    ]
    if len(named) > limit:
        lines.append(chat_texts.TASK_MORE_AGENCIES.format(n=len(named) - limit))
    return lines


def verbatim_cell(cell: str, text: str, resolved: Sequence[str] = ()) -> str:
    """The plan's cell as written, on one line, without a stray trailing colon ("Sở Y tế:"); "" when empty or
    when it says no more than the resolved names."""
    flat = " ".join(text.split()).rstrip(":").strip()
    if not flat or flat.rstrip(".") in ("; ".join(resolved), ", ".join(resolved)):
        return ""
    return chat_texts.TASK_VERBATIM.format(cell=cell, text=flat)


def at_phrase(local: datetime | None) -> str:
    """ "09:00 ngày 25/5/2023" (local time)."""
    return f"{local:%H:%M} ngày {vn_date(local.date())}" if local else "—"


def late_lines(items: list[WorkItem], today: date) -> list[str]:
    return [f"• {w.code} {due_phrase(w.kind, w.due, w.blocked, today)} — {w.title}" for w in items]


def reading(kind: str, due: date | None, start: date | None, flags=(), recurrence=None, reason=None) -> str:
    return describe_deadline(kind, due, start, flags, recurrence, reason)


REMAINING_SHOWN = 100  # /xong counts what is left up to here, then says "more than": its cost stays flat


def remaining_text(agency: str, n: int) -> str:
    """The /xong reply's last line; ``n`` is counted up to ``REMAINING_SHOWN + 1`` at most."""
    if n > REMAINING_SHOWN:
        return chat_texts.DONE_REMAINING_MORE.format(agency=agency, n=REMAINING_SHOWN)
    return (
        chat_texts.DONE_REMAINING.format(agency=agency, n=n) if n else chat_texts.DONE_NONE_LEFT.format(agency=agency)
    )
