"""Engine set-up: SQLite with WAL, foreign keys and a busy timeout; PostgreSQL as is.

Nothing is written to a SQLite file before it is known to be ours (or empty): another program's file is
never switched to WAL. Read-only commands open the file read-only (``mode=ro``) and skip WAL set-up, so
they work on a read-only folder or file and never create one."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlmodel import create_engine

from bot.domain import texts
from bot.domain.errors import DatabaseUnusable

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 8 * 1024  # page cache per connection (SQLite default: 2 MiB): the hot indexes stay in memory
SUPPORTED = ("sqlite", "postgresql")


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def make_engine(url: str, *, echo: bool = False, read_only: bool = False) -> Engine:
    """An engine for ``url``; a SQLite file's folder is created at the first connection (not when ``read_only``).

    Raises DatabaseUnusable (a Vietnamese sentence: the cause and the next step) for a URL naming a
    database nhacviec does not support or whose driver is missing."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUnusable(texts.DB_BAD_URL) from None
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED:
        raise DatabaseUnusable(texts.DB_UNSUPPORTED.format(backend=backend))
    path = sqlite_path(url)
    kwargs: dict = {"echo": echo}
    if backend == "sqlite":
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
        if read_only and path is not None:
            kwargs["creator"] = lambda: _connect_read_only(path)
    try:
        engine = create_engine(url, **kwargs)
    except (ModuleNotFoundError, NoSuchModuleError) as e:
        log.error("database driver missing for %s: %s", backend, e)
        raise DatabaseUnusable(texts.DB_DRIVER_MISSING.format(backend=backend)) from None
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_read_pragmas if read_only else _sqlite_pragmas)
        if path is not None and not read_only:  # the folder appears with the first connection, not before
            event.listen(engine, "do_connect", lambda *_: path.parent.mkdir(parents=True, exist_ok=True))
    return engine


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """The file opened read-only (never created). A WAL file in a read-only folder cannot get its shared-memory
    file: then it is opened as immutable (no writer can exist there: a writer would need that folder)."""
    uri = path.resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as e:
        if "readonly" not in str(e) and "unable to open" not in str(e):
            raise
        conn.close()
        log.debug("read-only folder: %s opened as immutable (%s)", path, e)
    return sqlite3.connect(uri + "&immutable=1", uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)


def _sqlite_read_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    finally:
        cur.close()


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        if _ours_or_empty(cur):  # reads only: another program's file is left exactly as it was
            cur.execute("PRAGMA journal_mode=WAL")
    finally:
        cur.close()


def _ours_or_empty(cur) -> bool:
    """True for a new/empty database or one holding nhacviec's schema; raises for a file that is not a
    database (the caller refuses it)."""
    tables = {row[0] for row in cur.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return not tables or "alembic_version" in tables
