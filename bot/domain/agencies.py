"""The agency directory and the resolver for lead / coordinating cells.

A cell such as "Các Sở; UBND cấp huyện và các cơ quan, đơn vị có liên quan" becomes
canonical agencies, groups (expanded to their members) and unresolved fragments.
Names are matched accent-, case- and punctuation-insensitively, longest name first,
so separators inside names ("Lao động, Thương binh và Xã hội") never split them; the
equivalences of ``agency_vocab`` ("UBND" = "Ủy ban nhân dân", "Sở KH&CN" = "Sở Khoa học và Công
nghệ") apply to names and cells alike. Words nobody is named by come back as unresolved VAGUE or
UNKNOWN fragments, never silently dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from bot.domain.agency_vocab import (
    CONNECTORS, COORDINATION_MARKERS, ELLIPTIC_HEADS, EQUIVALENCES, GENERIC_WORDS, LEAD_MARKERS,
    SEPARATOR_WORDS, VAGUE_MARKERS)
from bot.domain.text import edit_distance, fold, words

# commune covers xã, phường, thị trấn and đặc khu; the last five are what post-2025 plans assign too.
KINDS = ("province_office", "department", "board", "district", "commune", "press", "other",
         "police", "military", "vertical", "mass_org", "steering")

VAGUE = "vague"      # "các cơ quan có liên quan": nobody in particular
UNKNOWN = "unknown"  # a name the directory does not know


@dataclass(frozen=True)
class Agency:
    key: str
    name: str
    kind: str
    short: str = ""
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    # Bodies this one replaced (a merged department, a former commune): names or keys. A cell that
    # names one of them resolves to this agency, noted in ``Resolution.replaced``.
    replaces: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    key: str
    name: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    member_kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoleHolder:
    agency: str
    since: date | None = None
    until: date | None = None

    def holds_on(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


@dataclass(frozen=True)
class Role:
    """A function named instead of an agency, held by different agencies over time."""

    key: str
    name: str
    aliases: tuple[str, ...]
    holders: tuple[RoleHolder, ...]

    def holder_on(self, day: date | None) -> str | None:
        if not self.holders:
            return None
        if day is not None:
            for h in self.holders:
                if h.holds_on(day):
                    return h.agency
        return self.holders[-1].agency


@dataclass(frozen=True)
class Unresolved:
    text: str
    reason: str  # VAGUE or UNKNOWN


@dataclass(frozen=True)
class Resolution:
    agencies: tuple[str, ...] = ()       # agency keys named directly or through a role
    groups: tuple[str, ...] = ()         # group keys
    unresolved: tuple[Unresolved, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()  # (role key, holder agency key)
    # "X chủ trì, phối hợp với Y" in one cell: Y, for the plan loader to add to the coordinating cell
    coordinating: "Resolution | None" = None
    replaced: tuple[tuple[str, str], ...] = ()  # (former body as written, successor agency key)


@dataclass(frozen=True)
class Lookup:
    """A user's agency query: one match, or candidates to choose from."""

    query: str
    agency: Agency | None = None
    candidates: tuple[Agency, ...] = ()


_WORD = re.compile(r"[^\W_]+")
_HARD_GAP = re.compile(r"[;\n]")
_SOFT_GAP = re.compile(r"[,/]|(?:^|\s)[-–—](?:\s|$)")


def _phrases(texts) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({tuple(t.split()) for t in texts}, key=len, reverse=True))


_RULES: dict[tuple[str, ...], tuple[str, ...]] = {
    tuple(v.split()): tuple(canon.split()) for canon, variants in EQUIVALENCES.items() for v in variants}
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


def _source(text: str) -> tuple[str, list[tuple[int, int]], list[str], list[str]]:
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
            rep = _RULES.get(tuple(source[i:i + length]))
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
    return tuple(seq[at:at + len(phrase)]) == phrase


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
class _Cell:
    """A cell split into source words with their character spans, and what is matched."""

    text: str
    spans: list[tuple[int, int]]
    words: list[str]
    accented: list[str]
    taken: list[bool]

    def gap(self, i: int) -> str:
        """The text between source word i-1 and word i."""
        start = self.spans[i - 1][1] if i else 0
        return self.text[start:self.spans[i][0]]

    def original(self, first: int, last: int) -> str:
        return self.text[self.spans[first][0]:self.spans[last][1]]


