"""The command line's texts (the `nhacviec` command): headers, results, errors."""

from bot.domain.texts.periods import AUDIT_ACTION as PERIOD_AUDIT_ACTION

CLI_DESCRIPTION = "nhacviec — nhắc việc kế hoạch kiểm soát thủ tục hành chính"
PLAN_HEADERS = ("Mã", "Nội dung", "Chủ trì", "Thời hạn", "Trạng thái")
INIT_CREATED = "Đã tạo cơ sở dữ liệu mới (lược đồ {rev})."
INIT_UPGRADED = "Đã nâng cấp cơ sở dữ liệu từ {before} lên {after}."
INIT_PLAN = (
    "Kế hoạch {plan}: {total} nhiệm vụ ({tasks} nhiệm vụ tại Kế hoạch, {reviews} nhiệm vụ rà soát TTHC, "
    "{inspections} cuộc kiểm tra)."
)
INIT_UNCHANGED = "Không có gì thay đổi."
INIT_ADDED = "Thêm mới: {codes}"
INIT_UPDATED = "Cập nhật {code}: {fields}"
INIT_RETIRED = "Không còn trong kế hoạch (giữ lịch sử): {codes}"
INIT_AGENCIES = "Cơ quan thêm mới: {n}; cập nhật: {m}"
INIT_ASSIGNMENTS = "Phân công thêm: {added}; ngừng: {removed}"
INIT_UNKNOWN = 'Cảnh báo: {code} ({cell}): "{text}" không có trong danh mục cơ quan'
CELL = {"lead": "chủ trì", "coordinating": "phối hợp"}
RESOLVE_AGENCIES = "Cơ quan"
RESOLVE_GROUPS = "Nhóm"
RESOLVE_UNRESOLVED = "Chưa xác định"
NONE = "(không có)"
SET_DUE_OK = "Đã đặt hạn {code}: {date} ({reading})."
ERR_FILE = "Lỗi tệp dữ liệu: {detail}"
ERR_DB = "Lỗi cơ sở dữ liệu ({where}): {detail}"
# Database failures: one sentence each, the cause then the next step (the driver's English goes to the log).
DB_DAMAGED = (
    "không mở được cơ sở dữ liệu: tệp không phải cơ sở dữ liệu SQLite hoặc đã bị hỏng; hãy kiểm tra "
    "DATABASE_URL, hoặc khôi phục từ bản sao lưu (nhacviec backup), hoặc đặt tệp hỏng sang chỗ khác rồi "
    "chạy nhacviec init để tạo mới."
)
DB_CANNOT_OPEN = (
    "không mở được cơ sở dữ liệu: tệp hoặc thư mục không có hoặc không có quyền truy cập; hãy kiểm tra "
    "DATABASE_URL và quyền của thư mục."
)
DB_READ_ONLY = (
    "không ghi được vào cơ sở dữ liệu vì tệp hoặc thư mục chỉ cho đọc; hãy cấp quyền ghi hoặc dùng lệnh "
    "chỉ xem (status, plan show, officers, export)."
)
DB_LOCKED = "cơ sở dữ liệu đang bị một tiến trình khác khóa; hãy chờ tiến trình đó xong rồi chạy lại."
DB_UNREACHABLE = (
    "không kết nối được tới máy chủ cơ sở dữ liệu; hãy kiểm tra DATABASE_URL (địa chỉ, tên người dùng, "
    "mật khẩu) và máy chủ PostgreSQL."
)
DB_UNSUPPORTED = (
    'DATABASE_URL chỉ tới loại cơ sở dữ liệu "{backend}" mà nhacviec không hỗ trợ; hãy dùng SQLite '
    "(sqlite:///data/nhacviec.db) hoặc PostgreSQL (postgresql+psycopg://…)."
)
DB_DRIVER_MISSING = (
    "máy này chưa cài thư viện kết nối cơ sở dữ liệu {backend}; hãy cài lại nhacviec "
    "(pip install -e .) hoặc sửa DATABASE_URL."
)
DB_BAD_URL = (
    "DATABASE_URL viết sai (cần dạng sqlite:///data/nhacviec.db hoặc postgresql+psycopg://người_dùng@máy/tên); "
    "hãy sửa trong tệp .env."
)
DB_OLD_SCHEMA = "cơ sở dữ liệu dùng lược đồ cũ; hãy chạy: nhacviec init"
INTERRUPTED = "Đã dừng theo yêu cầu (Ctrl-C)."
ERR_NO_PLAN = "Chưa có kế hoạch trong cơ sở dữ liệu. Hãy chạy: nhacviec init"
ERR_UNKNOWN_CODE = "Không có nhiệm vụ {typed} trong Kế hoạch."
ERR_SUGGEST = "Có phải: {codes}?"
ERR_BAD_DATE = "Ngày không hợp lệ: {text} (viết dạng 31/5/2023 hoặc 2023-05-31)"
ERR_UNKNOWN_STRICT = "Có {n} tên cơ quan không có trong danh mục; dừng vì --strict (không ghi gì)."
ERR_OUT_FOLDER = (
    'Không có thư mục "{folder}" để ghi {file}; hãy tạo thư mục đó trước (mkdir) hoặc chọn đường dẫn khác. Chưa ghi gì.'
)
ERR_OUT_IS_FOLDER = '"{path}" là một thư mục; hãy ghi cả tên tệp, vd. {path}/bao-cao.xlsx. Chưa ghi gì.'
ERR_SETTINGS = "Cấu hình không hợp lệ (tệp .env hoặc biến môi trường): {detail}. Hãy sửa rồi chạy lại."
# A settings value that failed its check, by pydantic's error type (the English message goes to the log).
SETTING_ERROR = {
    "int_parsing": "phải là số nguyên",
    "float_parsing": "phải là số",
    "bool_parsing": "phải là true hoặc false",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "greater_than": "phải lớn hơn {gt}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "less_than": "phải nhỏ hơn {lt}",
    "string_pattern_mismatch": "sai định dạng",
    "literal_error": "phải là một trong: {expected}",
    "enum": "phải là một trong: {expected}",
    "missing": "chưa đặt",
    "url_parsing": "không phải địa chỉ hợp lệ",
}
SETTING_ERROR_DEFAULT = "giá trị không hợp lệ"
# Field-specific wording where the generic one says too little.
SETTING_FIELD_ERROR = {
    "TIMEZONE": 'không có múi giờ "{input}" (vd. Asia/Ho_Chi_Minh)',
    "LOG_LEVEL": "phải là DEBUG, INFO, WARNING, ERROR hoặc CRITICAL",
    "SMTP_URL": "phải bắt đầu bằng smtp:// hoặc smtps://",
    "SEND_TIME": "cần dạng giờ:phút, vd. 08:00",
    "WORK_END": "cần dạng giờ:phút, vd. 17:00",
}
SETTING_MAIL_FROM = "MAIL_FROM: cần địa chỉ người gửi khi đã đặt SMTP_URL"
AGENCY_HEADERS = ("Mã", "Tên cơ quan", "Loại")
AGENCY_KIND = {
    "province_office": "Văn phòng điều phối Kế hoạch",
    "department": "Sở, ngành",
    "board": "Ban",
    "district": "UBND cấp huyện",
    "commune": "UBND cấp xã",
    "press": "Báo, đài",
    "other": "Khác",
    "police": "Công an",
    "military": "Quân sự, Biên phòng",
    "vertical": "Cơ quan ngành dọc",
    "mass_org": "Mặt trận, đoàn thể",
    "steering": "Ban chỉ đạo, ban chỉ huy",
}
IMPORT_DONE = "Đã thêm {added} và cập nhật {updated} đơn vị cấp xã; thêm {assignments} phân công."
ROLE = {"officer": "cán bộ đầu mối", "coordinator": "cán bộ theo dõi", "leader": "lãnh đạo phụ trách"}
ACTIVE = {True: "đang hoạt động", False: "đã ngừng"}
OFFICER_HEADERS = ("Cuộc trò chuyện", "Cơ quan", "Vai trò", "Tên", "Trạng thái")
OFFICERS_NONE = 'Chưa có cuộc trò chuyện nào được liên kết. Tạo mã mời: nhacviec invite "Sở Tư pháp"'
INVITE_OK = """Mã mời cho {agency} ({role}), dùng một lần, hết hạn {expires}:
  Telegram: {link}
  hoặc gửi cho bot: /start {code}
  Zalo: nhắn cho bot: start {code}
Mã: {code}
Mã dùng cho một kênh; muốn nhận thêm ở kênh kia, cán bộ gửi /lienket ở kênh đã liên kết để lấy mã liên kết."""
INVITE_NO_USERNAME = "Lưu ý: chưa đặt TELEGRAM_BOT_USERNAME nên đường dẫn có chỗ <tên_bot>."
REVOKE_OK = "Đã hủy liên kết {chat} ({n})."
REVOKE_NONE = "Không có cuộc trò chuyện {chat}. Xem danh sách: nhacviec officers"
ERR_AGENCY = 'Không tìm thấy cơ quan "{name}".'
ERR_CANDIDATES = "Có phải: {names}?"
ERR_DURATION = "Thời hạn không hợp lệ: {text} (vd. 7d, 12h, 30m)"
ERR_WEBHOOK_SECRET = (
    "Chế độ webhook cần TELEGRAM_WEBHOOK_SECRET (ít nhất 8 ký tự A-Z, a-z, 0-9, _ hoặc -) "
    "để kiểm tra mọi yêu cầu đến từ Telegram."
)
REMIND_HEADERS = ("Mã", "Cơ quan", "Loại", "Người nhận", "Nội dung")
REMIND_KIND = {
    "upcoming": "sắp đến hạn",
    "due": "đến hạn",
    "overdue": "quá hạn",
    "start": "bắt đầu",
    "checkin": "đề nghị cập nhật tiến độ",
    "escalation": "báo cáo lãnh đạo",
    "heads_up": "phối hợp",
    "needs_date": "cần đặt hạn",
    "inspection": "báo lịch kiểm tra",
    "inspection_due": "kiểm tra sắp hết hạn",
    "recurrence_default": "chu kỳ mặc định",
    "daily": "tổng hợp hằng ngày",
    "weekly": "tổng hợp hằng tuần",
    "channel_fallback": "chuyển kênh gửi",
    "channel_lost": "mất kênh liên lạc",
    "unreachable": "không liên lạc được",
    "delivery_failed": "gửi không thành công",
    "quota_warning": "cảnh báo hạn mức Zalo",
}
REMIND_NONE = "Ngày {date} không có nhắc việc nào{why}."
REMIND_NON_WORKING = " (ngày nghỉ: không gửi gì)"
REMIND_NOBODY = "(chưa có ai đăng ký)"
REMIND_DONE = (
    "Ngày {date}: đã lập {planned} nhắc việc, ghi nhận mới {claimed}; gửi {messages} tin ({reminders} "
    "nhắc việc), chờ gửi lại {retrying}, thất bại {failed}."
)
REMIND_BUSY = (
    "Đang có tiến trình khác gửi nhắc việc ({holder}, giữ quyền gửi đến {until}): lần này không gửi gì; "
    "các nhắc việc đã ghi nhận sẽ do tiến trình đó gửi. Nếu tiến trình đó đã dừng, chạy lại lệnh sau "
    "thời điểm trên."
)
REMIND_WAITING = "{n} nhắc việc đang chờ kênh gửi (chưa cấu hình TELEGRAM_BOT_TOKEN); bot sẽ gửi khi chạy."
STATUS_LINES = """Lần quét gần nhất: {last}
Lần quét tiếp theo: {next}
Đã gửi hôm nay: {sent_today} nhắc việc
Đang chờ gửi lại: {pending}
Gửi thất bại: {failed}
Kênh bị ngừng: {disabled}
Cơ quan chưa có ai đăng ký ({n_missing}): {missing}"""
NEVER = "chưa có"
BACKUP_OK = "Đã sao lưu cơ sở dữ liệu vào {file} ({size} KB)."
BACKUP_SQLITE_ONLY = "Sao lưu trực tuyến chỉ dành cho SQLite; với PostgreSQL hãy dùng pg_dump."
CONFIRM_OK = "Đã xác nhận thời hạn {code}: {reading}."
CONFIRM_NEEDS_DATE = "Nhiệm vụ {code} không có ngày để xác nhận; hãy dùng: nhacviec plan set-due {code} NGÀY"
ERR_TELEGRAM_TOKEN = (
    "Telegram từ chối TELEGRAM_BOT_TOKEN (token sai hoặc đã bị thu hồi). Hãy lấy lại token từ @BotFather."
)
ERR_TELEGRAM_UNREACHABLE = (
    "Không kết nối được tới Telegram ({detail}). Kiểm tra mạng hoặc TELEGRAM_BASE_URL rồi chạy lại."
)
ERR_ZALO_UNREACHABLE = "Không khởi động được kênh Zalo ({detail}). Kiểm tra ZALO_BOT_TOKEN, mạng hoặc ZALO_BASE_URL."
ZALO_BOT_DEFAULT_NAME = "bot Zalo số {n}"
ZALO_BOT_FOR_INVITE = "  Zalo: nhắn cho {bot} (còn {free} chỗ)."
ZALO_BOTS_FULL = "  Lưu ý: cả {n} bot Zalo đều đã đủ {limit} người dùng; hãy thêm bot vào ZALO_BOT_TOKENS."
STATUS_ZALO_BOT = "  {bot}: {users}/{user_limit} người dùng, {messages}/{quota} tin nhắn tháng này"
ERR_ZALO_SECRET = "Chế độ webhook của Zalo cần ZALO_WEBHOOK_SECRET dài 8–256 ký tự."
ERR_ZALO_WEBHOOK = (
    "Zalo vẫn đang gửi tin tới một webhook nên không thể nhận tin bằng polling. Xóa webhook trong "
    "Zalo Bot Creator hoặc đặt ZALO_WEBHOOK_URL để chạy ở chế độ webhook."
)
STATUS_ZALO = "Tin nhắn Zalo tháng này: {sent}/{quota}"

