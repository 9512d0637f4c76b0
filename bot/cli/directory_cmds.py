"""`nhacviec directory new|add`: a post-2025 agency directory for any province, and one more body."""

from __future__ import annotations

import sys
from argparse import Namespace

from bot.cli.render import print_json
from bot.domain.agencies import KINDS
from bot.domain.texts import directory as directory_texts
from bot.files.directory_new import DirectoryError, add_agency, write_new


def add_commands(sub) -> None:
    """Register `directory new` and `directory add` on the top-level subparsers."""
    s = sub.add_parser("directory", help=directory_texts.HELP_DIRECTORY)
    dsub = s.add_subparsers(dest="directory_command", required=True)
    d = dsub.add_parser("new", help=directory_texts.HELP_NEW)
    d.add_argument("--province", required=True, help=directory_texts.HELP_PROVINCE)
    d.add_argument("--out", required=True, help=directory_texts.HELP_OUT)
    d.add_argument("--force", action="store_true", help=directory_texts.HELP_FORCE)
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=cmd_directory_new)
    d = dsub.add_parser("add", help=directory_texts.HELP_ADD)
    d.add_argument("file", help=directory_texts.HELP_FILE)
    d.add_argument("name", help=directory_texts.HELP_NAME)
    d.add_argument("--alias", action="append", default=[], help=directory_texts.HELP_ALIAS)
    d.add_argument("--kind", default="department", choices=KINDS, help=directory_texts.HELP_KIND)
    d.add_argument("--key", help=directory_texts.HELP_KEY)
    d.add_argument("--parent", help=directory_texts.HELP_PARENT)
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=cmd_directory_add)


def cmd_directory_new(app, args: Namespace) -> int:
    """Write the directory file of one of the 34 provinces."""
    try:
        info = write_new(args.province, args.out, force=args.force)
    except DirectoryError as e:
        print(str(e), file=sys.stderr)
        return 2
    if args.json:
        print_json(info)
        return 0
    summary = ", ".join(f"{n} {t}" for t, n in info["counts"].items() if n)
    print(
        directory_texts.NEW_DONE.format(
            path=info["path"],
            full=info["full"],
            bodies=info["bodies"],
            cap="thành phố" if info["is_city"] else "tỉnh",
            communes=info["communes"],
            summary=summary,
            optional=info["optional"],
            checks=info["checks"],
        )
    )
    print(directory_texts.NEW_NEXT.format(path=info["path"]))
    return 0


def cmd_directory_add(app, args: Namespace) -> int:
    """Add one body to a directory file (for a name an imported plan uses and the directory lacks)."""
    try:
        info = add_agency(args.file, args.name, args.alias, args.kind, key=args.key, parent=args.parent)
    except DirectoryError as e:
        print(str(e), file=sys.stderr)
        return 2
    if args.json:
        print_json(info)
        return 0
    print(
        directory_texts.ADD_DONE.format(
            path=info["path"], line=info["line"], name=info["name"], key=info["key"], kind=info["kind"]
        )
    )
    return 0
