"""Item codes officers type: ``3.II`` for tasks, ``PL1.5`` and ``PL2.II.6`` for the appendices.

The scheme: a task's code is its number *as the plan prints it*, then its section's roman numeral:
``3.II`` (task 3 of section II), ``1.1.II`` (sub-row 1.1 of section II), ``2.a.I`` (sub-row a of task 2
of section I). Sub-numbers keep the plan's own spelling, letters in lower case, roman sections in upper
case. A plan whose table has no sections drops the roman part: ``3``, ``1.1``, ``2.a``.

Parsing accepts any case and separator: ``3.II`` = ``3.ii`` = ``II.3`` = ``3-II`` = ``3 II``;
``1.1.II`` = ``1-1-ii`` = ``II.1.1``; ``2a.I`` = ``2.a.I``.
An unknown or ambiguous code yields suggestions, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from bot.domain.folding import edit_distance, fold

_ROMAN_VALUES = (
    ("M", 1000),
    ("CM", 900),
    ("D", 500),
    ("CD", 400),
    ("C", 100),
    ("XC", 90),
    ("L", 50),
    ("XL", 40),
    ("X", 10),
    ("IX", 9),
    ("V", 5),
    ("IV", 4),
    ("I", 1),
)
_ROMAN_RE = re.compile(r"^[IVXLC]+$")
_SPLIT = re.compile(r"[\s.\-_/:,;]+")


def int_to_roman(n: int) -> str:
    out = []
    for sym, val in _ROMAN_VALUES:
        while n >= val:
            out.append(sym)
            n -= val
    return "".join(out)


def roman_to_int(s: str) -> int | None:
    """Value of a well-formed roman numeral, else None."""
    s = s.upper()
    if not s or not _ROMAN_RE.match(s):
        return None
    total, i = 0, 0
    for sym, val in _ROMAN_VALUES:
        while s.startswith(sym, i):
            total += val
            i += len(sym)
    if i != len(s) or int_to_roman(total) != s:
        return None
    return total


def task_code(number: int | str, section: str) -> str:
    """``3.II``, ``1.1.II``, ``2.a.I``; without a section (a table without sections) just the number."""
    path = str(number).lower()
    return f"{path}.{section.upper()}" if section else path


def review_code(number: int) -> str:
    return f"PL1.{number}"


def inspection_code(group: str, number: int) -> str:
    return f"PL2.{group.upper()}.{number}"


def _tokens(text: str) -> list[str]:
    raw = fold(text).strip().upper()
    raw = re.sub(r"^(PL|PHU ?LUC)\s*", r"PL ", raw)
    toks = [t for t in _SPLIT.split(raw) if t]
    out: list[str] = []
    for t in toks:  # split glued forms such as "3II", "II3", "PL1"
        m = re.fullmatch(r"(\d+)([IVXLC]+)|([IVXLC]+)(\d+)|(PL)(\d+|[IVX]+)|(\d+)([A-Z])", t)
        if m and m.group(7):
            out += [m.group(7), m.group(8)]
        elif m and m.group(1):
            out += [m.group(1), m.group(2)]
        elif m and m.group(3):
            out += [m.group(3), m.group(4)]
        elif m and m.group(5):
            out += ["PL", m.group(6)]
        else:
            out.append(t)
    return out


def _num(tok: str) -> int | None:
    if tok.isdigit():
        return int(tok)
    return roman_to_int(tok)


def canonical(text: str) -> str | None:
    """The canonical spelling of a well-formed code, or None.

    A code whose parts are all numbers ("1.1") is ambiguous and gets None too.
    """
    toks = _tokens(text)
    if not toks:
        return None
    if toks[0] == "PL":
        rest = toks[1:]
        if len(rest) == 2 and _num(rest[0]) == 1 and rest[1].isdigit():
            return review_code(int(rest[1]))
        if len(rest) == 3 and _num(rest[0]) == 2 and rest[2].isdigit():
            group = rest[1] if roman_to_int(rest[1]) else (int_to_roman(int(rest[1])) if rest[1].isdigit() else None)
            if group:
                return inspection_code(group, int(rest[2]))
        return None
    if len(toks) == 2:
        a, b = toks
        if a.isdigit() and roman_to_int(b):
            return task_code(int(a), b)
        if b.isdigit() and roman_to_int(a):
            return task_code(int(b), a)
    return None


@dataclass(frozen=True)
class CodeLookup:
    """Result of looking a typed code up among the plan's codes."""

    typed: str
    code: str | None
    suggestions: tuple[str, ...] = ()


def _part_key(part: str) -> tuple[int, int, str]:
    return (0, int(part), "") if part.isdigit() else (1, 0, part)


