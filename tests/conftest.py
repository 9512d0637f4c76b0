"""Shared fixtures: the bundled plan, real SQLite files and (when available) PostgreSQL."""

from __future__ import annotations

import os
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from config.settings import DEFAULT_AGENCIES, DEFAULT_PLAN
from bot.files import load_directory, load_plan
from storage.engine import make_engine

# python-telegram-bot 22: durations as timedelta now (what the bot's entry point opts into as well).
os.environ.setdefault("PTB_TIMEDELTA", "1")

# Set by .ci/run when a PostgreSQL server answers on 127.0.0.1:5432.
PG_URL = os.environ.get("NHACVIEC_TEST_POSTGRES_URL", "")

NOW = datetime(2023, 5, 25, 2, 0, tzinfo=timezone.utc)  # 09:00 in Hà Nội on 25/5/2023


@pytest.fixture(scope="session")
def plan():
    return load_plan(DEFAULT_PLAN)


@pytest.fixture(scope="session")
def directory():
    return load_directory(DEFAULT_AGENCIES)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'nhacviec.db'}"


def _pg_schema_url(schema: str) -> str:
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path: Path):
    """A fresh, empty database on each backend; PostgreSQL gets its own schema per test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'nhacviec.db'}"
        return
    yield from _fresh_pg_schema()


# .ci/run's second pass sets NHACVIEC_E2E_BACKEND=postgresql: the end-to-end tests then run on PostgreSQL.
E2E_BACKEND = os.environ.get("NHACVIEC_E2E_BACKEND", "sqlite")


@pytest.fixture
def e2e_db_url(tmp_path: Path):
    """The end-to-end tests' database: a SQLite file, or a fresh PostgreSQL schema when
    NHACVIEC_E2E_BACKEND=postgresql (and NHACVIEC_TEST_POSTGRES_URL) are set."""
    if E2E_BACKEND != "postgresql":
        yield f"sqlite:///{tmp_path / 'bot.db'}"
        return
    yield from _fresh_pg_schema()


def _fresh_pg_schema():
    if not PG_URL:
        pytest.skip("NHACVIEC_TEST_POSTGRES_URL not set (.ci/run sets it when PostgreSQL answers)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield _pg_schema_url(schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def engine(db_url):
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def today() -> date:
    return date(2023, 5, 25)


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    """Run `nhacviec ARGS` in an empty working directory; returns (exit code, stdout, stderr)."""
    import io
    import sys

    from bot.cli.main import main

    monkeypatch.chdir(tmp_path)
    for var in (
        "DATABASE_URL",
        "PLAN_FILE",
        "AGENCIES_FILE",
        "TIMEZONE",
        "TODAY",
        "TELEGRAM_BOT_TOKEN",
        "TELEGRAM_BOT_USERNAME",
    ):
        monkeypatch.delenv(var, raising=False)

    def run(*args: str, stdin: str | None = None):
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def loaded_engine(url: str, plan, directory, now):
    """An engine over a database holding the bundled plan."""
    from sqlmodel import Session

    from storage.migrate import upgrade
    from storage.sync import sync_plan

    engine = make_engine(url)
    upgrade(engine)
    with Session(engine) as s:
        sync_plan(s, plan, directory, now=now)
        s.commit()
    return engine


@pytest.fixture
async def bot(sqlite_url, plan, directory):
    """The real Telegram Application over the bundled plan on 10/7/2023, the Bot API faked (tests/telegram_fake.py)."""
    from sqlmodel import Session

    from storage import registry
    from tests.chat_harness import JULY, build

    engine = loaded_engine(sqlite_url, plan, directory, JULY)

    def disable(channel, chat_id, reason):
        with Session(engine) as s:
            registry.disable(s, channel=channel, chat_id=chat_id, reason=reason)
            s.commit()

    h, _ = build(engine, JULY, on_failure=disable)
    await h.app.initialize()
    await h.app.post_init(h.app)
    yield h
    await h.app.shutdown()
    engine.dispose()
