"""The Excel workbook coordinators send upward: summary, tasks, review deadlines, inspections, history.

Every sheet opens with the title, "Số liệu tính đến ngày …" and whether it is the internal workbook (with
surprise inspections) or the one for circulation (without them). The summary sheet holds the Vietnamese
summary (items and assignments, one-decimal percentages), the agencies in the directory's official order
with STT and group headings, and the plan's parts as the plan names them ("Mục I. …", "Phụ lục I",
"Phụ lục II – Khối …"). The completion date is the date the state used (the cited document's date when
the note names one).
"""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from bot.domain.codes import int_to_roman
from bot.domain.deadlines import Deadline
from bot.domain.report_data import ReportData, tally_rows
from bot.domain.sanitize import clean_text
from bot.domain.report_text import cite, group_title, official_order, product_words, section_label
from bot.domain.tally import STATES, Tally, TallyRow, state
from bot.domain.texts import periods as period_texts
from bot.domain.texts import AUDIT_ACTION, describe_deadline, vn_date
from bot.domain.texts import reminders as reminder_texts

DATE_FORMAT = "DD/MM/YYYY"
PERCENT_FORMAT = "0.0%"
FILLS = {
    "done_on_time": "C8E6C9",
    "done_late": "DCEDC8",
    "in_progress_on_time": "BBDEFB",
    "not_yet_due": "E3F2FD",
    "overdue": "FFCDD2",
    "ongoing": "ECEFF1",
    "undated": "FFE0B2",
}
# the log sheet reads the audit trail (bot.domain.texts words its actions; texts.periods those of periods)
ACTION = {**AUDIT_ACTION, **period_texts.AUDIT_ACTION}
SHEETS = ("Tổng hợp", "Nhiệm vụ", "Rà soát TTHC", "Kiểm tra", "Nhật ký")
HEADER_ROW = 5
BOLD = Font(bold=True)
GREY = PatternFill("solid", fgColor="E0E0E0")
_STATE_BY_LABEL = {v: k for k, v in reminder_texts.STATE.items()}


def _titles(ws, lines: list[str], internal: bool) -> None:
    for i, text in enumerate(lines, 1):
        ws.cell(row=i, column=1, value=text).font = Font(
            bold=i != 2, italic=i == 2, color="C62828" if i == 3 and internal else None
        )


def _header(ws, row: int, headers) -> None:
    for col, text in enumerate(headers, 1):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font, cell.fill = BOLD, GREY
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _sheet(
    ws,
    titles: list[str],
    internal: bool,
    headers: list[str],
    widths: list[int],
    rows: list[list],
    date_cols=(),
    wrap_cols=(),
    state_col=None,
):
    _titles(ws, titles, internal)
    _header(ws, HEADER_ROW, headers)
    for row in rows:
        ws.append([clean_text(v) if isinstance(v, str) else v for v in row])  # stored text never breaks the file
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    for r in ws.iter_rows(min_row=HEADER_ROW + 1):
        for c in date_cols:
            r[c].number_format = DATE_FORMAT
        for c in wrap_cols:
            r[c].alignment = Alignment(wrap_text=True, vertical="top")
        if state_col is not None and r[state_col].value in _STATE_BY_LABEL:
            r[state_col].fill = PatternFill("solid", fgColor=FILLS[_STATE_BY_LABEL[r[state_col].value]])
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    last = get_column_letter(len(headers))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(ws.max_row, HEADER_ROW)}"


def _reading(r: dict) -> str:
    d = Deadline.from_dict({"text": r["deadline_text"], "kind": "unspecified", **(r["deadline"] or {})})
    if r["due"] is not None and d.due != r["due"]:
        return describe_deadline(r["kind"], r["due"], d.start, ("set_due",))
    return describe_deadline(
        d.kind, d.due, d.start, d.flags, d.recurrence.to_dict() if d.recurrence else None, d.reason
    )


def _line_reading(r: dict, unit: TallyRow) -> str:
    """ "Thời hạn (bot hiểu)": a period of recurring work with its own due date, else the item's reading."""
    if unit.period and unit.due is not None:
        return period_texts.PERIOD_DUE.format(label=unit.period, due=vn_date(unit.due))
    return _reading(r)


