"""Creating and upgrading the database schema with Alembic, refusing databases we must not touch."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError

from bot.domain import texts
from bot.domain.errors import DatabaseUnusable

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


__all__ = ["DatabaseUnusable", "check", "head_revision", "upgrade"]


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head()


def check(engine: Engine) -> str | None:
    """The database's revision; raise DatabaseUnusable if it is foreign, corrupt or newer."""
    script = ScriptDirectory.from_config(_config())
    path = _sqlite_file(engine)
    if path is not None and (not path.exists() or path.stat().st_size == 0):
        return None  # no database yet: nothing is opened (so nothing is created)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            rev = MigrationContext.configure(conn).get_current_revision()
    except (DatabaseError, OperationalError) as e:
        log.debug("cannot open the database: %s", _reason(e))
        raise DatabaseUnusable(unusable_reason(e)) from None
    if rev is None:
        if tables - {"alembic_version"}:
            raise DatabaseUnusable(
                "cơ sở dữ liệu đã có bảng nhưng không phải của nhacviec "
                f"({', '.join(sorted(tables)[:5])}…); không ghi gì vào đó"
            )
        return None
    try:
        script.get_revision(rev)
    except Exception:
        raise DatabaseUnusable(
            f"cơ sở dữ liệu ở phiên bản {rev}, mới hơn phần mềm này (tối đa {script.get_current_head()}); "
            "hãy cập nhật nhacviec"
        ) from None
    return rev


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the schema to the newest revision: (revision before, revision after)."""
    before = check(engine)
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    if engine.dialect.name == "sqlite" and _sqlite_file(engine) is not None:
        with engine.connect() as conn:  # a new file was opened empty: WAL once the schema is ours
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
    after = head_revision()
    if before != after:
        log.info("database schema upgraded from %s to %s", before or "empty", after)
    return before, after


def _sqlite_file(engine: Engine) -> Path | None:
    if engine.dialect.name != "sqlite" or not engine.url.database or engine.url.database == ":memory:":
        return None
    return Path(engine.url.database)


def unusable_reason(e: Exception) -> str:
    """One Vietnamese sentence for a database error: the cause and the next step (the English is logged)."""
    reason = _reason(e).lower()
    if "readonly" in reason or "read-only" in reason:
        return texts.DB_READ_ONLY
    if "unable to open" in reason:
        return texts.DB_CANNOT_OPEN
    if "locked" in reason or "busy" in reason:
        return texts.DB_LOCKED
    if any(w in reason for w in ("connect", "host", "server", "password", "authentication", "timeout")):
        return texts.DB_UNREACHABLE
    return texts.DB_DAMAGED


def _reason(e: Exception) -> str:
    orig = getattr(e, "orig", None)
    return str(orig or e).splitlines()[0]
