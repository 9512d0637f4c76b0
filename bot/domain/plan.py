"""The plan as data: items (tasks, review deadlines, inspections) built from a plan file's tree.

``build_plan`` takes the already-parsed tree (dicts and lists; mappings may carry a
``line`` attribute) and validates it, raising ``PlanFileError`` with the line at fault.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from bot.domain import texts as T
from bot.domain.codes import inspection_code, review_code, roman_to_int, task_code

TASK, REVIEW, INSPECTION = "task", "review", "inspection"

# A plan whose task table has no sections ("I. …" rows) keeps its tasks under top-level ``tasks:``;
# they live in this section (never shown in codes: task 3 of such a plan is "3", sub-row 1.1 is "1.1").
DEFAULT_SECTION = "NV"
DEFAULT_SECTION_TITLE = "Nhiệm vụ"

# A task's number as the plan prints it: 3, "1.1", "2.a", "a" (sub-numbering; letters are lower case).
_PATH_RE = re.compile(r"^(\d+|[a-zđ])(\.(\d+|[a-zđ]))*$")


class PlanFileError(ValueError):
    """A malformed plan or directory tree; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Item:
    code: str
    type: str
    section: str  # "II" for tasks, "PL1", "PL2.II"
    section_title: str
    number: int
    position: int  # order within the plan
    content: str
    lead_text: str
    coordinating_text: str = ""
    deadline_text: str = ""
    product: str = ""
    footnotes: tuple[str, ...] = ()
    notes: str = ""
    subject_text: str = ""  # inspections: the unit inspected
    surprise: bool = False  # inspections never announced to the unit
    line: int | None = None

    @property
    def title(self) -> str:
        return short_title(self.content)


@dataclass(frozen=True)
class Plan:
    id: str
    year: int
    province: str
    issuer: str
    title: str
    signer: str = ""
    decision_number: str = ""
    decision_date: date | None = None
    decision_date_text: str = ""
    items: tuple[Item, ...] = ()
    review_notes: tuple[str, ...] = ()
    section_titles: dict = field(default_factory=dict)
    letter: dict = field(default_factory=dict)  # the optional ``letter:`` block (see bot.domain.report_data)
    # The plan's period of validity (``span:`` or ``period:`` in the file). ``span_from`` None: the plan
    # year; ``span_to`` None with a ``span_from``: open-ended (runs until the plan is closed or amended).
    span_from: date | None = None
    span_to: date | None = None

    @property
    def span(self) -> tuple[date, date | None]:
        """(first day, last day or None when open-ended); the plan year when the file names no span."""
        if self.span_from is None:
            return date(self.year, 1, 1), date(self.year, 12, 31)
        return self.span_from, self.span_to

    # An appendix that details a task ("parent_task: 2.II"): task code → the appendix's section prefix
    # ("PL1", "PL2"); the agencies of its rows have their share of the task tracked there (bot.domain.shares).
    parent_tasks: dict = field(default_factory=dict)

    def item(self, code: str) -> Item | None:
        return next((i for i in self.items if i.code == code), None)

    def count(self, type_: str, section: str | None = None) -> int:
        return sum(1 for i in self.items if i.type == type_ and (section is None or i.section == section))


# Words a short title must not end on: it would read as cut mid-phrase ("… thủ tục hành chính gồm").
DANGLING = frozenset(
    "gồm bao về của và cho với tại theo trong các những để đối là như sau từ đến trên đã được "
    "hoặc nhằm thuộc việc một số sau:".split()
)


def short_title(content: str, limit: int = 90) -> str:
    """First line of a content cell, cut at ``limit`` characters on a word; never ending on a dangling word
    ("gồm", "về", "của"…) or a colon."""
    lines = [line.strip() for line in content.strip().splitlines() if line.strip()]
    first = lines[0] if lines else ""
    for line in lines[1:]:  # a sentence broken across lines ("… các nhiệm vụ về" / "kiểm soát TTHC")
        if (
            _without_dangling(first) != first.rstrip(" ,;:–-")
            and not line.startswith(("-", "+", "•", "*"))
            and not first.endswith(":")
            and len(first) <= limit
        ):
            first += " " + line
        else:
            break
    first = first.rstrip(":").rstrip(".").strip()
    if len(first) <= limit:
        whole = _without_dangling(first)
        return whole if whole == first else whole + "…"
    cut = first[:limit].rsplit(" ", 1)[0]
    return _without_dangling(cut) + "…"


