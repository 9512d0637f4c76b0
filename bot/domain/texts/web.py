"""What the web desk says (coordinators and officers at a browser)."""

from __future__ import annotations

APP_TITLE = "Nhắc việc — bàn làm việc"
NAV = (
    ("tong-hop", "/", "Tổng hợp"),
    ("co-quan", "/co-quan", "Cơ quan"),
    ("nhiem-vu", "/nhiem-vu", "Nhiệm vụ"),
    ("gia-han", "/gia-han", "Gia hạn"),
    ("ke-hoach", "/ke-hoach", "Kế hoạch"),
    ("can-bo", "/can-bo", "Cán bộ"),
    ("bao-cao", "/bao-cao", "Báo cáo"),
)
OFFICER_NAV = ("tong-hop", "nhiem-vu", "bao-cao")
SIGN_OUT = "Đăng xuất"
SIGNED_IN_AS = "{agency} · {role}"
ROLE = {"officer": "cán bộ đầu mối", "coordinator": "cán bộ theo dõi"}

LOGIN_TITLE = "Đăng nhập"
LOGIN_CONFIRM = "Đăng nhập vào bàn làm việc với tư cách {role} của {agency}?"
LOGIN_BUTTON = "Đăng nhập"
LOGIN_NEEDED = 'Hãy mở đường dẫn đăng nhập (gửi /web cho bot hoặc chạy: nhacviec web-link "TÊN CƠ QUAN").'
LOGIN_REFUSED = {
    "unknown": "Đường link đăng nhập không đúng.",
    "used": "Đường link đăng nhập này đã được dùng. Mỗi link chỉ dùng được một lần; hãy xin link mới.",
    "expired": "Đường link đăng nhập đã hết hạn (hiệu lực 15 phút); hãy xin link mới.",
}
SIGNED_OUT = "Đã đăng xuất."
FORBIDDEN = "Bạn không có quyền xem trang này."
NOT_FOUND = "Không tìm thấy trang."
CSRF_FAILED = "Biểu mẫu đã hết hiệu lực hoặc thiếu mã xác thực; hãy tải lại trang và thử lại."
REFRESHING = "Số liệu vừa thay đổi và đang được tính lại; tải lại trang sau ít giây để xem số mới."
NO_PLAN = "Chưa có kế hoạch trong cơ sở dữ liệu. Hãy chạy: nhacviec init"

SUMMARY_TITLE = "Tổng hợp"
SUMMARY_HEAD = "Kế hoạch {year} — {title}"
SUMMARY_TODAY = "Số liệu đến ngày {date}"
SUMMARY_COLUMNS = ("Tình trạng", "Nhiệm vụ", "Lượt giao chủ trì", "Tỷ lệ")
SUMMARY_TOTAL = "Tổng số"
CHART_TITLE = "Tình trạng thực hiện theo lượt giao chủ trì"
SOON_TITLE = "Đến hạn trong {days} ngày làm việc (đến {date})"
SOON_NONE = "Không có việc nào đến hạn."
SOON_MORE = "… và {n} lượt giao khác."
WITHOUT_OFFICER = "Cơ quan chưa có cán bộ đầu mối ({n})"
WITHOUT_OFFICER_NONE = "Mọi cơ quan đã có cán bộ đầu mối."
OPS_TITLE = "Nhắc việc"
OPS_LINES = (
    ("last", "Lần quét gần nhất"),
    ("next", "Lần quét tiếp theo"),
    ("sent_today", "Đã gửi hôm nay"),
    ("pending", "Đang chờ gửi lại"),
    ("failures", "Gửi thất bại"),
)
OPS_DISABLED = "Kênh bị ngừng ({n})"
NEVER = "chưa có"

