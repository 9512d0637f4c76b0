"""The agency directory and the resolver for lead / coordinating cells.

A cell such as "Các Sở; UBND cấp huyện và các cơ quan, đơn vị có liên quan" becomes
canonical agencies, groups (expanded to their members) and unresolved fragments.
Names are matched accent-, case- and punctuation-insensitively, longest name first,
so separators inside names ("Lao động, Thương binh và Xã hội") never split them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from bot.domain.text import edit_distance, fold, key, words

KINDS = ("province_office", "department", "board", "district", "commune", "press", "other")

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


@dataclass(frozen=True)
class Lookup:
    """A user's agency query: one match, or candidates to choose from."""

    query: str
    agency: Agency | None = None
    candidates: tuple[Agency, ...] = ()


_FILLER = frozenset("co lien quan cac va tinh cua khac duoc giao o tai".split())
_SEPARATORS = re.compile(r"[;,\n]|(?:^|\s)-\s|\bva\b|\bvà\b")


def _pattern(alias: str) -> str:
    ws = [re.escape(w) for w in words(alias)]
    return r"(?<![a-z0-9])" + r"[\W_]+".join(ws) + r"(?![a-z0-9])"


def _blank_parentheses(text: str) -> str:
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), text)


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
    def _patterns(self) -> list[tuple[re.Pattern, str, str]]:
        """(regex, target kind, target key), longest alias first."""
        entries: list[tuple[str, str, str]] = []
        for a in self.agencies.values():
            for alias in (a.name, a.short, *a.aliases):
                if alias:
                    entries.append((alias, "agency", a.key))
        for g in self.groups.values():
            for alias in (g.name, *g.aliases):
                entries.append((alias, "group", g.key))
        for r in self.roles.values():
            for alias in (r.name, *r.aliases):
                entries.append((alias, "role", r.key))
        for v in self.vague:
            entries.append((v, "vague", v))
        entries = [e for e in entries if words(e[0])]
        entries.sort(key=lambda e: -len(key(e[0])))
        return [(re.compile(_pattern(alias)), kind, k) for alias, kind, k in entries]

    def resolve(self, cell: str | None, on: date | None = None) -> Resolution:
        text = unicodedata.normalize("NFC", (cell or "").replace("\n", " ; "))
        folded = fold(_blank_parentheses(text))
        taken = [False] * len(folded)
        found: list[tuple[int, str, str, str]] = []
        for rx, kind, k in self._patterns:
            for m in rx.finditer(folded):
                if any(taken[m.start():m.end()]):
                    continue
                for i in range(m.start(), m.end()):
                    taken[i] = True
                found.append((m.start(), kind, k, text[m.start():m.end()]))
        found.sort()
        agencies: list[str] = []
        groups: list[str] = []
        roles: list[tuple[str, str]] = []
        unresolved: list[Unresolved] = []
        for _, kind, k, original in found:
            if kind == "agency" and k not in agencies:
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
                unresolved.append(Unresolved(_clean(original), VAGUE))
        rest = "".join(" " if t else c for c, t in zip(_blank_parentheses(text), taken))
        for frag in _SEPARATORS.split(rest):
            if frag and set(words(frag)) - _FILLER:
                unresolved.append(Unresolved(_clean(frag), UNKNOWN))
        return Resolution(tuple(agencies), tuple(groups), tuple(unresolved), tuple(roles))

    # ---- user lookup -------------------------------------------------------------
    def lookup(self, query: str) -> Lookup:
        q = key(query)
        if not q:
            return Lookup(query)
        names = [(a, [key(x) for x in (a.name, a.short, *a.aliases) if x]) for a in self.agencies.values()]
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