def _without_dangling(text: str) -> str:
    words = text.rstrip(" ,;:–-").split()
    while len(words) > 3 and words[-1].lower().strip(",;:–-") in DANGLING:
        words.pop()
    return " ".join(words).rstrip(" ,;:–-")


def _line(node) -> int | None:
    return getattr(node, "line", None)


def _get(node, key: str, kind: type | tuple = str, required: bool = True, default=None):
    if not isinstance(node, dict):
        raise PlanFileError(T.PLAN_ERR_MAPPING.format(field=key), _line(node))
    if key not in node or node[key] is None:
        if required:
            raise PlanFileError(T.PLAN_ERR_MISSING.format(field=key), _line(node))
        return default
    value = node[key]
    if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, kind):
        if isinstance(value, date) and kind is str:  # an ISO date YAML read as a date: write it as text
            raise PlanFileError(
                T.PLAN_ERR_ISO_DATE.format(
                    field=key, value=value.isoformat(), vn=f"{value.day}/{value.month}/{value.year}"
                ),
                _line(node),
            )
        kinds = (kind,) if isinstance(kind, type) else kind
        want = " hoặc ".join(T.PLAN_TYPE.get(k.__name__, k.__name__) for k in kinds)
        got = type(value).__name__
        raise PlanFileError(T.PLAN_ERR_TYPE.format(field=key, want=want, got=T.PLAN_TYPE.get(got, got)), _line(node))
    return value


def _text(node, key: str, required: bool = True) -> str:
    return _get(node, key, str, required, "").strip()


def _list(node, key: str, required: bool = True) -> list:
    return _get(node, key, list, required, [])


def _number(node) -> int:
    n = _get(node, "number", (int, str))
    if isinstance(n, str) and n.strip().isdigit():
        n = int(n)
    if not isinstance(n, int) or n < 1:
        raise PlanFileError(T.PLAN_ERR_NUMBER.format(n=n), _line(node))
    return n


def _task_path(node) -> tuple[str, int]:
    """A task's printed number ("3", "1.1", "2.a", "a") and its first part as a whole number.

    A number written as 1.1 without quotes is a decimal to YAML (1.10 would read as 1.1): refused.
    """
    n = _get(node, "number", (int, str, float))
    if isinstance(n, float):
        raise PlanFileError(f'số thứ tự {n!r} phải đặt trong ngoặc kép, ví dụ number: "{n}"', _line(node))
    if isinstance(n, int):
        if isinstance(n, bool) or n < 1:
            raise PlanFileError(T.PLAN_ERR_NUMBER.format(n=n), _line(node))
        return str(n), n
    path = n.strip().lower().rstrip(".)")
    if not _PATH_RE.match(path) or path.split(".")[0] == "0":
        raise PlanFileError(f'số thứ tự {n!r} không hợp lệ (viết 3, "1.1", "2.a" hoặc "a")', _line(node))
    head = path.split(".")[0]
    return path, int(head) if head.isdigit() else "abcdđefghijklmnopqrstuvwxyz".index(head) + 1


