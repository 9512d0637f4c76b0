"""Recognising chat commands: slash or not, Vietnamese aliases, addressed to this bot or another."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.folding import fold

# canonical name → every spelling accepted (without the slash)
ALIASES: dict[str, tuple[str, ...]] = {
    "start": ("start", "batdau"),
    "help": ("help", "huongdan", "trogiup"),
    "todo": ("todo", "viec"),
    "done": ("done", "xong"),
    "progress": ("progress", "tiendo"),
    "undo": ("undo", "hoantac"),
    "task": ("task", "xem"),
    "late": ("late", "trehan"),
    "logout": ("dangxuat", "logout"),
    "inspect": ("lichkiemtra", "inspect"),
    "report": ("baocao", "report"),
    "channel": ("kenh", "channel"),
    "export": ("xuatbaocao", "export"),
    "setdue": ("dathan", "setdue"),
    "confirm": ("xacnhan", "confirm"),
    # gov: extensions (bot/core/extension_cmds.py)
    "extend": ("giahan", "extend"),
    "approve_extension": ("duyetgiahan", "approve_extension"),
    "refuse_extension": ("tuchoigiahan", "refuse_extension"),
    "link": ("lienket", "link"),
    # people: hand-over and deputies (bot/core/handover_cmds.py)
    "handover": ("bangiao", "handover"),
    "deputy": ("duphong", "deputy"),
    # the web desk: a one-time sign-in link (bot/core/web_cmds.py)
    "web": ("web", "banlamviec"),
}
_LOOKUP = {alias: name for name, aliases in ALIASES.items() for alias in aliases}

# The Telegram command menu, in the order shown, with the word shown for each.
MENU = ("todo", "done", "progress", "undo", "task", "late", "report", "export", "help", "logout")
MENU_WORD = {
    "todo": "viec",
    "done": "xong",
    "progress": "tiendo",
    "undo": "hoantac",
    "task": "xem",
    "late": "trehan",
    "report": "baocao",
    "export": "xuatbaocao",
    "help": "huongdan",
    "logout": "dangxuat",
}


@dataclass(frozen=True)
class Command:
    name: str  # canonical name, or "unknown"
    args: str  # everything after the command word, trimmed
    typed: str  # the command word as typed (for "unknown")


_WORD = re.compile(r"^/?([^\s@]+)(?:@(\S+))?(?:\s+(.*))?$", re.DOTALL)


def parse_command(text: str, *, bot_username: str | None = None, bare: bool = False) -> Command | None:
    """The command in ``text``, or None when it is not a command (or is for another bot).

    With ``bare`` a command word without the slash is accepted too ("xong 3.II"), as
    typing "/" on a phone keyboard is a chore; only known command words count then.
    """
    s = (text or "").strip()
    if not s:
        return None
    slash = s.startswith("/")
    if not slash and not bare:
        return None
    m = _WORD.match(s)
    if not m:
        return None
    word, target, args = m.group(1), m.group(2), (m.group(3) or "").strip()
    if target and bot_username and target.lower() != bot_username.lower().lstrip("@"):
        return None
    name = _LOOKUP.get(fold(word))
    if name is None:
        return Command("unknown", args, word) if slash else None
    return Command(name, args, word)
