"""Communes (UBND cấp xã) from a CSV with columns key,name[,district][,alias][,replaces].

``replaces``: the former communes (names or keys, separated by ";") a new ward or commune took over in
the 2025 reorganisation; their open work moves to it (``storage.successors``)."""

from __future__ import annotations

import csv
from pathlib import Path

from bot.domain.agencies import Agency, Directory
from bot.files.yaml_tree import DataFileError, read_text


def read_communes_csv(path: Path | str, directory: Directory) -> list[Agency]:
    """Communes from a CSV with columns key,name[,district]; errors name the file and line."""
    p = Path(path)
    text = read_text(p, "utf-8-sig")
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or not {"key", "name"} <= {f.strip() for f in reader.fieldnames}:
        raise DataFileError(p, "dòng tiêu đề cần các cột key,name (và district, alias, replaces nếu có)", 1)
    out: list[Agency] = []
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num
        row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        key_, name = row.get("key", ""), row.get("name", "")
        for column, value in (("key", key_), ("name", name)):
            if not value:
                raise DataFileError(p, f"cột '{column}' để trống", line)
        if key_ in seen or (key_ in directory.agencies and directory.agencies[key_].kind != "commune"):
            raise DataFileError(p, f"cột 'key': mã {key_!r} bị trùng", line)
        seen.add(key_)
        parent = None
        if row.get("district"):
            found = directory.lookup(row["district"])
            if found.agency is None or found.agency.kind != "district":
                raise DataFileError(
                    p, f"cột 'district': không xác định được đơn vị cấp huyện {row['district']!r}", line
                )
            parent = found.agency.key
        replaces = tuple(x.strip() for x in (row.get("replaces") or "").split(";") if x.strip())
        out.append(
            Agency(
                key=key_,
                name=name,
                kind="commune",
                parent=parent,
                aliases=(row["alias"],) if row.get("alias") else (),
                replaces=replaces,
            )
        )
    return out
