"""A draft "công văn đôn đốc" laid out as Decree 30/2020/NĐ-CP asks; the coordinator edits and signs it.

The layout: issuer and national motto, number/symbol, "V/v" subject, place and date; "Kính gửi:" with the
recipients' dashes aligned in a left-indented block; the body citing the plan as it was issued; "Nơi
nhận" and the signature block from the plan's letter settings; page numbers from page 2 (centred in the
header, a different first page); the overdue items in an attached "Phụ lục: Danh mục nhiệm vụ quá hạn",
cited as the plan cites them. What the clerk must fill in (the number, a date the plan file lacks, the
reply date, the signer's name) is a yellow-highlighted placeholder.

``office_list`` is the coordinating office's own overdue work, listed for its head (internal).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from bot.domain.codes import int_to_roman
from bot.domain.report_data import PlanMeta, issuer_symbol
from bot.domain.texts import letter as letter_texts
from bot.domain.texts import vn_date


@dataclass(frozen=True)
class OverdueLine:
    code: str
    citation: str  # "Mục I, nhiệm vụ 3", "Phụ lục I, STT 5"
    content: str  # the plan's own words
    deadline_text: str
    due: date
    product: str  # the plan's words, or "(Kế hoạch không nêu)"
    periods: tuple[str, ...] = ()  # recurring work: the periods not reported ("quý I/2023", …), oldest first

    @property
    def deadline_cell(self) -> str:
        """The plan's deadline, and for recurring work the periods missed ("Các kỳ chưa báo cáo: …")."""
        if not self.periods:
            return self.deadline_text
        return f"{self.deadline_text}\n" + letter_texts.MISSED_PERIODS.format(labels=", ".join(self.periods))


FONT = "Times New Roman"
Segment = tuple[str, bool]  # (text, highlighted for the clerk)
TO_INDENT, TO_HANG = Cm(4.5), Cm(2.3)


def _para(
    doc_or_cell,
    text: str | list[Segment] = "",
    *,
    bold=False,
    italic=False,
    size=13,
    align=None,
    space_after=0,
    first_indent=None,
    left_indent=None,
):
    paragraphs = getattr(doc_or_cell, "paragraphs", [])
    fresh_cell = hasattr(doc_or_cell, "merge") and len(paragraphs) == 1 and not paragraphs[0].runs
    p = paragraphs[0] if fresh_cell else doc_or_cell.add_paragraph()  # a table cell starts with one empty paragraph
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.space_before = Pt(0)
    if left_indent is not None:
        p.paragraph_format.left_indent = left_indent
    if first_indent is not None:
        p.paragraph_format.first_line_indent = first_indent
    for chunk, marked in [(text, False)] if isinstance(text, str) else text:
        run = p.add_run(chunk)
        run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), FONT
        if marked:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return p


def _widths(table, widths) -> None:
    """Column widths as Word and LibreOffice both read them (the grid and every cell)."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _document():
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    return doc


def _page_numbers(doc) -> None:
    """A centred PAGE field in the header of every page but the first."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    p._p.append(field)


def _sentence_case_plan(title: str) -> str:
    """ "kế hoạch …" → "Kế hoạch …": the plan's name is capitalised wherever it is cited."""
    return "K" + title[1:] if title[:8].lower() == "kế hoạch" else title


def _topic(title: str) -> str:
    """The plan's subject: its title without "Kế hoạch" nor "trên địa bàn …"."""
    t = re.sub(r"^\s*kế hoạch\s+", "", title, flags=re.IGNORECASE)
    return re.split(r"\s+trên địa bàn\b", t)[0].strip()


def _missing_date(plan: PlanMeta) -> str:
    text = re.sub(r"\s{2,}", " … ", plan.decision_date_text or "").strip()
    text = re.sub(r"^ngày\s+", "", text)
    return text if text.startswith("…") else (text or letter_texts.DATE_MISSING.format(year=plan.year))


