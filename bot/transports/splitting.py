"""Splitting long texts at line boundaries, the same way for every channel."""

from __future__ import annotations

from typing import Callable


def split_text(text: str, limit: int, measure: Callable[[str], int] = len) -> list[str]:
    """Chunks of at most ``limit`` (as ``measure`` counts), cut at line ends where possible."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if measure(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
            current = ""
        while measure(line) > limit:  # a single line longer than the limit: cut it on a space
            cut = _cut(line, limit, measure)
            chunks.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        current = line
    if current or not chunks:
        chunks.append(current)
    return chunks


def _cut(line: str, limit: int, measure: Callable[[str], int]) -> int:
    lo, hi = 1, len(line)
    while lo < hi:  # longest prefix that fits
        mid = (lo + hi + 1) // 2
        if measure(line[:mid]) <= limit:
            lo = mid
        else:
            hi = mid - 1
    space = line.rfind(" ", 0, lo)
    return space if space > lo // 2 else lo


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
