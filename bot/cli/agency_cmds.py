"""Agency commands: list the directory (or the retired agencies), import communes from a CSV."""

from __future__ import annotations

from argparse import Namespace

from bot.cli.plan_cmds import CliError
from bot.cli.render import print_json, table
from bot.domain import texts
from bot.files import read_communes_csv
from bot.plan_loading import read_directory, read_plan, recorded_files


def cmd_agencies_list(app, args: Namespace) -> int:
    """The agencies of the current directory; ``--retired``: those no longer in it (history kept)."""
    app.require_schema()
    retired = getattr(args, "retired", False)
    data = app.store.agencies(kind=args.kind, retired=retired)
    if args.json:
        print_json(data)
    elif not data:
        print(texts.AGENCIES_NONE)
    elif retired:
        table(
            texts.AGENCY_RETIRED_HEADERS,
            [(d["key"], d["name"], texts.AGENCY_KIND.get(d["kind"], d["kind"]), _retired_state(d)) for d in data],
        )
    else:
        table(texts.AGENCY_HEADERS, [(d["key"], d["name"], texts.AGENCY_KIND.get(d["kind"], d["kind"])) for d in data])
    return 0


def _retired_state(d: dict) -> str:
    """ "đã ngừng, nhiệm vụ chuyển cho Sở Nội vụ" when a successor took over, else "đã ngừng (…)"."""
    if d.get("successor"):
        return texts.AGENCY_SUCCEEDED.format(successor=d.get("successor_name") or d["successor"])
    return texts.AGENCY_RETIRED


def cmd_agencies_import(app, args: Namespace) -> int:
    """Add communes, then reload the plan ``init`` loaded (recorded in the database, never the settings'
    defaults) so groups such as "UBND cấp xã" include them."""
    app.require_schema()
    recorded = recorded_files(app.store, plan_slug=app.plan_slug)
    if recorded is None:
        raise CliError(texts.ERR_NO_SOURCES)
    plan, _ = read_plan(recorded[0])
    directory, _ = read_directory(recorded[1])
    communes = read_communes_csv(args.file, app.store.known_directory(directory=directory))
    added, updated, report = app.store.import_agencies(
        agencies=communes, plan=plan, directory=directory, now=app.clock.now(), source_file=recorded[0].path
    )
    if args.json:
        moved = [{"code": c, "from": f, "to": t} for c, f, t in report.moved]
        print_json({"added": added, "updated": updated, "assignments_added": report.assignments_added, "moved": moved})
    else:
        print(texts.IMPORT_DONE.format(added=len(added), updated=len(updated), assignments=report.assignments_added))
        if report.moved:
            print(texts.INIT_MOVED.format(n=len(report.moved), agencies=len({f for _, f, _ in report.moved})))
    return 0
