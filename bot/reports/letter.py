"""A draft "công văn đôn đốc" laid out as Decree 30/2020/NĐ-CP asks; the coordinator edits and signs it."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from bot.domain.texts import letter as L
from bot.domain.texts import vn_date


@dataclass(frozen=True)
class OverdueLine:
    code: str
    content: str
    deadline_text: str
    due: date
    product: str


FONT = "Times New Roman"


def _para(doc_or_cell, text: str = "", *, bold=False, italic=False, size=13, align=None, space_after=0,
          first_indent=None):
    paragraphs = getattr(doc_or_cell, "paragraphs", [])
    fresh_cell = hasattr(doc_or_cell, "merge") and len(paragraphs) == 1 and not paragraphs[0].runs
    p = paragraphs[0] if fresh_cell else doc_or_cell.add_paragraph()   # a table cell starts with one empty paragraph
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.space_before = Pt(0)
    if first_indent is not None:
        p.paragraph_format.first_line_indent = first_indent
    run = p.add_run(text)
    run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), FONT
    return p


def _widths(table, widths) -> None:
    """Column widths as Word and LibreOffice both read them (the grid and every cell)."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
        for cell in column.cells:
            cell.width = width


def reminder_letter(*, province: str, plan_title: str, plan_year: int, decision: str, today: date,
                    agencies: list[tuple[str, list[OverdueLine]]]) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)

    head = doc.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(head, (Cm(6.5), Cm(10)))
    left, right = head.rows[0].cells
    _para(left, L.ISSUER_PARENT.format(province=province.upper()), size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, L.ISSUER, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, "────────", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, L.NUMBER, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, L.SUBJECT.format(year=plan_year), size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, L.NATION, bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, L.MOTTO, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, "───────────────", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, L.PLACE_DATE.format(province=province), italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    _para(doc, "", space_after=6)
    names = [name for name, _ in agencies]
    if len(names) == 1:
        _para(doc, f"{L.TO} {names[0]}.", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    else:
        _para(doc, L.TO, align=WD_ALIGN_PARAGRAPH.CENTER)
        for i, name in enumerate(names):
            _para(doc, f"- {name}{'.' if i == len(names) - 1 else ';'}", align=WD_ALIGN_PARAGRAPH.CENTER)
        _para(doc, "", space_after=6)

    _para(doc, L.OPENING.format(title=plan_title, decision=decision, date=vn_date(today)),
          align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_indent=Cm(1), space_after=6)
    for name, lines in agencies:
        _para(doc, f"{name} ({len(lines)} {L.ITEMS})", bold=True, space_after=3, first_indent=Cm(1))
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, L.TABLE_HEADERS):
            _para(cell, text, bold=True, size=11, align=WD_ALIGN_PARAGRAPH.CENTER)
        for line in lines:
            cells = table.add_row().cells
            values = (line.code, " ".join(line.content.split()), line.deadline_text,
                      L.DAYS_LATE.format(n=(today - line.due).days, due=vn_date(line.due)),
                      " ".join(line.product.split()))
            for cell, text in zip(cells, values):
                _para(cell, text, size=11)
        _widths(table, (Cm(1.4), Cm(6.6), Cm(2.9), Cm(2.5), Cm(3.1)))
        _para(doc, "", space_after=6)
    _para(doc, L.REQUEST, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_indent=Cm(1), space_after=12)

    foot = doc.add_table(rows=1, cols=2)
    _widths(foot, (Cm(7.5), Cm(9)))
    left, right = foot.rows[0].cells
    _para(left, L.RECIPIENTS, bold=True, italic=True, size=12)
    for line in L.RECIPIENT_LINES:
        _para(left, line, size=11)
    for line, bold in L.SIGNATURE:
        _para(right, line, bold=bold, align=WD_ALIGN_PARAGRAPH.CENTER)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
