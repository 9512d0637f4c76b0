"""Rows of a task table → sections and tasks: numbering 1, 1.1, a, "-", continuation rows, group headings.

Numbering scheme (see ``bot.domain.codes``): a row numbered "1.1" keeps that number; "a" under task 2
becomes "2.a"; a "-" row with its own agencies or deadline becomes "2.1", "2.2" … under the task above
(a "-" row without them, or a row without a number, continues the row above). A numbered row with no
lead, coordinating agency, deadline nor product, followed by its sub-rows, is a group heading: not a
task; its sub-rows carry its text as ``group``.
"""

from __future__ import annotations

import re

from bot.domain.plan_source import Problem
from bot.domain.folding import key

_ROMAN = re.compile(r"^([IVXLC]+)[.):]?$")
_ROMAN_LINE = re.compile(r"^([IVXLC]+)[.):]\s*(\S.*)$", re.DOTALL)
_TOP = re.compile(r"^(\d+)[.)]?$")
_SUB = re.compile(r"^(\d+(?:\.\d+)+)[.)]?$")
_LETTER = re.compile(r"^([a-zđ])[.)]?$")
_DASH = re.compile(r"^[-–—+•*]$")
_FIELDS = ("lead", "coordinating", "deadline", "product")
_MARKS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


def row_text(row) -> str:
    """The distinct non-empty cells of a row, joined (merged cells repeat their text: shown once)."""
    out: list[str] = []
    for c in row:
        c = (c or "").strip()
        if c and (not out or out[-1] != c):
            out.append(c)
    return " | ".join(out)


def is_column_numbers(row) -> bool:
    """The "(1) (2) (3) …" row under a header."""
    cells = [c.strip() for c in row if c and c.strip()]
    return len(cells) >= 3 and all(re.fullmatch(r"\(?\d{1,2}\)?", c) for c in cells) and len(set(cells)) == len(cells)


def roman_row(row, roles: dict[int, str] | None = None) -> tuple[str, str] | None:
    """("II", "title") for a section row: "II" + a title, or "II. title" merged across the row."""
    cells = [(c or "").strip() for c in row]
    distinct = [c for i, c in enumerate(cells) if c and c not in cells[:i]]
    if len(distinct) == 1:
        m = _ROMAN_LINE.match(distinct[0])
        return (m.group(1), m.group(2).strip()) if m else None
    if len(distinct) == 2:
        m = _ROMAN.match(distinct[0])
        if m and (roles is None or cells.index(distinct[0]) in roles and roles[cells.index(distinct[0])] == "number"):
            return m.group(1), distinct[1]
    return None


