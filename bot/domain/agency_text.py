"""The words of an agency cell: folding, the equivalences, and what no name covers.

Used by the resolver (``agencies``): a cell is split into source words with their places in the
text; names are matched on canonical words (``canonical_words``); what is left is reported as
vague or unknown fragments (``leftovers``) and "chủ trì" / "phối hợp" split lead from coordinating
(``markers``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.domain.agency_vocab import (
    CONNECTORS,
    COORDINATION_MARKERS,
    EQUIVALENCES,
    GENERIC_WORDS,
    LEAD_MARKERS,
    SEPARATOR_WORDS,
    VAGUE_MARKERS,
)
from bot.domain.folding import fold, words

VAGUE = "vague"  # "các cơ quan có liên quan": nobody in particular
UNKNOWN = "unknown"  # a name the directory does not know

_WORD = re.compile(r"[^\W_]+")
HARD_GAP = re.compile(r"[;\n]")
_SOFT_GAP = re.compile(r"[,/]|(?:^|\s)[-–—](?:\s|$)")


def _phrases(texts) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({tuple(t.split()) for t in texts}, key=len, reverse=True))


_RULES: dict[tuple[str, ...], tuple[str, ...]] = {
    tuple(v.split()): tuple(canon.split()) for canon, variants in EQUIVALENCES.items() for v in variants
}
_RULE_MAX = max(len(v) for v in _RULES)
_VAGUE_MARKERS = _phrases(VAGUE_MARKERS)
_CONNECTORS = _phrases(CONNECTORS)
_LEAD_MARKERS = _phrases(LEAD_MARKERS)
_COORD_MARKERS = _phrases(COORDINATION_MARKERS)


@dataclass(frozen=True)
class _Canon:
    """One canonical word and the source words [first, last] it stands for."""

    word: str
    first: int
    last: int
    head: bool  # first canonical word of its source words
    tail: bool  # last canonical word of its source words
    accented: str = ""  # the source word with its accents when not rewritten, else the canonical word


def source(text: str) -> tuple[str, list[tuple[int, int]], list[str], list[str]]:
    """NFC text, word spans, folded words and lower-case accented words (same positions)."""
    nfc = unicodedata.normalize("NFC", text)
    folded = fold(nfc)
    spans = [m.span() for m in _WORD.finditer(folded)]
    return nfc, spans, [folded[a:b] for a, b in spans], [nfc[a:b].lower() for a, b in spans]


def canonical_words(source: list[str], accented: list[str] | None = None) -> list[_Canon]:
    """Rewrite folded words with the equivalences ("uy ban nhan dan" → "ubnd", "kh cn" → ...)."""
    acc = accented or source
    out: list[_Canon] = []
    i, n = 0, len(source)
    while i < n:
        for length in range(min(_RULE_MAX, n - i), 0, -1):
            rep = _RULES.get(tuple(source[i : i + length]))
            if rep:
                last = i + length - 1
                out += [_Canon(w, i, last, j == 0, j == len(rep) - 1, w) for j, w in enumerate(rep)]
                i += length
                break
        else:
            out.append(_Canon(source[i], i, i, True, True, acc[i]))
            i += 1
    return out


def canonical_key(text: str) -> str:
    """The resolver's key of a name: folded words with abbreviations and synonyms unified."""
    return " ".join(c.word for c in canonical_words(words(text)))


def _starts_with(seq: list[str], at: int, phrase: tuple[str, ...]) -> bool:
    return tuple(seq[at : at + len(phrase)]) == phrase


def _contains(seq: list[str], phrase: tuple[str, ...]) -> bool:
    return any(_starts_with(seq, i, phrase) for i in range(len(seq)))


