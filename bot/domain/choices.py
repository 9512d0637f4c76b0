"""Numbered choices for channels without buttons (the terminal, Zalo): pure, on any message dataclass
with ``text`` and ``buttons`` (rows of objects with ``label`` and ``data``)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from bot.domain.texts import chat as chat_texts

M = TypeVar("M", bound=Any)

CHOICES = "choices"  # the dialog kind of numbered choices the chat has seen: its next "1" acts
CHOICES_UNSENT = "choices_unsent"  # the same before their message is delivered: a "1" acts on nothing yet


def number_choices(outs: list[M], start: int = 1) -> tuple[list[M], dict[str, str]]:
    """Replace every button by a line "N — label"; return the messages and number → button data."""
    mapping: dict[str, str] = {}
    result = []
    n = start
    for o in outs:
        if not o.buttons:
            result.append(o)
            continue
        lines = [chat_texts.CHOICES_HINT]
        for row in o.buttons:
            for b in row:
                mapping[str(n)] = b.data
                lines.append(f"{n} — {b.label}")
                n += 1
        result.append(replace(o, text=f"{o.text}\n\n" + "\n".join(lines), buttons=()))
    return result, mapping
