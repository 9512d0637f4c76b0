"""Writing the imported plan tree as a plan file (YAML, multi-line cells as literal blocks)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

HEADER = (
    "# Kế hoạch nhập từ {source} bằng `nhacviec plan import` — xem lại trước khi nạp (`nhacviec init`).\n"
    "# Mã nhiệm vụ: SỐ.MỤC (3.II), dòng con 1.1.II hoặc 2.a.I; bảng không chia mục: 3, 1.1.\n"
    "# `group`: dòng tiêu đề nhóm phía trên các dòng con (chỉ để đọc).\n\n"
)


class _Dumper(yaml.SafeDumper):
    """Safe dumper: literal blocks for multi-line text; keys in the order given."""


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


_DASH = r"\s*(?:-|–|—|den)\s*"
_SPANS = (  # (pattern over the folded title, span as the plan file writes it)
    (re.compile(r"\bgiai doan\s+(\d{4})" + _DASH + r"(\d{4})\b"), "{0}-{1}"),
    (re.compile(r"\b(?:tu\s+)?nam\s+(\d{4})\s+(?:tro di|va (?:nhung|cac) nam tiep theo)\b"), "{0}-"),
    (re.compile(r"\b(?:nam|giai doan)\s+(\d{4})" + _DASH + r"(\d{4})\b"), "{0}-{1}"),
    (re.compile(r"\bnam\s+(\d{4})\b"), "{0}"),
)


def _folded(text: str) -> str:
    s = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d"))
    return " ".join("".join(c for c in s if unicodedata.category(c) != "Mn").split())


def span_from_heading(tree: dict) -> str | None:
    """The plan's span as its title says it: "giai đoạn 2026–2030" → "2026-2030", "từ năm 2027 trở đi" →
    "2027-", "năm 2026" → "2026"; None when the title (or the decision's) names no year."""
    decision = tree.get("decision") or {}
    for text in (tree.get("title"), decision.get("title") if isinstance(decision, dict) else None):
        folded = _folded(str(text or ""))
        for rx, fmt in _SPANS:
            m = rx.search(folded)
            if m and (len(m.groups()) < 2 or int(m.group(1)) <= int(m.group(2))):
                return fmt.format(*m.groups())
    return None


def with_span(tree: dict) -> dict:
    """``tree`` with ``span:`` after ``year:`` when it has none and its heading names one (a plan file
    without ``span:`` keeps the plan year as its span, as the bundled seed does)."""
    if "span" in tree or "period" in tree:
        return tree
    span = span_from_heading(tree)
    if span is None:
        return tree
    out: dict = {}
    for k, v in tree.items():
        out[k] = v
        if k == "year":
            out["span"] = span
    if "span" not in out:
        out["span"] = span
    return out


def plan_yaml(tree: dict, source: str) -> str:
    """The plan file text for ``tree`` (with the ``span:`` its heading names); ``build_plan(yaml.safe_load(
    text))`` gives the plan back."""
    body = yaml.dump(with_span(tree), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return HEADER.format(source=source) + body


def write_plan(tree: dict, path: Path, source: str) -> None:
    """Write the plan file (UTF-8)."""
    path.write_text(plan_yaml(tree, source), encoding="utf-8")
