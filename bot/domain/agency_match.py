"""Which lead agency the words after an item code name, or that they only nearly name one.

A coordinator writes "/xong 3.II huyen kim thanh QĐ số 5/QĐ-UBND"; the words must name exactly one lead
of the item before anything is recorded. A near miss ("huyen kim than", "so y tee") or an agency that
does not lead the item is reported back with the best-matching leads to choose from, never taken for
the coordinator's own agency and never kept as a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from bot.domain.agencies import Agency, Directory, canonical_key
from bot.domain.folding import edit_distance, fold

MAX_WORDS = 8  # longest agency name typed, in words
MAX_CHOICES = 5  # leads offered when the words do not name one exactly

# Words that say nothing about which agency on their own ("sở", "huyện", "UBND").
GENERIC = frozenset(
    "so ubnd uy ban nhan dan tinh huyen thanh pho thi xa tran phuong van phong vp bao dai cong an "
    "tp tx cac co quan bql trung tam chi cuc va".split()
)
# First words that start an agency's name when typed ("sở …", "huyện …", "UBND …").
HEADS = frozenset("so ubnd uy huyen tp tx xa phuong vp vpubnd bql".split())
HEAD_PAIRS = frozenset({("thanh", "pho"), ("thi", "xa"), ("thi", "tran"), ("van", "phong"), ("ban", "quan")})


@dataclass(frozen=True)
class LeadMatch:
    """What the words after a code say about the agency."""

    key: str | None = None  # the lead they name exactly
    rest: tuple[str, ...] = ()  # the words after the name (the note)
    named: bool = False  # they begin with an agency's name, or something like one
    other: str | None = None  # an agency they name (or nearly name) that is not a lead
    candidates: tuple[str, ...] = ()  # leads to offer, best first


def _keys(a: Agency) -> list[str]:
    return [canonical_key(x) for x in (a.name, a.short, *a.aliases) if x]


def _generic(words: Sequence[str]) -> bool:
    return all(w in GENERIC for w in canonical_key(" ".join(words)).split())


def _continues(a: Agency, typed: Sequence[str], nxt: str) -> bool:
    """Whether ``nxt`` looks like the next word of ``a``'s name after ``typed`` (a misspelt ending)."""
    q = canonical_key(" ".join(typed)).split()
    w = canonical_key(nxt)
    if not q or not w:
        return False
    for k in _keys(a):
        toks = k.split()
        for i in range(len(toks) - len(q)):
            if toks[i : i + len(q)] == q:
                after = toks[i + len(q)]
                if w != after and (edit_distance(w, after) <= 1 or (len(w) >= 2 and after.startswith(w))):
                    return True
    return False


def agency_like(words: Sequence[str]) -> bool:
    """Whether the words start the way an agency's name does ("sở …", "UBND …", "huyện …"), not a note
    ("Số 45/BC-STP …", "Báo cáo …")."""
    if not words:
        return False
    first = words[0].lower().strip(".,:;")
    if first in ("số", "sổ", "sô"):
        return False
    f = fold(first)
    second = fold(words[1]).strip(".,:;") if len(words) > 1 else ""
    if f == "so" and (not second or second[:1].isdigit()):
        return False
    return f in HEADS or (f, second) in HEAD_PAIRS


def _rank(directory: Directory, words: Sequence[str], keys: Sequence[str]) -> tuple[str, ...]:
    """``keys`` (agencies) ordered by how close their names are to the first words typed."""
    typed = [canonical_key(" ".join(words[:k])) for k in range(1, min(len(words), MAX_WORDS) + 1)]

    def score(key: str) -> tuple[int, int]:
        a = directory.agencies.get(key)
        names = _keys(a) if a else []
        best = min((edit_distance(t, n) for t in typed for n in names), default=99)
        return best, keys.index(key)

    return tuple(sorted(keys, key=score)[:MAX_CHOICES])


def match_lead(directory: Directory, words: Sequence[str], leads: Sequence[str]) -> LeadMatch:
    """The lead of ``leads`` (agency keys) that the first of ``words`` name, or why none is named."""
    words = list(words)
    if not words:
        return LeadMatch()
    near: list[str] = []
    for k in range(min(len(words), MAX_WORDS), 0, -1):
        found = directory.lookup(" ".join(words[:k]))
        if found.agency is None:
            q = canonical_key(" ".join(words[:k]))
            near += [
                c.key
                for c in found.candidates
                if c.key not in near and (len(found.candidates) > 1 or min(edit_distance(q, n) for n in _keys(c)) <= 1)
            ]
            continue
        if _generic(words[:k]):
            continue
        a = found.agency
        if a.key not in leads:
            return LeadMatch(named=True, other=a.key, candidates=_rank(directory, words, leads))
        if a.key in near or (k < len(words) and _continues(a, words[:k], words[k])):
            return LeadMatch(named=True, candidates=(a.key,))
        return LeadMatch(a.key, tuple(words[k:]), True)
    close_leads = [k for k in near if k in leads]
    if close_leads and (agency_like(words) or len(near) <= MAX_CHOICES):
        return LeadMatch(named=True, candidates=_rank(directory, words, close_leads))
    if agency_like(words):
        other = near[0] if near and len(near) <= MAX_CHOICES else None
        return LeadMatch(named=True, other=other, candidates=_rank(directory, words, leads))
    return LeadMatch(rest=tuple(words))
