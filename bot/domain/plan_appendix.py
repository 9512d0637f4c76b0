"""The appendices of a plan document, read from their tables: the review appendix (``appendix_review``),
the inspection appendix (``appendix_inspection``) and further task tables (``appendix_tasks``, each its
own codes PL1.3, PL3.1.II). ``bot.domain.plan_table`` finds the tables and calls these."""

from __future__ import annotations

import re

from bot.domain.codes import roman_to_int
from bot.domain.folding import key
from bot.domain.plan_rows import TaskRows, roman_row, row_text
from bot.domain.plan_source import Problem, SourceTable

NUMBER, CONTENT, LEAD, COORDINATING, DEADLINE, PRODUCT, FIELDS, UNIT, NOTES = (
    "number",
    "content",
    "lead",
    "coordinating",
    "deadline",
    "product",
    "fields",
    "unit",
    "notes",
)

APPENDIX_HEADING = re.compile(r"^phu luc\s+([ivxlc]+|\d+)\b(.*)$")


def sentence(text: str) -> str:
    if text != text.upper():
        return text
    low = text.lower()
    return low[:1].upper() + low[1:]


def task_appendices(tree: dict, appendices: list[tuple[str, str, TaskRows]]) -> tuple[list[dict], list[dict]]:
    """``appendix_tasks`` of the plan file: each further task table numbered by its "Phụ lục" (PL1.3,
    PL3.1.II), a number the review (PL1) or inspection (PL2) appendix holds going to the next free one.
    (report rows, report sections)."""
    taken = {1} if "appendix_review" in tree else set()
    taken |= {2} if "appendix_inspection" in tree else set()
    items: list[dict] = []
    sections: list[dict] = []
    out = []
    for appx, title, rows in appendices:
        n = int(appx) if appx.isdigit() else (roman_to_int(appx) or 1)
        while n in taken:
            n += 1
        taken.add(n)
        prefix = f"PL{n}"
        secs, loose = rows.tree()
        label = f"Phụ lục {appx}: {sentence(title)}" if title else f"Phụ lục {appx}"
        out.append({"number": n, "title": label, **({"sections": secs} if secs else {"tasks": loose})})
        for item in rows.items:
            item["code"] = f"{prefix}.{item['code']}"
            item["section"] = ".".join(x for x in (prefix, item["section"]) if x)
            item["type"] = "task"
        items += rows.items
        for sec in rows.section_report():
            sec["code"] = prefix if sec["code"] == "NV" else f"{prefix}.{sec['code']}"
            sections.append(sec)
    if out:
        tree["appendix_tasks"] = out
    return items, sections


def _cell(row: tuple[str, ...], roles: dict[int, str], role: str) -> str:
    j = next((j for j, r in roles.items() if r == role), None)
    return row[j] if j is not None and j < len(row) else ""


def review_appendix(table: SourceTable, roles, body, title: str, after: list[str], problems) -> dict:
    items = []
    for i, row in body:
        number = _cell(row, roles, NUMBER).rstrip(".")
        if not number.isdigit():
            problems.append(
                Problem(table.name, table.row_label(i), "", row_text(row), "dòng phụ lục rà soát không có số thứ tự")
            )
            continue
        items.append(
            {
                "number": int(number),
                "department": _cell(row, roles, LEAD) or _cell(row, roles, CONTENT),
                "fields": _cell(row, roles, FIELDS),
                "deadline": _cell(row, roles, DEADLINE),
                "_place": (table.name, table.row_label(i)),
            }
        )
    notes: list[str] = []
    start = next((n for n, p in enumerate(after) if key(p).startswith("ghi chu")), None)
    if start is not None:
        head = after[start]
        inline = head.split(":", 1)[1].strip() if ":" in head else ""
        notes = [inline] if inline else []
        for p in after[start + 1 :]:
            if APPENDIX_HEADING.match(key(p)):
                break
            if notes and not re.match(r"^[-–+•]\s", p):  # a line the PDF wrapped
                notes[-1] += " " + p.strip()
            else:
                notes.append(re.sub(r"^[-–+•]\s*", "", p).strip())
    return {"title": f"Phụ lục I: {sentence(title)}", "items": items, "notes": notes}


def inspection_appendix(table: SourceTable, roles, body, title: str, problems, going_on: dict | None) -> dict:
    """The inspection appendix; ``going_on``: the same appendix from the page before (continued)."""
    groups: list[dict] = going_on["_groups"] if going_on else []
    deadline, inspector = (going_on["deadline"], going_on["inspector"]) if going_on else ("", "")
    title = going_on["_title"] if going_on else title
    notes_col = next((j for j, r in roles.items() if r == NOTES), None)
    for i, row in body:
        sec = roman_row(row, roles)
        if sec:
            groups.append({"number": sec[0], "title": sec[1], "units": [], "_notes": []})
            continue
        number = _cell(row, roles, NUMBER).rstrip(".")
        unit = _cell(row, roles, UNIT) or _cell(row, roles, LEAD) or _cell(row, roles, CONTENT)
        if not number.isdigit() or not unit:
            problems.append(
                Problem(
                    table.name,
                    table.row_label(i),
                    "",
                    row_text(row),
                    "dòng phụ lục kiểm tra không có số thứ tự hoặc tên đơn vị",
                )
            )
            continue
        if not groups:
            groups.append({"number": "I", "title": "", "units": [], "_notes": []})
        groups[-1]["units"].append(unit)
        groups[-1]["_notes"].append(row[notes_col] if notes_col is not None and notes_col < len(row) else "")
        deadline = deadline or _cell(row, roles, DEADLINE)
    out_groups = []
    for group in groups:
        g = {k: v for k, v in group.items() if k != "_notes"}
        out_groups.append(g)
        runs: list[dict] = []
        for n, text in enumerate(group["_notes"], 1):
            if text and runs and runs[-1]["text"] == text and runs[-1]["rows"][1] == n - 1:
                runs[-1]["rows"][1] = n
            elif text:
                runs.append({"rows": [n, n], "text": text})
        for r in runs:
            if "dot xuat" in key(r["text"]):
                r["surprise"] = True
        if runs:
            g["notes"] = runs
    return {
        "title": f"Phụ lục II: {sentence(title)}" if title else "Phụ lục II",
        "deadline": deadline,
        "inspector": inspector,
        "groups": out_groups,
        "_groups": groups,
        "_title": title,
    }


def appendix_items(review: dict | None, inspection: dict | None) -> list[dict]:
    out = []
    for r in (review or {}).get("items", []):
        table, row = r.pop("_place")
        out.append(
            {
                "code": f"PL1.{r['number']}",
                "type": "review",
                "table": table,
                "row": row,
                "lead": r["department"],
                "deadline": r["deadline"],
            }
        )
    for g in (inspection or {}).get("groups", []):
        for n, unit in enumerate(g["units"], 1):
            out.append({"code": f"PL2.{g['number']}.{n}", "type": "inspection", "unit": unit})
    return out
