"""Digital PDF → tables and text lines (pdfplumber, ruled tables).

A merged cell is one cell to pdfplumber: the grid cells it covers come back as None. A row whose
only text is in its first cell (a section row "I. …" across the table) repeats it to the right; any
other None repeats the cell above (a "Ghi chú" merged down several rows).
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from bot.domain.plan_source import SourceDocument, SourceTable, clean_cell
from bot.domain.texts import imports as import_texts
from bot.imports.errors import ImportFileError


def _unwrap(text: str | None) -> str:
    """Lines the PDF wrapped are joined; a line starting with a bullet ("- ", "+ ") starts a new line."""
    lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip()]
    out: list[str] = []
    for ln in lines:
        if out and not ln.startswith(("- ", "+ ", "– ", "• ")):
            out[-1] += " " + ln
        else:
            out.append(ln)
    return "\n".join(out)


def _fill(table, above: list[str] | None) -> list[list[str]]:
    """Cells of a pdfplumber table with merges expanded, using each cell's box to tell across from down."""
    texts = table.extract()
    boxes = [row.cells for row in table.rows]
    width = max((len(r) for r in boxes), default=0)
    centers: list[float | None] = [None] * width
    for row in boxes:
        for j, box in enumerate(row):
            if box is not None and centers[j] is None and j + 1 < len(row) and row[j + 1] is not None:
                centers[j] = (box[0] + box[2]) / 2
            elif box is not None and centers[j] is None and j + 1 == len(row):
                centers[j] = (box[0] + box[2]) / 2
    out: list[list[str]] = []
    for i, row in enumerate(texts):
        filled: list[str] = []
        for j, c in enumerate(row):
            if c is not None:
                filled.append(clean_cell(_unwrap(c)))
                continue
            left = next((k for k in range(j - 1, -1, -1) if boxes[i][k] is not None), None)
            x = centers[j]
            if left is not None and x is not None and boxes[i][left][2] > x:
                filled.append(filled[left])  # covered by a cell merged across
            else:
                prev = out[-1] if out else above
                filled.append(prev[j] if prev and j < len(prev) else "")
        out.append(filled)
    return out


def read_pdf(path: Path) -> SourceDocument:
    """Every ruled table of every page, in order; text outside tables as paragraphs (one per line)."""
    paragraphs: list[str] = []
    tables: list[SourceTable] = []
    pending: list[str] = []
    last: list[str] | None = None
    with pdfplumber.open(str(path)) as pdf:
        for page_no, page in enumerate(pdf.pages, 1):
            found = sorted(page.find_tables(), key=lambda t: t.bbox[1])
            top = 0.0
            for t in found:
                region = page.crop((0, top, page.width, t.bbox[1])) if t.bbox[1] > top else None
                lines = [ln.strip() for ln in (region.extract_text() or "").splitlines()] if region else []
                lines = [ln for ln in lines if ln]
                paragraphs += lines
                pending += lines
                rows = _fill(t, last if not lines else None)
                width = max((len(r) for r in rows), default=0)
                tables.append(
                    SourceTable(
                        name=f"bảng {len(tables) + 1} (trang {page_no})",
                        rows=tuple(tuple(r + [""] * (width - len(r))) for r in rows),
                        before=tuple(pending),
                        row_labels=tuple(f"{i + 1} (trang {page_no})" for i in range(len(rows))),
                    )
                )
                last = rows[-1] if rows else None
                pending = []
                top = t.bbox[3]
            rest = page.crop((0, top, page.width, page.height)) if top < page.height else None
            lines = [ln.strip() for ln in ((rest.extract_text() if rest else "") or "").splitlines() if ln.strip()]
            paragraphs += lines
            pending += lines
    if not tables and not any(paragraphs):
        raise ImportFileError(import_texts.ERR_PDF_SCANNED.format(file=path))
    out = [
        SourceTable(
            t.name, t.rows, t.before, tables[i + 1].before if i + 1 < len(tables) else tuple(pending), t.row_labels
        )
        for i, t in enumerate(tables)
    ]
    return SourceDocument(name=path.name, paragraphs=tuple(paragraphs), tables=tuple(out))
