"""A bar chart of the tally drawn as inline SVG (no script, prints as it shows)."""

from __future__ import annotations

from html import escape

COLOURS = {
    "done_on_time": "#2e7d32",
    "done_late": "#8bc34a",
    "in_progress_on_time": "#1976d2",
    "not_yet_due": "#90caf9",
    "overdue": "#c62828",
    "ongoing": "#f9a825",
    "undated": "#9e9e9e",
}


def tally_chart(counts: list[tuple[str, str, int]], *, title: str, width: int = 640) -> str:
    """Horizontal bars, one per (key, label, count); the SVG scales with the page (viewBox)."""
    bar, gap, label_w, top = 22, 8, 230, 28
    height = top + len(counts) * (bar + gap) + 8
    peak = max((n for _, _, n in counts), default=0) or 1
    room = width - label_w - 70
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for i, (key, label, n) in enumerate(counts):
        y = top + i * (bar + gap)
        w = round(room * n / peak)
        parts.append(f'<text x="{label_w - 6}" y="{y + 16}" font-size="12" text-anchor="end">{escape(label)}</text>')
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar}" fill="{COLOURS.get(key, "#555")}">'
            f"<title>{escape(label)}: {n}</title></rect>"
        )
        parts.append(f'<text x="{label_w + w + 6}" y="{y + 16}" font-size="12">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)