# --- e-mail addresses (nhacviec email add/list/remove)
EMAIL_HELP = "địa chỉ thư điện tử công vụ nhận bản tổng hợp nhắc việc hằng ngày (chỉ gửi đi)"
EMAIL_ADD_HELP = "thêm địa chỉ thư điện tử cho cán bộ đầu mối của một cơ quan"
EMAIL_LIST_HELP = "liệt kê các địa chỉ thư điện tử"
EMAIL_REMOVE_HELP = "ngừng gửi thư tới một địa chỉ"
EMAIL_NAME_HELP = "tên người nhận (vd. Nguyễn Văn A, Văn thư Sở)"
EMAIL_ADDED = (
    "Đã thêm {address}{name} — cán bộ đầu mối của {agency}: nhận bản tổng hợp nhắc việc hằng ngày qua thư điện tử."
)
EMAIL_BAD_ADDRESS = 'Địa chỉ thư điện tử không hợp lệ: "{address}" (ví dụ: snv@haiduong.gov.vn). Không ghi gì.'
EMAIL_NOT_CONFIGURED = "Lưu ý: chưa đặt SMTP_URL và MAIL_FROM nên bot chưa gửi được thư (xem .env.example)."
EMAIL_NONE = 'Chưa có địa chỉ thư điện tử nào. Thêm: nhacviec email add "Sở Nội vụ" snv@haiduong.gov.vn'
EMAIL_HEADERS = ("Địa chỉ", "Cơ quan", "Tên", "Trạng thái")
EMAIL_DISABLED = "đã ngừng ({reason})"
EMAIL_REMOVED = "Đã ngừng gửi thư tới {address}."
EMAIL_REMOVE_NONE = "Không có địa chỉ {address} đang nhận thư. Xem danh sách: nhacviec email list"


