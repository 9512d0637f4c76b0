"""Failures the store reports in domain terms, so callers (CLI, core) catch them without importing storage."""

from __future__ import annotations


class DatabaseUnusable(Exception):
    """The database cannot be used as it is; nothing was written to it."""


class NoPlan(LookupError):
    """No plan is loaded (or none with the slug asked for)."""


class UnknownItem(LookupError):
    """No item of the plan has this code."""


class UnknownAgencies(ValueError):
    """``init --strict``: the plan names agencies the directory does not know; nothing was written."""

    def __init__(self, unknown: list[tuple[str, str, str]]):
        super().__init__(f"{len(unknown)} unknown agencies")
        self.unknown = unknown  # (code, cell, text)


class BackupUnsupported(Exception):
    """Only a SQLite file can be copied by ``backup``."""
