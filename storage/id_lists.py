"""A list of ids bound as one parameter: SQLite reads it as a JSON array (``IN (SELECT value FROM
json_each(?))``), PostgreSQL as an array (``= ANY(%s)``). SQLAlchemy's expanding ``IN`` renders one
placeholder per id each time a statement runs — thousands per delivery batch — while this one is compiled
once and only bound.

    stmt = update(t).where(in_ids(t.c.id, "ids"))
    conn.execute(stmt, {"ids": [3, 5, 8]})
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import BigInteger, Boolean, String, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import TypeDecorator


class IdList(TypeDecorator):
    """A list of integer ids: a JSON text on SQLite, an array of bigint on PostgreSQL."""

    impl = String
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(ARRAY(BigInteger))
        return dialect.type_descriptor(String())

    def process_bind_param(self, value, dialect) -> Any:
        ids = [int(i) for i in value or ()]
        return ids if dialect.name == "postgresql" else json.dumps(ids)


class InIds(ColumnElement[bool]):
    """``column`` is one of the ids bound as ``name`` (see the module's docstring)."""

    inherit_cache = True
    type = Boolean()
    _is_implicitly_boolean = True  # a predicate: no "= 1" after it on SQLite
    _traverse_internals = [
        ("column", InternalTraversal.dp_clauseelement),
        ("param", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, column, name: str):
        self.column = column
        self.param = bindparam(name, type_=IdList())


def in_ids(column, name: str = "ids") -> InIds:
    """A condition true when ``column`` is among the ids bound as ``name`` (a list of ints)."""
    return InIds(column, name)


@compiles(InIds, "postgresql")
def _any(element: InIds, compiler, **kw) -> str:
    return f"{compiler.process(element.column, **kw)} = ANY({compiler.process(element.param, **kw)})"


@compiles(InIds)
def _json_each(element: InIds, compiler, **kw) -> str:
    column, param = compiler.process(element.column, **kw), compiler.process(element.param, **kw)
    return f"{column} IN (SELECT value FROM json_each({param}))"
