"""Vocabulary of the deadline reader: the words and patterns Vietnamese plans use, as data.

Every pattern runs on folded text (lower case, no diacritics, see ``bot.domain.folding.fold``) after
``REWRITES``. Add a wording here, not a branch in the reader.
"""

from __future__ import annotations

import re

# Spelled-out numbers and shorthand, rewritten before reading: (pattern, replacement).
REWRITES: tuple[tuple[str, str], ...] = (
    (r"[–—−]", "-"),
    (r"\bqui\b", "quy"),
    (r"\bsau thang\b", "6 thang"),
    (r"\bchin thang\b", "9 thang"),
    (r"\bba thang\b", "3 thang"),
    (r"\bnua (dau|cuoi) nam\b", r"6 thang \1 nam"),
    (r"\bnua nam\b", "6 thang"),
    (r"\bq\.?\s*(iv|iii|ii|i|[1-4])\b", r"quy \1"),
    (r"\bt\.?\s*(\d{1,2})\s*/\s*(\d{4})\b", r"thang \1/\2"),
    (r"\bngay\s+ngay\b", "ngay"),
    (r"\b(\w+)(?: \1\b)+", r"\1"),  # "nam nam 2023" → "nam 2023"
)

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
YEAR_TAIL = r"(?:\s*(?:nam|/|-|,)?\s*(?P<y>\d{4})(?!\d))?"

# --- periods and dates --------------------------------------------------------------------------
QUARTER = re.compile(r"\bquy\s*(?P<q>iv|iii|ii|i|[1-4])\b" + YEAR_TAIL)
PART_OF_YEAR = re.compile(r"\b(?P<n>\d{1,2}) thang (?P<side>dau|cuoi) nam" + YEAR_TAIL)
MONTH = re.compile(r"\bthang\s*(?P<m>\d{1,2})(?!\s*[/.]\s*\d{1,2}\s*[/.])(?!\d)" + YEAR_TAIL)
YEAR_RANGE = re.compile(
    r"(?:\bnam\s*)?(?<![\d/.])(?P<y1>\d{4})\s*(?:-|den het nam|den nam|den het|den|toi)\s*"
    r"(?:nam\s*)?(?P<y2>\d{4})(?!\d)"
)
YEAR = re.compile(r"(?:\bnam\s*)?(?<![\d/.\-])(?P<y>\d{4})(?![\d/])")
DATE_WORDS = re.compile(r"\bngay\s*(?P<d>\d{1,2})\s*thang\s*(?P<m>\d{1,2})(?:\s*nam\s*(?P<y>\d{4}))?")
DATE_NUM = re.compile(
    r"(?<![\d/])(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})(?!\d)"
    r"(?:\s*(?P=sep)\s*(?P<y>\d{4})(?!\d)|\s*(?:nam\s*)(?P<y2>\d{4})(?!\d))?"
)
# A bare right side of a range that inherits the left side's unit: "Tháng 3 - 4/2026", "Quý II - III/2026".
BARE_UNIT = re.compile(r"\s*(?P<n>iv|iii|ii|i|\d{1,2})\b" + YEAR_TAIL + r"\s*$")

# Range separators, tried left to right: "từ … đến (hết) …", "… - …", "… tới …".
RANGE_SEP = re.compile(r"\s+(?:den het|cho den het|cho den|den|toi)\s+|\s*-\s*")
RANGE_START = re.compile(r"^\s*(?:(?:bat dau |ke )?tu|trong (?:thoi gian|giai doan) tu|giai doan|trong)\s+")

# --- kinds that carry no date ---------------------------------------------------------------------
# (pattern on the whole folded cell, reason)
UNSPECIFIED = (
    (re.compile(r"^theo (?:tien do|ke hoach|lo trinh|chuong trinh)\b"), "schedule_elsewhere"),
    (re.compile(r"^theo (?:huong dan|chi dao|quy dinh|van ban|thong bao|thoi han)\b"), "external_guidance"),
    (re.compile(r"^(?:(?:da|dang|chua|tiep tuc) )?(?:hoan thanh|thuc hien|trien khai|xay dung)$"), "status"),
    (re.compile(r"^(?:da|dang|chua) (?:hoan thanh|thuc hien|trien khai)\b"), "status"),
)
# Work that starts when something happens.
ON_DEMAND = (
    re.compile(r"^(?:khi|theo|neu) (?:co )?yeu cau(?! hoac)"),
    re.compile(r"^khi can(?: thiet)?\b"),
    re.compile(r"^dot xuat$"),
    re.compile(r"^(?:ngay )?(?:sau khi|ngay khi|khi)\b"),
    re.compile(r"^(?:\w+ ){0,2}khi (?:co )?phat sinh\b"),
    re.compile(r"^theo (?:de nghi|de xuat|yeu cau)\b(?! hoac)"),
    re.compile(
        r"^(?:trong (?:vong |thoi han )?|cham nhat |sau )?\d{1,3} ngay (?:lam viec )?(?:ke tu|sau) (?:khi|ngay (?!\d))"
    ),
)
ON_REQUEST_PREFIX = re.compile(r"^theo yeu cau hoac\b")

