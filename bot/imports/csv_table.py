"""CSV → one table (UTF-8, with or without BOM; comma, semicolon or tab separated)."""

from __future__ import annotations

import csv
from pathlib import Path

from bot.domain.plan_source import SourceDocument, SourceTable, clean_cell
from bot.imports.errors import ImportFileError
from bot.domain.texts import imports as import_texts


def read_csv(path: Path) -> SourceDocument:
    """The rows of ``path``; row labels are the file's line numbers of each record."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(import_texts.ERR_NOT_UTF8.format(file=path)) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(text.splitlines(keepends=True), dialect)
    rows, labels = [], []
    for record in reader:
        if any(c.strip() for c in record):
            rows.append([clean_cell(c) for c in record])
            labels.append(str(reader.line_num))
    width = max((len(r) for r in rows), default=0)
    table = SourceTable(
        name="bảng", rows=tuple(tuple(r + [""] * (width - len(r))) for r in rows), row_labels=tuple(labels)
    )
    return SourceDocument(name=path.name, tables=(table,))
