"""The ``nhacviec`` console script. Ctrl-C at any moment — even in the first second, while Python still
imports the program — ends with one polite line and exit code 130, never a traceback."""

from __future__ import annotations

import sys

from bot.domain import texts


def run(argv: list[str] | None = None) -> int:
    """Load the program and run it; a Ctrl-C while it loads is answered like one while it runs."""
    try:
        from bot.cli.main import main  # heavy: settings, telegram, sqlalchemy — loaded inside the guard

        return main(argv)
    except KeyboardInterrupt:
        print(texts.INTERRUPTED, file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(run())
