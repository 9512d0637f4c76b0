"""The usual provincial bodies after the 2025 restructuring, as data for ``directory new``.

Names carry placeholders: ``{cap}`` is "tỉnh" or "thành phố" (a centrally-run city),
``{Cap}`` the same capitalised, ``{doan}`` "Tỉnh đoàn" or "Thành đoàn", ``{P}`` the province's
name. ``optional`` bodies exist in some provinces only and are written as comments to keep or
delete; ``check`` becomes a "# kiểm tra: …" comment for the clerk. Equivalences such as
"UBND" = "Ủy ban nhân dân" or "Sở KH&CN" = "Sở Khoa học và Công nghệ" are built into the
resolver (``agency_vocab``): aliases here are only the other spellings.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Body:
    key: str
    name: str
    kind: str
    short: str = ""
    aliases: tuple[str, ...] = ()
    parent: str = ""
    optional: bool = False
    check: str = ""
    replaces: tuple[str, ...] = ()  # the bodies it took over in 2025: old plans naming them still read


@dataclass(frozen=True)
class Section:
    title: str
    bodies: tuple[Body, ...]


@dataclass(frozen=True)
class GroupTemplate:
    key: str
    name: str
    aliases: tuple[str, ...] = ()
    member_kinds: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    check: str = ""


SECTIONS: tuple[Section, ...] = (
    Section(
        "UBND {cap} và Văn phòng",
        (
            Body(
                "vp-ubnd",
                "Văn phòng UBND {cap}",
                "province_office",
                short="VP UBND {cap}",
                aliases=("Văn phòng UBND {cap} {P}", "VP UBND", "VPUB"),
            ),
            Body(
                "ubnd-cap-tinh",
                "UBND {cap}",
                "other",
                parent="vp-ubnd",
                aliases=("UBND {cap} {P}",),
                check="việc ghi 'UBND {cap}' chủ trì do Văn phòng UBND {cap} tham mưu, theo dõi; xóa nếu không dùng",
            ),
            Body(
                "trung-tam-phvhcc",
                "Trung tâm Phục vụ hành chính công {cap}",
                "other",
                short="TTPVHCC {cap}",
                parent="vp-ubnd",
                aliases=("Trung tâm Phục vụ hành chính công", "TTPVHCC", "Trung tâm HCC {cap}"),
                check="trực thuộc Văn phòng UBND {cap} ở đa số tỉnh; sửa 'parent' nếu khác",
            ),
            Body(
                "cong-thong-tin-dien-tu",
                "Cổng Thông tin điện tử {cap}",
                "other",
                short="Cổng TTĐT {cap}",
                parent="vp-ubnd",
                aliases=("Cổng thông tin điện tử", "Cổng TTĐT"),
            ),
        ),
    ),
    Section(
        "Sở và cơ quan chuyên môn thuộc UBND {cap} (sau sắp xếp năm 2025)",
        (
            Body(
                "so-noi-vu",
                "Sở Nội vụ",
                "department",
                aliases=("SNV",),
                replaces=("Sở Lao động - Thương binh và Xã hội",),
                check="bảo trợ xã hội, trẻ em, phòng chống tệ nạn xã hội của Sở LĐ-TB&XH cũ chuyển sang Sở Y tế",
            ),
            Body("so-tu-phap", "Sở Tư pháp", "department", aliases=("STP",)),
            Body("so-tai-chinh", "Sở Tài chính", "department", aliases=("STC",), replaces=("Sở Kế hoạch và Đầu tư",)),
            Body("so-cong-thuong", "Sở Công Thương", "department", aliases=("SCT",)),
            Body(
                "so-nong-nghiep-moi-truong",
                "Sở Nông nghiệp và Môi trường",
                "department",
                short="Sở NN&MT",
                aliases=("SNNMT", "Sở Nông nghiệp"),
                replaces=("Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường"),
            ),
            Body("so-xay-dung", "Sở Xây dựng", "department", aliases=("SXD",), replaces=("Sở Giao thông vận tải",)),
            Body(
                "so-khoa-hoc-cong-nghe",
                "Sở Khoa học và Công nghệ",
                "department",
                short="Sở KH&CN",
                aliases=("SKHCN",),
                replaces=("Sở Thông tin và Truyền thông",),
                check="báo chí, xuất bản của Sở TT&TT cũ chuyển sang Sở Văn hóa, Thể thao và Du lịch",
            ),
            Body(
                "so-van-hoa",
                "Sở Văn hóa, Thể thao và Du lịch",
                "department",
                short="Sở VHTT&DL",
                aliases=("SVHTTDL", "Sở Văn hóa"),
                check="nơi có Sở Du lịch riêng, sở này là 'Sở Văn hóa và Thể thao'",
            ),
            Body(
                "so-giao-duc",
                "Sở Giáo dục và Đào tạo",
                "department",
                short="Sở GD&ĐT",
                aliases=("SGDĐT", "Sở Giáo dục"),
            ),
            Body("so-y-te", "Sở Y tế", "department", aliases=("SYT",)),
            Body("thanh-tra", "Thanh tra {cap}", "department", aliases=("Thanh tra {cap} {P}",)),
            Body(
                "ban-quan-ly-kcn",
                "Ban Quản lý các khu công nghiệp {cap}",
                "board",
                short="BQL các KCN",
                aliases=(
                    "Ban Quản lý các khu công nghiệp",
                    "BQL KCN",
                    "Ban Quản lý khu kinh tế",
                    "BQL KKT",
                    "Ban Quản lý các khu kinh tế và khu công nghiệp",
                ),
                check="tên đúng của ban ở tỉnh (khu kinh tế, khu công nghiệp, khu công nghệ cao…)",
            ),
            Body(
                "so-dan-toc-ton-giao",
                "Sở Dân tộc và Tôn giáo",
                "department",
                short="Sở DT&TG",
                optional=True,
                check="chỉ ở tỉnh có sở này (nơi khác: Sở Nội vụ đảm nhận)",
            ),
            Body(
                "so-ngoai-vu",
                "Sở Ngoại vụ",
                "department",
                optional=True,
                check="chỉ ở một số tỉnh, thành phố (nơi khác: Văn phòng UBND hoặc Sở Nội vụ đảm nhận)",
            ),
            Body(
                "so-du-lich",
                "Sở Du lịch",
                "department",
                optional=True,
                check="chỉ ở một số tỉnh, thành phố; khi đó đổi tên Sở Văn hóa ở trên",
            ),
            Body(
                "so-quy-hoach-kien-truc",
                "Sở Quy hoạch - Kiến trúc",
                "department",
                short="Sở QH-KT",
                optional=True,
                check="chỉ ở Hà Nội, Thành phố Hồ Chí Minh",
            ),
        ),
    ),
    Section(
        "Lực lượng vũ trang",
        (
            Body("cong-an", "Công an {cap}", "police", aliases=("Công an {cap} {P}",)),
            Body(
                "bo-chi-huy-quan-su",
                "Bộ Chỉ huy Quân sự {cap}",
                "military",
                short="Bộ CHQS {cap}",
                aliases=("Bộ Chỉ huy Quân sự {cap} {P}", "BCHQS {cap}"),
            ),
            Body(
                "bien-phong",
                "Bộ Chỉ huy Bộ đội Biên phòng {cap}",
                "military",
                short="BĐBP {cap}",
                optional=True,
                check="chỉ ở tỉnh có biên giới hoặc bờ biển",
            ),
        ),
    ),
    Section(
        "Ban chỉ đạo, ban chỉ huy thường trực của {cap}",
        (
            Body(
                "bcd-khcn-cds",
                "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số {cap}",
                "steering",
                aliases=("Ban Chỉ đạo chuyển đổi số {cap}", "Ban Chỉ đạo chuyển đổi số"),
                check="tên theo quyết định thành lập của {cap}; thường trực thường là Sở KH&CN",
            ),
            Body(
                "bch-phong-thu-dan-su",
                "Ban Chỉ huy Phòng thủ dân sự {cap}",
                "steering",
                aliases=("Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn {cap}", "Ban Chỉ huy PCTT và TKCN"),
                check="tên theo quyết định thành lập của {cap}",
            ),
            Body(
                "bcd-cai-cach-hanh-chinh",
                "Ban Chỉ đạo cải cách hành chính {cap}",
                "steering",
                optional=True,
                check="chỉ nếu {cap} còn ban này",
            ),
        ),
    ),
    Section(
        "Cơ quan ngành dọc trên địa bàn",
        (
            Body(
                "thue",
                "Thuế {cap} {P}",
                "vertical",
                aliases=("Thuế {cap}",),
                replaces=("Cục Thuế {cap}",),
                check="từ 1/7/2025 là 'Thuế {cap} …' thuộc Cục Thuế; kiểm tra tên",
            ),
            Body(
                "kho-bac",
                "Kho bạc Nhà nước khu vực",
                "vertical",
                short="KBNN khu vực",
                aliases=("Kho bạc Nhà nước {cap}", "Kho bạc Nhà nước"),
                check="ghi số khu vực (vd. 'Kho bạc Nhà nước khu vực III') phụ trách {cap}",
            ),
            Body(
                "bao-hiem-xa-hoi",
                "Bảo hiểm xã hội {cap}",
                "vertical",
                short="BHXH {cap}",
                aliases=("Bảo hiểm xã hội {cap} {P}", "Bảo hiểm xã hội khu vực"),
                check="tên sau sắp xếp năm 2025 (tỉnh hay khu vực)",
            ),
            Body(
                "hai-quan",
                "Chi cục Hải quan khu vực",
                "vertical",
                optional=True,
                check="ghi số khu vực; chỉ nếu kế hoạch giao việc cho hải quan",
            ),
            Body(
                "thong-ke",
                "Thống kê {cap}",
                "vertical",
                optional=True,
                aliases=("Chi cục Thống kê {cap}",),
                check="tên sau sắp xếp năm 2025",
            ),
            Body(
                "ngan-hang-nha-nuoc",
                "Ngân hàng Nhà nước khu vực",
                "vertical",
                optional=True,
                check="ghi số khu vực phụ trách {cap}",
            ),
        ),
    ),
    Section(
        "Báo chí, truyền thông",
        (
            Body(
                "bao",
                "Báo {P}",
                "press",
                aliases=("Báo {cap}",),
                check="nhiều nơi đã hợp nhất báo và đài thành 'Báo và Phát thanh, Truyền hình {P}': khi đó giữ một mục",
            ),
            Body(
                "dai-ptth",
                "Đài Phát thanh và Truyền hình {P}",
                "press",
                short="Đài PT-TH {cap}",
                aliases=("Đài Phát thanh và Truyền hình {cap}", "Đài PTTH {cap}", "Đài PT-TH"),
            ),
        ),
    ),
    Section(
        "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
        (
            Body(
                "mttq",
                "Ủy ban MTTQ Việt Nam {cap}",
                "mass_org",
                short="UBMTTQ {cap}",
                aliases=("Ủy ban Mặt trận Tổ quốc Việt Nam {cap}", "Ủy ban MTTQ {cap}", "MTTQ {cap}"),
            ),
            Body(
                "doan-thanh-nien",
                "{doan}",
                "mass_org",
                aliases=(
                    "Đoàn Thanh niên Cộng sản Hồ Chí Minh {cap}",
                    "Đoàn TNCS Hồ Chí Minh {cap}",
                    "Đoàn Thanh niên {cap}",
                ),
            ),
            Body(
                "hoi-phu-nu",
                "Hội Liên hiệp Phụ nữ {cap}",
                "mass_org",
                short="Hội LHPN {cap}",
                aliases=("Hội Phụ nữ {cap}",),
            ),
            Body("hoi-nong-dan", "Hội Nông dân {cap}", "mass_org"),
            Body("lien-doan-lao-dong", "Liên đoàn Lao động {cap}", "mass_org", short="LĐLĐ {cap}"),
            Body("hoi-cuu-chien-binh", "Hội Cựu chiến binh {cap}", "mass_org", short="Hội CCB {cap}"),
        ),
    ),
)

GROUPS: tuple[GroupTemplate, ...] = (
    GroupTemplate(
        "cac-so",
        "Các sở, ban, ngành {cap}",
        aliases=(
            "Các sở, ban, ngành",
            "Sở, ban, ngành",
            "Các sở, ngành",
            "Các sở",
            "Các Sở, ban, ngành {cap}",
            "Các cơ quan chuyên môn thuộc UBND {cap}",
            "Các cơ quan chuyên môn",
        ),
        member_kinds=("department", "board"),
        check="'ngành' ở đây chỉ các sở và ban; thêm kind vertical, police, military nếu kế hoạch hiểu rộng hơn",
    ),
    GroupTemplate(
        "ubnd-cap-xa",
        "UBND cấp xã",
        aliases=(
            "UBND các xã, phường, đặc khu",
            "UBND các xã, phường",
            "UBND xã, phường, đặc khu",
            "UBND xã, phường",
            "UBND các xã, phường, thị trấn",
            "Các xã, phường, đặc khu",
            "Các xã, phường",
            "Chính quyền cấp xã",
            "cấp xã",
        ),
        member_kinds=("commune",),
    ),
    GroupTemplate(
        "trung-tam-phvhcc-cap-xa",
        "Trung tâm Phục vụ hành chính công cấp xã",
        aliases=(
            "Trung tâm Phục vụ hành chính công các xã, phường, đặc khu",
            "Trung tâm Phục vụ hành chính công các xã, phường",
            "Trung tâm Phục vụ hành chính công xã, phường",
            "TTPVHCC cấp xã",
            "Bộ phận Một cửa cấp xã",
        ),
        member_kinds=("commune",),
        check="mỗi trung tâm cấp xã do cán bộ đầu mối của UBND xã, phường, đặc khu đó nhận nhắc việc",
    ),
    GroupTemplate(
        "co-quan-bao-chi",
        "Cơ quan báo chí, truyền thông của {cap}",
        aliases=(
            "Cơ quan báo chí",
            "Cơ quan truyền thông",
            "Cơ quan báo, đài",
            "Báo, Đài {cap}",
            "Các cơ quan thông tin, truyền thông của {cap}",
        ),
        member_kinds=("press",),
    ),
    GroupTemplate(
        "mttq-doan-the",
        "Ủy ban MTTQ Việt Nam {cap} và các tổ chức chính trị - xã hội",
        aliases=(
            "Các tổ chức chính trị - xã hội {cap}",
            "Các tổ chức chính trị - xã hội",
            "Các đoàn thể {cap}",
            "Các đoàn thể",
            "Ủy ban MTTQ Việt Nam {cap} và các đoàn thể",
        ),
        member_kinds=("mass_org",),
    ),
    GroupTemplate(
        "nganh-doc",
        "Các cơ quan ngành dọc trên địa bàn {cap}",
        aliases=("Các cơ quan ngành dọc", "Các cơ quan Trung ương đóng trên địa bàn {cap}"),
        member_kinds=("vertical",),
        check="có kế hoạch gọi các cơ quan này là 'các cơ quan có liên quan': khi đó vẫn để điều phối viên chọn",
    ),
)

VAGUE_PHRASES: tuple[str, ...] = (
    "các cơ quan, đơn vị có liên quan",
    "các cơ quan, đơn vị, địa phương có liên quan",
    "các cơ quan có liên quan",
    "các đơn vị có liên quan",
    "các cơ quan, tổ chức, cá nhân có liên quan",
    "các tổ chức, cá nhân có liên quan",
    "các cơ quan được giao nhiệm vụ",
    "một số sở, ngành",
)

# Former provinces (before 1/7/2025, Nghị quyết 202/2025/QH15) and the province they joined.
FORMER_PROVINCES: dict[str, str] = {
    "Hà Giang": "Tuyên Quang",
    "Yên Bái": "Lào Cai",
    "Bắc Kạn": "Thái Nguyên",
    "Vĩnh Phúc": "Phú Thọ",
    "Hòa Bình": "Phú Thọ",
    "Bắc Giang": "Bắc Ninh",
    "Thái Bình": "Hưng Yên",
    "Hải Dương": "Hải Phòng",
    "Hà Nam": "Ninh Bình",
    "Nam Định": "Ninh Bình",
    "Quảng Bình": "Quảng Trị",
    "Quảng Nam": "Đà Nẵng",
    "Kon Tum": "Quảng Ngãi",
    "Bình Định": "Gia Lai",
    "Ninh Thuận": "Khánh Hòa",
    "Đắk Nông": "Lâm Đồng",
    "Bình Thuận": "Lâm Đồng",
    "Phú Yên": "Đắk Lắk",
    "Bình Dương": "Hồ Chí Minh",
    "Bà Rịa - Vũng Tàu": "Hồ Chí Minh",
    "Bình Phước": "Đồng Nai",
    "Long An": "Tây Ninh",
    "Sóc Trăng": "Cần Thơ",
    "Hậu Giang": "Cần Thơ",
    "Bến Tre": "Vĩnh Long",
    "Trà Vinh": "Vĩnh Long",
    "Tiền Giang": "Đồng Tháp",
    "Bạc Liêu": "Cà Mau",
    "Kiên Giang": "An Giang",
}

# Other names people type for a province.
PROVINCE_ALIASES: dict[str, str] = {
    "TP HCM": "Hồ Chí Minh",
    "HCM": "Hồ Chí Minh",
    "Sài Gòn": "Hồ Chí Minh",
    "Thừa Thiên Huế": "Huế",
}
