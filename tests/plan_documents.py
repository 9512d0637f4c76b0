"""Signed-plan documents made in the tests (never committed binaries): DOCX, XLSX and PDF renderings.

A document is described as ``heading`` paragraphs and ``tables``: each table has ``before`` paragraphs,
``rows`` (lists of cells; a cell is text, or ``Merge(text, across=n)`` spanning n columns, or
``DOWN`` for a cell merged with the one above), and ``after`` paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "plans" / "hai-duong-2023.yaml"


@dataclass(frozen=True)
class Merge:
    text: str
    across: int


DOWN = object()  # merged with the cell above


@dataclass
class Table:
    rows: list[list]
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)  # cm


@dataclass
class Doc:
    heading: list[list[str]]  # a borderless 2-column heading block (issuer | motto) …
    paragraphs: list[str]  # … then body paragraphs
    tables: list[Table]


def _grid(rows: list[list]) -> list[list[tuple[str, int, int]]]:
    """Rows of (text, column span, row span) per grid position origin; None where covered."""
    width = max(sum(c.across if isinstance(c, Merge) else 1 for c in r) for r in rows)
    grid: list[list] = [[None] * width for _ in rows]
    for i, r in enumerate(rows):
        j = 0
        for c in r:
            span = c.across if isinstance(c, Merge) else 1
            if c is DOWN:
                k = i - 1
                while grid[k][j] is None or grid[k][j] == "covered":
                    k -= 1
                text, cs, rs = grid[k][j]
                grid[k][j] = (text, cs, rs + 1)
                grid[i][j] = "covered"
            else:
                grid[i][j] = (c.text if isinstance(c, Merge) else c, span, 1)
                for x in range(1, span):
                    grid[i][j + x] = "covered"
            j += span
    return grid


def to_docx(doc: Doc, path: Path) -> Path:
    import docx
    from docx.shared import Cm

    d = docx.Document()
    head = d.add_table(rows=len(doc.heading), cols=2)
    for i, (left, right) in enumerate(doc.heading):
        head.cell(i, 0).text, head.cell(i, 1).text = left, right
    for p in doc.paragraphs:
        d.add_paragraph(p)
    for t in doc.tables:
        for p in t.before:
            d.add_paragraph(p)
        grid = _grid(t.rows)
        table = d.add_table(rows=len(grid), cols=len(grid[0]))
        table.style = "Table Grid"
        for i, row in enumerate(grid):
            for j, cell in enumerate(row):
                if not isinstance(cell, tuple):
                    continue
                text, cs, rs = cell
                target = table.cell(i, j)
                if cs > 1 or rs > 1:
                    target = target.merge(table.cell(i + rs - 1, j + cs - 1))
                lines = text.split("\n")
                target.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    target.add_paragraph(line)
        for j, w in enumerate(t.widths):
            for cell in table.columns[j].cells:
                cell.width = Cm(w)
        for p in t.after:
            d.add_paragraph(p)
    d.save(str(path))
    return path


def to_xlsx(doc: Doc, path: Path, sheet_names: list[str]) -> Path:
    """One worksheet per table; the first sheet carries the heading block and paragraphs above it."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for n, (t, name) in enumerate(zip(doc.tables, sheet_names)):
        ws = book.create_sheet(name)
        grid = _grid(t.rows)
        width = len(grid[0])
        r = 1
        if n == 0:
            half = max(1, width // 2)
            for left, right in doc.heading:
                ws.cell(r, 1, left)
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=half)
                ws.cell(r, half + 1, right)
                ws.merge_cells(start_row=r, start_column=half + 1, end_row=r, end_column=width)
                r += 1
            for p in doc.paragraphs:
                ws.cell(r, 1, p)
                r += 1
        for p in t.before:
            ws.cell(r, 1, p)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            r += 1
        for i, row in enumerate(grid):
            for j, cell in enumerate(row):
                if isinstance(cell, tuple):
                    text, cs, rs = cell
                    ws.cell(r + i, j + 1, text)
                    if cs > 1 or rs > 1:
                        ws.merge_cells(start_row=r + i, start_column=j + 1, end_row=r + i + rs - 1, end_column=j + cs)
        r += len(grid)
        for p in t.after:
            ws.cell(r, 1, p)
            r += 1
    book.save(str(path))
    return path


