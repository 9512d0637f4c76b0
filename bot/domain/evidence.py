"""Evidence of a closing (issue 14 §4): a file sent with `/xong 3.II`, or the number and date of the document
an item's expected product is (a decision, a scheme, a regulation...). Pure: the vocabulary, the checks and
the record read back; the store keeps the records, the core asks the questions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.documents import cited_document
from bot.domain.folding import fold, key

# Products that are documents with a number and a date ("Quyết định của Chủ tịch UBND tỉnh", "Đề án được
# phê duyệt"...): /xong on such an item asks for the document before recording. Folded phrases.
DOCUMENT_PRODUCTS = (
    "quyet dinh",
    "de an",
    "quy dinh",
    "quy che",
    "ke hoach",
    "chi thi",
    "nghi quyet",
    "thong bao ket luan",
)

# Answers that decline the question ("không", "hủy", "thôi"): the item stays open.
DECLINE_WORDS = frozenset({"khong", "k", "ko", "huy", "thoi", "bo qua", "dung", "no", "cancel"})

FILE = "file"  # a document or photo sent through a channel
DOCUMENT = "document"  # a document's number and date, typed


@dataclass(frozen=True)
class EvidenceIn:
    """What a closing brings as evidence: a file (channel id, name, size, type, where it was stored) and/or
    the cited document's number and date."""

    kind: str  # file | document
    file_id: str = ""
    name: str = ""
    size: int = 0
    mime: str = ""
    path: str = ""  # where the file was stored ("" when only its id is kept)
    number: str = ""
    document_date: date | None = None


@dataclass(frozen=True)
class Evidence:
    """One kept piece of evidence, as /xem and the workbook show it."""

    id: int
    assignment_id: int
    agency: str
    kind: str
    name: str
    size: int
    at: datetime
    actor: str
    number: str = ""
    document_date: date | None = None
    stored: bool = False


def needs_document(product: str) -> bool:
    """Whether an item's expected product is a document with a number and date (folded, whole words)."""
    text = f" {key(product or '')} "
    return any(f" {p} " in text for p in DOCUMENT_PRODUCTS)


def document_of(text: str) -> EvidenceIn | None:
    """The document a text cites with both its number and its date ("số 12/QĐ-UBND ngày 5/6/2023"); None
    when either is missing."""
    cited = cited_document(text)
    if "number" not in cited or "date" not in cited:
        return None
    return EvidenceIn(DOCUMENT, number=cited["number"], document_date=cited["date"])


def declined(text: str) -> bool:
    """A plain "không" / "hủy" / "thôi": the question is answered with no."""
    return key(text) in DECLINE_WORDS


def size_text(size: int) -> str:
    """A file's size as people read it: "120 KB", "1,5 MB" ("" when unknown)."""
    if size <= 0:
        return ""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def safe_name(name: str, fallback: str) -> str:
    """A file name fit for a directory: folded letters, digits, dots and dashes, at most 80 characters."""
    folded = "".join(c if c.isalnum() or c in ".-_" else "-" for c in fold(name or ""))
    folded = "-".join(p for p in folded.split("-") if p.strip(".")).strip(".-")
    return (folded or fallback)[-80:]