def build_plan(tree) -> Plan:
    if not isinstance(tree, dict):
        raise PlanFileError(T.PLAN_ERR_TOP, _line(tree))
    year = _get(tree, "year", int)
    decision = _get(tree, "decision", dict, required=False, default={}) or {}
    raw_date = decision.get("date") if isinstance(decision, dict) else None
    decision_date = raw_date if isinstance(raw_date, date) else None
    items: list[Item] = []
    seen: dict[str, int | None] = {}
    section_titles: dict[str, str] = {}
    parent_tasks: dict[str, str] = {}

    def add(item: Item) -> None:
        if item.code in seen:
            raise PlanFileError(T.PLAN_ERR_DUPLICATE.format(code=item.code, first=seen[item.code]), item.line)
        seen[item.code] = item.line
        items.append(item)

    _read_tasks(tree, "", add, items, section_titles)
    taken = {"PL1"} if tree.get("appendix_review") else set()
    taken |= {"PL2"} if tree.get("appendix_inspection") else set()
    for appx in _list(tree, "appendix_tasks", False):  # further task tables, each its own codes (PL3.1)
        n = _number(appx)
        if f"PL{n}" in taken:
            raise PlanFileError(T.PLAN_ERR_APPENDIX_TAKEN.format(n=n), _line(appx))
        taken.add(f"PL{n}")
        _read_tasks(appx, f"PL{n}", add, items, section_titles)
        _parent_task(appx, f"PL{n}", parent_tasks)

    review = _get(tree, "appendix_review", dict, required=False)
    review_notes: tuple[str, ...] = ()
    if review:
        title = _text(review, "title")
        section_titles["PL1"] = title
        review_notes = tuple(str(x).strip() for x in _list(review, "notes", False))
        _parent_task(review, "PL1", parent_tasks)
        for r in _list(review, "items"):
            n = _number(r)
            dept = _text(r, "department").strip().rstrip(":").strip()  # "Sở Y tế:" in the signed appendix
            fields_ = _text(r, "fields")
            add(
                Item(
                    code=review_code(n),
                    type=REVIEW,
                    section="PL1",
                    section_title=title,
                    number=n,
                    position=len(items),
                    content=f"Rà soát, đơn giản hóa TTHC: {_fields_list(fields_)}",
                    lead_text=dept,
                    deadline_text=_text(r, "deadline"),
                    notes=fields_,
                    product="",
                    line=_line(r),
                )
            )  # the appendix names no product: none is invented

    insp = _get(tree, "appendix_inspection", dict, required=False)
    if insp:
        title = _text(insp, "title")
        deadline = _text(insp, "deadline")
        inspector = _text(insp, "inspector")
        _parent_task(insp, "PL2", parent_tasks)
        for g in _list(insp, "groups"):
            groman = _text(g, "number").upper()
            if roman_to_int(groman) is None:
                raise PlanFileError(T.PLAN_ERR_GROUP.format(roman=groman), _line(g))
            gtitle = _text(g, "title")
            section_titles[f"PL2.{groman}"] = f"{title} — {groman}. {gtitle}"
            units = _list(g, "units")
            notes = _row_notes(g, len(units))
            for idx, unit in enumerate(units, 1):
                if not isinstance(unit, str) or not unit.strip():
                    raise PlanFileError(T.PLAN_ERR_UNIT.format(idx=idx, group=groman), _line(g))
                note, surprise = notes.get(idx, ("", False))
                add(
                    Item(
                        code=inspection_code(groman, idx),
                        type=INSPECTION,
                        section=f"PL2.{groman}",
                        section_title=gtitle,
                        number=idx,
                        position=len(items),
                        content="Kiểm tra công tác kiểm soát TTHC, cơ chế một cửa, một cửa liên thông tại "
                        + unit.strip(),
                        lead_text=inspector,
                        deadline_text=deadline,
                        notes=note,
                        subject_text=unit.strip(),
                        surprise=surprise,
                        product="",
                        line=_line(g),
                    )
                )  # no product in the appendix

    span_from, span_to = read_span(tree, year) if ("span" in tree or "period" in tree) else (None, None)
    return Plan(
        span_from=span_from,
        span_to=span_to,
        id=_text(tree, "id"),
        year=year,
        province=_text(tree, "province"),
        issuer=_text(tree, "issuer"),
        title=_text(tree, "title"),
        signer=_text(tree, "signer", False),
        decision_number=str(decision.get("number") or "").strip() if isinstance(decision, dict) else "",
        decision_date=decision_date,
        decision_date_text=str(decision.get("date_text") or "").strip() if isinstance(decision, dict) else "",
        items=tuple(items),
        review_notes=review_notes,
        section_titles=section_titles,
        parent_tasks=_checked_parents(parent_tasks, seen, tree),
        letter={str(k): str(v) for k, v in (_get(tree, "letter", dict, required=False, default={}) or {}).items()},
    )


def _read_tasks(tree, appendix: str, add, items: list, section_titles: dict) -> None:
    """The ``sections`` (or section-less ``tasks``) of the plan, or of an appendix task table when
    ``appendix`` is its prefix ("PL3": codes PL3.2, PL3.1.II; sections PL3, PL3.II)."""
    sections = _list(tree, "sections", required="tasks" not in tree)
    if sections and "tasks" in tree:
        raise PlanFileError("kế hoạch có cả 'sections' và 'tasks': dùng một trong hai", _line(tree))
    title = _text(tree, "title", False) if appendix else ""
    if not sections:  # a table without sections: one default section, codes without a roman part
        default = title if appendix else (_text(tree, "tasks_title", False) or DEFAULT_SECTION_TITLE)
        sections = [{"number": "", "title": default or DEFAULT_SECTION_TITLE, "tasks": _list(tree, "tasks")}]
    for sec in sections:
        roman = _text(sec, "number", False).upper() if "tasks" in tree else _text(sec, "number").upper()
        if roman and roman_to_int(roman) is None or not roman and "tasks" not in tree:
            raise PlanFileError(T.PLAN_ERR_SECTION.format(roman=roman), _line(sec))
        key = ".".join(x for x in (appendix, roman) if x) or DEFAULT_SECTION
        stitle = _text(sec, "title")
        section_titles[key] = f"{title} — {roman}. {stitle}" if appendix and roman else stitle
        for t in _list(sec, "tasks"):
            path, n = _task_path(t)
            code = task_code(path, roman)
            add(
                Item(
                    code=f"{appendix}.{code}" if appendix else code,
                    type=TASK,
                    section=key,
                    section_title=stitle,
                    number=n,
                    position=len(items),
                    content=_text(t, "content"),
                    lead_text=_text(t, "lead"),
                    coordinating_text=_text(t, "coordinating", False),
                    deadline_text=_text(t, "deadline"),
                    product=_text(t, "product", False),
                    footnotes=tuple(str(f).strip() for f in _list(t, "footnotes", False)),
                    line=_line(t),
                )
            )


