"""Interpreting a plan's tables into the plan-file tree (what ``bot.domain.plan.build_plan`` loads).

Header rows are recognised by vocabulary, in any words and order (``COLUMN_WORDS``), and skipped when a
page break repeats them. A task table gives sections ("I. …" rows, merged or not) and tasks numbered
1, 1.1, a or "-"; a table without sections gives top-level ``tasks``. A review appendix (a "lĩnh vực"
column) gives ``appendix_review``; an inspection appendix (units to inspect, group rows, merged
"Ghi chú") gives ``appendix_inspection``; a further task table under a "Phụ lục …" heading, after the
plan's own, gives ``appendix_tasks`` with its own codes (PL1.3). Everything not understood is reported
with its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.domain.plan_appendix import (
    APPENDIX_HEADING,
    CONTENT,
    COORDINATING,
    DEADLINE,
    FIELDS,
    LEAD,
    NOTES,
    NUMBER,
    PRODUCT,
    UNIT,
    appendix_items,
    inspection_appendix,
    review_appendix,
    task_appendices,
)
from bot.domain.plan_heading import Heading, read_heading
from bot.domain.plan_rows import TaskRows, is_column_numbers, roman_row, row_text
from bot.domain.plan_source import Problem, SourceDocument, SourceTable, clean_cell
from bot.domain.folding import key


# Column roles by the folded words of their header; checked in this order (the first hit wins), so that
# "Thời gian thực hiện" is a deadline before "thực hiện" makes it a lead, and "Cơ quan phối hợp" is
# coordinating before "cơ quan" makes it a lead.
COLUMN_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (NUMBER, ("stt", "tt", "so tt", "so thu tu", "thu tu")),
    (COORDINATING, ("phoi hop",)),
    (DEADLINE, ("thoi gian", "thoi han", "tien do", "han hoan thanh", "moc thoi gian", "han")),
    (PRODUCT, ("san pham", "ket qua")),
    (FIELDS, ("linh vuc",)),
    (NOTES, ("ghi chu",)),
    (UNIT, ("duoc kiem tra", "don vi kiem tra", "co quan kiem tra", "doi tuong kiem tra")),
    (
        LEAD,
        (
            "chu tri",
            "co quan thuc hien",
            "don vi thuc hien",
            "trach nhiem",
            "co quan don vi",
            "co quan",
            "don vi",
            "ten co quan",
            "ten don vi",
        ),
    ),
    (CONTENT, ("noi dung", "nhiem vu", "cong viec", "hoat dong", "giai phap", "ten nhiem vu")),
)

TASKS, REVIEW, INSPECTION, IGNORED = "tasks", "review", "inspection", "ignored"
_ROMAN_VALUE = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_FOOTNOTE = re.compile(r"^([¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*(.+)$")


def column_role(header: str) -> str | None:
    """The role of a column from its header text ("Cơ quan, đơn vị chủ trì" → lead), or None."""
    k = key(header)
    if not k:
        return None
    words = k.split()
    for role, phrases in COLUMN_WORDS:
        for phrase in phrases:
            if (" " in phrase and (f" {phrase} " in f" {k} ")) or (" " not in phrase and phrase in words):
                return role
    return None


@dataclass
class TableReport:
    table: str
    kind: str
    appendix: str = ""
    header_rows: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # role → column label
    rows: int = 0


@dataclass
class ImportResult:
    """The plan-file tree, and the review report a clerk reads before ``init``."""

    tree: dict
    heading: Heading
    tables: list[TableReport]
    items: list[dict]  # code, section, place, content (first line), lead, deadline
    sections: list[dict]  # code, title, rows
    problems: list[Problem]

    def report(self) -> dict:
        """The review report as plain data (``plan import --json``)."""
        return {
            "plan": {k: self.tree.get(k) for k in ("id", "year", "province", "issuer", "title", "signer")}
            | {"decision": {k: str(v) if v is not None else "" for k, v in self.tree.get("decision", {}).items()}},
            "tables": [t.__dict__ for t in self.tables],
            "sections": self.sections,
            "rows": self.items,
            "problems": [p.to_dict() for p in self.problems],
        }


def _header(table: SourceTable, start: int) -> tuple[int, dict[int, str], list[int]] | None:
    """(first row after the header, {column: role}, header row indexes) for the first header at/after start."""
    for i in range(start, min(len(table.rows), start + 40)):
        roles = {j: column_role(c) for j, c in enumerate(table.rows[i])}
        found = {j: r for j, r in roles.items() if r}
        distinct = {c for c in table.rows[i] if c}
        matched = {table.rows[i][j] for j in found}
        if len(matched) < 0.6 * len(distinct) or any(len(c.split()) > 10 for c in matched):
            continue
        if len(set(found.values())) < 2 or not ({CONTENT, LEAD, UNIT, FIELDS} & set(found.values())):
            continue
        used = [i]
        nxt = i + 1
        # A two-row header ("Cơ quan thực hiện" over "Chủ trì" | "Phối hợp"): join the words.
        if nxt < len(table.rows) and any(column_role(c) for c in table.rows[nxt]) and not roman_row(table.rows[nxt]):
            below = table.rows[nxt]
            if not any(re.match(r"^\d", c) for c in below if c) or is_column_numbers(below):
                joined = {
                    j: column_role(
                        f"{table.rows[i][j]} {below[j]}" if below[j] != table.rows[i][j] else table.rows[i][j]
                    )
                    for j in range(len(below))
                }
                if len({r for r in joined.values() if r}) >= len(set(found.values())):
                    found = {j: r for j, r in joined.items() if r}
                    used.append(nxt)
                    nxt += 1
        if nxt < len(table.rows) and is_column_numbers(table.rows[nxt]):
            used.append(nxt)
            nxt += 1
        first: dict[int, str] = {}
        for j, r in found.items():  # a merged header spans several columns: keep the first
            if r not in first.values():
                first[j] = r
        return nxt, first, used
    return None


def _kind(roles: set[str]) -> str:
    if FIELDS in roles and (LEAD in roles or CONTENT in roles):
        return REVIEW
    if UNIT in roles or (NOTES in roles and LEAD in roles and CONTENT not in roles and DEADLINE not in roles):
        return INSPECTION
    if CONTENT in roles and (LEAD in roles or DEADLINE in roles):
        return TASKS
    return IGNORED


def _appendix(paragraphs: tuple[str, ...]) -> tuple[str, str]:
    """("II", "Kiểm tra công tác …") from the paragraphs before an appendix table, or ("", "")."""
    for i, p in enumerate(paragraphs):
        m = APPENDIX_HEADING.match(key(p))
        if m:
            roman = m.group(1).upper() if not m.group(1).isdigit() else m.group(1)
            rest = [
                q
                for q in paragraphs[i + 1 :]
                if not key(q).startswith(("kem theo", "ban hanh kem")) and not q.strip().startswith("(")
            ]
            inline = p.split(":", 1)[1].strip() if ":" in p else ""
            title = inline or (rest[0] if rest else "")
            return roman, title
    return "", ""


def _same_header(table: SourceTable, used: list[int], last: list) -> bool:
    return {tuple(key(c) for c in table.rows[i]) for i in used} <= {tuple(key(c) for c in r) for r in last}


def _cell_lines(rows) -> list[str]:
    """Each distinct cell's lines, column by column (heading blocks laid out in table cells)."""
    out: list[str] = []
    width = max((len(r) for r in rows), default=0)
    seen: set[str] = set()
    for j in range(width):  # column by column: "ỦY BAN NHÂN DÂN" then "TỈNH …" below it
        for row in rows:
            c = row[j] if j < len(row) else ""
            if c and c not in seen:
                seen.add(c)
                out += [ln.strip() for ln in c.splitlines() if ln.strip()]
    return out


