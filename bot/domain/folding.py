"""Folding Vietnamese text for tolerant matching (accents, case, punctuation)."""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = {"đ": "d", "Đ": "d", "ð": "d"}


def fold_char(ch: str) -> str:
    """One character in, one character out: lower case without diacritics.

    Keeping the length lets callers map positions in the folded text back to
    the original text.
    """
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    low = ch.lower()
    if len(low) != 1:
        low = ch
    base = unicodedata.normalize("NFD", low)[0]
    return base


def fold(text: str) -> str:
    """Lower case, no diacritics, same length as the NFC form of ``text``."""
    return "".join(fold_char(c) for c in unicodedata.normalize("NFC", text))


_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """Folded alphanumeric words of ``text``; '&' and other marks separate."""
    return [w for w in _NON_WORD.split(fold(text)) if w]


def key(text: str) -> str:
    """A lookup key: folded words joined by single spaces."""
    return " ".join(words(text))


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, for 'did you mean' suggestions."""
    if a == b:
        return 0
    if not a or not b:
        return len(a) + len(b)
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def same_province(a: str | None, b: str | None) -> bool:
    """ "Quảng Ninh" ≡ "tỉnh Quảng Ninh" ≡ "QUANG NINH"; an unknown side matches nothing."""

    def bare(p: str) -> str:
        k = key(p)
        for prefix in ("tinh ", "thanh pho "):
            k = k.removeprefix(prefix)
        return k

    return bool(a and b) and bare(a) == bare(b)
