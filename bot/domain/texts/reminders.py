"""Vietnamese texts of reminders and digests."""

DIGEST_TITLE = "Nhắc việc {weekday} {date} — {agency}"
DIGEST_OPENING = "Kính gửi cán bộ đầu mối {agency}:"
DIGEST_CLOSING = "Trân trọng cảm ơn."
CATEGORY = {
    "overdue": "⏰ Nhiệm vụ quá hạn tính đến ngày {date}",
    "due_today": "📌 Nhiệm vụ đến hạn hôm nay",
    "upcoming": "🔜 Nhiệm vụ sắp đến hạn",
    "start": "▶️ Nhiệm vụ bắt đầu thực hiện",
    "checkin": "📝 Đề nghị cập nhật tiến độ — trả lời /tiendo MÃ ghi chú",
    "heads_up": "🤝 Nhiệm vụ phối hợp (cơ quan chủ trì báo cáo hoàn thành)",
    "inspection": "📅 Lịch kiểm tra",
    "leader": "⏰ Nhiệm vụ quá hạn tính đến ngày {date}",
}
SUBJECT_OFFICER = "Nhắc việc ngày {date} — {agency}: {parts}"
SUBJECT_PART = {
    "overdue": "{n} nhiệm vụ quá hạn",
    "due_today": "{n} nhiệm vụ đến hạn hôm nay",
    "upcoming": "{n} nhiệm vụ sắp đến hạn",
    "start": "{n} nhiệm vụ bắt đầu thực hiện",
    "checkin": "{n} nhiệm vụ cần báo tiến độ",
    "heads_up": "{n} nhiệm vụ phối hợp",
    "inspection": "{n} lịch kiểm tra",
    "leader": "{n} nhiệm vụ quá hạn",
}
SUBJECT_COORDINATOR = "Tổng hợp nhắc việc ngày {date}"
SUBJECT_COORD_OVERDUE = ": {n} nhiệm vụ quá hạn"
DIGEST_FOOTER = (
    "Đề nghị báo cáo hoàn thành: /xong MÃ [văn bản]; cập nhật tiến độ: /tiendo MÃ ghi chú; xem tất cả nhiệm vụ: /viec."
)
DIGEST_MORE = "… và {n} nhiệm vụ khác (/viec)."
HEADS_UP_LINE = "• {code} {due} — {title} (chủ trì: {leads})"
# {office}: the coordinating office from the plan's heading ("Văn phòng UBND thành phố", "Văn phòng Bộ").
INSPECTION_LINE = "• {code}: đoàn kiểm tra của {office} sẽ làm việc ngày {date} ({weekday})."
OFFICE_UNKNOWN = "cơ quan điều phối Kế hoạch"
START_LINE = "• {code} bắt đầu từ {date} — {title}"
# A period of recurring work: "• 5.IV — báo cáo quý III/2023, hạn 30/9/2023 — Báo cáo định kỳ…".
PERIOD_LINE = "• {code} — báo cáo {label}, hạn {due}{late} — {title}"
PERIOD_LATE = " (quá hạn {n} ngày)"
PERIOD_CODE = "{code} — báo cáo {label}"  # an escalated period: "• 5.IV — báo cáo quý II/2023 — Sở Y tế: …"

COORD_TITLE = "Tổng hợp cho cán bộ theo dõi — {weekday} {date}"
COORD_OVERDUE = "Nhiệm vụ quá hạn tính đến ngày {date}: {n} nhiệm vụ của {agencies} cơ quan. Xem: /trehan"
COORD_NO_OVERDUE = "Không có nhiệm vụ nào quá hạn tính đến ngày {date}."
COORD_ESCALATIONS = "🚨 Quá hạn từ {days} ngày làm việc trở lên (đề nghị báo cáo lãnh đạo):"
COORD_ESCALATION_LINE = "• {code} — {agency}: {due}; đầu mối: {officers}"
COORD_NO_OFFICER = "chưa có ai đăng ký"
COORD_NEEDS_DATE = (
    "📆 Cần đặt hạn (trong trò chuyện: /dathan MÃ NGÀY, hoặc /xacnhan MÃ để chấp nhận thời hạn bị gắn cờ):"
)
COORD_NEEDS_DATE_LINE = '• {code} — "{text}"{why}'
COORD_RECURRENCE = 'ℹ️ {code} "{text}" không nêu chu kỳ: bot nhắc theo {period}.'
COORD_CHANNEL_LOST = "⚠️ {agency} mất kênh liên lạc: {chat} ({reason}). Cần đăng ký lại (nhacviec invite)."
COORD_DELIVERY_FAILED = "⚠️ Không gửi được nhắc việc cho {agency} ({chat}) sau {attempts} lần thử: {error}"
COORD_INSPECTION_DUE = "📅 {code} — kiểm tra {unit}{surprise}: chưa ghi nhận hoàn thành, hạn {due}."
SURPRISE = " (đột xuất)"
PERIOD = {"monthly": "tháng", "quarterly": "quý", "half_yearly": "6 tháng", "yearly": "năm"}
WHY = {
    "year_mismatch": " (năm khác năm kế hoạch)",
    "invalid_date": " (ngày không hợp lệ)",
    "on_demand": " (khi có yêu cầu)",
    "unspecified": "",
}

