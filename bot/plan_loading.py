"""Loading the plan and directory files into the store: one service used by ``init``, ``agencies import``
and ``run``'s first start (no CLI handler re-entered).

What ``init`` loaded is recorded in the database (paths, texts, the directory's province), so every later
command works on that plan and directory, never on the settings' defaults (issue 11 §3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.domain.agencies import Directory
from bot.domain.directory_build import build_directory
from bot.domain.interpret import SyncReport
from bot.domain.plan import INSPECTION, REVIEW, TASK, Plan, PlanFileError, build_plan
from bot.domain.folding import key, same_province
from bot.files import DataFileError
from bot.files.yaml_tree import parse_tree, read_text
from bot.ports import PlanStore


@dataclass(frozen=True)
class Source:
    """A data file: its path, and its text when it is already known (recorded in the database)."""

    path: str
    text: str | None = None

    def read(self) -> str:
        return self.text if self.text is not None else read_text(Path(self.path))


def _parse(source: Source, build):
    text = source.read()
    try:
        return build(parse_tree(text, source.path)), text
    except PlanFileError as e:
        raise DataFileError(source.path, e.message, e.line) from None


def read_plan(source: Source) -> tuple[Plan, str]:
    """The plan and its text; ``DataFileError`` names the file, the line (and the column for YAML)."""
    return _parse(source, build_plan)


def read_directory(source: Source) -> tuple[Directory, str]:
    """The directory and its text; ``DataFileError`` names the file and the line."""
    return _parse(source, build_directory)


def _absolute(path: str) -> str:
    return str(Path(path).resolve())


def load_plan_files(
    store: PlanStore,
    plan_path: Path | str | Source,
    agencies_path: Path | str | Source,
    *,
    now: datetime,
    strict: bool = False,
) -> SyncReport:
    """Read and check both files, bring the schema up to date, then load them (idempotent) and record
    what was loaded.

    Raises DataFileError for a bad file (before the database is touched), DatabaseUnusable for a database
    we must not write to, UnknownAgencies under ``strict`` (nothing written). The report carries the
    schema revisions before and after and the plan's item counts.
    """
    plan_src = plan_path if isinstance(plan_path, Source) else Source(str(plan_path))
    dir_src = agencies_path if isinstance(agencies_path, Source) else Source(str(agencies_path))
    plan, plan_text = read_plan(plan_src)  # validate both files before touching the database
    directory, dir_text = read_directory(dir_src)
    sources = {
        "plan_file": _absolute(plan_src.path),
        "plan_text": plan_text,
        "agencies_file": _absolute(dir_src.path),
        "agencies_text": dir_text,
        "province": directory.province,
    }
    before, after = store.upgrade_schema()
    report = store.load_plan(
        plan=plan, directory=directory, now=now, source_file=str(plan_src.path), strict=strict, sources=sources
    )
    report.schema_before, report.schema = before, after
    report.counts = {
        "total": len(plan.items),
        TASK: plan.count(TASK),
        REVIEW: plan.count(REVIEW),
        INSPECTION: plan.count(INSPECTION),
    }
    return report


def ensure_ready(
    store: PlanStore, plan_path: Path | str, agencies_path: Path | str, *, now: datetime, plan_slug: str | None = None
) -> SyncReport | None:
    """The embedded default works on a fresh machine: create and load the database when it holds no
    plan; None when it was ready already."""
    if store.has_plan(plan_slug=plan_slug):
        return None
    return load_plan_files(store, plan_path, agencies_path, now=now)


def recorded_files(store: PlanStore, *, plan_slug: str | None = None) -> tuple[Source, Source] | None:
    """The plan and directory ``init`` loaded, as recorded in the database (texts included); None when
    the database records none (empty, or loaded by an older version)."""
    found = store.loaded_sources(plan_slug=plan_slug)
    if not found or "plan_text" not in found:
        return None
    return (Source(found["plan_file"], found["plan_text"]), Source(found["agencies_file"], found["agencies_text"]))


def recorded_province(store: PlanStore) -> str | None:
    """The province of the directory recorded in the database (None: none recorded)."""
    found = store.loaded_sources()
    return found.get("province") if found else None


def directory_for(plan: Plan, recorded: Source | None, fallback: Path | str) -> Source | None:
    """The directory to load with ``plan`` when none is given: the one recorded in the database (its file
    with the clerk's latest edits, or the recorded text if the file moved), else the settings' file,
    whichever is of the plan's province; None when neither is (another province's is never taken)."""
    candidates = []
    if recorded is not None:
        candidates.append(Source(recorded.path) if Path(recorded.path).exists() else recorded)
    candidates.append(Source(str(fallback)))
    for source in candidates:
        directory, _ = read_directory(source)
        if same_province(directory.province, plan.province):
            return source
    return None


def suggested_directory_name(province: str) -> str:
    """ "danh-muc-quang-ninh.yaml": where ``directory new`` could write the province's directory."""
    return "danh-muc-" + "-".join(key(province).split()) + ".yaml"
