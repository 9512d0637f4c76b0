"""Evidence files kept on disk (issue 14 §4, when EVIDENCE_STORE_FILES allows): one file per piece of
evidence in the configured directory, written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

from bot.domain.evidence import safe_name


def save(directory: str | Path, unique: str, name: str, data: bytes) -> str:
    """Write ``data`` as ``<unique>-<safe name>`` in ``directory`` (created when missing); the path written.
    A partial file never stays: it is written beside and renamed into place."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{safe_name(unique, 'tep')[:40]}-{safe_name(name, 'tep')}"
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, target)
    return str(target)