# --- gov: extensions and the audit trail (CLI) -------------------------------------------------------
SET_DUE_DATED = (
    "Mục {code} đã có thời hạn theo Kế hoạch: không đổi hạn bằng plan set-due. "
    "Gia hạn cho từng cơ quan theo văn bản đồng ý: nhacviec extend {code} CƠ_QUAN NGÀY "
    '--document "Văn bản số … ngày …"'
)
EXTEND_OK = "Đã gia hạn {code} cho {agency}: hạn gốc {original}, gia hạn đến {new_due} theo {document}."
EXTEND_NOT_LEAD = "{agency} không chủ trì mục {code}."
EXTEND_PROBLEM = {
    "closed": "Mục {code} của {agency} đã hoàn thành; không cần gia hạn.",
    "no_date": "Mục {code} chưa có hạn cụ thể: dùng plan set-due để đặt hạn.",
    "not_later": "Ngày mới ({new_due}) phải sau hạn hiện tại.",
    "in_past": "Ngày mới ({new_due}) đã qua.",
    "no_reason": "Cần nêu văn bản hoặc lý do gia hạn.",
    "stale": "Mục {code} của {agency} đã hoàn thành trước khi gia hạn.",
}
EXTEND_FUTURE_DOCUMENT = "Văn bản ghi ngày sau hôm nay: chưa thể là căn cứ gia hạn ({document})."
AUDIT_EMPTY = "Nhật ký trống."
AUDIT_HEADERS = (
    "Thời điểm",
    "Ngày nghiệp vụ",
    "Người thực hiện",
    "Kênh",
    "Thao tác",
    "Mã",
    "Cơ quan",
    "Trước",
    "Sau",
    "Ghi chú",
)
AUDIT_ACTION = {
    "done": "Báo hoàn thành",
    "progress": "Cập nhật tiến độ",
    "undo": "Hoàn tác",
    "set_due": "Đặt hạn",
    "inspection_scheduled": "Đặt lịch kiểm tra",
    "extension_requested": "Đề nghị gia hạn",
    "extension_approved": "Đồng ý gia hạn",
    "extension_refused": "Không đồng ý gia hạn",
    "extension_stale": "Đóng đề nghị gia hạn (nhiệm vụ đã hoàn thành)",
    "registered": "Liên kết cuộc trò chuyện",
    "unlinked": "Hủy liên kết",
    "revoked": "Thu hồi liên kết",
    "disabled": "Ngừng gửi (kênh báo lỗi)",
    "role_changed": "Đổi vai trò",
    "handed_over": "Bàn giao cán bộ đầu mối",
    "handover_invited": "Cấp mã bàn giao",
    "deputy_added": "Thêm cán bộ dự phòng",
    "deputy_invited": "Cấp mã mời cán bộ dự phòng",
    "leader_set": "Đặt lãnh đạo phụ trách",
    "leader_invited": "Cấp mã mời lãnh đạo phụ trách",
    "leader_removed": "Thôi lãnh đạo phụ trách",
    "evidence": "Bổ sung minh chứng",
    "successor": "Chuyển nhiệm vụ cho cơ quan kế nhiệm",
    "web_signed_in": "Đăng nhập bàn làm việc",
    "invite_created": "Tạo mã mời",
    "plan_loaded": "Nạp Kế hoạch",
    "amendment": "Sửa đổi Kế hoạch",
    "officer_invited": "Cấp mã mời cán bộ đầu mối",
    **PERIOD_AUDIT_ACTION,  # period_done, period_ended, period_undo
}
EXTENSIONS_LINE = "Gia hạn: {rows} lượt cơ quan được gia hạn ({items} nhiệm vụ); đúng hạn tính theo hạn đã gia hạn."

