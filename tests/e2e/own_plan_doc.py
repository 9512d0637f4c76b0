"""A post-2025 plan of another province (Quảng Ninh, signed 1/12/2025), made for the tests as a document."""

from __future__ import annotations

from tests.plan_documents import Doc, Merge, Table

HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành", "Sản phẩm"]
# A body the generated directory lacks on purpose: the import report names it and `directory add` adds it.
MISSING_BODY = "Ban Quản lý Vịnh Hạ Long"


def quang_ninh_2026() -> Doc:
    """Ten rows in three sections, post-2025 vocabulary (communes and special zones, merged departments)."""
    heading = [
        ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["TỈNH QUẢNG NINH", "Độc lập - Tự do - Hạnh phúc"],
        ["Số: 617/KH-UBND", "Quảng Ninh, ngày 01 tháng 12 năm 2025"],
    ]
    paragraphs = ["KẾ HOẠCH", "KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2026 TRÊN ĐỊA BÀN TỈNH QUẢNG NINH"]
    rows = [
        HEADER,
        [Merge("I. Kiểm soát quy định, thủ tục hành chính", 6)],
        [
            "1",
            "Rà soát, đơn giản hóa TTHC thuộc thẩm quyền giải quyết của tỉnh",
            "Văn phòng UBND tỉnh",
            "Các sở, ban, ngành; UBND các xã, phường, đặc khu",
            "Trước ngày 31/3/2026",
            "Quyết định phê duyệt",
        ],
        [
            "2",
            "Công bố danh mục TTHC lĩnh vực khoa học và công nghệ",
            "Sở Khoa học và Công nghệ",
            "Văn phòng UBND tỉnh",
            "Trước ngày 31/3/2026",
            "Quyết định công bố",
        ],
        [
            "3",
            "Rà soát TTHC lĩnh vực nông nghiệp và môi trường",
            "Sở Nông nghiệp và Môi trường",
            "",
            "Quý II năm 2026",
            "Báo cáo",
        ],
        [Merge("II. Thực hiện cơ chế một cửa, một cửa liên thông", 6)],
        [
            "1",
            "Tiếp nhận, giải quyết hồ sơ TTHC tại Trung tâm Phục vụ hành chính công tỉnh",
            "Trung tâm Phục vụ hành chính công tỉnh",
            "Các sở, ban, ngành",
            "Thường xuyên",
            "Báo cáo",
        ],
        [
            "2",
            "Số hóa hồ sơ, kết quả giải quyết TTHC",
            "UBND các xã, phường, đặc khu",
            "Sở Khoa học và Công nghệ",
            "Trước ngày 30/6/2026",
            "Báo cáo",
        ],
        [
            "3",
            "Thanh toán trực tuyến phí, lệ phí giải quyết TTHC",
            "Sở Tài chính",
            "",
            "Trong tháng 9 năm 2026",
            "Báo cáo",
        ],
        [
            "4",
            "Hướng dẫn TTHC lĩnh vực du lịch trên Vịnh Hạ Long",
            MISSING_BODY,
            "Sở Văn hóa, Thể thao và Du lịch",
            "Trước ngày 31/3/2026",
            "Kế hoạch",
        ],
        [Merge("III. Kiểm tra, báo cáo", 6)],
        [
            "1",
            "Báo cáo kết quả kiểm soát TTHC quý I năm 2026",
            "Sở Nội vụ",
            "Văn phòng UBND tỉnh",
            "Trước ngày 31/3/2026",
            "Báo cáo",
        ],
        [
            "2",
            "Kiểm tra công tác kiểm soát TTHC tại các xã, phường, đặc khu",
            "Văn phòng UBND tỉnh",
            "Sở Nội vụ; Sở Tư pháp",
            "Quý III năm 2026",
            "Thông báo kết luận",
        ],
    ]
    return Doc(heading, paragraphs, [Table(rows, widths=[1.2, 8, 4, 5, 3.5, 3])])
