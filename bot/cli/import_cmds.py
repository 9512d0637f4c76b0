"""``nhacviec plan import FILE``: a signed plan (DOCX/XLSX/CSV/PDF) → a plan file + a review report."""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path

import yaml

from bot.cli.import_agencies import check_agencies, print_agency_check
from bot.cli.render import print_json
from bot.domain.plan import PlanFileError, build_plan
from bot.domain.plan_table import ImportResult, interpret
from bot.domain import texts as T
from bot.domain.texts import imports as import_texts
from bot.imports import ImportFileError, read_document
from bot.imports.plan_yaml import plan_yaml


def add_commands(plan_subparsers) -> None:
    """Register ``plan import`` under the ``plan`` command group."""
    ps = plan_subparsers.add_parser(
        "import", help="đọc kế hoạch đã ký (.docx, .xlsx, .csv, .pdf) thành tệp kế hoạch YAML"
    )
    ps.add_argument("file")
    ps.add_argument("--out", help="tệp kế hoạch YAML sẽ ghi (mặc định: TÊN_TỆP.yaml ở thư mục hiện tại)")
    ps.add_argument("--force", action="store_true", help="ghi đè nếu tệp --out đã có")
    ps.add_argument(
        "--agencies",
        help="tệp danh mục cơ quan để đối chiếu tên cơ quan (mặc định: danh mục đã nạp bằng init, nếu cùng tỉnh)",
    )
    ps.add_argument("--json", action="store_true", help="in báo cáo xem lại dạng JSON")
    ps.set_defaults(func=cmd_plan_import)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def cmd_plan_import(app, args: Namespace) -> int:
    """Read the file, write the plan file, print the review report (text, or JSON with --json)."""
    source = Path(args.file)
    out = Path(args.out) if args.out else Path(source.stem + ".yaml")
    if out.exists() and not args.force:
        return _fail(import_texts.ERR_OUT_EXISTS.format(file=out))
    try:
        doc = read_document(source)
    except ImportFileError as e:
        return _fail(str(e))
    result = interpret(doc)
    if not any(t.kind == "tasks" for t in result.tables):
        return _fail(import_texts.ERR_NO_TABLE.format(file=source))
    text = plan_yaml(result.tree, source.name)
    try:
        plan = build_plan(yaml.safe_load(text))
    except PlanFileError as e:
        return _fail(import_texts.ERR_INVALID.format(file=source, detail=e.message))
    check = check_agencies(app, args, plan, result)
    out.write_text(text, encoding="utf-8")
    if args.json:
        print_json({"file": str(source), "out": str(out), **result.report(), "agencies": check})
        return 0
    _print_report(result, source)
    print_agency_check(check, plan.province)
    if check["directory"]:
        print(T.IMPORT_NEXT.format(out=out, directory=check["directory"]))
    else:
        print(import_texts.WRITTEN.format(out=out))
    return 0


def _print_report(result: ImportResult, source: Path) -> None:
    tree, h = result.tree, result.heading
    counts = {
        t: sum(1 for i in result.items if i.get("type") == kind) for t, kind in (("r", "review"), ("i", "inspection"))
    }
    print(
        import_texts.SUMMARY.format(
            file=source.name,
            title=tree["title"],
            id=tree["id"],
            year=tree["year"],
            tasks=len(result.items) - counts["r"] - counts["i"],
            sections=len(result.sections),
            reviews=counts["r"],
            inspections=counts["i"],
        )
    )
    print(
        import_texts.ISSUED.format(
            kind=import_texts.KIND.get(h.kind, h.kind),
            number=h.number or import_texts.NO_NUMBER,
            date=h.date_text,
            issuer=h.issuer or "?",
        )
    )
    for t in result.tables:
        cols = ", ".join(f"{role}={col}" for role, col in t.columns.items())
        print(
            import_texts.TABLE_LINE.format(
                table=t.table, kind=import_texts.TABLE_KIND[t.kind], rows=t.rows, columns=cols or "—"
            )
        )
    for s in result.sections:
        print(import_texts.SECTION_LINE.format(code=s["code"], title=s["title"], rows=s["rows"]))
    if result.problems:
        print(import_texts.PROBLEMS.format(n=len(result.problems)))
        for p in result.problems:
            print(import_texts.PROBLEM.format(place=p.place, reason=p.reason, text=f": “{p.text}”" if p.text else ""))
    else:
        print(import_texts.NO_PROBLEMS)
