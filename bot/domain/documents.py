"""Documents cited in notes: "QĐ số 123/QĐ-UBND ngày 15/6/2023"."""

from __future__ import annotations

import re
from datetime import date

_NUMBER = re.compile(r"\b(\d{1,6}(?:/\d{4})?/(?=[0-9A-Za-zĐđ.\-]*[A-Za-zĐđ])[0-9A-Za-zĐđ.\-]+(?:/[0-9A-Za-zĐđ.\-]+)*)")
_DATE = re.compile(r"ng[àa]y\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})", re.IGNORECASE)
_DATE_WORDS = re.compile(r"ng[àa]y\s*(\d{1,2})\s*th[áa]ng\s*(\d{1,2})\s*n[ăa]m\s*(\d{4})", re.IGNORECASE)


def cited_document(note: str) -> dict:
    """{"number": "123/QĐ-UBND", "date": date} for what a note cites; empty when nothing is cited."""
    out: dict = {}
    m = _NUMBER.search(note or "")
    if m:
        out["number"] = m.group(1).rstrip(".-")
    m = _DATE.search(note or "") or _DATE_WORDS.search(note or "")
    if m:
        try:
            out["date"] = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            pass
    return out