def _summary_sheet(ws, data: ReportData, t: Tally, titles: list[str], internal: bool) -> None:
    _titles(ws, titles, internal)
    row = HEADER_ROW

    def put(values, *, bold=False, pct_cols=(), fill=None):
        nonlocal row
        for col, v in enumerate(values, 1):
            cell = ws.cell(row=row, column=col, value=clean_text(v) if isinstance(v, str) else v)
            if bold:
                cell.font = BOLD
            if fill:
                cell.fill = fill
            if col - 1 in pct_cols:
                cell.number_format = PERCENT_FORMAT
        row += 1

    items, assignments = t.item_count, t.assignments

    def share(n: int, total: int) -> float:
        return round(n / total, 4) if total else 0.0

    put([reminder_texts.EXPORT_SUMMARY], bold=True)
    _header(ws, row, reminder_texts.EXPORT_SUMMARY_HEAD)
    row += 1
    put([reminder_texts.EXPORT_TOTAL_LINE, items, 1.0, assignments, 1.0], bold=True, pct_cols=(2, 4))
    n = 0
    for level, key, i, a in t.summary():
        if level == 0:
            n += 1
        label = (f"{n}. " if level == 0 else "   - " if level == 1 else "      + ") + reminder_texts.SUMMARY_LABEL[key]
        put([label, i, share(i, items), a, share(a, assignments)], bold=level == 0, pct_cols=(2, 4))
    row += 1

    put([reminder_texts.EXPORT_BY_AGENCY], bold=True)
    head = ["STT", "Cơ quan chủ trì"] + [reminder_texts.STATE[s] for s in STATES] + ["Tổng số"]
    _header(ws, row, head)
    row += 1
    group, k, g = None, 0, 0
    for agency, grp in official_order(data.rows):
        if grp != group:
            group, g = grp, g + 1
            put([int_to_roman(g), reminder_texts.EXPORT_AGENCY_GROUP[grp]], bold=True)
        k += 1
        c = t.by_agency[agency]
        put([k, agency] + [c.get(s, 0) for s in STATES] + [sum(c.values())])
    put(["", reminder_texts.EXPORT_GRAND_TOTAL] + [t.total.get(s, 0) for s in STATES] + [assignments], bold=True)
    row += 1

    put([reminder_texts.EXPORT_BY_SECTION], bold=True)
    _header(ws, row, ["Phần của Kế hoạch", ""] + [reminder_texts.STATE[s] for s in STATES] + ["Tổng số"])
    row += 1
    titles_of = {r["section"]: r["section_title"] for r in data.rows}
    for sec, c in t.by_section.items():
        put([section_label(sec, titles_of.get(sec, "")), ""] + [c.get(s, 0) for s in STATES] + [sum(c.values())])
    for i, w in enumerate([40, 40] + [14] * len(STATES) + [10], 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    for r in ws.iter_rows(min_row=HEADER_ROW):
        r[0].alignment = Alignment(wrap_text=True, vertical="top")


def _extension(r: dict) -> str:
    """The "Gia hạn" cell: the original date, the approved one and the documents ("" when never extended)."""
    if not r.get("original_due"):
        return ""
    docs = "; ".join(r.get("extension_documents") or [])
    return f"Hạn gốc {vn_date(r['original_due'])}, gia hạn đến {vn_date(r['due'])}" + (f" theo {docs}" if docs else "")


def workbook(data: ReportData, today: date, *, circulation: bool = False) -> bytes:
    """The workbook's bytes (``data`` already filtered for circulation when ``circulation``)."""
    rows, history, subjects = data.rows, data.history, data.subjects
    trows = tally_rows(rows, today, data.rules)
    t = Tally.of(trows, today)
    # one sheet row per tally unit: a recurring assignment is one row per period already due
    lines = [(r, u, state(u, today)) for r, tr in zip(rows, trows) for u in tr.units]
    internal = not circulation
    titles = [
        reminder_texts.EXPORT_TITLE.format(year=data.plan.year),
        reminder_texts.EXPORT_AS_OF.format(date=vn_date(today)),
        reminder_texts.EXPORT_CIRCULATION if circulation else reminder_texts.EXPORT_INTERNAL,
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = SHEETS[0]
    _summary_sheet(ws, data, t, titles, internal)

    tasks = [
        [
            r["code"],
            cite(r),
            r["content"],
            " ".join(r["lead_text"].split()),
            " ".join(r["coordinating_text"].split()),
            r["agency"],
            r["deadline_text"],
            _line_reading(r, u),
            u.due if u.period else r["due"],
            reminder_texts.STATE[st],
            u.completed_on,
            product_words(r),
            u.note if u.period else r["note"],
            _extension(r),
            r.get("evidence", ""),
        ]
        for r, u, st in lines
        if r["type"] == "task"
    ]
    _sheet(
        wb.create_sheet(SHEETS[1]),
        titles,
        internal,
        [
            "Mã",
            "Theo Kế hoạch",
            "Nội dung",
            "Cơ quan chủ trì (theo KH)",
            "Cơ quan phối hợp",
            "Cơ quan thực hiện",
            "Thời hạn (theo KH)",
            "Thời hạn (bot hiểu)",
            "Hạn",
            "Tình trạng",
            "Ngày hoàn thành",
            "Sản phẩm dự kiến (theo KH)",
            "Ghi chú/văn bản",
            "Gia hạn",
            "Minh chứng",
        ],
        [8, 18, 60, 30, 30, 30, 24, 30, 12, 22, 14, 30, 40, 36, 36],
        tasks,
        date_cols=(8, 10),
        wrap_cols=(2, 3, 4, 7, 11, 12, 13),
        state_col=9,
    )

    reviews = [
        [
            r["code"],
            cite(r),
            r["agency"],
            r["fields"],
            _line_reading(r, u) if u.period else r["deadline_text"],
            u.due if u.period else r["due"],
            reminder_texts.STATE[st],
            u.completed_on,
            u.note if u.period else r["note"],
        ]
        for r, u, st in lines
        if r["type"] == "review"
    ]
    _sheet(
        wb.create_sheet(SHEETS[2]),
        titles,
        internal,
        [
            "Mã",
            "Theo Kế hoạch",
            "Cơ quan",
            "Lĩnh vực rà soát",
            "Thời hạn (theo KH)",
            "Hạn",
            "Tình trạng",
            "Ngày hoàn thành",
            "Ghi chú/văn bản",
        ],
        [8, 18, 34, 60, 22, 12, 22, 14, 40],
        reviews,
        date_cols=(5, 7),
        wrap_cols=(3, 8),
        state_col=6,
    )

    inspections = [
        [
            r["code"],
            cite(r),
            group_title(r["section_title"]),
            ", ".join(subjects.get(r["item_id"], [])) or r["subject"],
            r["fields"] or "",
            "Có" if r["surprise"] else "",
            r["inspection_date"],
            r["due"],
            reminder_texts.STATE[st],
            u.completed_on,
            r["note"],
        ]
        for r, u, st in lines
        if r["type"] == "inspection"
    ]
    _sheet(
        wb.create_sheet(SHEETS[3]),
        titles,
        internal,
        [
            "Mã",
            "Theo Kế hoạch",
            "Khối",
            "Đơn vị được kiểm tra",
            "Ghi chú",
            "Đột xuất",
            "Ngày kiểm tra (dự kiến)",
            "Hạn",
            "Tình trạng",
            "Ngày hoàn thành",
            "Kết luận/văn bản",
        ],
        [9, 24, 22, 40, 40, 9, 16, 12, 22, 14, 40],
        inspections,
        date_cols=(6, 7, 9),
        wrap_cols=(1, 3, 4, 10),
        state_col=8,
    )

    log = [
        [h["at"], h["code"], h["agency"], ACTION.get(h["action"], h["action"]), h["actor"], h["note"]] for h in history
    ]
    _sheet(
        wb.create_sheet(SHEETS[4]),
        titles,
        internal,
        ["Thời điểm", "Mã", "Cơ quan", "Thao tác", "Người thực hiện", "Ghi chú"],
        [18, 9, 34, 20, 30, 50],
        log,
        wrap_cols=(5,),
    )
    for r in wb[SHEETS[4]].iter_rows(min_row=HEADER_ROW + 1):
        r[0].number_format = "DD/MM/YYYY HH:MM"

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