def to_pdf(doc: Doc, path: Path) -> Path:
    """A digital PDF (fpdf2, DejaVu Sans from matplotlib for Vietnamese), ruled tables, merged cells."""
    import matplotlib
    from fpdf import FPDF

    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    pdf = FPDF(orientation="L", format="A4")
    pdf.add_font("dejavu", "", str(font))
    pdf.set_font("dejavu", size=8)
    pdf.add_page()
    for left, right in doc.heading:
        pdf.cell(130, 5, left)
        pdf.cell(130, 5, right, new_x="LMARGIN", new_y="NEXT")
    for p in doc.paragraphs:
        pdf.multi_cell(0, 5, p, new_x="LMARGIN", new_y="NEXT")
    for t in doc.tables:
        for p in t.before:
            pdf.multi_cell(0, 5, p, new_x="LMARGIN", new_y="NEXT")
        grid = _grid(t.rows)
        widths = tuple(t.widths) if t.widths else None
        with pdf.table(col_widths=widths, first_row_as_headings=False, line_height=4) as table:
            for row in grid:
                out = table.row()
                for cell in row:
                    if isinstance(cell, tuple):
                        text, cs, rs = cell
                        out.cell(text, colspan=cs, rowspan=rs)
        for p in t.after:
            pdf.multi_cell(0, 5, p, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def seed_doc() -> Doc:
    """The bundled plan laid out like the signed decision: QĐ heading, task table I–IV, Phụ lục I, II."""
    tree = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    heading = [
        ["UBND TỈNH HẢI DƯƠNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["Số:         /QĐ-UBND", "Độc lập - Tự do - Hạnh phúc"],
        ["", "Hải Dương, ngày      tháng 02 năm 2023"],
    ]
    paragraphs = [
        "QUYẾT ĐỊNH",
        tree["decision"]["title"],
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG",
        "Căn cứ Nghị quyết số 01/NQ-CP ngày 06/01/2023 của Chính phủ;",
        "QUYẾT ĐỊNH:",
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.",
        "CHỦ TỊCH",
        "Triệu Thế Hùng",
        "KẾ HOẠCH",
        "Kiểm soát thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông năm 2023 "
        "trên địa bàn tỉnh Hải Dương",
        "(Kèm theo Quyết định số      /QĐ-UBND ngày    /02/2023 của Chủ tịch UBND tỉnh)",
    ]
    rows: list[list] = [
        ["STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm dự kiến"]
    ]
    footnotes = []
    for n, sec in enumerate(tree["sections"]):
        if n < 2:
            rows.append([Merge(f"{sec['number']}. {sec['title']}", 6)])
        else:
            rows.append([sec["number"], Merge(sec["title"], 5)])
        for t in sec["tasks"]:
            rows.append(
                [
                    str(t["number"]),
                    t["content"],
                    t["lead"],
                    t.get("coordinating", ""),
                    t["deadline"],
                    t.get("product", ""),
                ]
            )
            footnotes += [f"¹ {f}" for f in t.get("footnotes", [])]
        if n == 1:  # the header repeated at a page break
            rows.append(list(rows[0]))
    main = Table(rows, before=["III. TỔ CHỨC THỰC HIỆN"], after=footnotes, widths=[1.2, 8, 4, 4, 3, 4])
    review = tree["appendix_review"]
    rrows: list[list] = [["STT", "Cơ quan chủ trì rà soát", "Lĩnh vực rà soát, đánh giá", "Thời gian hoàn thành"]]
    rrows += [[str(r["number"]), r["department"], r["fields"], r["deadline"]] for r in review["items"]]
    appendix1 = Table(
        rrows,
        before=[
            "PHỤ LỤC I",
            "RÀ SOÁT, ĐÁNH GIÁ ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH NĂM 2023",
            "(Kèm theo Kế hoạch tại Quyết định số     /QĐ-UBND)",
        ],
        after=["Ghi chú:"] + [f"- {x}" for x in review["notes"]],
        widths=[1.2, 6, 14, 4],
    )
    insp = tree["appendix_inspection"]
    irows: list[list] = [["STT", "Cơ quan, đơn vị được kiểm tra", "Ghi chú"]]
    for g in insp["groups"]:
        irows.append([g["number"], Merge(g["title"], 2)])
        notes = {}
        for note in g.get("notes", []):
            for k in range(note["rows"][0], note["rows"][1] + 1):
                notes[k] = note["text"] if k == note["rows"][0] else DOWN
        for k, unit in enumerate(g["units"], 1):
            irows.append([str(k), unit, notes.get(k, "")])
    title2 = (
        "KIỂM TRA CÔNG TÁC KIỂM SOÁT THỦ TỤC HÀNH CHÍNH VÀ THỰC HIỆN CƠ CHẾ MỘT CỬA, MỘT CỬA LIÊN THÔNG "
        "TRONG VIỆC THỰC HIỆN THỦ TỤC HÀNH CHÍNH"
    )
    appendix2 = Table(irows, before=["PHỤ LỤC II", title2], widths=[1.2, 12, 10])
    return Doc(heading, paragraphs, [main, appendix1, appendix2])
