"""Every Vietnamese text the program shows: shared vocabulary here, one module per audience
(``texts.chat``, ``texts.reminders``, ``texts.cli``, ``texts.letter``, ``texts.web`` …)."""

from __future__ import annotations

from datetime import date

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")

FLAG = {
    "year_mismatch": "năm khác năm kế hoạch — cần xác nhận",
    "invalid_date": "ngày không hợp lệ — cần xác nhận",
    "on_request": "hoặc theo yêu cầu",
    "set_due": "hạn do cán bộ theo dõi Kế hoạch đặt",
    "unsure": "chưa chắc cách đọc — cần xác nhận",
    "year_assumed": "năm suy ra từ thời gian của kế hoạch — cần xác nhận",
}
# Notes that do not hold reminders back (``Deadline.warnings``).
WARNING = {
    "year_mismatch": "ngoài thời gian của kế hoạch — cần xem lại",
    "year_assumed": "năm suy ra từ thời gian của kế hoạch — cần xem lại",
}

REASON = {
    "empty": "không ghi thời hạn",
    "schedule_elsewhere": "theo tiến độ giao ở văn bản khác",
    "external_guidance": "theo hướng dẫn của cơ quan cấp trên",
    "unreadable": "không đọc được thời hạn",
    "status": "ô ghi tình trạng, không phải thời hạn",
}

RECURRENCE = {
    "weekly": "hằng tuần",
    "monthly": "hằng tháng",
    "quarterly": "hằng quý",
    "half_yearly": "6 tháng một lần",
    "yearly": "hằng năm",
    None: "không nêu chu kỳ",
}
PERIOD_NOUN = {"weekly": "tuần", "monthly": "tháng", "quarterly": "quý", "half_yearly": "6 tháng", "yearly": "năm"}
WHICH_MONTH = {1: "đầu", 2: "thứ hai", 3: "thứ ba", -1: "cuối"}


def describe_day_rule(rec: dict) -> str:
    """ "trước ngày 5 tháng đầu quý sau", "trước ngày 20/10": the due day inside each period, or ""."""
    day = rec.get("day")
    if not day:
        return ""
    if rec.get("month"):
        return f"trước ngày {day}/{rec['month']}"
    text = f"trước ngày {day}"
    noun = PERIOD_NOUN.get(rec.get("freq"), "")
    which = WHICH_MONTH.get(rec.get("month_of_period"))
    if which and noun and noun != "tháng":
        text += f" tháng {which} {noun}"
    elif rec.get("offset") and noun:
        text += f" {noun}"
    if rec.get("offset"):
        text += " sau"
    return text


def describe_recurrence(rec: dict | None) -> str:
    """ "hằng quý, trước ngày 5 tháng đầu quý sau; hằng năm" — every cadence with its day rule."""
    parts = []
    for r in [rec or {}] + list((rec or {}).get("also") or []):
        rule = describe_day_rule(r)
        parts.append(RECURRENCE.get(r.get("freq"), "định kỳ") + (f", {rule}" if rule else ""))
    return "; ".join(parts) + (" hoặc đột xuất" if (rec or {}).get("ad_hoc") else "")


STATUS = {
    "open": "chưa hoàn thành",
    "in_progress": "đang thực hiện",
    "done": "đã hoàn thành",
    "unassigned": "chưa xác định cơ quan chủ trì",
}


def vn_date(d: date | None) -> str:
    """31/5/2023 — day first, no leading zeros, as officials write it."""
    return f"{d.day}/{d.month}/{d.year}" if d else "—"


def vn_weekday(d: date) -> str:
    return WEEKDAYS[d.weekday()]


def describe_deadline(
    kind: str,
    due: date | None,
    start: date | None,
    flags=(),
    recurrence=None,
    reason: str | None = None,
    details: dict | None = None,
) -> str:
    """The deadline as the program read it, in a few words.

    ``details`` is ``Deadline.to_dict()`` when the caller has it: it adds the day rules, the follow-up,
    the event, the open end and the warnings.
    """
    details = details or {}
    end = (
        "không có hạn kết thúc"
        if details.get("open_ended")
        else (f"đến {vn_date(due)}" if due else "đến hết thời gian của kế hoạch")
    )
    if kind == "unspecified":
        text = "chưa có hạn" + (f" ({REASON[reason]})" if reason in REASON else "")
    elif kind == "on_demand":
        text = f"chờ sự kiện: {details['event']}" if details.get("event") else "khi có yêu cầu"
        if details.get("within_days"):
            text += f", trong {details['within_days']} ngày"
    elif kind == "ongoing":
        text = f"thường xuyên, {end}" + (f", bắt đầu {vn_date(start)}" if start else "")
        if details.get("end_event"):
            text += f", {details['end_event']}"
    elif kind == "recurring":
        freq = describe_recurrence(recurrence) if recurrence else "không nêu chu kỳ"
        text = f"định kỳ ({freq}) {end}" + (f", bắt đầu {vn_date(start)}" if start and details else "")
    elif kind == "window" and start:
        text = f"từ {vn_date(start)} đến {vn_date(due)}" if due else f"từ {vn_date(start)}"
    else:
        text = f"hạn {vn_date(due)}" if due else "ngày không hợp lệ"
    if details.get("follow_up"):
        text += f"; sau đó định kỳ ({describe_recurrence(details['follow_up'])})"
    notes = [FLAG[f] for f in flags if f in FLAG]
    notes += [WARNING[w] for w in details.get("warnings") or () if w in WARNING]
    return text + (f" — {'; '.join(notes)}" if notes else "")


# The command line's texts, kept importable as ``texts.NAME`` as before.
from bot.domain.texts.cli import *  # noqa: E402, F403
