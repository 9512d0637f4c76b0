"""Every error a clerk can meet in a directory file (or a communes CSV) is Vietnamese and names the file,
the line and the field or column at fault; nothing is written (issue 11 §3)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.domain.agencies import Directory
from bot.files import load_directory, read_communes_csv
from bot.files.yaml_tree import DataFileError

GOOD = """province: Hải Phòng
agencies:
  - key: vp
    name: Văn phòng UBND thành phố
    kind: province_office
  - key: stp
    name: Sở Tư pháp
    kind: department
    parent: vp
groups:
  - key: cac-so
    name: Các sở
    members: [stp]
    member_kinds: [department]
roles:
  - key: dau-moi
    name: Cơ quan đầu mối
    holders:
      - agency: stp
        since: 2026-01-01
"""
# The parser's and the validator's English words: none may reach a clerk.
ENGLISH = re.compile(
    r"\b(unknown|found|expected|mapping|scalar|token|while|could not|not found|allowed|indicator|stream)\b",
    re.IGNORECASE,
)
# (what is wrong, the edit, the line at fault, words the message must carry: the field and the value)
CASES = [
    ("kind", ("    kind: department\n    parent", "    kind: ministry\n    parent"), 8, ("'kind'", "'ministry'")),
    ("parent", ("parent: vp", "parent: vpx"), 9, ("'parent'", "'vpx'")),
    ("member", ("members: [stp]", "members: [stx]"), 13, ("'members'", "'stx'")),
    ("member kind", ("member_kinds: [department]", "member_kinds: [ministry]"), 14, ("'member_kinds'", "'ministry'")),
    ("duplicate key", ("  - key: stp", "  - key: vp"), 6, ("'key'", "'vp'")),
    ("role holder", ("- agency: stp", "- agency: xyz"), 19, ("'agency'", "'xyz'")),
    ("holder date", ("since: 2026-01-01", "since: 2026-13-01"), 20, ("'since'", "YYYY-MM-DD")),
    ("missing name", ("    name: Sở Tư pháp\n", ""), 6, ("'name'",)),
    ("aliases text", ("    name: Sở Tư pháp\n", "    name: Sở Tư pháp\n    aliases: STP\n"), 8, ("'aliases'",)),
    (
        "entry not a body",
        ("  - key: stp\n    name: Sở Tư pháp\n    kind: department\n    parent: vp\n", "  - Sở Tư pháp\n"),
        6,
        ("'agencies'",),
    ),
    ("colon", ("name: Sở Tư pháp", "name: Sở Tư pháp: Hải Phòng"), 7, ("cột", "ngoặc kép")),
    ("open quote", ("name: Sở Tư pháp", 'name: "Sở Tư pháp'), None, ("cột", "ngoặc kép")),
    ("open list", ("members: [stp]", "members: [stp"), None, ("cột", "]")),
    ("percent", ("name: Sở Tư pháp", "name: %Sở Tư pháp"), 7, ("cột", "ngoặc kép")),
    ("indent", ("    kind: department\n    parent", "    kind: department\n      parent"), None, ("cột",)),
    ("tab", ("    kind: department\n    parent", "    kind: department\n\tparent"), 9, ("cột", "tab")),
]


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "dm-hp.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_the_good_file_loads(tmp_path):
    assert isinstance(load_directory(_write(tmp_path, GOOD)), Directory)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_error_names_file_line_and_field_in_vietnamese(tmp_path, case):
    _, (old, new), line, words = case
    assert old in GOOD
    p = _write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(DataFileError) as e:
        load_directory(p)
    message = str(e.value)
    assert message.startswith(f"{p}:{line}: " if line else f"{p}:"), message
    assert e.value.line, message  # a line every time
    for w in words:
        assert w in message, message
    assert not ENGLISH.search(e.value.message), message


def test_init_with_a_broken_directory_says_where_and_writes_nothing(cli, tmp_path):
    (tmp_path / "kh.yaml").write_text(
        "id: hp-2026\nyear: 2026\nprovince: Hải Phòng\nissuer: UBND thành phố Hải Phòng\ntitle: Kế hoạch\n"
        "tasks:\n  - {number: 1, content: Rà soát, lead: Sở Tư pháp, deadline: Trước ngày 31/3/2026}\n",
        encoding="utf-8",
    )
    bad = _write(tmp_path, GOOD.replace("members: [stp]", "members: [stx]"))
    code, out, err = cli("init", "--plan", "kh.yaml", "--agencies", str(bad))
    assert code != 0 and f"{bad}:13:" in err and "'members'" in err and not ENGLISH.search(err)
    assert not list(tmp_path.rglob("*.db"))  # nothing written
    code, out, err = cli("directory", "add", str(bad), "Sở Ngoại vụ")
    assert code != 0 and f"{bad}:13:" in err and not ENGLISH.search(err)
    assert bad.read_text(encoding="utf-8") == GOOD.replace("members: [stp]", "members: [stx]")  # unchanged
    code, out, err = cli("init", "--plan", "kh.yaml", "--agencies", str(tmp_path / "khong-co.yaml"))
    assert code != 0 and "khong-co.yaml" in err and "không tìm thấy tệp" in err and not ENGLISH.search(err)


@pytest.mark.parametrize(
    "csv, line, words",
    [
        ("ma,ten\nx-a,UBND xã A\n", 1, ("key,name",)),
        ("key,name\n,UBND xã A\n", 2, ("'key'",)),
        ("key,name\nx-a,\n", 2, ("'name'",)),
        ("key,name\nx-a,UBND xã A\nx-a,UBND xã B\n", 3, ("'key'", "'x-a'")),
    ],
)
def test_communes_csv_errors_name_line_and_column(tmp_path, csv, line, words):
    p = tmp_path / "xa.csv"
    p.write_text(csv, encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        read_communes_csv(p, load_directory(_write(tmp_path, GOOD)))
    assert str(e.value).startswith(f"{p}:{line}: ")
    assert all(w in e.value.message for w in words) and not ENGLISH.search(e.value.message)