@dataclass
class Directory:
    province: str
    agencies: dict[str, Agency]
    groups: dict[str, Group]
    roles: dict[str, Role] = field(default_factory=dict)
    vague: tuple[str, ...] = ()

    # ---- membership -------------------------------------------------------------
    def members(self, group_key: str) -> list[str]:
        g = self.groups[group_key]
        keys = list(g.members)
        keys += [a.key for a in self.agencies.values() if a.kind in g.member_kinds and a.key not in keys]
        return keys

    def expand(self, res: Resolution) -> list[str]:
        """Every agency key a resolution makes responsible, in a stable order."""
        out: list[str] = []
        for k in list(res.agencies) + [m for g in res.groups for m in self.members(g)]:
            if k not in out:
                out.append(k)
        return out

    def with_agency(self, agency: Agency) -> "Directory":
        """A copy that knows one more agency (communes are added as they register)."""
        agencies = dict(self.agencies)
        agencies[agency.key] = agency
        return Directory(self.province, agencies, self.groups, self.roles, self.vague)

    # ---- cell resolution ---------------------------------------------------------
    @cached_property
    def _province_words(self) -> tuple[tuple[str, ...], ...]:
        """The province's own name qualifies a body ("Sở Y tế tỉnh Cao Bằng") and names nobody."""
        ws = tuple(words(self.province))
        return (ws,) if ws else ()

    @cached_property
    def _index(self) -> dict[str, list[tuple[tuple[str, ...], int, str, str, tuple[str, ...]]]]:
        """Canonical names by first word: (words, rank, target kind, target key, accented words).

        Longer names rank first; the accented words tell apart names that differ only by
        their accents ("xã Cẩm Giang", "xã Cẩm Giàng")."""
        entries: list[tuple[str, str, str]] = []
        for a in self.agencies.values():
            entries += [(alias, "agency", a.key) for alias in (a.name, a.short, *a.aliases) if alias]
            entries += [(old, "successor", a.key) for old in a.replaces if old]
        for g in self.groups.values():
            entries += [(alias, "group", g.key) for alias in (g.name, *g.aliases) if alias]
        for r in self.roles.values():
            entries += [(alias, "role", r.key) for alias in (r.name, *r.aliases) if alias]
        entries += [(v, "vague", v) for v in self.vague]
        keyed = []
        for alias, kind, k in entries:
            _, _, folded, accented = _source(alias)
            canon = canonical_words(folded, accented)
            if canon:
                keyed.append((tuple(c.word for c in canon), tuple(c.accented for c in canon), kind, k))
        keyed.sort(key=lambda e: -len(" ".join(e[0])))
        index: dict[str, list[tuple[tuple[str, ...], int, str, str, tuple[str, ...]]]] = {}
        seen: set = set()
        for rank, (ws, sig, kind, k) in enumerate(keyed):
            if (ws, sig, kind, k) not in seen:
                seen.add((ws, sig, kind, k))
                index.setdefault(ws[0], []).append((ws, rank, kind, k, sig))
        return index

    def _matches(self, cell: _Cell) -> list[tuple[int, int, str, str]]:
        """Non-overlapping (first word, last word, kind, key) found in the cell, longest names first."""
        canon = canonical_words(cell.words, cell.accented)
        cw = [c.word for c in canon]
        by_place: dict[tuple[int, int, tuple[str, ...]], list[tuple[int, str, str, bool]]] = {}
        for i, c in enumerate(canon):
            if not c.head:
                continue
            for ws, rank, kind, k, sig in self._index.get(c.word, ()):
                j = i + len(ws) - 1
                if j < len(canon) and canon[j].tail and tuple(cw[i:j + 1]) == ws:
                    same = sig == tuple(x.accented for x in canon[i:j + 1])
                    by_place.setdefault((canon[i].first, canon[j].last, ws), []).append((rank, kind, k, same))
        found: list[tuple[int, int, int, int, tuple[str, ...], str, str]] = []
        for (first, last, ws), cands in by_place.items():
            targets = {(kind, k) for _, kind, k, _ in cands}
            if len(targets) > 1:  # names equal without accents: the accents decide, or nobody
                targets = {(kind, k) for _, kind, k, same in cands if same}
            rank = min(r for r, *_ in cands)
            kind, k = targets.pop() if len(targets) == 1 else ("ambiguous", "")
            found.append((rank, first, last, 0, ws, kind, k))
        found.sort()
        chosen: list[tuple[int, int, str, str]] = []
        elliptic: list[tuple[int, int, str, str]] = []
        for _, first, last, _, ws, kind, k in found:
            if ws[0] in ELLIPTIC_HEADS:
                elliptic.append((first, last, kind, k))
            elif not any(cell.taken[first:last + 1]):
                cell.taken[first:last + 1] = [True] * (last - first + 1)
                chosen.append((first, last, kind, k))
        for first, last, kind, k in sorted(elliptic):
            # "cấp xã" alone names a level, not a body: only as in "UBND cấp huyện, cấp xã".
            before = first - 1
            while before >= 0 and cell.words[before] in SEPARATOR_WORDS and not cell.taken[before]:
                before -= 1
            if before >= 0 and cell.taken[before] and not any(cell.taken[first:last + 1]) \
                    and not _HARD_GAP.search("".join(cell.gap(x) for x in range(before + 1, first + 1))):
                cell.taken[first:last + 1] = [True] * (last - first + 1)
                chosen.append((first, last, kind, k))
        chosen.sort()
        return chosen

    def resolve(self, cell: str | None, on: date | None = None) -> Resolution:
        """Agencies, groups, roles and unresolved fragments named in a lead or coordinating cell.

        "X chủ trì, phối hợp với Y" in one cell gives X here and Y in ``coordinating``.
        """
        text = unicodedata.normalize("NFC", (cell or "").replace("\n", " ; "))
        _, spans, folded, accented = _source(_blank_parentheses(text))
        c = _Cell(text, spans, folded, accented, [False] * len(spans))
        matches = self._matches(c)
        marker, boundary = _markers(c)
        lead = self._part(c, matches, marker, 0, boundary, on)
        if boundary == len(spans):
            return lead
        coord = self._part(c, matches, marker, boundary, len(spans), on)
        return Resolution(lead.agencies, lead.groups, lead.unresolved, lead.roles, coord, lead.replaced)

    def _part(self, c: _Cell, matches, marker: list[bool], lo: int, hi: int, on: date | None) -> Resolution:
        agencies: list[str] = []
        groups: list[str] = []
        roles: list[tuple[str, str]] = []
        replaced: list[tuple[str, str]] = []
        unresolved: list[Unresolved] = []
        for first, last, kind, k in matches:
            if not lo <= first < hi:
                continue
            if kind == "successor":
                replaced.append((_clean(c.original(first, last)), k))
            if kind in ("agency", "successor") and k not in agencies:
                agencies.append(k)
            elif kind == "group" and k not in groups:
                groups.append(k)
            elif kind == "role":
                holder = self.roles[k].holder_on(on)
                if holder:
                    roles.append((k, holder))
                    if holder not in agencies:
                        agencies.append(holder)
            elif kind == "vague":
                unresolved.append(Unresolved(_clean(c.original(first, last)), VAGUE))
            elif kind == "ambiguous":
                unresolved.append(Unresolved(_clean(c.original(first, last)), UNKNOWN))
        unresolved += _leftovers(c, marker, lo, hi, self._province_words)
        return Resolution(tuple(agencies), tuple(groups), tuple(unresolved), tuple(roles), replaced=tuple(replaced))

    def successor_of(self, former: str) -> str | None:
        """The agency that replaced ``former`` (a key or a name of a retired body), if the directory says so."""
        k = canonical_key(former)
        for a in self.agencies.values():
            if former in a.replaces or k in {canonical_key(x) for x in a.replaces}:
                return a.key
        return None

    # ---- user lookup -------------------------------------------------------------
    def lookup(self, query: str) -> Lookup:
        q = canonical_key(query)
        if not q:
            return Lookup(query)
        names = [(a, [canonical_key(x) for x in (a.name, a.short, *a.aliases) if x])
                 for a in self.agencies.values()]
        exact = [a for a, ks in names if q in ks]
        if len(exact) == 1:
            return Lookup(query, exact[0])
        if exact:
            return Lookup(query, None, tuple(exact))
        qw = q.split()
        contains = [a for a, ks in names if any(_contains_words(k.split(), qw) for k in ks)]
        if len(contains) == 1:
            return Lookup(query, contains[0])
        if contains:
            return Lookup(query, None, tuple(contains))
        scored = sorted((min(edit_distance(q, k) for k in ks), a.name, a) for a, ks in names)
        close = [a for d, _, a in scored if d <= max(2, len(q) // 5)]
        return Lookup(query, None, tuple(close[:5]))


def _contains_words(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def _clean(fragment: str) -> str:
    return " ".join(fragment.split()).strip(" -;,.:")


def _blank_parentheses(text: str) -> str:
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), text)


def _markers(c: _Cell) -> tuple[list[bool], int]:
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
            if p and not any(c.taken[i:i + len(p)]):
                return i, i + len(p)
        return None

    lead = find(_LEAD_MARKERS, 0)
    coord = find(_COORD_MARKERS, lead[1] if lead else 0)
    if lead:
        flags[lead[0]:lead[1]] = [True] * (lead[1] - lead[0])
        if any(c.taken[:lead[0]]):  # "X chủ trì, ...": whatever follows coordinates
            boundary = lead[1]
    if coord:
        flags[coord[0]:coord[1]] = [True] * (coord[1] - coord[0])
        if boundary == n and any(c.taken[:coord[0]]):
            boundary = coord[0]
    return flags, boundary


def _pieces(c: _Cell, marker: list[bool], lo: int, hi: int) -> list[tuple[int, int, bool]]:
    """Runs of unmatched words: (first, last, joined to the previous run by only ',', '/', '-' or 'và')."""
    pieces: list[tuple[int, int, bool]] = []
    start: int | None = None
    joined = link = False
    for i in range(lo, hi):
        gap = c.gap(i)
        hard, soft = bool(_HARD_GAP.search(gap)), bool(_SOFT_GAP.search(gap))
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


def _leftovers(c: _Cell, marker: list[bool], lo: int, hi: int,
               local: tuple[tuple[str, ...], ...] = ()) -> list[Unresolved]:
    """What no name covers, as fragments: VAGUE, UNKNOWN, or dropped when only connectors.

    Generic nouns joined by commas share the qualifier that follows them: "cơ quan, địa phương
    liên quan" is one vague phrase.
    """
    out: list[Unresolved] = []
    open_generic: tuple[int, int] | None = None  # (index in out, first word) of a generic-only phrase
    for first, last, joined in _pieces(c, marker, lo, hi):
        ws = c.words[first:last + 1]
        if _only(ws, local + _CONNECTORS):
            open_generic = None
            continue
        qualified = any(_contains(ws, m) for m in _VAGUE_MARKERS)
        generic = set(ws) <= GENERIC_WORDS
        if not (qualified or generic):
            out.append(Unresolved(_clean(c.original(first, last)), UNKNOWN))
            open_generic = None
            continue
        if joined and open_generic is not None:
            at, begin = open_generic
            out[at] = Unresolved(_clean(c.original(begin, last)), VAGUE)
        else:
            out.append(Unresolved(_clean(c.original(first, last)), VAGUE))
            at, begin = len(out) - 1, first
        open_generic = (at, begin) if generic and not qualified else None
    return out
