"""The resolver on every lead and coordinating cell of the seed, and people's typed lookups."""

from __future__ import annotations

from datetime import date

import pytest

VP, TTTT, SNV = "vp-ubnd-tinh", "so-thong-tin-truyen-thong", "so-noi-vu"
SO, HUYEN, XA = "cac-so", "ubnd-cap-huyen", "ubnd-cap-xa"
LIEN_QUAN = "các cơ quan, đơn vị có liên quan"

# code: ((lead agencies, lead groups, lead unresolved), (coord agencies, coord groups, coord unresolved))
CELLS = {
    "1.I": (([VP], [], []), (["ban-quan-ly-kcn"], [SO, HUYEN, XA], [])),
    "2.I": (([TTTT], [], []), ([VP], [], ["các cơ quan có liên quan"])),
    "3.I": (([VP], [], []), ([SNV], [], ["Các cơ quan, đơn vị có liên quan"])),
    "4.I": (([VP], [], []), ([], [SO], [])),
    "5.I": (([VP], [], []), ([SNV, TTTT], [], [LIEN_QUAN])),
    "1.II": (([VP], [], []), ([], [], ["Các cơ quan, đơn vị, địa phương có liên quan"])),
    "2.II": (([VP], ["co-quan-ra-soat-tthc"], ["Các cơ quan được giao nhiệm vụ"]), ([], [SO, HUYEN, XA], [])),
    "3.II": (([VP], [HUYEN, XA], []),
             ([], [SO, HUYEN, XA], ["Các cơ quan tổ chức theo ngành dọc quản lý ở địa phương có liên quan"])),
    "4.II": (([VP], [SO], []), ([], [SO, HUYEN, XA], [])),
    "5.II": (([VP], [], []), ([], [], ["Các cơ quan, đơn vị, địa phương dự kiến được kiểm tra"])),
    "6.II": (([VP], [], []), ([SNV], [], [LIEN_QUAN])),
    "7.II": (([VP], [], []), ([], [SO, HUYEN, XA], [])),
    "1.III": (([VP], [], []), ([TTTT], [], [])),
    "2.III": (([], [SO], []), ([VP], [HUYEN, XA], [])),
    "3.III": (([TTTT], [], []), ([VP], [], [])),
    "4.III": (([], [SO, HUYEN, XA], []), ([VP], [], [])),
    "5.III": (([TTTT], [], []), ([VP], [], [])),
    "6.III": (([], [SO, HUYEN], [LIEN_QUAN]), ([VP], [], [])),
    "7.III": (([VP], [], []), ([], [SO], [])),          # the system's operator after the March handover
    "8.III": (([TTTT], [], []), ([VP], [SO], [])),
    "9.III": (([VP], [], []), ([TTTT], [SO, HUYEN, XA], [])),
    "10.III": (([VP], [], []), ([VP], [SO, HUYEN, XA], [])),
    "1.IV": ((["cong-thong-tin-dien-tu"], [SO, "co-quan-bao-chi", HUYEN, XA], []),
             ([VP, "trung-tam-phvhcc"], [HUYEN, XA], [])),
    "2.IV": (([VP], [], []), ([], ["co-quan-bao-chi"], ["Cơ quan có phản ánh, thông tin trên báo chí"])),
    "3.IV": (([VP], [], []), ([], [HUYEN], ["Một số Sở"])),
    "4.IV": (([VP], [], []), ([], [SO, HUYEN], [LIEN_QUAN])),
    "5.IV": (([], [SO, HUYEN, XA], ["Các cơ có liên quan"]), ([VP], [], [])),
}

REVIEW_DEPARTMENTS = ["so-noi-vu", "so-tu-phap", "so-tai-nguyen-moi-truong", "so-lao-dong", TTTT, "so-y-te",
                      "so-cong-thuong", "so-van-hoa", "ban-quan-ly-kcn", "so-khoa-hoc", "so-tai-chinh",
                      "so-giao-duc", "so-xay-dung", "so-nong-nghiep", "so-ke-hoach-dau-tu", "so-giao-thong"]