AGENCIES_TITLE = "Cơ quan"
AGENCY_COLUMNS = ("Cơ quan", "Tổng", "Đã xong", "Trong hạn", "Quá hạn", "Thường xuyên", "Chưa có hạn")
AGENCY_WORK = "Nhiệm vụ chủ trì"
AGENCY_OFFICERS = "Cán bộ và kênh liên lạc"
AGENCY_NO_OFFICER = "Chưa có cán bộ đầu mối."
WORK_COLUMNS = ("Mã", "Nội dung", "Hạn", "Tình trạng")

ITEMS_TITLE = "Nhiệm vụ"
FILTER_SECTION = "Phần"
FILTER_STATE = "Tình trạng"
FILTER_AGENCY = "Cơ quan"
FILTER_DUE_BEFORE = "Hạn trước ngày"
FILTER_SEARCH = "Tìm (không cần dấu)"
FILTER_ALL = "Tất cả"
FILTER_APPLY = "Lọc"
ITEMS_FOUND = "{n} mục"
ITEMS_NONE = "Không có mục nào khớp bộ lọc."
ITEM_COLUMNS = ("Mã", "Nội dung", "Chủ trì", "Hạn", "Tình trạng")
PAGE_PREV = "« Trang trước"
PAGE_NEXT = "Trang sau »"
PAGE_OF = "Trang {page}/{pages}"

ITEM_TITLE = "Mục {code}"
ITEM_SECTION = "Phần"
ITEM_CONTENT = "Nội dung (nguyên văn)"
ITEM_LEAD = "Chủ trì"
ITEM_COORD = "Phối hợp"
ITEM_DEADLINE = "Thời hạn (nguyên văn)"
ITEM_READING = "Cách hiểu thời hạn"
ITEM_PRODUCT = "Sản phẩm"
ITEM_SURPRISE = "Kiểm tra đột xuất: không thông báo trước cho đơn vị."
ITEM_STATUS = "Tình trạng từng cơ quan"
ITEM_STATUS_COLUMNS = ("Cơ quan", "Vai trò", "Tình trạng", "Hoàn thành")
ASSIGN_ROLE = {"lead": "chủ trì", "coordinating": "phối hợp"}

OFFICERS_TITLE = "Cán bộ"
OFFICER_COLUMNS = ("Kênh", "Cơ quan", "Vai trò", "Tên", "Trạng thái", "Từ ngày")
REVOKE_BUTTON = "Thu hồi"
REVOKE_TITLE = "Thu hồi liên kết"
REVOKE_CONFIRM = (
    "Thu hồi liên kết {channel} của {name} ({agency})? Cuộc trò chuyện này sẽ không nhận nhắc việc và không "
    "dùng được lệnh nữa; lịch sử vẫn được giữ."
)
REVOKE_YES = "Đồng ý thu hồi"
REVOKE_NO = "Quay lại"
REVOKE_DONE = "Đã thu hồi liên kết {channel} của {name} ({agency})."
REVOKE_NONE = "Không tìm thấy liên kết đang hoạt động này (có thể đã được thu hồi)."
OFFICERS_NONE = "Chưa có cuộc trò chuyện nào được liên kết."
INVITE_TITLE = "Tạo mã mời"
INVITE_AGENCY = "Cơ quan"
INVITE_ROLE = "Vai trò"
INVITE_BUTTON = "Tạo mã mời"
INVITE_CREATED = "Mã mời cho {agency} ({role}), dùng một lần, hết hạn {expires}."
INVITE_SCAN = "Cán bộ quét mã QR bằng điện thoại, hoặc mở đường dẫn:"
INVITE_UNKNOWN_AGENCY = 'Không tìm thấy cơ quan "{name}".'
INVITE_NO_USERNAME = "Lưu ý: chưa đặt TELEGRAM_BOT_USERNAME nên đường dẫn có chỗ <tên_bot>."

