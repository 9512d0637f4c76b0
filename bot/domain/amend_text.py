"""How amendments read (pure): the difference before it is applied, an item's history afterwards."""

from __future__ import annotations

from datetime import date

from bot.domain.amendments import ADDED, COORDINATING, DEADLINE, LEAD, REMOVED, Amendment, Change, Note
from bot.domain.texts import amend as T
from bot.domain.texts import vn_date


SHORT_LIST = 3  # agency lists up to this long are shown whole ("A → B"); longer ones by what left and came


def _field(change: Change) -> str:
    """One field's change: "chủ trì: A → B", or "phối hợp: bớt A; thêm B" for long agency lists."""
    name = T.FIELD.get(change.field, change.field)
    if change.field in (LEAD, COORDINATING):
        old, new = _agencies(change.before), _agencies(change.after)
        if len(old) > SHORT_LIST or len(new) > SHORT_LIST:
            gone = [a for a in old if a not in new]
            came = [a for a in new if a not in old]
            parts = ([T.AGENCIES_GONE.format(names="; ".join(gone))] if gone else []) + (
                [T.AGENCIES_CAME.format(names="; ".join(came))] if came else []
            )
            if parts:
                return T.FIELD_SHORT.format(field=name, text="; ".join(parts))
    return T.HISTORY_FIELD.format(field=name, before=_value(change, True), after=_value(change, False))


def _agencies(text: str) -> list[str]:
    return [a.strip() for a in text.split(";") if a.strip()]


def _value(change: Change, before: bool) -> str:
    """A deadline by its date when it has one ("31/5/2023"), else its text; other fields as written."""
    if change.field == DEADLINE:
        due = change.before_due if before else change.after_due
        if due is not None:
            return vn_date(due)
    text = " ".join((change.before if before else change.after).split())
    if len(text) > 120:
        text = text[:119] + "…"
    return text or T.EMPTY_VALUE


def diff_lines(amendment: Amendment, document: str, effective: date) -> list[str]:
    """The difference as ``plan amend`` prints it: a heading, one line per item, its fields indented."""
    if amendment.empty:
        return [T.DIFF_NONE.format(plan=amendment.plan)]
    lines = [T.DIFF_TITLE.format(plan=amendment.plan, document=document, effective=vn_date(effective))]
    for e in amendment.added:
        lines.append(T.DIFF_ADDED.format(code=e.code, title=e.title))
    for e in amendment.removed:
        lines.append(T.DIFF_REMOVED.format(code=e.code, title=e.title))
    for e in amendment.changed:
        lines.append(T.DIFF_CHANGED.format(code=e.code, title=e.title))
        for c in e.changes:
            lines.append(T.DIFF_FIELD.format(text=_field(c)))
    lines.append(
        T.DIFF_COUNTS.format(added=len(amendment.added), removed=len(amendment.removed), changed=len(amendment.changed))
    )
    return lines


def history_lines(notes: list[Note]) -> list[str]:
    """An item's amendments, oldest first: "Sửa đổi theo Quyết định số … ngày …: hạn 31/5/2023 → 30/6/2023"
    (nothing when it was never amended)."""
    if not notes:
        return []
    lines = [T.HISTORY_TITLE]
    for n in notes:
        if n.kind == ADDED:
            what = T.HISTORY_ADDED.format(effective=vn_date(n.effective))
        elif n.kind == REMOVED:
            what = T.HISTORY_REMOVED.format(effective=vn_date(n.effective))
        else:
            what = "; ".join(_field(c) for c in n.changes)
        lines.append(T.HISTORY_LINE.format(document=n.document, what=what))
    return lines