def plan_citation(plan: PlanMeta) -> list[Segment]:
    """The plan as it was issued, with a highlighted placeholder for a missing number or date."""
    s = plan.settings
    symbol = issuer_symbol(plan.province, plan.issuer) or letter_texts.SYMBOL_MISSING
    number: Segment = (
        (plan.decision_number, False)
        if plan.decision_number
        else (letter_texts.NUMBER_MISSING[plan.issued_as].format(symbol=symbol), True)
    )
    when: Segment = (vn_date(plan.decision_date), False) if plan.decision_date else (_missing_date(plan), True)
    if plan.issued_as == "Kế hoạch":
        head, tail = letter_texts.PLAN_DIRECT.format(
            number="\0", date="\1", issuer_body=s.issuer_body, topic=_topic(plan.title)
        ).split("\0")
    else:
        head, tail = letter_texts.PLAN_BY_DECISION.format(
            title=_sentence_case_plan(plan.title), number="\0", date="\1", leader=s.leader
        ).split("\0")
    middle, tail = tail.split("\1")
    return [(head, False), number, (middle, False), when, (tail, False)]


def _heading(doc, plan: PlanMeta, today: date) -> None:
    s = plan.settings
    head = doc.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(head, (Cm(6.5), Cm(10)))
    left, right = head.rows[0].cells
    _para(left, s.parent, size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, s.unit, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, "────────", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, letter_texts.NUMBER.format(symbol=s.symbol), align=WD_ALIGN_PARAGRAPH.CENTER)
    topic = _topic(plan.title)
    _para(
        left,
        letter_texts.SUBJECT.format(topic=topic) if topic else letter_texts.SUBJECT_DEFAULT.format(year=plan.year),
        size=12,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    _para(right, letter_texts.NATION, bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, letter_texts.MOTTO, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, "───────────────", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(
        right,
        letter_texts.PLACE_DATE.format(place=s.place, year=today.year),
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )


def _addressees(doc, names: list[str]) -> None:
    """One addressee on the "Kính gửi:" line; several as a left-indented block, dashes aligned."""
    if len(names) == 1:
        _para(doc, f"{letter_texts.TO} {names[0]}.", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
        return
    for i, name in enumerate(names):
        end = "." if i == len(names) - 1 else ";"
        if i == 0:
            p = _para(doc, f"{letter_texts.TO}\t- {name}{end}", left_indent=TO_INDENT, first_indent=-TO_HANG)
            p.paragraph_format.tab_stops.add_tab_stop(TO_INDENT)
        else:
            _para(doc, f"- {name}{end}", left_indent=TO_INDENT)
    _para(doc, "", space_after=6)


def _items_table(doc, agencies: list[tuple[str, list[OverdueLine]]], today: date, *, headings: bool) -> None:
    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, letter_texts.TABLE_HEADERS):
        _para(cell, text, bold=True, size=11, align=WD_ALIGN_PARAGRAPH.CENTER)
    for k, (name, lines) in enumerate(agencies, 1):
        if headings:
            cells = table.add_row().cells
            merged = cells[1].merge(cells[-1])
            _para(cells[0], int_to_roman(k), bold=True, size=11, align=WD_ALIGN_PARAGRAPH.CENTER)
            _para(merged, letter_texts.AGENCY_ROW.format(agency=name, n=len(lines)), bold=True, size=11)
        for i, line in enumerate(lines, 1):
            values = (
                str(i),
                line.citation,
                line.content,
                line.deadline_cell,
                letter_texts.DAYS_LATE.format(n=(today - line.due).days, due=vn_date(line.due)),
                line.product,
            )
            for col, (cell, text) in enumerate(zip(table.add_row().cells, values)):
                _para(cell, text, size=11, align=WD_ALIGN_PARAGRAPH.CENTER if col == 0 else None)
    _widths(table, (Cm(1.0), Cm(2.8), Cm(5.6), Cm(2.6), Cm(2.3), Cm(2.2)))


def _signature(doc, plan: PlanMeta, recipients: list[str] | None) -> None:
    s = plan.settings
    foot = doc.add_table(rows=1, cols=2)
    _widths(foot, (Cm(7.5), Cm(9)))
    left, right = foot.rows[0].cells
    if recipients is not None:
        _para(left, letter_texts.RECIPIENTS, bold=True, italic=True, size=12)
        for line in recipients:
            _para(left, line, size=11)
    for line in (s.sign_for, s.sign_title):
        if line:
            _para(right, line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for _ in range(3):
        _para(right, "", align=WD_ALIGN_PARAGRAPH.CENTER)
    name = [(s.signer_name, False)] if s.signer_name else [(letter_texts.SIGNER_MISSING, True)]
    _para(right, name, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def _save(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def reminder_letter(*, plan: PlanMeta, today: date, agencies: list[tuple[str, list[OverdueLine]]]) -> bytes:
    """The công văn đôn đốc to ``agencies`` (official order) with its appendix."""
    s = plan.settings
    doc = _document()
    _page_numbers(doc)
    _heading(doc, plan, today)
    _para(doc, "", space_after=6)
    names = [name for name, _ in agencies]
    _addressees(doc, names)

    n = sum(len(v) for _, v in agencies)
    count = (
        letter_texts.COUNT_ONE.format(n=n, agency=names[0])
        if len(names) == 1
        else letter_texts.COUNT_MANY.format(n=n, agencies=len(names))
    )
    opening = (
        [(letter_texts.OPENING_1, False)]
        + plan_citation(plan)
        + [(letter_texts.OPENING_2.format(date=vn_date(today), count=count), False)]
    )
    _para(doc, opening, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_indent=Cm(1), space_after=6)
    who = names[0] if len(names) == 1 else letter_texts.WHO_MANY
    request = [
        (letter_texts.REQUEST_1.format(unit=s.unit_name, who=who, division=s.division), False),
        (letter_texts.REQUEST_DUE, True),
        (letter_texts.REQUEST_2.format(leader=s.leader), False),
    ]
    _para(doc, request, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_indent=Cm(1), space_after=12)
    _signature(
        doc,
        plan,
        [
            letter_texts.RECIPIENT_SAME,
            letter_texts.RECIPIENT_LEADERS.format(unit=s.unit_name),
            letter_texts.ARCHIVE.format(archive=s.archive),
        ],
    )

    page_break = doc.add_paragraph().add_run()
    page_break.add_break(WD_BREAK.PAGE)
    _para(doc, letter_texts.APPENDIX, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, letter_texts.APPENDIX_TITLE, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(
        doc,
        letter_texts.APPENDIX_NOTE.format(symbol=s.symbol, year=today.year, unit=s.unit_name),
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=6,
    )
    _items_table(doc, agencies, today, headings=True)
    return _save(doc)


def office_list(*, plan: PlanMeta, today: date, office: str, lines: list[OverdueLine]) -> bytes:
    """The coordinating office's own overdue work, addressed to its head (an internal document)."""
    s = plan.settings
    doc = _document()
    _page_numbers(doc)
    _para(doc, letter_texts.INTERNAL_MARK, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, s.parent, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(doc, s.unit, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=12)
    _para(doc, letter_texts.INTERNAL_TITLE.format(office=office.upper()), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(
        doc,
        letter_texts.INTERNAL_PLACE_DATE.format(place=s.place, day=today.day, month=today.month, year=today.year),
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=6,
    )
    _para(doc, letter_texts.INTERNAL_TO.format(head=s.head), align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    citation = "".join(t for t, _ in plan_citation(plan))
    _para(
        doc,
        letter_texts.INTERNAL_OPENING.format(plan=citation, date=vn_date(today), office=office, n=len(lines)),
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        first_indent=Cm(1),
        space_after=6,
    )
    _items_table(doc, [(office, lines)], today, headings=False)
    _para(doc, "", space_after=6)
    _para(
        doc,
        letter_texts.INTERNAL_CLOSING.format(division=s.division, head=s.head),
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        first_indent=Cm(1),
        space_after=12,
    )
    return _save(doc)
