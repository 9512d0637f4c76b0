"""File readers for ``plan import``: a signed plan as DOCX, XLSX, CSV or a digital PDF → plain tables.

Adapters only: each turns one file format into a ``bot.domain.plan_source.SourceDocument``; the
interpretation is the pure ``bot.domain.plan_table.interpret``.
"""

from __future__ import annotations

from pathlib import Path

from bot.domain.plan_source import SourceDocument
from bot.domain.texts import imports as import_texts


from bot.imports.errors import ImportFileError

__all__ = ["ImportFileError", "read_document"]


def read_document(path: Path | str) -> SourceDocument:
    """The tables and paragraphs of ``path``, chosen by its extension (.docx, .xlsx, .csv, .pdf)."""
    p = Path(path)
    if not p.is_file():
        raise ImportFileError(import_texts.ERR_NOT_FOUND.format(file=p))
    suffix = p.suffix.lower()
    try:
        if suffix == ".docx":
            from bot.imports.docx_table import read_docx  # each reader loads its own heavy library

            return read_docx(p)
        if suffix in (".xlsx", ".xlsm"):
            from bot.imports.xlsx_table import read_xlsx  # each reader loads its own heavy library

            return read_xlsx(p)
        if suffix == ".csv":
            from bot.imports.csv_table import read_csv  # each reader loads its own heavy library

            return read_csv(p)
        if suffix == ".pdf":
            from bot.imports.pdf_table import read_pdf  # each reader loads its own heavy library

            return read_pdf(p)
    except ImportFileError:
        raise
    except Exception as e:  # a corrupt or mislabelled file: every library fails its own way
        raise ImportFileError(import_texts.ERR_UNREADABLE.format(file=p, detail=type(e).__name__)) from e
    raise ImportFileError(import_texts.ERR_FORMAT.format(file=p, suffix=suffix or "(không có)"))
