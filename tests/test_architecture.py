"""The house rules, held against the code: the domain is pure; only storage knows SQL; only transports know
a channel's wire; only the composition root reads the configuration; no import cycles; few in-function
imports, each with its reason."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OURS = {"bot", "jobs", "storage", "config", "tests", "bench"}
NETWORK = {"telegram", "httpx", "aiohttp", "requests", "aiosmtplib", "smtplib", "tornado"}
SQL = {"sqlalchemy", "sqlmodel", "alembic", "psycopg", "sqlite3"}
COMPOSITION_ROOT = {("bot", "cli", "main.py"), ("bot", "cli", "app.py")}
MAX_INNER_IMPORTS = 16  # heavy optional libraries (matplotlib, openpyxl, docx, pdf, tornado…)


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _files(*parts: str) -> list[Path]:
    base = ROOT.joinpath(*parts)
    return [base] if base.suffix == ".py" else sorted(base.rglob("*.py"))


def _modules(*parts: str):
    for f in _files(*parts):
        yield f.relative_to(ROOT), _imports(f)


def _top(name: str) -> str:
    return name.split(".")[0]


# --- purity ------------------------------------------------------------------------------------------
def test_domain_is_pure():
    for path, names in _modules("bot", "domain"):
        for name in names:
            if _top(name) in OURS:
                assert name.startswith("bot.domain"), f"{path} imports {name}"
            else:
                assert _top(name) in sys.stdlib_module_names, f"{path} imports non-stdlib {name}"


def test_domain_never_reads_the_clock():
    for path in ROOT.joinpath("bot", "domain").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for banned in ("datetime.now(", "date.today(", "time.time(", "utcnow(", "open(", "monotonic("):
            assert banned not in text, f"{path} uses {banned}"


def test_ports_import_only_domain():
    for path, names in _modules("bot", "ports"):
        for name in names:
            allowed = name.startswith(("bot.domain", "bot.ports"))
            assert _top(name) in sys.stdlib_module_names or allowed, f"{path} imports {name}"


# --- who may know what -----------------------------------------------------------------------------------
def test_only_transports_know_the_network():
    for pkg in ("bot", "storage", "jobs", "config"):
        for path, names in _modules(pkg):
            if path.parts[:2] == ("bot", "transports"):
                continue
            for name in names:
                assert _top(name) not in NETWORK, f"{path} imports {name}"


def test_only_storage_and_the_composition_root_know_sql():
    """Core, jobs, reports, channels, CLI commands and transports call the store, never SQL."""
    for pkg in ("bot", "jobs", "config"):
        for path, names in _modules(pkg):
            if tuple(path.parts) in COMPOSITION_ROOT:
                continue
            for name in names:
                assert _top(name) not in SQL, f"{path} imports {name}"
                assert _top(name) != "storage", f"{path} imports {name}: go through the store (bot.ports)"


def test_storage_and_jobs_never_import_transports_channels_cli_or_config():
    for pkg in ("storage", "jobs"):
        for path, names in _modules(pkg):
            for name in names:
                assert not name.startswith(("bot.transports", "bot.channels", "bot.cli", "bot.core", "config")), (
                    f"{path} imports {name}"
                )


def test_transports_never_climb_to_the_entry_point_or_jobs():
    for path, names in _modules("bot", "transports"):
        for name in names:
            assert not name.startswith(("bot.cli", "jobs", "storage", "config")), f"{path} imports {name}"


def test_only_the_entry_point_reads_config():
    for pkg in ("bot", "jobs", "storage"):
        for path, names in _modules(pkg):
            if tuple(path.parts) in COMPOSITION_ROOT:
                continue
            assert not any(_top(n) == "config" for n in names), f"{path} imports config"


# --- the import graph ------------------------------------------------------------------------------------
def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _graph() -> dict[str, set[str]]:
    """module → modules of ours it imports (in-function imports included, names resolved to submodules)."""
    files = [f for pkg in ("bot", "jobs", "storage", "config") for f in _files(pkg)]
    known = {_module_name(f): f for f in files}
    graph: dict[str, set[str]] = {m: set() for m in known}
    for mod, f in known.items():
        package = mod if f.name == "__init__.py" else mod.rpartition(".")[0]
        for node in ast.walk(_tree(f)):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
            for t in targets:
                while t and t not in known:
                    t = t.rpartition(".")[0]
                if t and t != mod:
                    graph[mod].add(t)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10_000)
    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles():
    graph = _graph()
    # a package's __init__ handing names on from its own modules is not a cycle of ideas
    for mod in graph:
        graph[mod] = {t for t in graph[mod] if not mod.startswith(t + ".") and not t.startswith(mod + ".")}
    assert _cycles(graph) == []


def _inner_imports() -> list[tuple[Path, int, str]]:
    out = []
    for pkg in ("bot", "jobs", "storage", "config"):
        for f in _files(pkg):
            if "migrations" in f.parts:  # Alembic's env script runs on its own terms
                continue
            lines = f.read_text(encoding="utf-8").splitlines()
            for node in ast.walk(_tree(f)):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    for inner in ast.walk(node):
                        if isinstance(inner, (ast.Import, ast.ImportFrom)):
                            out.append((f.relative_to(ROOT), inner.lineno, lines[inner.lineno - 1]))
    return sorted(set(out))


def test_few_in_function_imports_each_with_its_reason():
    inner = _inner_imports()
    assert len(inner) <= MAX_INNER_IMPORTS, "\n".join(f"{p}:{n}: {line.strip()}" for p, n, line in inner)
    for path, n, line in inner:
        assert "#" in line, f"{path}:{n}: an in-function import needs a comment saying why (heavy, optional)"
