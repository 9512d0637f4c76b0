"""What every part of the SQL store shares: the engine and a session per use case."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from sqlalchemy.engine import Engine
from sqlmodel import Session


class SqlBase:
    def __init__(self, engine: Engine):
        self.engine = engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One session per use case; the caller commits what it writes."""
        with Session(self.engine) as s:
            yield s
