"""The agency part of ``plan import``'s review report: every name in a lead/coordinating cell that the
directory cannot resolve, with its place in the source and the ``directory add`` command that adds it."""

from __future__ import annotations

from argparse import Namespace

from bot.domain import texts
from bot.domain.agency_text import UNKNOWN, VAGUE
from bot.domain.errors import DatabaseUnusable
from bot.domain.interpret import interpret_plan
from bot.domain.plan import Plan
from bot.domain.plan_table import ImportResult
from bot.domain.folding import same_province
from bot.plan_loading import Source, read_directory, recorded_files


def _directory_source(app, args: Namespace, plan: Plan) -> Source | None:
    """``--agencies``, else the directory ``init`` recorded in the database when it is of the plan's province."""
    if getattr(args, "agencies", None):
        return Source(args.agencies)
    try:
        recorded = recorded_files(app.store, plan_slug=None)
    except DatabaseUnusable:
        return None
    if recorded is None:
        return None
    directory, _ = read_directory(recorded[1])
    return recorded[1] if same_province(directory.province, plan.province) else None


def _places(result: ImportResult) -> dict[str, tuple[str, str, dict[str, str]]]:
    """Item code → (table, row, {role: column label}) in the source document."""
    columns = {t.table: t.columns for t in result.tables}
    return {
        i["code"]: (i.get("table", ""), str(i.get("row", "")), columns.get(i.get("table", ""), {}))
        for i in result.items
    }


def check_agencies(app, args: Namespace, plan: Plan, result: ImportResult) -> dict:
    """{"directory": path or None, "unknown": [...], "vague": [...]}: each entry has the item code, cell
    (lead/coordinating), text, table, row, column and (unknown names) the command adding it."""
    source = _directory_source(app, args, plan)
    if source is None:
        return {"directory": None, "unknown": [], "vague": []}
    directory, _ = read_directory(source)
    places = _places(result)
    unknown, vague = [], []
    for spec in interpret_plan(plan, directory):
        table, row, columns = places.get(spec.code, ("", "", {}))
        for u in spec.unresolved:
            entry = {
                "code": spec.code,
                "cell": u.cell,
                "text": u.text,
                "table": table,
                "row": row,
                "column": columns.get(u.cell, ""),
            }
            if u.reason == UNKNOWN:
                entry["command"] = f"nhacviec directory add {_quoted(source.path)} {_quoted(u.text, always=True)}"
                unknown.append(entry)
            elif u.reason == VAGUE:
                vague.append(entry)
    return {"directory": source.path, "unknown": unknown, "vague": vague}


def _quoted(text: str, always: bool = False) -> str:
    """A command-line argument in double quotes (works in every shell a clerk meets) when needed."""
    if always or any(c.isspace() or c in "'\"&;|<>()$`" for c in text):
        return '"' + text.replace('"', '\\"') + '"'
    return text


def _place(e: dict) -> str:
    parts = [e["table"] or e["code"]]
    if e["row"]:
        parts.append(f"dòng {e['row']}")
    if e["column"]:
        parts.append(f"cột {e['column']}")
    return f"{', '.join(parts)} (mục {e['code']})"


def print_agency_check(check: dict, province: str) -> None:
    """The text report: unknown names with their place and the command; vague phrases for the coordinator."""
    if check["directory"] is None:
        print(texts.IMPORT_NO_DIRECTORY.format(province=province or "…"))
        return
    if not check["unknown"]:
        print(texts.IMPORT_ALL_KNOWN.format(directory=check["directory"]))
    else:
        print(texts.IMPORT_UNKNOWN_HEAD.format(directory=check["directory"], n=len(check["unknown"])))
        for e in check["unknown"]:
            print(
                texts.IMPORT_UNKNOWN_LINE.format(
                    place=_place(e), cell=texts.IMPORT_COLUMN[e["cell"]], text=e["text"], command=e["command"]
                )
            )
    if check["vague"]:
        print(texts.IMPORT_VAGUE_HEAD.format(n=len(check["vague"])))
        for e in check["vague"]:
            print(texts.IMPORT_VAGUE_LINE.format(place=_place(e), cell=texts.IMPORT_COLUMN[e["cell"]], text=e["text"]))