# --- leak: one database, one plan family (init, agencies, plan file errors, the import report) ----------
ERR_NO_DIRECTORY = (
    "Chưa có danh mục cơ quan cho {province} (kế hoạch {plan}): không nạp danh mục của tỉnh khác.\n"
    "Tạo danh mục rồi nạp kế hoạch cùng danh mục đó:\n"
    '  nhacviec directory new --province "{province}" --out {suggest}\n'
    "  (xem lại, sửa tệp {suggest})\n"
    "  nhacviec init --plan {plan_file} --agencies {suggest}"
)
WARN_OTHER_PROVINCE = (
    "Lưu ý: danh mục cơ quan {file} là của {directory}, kế hoạch {plan} là của {province}; "
    "tên cơ quan được đối chiếu với danh mục này."
)
INIT_AGENCIES_RETIRED = (
    "Cơ quan không còn trong danh mục (ngừng nhắc việc, giữ lịch sử; xem: nhacviec agencies list --retired): {n}"
)
INIT_MOVED = (
    "Đã chuyển nhiệm vụ chưa hoàn thành của {agencies} cơ quan bị thay thế cho cơ quan kế nhiệm: {n} lượt "
    "giao nhiệm vụ (xem: nhacviec audit)"
)
AGENCY_SUCCEEDED = "đã ngừng, nhiệm vụ chuyển cho {successor}"
INIT_OTHER_PLANS = "Kế hoạch của tỉnh khác không còn được nhắc việc (giữ lịch sử): {plans}"
INIT_SOURCES = "Đã ghi nhận trong cơ sở dữ liệu: kế hoạch {plan}, danh mục {agencies}."
AGENCY_RETIRED_HEADERS = ("Mã", "Tên cơ quan", "Loại", "Trạng thái")
AGENCY_RETIRED = "đã ngừng (không còn trong danh mục)"
AGENCIES_NONE = "(không có cơ quan nào)"
ERR_NO_SOURCES = (
    "Cơ sở dữ liệu chưa ghi nhận tệp kế hoạch và danh mục nào. Hãy chạy trước: nhacviec init "
    "--plan KẾ_HOẠCH.yaml --agencies DANH_MỤC.yaml"
)
YAML_WHERE = "lỗi cú pháp YAML ở cột {column}: "
YAML_COLON = (
    "dấu hai chấm (:) trong một giá trị chưa đặt trong ngoặc kép. Đặt cả giá trị trong ngoặc kép, "
    'vd. content: "Rà soát: các thủ tục…"'
)
YAML_TAB = "có ký tự tab: YAML chỉ thụt lề bằng dấu cách"
YAML_SYNTAX = "viết sai cú pháp — thường do thiếu ngoặc kép hoặc thụt lề không thẳng hàng"
FILE_NOT_FOUND = "không tìm thấy tệp; hãy kiểm tra tên và thư mục của tệp"
# The parser's problem (words of its English message) → what to fix, in Vietnamese.
YAML_PROBLEMS = (
    ("that cannot start any token", "giá trị bắt đầu bằng ký tự đặc biệt (%, @, `): đặt cả giá trị trong ngoặc kép"),
    ("could not find expected ':'", "thiếu dấu hai chấm (:) sau tên trường, hoặc một giá trị bị xuống dòng"),
    ("did not find expected key", "thụt lề không thẳng hàng với các trường phía trên"),
    ("did not find expected '-'", "các dòng của danh sách phải bắt đầu bằng '- ' và thẳng hàng"),
    ("expected <block end>", "thụt lề không thẳng hàng với các dòng phía trên"),
    ("unexpected end of stream", 'thiếu dấu ngoặc kép đóng (")'),
    ("while scanning a quoted scalar", 'thiếu dấu ngoặc kép đóng (")'),
    ("undefined alias", "giá trị bắt đầu bằng dấu *: đặt cả giá trị trong ngoặc kép"),
    ("expected alphabetic or numeric character", "giá trị bắt đầu bằng & hoặc *: đặt cả giá trị trong ngoặc kép"),
    ("expected ',' or '}'", "khối {…} viết trên một dòng thiếu dấu phẩy hoặc dấu }"),
    ("expected ',' or ']'", "danh sách […] thiếu dấu phẩy hoặc dấu ]"),
    ("unknown escape character", "dấu \\ trong ngoặc kép: dùng ngoặc đơn ('…') hoặc viết \\\\"),
    ("duplicate anchor", "giá trị bắt đầu bằng &: đặt cả giá trị trong ngoặc kép"),
)
PLAN_ERR_MAPPING = "cần một khối có trường '{field}'"
PLAN_ERR_MISSING = "thiếu trường '{field}'"
PLAN_ERR_TYPE = "trường '{field}' phải là {want}, đang là {got}"
PLAN_ERR_ISO_DATE = (
    "trường '{field}' được YAML đọc thành ngày {value}: viết như trong văn bản và đặt trong "
    'ngoặc kép, vd. {field}: "{vn}"'
)
PLAN_TYPE = {
    "str": "văn bản",
    "int": "số nguyên",
    "float": "số thập phân",
    "list": "danh sách (các dòng '- …')",
    "dict": "khối các trường con",
    "bool": "true/false",
    "date": "ngày",
    "datetime": "ngày giờ",
}
PLAN_ERR_NUMBER = "'number' phải là số nguyên dương, đang là {n!r}"
PLAN_ERR_TOP = "tệp kế hoạch phải là một khối các trường (id, year, province, title…) ở cấp ngoài cùng"
PLAN_ERR_DUPLICATE = "mã mục {code} bị trùng (lần đầu ở dòng {first})"
PLAN_ERR_SECTION = "số của mục phải là số La Mã (I, II, III…), đang là {roman!r}"
PLAN_ERR_GROUP = "số của nhóm phải là số La Mã (I, II…), đang là {roman!r}"
PLAN_ERR_UNIT = "đơn vị thứ {idx} của nhóm {group} phải là một tên"
PLAN_ERR_ROWS = "'rows' phải là [dòng đầu, dòng cuối] trong khoảng 1..{n}"
PLAN_ERR_TWO_NOTES = "dòng {row} có hai ghi chú"
PLAN_ERR_APPENDIX_TAKEN = (
    "phụ lục số {n} đã dùng (PL1 là phụ lục rà soát, PL2 là phụ lục kiểm tra, mỗi số một phụ lục): đổi 'number'"
)
IMPORT_UNKNOWN_HEAD = "Tên cơ quan chưa có trong danh mục {directory} ({n}):"
IMPORT_UNKNOWN_LINE = "  • {place}, {cell}: “{text}”\n    thêm vào danh mục: {command}"
IMPORT_VAGUE_HEAD = "Cụm từ chung chung, cán bộ theo dõi cần chỉ rõ cơ quan ({n}):"
IMPORT_VAGUE_LINE = "  • {place}, {cell}: “{text}”"
IMPORT_ALL_KNOWN = "Mọi tên cơ quan đều có trong danh mục {directory}."
IMPORT_NO_DIRECTORY = (
    "Chưa đối chiếu tên cơ quan với danh mục nào. Tạo danh mục: nhacviec directory new "
    '--province "{province}" --out DANH_MỤC.yaml, rồi chạy lại với --agencies DANH_MỤC.yaml'
)
IMPORT_COLUMN = {"lead": "ô chủ trì", "coordinating": "ô phối hợp"}
IMPORT_NEXT = "Đã ghi {out}. Xem lại rồi nạp: nhacviec init --plan {out} --agencies {directory}"
