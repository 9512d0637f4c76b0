"""One-time link codes (pure): short, typeable on a phone (no 0/O, 1/I/L), shown as ABCD-EFGH and
read back whatever the case, spaces or dashes."""

from __future__ import annotations

from datetime import timedelta

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
VALID_FOR = timedelta(minutes=15)

# Outcomes of redeeming a link code besides the invite's ok | unknown | used | expired.
LINK_SAME_CHANNEL = "same_channel"  # typed on the channel that issued it
LINK_TAKEN = "taken"  # this chat is linked to someone else


def make_code(pick) -> str:
    """A new code; ``pick(alphabet)`` chooses one character (``secrets.choice`` outside tests)."""
    return "".join(pick(ALPHABET) for _ in range(LENGTH))


def shown(code: str) -> str:
    """The code as shown to people: two groups of four."""
    return f"{code[:4]}-{code[4:]}"


def normalize(typed: str) -> str:
    """The code as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in typed.upper() if ch not in " -_.")
