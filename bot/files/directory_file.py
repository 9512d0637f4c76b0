"""The agency directory file (data/agencies/*.yaml) read into a domain ``Directory``."""

from __future__ import annotations

from pathlib import Path

from bot.domain.agencies import Directory
from bot.domain.directory_build import build_directory
from bot.domain.plan import PlanFileError
from bot.files.yaml_tree import DataFileError, read_tree


def load_directory(path: Path | str) -> Directory:
    """The directory in ``path``; a malformed file raises ``DataFileError`` naming the line."""
    tree = read_tree(path)
    try:
        return build_directory(tree)
    except PlanFileError as e:
        raise DataFileError(path, e.message, e.line) from None
