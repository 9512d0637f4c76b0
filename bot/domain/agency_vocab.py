"""Vocabulary the agency resolver understands, as data (folded words: no accents, lower case).

``EQUIVALENCES`` maps a canonical word sequence to the spellings that mean the same thing, so
"UBND tỉnh", "Ủy ban nhân dân tỉnh" and "UBND Tỉnh" are one name and "Sở KH&CN" is "Sở Khoa học và
Công nghệ": a directory never needs an alias typed twice. Abbreviations are written as the
words the folding leaves ("KH&CN" → "kh cn", "TT-TT" → "tt tt", "VHTTDL" → "vhttdl").
The other tables describe the words that carry no agency: vague phrases, connectors, and the
markers of "X chủ trì, phối hợp với Y".
"""

from __future__ import annotations

EQUIVALENCES: dict[str, tuple[str, ...]] = {
    # People's committees and councils, cities
    "ubnd": ("uy ban nhan dan",),
    "hdnd": ("hoi dong nhan dan",),
    "tp": ("thanh pho",),
    "thi xa": ("tx",),
    "van phong": ("vp",),
    "van phong ubnd": ("vpubnd", "vp ub", "vpub"),
    # Departments (2025 set and the names they replaced)
    "khoa hoc va cong nghe": ("kh cn", "kh va cn", "khcn", "khoa hoc cong nghe"),
    "nong nghiep va moi truong": ("nn mt", "nn va mt", "nnmt", "nong nghiep moi truong"),
    "van hoa the thao va du lich": (
        "vh tt dl",
        "vhtt dl",
        "vh tt va dl",
        "vhtt va dl",
        "vhttdl",
        "van hoa the thao du lich",
    ),
    "giao duc va dao tao": ("gd dt", "gd va dt", "gddt", "giao duc dao tao"),
    "ke hoach va dau tu": ("kh dt", "kh va dt", "khdt"),
    "tai nguyen va moi truong": ("tn mt", "tn va mt", "tnmt"),
    "nong nghiep va phat trien nong thon": ("nn ptnt", "nn va ptnt", "nnptnt"),
    "thong tin va truyen thong": ("tt tt", "tt va tt", "tttt"),
    "lao dong thuong binh va xa hoi": ("ld tb xh", "ld tb va xh", "ld tbxh", "ldtbxh"),
    "giao thong van tai": ("gtvt", "gt vt"),
    "dan toc va ton giao": ("dt tg", "dt va tg", "dttg", "dan toc ton giao"),
    # Service centres, boards, zones
    "trung tam phuc vu hanh chinh cong": (
        "ttpvhcc",
        "tt pvhcc",
        "tt phvhcc",
        "ttphvhcc",
        "trung tam pvhcc",
        "tt phuc vu hanh chinh cong",
    ),
    "phuc vu hanh chinh cong": ("pvhcc",),
    "hanh chinh cong": ("hcc",),
    "thu tuc hanh chinh": ("tthc",),
    "ban quan ly": ("bql",),
    "khu cong nghiep": ("kcn",),
    "khu kinh te": ("kkt",),
    "ban chi dao": ("bcd",),
    "ban chi huy": ("bch",),
    "thong tin dien tu": ("ttdt",),
    "dang ky dat dai": ("dkdd",),
    # Armed forces, vertical agencies, press
    "bo chi huy quan su": ("bchqs", "bch qs", "bo chqs", "bo chi huy qs"),
    "bo doi bien phong": ("bdbp",),
    "bao hiem xa hoi": ("bhxh",),
    "kho bac nha nuoc": ("kbnn",),
    "phat thanh va truyen hinh": ("pt th", "pt va th", "ptth", "phat thanh truyen hinh"),
    # Mass organisations
    "uy ban mat tran to quoc": ("ubmttq", "ub mttq", "uy ban mttq"),
    "mat tran to quoc": ("mttq",),
    "lien doan lao dong": ("ldld",),
    "hoi lien hiep phu nu": ("hoi lhpn", "hlhpn"),
    "hoi cuu chien binh": ("hoi ccb", "hccb"),
    "hoi nong dan": ("hnd",),
    "doan thanh nien cong san ho chi minh": ("doan tncs ho chi minh", "doan tncs hcm", "doan tn"),
}

# A name that starts with one of these words names a level without a body ("cấp xã"): it is
# accepted only right after another name, as in "UBND cấp huyện, cấp xã".
ELLIPTIC_HEADS = frozenset({"cap"})

# Words that say "whoever is concerned": a leftover fragment with one of them is VAGUE.
VAGUE_MARKERS = (
    "lien quan",
    "duoc giao",
    "du kien",
    "mot so",
    "khac",
    "tuong ung",
    "tat ca",
    "theo chuc nang",
    "theo tham quyen",
    "tren dia ban",
)

# Nouns that name nobody in particular ("các cơ quan, đơn vị"): a fragment made only of them is VAGUE.
GENERIC_WORDS = frozenset(
    "cac co quan don vi dia phuong to chuc ca nhan doanh nghiep nganh so ban nhung mot va cung hoac".split()
)

# Fragments made only of these phrases qualify a neighbouring name and carry nothing themselves
# ("UBND cấp xã có liên quan", "Sở Y tế tỉnh").
CONNECTORS = (
    "co lien quan",
    "lien quan",
    "va",
    "cac",
    "voi",
    "cung",
    "cua",
    "tinh",
    "tp",
    "o",
    "tai",
    "thuoc",
    "theo",
    "nhu",
    "la",
)

# "X chủ trì, phối hợp với Y": the words that split a cell into lead and coordinating parts.
LEAD_MARKERS = ("chu tri",)
COORDINATION_MARKERS = ("phoi hop voi", "phoi hop cung", "phoi hop")

# Separators between names in a cell ("và" is a word and handled as one).
SEPARATOR_WORDS = frozenset({"va", "hoac"})