def _sort_key(code: str) -> tuple:
    parts = code.split(".")
    if parts[0].startswith("PL"):
        group = roman_to_int(parts[1]) or 0 if len(parts) == 3 else 0
        return (1, parts[0], group, tuple(_part_key(p) for p in parts[-1:]))
    # upper-case roman last part = section ("1.1.II"); lower-case letters are sub-numbers ("2.c")
    if len(parts) > 1 and parts[-1].isupper() and roman_to_int(parts[-1]):
        return (0, roman_to_int(parts[-1]), tuple(_part_key(p) for p in parts[:-1]))
    return (0, 0, tuple(_part_key(p) for p in parts))


def sort_codes(codes: Iterable[str]) -> list[str]:
    """Plan order: tasks by section then number, then appendix items."""
    return sorted(codes, key=_sort_key)


def _structure(code: str) -> tuple[str, int, int] | None:
    """(family, group, number) of a canonical code, for nearness."""
    parts = code.split(".")
    if parts[0] == "PL1" and len(parts) == 2 and parts[1].isdigit():
        return ("PL1", 0, int(parts[1]))
    if parts[0] == "PL2" and len(parts) == 3 and parts[2].isdigit():
        return ("PL2", roman_to_int(parts[1]) or 0, int(parts[2]))
    if len(parts) == 2 and parts[0].isdigit() and parts[1].isupper():
        sec = roman_to_int(parts[1])
        return ("T", sec, int(parts[0])) if sec else None
    return None


def _spellings(toks: list[str]) -> list[str]:
    """The codes a typed token list may mean, upper case: ``1 1 II`` → ``1.1.II``; ``II 1 1`` too."""
    if not toks:
        return []
    if toks[0] == "PL":  # an appendix task table: PL3.2, PL1.1.II
        n = _num(toks[1]) if len(toks) > 2 else None
        return [f"PL{n}." + ".".join(toks[2:])] if n else []
    out = [".".join(toks)]
    if len(toks) > 2 and roman_to_int(toks[0]) and toks[1].isdigit():  # section typed first
        out.append(".".join(toks[1:] + toks[:1]))
    return out


def lookup(typed: str, known: Iterable[str], limit: int = 3) -> CodeLookup:
    known_set = {k.upper(): k for k in known}
    canon = canonical(typed)
    if canon and canon.upper() in known_set:
        return CodeLookup(typed, known_set[canon.upper()])
    toks = _tokens(typed)
    for spelling in _spellings(toks):  # sub-numbered and section-less codes
        if spelling in known_set:
            return CodeLookup(typed, known_set[spelling])
    if len(toks) >= 2 and toks[0].isdigit() and not (canon and _structure(canon)):
        prefix = ".".join(toks[:-1])  # "2.3" unknown: the rows under 2 ("2", "2.1", "2.2")
        siblings = [
            k for k in sort_codes(known_set.values()) if k.upper() == prefix or k.upper().startswith(prefix + ".")
        ]
        if siblings:
            return CodeLookup(typed, None, tuple(siblings[: max(limit, 4)]))
    toks = _tokens(typed)
    ordered = sort_codes(known_set.values())
    # "1.1", "6" or "PL2.6": every code ending in that number is a candidate.
    if toks and all(t.isdigit() for t in toks[1:]) and (toks[0] == "PL" or toks[0].isdigit()):
        family = {("PL", "1"): "PL1.", ("PL", "2"): "PL2."}.get((toks[0], toks[1]) if len(toks) > 1 else ("", ""), "")
        n = toks[-1]
        if toks[0] != "PL" or family:
            cands = [
                k
                for k in ordered
                if k.startswith(family) and (k.split(".")[-1] == n if family else k.split(".")[0] == n)
            ]
            if cands and (family or len(toks) <= 2):
                return CodeLookup(typed, None, tuple(cands[: max(limit, 4)]))
    want = _structure(canon) if canon else None
    if want:
        scored = []
        for k in ordered:
            have = _structure(k)
            if have and have[0] == want[0]:
                d = abs(have[1] - want[1]) + abs(have[2] - want[2])
                if d <= 2:
                    scored.append((d, k))
        scored.sort(key=lambda x: x[0])
        return CodeLookup(typed, None, tuple(k for _, k in scored[:limit]))
    probe = ".".join(toks)
    if not probe:
        return CodeLookup(typed, None, ())
    scored2 = sorted(((edit_distance(probe, k.upper()), i, k) for i, k in enumerate(ordered)))
    best = [k for d, _, k in scored2 if d <= max(1, len(probe) // 3)]
    return CodeLookup(typed, None, tuple(best[:limit]))
