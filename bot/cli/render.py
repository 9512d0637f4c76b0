"""Printing for people (aligned Vietnamese tables) and for scripts (exact JSON)."""

from __future__ import annotations

import json
import sys
import unicodedata
from typing import Iterable, Sequence, TextIO


def print_json(data, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    out.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_json_line(data, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    out.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
    out.flush()


def width(text: str) -> int:
    """Display width: combining marks take no room, wide (East Asian, emoji) characters two."""
    w = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if width(out + ch) > limit - 1:
            break
        out += ch
    return out + "…"


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    limits: Sequence[int] | None = None,
    out: TextIO | None = None,
) -> None:
    out = out or sys.stdout
    rows = [[clip(str(c), limits[i] if limits else 200) for i, c in enumerate(r)] for r in rows]
    widths = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c + " " * (w - width(c)) for c, w in zip(cells, widths)).rstrip()

    out.write(line(headers) + "\n")
    out.write("  ".join("─" * w for w in widths) + "\n")
    for r in rows:
        out.write(line(r) + "\n")