# --- ongoing ---------------------------------------------------------------------------------------
ONGOING = re.compile(r"\b(?:thuong xuyen|lien tuc|hang ngay|moi ngay)\b")
STARTS_FROM = re.compile(r"(?:^|\s)(?:bat dau tu|bat dau|ke tu|tu)\s+(?!khi\b)")
UNTIL_EVENT = re.compile(r"\b(?:den khi|cho den khi|den luc)\b.*$")
OPEN_END = re.compile(
    r"\b(?:tro di|tro ve sau|va (?:nhung|cac) nam (?:tiep theo|sau|ke tiep)|"
    r"(?:nhung|cac) nam tiep theo)\b"
)

# --- recurring -------------------------------------------------------------------------------------
RECURRING = re.compile(
    r"\bdinh ky\b|\b(?:hang|moi) (?:tuan|thang|quy|nam|ky)\b|"
    r"\b(?:6 thang|thang|quy|nam)\s*\((?:truoc|cham nhat|vao)\b|"
    r"\bngay \d{1,2} (?:cua )?thang (?:dau|cuoi|giua|thu \w+) (?:cua )?(?:quy|nam|6 thang)\b"
)
# A cadence word; a bare one ("6 tháng", "năm") counts only after "định kỳ", a comma, "và" or "(".
CADENCES = (
    (re.compile(r"\b(?:hang|moi) tuan\b"), "weekly"),
    (re.compile(r"\b(?:hang|moi) thang\b"), "monthly"),
    (re.compile(r"\b(?:hang|moi|theo) quy\b"), "quarterly"),
    (re.compile(r"\b(?:hang|moi) nam\b"), "yearly"),
    (
        re.compile(
            r"(?:\bdinh ky|,|\bva|^)\s*(?P<w>6 thang|quy|thang|nam|tuan)\b(?!\s*(?:\d|dau\b|cuoi\b|i\b|ii\b|iii\b|iv\b))"
        ),
        None,
    ),
)
BARE_CADENCE = {"6 thang": "half_yearly", "quy": "quarterly", "thang": "monthly", "nam": "yearly", "tuan": "weekly"}
AD_HOC = re.compile(r"\b(?:hoac|va)?\s*dot xuat\b")
# "…, khi phát sinh", "… hoặc theo yêu cầu": the dated reading stands, on request as well.
ALSO_ON_REQUEST = re.compile(
    r"(?:,|;|\bva|\bhoac)\s*(?:khi (?:co )?(?:phat sinh|yeu cau)|theo yeu cau|khi can thiet)\b.*$"
)
# The due day inside each period.
DAY_RULE = re.compile(
    r"(?:\b(?:truoc|cham nhat|vao)\s+(?:ngay\s*)?|\bngay\s*)(?P<d>\d{1,2})(?!\d)"
    r"(?:\s*/\s*(?P<m>\d{1,2})(?!\s*/)(?!\d))?"
    r"(?:\s*(?:cua|trong)?\s*thang\s*(?:(?P<mn>\d{1,2})(?!\d)|(?P<which>dau|cuoi|giua|thu nhat|thu hai|thu ba|thu [123])?"
    r"\s*(?P<per>quy|nam|6 thang|ky)?\s*(?P<next>sau|tiep theo|ke tiep)?))?"
)
WHICH_MONTH = {
    "dau": 1,
    "thu nhat": 1,
    "thu 1": 1,
    "giua": 2,
    "thu hai": 2,
    "thu 2": 2,
    "thu ba": 3,
    "thu 3": 3,
    "cuoi": -1,
}

# --- before / by -----------------------------------------------------------------------------------
BEFORE_PERIOD = re.compile(r"\btruoc\s+(?=(?:thang|quy|nam|\d+ thang)\b)")
BY_END_OF = re.compile(
    r"(?<!thang )\b(?:cuoi|cham nhat(?: vao)?(?: cuoi)?|den het|het)\s+(?=(?:thang|quy|nam|\d+ thang)\b)"
)
N_DAYS = re.compile(
    r"\b(?:trong (?:vong |thoi han )?)?(?P<n>\d{1,3}) ngay(?P<work> lam viec)?\s*,?\s*"
    r"(?P<from>ke tu|bat dau tu|tu)\s+(?:ngay\s+)?(?=\d)"
)

# Words that tie the date to something the reader cannot see: left over, they make the reading unsure.
ANCHORS = re.compile(r"\b(?:tet|hoi nghi|ky hop|dip|le|khi|sau|dau|giua|khoang|hoac|chua)\b")
