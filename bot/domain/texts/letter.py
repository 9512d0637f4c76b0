"""Texts of the draft reminder letter (công văn đôn đốc), per Decree 30/2020/NĐ-CP.

Who issues and signs it comes from the plan's ``letter:`` settings (``bot.domain.report_data``); here are
only the words. Placeholders the clerk must fill in are printed highlighted, never as bare blanks.
"""

NUMBER = "Số:          /{symbol}"
SUBJECT = "V/v đôn đốc thực hiện Kế hoạch {topic}"
SUBJECT_DEFAULT = "V/v đôn đốc thực hiện Kế hoạch năm {year}"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PLACE_DATE = "{place}, ngày      tháng      năm {year}"
TO = "Kính gửi:"
# The plan as issued: a Quyết định that issues the Kế hoạch, or a Kế hoạch issued directly.
PLAN_BY_DECISION = "{title} ban hành kèm theo Quyết định số {number} ngày {date} của {leader}"
PLAN_DIRECT = "Kế hoạch số {number} ngày {date} của {issuer_body} về {topic}"
# a missing number, with the issuer's symbol ("UBND", "BTP") or SYMBOL_MISSING when the issuer is not known
NUMBER_MISSING = {"Quyết định": "…/QĐ-{symbol}", "Kế hoạch": "…/KH-{symbol}"}
SYMBOL_MISSING = "…"
DATE_MISSING = "…/…/{year}"
OPENING_1 = "Thực hiện "
OPENING_2 = (
    " (sau đây gọi tắt là Kế hoạch), đến ngày {date}, {count} đã quá thời hạn theo Kế hoạch nhưng "
    "chưa được báo cáo hoàn thành (chi tiết tại Phụ lục kèm theo)."
)
COUNT_ONE = "{n} nhiệm vụ của {agency}"
COUNT_MANY = "{n} nhiệm vụ của {agencies} cơ quan, đơn vị"
REQUEST_1 = (
    "{unit} đề nghị {who} khẩn trương hoàn thành các nhiệm vụ nêu trên, báo cáo kết quả (kèm văn bản, "
    "sản phẩm) về {unit} (qua {division}) "
)
REQUEST_DUE = "trước ngày …/…/20…"
REQUEST_2 = " để tổng hợp, báo cáo {leader}./."
WHO_MANY = "các cơ quan, đơn vị"
RECIPIENTS = "Nơi nhận:"
RECIPIENT_SAME = "- Như trên;"
RECIPIENT_LEADERS = "- Lãnh đạo {unit};"
ARCHIVE = "- Lưu: {archive}."
SIGNER_MISSING = "[Họ và tên]"

APPENDIX = "Phụ lục"
APPENDIX_TITLE = "DANH MỤC NHIỆM VỤ QUÁ HẠN"
APPENDIX_NOTE = "(Kèm theo Công văn số       /{symbol} ngày …/…/{year} của {unit})"
TABLE_HEADERS = ("STT", "Nhiệm vụ (theo Kế hoạch)", "Nội dung", "Thời hạn", "Quá hạn", "Sản phẩm dự kiến")
AGENCY_ROW = "{agency} ({n} nhiệm vụ)"
DAYS_LATE = "{n} ngày (hạn {due})"

INTERNAL_TITLE = "DANH MỤC NHIỆM VỤ QUÁ HẠN CỦA {office}"
INTERNAL_MARK = "Tài liệu nội bộ"
INTERNAL_PLACE_DATE = "{place}, ngày {day} tháng {month} năm {year}"
INTERNAL_TO = "Kính gửi: {head}."
INTERNAL_OPENING = (
    "Thực hiện {plan} (sau đây gọi tắt là Kế hoạch), đến ngày {date}, {office} còn {n} nhiệm vụ đã "
    "quá thời hạn nhưng chưa được báo cáo hoàn thành, cụ thể như sau:"
)
INTERNAL_CLOSING = "{division} kính báo cáo {head} xem xét, chỉ đạo./."

DRAFT_OK = "Đã soạn dự thảo công văn đôn đốc gửi {n} cơ quan ({items} nhiệm vụ quá hạn): {file}"
DRAFT_INTERNAL_OK = (
    "Nhiệm vụ quá hạn của {office} ({items}) không đưa vào công văn (đơn vị không gửi công văn "
    "cho chính mình): danh mục nội bộ gửi {head}: {file}"
)
DRAFT_NONE = "Không có nhiệm vụ quá hạn nào đến {date}{who}: không cần công văn đôn đốc."
EXPORT_OK = "Đã xuất báo cáo ({rows} lượt giao nhiệm vụ) vào {file}."
EXPORT_CIRCULATION_OK = (
    "Đã xuất bản lưu hành, không gồm các cuộc kiểm tra đột xuất ({rows} lượt giao nhiệm vụ) vào {file}."
)

# Recurring work in the appendix: the periods not reported, in the deadline cell.
MISSED_PERIODS = "Các kỳ chưa báo cáo: {labels}"