INSPECTION_SET = "Đã đặt lịch kiểm tra {code} ngày {date}.{notice}"
INSPECTION_NOTICE = " Đơn vị được kiểm tra sẽ được báo trước {n} ngày làm việc ({on})."
INSPECTION_SECRET = " Kiểm tra đột xuất: đơn vị được kiểm tra KHÔNG được báo trước."
INSPECTION_NOT = "Mục {code} không phải một cuộc kiểm tra (Phụ lục II)."
INSPECTION_USAGE = "Cách dùng: /lichkiemtra MÃ NGÀY, vd: /lichkiemtra PL2.I.1 15/9/2023"

STATE = {
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành quá hạn",
    "in_progress_on_time": "Đang thực hiện trong hạn",
    "not_yet_due": "Chưa đến hạn",
    "overdue": "Quá hạn chưa hoàn thành",
    "ongoing": "Thường xuyên (đang triển khai)",
    "undated": "Chưa xác định thời hạn",
}
# The Vietnamese summary's lines (bot.domain.tally.SUMMARY), headings numbered, sub-lines with a dash.
SUMMARY_LABEL = {
    "done": "Đã hoàn thành",
    "done_on_time": "Đúng hạn",
    "done_late": "Quá hạn",
    "open": "Chưa hoàn thành",
    "open_on_time": "Trong hạn",
    "not_yet_due": "trong đó chưa đến hạn",
    "overdue": "Quá hạn",
    "ongoing": "Nhiệm vụ thường xuyên (đang triển khai)",
    "undated": "Chưa xác định thời hạn",
}
REPORT_TITLE = "Báo cáo tiến độ Kế hoạch {year} — đến {date}"
REPORT_TOTAL = "Tổng số: {items} nhiệm vụ, {rows} lượt giao cơ quan chủ trì."
REPORT_LINE = "{label}: {items} nhiệm vụ ({items_pct}); {rows} lượt ({rows_pct})"
REPORT_WORST = "Nhiều nhiệm vụ quá hạn nhất:"
REPORT_WORST_LINE = "{i}. {agency}: {n} nhiệm vụ"
REPORT_NO_OVERDUE = "Không có cơ quan nào có nhiệm vụ quá hạn."
REPORT_SOON = "Đến hạn trong {days} ngày làm việc tới, đến {end} ({n}):"
REPORT_SOON_CALENDAR = "Đến hạn trong {days} ngày tới, đến {end} ({n}):"
REPORT_SOON_LINE = "• {code} — {agency}: hạn {due}"
REPORT_SOON_MORE = "… và {n} nhiệm vụ khác"
REPORT_NONE_SOON = "Không có nhiệm vụ nào đến hạn trong {days} ngày làm việc tới (đến {end})."
REPORT_NONE_SOON_CALENDAR = "Không có nhiệm vụ nào đến hạn trong {days} ngày tới (đến {end})."
REPORT_CHART_PART = "Biểu đồ: {shown} cơ quan có nhiều nhiệm vụ nhất; … và {rest} cơ quan khác (xem bảng tính)."
REPORT_EXPORT_HINT = "Bảng tính chi tiết: /xuatbaocao"
CHART_TITLE = "Tình hình thực hiện theo cơ quan — đến {date}"
CHART_PART = "{shown} cơ quan có nhiều nhiệm vụ nhất; … và {rest} cơ quan khác"
EXPORT_CAPTION = "Báo cáo tiến độ Kế hoạch {year}, số liệu đến {date}"
EXPORT_TITLE = "TÌNH HÌNH THỰC HIỆN KẾ HOẠCH NĂM {year}"
EXPORT_AS_OF = "Số liệu tính đến ngày {date}"
EXPORT_INTERNAL = "Tài liệu nội bộ (gồm cả các cuộc kiểm tra đột xuất)"
EXPORT_CIRCULATION = "Bản lưu hành: không gồm các cuộc kiểm tra đột xuất"
EXPORT_SUMMARY = "I. TỔNG HỢP CHUNG"
EXPORT_SUMMARY_HEAD = ("Chỉ tiêu", "Số nhiệm vụ", "Tỷ lệ", "Số lượt giao cơ quan chủ trì", "Tỷ lệ")
EXPORT_TOTAL_LINE = "Tổng số"
EXPORT_BY_AGENCY = "II. THEO CƠ QUAN CHỦ TRÌ (số lượt giao)"
EXPORT_BY_SECTION = "III. THEO PHẦN CỦA KẾ HOẠCH (số lượt giao)"
EXPORT_GRAND_TOTAL = "TỔNG CỘNG"
EXPORT_AGENCY_GROUP = {
    "office": "Sở, ban, ngành",
    "district": "UBND cấp huyện",
    "commune": "UBND cấp xã",
    "other": "Cơ quan, đơn vị khác",
}
EXPORT_SECTION_TASKS = "Mục {roman}. {title}"
EXPORT_SECTION_DEFAULT = "Nhiệm vụ"
EXPORT_SECTION_REVIEW = "Phụ lục I"
EXPORT_SECTION_INSPECTION = "Phụ lục II – {group}"
NO_PRODUCT = "(Kế hoạch không nêu)"
PLAN_OVERDUE = "quá hạn {n} ngày"
PLAN_INSPECTION = "Kiểm tra: {unit}{surprise}"
WEEKLY_TITLE = "Tổng hợp tuần — {date}"
WEEKLY_CLOSED = "✅ Hoàn thành tuần trước ({n}):"
WEEKLY_NEW_OVERDUE = "⏰ Mới quá hạn ({n}):"
WEEKLY_SOON = "🔜 Đến hạn trong 14 ngày tới ({n}):"
WEEKLY_NO_OFFICER = "👤 {n} cơ quan chưa có cán bộ đầu mối đăng ký; xem danh sách: nhacviec status"
WEEKLY_DISABLED = "⚠️ Kênh liên lạc bị ngừng ({n}): {names}"
WEEKLY_DISABLED_MANY = "⚠️ {n} kênh liên lạc bị ngừng; xem danh sách: nhacviec officers"
WEEKLY_WAITING = "⚠️ {group}: {n} nhiệm vụ chờ danh sách đơn vị (nhacviec agencies import TỆP.csv)"
WEEKLY_ITEM = "• {code} — {agency}{extra}"
COORD_FALLBACK = "↪️ {agency}: không gửi được qua {source} ({reason}); nhắc việc chuyển sang {target}."
COORD_UNREACHABLE = (
    "⚠️ {agency} ({chat}) không còn nhận được nhắc việc: hạn mức Zalo tháng này đã hết và cán bộ chưa có kênh khác."
)
COORD_QUOTA_WARNING = (
    "⚠️ Đã dùng {slot} hạn mức tin nhắn Zalo tháng này. Khi hết, nhắc việc chuyển sang Telegram nếu cán bộ có đăng ký."
)

