"""Rows as the database driver gives them, past SQLAlchemy's row layer: for reads of thousands of rows on
hot paths (a delivery batch, /trehan's counts), where building a Row object per row costs more than the
query. Dates then come as ``date`` (PostgreSQL) or ISO text (SQLite): ``Dates`` reads either."""

from __future__ import annotations

from datetime import date
from typing import Any


def driver_rows(conn, statement, params: dict) -> list[Any]:
    """``statement``'s rows as plain tuples from the driver's cursor (no type processing: see ``Dates``)."""
    result = conn.execute(statement, params)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


class Dates(dict):
    """Dates as the driver gives them (a ``date``, or ISO text on SQLite) → ``date``; each distinct value
    is read once (a batch's rows share a handful of days)."""

    def __missing__(self, value) -> date | None:
        day = value if isinstance(value, date) or value is None else date.fromisoformat(value)
        self[value] = day
        return day