EXT_TITLE = "Gia hạn"
EXT_INTRO = "Đề nghị gia hạn đang chờ quyết định (cũ nhất trước). Cán bộ đầu mối được báo ngay khi có quyết định."
EXT_NONE = "Không có đề nghị gia hạn nào đang chờ."
EXT_COLUMNS = ("Mã", "Cơ quan", "Hạn hiện tại", "Đề nghị đến", "Lý do", "Người đề nghị", "Quyết định")
EXT_DOCUMENT = "Văn bản đồng ý (số, ngày)"
EXT_DOCUMENT_HINT = "vd: Công văn số 123/UBND-KSTT ngày 10/7/2023"
EXT_APPROVE = "Đồng ý gia hạn"
EXT_NOTE = "Lý do không đồng ý"
EXT_REFUSE = "Không đồng ý"
EXT_CHOOSE = "Vui lòng chọn Đồng ý hoặc Không đồng ý."
EXT_TOO_LONG = "Nội dung quá dài (tối đa {n} ký tự). Chưa có gì thay đổi."

PLAN_TITLE = "Kế hoạch"
PLAN_CURRENT = "Kế hoạch đang theo dõi: {title} ({slug}), {items} mục."
PLAN_UPLOAD_TITLE = "Nạp kế hoạch từ văn bản đã ký"
PLAN_UPLOAD_HINT = (
    "Tệp .docx, .xlsx, .csv hoặc .pdf (có bảng nhiệm vụ). Chưa có gì thay đổi cho đến khi anh/chị xác nhận."
)
PLAN_FILE = "Văn bản kế hoạch"
PLAN_DIRECTORY = "Danh mục cơ quan (.yaml, không bắt buộc)"
PLAN_DIRECTORY_HINT = "Để trống: dùng danh mục đã nạp, nếu cùng tỉnh với kế hoạch."
PLAN_READ = "Đọc văn bản"
PLAN_NO_FILE = "Vui lòng chọn tệp văn bản kế hoạch."
PLAN_BAD_TYPE = "Chỉ nhận tệp .docx, .xlsx, .csv hoặc .pdf (tệp đã gửi: {name})."
PLAN_NO_TABLE = "Không tìm thấy bảng nhiệm vụ trong tệp {name}. Chưa có gì thay đổi."
PLAN_INVALID = "Không đọc được kế hoạch từ tệp {name}: {detail}. Chưa có gì thay đổi."
PLAN_BAD_DIRECTORY = "Không đọc được danh mục cơ quan {name}: {detail}. Chưa có gì thay đổi."
PLAN_READING = "Cách đọc văn bản {name}: {title} ({slug}), {items} mục, {sections} phần."
PLAN_ISSUED = "{kind} số {number}, {date}, {issuer}."
PLAN_PROBLEMS = "Chỗ chưa đọc được ({n}):"
PLAN_NO_PROBLEMS = "Mọi dòng đều đọc được."
PLAN_UNCLEAR = "{n} ô chưa hiểu (tô màu): cơ quan không có trong danh mục hoặc thời hạn chưa rõ."
PLAN_ALL_CLEAR = "Mọi ô đều hiểu được."
PLAN_COLUMNS = ("Mã", "Nội dung", "Chủ trì", "Phối hợp", "Thời hạn (nguyên văn)", "Cách hiểu thời hạn")
PLAN_UNKNOWN_AGENCY = "không có trong danh mục"
PLAN_RESOLVED = "→ {names}"
PLAN_RESOLVED_MANY = "→ {n} cơ quan"
PLAN_NO_DIRECTORY = (
    "Chưa có danh mục cơ quan của {province}: tên cơ quan chưa được đối chiếu. Gửi kèm tệp danh mục "
    '(tạo bằng: nhacviec directory new --province "{province}") rồi đọc lại.'
)
PLAN_LOAD = "Nạp kế hoạch này"
PLAN_LOAD_NOTE = "Kế hoạch {slug} chưa có trong cơ sở dữ liệu: nạp như lệnh nhacviec init --plan."
PLAN_EXISTS = (
    "Kế hoạch {slug} đã có trong cơ sở dữ liệu. Việc thay đổi Kế hoạch đang theo dõi phải làm bằng văn bản "
    "sửa đổi (nhacviec plan amend); bàn làm việc chưa hỗ trợ."
)
PLAN_AMEND = "Áp dụng như văn bản sửa đổi"
PLAN_DRAFT_GONE = "Bản đọc này đã hết hạn hoặc không còn; vui lòng tải tệp lên lại. Chưa có gì thay đổi."
PLAN_LOADED = "Đã nạp Kế hoạch {slug}: {items} mục, {assignments} lượt giao."
PLAN_LOAD_FAILED = "Không nạp được kế hoạch: {detail}. Chưa có gì thay đổi."
UPLOAD_TOO_BIG = "Tệp quá lớn (tối đa 20 MB)."

