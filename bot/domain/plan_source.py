"""A document as the importer sees it: plain tables of cell strings and the paragraphs around them.

File readers (``bot/imports/``) build these; ``bot/domain/plan_table.py`` interprets them. Merged cells
arrive already expanded: every cell a merge covers holds the merged text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain.texts import imports as import_texts


@dataclass(frozen=True)
class SourceTable:
    """One table; ``row_labels``/``column_labels`` are the source's own names (xlsx row 12, column C)."""

    name: str  # "bảng 2", "trang tính 'KH'", "bảng 1 (trang 3)"
    rows: tuple[tuple[str, ...], ...]
    before: tuple[str, ...] = ()  # paragraphs between the previous table and this one
    after: tuple[str, ...] = ()  # paragraphs after it, up to the next table
    row_labels: tuple[str, ...] = ()
    column_labels: tuple[str, ...] = ()

    def row_label(self, i: int) -> str:
        return self.row_labels[i] if i < len(self.row_labels) else str(i + 1)

    def column_label(self, j: int) -> str:
        return self.column_labels[j] if j < len(self.column_labels) else str(j + 1)


@dataclass(frozen=True)
class SourceDocument:
    """Every paragraph outside tables, in order, and every table, in order."""

    name: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[SourceTable, ...] = field(default_factory=tuple)


@dataclass
class Problem:
    """A cell (or row, or table) the importer did not understand, and why (Vietnamese)."""

    table: str
    row: str
    column: str
    text: str
    reason: str

    def to_dict(self) -> dict:
        return {"table": self.table, "row": self.row, "column": self.column, "text": self.text, "reason": self.reason}

    @property
    def place(self) -> str:
        """Where in the document it is, in Vietnamese (table, row, column)."""
        out = import_texts.PLACE_TABLE.format(table=self.table) if self.table else import_texts.WHOLE_DOCUMENT
        if self.row:
            out += import_texts.PLACE_ROW.format(row=self.row)
        if self.column:
            out += import_texts.PLACE_COLUMN.format(column=self.column)
        return out


def clean_cell(text: str | None) -> str:
    """A cell's lines stripped, blank lines dropped, joined by newlines (non-breaking spaces as spaces)."""
    if not text:
        return ""
    lines = (line.replace("\u00a0", " ").strip() for line in str(text).splitlines())
    return "\n".join(line for line in lines if line)