# --- e-mail (outbound only: the footer tells how to answer by chat)
EMAIL_FOOTER = (  # {office}: as INSPECTION_LINE
    "Thư này do hệ thống Nhắc việc của {office} gửi tự động; thư trả lời không được xử lý.\n"
    "Để báo cáo, hãy nhắn cho bot Nhắc việc trên Telegram hoặc Zalo: /xong MÃ — báo hoàn thành; "
    "/tiendo MÃ ghi chú — báo tiến độ; /viec — xem tất cả nhiệm vụ của cơ quan.\n"
    "Chưa liên kết Telegram hoặc Zalo? Đề nghị liên hệ {office} để nhận mã mời."
)

# --- the leader's summary (bot/domain/leaders.py) ------------------------------------------------------
LEADER_OPENING = "Kính gửi lãnh đạo phụ trách {agency}: tổng hợp nhiệm vụ quá hạn của cơ quan."
LEADER_FOOTER = (
    "Tổng hợp này được gửi khi có nhiệm vụ quá hạn, mỗi tuần một lần; cán bộ đầu mối báo cáo hoàn thành bằng /xong MÃ."
)
LEADER_TITLE = "Tổng hợp nhiệm vụ quá hạn ngày {date} — {agency}"
SUBJECT_LEADER = "Tổng hợp nhiệm vụ quá hạn ngày {date} — {agency}: {parts}"
