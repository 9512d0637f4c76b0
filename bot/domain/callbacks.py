"""Button data the bot itself writes (``kind:number[:number]``), checked before anything reads it: a
forged or stale payload (unknown kind, wrong shape, a 25-digit id) is answered as a stale button,
never parsed into an exception."""

from __future__ import annotations

import re
from datetime import date

# kind → how many numbers follow: view item, todo page (+ agency), done, progress, undo, open an item to act,
# confirm a close (k), confirm a date outside the plan (i: inspection, s: due date; id + YYYYMMDD),
# ask for an extension (gx), approve / refuse an extension (ga / gr)
SHAPES = {
    "v": (1,),
    "t": (1, 2),
    "d": (1,),
    "p": (1,),
    "u": (1,),
    "o": (1,),
    "k": (1,),
    "i": (2,),
    "s": (2,),
    "gx": (1,),
    "ga": (1,),
    "gr": (1,),
}
DATED = frozenset({"i", "s"})  # their second number is a calendar day, YYYYMMDD
MAX_ID = 2**31 - 1  # every id and page number fits a 32-bit signed integer column
MAX_LENGTH = 64  # Telegram allows 64 bytes of callback data
_NUMBER = re.compile(r"[0-9]{1,10}")


def valid_callback(data: str | None) -> bool:
    """True when ``data`` has the shape of a button we make: a known kind and ASCII numbers in range."""
    if not data or len(data) > MAX_LENGTH:
        return False
    kind, sep, rest = data.partition(":")
    if not sep or kind not in SHAPES:
        return False
    parts = rest.split(":")
    if len(parts) not in SHAPES[kind]:
        return False
    if not all(_NUMBER.fullmatch(p) and 0 < int(p) <= MAX_ID for p in parts):
        return False
    return kind not in DATED or _is_day(parts[1])


def _is_day(text: str) -> bool:
    """``text`` is a real calendar day written YYYYMMDD (20231399 and 20230230 are not)."""
    if len(text) != 8:
        return False
    try:
        date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return False
    return True
