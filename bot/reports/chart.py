"""A horizontal bar per agency, stacked by state: readable on a phone, Vietnamese labels."""

from __future__ import annotations

import io
import textwrap
from datetime import date

import matplotlib

matplotlib.use("Agg")  # no display: render to memory
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from bot.domain.tally import STATES, Tally  # noqa: E402
from bot.domain.texts import vn_date  # noqa: E402
from bot.domain.texts import reminders as reminder_texts  # noqa: E402

COLOURS = {
    "done_on_time": "#2e7d32",
    "done_late": "#9ccc65",
    "in_progress_on_time": "#1e88e5",
    "not_yet_due": "#90caf9",
    "overdue": "#e53935",
    "ongoing": "#b0bec5",
    "undated": "#ffb300",
}
WIDTH_PX, DPI = 1080, 150
MAX_AGENCIES = 25
LABEL_WIDTH = 30


def label(name: str, width: int = LABEL_WIDTH) -> str:
    """An agency's name wrapped on words (never cut mid-word), at most two lines."""
    lines = textwrap.wrap(name, width=width, break_long_words=False, break_on_hyphens=False) or [name]
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return "\n".join(lines)


def shown_agencies(tally: Tally, order: list[str], limit: int = MAX_AGENCIES) -> tuple[list[str], int]:
    """The agencies the chart shows (the ``limit`` with most work, listed in ``order``) and how many are left out."""
    ranked = sorted(
        tally.by_agency,
        key=lambda a: (
            -sum(tally.by_agency[a].values()),
            -tally.by_agency[a]["overdue"],
            order.index(a) if a in order else len(order),
        ),
    )
    keep = set(ranked[:limit])
    listed = [a for a in order if a in keep] + sorted(keep - set(order))
    return listed, len(ranked) - len(keep)


def progress_chart(tally: Tally, today: date, order: list[str] | None = None) -> bytes:
    """PNG bytes, 1080 px wide: the agencies with most work (up to 25) in official ``order``; the title
    says how many others are left out."""
    names_in_order, rest = shown_agencies(tally, order or sorted(tally.by_agency))
    agencies = [(a, tally.by_agency[a]) for a in names_in_order][::-1]  # matplotlib draws the first bar at the bottom
    height_px = 260 + 46 * max(len(agencies), 1)
    fig, ax = plt.subplots(figsize=(WIDTH_PX / DPI, height_px / DPI), dpi=DPI)
    try:
        names = [label(a) for a, _ in agencies]
        left = [0] * len(agencies)
        for s in STATES:
            values = [c.get(s, 0) for _, c in agencies]
            if any(values):
                ax.barh(names, values, left=left, color=COLOURS[s], label=reminder_texts.STATE[s], height=0.7)
                left = [a + b for a, b in zip(left, values)]
        title = reminder_texts.CHART_TITLE.format(date=vn_date(today))
        if rest:
            title += "\n" + reminder_texts.CHART_PART.format(shown=len(agencies), rest=rest)
        ax.set_title(title, fontsize=11 if not rest else 10, loc="left")
        ax.tick_params(axis="y", labelsize=8)
        ax.tick_params(axis="x", labelsize=8)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.spines[["top", "right"]].set_visible(False)
        fig.legend(loc="lower center", ncol=2, fontsize=8, frameon=False)
        fig.subplots_adjust(bottom=0.1)
        fig.tight_layout(rect=(0, 130 / height_px, 1, 1))  # room for the legend below
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI)
        return buf.getvalue()
    finally:
        plt.close(fig)