def interpret(doc: SourceDocument) -> ImportResult:
    """The plan tree and review report for ``doc``; never raises on content, reports it instead."""
    problems: list[Problem] = []
    reports: list[TableReport] = []
    meta_paras = list(doc.paragraphs)
    tree_sections: list[dict] = []
    loose_tasks: list[dict] = []
    review: dict | None = None
    inspection: dict | None = None
    tasks = TaskRows(problems_sink=problems)
    _last_headers: list = []
    prev: tuple[str, dict[int, str], int] | None = None  # kind, roles, width of the last plan table
    seen_plan_table = False
    appendices: list[tuple[str, str, TaskRows]] = []  # further task tables: (appendix number, title, rows)
    target = tasks  # where the last task table's rows went
    for table in doc.tables:
        head = _header(table, 0)
        width = max((len(r) for r in table.rows), default=0)
        goes_on = prev and prev[0] != IGNORED and prev[2] == width and not table.before
        continued = False
        if goes_on and (head is None or head[2][0] > 0 and _same_header(table, head[2], _last_headers)):
            head = (0, prev[1], [])  # the table goes on after a page break
            continued = True
        elif goes_on and head is not None and _same_header(table, head[2], _last_headers):
            continued = True  # … with its header repeated at the top
        if head is None:
            # a table without a plan header (the heading block "UBND TỈNH … | CỘNG HÒA …"): metadata
            lines = _cell_lines(table.rows)
            meta_paras = (meta_paras + lines) if seen_plan_table else (lines + meta_paras)
            reports.append(TableReport(table.name, IGNORED))
            continue
        start, roles, used = head
        kind = _kind(set(roles.values()))
        prev = (kind, roles, width)
        pre = _cell_lines(table.rows[: used[0]]) if used else []
        if not seen_plan_table:
            meta_paras = pre + meta_paras
        seen_plan_table = True
        appx, appx_title = _appendix(tuple(table.before) + tuple(pre))
        rep = TableReport(
            table.name,
            kind,
            appx,
            [table.row_label(i) for i in used],
            {r: table.column_label(j) for j, r in roles.items()},
        )
        reports.append(rep)
        if kind == IGNORED:
            problems.append(
                Problem(
                    table.name,
                    table.row_label(used[0]),
                    "",
                    " | ".join(table.rows[used[0]]),
                    "không nhận ra loại bảng (cần cột nội dung và cơ quan chủ trì hoặc thời hạn)",
                )
            )
            continue
        header_keys = {tuple(key(c) for c in table.rows[i]) for i in used} or {
            tuple(key(c) for c in r) for r in _last_headers
        }
        if used:
            _last_headers[:] = [table.rows[i] for i in used]
        body = []
        after = list(table.after)
        for i in range(start, len(table.rows)):
            row = tuple(clean_cell(c) for c in table.rows[i])
            if tuple(key(c) for c in row) in header_keys or is_column_numbers(row):
                continue  # header repeated after a page break
            first = next((c for c in row if c), "")
            if (key(first).startswith("ghi chu") or _FOOTNOTE.match(first)) and not re.match(r"^\d", first):
                after += [first] + [row_text(r) for r in table.rows[i + 1 :] if row_text(r)]
                break
            if first:
                body.append((i, row))
        rep.rows = len(body)
        if kind == TASKS:
            if not continued:
                target = tasks
                if appx and tasks.items:  # "Phụ lục I" after the plan's own table: its own numbering
                    target = TaskRows(problems_sink=problems)
                    appendices.append((appx, appx_title, target))
            target.read(table, roles, body)
            target.footnotes(after)
        elif kind == REVIEW:
            review = review_appendix(table, roles, body, appx_title or "Rà soát, đơn giản hóa TTHC", after, problems)
        else:
            inspection = inspection_appendix(
                table, roles, body, appx_title, problems, inspection if not used and inspection else None
            )
    tree_sections, loose_tasks = tasks.tree()
    heading = read_heading(meta_paras)
    tree: dict = {
        "id": heading.plan_id,
        "year": heading.year or 0,
        "province": heading.province,
        "issuer": heading.issuer,
        "signer": heading.signer,
        "title": heading.title,
        "decision": {
            "type": heading.kind,
            "number": heading.number,
            "date": heading.date,
            "date_text": heading.date_text,
            "title": heading.decision_title,
        },
    }
    if heading.year is None:
        problems.append(Problem("", "", "", "", "không tìm thấy năm của kế hoạch trong phần đầu văn bản"))
    if not heading.title:
        problems.append(Problem("", "", "", "", "không tìm thấy tên kế hoạch (dòng sau “KẾ HOẠCH” hoặc “QUYẾT ĐỊNH”)"))
    if tree_sections:
        tree["sections"] = tree_sections
    elif loose_tasks:
        tree["tasks"] = loose_tasks
    else:
        tree["tasks"] = []
    if review:
        parent = tasks.mentioning("I")
        if parent:
            review["parent_task"] = parent["code"]
        tree["appendix_review"] = review
    if inspection:
        parent = tasks.mentioning("II")
        if parent:
            inspection["parent_task"] = parent["code"]
            inspection["deadline"] = inspection["deadline"] or parent["deadline"].rstrip(".").strip()
            inspection["inspector"] = inspection["inspector"] or parent["lead"].rstrip(".").strip()
        if not inspection["deadline"]:
            problems.append(Problem("", "", "", "", "phụ lục kiểm tra: không xác định được thời gian kiểm tra"))
        tree["appendix_inspection"] = {k: v for k, v in inspection.items() if not k.startswith("_")}
    extra_items, extra_sections = task_appendices(tree, appendices)
    return ImportResult(
        tree,
        heading,
        reports,
        tasks.items + appendix_items(review, inspection) + extra_items,
        tasks.section_report() + extra_sections,
        problems,
    )
