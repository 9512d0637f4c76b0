"""Reading a command's arguments: the item code, an agency named in words, a time as a phrase."""

from __future__ import annotations

from bot.core.context import Ctx
from bot.domain.chat_records import AgencyRef
from bot.domain.views import at_phrase


def split_code(args: str) -> tuple[str, list[str]]:
    """The code and the words after it; the code may itself hold a space ("3 II")."""
    words = args.split()
    if len(words) >= 2 and words[0].isdigit() and words[1].strip(".").upper().strip("IVX") == "":
        return f"{words[0]} {words[1]}", words[2:]
    return (words[0], words[1:]) if words else ("", [])


def agency_named(ctx: Ctx, words: list[str], allowed: set[int] | None = None):
    """(agency, words left) for the longest prefix of ``words`` naming one agency."""
    known = ctx.agencies
    for k in range(len(words), 0, -1):
        found = known.directory.lookup(" ".join(words[:k]))
        if found.agency is not None and (allowed is None or known.ids[found.agency.key] in allowed):
            a = found.agency
            return AgencyRef(known.ids[a.key], a.key, a.name, a.kind), words[k:]
    return None, words


def when_phrase(ctx: Ctx, at) -> str:
    """An instant as the chat shows it, in the office's zone."""
    return at_phrase(at.astimezone(ctx.zone) if at else None)
