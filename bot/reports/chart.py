"""A horizontal bar per agency, stacked by state: readable on a phone, Vietnamese labels."""

from __future__ import annotations

import io
from datetime import date

import matplotlib

matplotlib.use("Agg")  # no display: render to memory
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from bot.domain.tally import STATES, Tally  # noqa: E402
from bot.domain.texts import vn_date  # noqa: E402
from bot.domain.texts import reminders as T  # noqa: E402

COLOURS = {"done_on_time": "#2e7d32", "done_late": "#9ccc65", "in_progress_on_time": "#1e88e5",
           "overdue": "#e53935", "not_due_or_ongoing": "#b0bec5", "undated": "#ffb300"}
WIDTH_PX, DPI = 1080, 150
MAX_AGENCIES = 25


def _label(name: str, limit: int = 34) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def progress_chart(tally: Tally, today: date) -> bytes:
    """PNG bytes, 1080 px wide; the agencies with most overdue work first (up to 25)."""
    agencies = sorted(tally.by_agency.items(), key=lambda kv: (-kv[1]["overdue"], -sum(kv[1].values()), kv[0]))
    agencies = agencies[:MAX_AGENCIES][::-1]     # matplotlib draws the first bar at the bottom
    height_px = 260 + 46 * max(len(agencies), 1)
    fig, ax = plt.subplots(figsize=(WIDTH_PX / DPI, height_px / DPI), dpi=DPI)
    try:
        names = [_label(a) for a, _ in agencies]
        left = [0] * len(agencies)
        for s in STATES:
            values = [c.get(s, 0) for _, c in agencies]
            if any(values):
                ax.barh(names, values, left=left, color=COLOURS[s], label=T.STATE[s], height=0.7)
                left = [a + b for a, b in zip(left, values)]
        ax.set_title(T.CHART_TITLE.format(date=vn_date(today)), fontsize=11, loc="left")
        ax.tick_params(axis="y", labelsize=8)
        ax.tick_params(axis="x", labelsize=8)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.spines[["top", "right"]].set_visible(False)
        fig.legend(loc="lower center", ncol=2, fontsize=8, frameon=False)
        fig.subplots_adjust(bottom=0.1)
        fig.tight_layout(rect=(0, 130 / height_px, 1, 1))   # room for the legend below
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI)
        return buf.getvalue()
    finally:
        plt.close(fig)

