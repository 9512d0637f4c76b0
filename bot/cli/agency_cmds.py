"""Agency commands: list the directory, import communes from a CSV."""

from __future__ import annotations

from argparse import Namespace

from bot.cli.render import print_json, table
from bot.domain import texts
from bot.files import load_directory, load_plan, read_communes_csv


def cmd_agencies_list(app, args: Namespace) -> int:
    app.require_schema()
    data = app.store.agencies(kind=args.kind)
    if args.json:
        print_json(data)
    else:
        table(texts.AGENCY_HEADERS, [(d["key"], d["name"], texts.AGENCY_KIND[d["kind"]]) for d in data])
    return 0


def cmd_agencies_import(app, args: Namespace) -> int:
    """Add communes, then reload the plan so groups such as "UBND cấp xã" include them."""
    app.require_schema()
    plan = load_plan(app.settings.plan_file)
    directory = load_directory(app.settings.agencies_file)
    communes = read_communes_csv(args.file, app.store.known_directory(directory=directory))
    added, updated, report = app.store.import_agencies(agencies=communes, plan=plan, directory=directory,
                                                       now=app.clock.now(), source_file=str(app.settings.plan_file))
    if args.json:
        print_json({"added": added, "updated": updated, "assignments_added": report.assignments_added})
    else:
        print(texts.IMPORT_DONE.format(added=len(added), updated=len(updated), assignments=report.assignments_added))
    return 0
