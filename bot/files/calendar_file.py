"""The working-day calendar file (data/calendar/): holidays and make-up days per year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.domain.workdays import Holiday, WorkCalendar
from bot.files.holidays_vn import DEFAULT_YEARS, with_public_holidays
from bot.files.yaml_tree import DataFileError, read_tree


def load_calendar(path: Path | str) -> WorkCalendar:
    """The working-day calendar: the file's announced years as written, every other year computed
    (Tết and Giỗ Tổ from the lunar calendar), so 2027+ deadlines move without an edit."""
    announced = read_announced_calendar(path)
    return with_public_holidays(announced, [y for y in DEFAULT_YEARS if y not in announced.known_years])


def read_announced_calendar(path: Path | str) -> WorkCalendar:
    """Only what the calendar file says (the government's yearly announcements); a bad date raises
    ``DataFileError`` naming the line."""
    p = Path(path)
    tree = read_tree(p)

    def day(value, node) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise DataFileError(
                p, f"ngày không hợp lệ: {value!r} (viết YYYY-MM-DD)", getattr(node, "line", None)
            ) from None

    if not isinstance(tree, dict) or not isinstance(tree.get("years"), dict):
        raise DataFileError(p, "cần mục 'years' (năm → holidays, makeup)", getattr(tree, "line", None))
    holidays, makeup, fixed = [], [], []
    for node in tree.get("fixed") or []:
        try:
            d, m = (int(x) for x in str(node["date"]).split("/"))
        except (KeyError, ValueError, TypeError):
            raise DataFileError(p, "mục 'fixed' cần date: \"ngày/tháng\"", getattr(node, "line", None)) from None
        fixed.append((d, m))
    for spec in tree["years"].values():
        for node in (spec or {}).get("holidays") or []:
            start, end = day(node.get("from"), node), day(node.get("to", node.get("from")), node)
            if end < start:
                raise DataFileError(p, "'to' trước 'from'", getattr(node, "line", None))
            holidays.append(Holiday(start, end, str(node.get("name", ""))))
        for node in (spec or {}).get("makeup") or []:
            makeup.append((day(node.get("date"), node), str(node.get("name", ""))))
    return WorkCalendar.build(holidays, makeup, fixed, [int(y) for y in tree["years"]])
