"""The /baocao text: totals, the five agencies with most overdue work, what falls due in 14 days (pure)."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.tally import STATES, Tally
from bot.domain.texts import vn_date
from bot.domain.texts import reminders as T


def report_text(tally: Tally, soon: list[tuple[str, str, date]], today: date, year: int) -> tuple[str, str]:
    total = sum(tally.total.values())
    lines = [T.REPORT_TOTAL.format(n=total)]
    for s in STATES:
        n = tally.total.get(s, 0)
        if n:
            lines.append(T.REPORT_LINE.format(state=T.STATE[s], n=n, pct=round(100 * n / total) if total else 0))
    lines.append("")
    worst = tally.worst(5)
    if worst:
        lines.append(T.REPORT_WORST)
        lines += [T.REPORT_WORST_LINE.format(i=i, agency=a, n=n) for i, (a, n) in enumerate(worst, 1)]
    else:
        lines.append(T.REPORT_NO_OVERDUE)
    lines.append("")
    soon = sorted(s for s in soon if today <= s[2] <= today + timedelta(days=14))
    if soon:
        lines.append(T.REPORT_SOON.format(n=len(soon)))
        lines += [T.REPORT_SOON_LINE.format(code=c, agency=a, due=vn_date(d)) for c, a, d in
                  sorted(soon, key=lambda x: (x[2], x[0]))[:15]]
        if len(soon) > 15:
            lines.append(f"… và {len(soon) - 15} việc khác")
    else:
        lines.append(T.REPORT_NONE_SOON)
    lines += ["", T.REPORT_EXPORT_HINT]
    return T.REPORT_TITLE.format(year=year, date=vn_date(today)), "\n".join(lines)
