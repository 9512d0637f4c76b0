"""Reading YAML data files with line numbers, so an error names the file and the line at fault."""

from __future__ import annotations

import logging
from pathlib import Path

import yaml

from bot.domain import texts as T

log = logging.getLogger(__name__)


class DataFileError(Exception):
    """A data file that cannot be used; the message names the file and the line."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path, self.line, self.message = str(path), line, message


class _LinedDict(dict):
    line: int | None = None
    key_lines: dict = {}  # field → 1-based line of that field


class _LinedList(list):
    line: int | None = None
    item_lines: list = []  # 1-based line of each element


class _Loader(yaml.SafeLoader):
    """SafeLoader whose mappings and sequences remember their 1-based line."""


def _mapping(loader: _Loader, node: yaml.MappingNode) -> _LinedDict:
    d = _LinedDict(loader.construct_mapping(node, deep=True))
    d.line = node.start_mark.line + 1
    d.key_lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    return d


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> _LinedList:
    seq = _LinedList(loader.construct_sequence(node, deep=True))
    seq.line = node.start_mark.line + 1
    seq.item_lines = [child.start_mark.line + 1 for child in node.value]
    return seq


def _timestamp(loader: _Loader, node: yaml.ScalarNode):
    """A date YAML recognises but the calendar refuses (30/2) stays text, for a message with its line."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def read_text(p: Path, encoding: str = "utf-8") -> str:
    """The file's text; a missing, unreadable or non-UTF-8 file raises ``DataFileError``."""
    try:
        return p.read_text(encoding=encoding)
    except FileNotFoundError:
        raise DataFileError(p, T.FILE_NOT_FOUND) from None
    except UnicodeDecodeError as e:
        raise DataFileError(p, f"tệp không phải văn bản UTF-8 ({e.reason})") from None
    except OSError as e:
        raise DataFileError(p, f"không đọc được tệp ({e.strerror})") from None


def read_tree(path: Path | str):
    """The YAML tree of ``path``; its dicts and lists carry a 1-based ``line`` attribute."""
    p = Path(path)
    return parse_tree(read_text(p), p)


def parse_tree(text: str, p: Path | str):
    """The YAML tree of ``text`` (read from ``p``, named in errors); dicts and lists carry their line."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        raise DataFileError(p, _yaml_problem(e, mark), line) from None
    except yaml.YAMLError as e:
        log.info("YAML error in %s: %s", p, e)  # the parser's English goes to the log
        raise DataFileError(p, T.YAML_SYNTAX) from None


def _yaml_problem(e: yaml.MarkedYAMLError, mark) -> str:
    """The syntax error in Vietnamese, with its column and the usual fix (quotes around a colon...); the
    parser's English words go to the log, never to the clerk."""
    problem = str(e.problem or e)
    log.info("YAML syntax error: %s", " ".join(str(e).split()))
    where = T.YAML_WHERE.format(column=mark.column + 1 if mark else "?")
    if "mapping values are not allowed" in problem:
        return where + T.YAML_COLON
    if "\\t" in problem or "tab" in problem:
        return where + T.YAML_TAB
    for words, text in T.YAML_PROBLEMS:
        if words in problem or words in str(e.context or ""):
            return where + text
    return where + T.YAML_SYNTAX
