"""Writing the imported plan tree as a plan file (YAML, multi-line cells as literal blocks)."""

from __future__ import annotations

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


def plan_yaml(tree: dict, source: str) -> str:
    """The plan file text for ``tree``; ``build_plan(yaml.safe_load(text))`` gives the plan back."""
    body = yaml.dump(tree, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return HEADER.format(source=source) + body


def write_plan(tree: dict, path: Path, source: str) -> None:
    """Write the plan file (UTF-8)."""
    path.write_text(plan_yaml(tree, source), encoding="utf-8")