# Kế hoạch: a row's reading fixed in place (bot/web/plan_reading.py)
PLAN_FIX_COLUMN = "Sửa cách đọc"
PLAN_FIX_OPEN = "Sửa"
PLAN_FIX_HINT = (
    "Có thể sửa ngay tại đây cách đọc một dòng (cơ quan chủ trì, thời hạn) trước khi nạp; "
    "dòng đã sửa được nạp hoặc áp dụng như đã sửa."
)
PLAN_FIX_LEAD = "Cơ quan chủ trì (chọn trong danh mục)"
PLAN_FIX_LEAD_KEEP = "để trống: giữ nguyên"
PLAN_FIX_DEADLINE = "Thời hạn (nguyên văn)"
PLAN_FIX_BUTTON = "Đọc lại dòng này"
PLAN_FIXED = "Đã sửa dòng {code}: {what}. Thời hạn được hiểu là: {reading}."
PLAN_FIXED_LEAD = "chủ trì {lead}"
PLAN_FIXED_DEADLINE = "thời hạn «{deadline}»"
PLAN_FIXED_MARK = "đã sửa"
PLAN_FIX_NOT_ROW = (
    "Dòng {code} không sửa được tại đây (không có trong bản đọc, hoặc là ô dùng chung của cả bảng). "
    "Chưa có gì thay đổi."
)
PLAN_FIX_NOTHING = "Dòng {code}: chưa nhập cơ quan chủ trì hay thời hạn mới. Chưa có gì thay đổi."
PLAN_FIX_NO_DIRECTORY = (
    "Chưa có danh mục cơ quan để chọn cơ quan chủ trì: gửi kèm tệp danh mục rồi đọc lại. Chưa có gì thay đổi."
)
PLAN_FIX_AGENCY_UNKNOWN = "Không tìm thấy cơ quan «{text}» trong danh mục. Chưa có gì thay đổi."
PLAN_FIX_AGENCY_CHOOSE = "«{text}» có thể là: {names}. Vui lòng chọn đúng một cơ quan. Chưa có gì thay đổi."
PLAN_EXISTS_AMEND = (
    "Kế hoạch {slug} đã có trong cơ sở dữ liệu: thay đổi phải áp dụng như văn bản sửa đổi. Chưa có gì thay đổi."
)