class TaskRows:
    """Collects the rows of every task table of a document (tables after the first continue it)."""

    def __init__(self, problems_sink: list):
        self.problems = problems_sink
        self.sections: list[dict] = []  # {"number", "title", "tasks": [...]} in order
        self.items: list[dict] = []  # report rows: code, section, table, row, content, lead, deadline
        self._codes: dict[str, str] = {}
        self._top: str = ""
        self._dashes: dict[str, int] = {}
        self._last: dict | None = None

    def _problem(self, table, i, col, text, reason):
        self.problems.append(Problem(table.name, table.row_label(i), col, text, reason))

    def _section(self, number: str, title: str) -> dict:
        sec = {"number": number, "title": title, "tasks": []}
        self.sections.append(sec)
        self._top, self._dashes, self._last = "", {}, None
        return sec

    def read(self, table, roles: dict[int, str], body) -> None:
        """Add the body rows (index, cells) of one task table."""
        col = {r: j for j, r in roles.items()}
        for j, r in roles.items():
            col.setdefault(r, j)
        known = set(col.values())

        def get(row, role):
            j = col.get(role)
            return row[j] if j is not None and j < len(row) else ""

        for i, row in body:
            heading = roman_row(row, roles)
            if heading:
                self._section(*heading)
                continue
            number, content = get(row, "number").strip(), get(row, "content")
            values = {f: get(row, f) for f in _FIELDS}
            for j, c in enumerate(row):
                if c and j not in known and c not in (row[k] for k in known if k < len(row)):
                    self._problem(table, i, table.column_label(j), c, "ô không thuộc cột nào của kế hoạch")
            path = self._path(number, content, values, table, i)
            if path is None:
                continue
            if path == "":  # continuation of the row above
                if self._last is None:
                    self._problem(
                        table,
                        i,
                        table.column_label(col.get("content", 0)),
                        row_text(row),
                        "dòng không có số thứ tự và không có dòng nào phía trên để nối vào",
                    )
                    continue
                self._last["content"] = "\n".join(x for x in (self._last["content"], content) if x)
                for f in _FIELDS:
                    if values[f] and values[f] != self._last.get(f, ""):
                        self._last[f] = "\n".join(x for x in (self._last.get(f, ""), values[f]) if x)
                continue
            if not self.sections:
                self._section("", "")
            sec = self.sections[-1]
            code = f"{path}.{sec['number']}" if sec["number"] else path
            if code in self._codes:
                self._problem(
                    table,
                    i,
                    table.column_label(col.get("number", 0)),
                    number,
                    f"số thứ tự trùng với dòng {self._codes[code]} (mã {code})",
                )
                continue
            self._codes[code] = f"{table.name}, dòng {table.row_label(i)}"
            task = {
                "number": int(path) if path.isdigit() else path,
                "content": content,
                **{f: values[f] for f in _FIELDS},
            }
            sec["tasks"].append(task)
            self._last = task
            self.items.append(
                {"code": code, "section": sec["number"], "table": table.name, "row": table.row_label(i), "_task": task}
            )
            if not content:
                self._problem(table, i, table.column_label(col.get("content", 0)), "", "thiếu nội dung nhiệm vụ")

    def _path(self, number: str, content: str, values: dict, table, i) -> str | None:
        has_own = any(values[f] for f in ("lead", "deadline"))
        if not number and content.startswith(("- ", "+ ", "– ")) and has_own:
            number = "-"
        if not number:
            return ""
        m = _TOP.match(number)
        if m:
            self._top = str(int(m.group(1)))
            return self._top
        m = _SUB.match(number)
        if m:
            return m.group(1)
        m = _LETTER.match(number)
        if m:
            return f"{self._top}.{m.group(1)}" if self._top else m.group(1)
        if _DASH.match(number):
            if not has_own:
                return ""
            parent = self._top or "0"
            self._dashes[parent] = self._dashes.get(parent, 0) + 1
            return f"{parent}.{self._dashes[parent]}" if self._top else str(self._dashes[parent])
        self._problem(table, i, "STT", number, "không hiểu số thứ tự (dùng 1, 1.1, a, - hoặc I, II cho mục)")
        return None

    def footnotes(self, paragraphs) -> None:
        """ "¹ Chỉ tiêu …" paragraphs after a table: footnotes of the task whose content carries the mark."""
        for p in paragraphs:
            m = re.match(r"^([¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*(.+)$", p.strip())
            if not m:
                continue
            for item in self.items:
                if m.group(1) in item["_task"]["content"]:
                    item["_task"].setdefault("footnotes", []).append(m.group(2).strip())
                    break

    def _headings(self) -> None:
        """Numbered rows with nothing but content, followed by their sub-rows: group headings."""
        for sec in self.sections:
            keep = []
            tasks = sec["tasks"]
            for n, t in enumerate(tasks):
                path = str(t["number"])
                children = [c for c in tasks[n + 1 :] if str(c["number"]).startswith(path + ".")]
                if children and not any(t[f] for f in _FIELDS):
                    for c in children:
                        c["group"] = "\n".join(x for x in (c.get("group", ""), t["content"]) if x)
                    self.items = [i for i in self.items if i["_task"] is not t]
                    continue
                keep.append(t)
            sec["tasks"] = keep

    def tree(self) -> tuple[list[dict], list[dict]]:
        """(sections, tasks of a table without sections) for the plan file."""
        self._headings()
        for item in self.items:
            t = item.pop("_task")
            item.update(
                content=t["content"].splitlines()[0] if t["content"] else "", lead=t["lead"], deadline=t["deadline"]
            )
            item["_t"] = t
        for sec in self.sections:
            for t in sec["tasks"]:
                for f in ("coordinating", "product"):
                    if not t[f]:
                        del t[f]
        if len(self.sections) == 1 and not self.sections[0]["number"]:
            return [], self.sections[0]["tasks"]
        if any(not s["number"] for s in self.sections):
            first = self.sections[0]
            if not first["number"] and not first["tasks"]:
                self.sections.pop(0)
        return self.sections, []

    def section_report(self) -> list[dict]:
        for item in self.items:
            item.pop("_t", None)
        return [{"code": s["number"] or "NV", "title": s["title"], "rows": len(s["tasks"])} for s in self.sections]

    def mentioning(self, roman: str) -> dict | None:
        """The task whose content refers to "Phụ lục <roman>" (the appendix's parent task)."""
        arabic = {"I": "1", "II": "2"}.get(roman, roman)
        pat = re.compile(rf"\bphu luc\s+({roman.lower()}|{arabic})\b")
        for item in self.items:
            t = item.get("_t") or item.get("_task")
            if t and pat.search(key(t["content"])):
                return {"code": item["code"], "lead": t["lead"], "deadline": t["deadline"]}
        return None
