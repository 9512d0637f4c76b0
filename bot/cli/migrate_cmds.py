"""`nhacviec migrate-to URL`: the upgrade path from SQLite to PostgreSQL (any pair works). Everything is
copied by the function the composition root hands over (storage.copy.copy_database), then every table
is counted on both sides; exit 2 when they differ or the copy was refused."""

from __future__ import annotations

import sys
from argparse import Namespace
from functools import partial
from typing import Callable

from bot.cli.render import print_json
from bot.domain.errors import DatabaseUnusable
from bot.domain.texts import migrate as T


def add_commands(sub, *, copy: Callable, errors: tuple[type[Exception], ...], safe_url: Callable[[str], str]) -> None:
    """Register `migrate-to`; ``copy(source_engine, url, force=, batch=, progress=)`` does the work,
    ``errors`` are its refusals (target not empty, same database), ``safe_url`` hides passwords."""
    s = sub.add_parser("migrate-to", help=T.HELP)
    s.add_argument("url", help=T.HELP_URL)
    s.add_argument("--force", action="store_true", help=T.HELP_FORCE)
    s.add_argument("--batch", type=int, default=5000, help=T.HELP_BATCH)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=partial(cmd_migrate_to, copy=copy, errors=errors, safe_url=safe_url))


def cmd_migrate_to(
    app, args: Namespace, *, copy: Callable, errors: tuple[type[Exception], ...], safe_url: Callable[[str], str]
) -> int:
    """Copy the configured database to ``args.url`` and compare the counts (0: all equal, 2: not)."""
    target = safe_url(args.url)
    quiet = args.json
    if not quiet:
        print(T.START.format(source=app.where, target=target), flush=True)
    progress = None if quiet else (lambda table, rows: print(T.TABLE_DONE.format(table=table, rows=rows), flush=True))
    try:
        report = copy(app.engine, args.url, force=args.force, batch=max(1, args.batch), progress=progress)
    except errors as e:
        tables = getattr(e, "tables", None)
        if tables and tables.get("audit_log") and args.force:
            print(T.ERR_AUDIT_HELD, file=sys.stderr)
            return 2
        if tables is not None:
            print(T.ERR_NOT_EMPTY.format(tables=", ".join(f"{t}: {n}" for t, n in tables.items())), file=sys.stderr)
        else:
            print(T.ERR_SAME.format(target=target), file=sys.stderr)
        return 2
    except DatabaseUnusable as e:
        print(T.ERR_COPY.format(target=target, detail=e), file=sys.stderr)
        return 2
    bad = [c for c in report.counts if not c.ok]
    if quiet:
        print_json(
            {
                "target": report.target,
                "ok": report.ok,
                "replaced": report.replaced,
                "tables": [{"table": c.table, "source": c.source, "target": c.target} for c in report.counts],
            }
        )
        return 0 if report.ok else 2
    if report.replaced:
        print(T.REPLACED.format(tables=len(report.replaced), rows=sum(report.replaced.values())))
    print(T.HEADER.format(table=T.COL_TABLE, source=T.COL_SOURCE, target=T.COL_TARGET))
    for c in report.counts:
        print(T.ROW.format(table=c.table, source=c.source, target=c.target, mark="" if c.ok else T.MISMATCH_MARK))
    if bad:
        print(T.MISMATCH.format(n=len(bad), tables=", ".join(c.table for c in bad)), file=sys.stderr)
        return 2
    print(T.OK.format(rows=report.rows, tables=len(report.counts), target=target))
    return 0
