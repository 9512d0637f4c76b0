"""Reading the bundled YAML data files with line numbers for clear error messages."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.domain.agencies import Directory
from bot.domain.directory_build import build_directory
from bot.domain.plan import Plan, PlanFileError, build_plan


class DataFileError(Exception):
    """A data file that cannot be used; the message names the file and the line."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path, self.line, self.message = str(path), line, message


class _LinedDict(dict):
    line: int | None = None


class _LinedList(list):
    line: int | None = None


class _Loader(yaml.SafeLoader):
    """SafeLoader whose mappings and sequences remember their 1-based line."""


def _mapping(loader: _Loader, node: yaml.MappingNode) -> _LinedDict:
    d = _LinedDict(loader.construct_mapping(node, deep=True))
    d.line = node.start_mark.line + 1
    return d


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> _LinedList:
    seq = _LinedList(loader.construct_sequence(node, deep=True))
    seq.line = node.start_mark.line + 1
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


def _read_text(p: Path, encoding: str = "utf-8") -> str:
    try:
        return p.read_text(encoding=encoding)
    except FileNotFoundError:
        raise DataFileError(p, "không tìm thấy tệp (file not found)") from None
    except UnicodeDecodeError as e:
        raise DataFileError(p, f"tệp không phải văn bản UTF-8 ({e.reason})") from None
    except OSError as e:
        raise DataFileError(p, f"không đọc được tệp ({e.strerror})") from None


def read_tree(path: Path | str):
    p = Path(path)
    text = _read_text(p)
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        raise DataFileError(p, f"lỗi cú pháp YAML: {e.problem or e}", line) from None
    except yaml.YAMLError as e:
        raise DataFileError(p, f"lỗi cú pháp YAML: {e}") from None


def load_plan(path: Path | str) -> Plan:
    tree = read_tree(path)
    try:
        return build_plan(tree)
    except PlanFileError as e:
        raise DataFileError(path, e.message, e.line) from None


def load_directory(path: Path | str) -> Directory:
    tree = read_tree(path)
    try:
        return build_directory(tree)
    except PlanFileError as e:
        raise DataFileError(path, e.message, e.line) from None


def read_communes_csv(path: Path | str, directory: Directory) -> list:
    """Communes from a CSV with columns key,name[,district]; errors name the file and line."""
    import csv

    from bot.domain.agencies import Agency

    p = Path(path)
    text = _read_text(p, "utf-8-sig")
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or not {"key", "name"} <= {f.strip() for f in reader.fieldnames}:
        raise DataFileError(p, "cần các cột key,name (và district nếu có)", 1)
    out: list[Agency] = []
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num
        row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        key_, name = row.get("key", ""), row.get("name", "")
        if not key_ or not name:
            raise DataFileError(p, "thiếu key hoặc name", line)
        if key_ in seen or (key_ in directory.agencies and directory.agencies[key_].kind != "commune"):
            raise DataFileError(p, f"key {key_!r} bị trùng", line)
        seen.add(key_)
        parent = None
        if row.get("district"):
            found = directory.lookup(row["district"])
            if found.agency is None or found.agency.kind != "district":
                raise DataFileError(p, f"không xác định được đơn vị cấp huyện {row['district']!r}", line)
            parent = found.agency.key
        out.append(Agency(key=key_, name=name, kind="commune", parent=parent,
                          aliases=(row["alias"],) if row.get("alias") else ()))
    return out


def load_calendar(path: Path | str):
    """The working-day calendar file: holidays and make-up days per year (see data/calendar/)."""
    from datetime import date as _date

    from bot.domain.workdays import Holiday, WorkCalendar

    p = Path(path)
    tree = read_tree(p)

    def day(value, node) -> _date:
        if isinstance(value, _date):
            return value
        try:
            return _date.fromisoformat(str(value))
        except ValueError:
            raise DataFileError(p, f"ngày không hợp lệ: {value!r} (viết YYYY-MM-DD)", getattr(node, "line", None)) from None

    if not isinstance(tree, dict) or not isinstance(tree.get("years"), dict):
        raise DataFileError(p, "cần mục 'years' (năm → holidays, makeup)", getattr(tree, "line", None))
    holidays, makeup, fixed = [], [], []
    for node in tree.get("fixed") or []:
        try:
            d, m = (int(x) for x in str(node["date"]).split("/"))
        except (KeyError, ValueError, TypeError):
            raise DataFileError(p, "mục 'fixed' cần date: \"ngày/tháng\"", getattr(node, "line", None)) from None
        fixed.append((d, m))
    for year, spec in tree["years"].items():
        for node in (spec or {}).get("holidays") or []:
            start, end = day(node.get("from"), node), day(node.get("to", node.get("from")), node)
            if end < start:
                raise DataFileError(p, "'to' trước 'from'", getattr(node, "line", None))
            holidays.append(Holiday(start, end, str(node.get("name", ""))))
        for node in (spec or {}).get("makeup") or []:
            makeup.append((day(node.get("date"), node), str(node.get("name", ""))))
    return WorkCalendar.build(holidays, makeup, fixed, [int(y) for y in tree["years"]])
