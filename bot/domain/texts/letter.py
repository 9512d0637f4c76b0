"""Texts of the draft reminder letter (công văn đôn đốc), per Decree 30/2020/NĐ-CP."""

ISSUER_PARENT = "UBND TỈNH {province}"
ISSUER = "VĂN PHÒNG"
NUMBER = "Số:        /VP-KSTTHC"
SUBJECT = "V/v đôn đốc thực hiện Kế hoạch kiểm soát TTHC năm {year}"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PLACE_DATE = "{province}, ngày      tháng      năm 20…"
TO = "Kính gửi:"
ITEMS = "nhiệm vụ quá hạn"
OPENING = ("Thực hiện {title} (ban hành kèm theo {decision}), đến ngày {date}, các nhiệm vụ sau đây đã quá thời "
           "hạn nhưng chưa được báo cáo hoàn thành:")
TABLE_HEADERS = ("Mã", "Nội dung nhiệm vụ", "Thời hạn", "Quá hạn", "Sản phẩm dự kiến")
DAYS_LATE = "{n} ngày (hạn {due})"
REQUEST = ("Văn phòng UBND tỉnh đề nghị các cơ quan, đơn vị khẩn trương hoàn thành các nhiệm vụ nêu trên, báo cáo "
           "kết quả (kèm văn bản, sản phẩm) về Văn phòng UBND tỉnh (qua Phòng Kiểm soát thủ tục hành chính) "
           "trước ngày …/…/20… để tổng hợp, báo cáo Chủ tịch UBND tỉnh./.")
RECIPIENTS = "Nơi nhận:"
RECIPIENT_LINES = ("- Như trên;", "- Lãnh đạo VP UBND tỉnh;", "- Lưu: VT, KSTTHC.")
SIGNATURE = (("KT. CHÁNH VĂN PHÒNG", True), ("PHÓ CHÁNH VĂN PHÒNG", True), ("", False), ("", False), ("", False),
             ("[Họ và tên]", True))
DECISION = "Quyết định số {number} ngày {date} của Chủ tịch UBND tỉnh"
DECISION_BLANK = "Quyết định số      /QĐ-UBND {date_text} của Chủ tịch UBND tỉnh"
DRAFT_OK = "Đã soạn dự thảo công văn đôn đốc gửi {n} cơ quan ({items} nhiệm vụ quá hạn): {file}"
DRAFT_NONE = "Không có nhiệm vụ quá hạn nào đến {date}{who}: không cần công văn đôn đốc."
EXPORT_OK = "Đã xuất báo cáo ({rows} lượt giao việc) vào {file}."
