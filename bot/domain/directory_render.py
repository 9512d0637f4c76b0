"""Writing a post-2025 directory file (YAML text with comments) for one province.

Pure: the caller supplies the province and its communes (from a package of administrative
units); this module decides the bodies, names, short forms and groups and lays out the text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from bot.domain.agencies import KINDS
from bot.domain.directory_template import GROUPS, SECTIONS, VAGUE_PHRASES, Body
from bot.domain.folding import key as fold_key

HEADER = """\
# Danh mục cơ quan của {full} (sau sắp xếp đơn vị hành chính từ 1/7/2025), tạo bằng
# `nhacviec directory new`. Dùng để xác định cơ quan trong các ô "Cơ quan chủ trì" / "Cơ quan phối hợp".
#
# Sửa tự do: tên và bí danh được so khớp không phân biệt dấu, hoa thường, dấu câu; "UBND" = "Ủy ban
# nhân dân", "TP" = "thành phố", "Sở KH&CN" = "Sở Khoa học và Công nghệ"… đã có sẵn, không cần gõ lại.
#   key      mã cố định (không đổi sau khi cán bộ đã đăng ký)
#   name     tên chính thức, hiện trong tin nhắn
#   short    tên ngắn (tùy chọn)
#   kind     {kinds}
#   aliases  cách viết khác trong kế hoạch
#   parent   key của cơ quan cấp trên (tùy chọn)
#   replaces cơ quan cũ mà cơ quan này thay thế (sáp nhập năm 2025): kế hoạch cũ nêu tên cũ vẫn đọc được
# Các dòng "# kiểm tra: …" là điều cần xác minh với thực tế của {cap}; các mục bắt đầu bằng "# - {{"
# chỉ có ở một số tỉnh: xóa "# " ở đầu dòng để giữ, hoặc xóa cả dòng.
# Thêm cơ quan: nhacviec directory add TỆP "Tên cơ quan" --alias "Tên khác" --kind department
province: {province}
"""


@dataclass(frozen=True)
class Unit:
    """A commune-level unit as the package lists it: "xã" | "phường" | "đặc khu", full name, code."""

    division_type: str
    name: str  # "Xã Thượng Lâm"
    code: int
    codename: str  # "xa_thuong_lam"


def words_for(is_city: bool, province: str) -> dict[str, str]:
    """The placeholders of the templates for a province or a centrally-run city."""
    cap = "thành phố" if is_city else "tỉnh"
    return {"cap": cap, "Cap": cap.capitalize(), "doan": "Thành đoàn" if is_city else "Tỉnh đoàn", "P": province}


def _fill(text: str, w: dict[str, str] | None) -> str:
    """The template with its placeholders filled; ``w=None``: a name typed by a person, as it is."""
    return text.format(**w) if w is not None else text


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def agency_line(b: Body, w: dict[str, str] | None) -> str:
    """One agency as a YAML flow mapping on one line."""
    parts = [f"key: {b.key}", f"name: {_q(_fill(b.name, w))}", f"kind: {b.kind}"]
    if b.short:
        parts.append(f"short: {_q(_fill(b.short, w))}")
    if b.parent:
        parts.append(f"parent: {b.parent}")
    aliases = _unique([_fill(a, w) for a in b.aliases], exclude=(_fill(b.name, w), _fill(b.short, w)))
    if aliases:
        parts.append("aliases: [" + ", ".join(_q(a) for a in aliases) + "]")
    if b.replaces:
        parts.append("replaces: [" + ", ".join(_q(_fill(r, w)) for r in b.replaces) + "]")
    return "- {" + ", ".join(parts) + "}"


def _unique(names: list[str], exclude: tuple[str, ...] = ()) -> list[str]:
    seen = {fold_key(x) for x in exclude if x}
    out = []
    for n in names:
        if fold_key(n) not in seen:
            seen.add(fold_key(n))
            out.append(n)
    return out


def commune_bodies(units: list[Unit]) -> list[Body]:
    """Each commune's People's Committee: "UBND xã X", also known as "Xã X"."""
    keys: dict[str, int] = {}
    folded: dict[str, list[str]] = {}
    for u in units:
        keys[u.codename] = keys.get(u.codename, 0) + 1
        folded.setdefault(fold_key(u.name), []).append(u.name)
    out = []
    for u in sorted(units, key=lambda u: (u.division_type != "đặc khu", u.division_type, fold_key(u.name))):
        base = u.name[len(u.division_type) :].strip() if u.name.lower().startswith(u.division_type) else u.name
        key = u.codename.replace("_", "-") + (f"-{u.code}" if keys[u.codename] > 1 else "")
        twins = [n for n in folded[fold_key(u.name)] if n != u.name]
        check = (
            f"chỉ khác '{twins[0]}' ở dấu: trong kế hoạch phải gõ đúng dấu, nếu không sẽ bị báo chưa xác định"
            if twins
            else ""
        )
        out.append(Body(key, f"UBND {u.division_type} {base}", "commune", aliases=(u.name,), check=check))
    return out


def render_directory(province: str, is_city: bool, units: list[Unit]) -> str:
    """The whole directory file for a province (``province`` without "Thành phố"/"Tỉnh")."""
    w = words_for(is_city, province)
    full = f"thành phố {province}" if is_city else f"tỉnh {province}"
    lines = [HEADER.format(full=full, province=_q(province), cap=w["cap"], kinds=" | ".join(KINDS)), "agencies:"]
    for section in SECTIONS:
        lines.append(f"  # --- {_fill(section.title, w)} ---")
        for b in section.bodies:
            if b.check:
                lines.append(f"  # kiểm tra: {_fill(b.check, w)}")
            lines.append(("  # " if b.optional else "  ") + agency_line(b, w))
    counts = {t: sum(1 for u in units if u.division_type == t) for t in ("xã", "phường", "đặc khu")}
    summary = ", ".join(f"{n} {t}" for t, n in counts.items() if n)
    lines.append(f"  # --- UBND cấp xã: {len(units)} đơn vị ({summary}) ---")
    for b in commune_bodies(units):
        if b.check:
            lines.append(f"  # kiểm tra: {b.check}")
        lines.append("  " + agency_line(b, w))
    lines += ["", "groups:"]
    for g in GROUPS:
        if g.check:
            lines.append(f"  # kiểm tra: {_fill(g.check, w)}")
        parts = [f"key: {g.key}", f"name: {_q(_fill(g.name, w))}"]
        aliases = _unique([_fill(a, w) for a in g.aliases], exclude=(_fill(g.name, w),))
        if aliases:
            parts.append("aliases: [" + ", ".join(_q(a) for a in aliases) + "]")
        if g.member_kinds:
            parts.append("member_kinds: [" + ", ".join(g.member_kinds) + "]")
        if g.members:
            parts.append("members: [" + ", ".join(g.members) + "]")
        lines.append("  - {" + ", ".join(parts) + "}")
    lines += ["", "# Cụm từ không chỉ rõ cơ quan nào: để điều phối viên phân công.", "vague:"]
    lines += [f"  - {_q(v)}" for v in VAGUE_PHRASES]
    return "\n".join(lines) + "\n"
