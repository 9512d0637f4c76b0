"""DOCX → tables and paragraphs (python-docx); merged cells repeat their text in every grid cell."""

from __future__ import annotations

from pathlib import Path

import docx

from bot.domain.plan_source import SourceDocument, SourceTable, clean_cell


def read_docx(path: Path) -> SourceDocument:
    """Every body paragraph and table of ``path``, in order."""
    document = docx.Document(str(path))
    paragraphs: list[str] = []
    tables: list[SourceTable] = []
    pending: list[str] = []  # paragraphs since the previous table
    raw: list[tuple[list[list[str]], list[str]]] = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            rows = []
            for row in block.rows:
                seen: dict[int, str] = {}
                rows.append([seen.setdefault(id(c._tc), clean_cell(c.text)) for c in row.cells])
            raw.append((rows, pending))
            pending = []
        else:
            text = block.text.strip()
            if text:
                paragraphs.append(text)
                pending.append(text)
    for n, (rows, before) in enumerate(raw):
        after = raw[n + 1][1] if n + 1 < len(raw) else pending
        width = max((len(r) for r in rows), default=0)
        cells = tuple(tuple(r + [""] * (width - len(r))) for r in rows)
        tables.append(SourceTable(name=f"bảng {n + 1}", rows=cells, before=tuple(before), after=tuple(after)))
    return SourceDocument(name=path.name, paragraphs=tuple(paragraphs), tables=tuple(tables))
