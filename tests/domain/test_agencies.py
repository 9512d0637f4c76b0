"""The resolver on every lead and coordinating cell of the seed, and people's typed lookups."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.role_tasks import settle_roles, switch_tasks

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
    "3.II": (
        ([VP], [HUYEN, XA], []),
        ([], [SO, HUYEN, XA], ["Các cơ quan tổ chức theo ngành dọc quản lý ở địa phương có liên quan"]),
    ),
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
    "7.III": (([TTTT], [], []), ([], [SO], [])),  # the system's operator until 2.I is recorded done
    "8.III": (([TTTT], [], []), ([VP], [SO], [])),
    "9.III": (([VP], [], []), ([TTTT], [SO, HUYEN, XA], [])),
    "10.III": (([TTTT], [], []), ([VP], [SO, HUYEN, XA], [])),
    "1.IV": (
        (["cong-thong-tin-dien-tu"], [SO, "co-quan-bao-chi", HUYEN, XA], []),
        ([VP, "trung-tam-phvhcc"], [HUYEN, XA], []),
    ),
    "2.IV": (([VP], [], []), ([], ["co-quan-bao-chi"], ["Cơ quan có phản ánh, thông tin trên báo chí"])),
    "3.IV": (([VP], [], []), ([], [HUYEN], ["Một số Sở"])),
    "4.IV": (([VP], [], []), ([], [SO, HUYEN], [LIEN_QUAN])),
    "5.IV": (([], [SO, HUYEN, XA], ["Các cơ có liên quan"]), ([VP], [], [])),
}

REVIEW_DEPARTMENTS = [
    "so-noi-vu",
    "so-tu-phap",
    "so-tai-nguyen-moi-truong",
    "so-lao-dong",
    TTTT,
    "so-y-te",
    "so-cong-thuong",
    "so-van-hoa",
    "ban-quan-ly-kcn",
    "so-khoa-hoc",
    "so-tai-chinh",
    "so-giao-duc",
    "so-xay-dung",
    "so-nong-nghiep",
    "so-ke-hoach-dau-tu",
    "so-giao-thong",
]
INSPECTED = {
    "PL2.I.1": ["so-tai-nguyen-moi-truong", "van-phong-dang-ky-dat-dai"],
    "PL2.I.2": ["so-lao-dong"],
    "PL2.I.3": ["ban-quan-ly-kcn"],
    "PL2.I.4": ["so-nong-nghiep"],
    "PL2.I.5": ["so-giao-thong"],
    "PL2.II.1": ["ubnd-tp-chi-linh"],
    "PL2.II.2": ["ubnd-h-kim-thanh"],
    "PL2.II.3": ["ubnd-h-tu-ky"],
    "PL2.II.4": ["ubnd-h-cam-giang"],
    "PL2.II.5": ["ubnd-h-nam-sach"],
    "PL2.II.6": ["ubnd-tp-hai-duong"],
    "PL2.II.7": ["ubnd-h-thanh-mien"],
    "PL2.II.8": ["ubnd-h-thanh-ha"],
    "PL2.II.9": ["ubnd-h-ninh-giang"],
    "PL2.II.10": ["ubnd-h-binh-giang"],
    "PL2.II.11": ["ubnd-tx-kinh-mon"],
    "PL2.II.12": ["ubnd-h-gia-loc"],
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
    assert switch_tasks(directory) == {"2.I"}
    # the hand-over (task 2.I) not recorded: the department holds the role whatever the date
    assert directory.resolve(cell, date(2023, 3, 15)).agencies == (TTTT,)
    assert directory.resolve(cell, date(2023, 7, 10)).agencies == (TTTT,)
    settled = settle_roles(directory, {"2.I": date(2023, 4, 10)})
    assert settled.resolve(cell, date(2023, 4, 9)).agencies == (TTTT,)
    assert settled.resolve(cell, date(2023, 4, 10)).agencies == (VP,)


def test_unknown_name_is_reported_not_dropped(directory):
    res = directory.resolve("Sở Tư pháp; Sở Du hành vũ trụ; các cơ quan có liên quan")
    assert res.agencies == ("so-tu-phap",)
    assert [(u.text, u.reason) for u in res.unresolved] == [
        ("các cơ quan có liên quan", "vague"),
        ("Sở Du hành vũ trụ", "unknown"),
    ]


@pytest.mark.parametrize(
    "query,key",
    [
        ("so tu phap", "so-tu-phap"),
        ("SỞ TƯ PHÁP", "so-tu-phap"),
        ("tu phap", "so-tu-phap"),
        ("tt&tt", TTTT),
        ("Sở TTTT", TTTT),
        ("so tt tt", TTTT),
        ("VP UBND tỉnh", VP),
        ("vp ubnd tinh", VP),
        ("Sở LĐ-TB&XH", "so-lao-dong"),
        ("so ld tb xh", "so-lao-dong"),
        ("BQL các KCN", "ban-quan-ly-kcn"),
        ("bql kcn", "ban-quan-ly-kcn"),
        ("kim thanh", "ubnd-h-kim-thanh"),
        ("so tu phat", "so-tu-phap"),
    ],
)
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


# ---- the rules of resolution, on a small post-2025 directory ---------------------------------
from bot.domain.agencies import UNKNOWN, VAGUE, canonical_key  # noqa: E402
from bot.domain.directory_build import build_directory  # noqa: E402

POST_2025 = build_directory(
    {
        "province": "Cao Bằng",
        "agencies": [
            {"key": "vp", "name": "Văn phòng UBND tỉnh", "kind": "province_office"},
            {"key": "ubnd", "name": "UBND tỉnh", "kind": "other"},
            {"key": "hdnd", "name": "HĐND tỉnh", "kind": "other"},
            {"key": "khcn", "name": "Sở Khoa học và Công nghệ", "kind": "department"},
            {"key": "nnmt", "name": "Sở Nông nghiệp và Môi trường", "kind": "department"},
            {"key": "vhttdl", "name": "Sở Văn hóa, Thể thao và Du lịch", "kind": "department"},
            {"key": "tp", "name": "Sở Tư pháp", "kind": "department"},
            {"key": "noivu", "name": "Sở Nội vụ", "kind": "department"},
            {"key": "ttpvhcc", "name": "Trung tâm Phục vụ hành chính công tỉnh", "kind": "other"},
            {"key": "bql", "name": "Ban Quản lý các khu công nghiệp tỉnh", "kind": "board"},
            {"key": "ca", "name": "Công an tỉnh", "kind": "police"},
            {"key": "thue", "name": "Thuế tỉnh Cao Bằng", "kind": "vertical"},
            {"key": "mttq", "name": "Ủy ban MTTQ Việt Nam tỉnh", "kind": "mass_org"},
            {"key": "x-thanh-cong", "name": "UBND xã Thành Công", "kind": "commune"},
            {"key": "p-thuc-phan", "name": "UBND phường Thục Phán", "kind": "commune"},
            {"key": "x-cam-giang", "name": "UBND xã Cẩm Giang", "kind": "commune"},
            {"key": "x-cam-giang-2", "name": "UBND xã Cẩm Giàng", "kind": "commune"},
            {"key": "tp-cao-bang", "name": "UBND thành phố Cao Bằng", "kind": "district"},
        ],
        "groups": [
            {"key": "cac-so", "name": "Các sở, ban, ngành tỉnh", "member_kinds": ["department", "board"]},
            {
                "key": "cap-xa",
                "name": "UBND cấp xã",
                "aliases": ["UBND các xã, phường, đặc khu", "cấp xã"],
                "member_kinds": ["commune"],
            },
            {"key": "cap-huyen", "name": "UBND cấp huyện", "aliases": ["cấp huyện"], "member_kinds": ["district"]},
        ],
    }
)


def _res(cell):
    r = POST_2025.resolve(cell)
    return list(r.agencies), list(r.groups), [(u.text, u.reason) for u in r.unresolved]


@pytest.mark.parametrize(
    "a,b",
    [
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("UBND tỉnh", "Uỷ ban Nhân dân Tỉnh"),
        ("UBND tỉnh", "ubnd tinh"),
        ("HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
        ("UBND thành phố Cao Bằng", "UBND TP. Cao Bằng"),
        ("UBND thành phố Cao Bằng", "Ủy ban nhân dân TP Cao Bằng"),
        ("Sở Khoa học và Công nghệ", "Sở KH&CN"),
        ("Sở Khoa học và Công nghệ", "Sở KHCN"),
        ("Sở Nông nghiệp và Môi trường", "Sở NN&MT"),
        ("Sở Văn hóa, Thể thao và Du lịch", "Sở VHTT&DL"),
        ("Sở Văn hóa, Thể thao và Du lịch", "Sở VH, TT và DL"),
        ("Văn phòng UBND tỉnh", "VP UBND tỉnh"),
        ("Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
        ("Văn phòng UBND tỉnh", "VPUBND tỉnh"),
        ("Trung tâm Phục vụ hành chính công tỉnh", "TTPVHCC tỉnh"),
        ("Trung tâm Phục vụ hành chính công tỉnh", "TT PVHCC tỉnh"),
        ("Ban Quản lý các khu công nghiệp tỉnh", "BQL các KCN tỉnh"),
        ("Ủy ban MTTQ Việt Nam tỉnh", "UBMTTQ Việt Nam tỉnh"),
    ],
)
def test_equivalent_spellings_need_no_alias(a, b):
    assert canonical_key(a) == canonical_key(b)
    assert _res(a)[0] == _res(b)[0] and len(_res(b)[0]) == 1 and _res(b)[2] == []


def test_lookup_uses_the_equivalences():
    assert POST_2025.lookup("Sở KH&CN").agency.key == "khcn"
    assert POST_2025.lookup("Ủy ban nhân dân tỉnh").agency.key == "ubnd"


def test_vague_tail_is_reported_not_dropped():
    assert _res("Sở Tư pháp và cơ quan, địa phương liên quan") == (
        ["tp"],
        [],
        [("cơ quan, địa phương liên quan", VAGUE)],
    )


@pytest.mark.parametrize(
    "cell",
    [
        "các cơ quan có liên quan",
        "tổ chức, cá nhân có liên quan",
        "các đơn vị liên quan",
        "Các cơ quan, đơn vị",
        "các cơ quan khác",
    ],
)
def test_vague_phrases_are_flagged_not_expanded(cell):
    assert _res(cell) == ([], [], [(cell, VAGUE)])


def test_unknown_words_come_back_whole():
    assert _res("Sở Tư pháp, Sở Du lịch; Chi cục Kiểm lâm") == (
        ["tp"],
        [],
        [("Sở Du lịch", UNKNOWN), ("Chi cục Kiểm lâm", UNKNOWN)],
    )


def test_qualifiers_are_not_unknown():
    assert _res("Sở Tư pháp tỉnh Cao Bằng; UBND cấp xã có liên quan") == (["tp"], ["cap-xa"], [])


def test_lead_and_coordinating_in_one_cell():
    r = POST_2025.resolve("Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp và các đơn vị liên quan")
    assert r.agencies == ("noivu",) and r.unresolved == ()
    assert r.coordinating.agencies == ("tp",)
    assert [(u.text, u.reason) for u in r.coordinating.unresolved] == [("các đơn vị liên quan", VAGUE)]


@pytest.mark.parametrize(
    "cell",
    [
        "Sở Nội vụ chủ trì; Sở Tư pháp phối hợp",
        "Chủ trì: Sở Nội vụ; phối hợp: Sở Tư pháp",
        "Sở Nội vụ phối hợp với Sở Tư pháp",
        "Sở Nội vụ (chủ trì), Sở Tư pháp",
        "Sở Nội vụ (chủ trì); Sở Tư pháp (phối hợp)",
    ],
)
def test_lead_and_coordinating_variants(cell):
    r = POST_2025.resolve(cell)
    assert r.agencies == ("noivu",) and r.coordinating.agencies == ("tp",) and not r.unresolved


def test_a_cell_without_markers_has_no_coordinating_part():
    assert POST_2025.resolve("Sở Nội vụ; Sở Tư pháp").coordinating is None
    assert POST_2025.resolve("Sở Nội vụ chủ trì").coordinating is None


def test_commune_level_group_and_commune_level_body():
    assert _res("UBND cấp xã") == ([], ["cap-xa"], [])
    assert _res("Ủy ban nhân dân các xã, phường, đặc khu") == ([], ["cap-xa"], [])
    assert _res("UBND cấp huyện, cấp xã") == ([], ["cap-huyen", "cap-xa"], [])
    assert _res("UBND cấp huyện và cấp xã") == ([], ["cap-huyen", "cap-xa"], [])
    # "cấp xã" qualifying another body is not every commune's committee
    assert _res("Công an cấp xã") == ([], [], [("Công an cấp xã", UNKNOWN)])
    assert _res("Công an tỉnh; Công an cấp xã") == (["ca"], [], [("Công an cấp xã", UNKNOWN)])
    assert _res("Cấp xã") == ([], [], [("Cấp xã", UNKNOWN)])  # which body of the commune? ask
    assert POST_2025.expand(POST_2025.resolve("UBND các xã, phường, đặc khu")) == [
        "x-thanh-cong",
        "p-thuc-phan",
        "x-cam-giang",
        "x-cam-giang-2",
    ]


def test_names_equal_without_accents_are_told_apart_by_accents():
    assert _res("UBND xã Cẩm Giàng") == (["x-cam-giang-2"], [], [])
    assert _res("Ủy ban nhân dân xã Cẩm Giang") == (["x-cam-giang"], [], [])
    assert _res("UBND xa Cam Giang") == ([], [], [("UBND xa Cam Giang", UNKNOWN)])


def test_new_kinds_load_and_group():
    assert POST_2025.agencies["ca"].kind == "police" and POST_2025.agencies["mttq"].kind == "mass_org"
    assert "bql" in POST_2025.members("cac-so") and "ca" not in POST_2025.members("cac-so")


def test_successors_read_old_names_and_say_so():
    d = build_directory(
        {
            "province": "Hải Phòng",
            "agencies": [
                {
                    "key": "khcn",
                    "name": "Sở Khoa học và Công nghệ",
                    "kind": "department",
                    "replaces": ["Sở Thông tin và Truyền thông", "so-thong-tin-truyen-thong"],
                },
                {
                    "key": "nnmt",
                    "name": "Sở Nông nghiệp và Môi trường",
                    "kind": "department",
                    "replaces": ["Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường"],
                },
            ],
        }
    )
    r = d.resolve("Sở TT&TT; Sở Tài nguyên và Môi trường; Sở Khoa học và Công nghệ")
    assert r.agencies == ("khcn", "nnmt") and not r.unresolved
    assert r.replaced == (("Sở TT&TT", "khcn"), ("Sở Tài nguyên và Môi trường", "nnmt"))
    assert d.successor_of("so-thong-tin-truyen-thong") == "khcn"
    assert d.successor_of("Sở NN&PTNT") == "nnmt"
    assert d.successor_of("Sở Y tế") is None
    assert d.resolve("Sở Khoa học và Công nghệ").replaced == ()


def test_resolve_pair_moves_the_coordinators_named_in_the_lead_cell():
    lead, coord = POST_2025.resolve_pair("Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp", "Công an tỉnh; Sở Tư pháp")
    assert lead.agencies == ("noivu",) and lead.coordinating is None
    assert coord.agencies == ("ca", "tp") and coord.coordinating is None
    lead, coord = POST_2025.resolve_pair("Sở Nội vụ", "")
    assert lead.agencies == ("noivu",) and coord == POST_2025.resolve("")
