"""The plan file (data/plans/*.yaml) read into a domain ``Plan``."""

from __future__ import annotations

from pathlib import Path

from bot.domain.plan import Plan, PlanFileError, build_plan
from bot.files.yaml_tree import DataFileError, read_tree


def load_plan(path: Path | str) -> Plan:
    """The plan in ``path``; a malformed file raises ``DataFileError`` naming the line."""
    tree = read_tree(path)
    try:
        return build_plan(tree)
    except PlanFileError as e:
        raise DataFileError(path, e.message, e.line) from None