def _only(seq: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """True when ``seq`` is made entirely of ``phrases`` (greedy, longest first)."""
    i = 0
    while i < len(seq):
        p = next((p for p in phrases if _starts_with(seq, i, p)), None)
        if p is None:
            return False
        i += len(p)
    return True


@dataclass
class Cell:
    """A cell split into source words with their character spans, and what is matched."""

    text: str
    spans: list[tuple[int, int]]
    words: list[str]
    accented: list[str]
    taken: list[bool]

    def gap(self, i: int) -> str:
        """The text between source word i-1 and word i."""
        start = self.spans[i - 1][1] if i else 0
        return self.text[start : self.spans[i][0]]

    def original(self, first: int, last: int) -> str:
        return self.text[self.spans[first][0] : self.spans[last][1]]


def clean(fragment: str) -> str:
    """A fragment as reported: single spaces, no separators at its ends."""
    return " ".join(fragment.split()).strip(" -;,.:")


def blank_parentheses(text: str) -> str:
    """Parenthesised asides ("(sau đây gọi tắt là Sở)") become spaces; "(chủ trì)" stays, it splits the cell."""

    def blank(m: re.Match) -> str:
        inner = tuple(words(m.group(0)))
        return m.group(0) if inner in _LEAD_MARKERS + _COORD_MARKERS else " " * len(m.group(0))

    return re.sub(r"\([^()]*\)", blank, text)


def markers(c: Cell) -> tuple[list[bool], int]:
    """The words "chủ trì" / "phối hợp (với)" (flagged) and where the coordinating part starts.

    "X chủ trì, phối hợp với Y" and "X phối hợp với Y" split after the markers; "Chủ trì: X;
    phối hợp: Y" (markers as labels) splits at the second label. No marker: the whole cell is lead.
    """
    n = len(c.words)
    flags = [False] * n
    boundary = n

    def find(phrases, start: int) -> tuple[int, int] | None:
        for i in range(start, n):
            p = next((p for p in phrases if _starts_with(c.words, i, p)), None)
            if p and not any(c.taken[i : i + len(p)]):
                return i, i + len(p)
        return None

    lead = find(_LEAD_MARKERS, 0)
    coord = find(_COORD_MARKERS, lead[1] if lead else 0)
    if lead:
        flags[lead[0] : lead[1]] = [True] * (lead[1] - lead[0])
        if any(c.taken[: lead[0]]):  # "X chủ trì, ...": whatever follows coordinates
            boundary = lead[1]
    if coord:
        flags[coord[0] : coord[1]] = [True] * (coord[1] - coord[0])
        if boundary == n and any(c.taken[: coord[0]]):
            boundary = coord[0]
    return flags, boundary


def _pieces(c: Cell, marker: list[bool], lo: int, hi: int) -> list[tuple[int, int, bool]]:
    """Runs of unmatched words: (first, last, joined to the previous run by only ',', '/', '-' or 'và')."""
    pieces: list[tuple[int, int, bool]] = []
    start: int | None = None
    joined = link = False
    for i in range(lo, hi):
        gap = c.gap(i)
        hard, soft = bool(HARD_GAP.search(gap)), bool(_SOFT_GAP.search(gap))
        if start is not None and (hard or soft):
            pieces.append((start, i - 1, joined))
            start, link = None, not hard
        elif hard:
            link = False
        if c.taken[i] or marker[i] or c.words[i] in SEPARATOR_WORDS:
            if start is not None:
                pieces.append((start, i - 1, joined))
                start = None
            link = c.words[i] in SEPARATOR_WORDS and not c.taken[i] and not marker[i]
            continue
        if start is None:
            start, joined = i, link and bool(pieces)
    if start is not None:
        pieces.append((start, hi - 1, joined))
    return pieces


def leftovers(
    c: Cell, marker: list[bool], lo: int, hi: int, local: tuple[tuple[str, ...], ...] = ()
) -> list[tuple[str, str]]:
    """What no name covers, as fragments: VAGUE, UNKNOWN, or dropped when only connectors.

    Generic nouns joined by commas share the qualifier that follows them: "cơ quan, địa phương
    liên quan" is one vague phrase.
    """
    out: list[tuple[str, str]] = []
    open_generic: tuple[int, int] | None = None  # (index in out, first word) of a generic-only phrase
    for first, last, joined in _pieces(c, marker, lo, hi):
        ws = c.words[first : last + 1]
        if _only(ws, local + _CONNECTORS):
            open_generic = None
            continue
        qualified = any(_contains(ws, m) for m in _VAGUE_MARKERS)
        generic = set(ws) <= GENERIC_WORDS
        if not (qualified or generic):
            out.append((clean(c.original(first, last)), UNKNOWN))
            open_generic = None
            continue
        if joined and open_generic is not None:
            at, begin = open_generic
            out[at] = (clean(c.original(begin, last)), VAGUE)
        else:
            out.append((clean(c.original(first, last)), VAGUE))
            at, begin = len(out) - 1, first
        open_generic = (at, begin) if generic and not qualified else None
    return out
