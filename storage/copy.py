"""Copying a whole database to another (SQLite → PostgreSQL, the upgrade path to production; any pair
works): the target's schema is made by the migrations, every table is copied in dependency order and
in batches (memory stays flat whatever the size), in one transaction on the target, then both sides
are counted table by table.

A target that already holds rows is refused unless ``force`` (its rows are then deleted first, in the
same transaction). The source is only read; it must be at the newest schema (``nhacviec init``).
PostgreSQL's id sequences are moved past the copied ids, so new rows get fresh ids.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Callable

from sqlalchemy import Table, func, inspect, insert, select, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers every table on SQLModel.metadata)
from bot.domain.errors import DatabaseUnusable
from storage.engine import make_engine
from storage.migrate import check, head_revision, upgrade

log = logging.getLogger(__name__)

BATCH = 5000


class TargetNotEmpty(Exception):
    """The target database already holds rows (``tables``: table → rows); pass ``force`` to replace them."""

    def __init__(self, tables: dict[str, int]):
        super().__init__(", ".join(f"{t}: {n}" for t, n in tables.items()))
        self.tables = tables


class AuditTrailHeld(TargetNotEmpty):
    """The target already holds an audit trail: it is append-only, so even ``force`` does not erase it
    (make a new, empty database for the copy)."""


class SameDatabase(Exception):
    """Source and target are the same database."""


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    target: int

    @property
    def ok(self) -> bool:
        return self.source == self.target


@dataclass
class CopyReport:
    target: str  # the target URL, password hidden
    counts: list[TableCount] = field(default_factory=list)
    replaced: dict[str, int] = field(default_factory=dict)  # rows deleted from the target (``force``)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.counts)

    @property
    def rows(self) -> int:
        return sum(c.target for c in self.counts)


def safe_url(url: str) -> str:
    """``url`` as it may be printed (no password)."""
    return make_url(url).render_as_string(hide_password=True)


def tables() -> list[Table]:
    """Every table of the schema, parents before children (foreign keys); derived tables (kept by the
    target's own triggers) left out."""
    return [t for t in SQLModel.metadata.sorted_tables if not t.info.get("derived")]


def _counts(conn: Connection, names: list[str]) -> dict[str, int]:
    present = set(inspect(conn).get_table_names())
    return {
        t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
        for t in tables()
        if t.name in present and t.name in names
    }


def copy_database(
    source: Engine,
    target_url: str,
    *,
    force: bool = False,
    batch: int = BATCH,
    progress: Callable[[str, int], None] | None = None,
) -> CopyReport:
    """Copy everything in ``source`` to the database at ``target_url``; returns the per-table counts of
    both sides (``report.ok`` when they agree). Raises ``TargetNotEmpty``, ``SameDatabase`` or
    ``DatabaseUnusable`` (a foreign or newer target, a source not at the newest schema)."""
    if make_url(target_url) == source.url:
        raise SameDatabase(safe_url(target_url))
    rev = check(source)
    if rev != head_revision():
        raise DatabaseUnusable(
            f"cơ sở dữ liệu nguồn ở phiên bản {rev or 'trống'}, chưa phải "
            f"{head_revision()}: hãy chạy nhacviec init trước"
        )
    target = make_engine(target_url)
    try:
        report = CopyReport(safe_url(target_url))
        names = [t.name for t in tables()]
        if check(target) is not None:
            with target.connect() as conn:
                held = {t: n for t, n in _counts(conn, names).items() if n}
            if held and not force:
                raise TargetNotEmpty(held)
            if held.get("audit_log"):
                raise AuditTrailHeld(held)
            report.replaced = held
        upgrade(target)
        with source.connect() as src, target.begin() as dst:
            for t in reversed(tables()):
                if report.replaced.get(t.name):
                    dst.execute(t.delete())
            for t in tables():
                n = _copy_table(src, dst, t, batch)
                if progress is not None:
                    progress(t.name, n)
            if dst.dialect.name == "postgresql":
                _advance_sequences(dst)
        with source.connect() as src, target.connect() as dst:
            theirs, ours = _counts(src, names), _counts(dst, names)
        report.counts = [TableCount(name, theirs.get(name, 0), ours.get(name, 0)) for name in names]
        return report
    finally:
        target.dispose()


def _copy_table(src: Connection, dst: Connection, table: Table, batch: int) -> int:
    """Stream one table across in primary-key order, ``batch`` rows per INSERT; returns the rows copied."""
    q = select(table).order_by(*table.primary_key.columns)
    result = src.execution_options(stream_results=True, yield_per=batch).execute(q)
    n = 0
    for rows in result.partitions(batch):
        dst.execute(insert(table), [dict(r._mapping) for r in rows])
        n += len(rows)
    return n


def _advance_sequences(dst: Connection) -> None:
    """PostgreSQL: each id sequence continues after the largest copied id."""
    for t in tables():
        pk = list(t.primary_key.columns)
        if len(pk) != 1 or not pk[0].autoincrement or pk[0].type.python_type is not int:
            continue
        seq = dst.execute(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": t.name, "c": pk[0].name}).scalar()
        if seq:
            dst.execute(
                text(
                    f'SELECT setval(:s, COALESCE((SELECT MAX("{pk[0].name}") FROM "{t.name}"), 1), '
                    f'(SELECT MAX("{pk[0].name}") FROM "{t.name}") IS NOT NULL)'
                ),
                {"s": seq},
            )