INSPECTED = {
    "PL2.I.1": ["so-tai-nguyen-moi-truong", "van-phong-dang-ky-dat-dai"], "PL2.I.2": ["so-lao-dong"],
    "PL2.I.3": ["ban-quan-ly-kcn"], "PL2.I.4": ["so-nong-nghiep"], "PL2.I.5": ["so-giao-thong"],
    "PL2.II.1": ["ubnd-tp-chi-linh"], "PL2.II.2": ["ubnd-h-kim-thanh"], "PL2.II.3": ["ubnd-h-tu-ky"],
    "PL2.II.4": ["ubnd-h-cam-giang"], "PL2.II.5": ["ubnd-h-nam-sach"], "PL2.II.6": ["ubnd-tp-hai-duong"],
    "PL2.II.7": ["ubnd-h-thanh-mien"], "PL2.II.8": ["ubnd-h-thanh-ha"], "PL2.II.9": ["ubnd-h-ninh-giang"],
    "PL2.II.10": ["ubnd-h-binh-giang"], "PL2.II.11": ["ubnd-tx-kinh-mon"], "PL2.II.12": ["ubnd-h-gia-loc"],
}


def _shape(res):
    return (list(res.agencies), list(res.groups), [u.text for u in res.unresolved])


@pytest.mark.parametrize("code", list(CELLS))
def test_task_cells(plan, directory, code):
    item = plan.item(code)
    due = date(2023, 12, 31)
    lead, coord = CELLS[code]
    assert _shape(directory.resolve(item.lead_text, due)) == tuple(lead)
    assert _shape(directory.resolve(item.coordinating_text, due)) == tuple(coord)


def test_review_departments(plan, directory):
    got = [directory.resolve(plan.item(f"PL1.{n}").lead_text).agencies for n in range(1, 17)]
    assert [list(a) for a in got] == [[k] for k in REVIEW_DEPARTMENTS]


@pytest.mark.parametrize("code", list(INSPECTED))
def test_inspected_units(plan, directory, code):
    res = directory.resolve(plan.item(code).subject_text)
    assert list(res.agencies) == INSPECTED[code] and not res.unresolved


def test_names_with_commas_and_va_are_not_split(directory):
    res = directory.resolve("Sở Lao động, Thương binh và Xã hội; Sở Văn hóa, Thể thao và Du lịch")
    assert list(res.agencies) == ["so-lao-dong", "so-van-hoa"] and not res.unresolved


def test_group_members(directory):
    so = directory.members(SO)
    assert len(so) == 18 and "ban-quan-ly-kcn" in so and VP not in so
    assert len(directory.members(HUYEN)) == 12
    assert directory.members(XA) == []
    assert len(directory.members("co-quan-ra-soat-tthc")) == 16


def test_role_alias_follows_the_handover(directory):
    cell = "Cơ quan quản lý, vận hành Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh."
    assert directory.resolve(cell, date(2023, 3, 15)).agencies == (TTTT,)
    assert directory.resolve(cell, date(2023, 4, 1)).agencies == (VP,)


def test_unknown_name_is_reported_not_dropped(directory):
    res = directory.resolve("Sở Tư pháp; Sở Du hành vũ trụ; các cơ quan có liên quan")
    assert res.agencies == ("so-tu-phap",)
    assert [(u.text, u.reason) for u in res.unresolved] == [
        ("các cơ quan có liên quan", "vague"), ("Sở Du hành vũ trụ", "unknown")]


@pytest.mark.parametrize("query,key", [
    ("so tu phap", "so-tu-phap"), ("SỞ TƯ PHÁP", "so-tu-phap"), ("tu phap", "so-tu-phap"),
    ("tt&tt", TTTT), ("Sở TTTT", TTTT), ("so tt tt", TTTT), ("VP UBND tỉnh", VP), ("vp ubnd tinh", VP),
    ("Sở LĐ-TB&XH", "so-lao-dong"), ("so ld tb xh", "so-lao-dong"), ("BQL các KCN", "ban-quan-ly-kcn"),
    ("bql kcn", "ban-quan-ly-kcn"), ("kim thanh", "ubnd-h-kim-thanh"), ("so tu phat", "so-tu-phap"),
])
def test_lookup(directory, query, key):
    found = directory.lookup(query)
    if found.agency is None:  # a typo gives candidates, never a guess
        assert [a.key for a in found.candidates][:1] == [key]
    else:
        assert found.agency.key == key


def test_typo_is_a_suggestion_not_a_match(directory):
    found = directory.lookup("so tu phat")
    assert found.agency is None and found.candidates[0].key == "so-tu-phap"


def test_ambiguous_lookup_lists_candidates(directory):
    found = directory.lookup("thanh")
    assert found.agency is None
    keys = {a.key for a in found.candidates}
    assert {"ubnd-h-kim-thanh", "ubnd-h-thanh-ha", "ubnd-h-thanh-mien"} <= keys


def test_lookup_of_nothing(directory):
    assert directory.lookup("   ").agency is None
    assert directory.lookup("xyzzy qwerty").candidates == ()
