"""Dependency direction: domain imports nothing of ours; only transports know Telegram or Zalo;
only the entry point reads the configuration."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OURS = {"bot", "jobs", "storage", "config", "tests", "bench"}
NETWORK = {"telegram", "httpx", "aiohttp", "requests"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(*parts: str):
    base = ROOT.joinpath(*parts)
    files = [base] if base.suffix == ".py" else sorted(base.rglob("*.py"))
    for f in files:
        yield f.relative_to(ROOT), _imports(f)


def test_domain_is_pure():
    for path, names in _modules("bot", "domain"):
        for name in names:
            top = name.split(".")[0]
            if top in OURS:
                assert name.startswith("bot.domain"), f"{path} imports {name}"
            else:
                assert top in sys.stdlib_module_names, f"{path} imports non-stdlib {name}"


def test_domain_never_reads_the_clock():
    for path in ROOT.joinpath("bot", "domain").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for banned in ("datetime.now(", "date.today(", "time.time(", "utcnow(", "open("):
            assert banned not in text, f"{path} uses {banned}"


def test_ports_import_only_domain():
    for path, names in _modules("bot", "ports.py"):
        for name in names:
            top = name.split(".")[0]
            assert (top in sys.stdlib_module_names or name.startswith("bot.domain")), f"{path} imports {name}"


def test_only_transports_know_the_network():
    for pkg in (("bot",), ("storage",), ("jobs",), ("config",)):
        for path, names in _modules(*pkg):
            if path.parts[:2] == ("bot", "transports"):
                continue
            for name in names:
                assert name.split(".")[0] not in NETWORK, f"{path} imports {name}"


def test_storage_and_jobs_never_import_transports_or_config():
    for pkg in ("storage", "jobs"):
        for path, names in _modules(pkg):
            for name in names:
                assert not name.startswith(("bot.transports", "bot.cli", "config")), f"{path} imports {name}"


def test_only_the_entry_point_reads_config():
    for path, names in _modules("bot"):
        if path.parts[:2] == ("bot", "cli"):
            continue
        assert not any(n.split(".")[0] == "config" for n in names), f"{path} imports config"
