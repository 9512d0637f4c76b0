"""Report wording (pure): the /baocao summary, how the plan cites its items, official agency order.

- ``report_text`` — the Vietnamese summary: Đã hoàn thành (đúng hạn / quá hạn); Chưa hoàn thành (trong hạn,
  trong đó chưa đến hạn / quá hạn); Nhiệm vụ thường xuyên (đang triển khai); Chưa xác định thời hạn —
  items and assignments with one-decimal percentages, zero lines shown.
- ``cite`` — an item as the plan cites it: "Mục I, nhiệm vụ 3", "Phụ lục I, STT 5",
  "Phụ lục II, Khối cấp huyện, STT 6" (never an internal code).
- ``plan_words`` / ``product_words`` — the plan's own words for an item and its product; where the plan
  has none, "(Kế hoạch không nêu)".
- ``official_order`` — agencies as the directory lists them, grouped (Sở, ban, ngành / UBND cấp huyện /
  UBND cấp xã / others).
"""

from __future__ import annotations

import re
from datetime import date

from bot.domain.codes import int_to_roman
from bot.domain.tally import Tally, percent
from bot.domain.texts import vn_date
from bot.domain.texts import reminders as reminder_texts

GROUPS = ("office", "district", "commune", "other")
_GROUP_OF_KIND = {
    "province_office": "office",
    "department": "office",
    "board": "office",
    "district": "district",
    "commune": "commune",
}
_APPENDIX_PREFIX = re.compile(r"^\s*Phụ lục\s+[IVX]+\s*[:.\-–—]\s*", re.IGNORECASE)


def agency_group(kind: str | None) -> str:
    """The heading an agency kind is listed under."""
    return _GROUP_OF_KIND.get(kind or "", "other")


def official_order(rows: list[dict]) -> list[tuple[str, str]]:
    """(agency, group) of every agency in ``rows``: by group, then as the directory lists them."""
    seen: dict[str, tuple[int, int]] = {}
    for r in rows:
        seen.setdefault(r["agency"], (GROUPS.index(agency_group(r.get("agency_kind"))), r.get("agency_id") or 0))
    return [(a, GROUPS[k[0]]) for a, k in sorted(seen.items(), key=lambda kv: (kv[1], kv[0]))]


def group_title(section_title: str) -> str:
    """ "Phụ lục II: … — II. KHỐI CẤP HUYỆN" → "Khối cấp huyện"."""
    tail = section_title.rsplit("—", 1)[-1].strip()
    tail = re.sub(r"^[IVXLC]+\.\s*", "", tail)
    return tail[:1].upper() + tail[1:].lower() if tail.isupper() else tail


def _roman(section: str) -> str:
    return section.split(".", 1)[1] if "." in section else ""


def cite(row: dict) -> str:
    """How the plan cites the item of ``row``."""
    code, section = row["code"], row["section"]
    if row["type"] == "review":
        return f"Phụ lục I, STT {code.split('.', 1)[1]}"
    if row["type"] == "inspection":
        return f"Phụ lục II, {group_title(row.get('section_title') or '')}, STT {code.rsplit('.', 1)[1]}"
    appendix = re.match(r"^PL(\d+)\.(.+)$", code)
    if appendix:  # a task table of its own in an appendix: "Phụ lục III, nhiệm vụ 2.I"
        return f"Phụ lục {int_to_roman(int(appendix.group(1)))}, nhiệm vụ {appendix.group(2)}"
    path = code[: -len(section) - 1] if section and code.endswith("." + section) else code
    return f"Mục {section}, nhiệm vụ {path}" if section and section != "NV" else f"Nhiệm vụ {path}"


def section_label(section: str, title: str) -> str:
    """ "Mục I. …", "Phụ lục I", "Phụ lục II – Khối cấp huyện" (never "Mục PL1")."""
    if section == "PL1":
        return reminder_texts.EXPORT_SECTION_REVIEW
    if section.startswith("PL2"):
        return reminder_texts.EXPORT_SECTION_INSPECTION.format(group=group_title(title) or _roman(section))
    m = re.match(r"^PL(\d+)(?:\.([IVXLC]+))?$", section)
    if m and int(m.group(1)) > 2:  # a task table of its own in an appendix
        return f"Phụ lục {int_to_roman(int(m.group(1)))}" + (f" – Mục {m.group(2)}" if m.group(2) else "")
    if section == "NV" or not section:
        return reminder_texts.EXPORT_SECTION_DEFAULT
    return reminder_texts.EXPORT_SECTION_TASKS.format(roman=section, title=title)


