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

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from bot.domain.agency_text import (
    HARD_GAP,
    UNKNOWN,
    VAGUE,
    Cell,
    blank_parentheses,
    canonical_key,
    canonical_words,
    clean,
    leftovers,
    markers,
    source,
)
from bot.domain.agency_vocab import ELLIPTIC_HEADS, SEPARATOR_WORDS
from bot.domain.folding import edit_distance, words

__all__ = [
    "KINDS",
    "VAGUE",
    "UNKNOWN",
    "Agency",
    "Group",
    "Role",
    "RoleHolder",
    "Unresolved",
    "Resolution",
    "Lookup",
    "Directory",
    "canonical_key",
]

# commune covers xã, phường, thị trấn and đặc khu; the last five are what post-2025 plans assign too.
KINDS = (
    "province_office",
    "department",
    "board",
    "district",
    "commune",
    "press",
    "other",
    "police",
    "military",
    "vertical",
    "mass_org",
    "steering",
)


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
    # The plan task that hands the role to this holder ("2.I"): it holds from the day that task is recorded
    # done (bot.domain.role_tasks settles it), not from a date fixed in advance.
    since_task: str = ""

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
    agencies: tuple[str, ...] = ()  # agency keys named directly or through a role
    groups: tuple[str, ...] = ()  # group keys
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
            _, _, folded, accented = source(alias)
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

    def _matches(self, cell: Cell) -> list[tuple[int, int, str, str]]:
        """Non-overlapping (first word, last word, kind, key) found in the cell, longest names first."""
        canon = canonical_words(cell.words, cell.accented)
        cw = [c.word for c in canon]
        by_place: dict[tuple[int, int, tuple[str, ...]], list[tuple[int, str, str, bool]]] = {}
        for i, c in enumerate(canon):
            if not c.head:
                continue
            for ws, rank, kind, k, sig in self._index.get(c.word, ()):
                j = i + len(ws) - 1
                if j < len(canon) and canon[j].tail and tuple(cw[i : j + 1]) == ws:
                    same = sig == tuple(x.accented for x in canon[i : j + 1])
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
            elif not any(cell.taken[first : last + 1]):
                cell.taken[first : last + 1] = [True] * (last - first + 1)
                chosen.append((first, last, kind, k))
        for first, last, kind, k in sorted(elliptic):
            # "cấp xã" alone names a level, not a body: only as in "UBND cấp huyện, cấp xã".
            before = first - 1
            while before >= 0 and cell.words[before] in SEPARATOR_WORDS and not cell.taken[before]:
                before -= 1
            if (
                before >= 0
                and cell.taken[before]
                and not any(cell.taken[first : last + 1])
                and not HARD_GAP.search("".join(cell.gap(x) for x in range(before + 1, first + 1)))
            ):
                cell.taken[first : last + 1] = [True] * (last - first + 1)
                chosen.append((first, last, kind, k))
        chosen.sort()
        return chosen

    def resolve(self, cell: str | None, on: date | None = None) -> Resolution:
        """Agencies, groups, roles and unresolved fragments named in a lead or coordinating cell.

        "X chủ trì, phối hợp với Y" in one cell gives X here and Y in ``coordinating``.
        """
        text = unicodedata.normalize("NFC", (cell or "").replace("\n", " ; "))
        _, spans, folded, accented = source(blank_parentheses(text))
        c = Cell(text, spans, folded, accented, [False] * len(spans))
        matches = self._matches(c)
        marker, boundary = markers(c)
        lead = self._part(c, matches, marker, 0, boundary, on)
        if boundary == len(spans):
            return lead
        coord = self._part(c, matches, marker, boundary, len(spans), on)
        return Resolution(lead.agencies, lead.groups, lead.unresolved, lead.roles, coord, lead.replaced)

    def _part(self, c: Cell, matches, marker: list[bool], lo: int, hi: int, on: date | None) -> Resolution:
        agencies: list[str] = []
        groups: list[str] = []
        roles: list[tuple[str, str]] = []
        replaced: list[tuple[str, str]] = []
        unresolved: list[Unresolved] = []
        for first, last, kind, k in matches:
            if not lo <= first < hi:
                continue
            if kind == "successor":
                replaced.append((clean(c.original(first, last)), k))
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
                unresolved.append(Unresolved(clean(c.original(first, last)), VAGUE))
            elif kind == "ambiguous":
                unresolved.append(Unresolved(clean(c.original(first, last)), UNKNOWN))
        unresolved += [Unresolved(t, r) for t, r in leftovers(c, marker, lo, hi, self._province_words)]
        return Resolution(tuple(agencies), tuple(groups), tuple(unresolved), tuple(roles), replaced=tuple(replaced))

    def resolve_pair(
        self, lead_cell: str | None, coordinating_cell: str | None, on: date | None = None
    ) -> tuple[Resolution, Resolution]:
        """The lead and coordinating cells of one row, with "X chủ trì, phối hợp với Y" written in the
        lead cell moved to the coordinating side (what a plan loader wants)."""
        lead = self.resolve(lead_cell, on)
        coord = self.resolve(coordinating_cell, on)
        extra = lead.coordinating
        if extra is not None:
            lead = Resolution(lead.agencies, lead.groups, lead.unresolved, lead.roles, None, lead.replaced)
        for part in (extra, coord.coordinating):
            if part is not None:
                coord = _merge(coord, part)
        return lead, coord

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
        names = [(a, [canonical_key(x) for x in (a.name, a.short, *a.aliases) if x]) for a in self.agencies.values()]
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
    return any(hay[i : i + n] == needle for i in range(len(hay) - n + 1))


def _merge(a: Resolution, b: Resolution) -> Resolution:
    """``a`` and ``b`` together (no repeats), without a coordinating part."""

    def both(x: tuple, y: tuple) -> tuple:
        return x + tuple(v for v in y if v not in x)

    return Resolution(
        both(a.agencies, b.agencies),
        both(a.groups, b.groups),
        both(a.unresolved, b.unresolved),
        both(a.roles, b.roles),
        None,
        both(a.replaced, b.replaced),
    )
