"""XLSX → one table per worksheet (openpyxl); merged ranges repeat their top-left value."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from bot.domain.plan_source import SourceDocument, SourceTable, clean_cell


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (datetime, date)):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_cell(str(value))


def read_xlsx(path: Path) -> SourceDocument:
    """Every worksheet of ``path`` as a table named after the sheet; rows keep the sheet's numbers."""
    book = openpyxl.load_workbook(str(path), data_only=True)
    tables = []
    try:
        for ws in book.worksheets:
            grid = [[_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
            for rng in ws.merged_cells.ranges:
                top = grid[rng.min_row - 1][rng.min_col - 1] if rng.min_row - 1 < len(grid) else ""
                for r in range(rng.min_row - 1, min(rng.max_row, len(grid))):
                    for c in range(rng.min_col - 1, min(rng.max_col, len(grid[r]))):
                        grid[r][c] = top
            keep = [i for i, row in enumerate(grid) if any(row)]
            if not keep:
                continue
            width = max(len(grid[i]) for i in keep)
            rows = tuple(tuple(grid[i] + [""] * (width - len(grid[i]))) for i in keep)
            tables.append(
                SourceTable(
                    name=f"trang tính “{ws.title}”",
                    rows=rows,
                    row_labels=tuple(str(i + 1) for i in keep),
                    column_labels=tuple(get_column_letter(j + 1) for j in range(width)),
                )
            )
    finally:
        book.close()
    return SourceDocument(name=path.name, tables=tuple(tables))