_SPAN_TEXT = re.compile(r"^\s*(\d{4})\s*(?:(?:-|–|—|đến)\s*(\d{4})?)?\s*(\+|trở đi|và những năm tiếp theo)?\s*$")


def _span_end(value, year_end: bool, node) -> date | None:
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "open", "mở")):
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 1900 < value < 3000:
        return date(value, 12, 31) if year_end else date(value, 1, 1)
    raise PlanFileError(f"span: expected a year or a date, got {value!r}", _line(node))


def read_span(tree: dict, year: int) -> tuple[date, date | None]:
    """The plan's span from ``span:`` (or ``period:``): "2026-2030", "2027-" / "2027+" (open-ended), a year,
    or a mapping ``{from: 2026 | 2026-01-01, to: 2030 | 2030-12-31 | open}``; the plan year when absent."""
    raw = tree.get("span", tree.get("period"))
    if raw is None:
        return date(year, 1, 1), date(year, 12, 31)
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if isinstance(raw, str):
        m = _SPAN_TEXT.match(raw)
        if not m:
            raise PlanFileError(f"span: write '2026-2030', '2027-' or a mapping from/to, got {raw!r}", _line(tree))
        first = date(int(m.group(1)), 1, 1)
        dash = re.search(r"-|–|—|đến", raw) is not None
        if m.group(2):
            last = date(int(m.group(2)), 12, 31)
        else:
            last = None if (dash or m.group(3)) else date(int(m.group(1)), 12, 31)
    elif isinstance(raw, dict):
        first = _span_end(raw.get("from"), False, raw) or date(year, 1, 1)
        last = _span_end(raw.get("to"), True, raw)
    else:
        raise PlanFileError("span: expected text or a mapping", _line(tree))
    if last is not None and last < first:
        raise PlanFileError(f"span: ends ({last}) before it starts ({first})", _line(tree))
    return first, last


def _parent_task(node, prefix: str, out: dict[str, str]) -> None:
    """Remember ``parent_task:`` of an appendix (the task its rows detail)."""
    code = _text(node, "parent_task", False)
    if code:
        out[code] = prefix


def _checked_parents(parents: dict[str, str], codes: dict, tree) -> dict[str, str]:
    """``parent_task`` must name a task of the plan."""
    for code in parents:
        if code not in codes:
            raise PlanFileError(f"parent_task {code} không phải nhiệm vụ của kế hoạch", _line(tree))
    return parents


def _fields_list(fields: str) -> str:
    """ "Thủ tục hành chính các lĩnh vực: Hộ tịch; luật sư." → "Hộ tịch; luật sư."."""
    head, sep, tail = fields.partition(":")
    return tail.strip() if sep and "lĩnh vực" in head else fields


def _row_notes(group, n_units: int) -> dict[int, tuple[str, bool]]:
    """Expand the merged "Ghi chú" cells (row spans) to one note per row."""
    out: dict[int, tuple[str, bool]] = {}
    for note in _list(group, "notes", False):
        rows = _get(note, "rows", list)
        if len(rows) != 2 or not all(isinstance(r, int) for r in rows) or not 1 <= rows[0] <= rows[1] <= n_units:
            raise PlanFileError(T.PLAN_ERR_ROWS.format(n=n_units), _line(note))
        surprise = bool(_get(note, "surprise", bool, required=False, default=False))
        for r in range(rows[0], rows[1] + 1):
            if r in out:
                raise PlanFileError(T.PLAN_ERR_TWO_NOTES.format(row=r), _line(note))
            out[r] = (_text(note, "text"), surprise)
    return out