# Kế hoạch: an uploaded plan applied as an amendment (bot/web/plan_amend.py, as nhacviec plan amend)
AMEND_TITLE = "Sửa đổi Kế hoạch {slug}"
AMEND_INTRO = "Tệp này thay đổi Kế hoạch {slug} đang theo dõi (ban hành {signed}). Khác biệt:"
AMEND_DOCUMENT = "Văn bản sửa đổi"
AMEND_DOCUMENT_HINT = "vd: Quyết định số 12/QĐ-UBND ngày 10/6/2026"
AMEND_EFFECTIVE = "Ngày hiệu lực"
AMEND_EFFECTIVE_HINT = "vd: 15/6/2026"
AMEND_CONFIRM_NOTE = (
    "Trạng thái, minh chứng đã ghi nhận được giữ nguyên; việc đã hoàn thành trước ngày hiệu lực giữ hạn cũ."
)
AMEND_NO_DOCUMENT = "Vui lòng ghi văn bản sửa đổi (vd: Quyết định số 12/QĐ-UBND ngày 10/6/2026). Chưa có gì thay đổi."
AMEND_NO_EFFECTIVE = "Vui lòng ghi ngày hiệu lực (vd: 15/6/2026). Chưa có gì thay đổi."
AMEND_BAD_EFFECTIVE = "Ngày hiệu lực không hợp lệ: «{text}» (vd: 15/6/2026). Chưa có gì thay đổi."
AMEND_NOT_RECORDED = (
    "Cơ sở dữ liệu chưa ghi tệp Kế hoạch {slug} đã nạp nên chưa so sánh được: nạp lại bằng nhacviec init "
    "rồi thử lại. Chưa có gì thay đổi."
)
AMEND_RECORDED_DIRECTORY = (
    "Sửa đổi đọc tên cơ quan theo danh mục đã nạp cùng Kế hoạch; danh mục vừa tải lên không được dùng."
)
AMEND_NO_PLAN = "Kế hoạch {slug} chưa có trong cơ sở dữ liệu: không có gì để sửa đổi. Chưa có gì thay đổi."
AMEND_APPLIED = "Đã áp dụng sửa đổi (số {id}) theo {document}, hiệu lực từ {effective}."
AMEND_FUTURE = "Lưu ý: ngày hiệu lực {effective} sau hôm nay ({today}); sửa đổi đã được áp dụng ngay."

# Cán bộ: hand-over (as nhacviec handover AGENCY)
HANDOVER_TITLE = "Bàn giao cán bộ đầu mối"
HANDOVER_HINT = (
    "Cấp mã bàn giao (như lệnh nhacviec handover): người nhận bàn giao dùng mã; cán bộ đầu mối hiện tại "
    "thôi nhận nhắc việc và được báo."
)
HANDOVER_AGENCY = "Cơ quan"
HANDOVER_BUTTON = "Cấp mã bàn giao"
HANDOVER_CREATED = "Mã bàn giao cho {agency}, dùng một lần, hết hạn {expires}."
HANDOVER_ENDS = "Khi mã được dùng, {chats} thôi nhận nhắc việc và được báo."
HANDOVER_UNKNOWN_AGENCY = "Không tìm thấy cơ quan «{name}». Chưa có gì thay đổi."

REPORTS_TITLE = "Báo cáo"
REPORT_WORKBOOK = "Tải báo cáo Excel (đầy đủ, nội bộ)"
REPORT_CIRCULATION = "Tải báo cáo Excel (bản lưu hành, không gồm kiểm tra đột xuất)"
REPORT_LETTER = "Tải dự thảo công văn đôn đốc (tất cả cơ quan có việc quá hạn)"
REPORT_NO_LETTER = "Không có cơ quan nào có việc quá hạn: không cần công văn đôn đốc."

CLI_LINK = "Đường link đăng nhập cho {agency} ({role}), dùng một lần, hết hạn {expires}:\n{url}"
CLI_SERVING = "Bàn làm việc: http://{host}:{port}/ (Ctrl-C để dừng)"
CLI_NO_SECRET = "Cần WEB_SECRET (ít nhất 32 ký tự) để ký cookie phiên đăng nhập."

STATE_LABEL = {
    "done_on_time": "Đã hoàn thành đúng hạn",
    "done_late": "Đã hoàn thành quá hạn",
    "in_progress_on_time": "Chưa hoàn thành, trong hạn",
    "not_yet_due": "Chưa đến hạn",
    "overdue": "Chưa hoàn thành, quá hạn",
    "ongoing": "Thường xuyên (đang triển khai)",
    "undated": "Chưa xác định thời hạn",
}
TYPE_LABEL = {"task": "Nhiệm vụ", "review": "Rà soát TTHC", "inspection": "Kiểm tra"}
