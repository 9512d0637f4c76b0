"""The Excel workbook coordinators send upward: tally, tasks, review deadlines, inspections, history."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from bot.domain.deadlines import Deadline
from bot.domain.tally import STATES, Tally, TallyRow, state
from bot.domain.texts import describe_deadline
from bot.domain.texts import reminders as T

DATE_FORMAT = "DD/MM/YYYY"
FILLS = {"done_on_time": "C8E6C9", "done_late": "DCEDC8", "in_progress_on_time": "BBDEFB", "overdue": "FFCDD2",
         "not_due_or_ongoing": "ECEFF1", "undated": "FFE0B2"}
ACTION = {"done": "Báo hoàn thành", "progress": "Cập nhật tiến độ", "undo": "Hoàn tác", "set_due": "Đặt hạn",
          "inspection_scheduled": "Đặt lịch kiểm tra"}
SHEETS = ("Tổng hợp", "Nhiệm vụ", "Rà soát TTHC", "Kiểm tra", "Nhật ký")


def _sheet(ws, headers: list[str], widths: list[int], rows: list[list], date_cols=(), wrap_cols=(), state_col=None):
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.fill = PatternFill("solid", fgColor="E0E0E0")
    for row in rows:
        ws.append(row)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    for r in ws.iter_rows(min_row=2):
        for c in date_cols:
            r[c].number_format = DATE_FORMAT
        for c in wrap_cols:
            r[c].alignment = Alignment(wrap_text=True, vertical="top")
        if state_col is not None and r[state_col].value in _STATE_BY_LABEL:
            r[state_col].fill = PatternFill("solid", fgColor=FILLS[_STATE_BY_LABEL[r[state_col].value]])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


_STATE_BY_LABEL = {v: k for k, v in T.STATE.items()}


def _reading(r: dict) -> str:
    d = Deadline.from_dict({"text": r["deadline_text"], "kind": "unspecified", **(r["deadline"] or {})})
    if r["due"] is not None and d.due != r["due"]:
        return describe_deadline(r["kind"], r["due"], d.start, ("set_due",))
    return describe_deadline(d.kind, d.due, d.start, d.flags, d.recurrence.to_dict() if d.recurrence else None,
                             d.reason)


def workbook(rows: list[dict], history: list[dict], subjects: dict[int, list[str]], today: date) -> bytes:
    tally_rows = [TallyRow(r["code"], r["section"], r["agency"], r["kind"], r["due"], r["start"], r["status"],
                           r["closed_on"], r["note"]) for r in rows]
    t = Tally.of(tally_rows, today)
    states = [state(tr, today) for tr in tally_rows]
    wb = Workbook()

    ws = wb.active
    ws.title = SHEETS[0]
    head = ["Cơ quan / Mục"] + [T.STATE[s] for s in STATES] + ["Tổng số"]
    summary = [[a] + [c.get(s, 0) for s in STATES] + [sum(c.values())] for a, c in sorted(t.by_agency.items())]
    summary.append(["TỔNG CỘNG"] + [t.total.get(s, 0) for s in STATES] + [sum(t.total.values())])
    summary.append([])
    summary += [[f"Mục {sec}"] + [c.get(s, 0) for s in STATES] + [sum(c.values())]
                for sec, c in t.by_section.items()]
    _sheet(ws, head, [40] + [16] * len(STATES) + [10], summary, wrap_cols=(0,))
    for r in ws.iter_rows(min_row=2):
        if r[0].value in ("TỔNG CỘNG",):
            for c in r:
                c.font = Font(bold=True)

    def task_row(r: dict, st: str) -> list:
        return [r["code"], r["content"], " ".join(r["lead_text"].split()), " ".join(r["coordinating_text"].split()),
                r["agency"], r["deadline_text"], _reading(r), r["due"], T.STATE[st], r["closed_on"], r["note"]]

    tasks = [task_row(r, st) for r, st in zip(rows, states) if r["type"] == "task"]
    _sheet(wb.create_sheet(SHEETS[1]),
           ["Mã", "Nội dung", "Cơ quan chủ trì (theo KH)", "Cơ quan phối hợp", "Cơ quan thực hiện",
            "Thời hạn (theo KH)", "Thời hạn (bot hiểu)", "Hạn", "Tình trạng", "Ngày hoàn thành", "Ghi chú/văn bản"],
           [8, 60, 30, 30, 30, 24, 30, 12, 22, 14, 40], tasks, date_cols=(7, 9), wrap_cols=(1, 2, 3, 6, 10),
           state_col=8)

    reviews = [[r["code"], r["agency"], r["fields"], r["deadline_text"], r["due"], T.STATE[st], r["closed_on"],
                r["note"]] for r, st in zip(rows, states) if r["type"] == "review"]
    _sheet(wb.create_sheet(SHEETS[2]),
           ["Mã", "Cơ quan", "Lĩnh vực rà soát", "Thời hạn (theo KH)", "Hạn", "Tình trạng", "Ngày hoàn thành",
            "Ghi chú/văn bản"], [8, 34, 60, 22, 12, 22, 14, 40], reviews, date_cols=(4, 6), wrap_cols=(2, 7),
           state_col=5)

    inspections = [[r["code"], ", ".join(subjects.get(r["item_id"], [])) or r["subject"], r["fields"] or "",
                    "Có" if r["surprise"] else "", r["inspection_date"], r["due"], T.STATE[st], r["closed_on"],
                    r["note"]] for r, st in zip(rows, states) if r["type"] == "inspection"]
    _sheet(wb.create_sheet(SHEETS[3]),
           ["Mã", "Đơn vị được kiểm tra", "Ghi chú", "Đột xuất", "Ngày kiểm tra (dự kiến)", "Hạn", "Tình trạng",
            "Ngày hoàn thành", "Kết luận/văn bản"], [9, 40, 40, 9, 16, 12, 22, 14, 40], inspections,
           date_cols=(4, 5, 7), wrap_cols=(1, 2, 8), state_col=6)

    log = [[h["at"], h["code"], h["agency"], ACTION.get(h["action"], h["action"]), h["actor"], h["note"]]
           for h in history]
    _sheet(wb.create_sheet(SHEETS[4]), ["Thời điểm", "Mã", "Cơ quan", "Thao tác", "Người thực hiện", "Ghi chú"],
           [18, 9, 34, 20, 30, 50], log, wrap_cols=(5,))
    for r in wb[SHEETS[4]].iter_rows(min_row=2):
        r[0].number_format = "DD/MM/YYYY HH:MM"

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
