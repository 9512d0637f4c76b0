"""Directory files for any province: `directory new` (communes from the package
``vietnam-provinces``, 34 provinces after 1 July 2025) and `directory add` (one more body).

The package's data ships inside its wheel: nothing is downloaded at run time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.domain.agencies import KINDS, Directory, canonical_key
from bot.domain.directory_render import Unit, agency_line, render_directory
from bot.domain.directory_template import FORMER_PROVINCES, PROVINCE_ALIASES, Body
from bot.domain.folding import edit_distance, key as fold_key
from bot.domain.texts import directory as directory_texts
from bot.files.directory_file import load_directory
from bot.files.yaml_tree import DataFileError


class DirectoryError(Exception):
    """A `directory` command that cannot be done; the message is Vietnamese and names the file."""


@dataclass(frozen=True)
class ProvinceInfo:
    name: str  # "Hải Phòng"
    is_city: bool  # thành phố trực thuộc trung ương
    code: int
    units: tuple[Unit, ...]

    @property
    def full(self) -> str:
        return f"{'thành phố' if self.is_city else 'tỉnh'} {self.name}"


def _short(name: str) -> str:
    return re.sub(r"^(thành phố|tỉnh)\s+", "", name.strip(), flags=re.IGNORECASE)


def _package():
    # vietnam_provinces is imported here only: its lookup tables are large (heavy import).
    try:
        from vietnam_provinces import Province, VietNamDivisionType, Ward  # heavy: only `directory new`
    except ModuleNotFoundError:
        raise DirectoryError(directory_texts.ERR_PACKAGE) from None
    return Province, VietNamDivisionType, Ward


def provinces() -> list[tuple[str, bool, int]]:
    """(name, is a centrally-run city, code) of every province the package lists."""
    Province, Types, _ = _package()
    return [(_short(p.name), p.division_type == Types.THANH_PHO_TRUNG_UONG, int(p.code)) for p in Province.iter_all()]


def find_province(typed: str) -> ProvinceInfo:
    """The province named ``typed`` ("Hải Phòng", "TP Hồ Chí Minh", "hai phong"), with its communes."""
    Province, Types, Ward = _package()
    aliases = {fold_key(k): v for k, v in PROVINCE_ALIASES.items()}
    wanted = _short(aliases.get(fold_key(typed), typed))
    q = fold_key(_short(fold_key(wanted)))
    q = re.sub(r"^(tp|thanh pho|tinh)\s+", "", q)
    for p in Province.iter_all():
        name = _short(p.name)
        if fold_key(name) == q or p.codename == q.replace(" ", "_"):
            units = tuple(
                Unit(w.division_type.value, w.name, int(w.code), w.codename) for w in Ward.iter_by_province(p.code)
            )
            return ProvinceInfo(name, p.division_type == Types.THANH_PHO_TRUNG_UONG, int(p.code), units)
    for old, new in FORMER_PROVINCES.items():
        if fold_key(old) == q:
            raise DirectoryError(directory_texts.ERR_PROVINCE_MERGED.format(name=old, new=new))
    names = sorted((edit_distance(q, fold_key(n)), n) for n, _, _ in provinces())
    message = directory_texts.ERR_PROVINCE.format(name=typed)
    close = [n for d, n in names if d <= max(2, len(q) // 4)][:3]
    return _raise(
        message + (" " + directory_texts.ERR_PROVINCE_SUGGEST.format(names=", ".join(close)) if close else "")
    )


def _raise(message: str):
    raise DirectoryError(message)


def write_new(province: str, out: Path | str, force: bool = False) -> dict:
    """Write the directory file of ``province``; returns what it holds (for the command's summary)."""
    info = find_province(province)
    path = Path(out)
    if path.exists() and not force:
        raise DirectoryError(directory_texts.ERR_EXISTS.format(path=path))
    text = render_directory(info.name, info.is_city, list(info.units))
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise DirectoryError(directory_texts.ERR_WRITE.format(path=path, reason=e.strerror)) from None
    directory = load_directory(path)  # what we wrote must load, or it is our bug
    counts = {t: sum(1 for u in info.units if u.division_type == t) for t in ("xã", "phường", "đặc khu")}
    return {
        "path": str(path),
        "province": info.name,
        "full": info.full,
        "is_city": info.is_city,
        "communes": len(info.units),
        "counts": counts,
        "bodies": sum(1 for a in directory.agencies.values() if a.kind != "commune"),
        "optional": sum(1 for line in text.splitlines() if line.startswith("  # - {")),
        "checks": text.count("# kiểm tra:"),
    }


def slug(name: str) -> str:
    """A key from a name: "Sở Ngoại vụ" → "so-ngoai-vu"."""
    return "-".join(fold_key(name).split())[:60] or "co-quan"


def add_agency(
    path: Path | str,
    name: str,
    aliases: list[str] | None = None,
    kind: str = "department",
    key: str | None = None,
    parent: str | None = None,
) -> dict:
    """Append one body to a directory file's ``agencies`` list, keeping every other line as it is."""
    p = Path(path)
    name = " ".join(name.split())
    if not name:
        raise DirectoryError(directory_texts.ERR_EMPTY_NAME)
    if kind not in KINDS:
        raise DirectoryError(directory_texts.ERR_BAD_KIND.format(kind=kind, kinds=", ".join(KINDS)))
    directory = load_directory(p)
    lines = p.read_text(encoding="utf-8").splitlines(keepends=True)
    aliases = [a for a in (aliases or []) if a.strip()]
    for typed in [name, *aliases]:
        found = _same_name(directory, typed)
        if found:
            raise DirectoryError(
                directory_texts.ERR_ALREADY.format(
                    path=p,
                    line=_line_of(lines, found) or "?",
                    name=directory.agencies[found].name,
                    key=found,
                    typed=typed,
                )
            )
    key = key or _free_key(directory, slug(name))
    if key in directory.agencies or key in directory.groups:
        raise DirectoryError(directory_texts.ERR_KEY_TAKEN.format(path=p, line=_line_of(lines, key) or "?", key=key))
    at = _end_of_agencies(lines, p)
    entry = agency_line(Body(key, name, kind, aliases=tuple(aliases), parent=parent or ""), None)
    if at > 0 and not lines[at - 1].endswith("\n"):
        lines[at - 1] += "\n"
    new = lines[:at] + [f"  {entry}\n"] + lines[at:]
    original = "".join(lines)
    p.write_text("".join(new), encoding="utf-8")
    try:
        load_directory(p)
    except DataFileError as e:
        p.write_text(original, encoding="utf-8")
        raise DirectoryError(directory_texts.ERR_INVALID_AFTER.format(detail=e)) from None
    return {"path": str(p), "line": at + 1, "key": key, "name": name, "kind": kind, "aliases": aliases}


def _same_name(directory: Directory, typed: str) -> str | None:
    k = canonical_key(typed)
    for a in directory.agencies.values():
        if k in {canonical_key(x) for x in (a.name, a.short, *a.aliases) if x}:
            return a.key
    return None


def _free_key(directory: Directory, base: str) -> str:
    key, n = base, 2
    while key in directory.agencies or key in directory.groups:
        key, n = f"{base}-{n}", n + 1
    return key


def _line_of(lines: list[str], key: str) -> int | None:
    rx = re.compile(r"(?:^|[{\s])key:\s*" + re.escape(key) + r"\s*[,}\n]")
    return next(
        (i + 1 for i, line in enumerate(lines) if not line.lstrip().startswith("#") and rx.search(line + "\n")), None
    )


def _end_of_agencies(lines: list[str], path: Path) -> int:
    """Index of the line before which a new agency goes: after the last entry of ``agencies:``."""
    start = next((i for i, line in enumerate(lines) if re.match(r"agencies\s*:", line)), None)
    if start is None:
        raise DirectoryError(directory_texts.ERR_NO_AGENCIES_LIST.format(path=path))
    end = len(lines)
    for i in range(start + 1, len(lines)):
        if lines[i].strip() and not lines[i][0].isspace() and not lines[i].startswith(("#", "-")):
            end = i
            break
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end