def _heading(section_title: str) -> str:
    head = _APPENDIX_PREFIX.sub("", section_title.split("—", 1)[0]).strip()
    return head


def _norm(text: str) -> str:
    """Spaces collapsed, the plan's own line breaks (bullets) kept."""
    return "\n".join(" ".join(line.split()) for line in (text or "").splitlines() if line.strip())


def plan_words(row: dict) -> str:
    """The item as the plan words it: a task's content; an appendix row's heading and its own cells."""
    norm = _norm
    if row["type"] == "review":
        return "\n".join(x for x in (_heading(row.get("section_title") or ""), norm(row.get("fields") or "")) if x)
    if row["type"] == "inspection":
        unit = norm(row.get("subject") or "")
        return "\n".join(x for x in (unit, norm(row.get("fields") or "")) if x)
    return norm(row["content"])


def product_words(row: dict) -> str:
    """The expected product as the plan writes it, else "(Kế hoạch không nêu)"."""
    return _norm(row.get("product") or "") or reminder_texts.NO_PRODUCT


def summary_lines(tally: Tally) -> list[str]:
    """The summary, one line per ``SUMMARY`` entry (zero lines included), headings numbered 1–4."""
    lines, n = [], 0
    items, rows = tally.item_count, tally.assignments
    for level, key, i, a in tally.summary():
        if level == 0:
            n += 1
            prefix = f"{n}. "
        else:
            prefix = "   - " if level == 1 else "      + "
        lines.append(
            prefix
            + reminder_texts.REPORT_LINE.format(
                label=reminder_texts.SUMMARY_LABEL[key],
                items=i,
                rows=a,
                items_pct=percent(i, items),
                rows_pct=percent(a, rows),
            )
        )
    return lines


def report_text(
    tally: Tally,
    soon: list[tuple[str, str, date]],
    today: date,
    year: int,
    *,
    horizon: date | None = None,
    days: int = 14,
    working_days: bool = False,
    chart: tuple[int, int] | None = None,
) -> tuple[str, str]:
    """(title, text) of /baocao; ``soon`` holds (code, agency, due) of open work, ``horizon`` the last
    day of "Đến hạn trong {days} ngày" (working days when ``working_days``); ``chart`` is (shown, rest)
    when the chart shows only the agencies with most work."""
    horizon = horizon or date.fromordinal(today.toordinal() + days)
    lines = [reminder_texts.REPORT_TOTAL.format(items=tally.item_count, rows=tally.assignments)]
    lines += summary_lines(tally)
    lines.append("")
    worst = tally.worst(5)
    if worst:
        lines.append(reminder_texts.REPORT_WORST)
        lines += [reminder_texts.REPORT_WORST_LINE.format(i=i, agency=a, n=n) for i, (a, n) in enumerate(worst, 1)]
    else:
        lines.append(reminder_texts.REPORT_NO_OVERDUE)
    lines.append("")
    soon = sorted((s for s in soon if today <= s[2] <= horizon), key=lambda x: (x[2], x[0]))
    if soon:
        head = reminder_texts.REPORT_SOON if working_days else reminder_texts.REPORT_SOON_CALENDAR
        lines.append(head.format(days=days, end=vn_date(horizon), n=len(soon)))
        lines += [reminder_texts.REPORT_SOON_LINE.format(code=c, agency=a, due=vn_date(d)) for c, a, d in soon[:15]]
        if len(soon) > 15:
            lines.append(reminder_texts.REPORT_SOON_MORE.format(n=len(soon) - 15))
    else:
        none = reminder_texts.REPORT_NONE_SOON if working_days else reminder_texts.REPORT_NONE_SOON_CALENDAR
        lines.append(none.format(days=days, end=vn_date(horizon)))
    if chart and chart[1]:
        lines += ["", reminder_texts.REPORT_CHART_PART.format(shown=chart[0], rest=chart[1])]
    lines += ["", reminder_texts.REPORT_EXPORT_HINT]
    return reminder_texts.REPORT_TITLE.format(year=year, date=vn_date(today)), "\n".join(lines)
