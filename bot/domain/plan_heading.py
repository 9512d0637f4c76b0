"""The plan's metadata from the document's own heading: issuer, province, number, date, title, signer.

Understands the layout of Decree 30/2020/NĐ-CP documents: "UBND TỈNH X" / "ỦY BAN NHÂN DÂN TỈNH X",
"Số: 617/KH-UBND", "X, ngày 01 tháng 12 năm 2025", "QUYẾT ĐỊNH" + its subject line, "KẾ HOẠCH" + its
title line, "CHỦ TỊCH" + the signer's name; and running text such as
"Kế hoạch số 617/KH-UBND ngày 01/12/2025".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.domain.folding import fold, key

_ISSUER = re.compile(r"^(?:ubnd|uy ban nhan dan)\s+(tinh|thanh pho)\s+(.+)$")
_MINISTRY = re.compile(r"^(bo|co quan)\s+\S+")
_NUMBER = re.compile(r"\bsố\s*:?\s*([0-9][\w.]*)?\s*/\s*((?:QĐ|KH|QD)-[\wĐ-]+)", re.IGNORECASE)
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_DATE_SLASH = re.compile(r"ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", re.IGNORECASE)
_DATE_BLANK = re.compile(r"ngày[\s.…]*tháng\s+\d{1,2}\s+năm\s+\d{4}", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^[^,\n]{2,40},\s*ngày", re.IGNORECASE)
_YEAR = re.compile(r"\bnăm\s+(\d{4})\b|\b(20\d\d)\b", re.IGNORECASE)
_NAME = re.compile(r"^(?:[A-ZÀ-ỸĐ][a-zà-ỹđ]+\s+){1,4}[A-ZÀ-ỸĐ][a-zà-ỹđ]+$")


@dataclass(frozen=True)
class Heading:
    """What the heading says; empty strings and None where it says nothing."""

    province: str = ""
    issuer: str = ""
    kind: str = ""  # "QĐ" (a decision issuing the plan) or "KH" (the plan itself)
    number: str = ""  # "617/KH-UBND"; "" when the number is left blank
    date: date | None = None
    date_text: str = ""
    decision_title: str = ""  # "Ban hành Kế hoạch …" (decisions only)
    title: str = ""  # "Kế hoạch kiểm soát thủ tục hành chính … năm 2023 …"
    signer: str = ""
    year: int | None = None

    @property
    def plan_id(self) -> str:
        """ "hai-duong-2023": the province (or issuer) folded to a slug, and the year."""
        base = "-".join(key(self.province or self.issuer).split()) or "ke-hoach"
        return f"{base}-{self.year}" if self.year else base


def _title_words(text: str) -> str:
    return " ".join(w.capitalize() for w in text.split())


def _sentence(text: str, keep: tuple[str, ...]) -> str:
    """An all-capitals heading line in sentence case, with ``keep`` (proper names) restored."""
    if text != text.upper():
        return text
    out = text.lower()
    for name in keep:
        if name:
            out = re.sub(re.escape(name.lower()), name, out)
    return out[:1].upper() + out[1:]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() or len(text) < 2 else text


def read_heading(paragraphs: list[str] | tuple[str, ...]) -> Heading:
    """The metadata found in ``paragraphs`` (the document's text outside the plan tables, in order)."""
    paras = [p.strip() for p in paragraphs if p and p.strip()]
    folded = [key(p) for p in paras]
    province = issuer = kind = number = date_text = decision_title = title = signer = ""
    when: date | None = None
    for i, f in enumerate(folded):
        if not issuer:
            probe = f if not (f in ("ubnd", "uy ban nhan dan") and i + 1 < len(folded)) else f + " " + folded[i + 1]
            probe = probe.split(" cong hoa ")[0]  # a PDF line carries the national motto beside it
            m = _ISSUER.match(probe)
            if m:
                raw = paras[i] if probe == f else paras[i] + " " + paras[i + 1]
                raw = re.split(r"\s+CỘNG\s+H[ÒO]A", raw, flags=re.IGNORECASE)[0]
                words = raw.split()
                n_tail = len(m.group(2).split())
                province = _title_words(" ".join(words[-n_tail:]))
                issuer = f"UBND {'tỉnh' if m.group(1) == 'tinh' else 'thành phố'} {province}"
            elif _MINISTRY.match(f) and f == fold(paras[i]).strip().lower() and paras[i].isupper() and i < 3:
                issuer = paras[i][:1] + paras[i][1:].lower()
        if f == "quyet dinh" and not kind:
            kind = "QĐ"
            decision_title = paras[i + 1] if i + 1 < len(paras) else ""
        elif f == "ke hoach" and not title:
            kind = kind or "KH"
            if i + 1 < len(paras):
                title = "Kế hoạch " + _lower_first(_sentence(paras[i + 1], (province, f"tỉnh {province}")))
        if not signer and f in ("chu tich", "kt chu tich", "tm uy ban nhan dan chu tich", "tm ubnd chu tich"):
            for name in paras[i + 1 : i + 4]:
                if _NAME.match(name):
                    role = "Chủ tịch" if f == "chu tich" else "Phó Chủ tịch" if "kt" in f else "Chủ tịch"
                    where = issuer.replace(f" {province}", "") if issuer.startswith("UBND") else issuer
                    signer = f"{role} {where} {name}".strip()
                    break
    for p in paras:  # the first "Số: …/QĐ-…" wins, even when its number is left blank
        m = _NUMBER.search(p)
        if m:
            number = f"{m.group(1)}/{m.group(2)}" if m.group(1) else ""
            break
    # the place-and-date line ("Hải Dương, ngày … tháng … năm …") first, then any date in the text
    for p in sorted(paras, key=lambda q: not _PLACE_DATE.match(q)):
        if not date_text:
            m = _DATE_WORDS.search(p) or _DATE_SLASH.search(p)
            if m:
                d, mo, y = (int(x) for x in m.groups())
                try:
                    when = date(y, mo, d)
                except ValueError:
                    when = None
                date_text = m.group(0)
            else:
                m = _DATE_BLANK.search(p)
                if m:
                    date_text = m.group(0)
    if not title and decision_title:
        t = re.sub(r"^ban hành\s+", "", decision_title, flags=re.IGNORECASE)
        title = t[:1].upper() + t[1:]
    year = None
    for text in (title, decision_title, date_text):
        m = _YEAR.search(text or "")
        if m:
            year = int(m.group(1) or m.group(2))
            break
    return Heading(
        province=province,
        issuer=issuer,
        kind=kind,
        number=number,
        date=when,
        date_text=date_text,
        decision_title=decision_title,
        title=title,
        signer=signer,
        year=year,
    )
