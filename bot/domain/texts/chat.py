"""Vietnamese texts of the chat (every channel)."""

BTN_DONE = "✅ Báo hoàn thành"
BTN_PROGRESS = "📝 Cập nhật tiến độ"
BTN_DETAIL = "📄 Chi tiết"
BTN_PROGRESS_SHORT = "📝 Tiến độ"
BTN_UNDO = "↩️ Hoàn tác"
BTN_MORE = "➡️ Xem tiếp"
BTN_OPEN = "📄 {code}"  # one per listed item: opens it, with its ✅/📝 buttons

MENU = {
    "todo": "Nhiệm vụ chưa hoàn thành của cơ quan",
    "done": "Báo hoàn thành: /done 3.II [ghi chú]",
    "progress": "Cập nhật tiến độ: /tiendo 3.II ghi chú",
    "undo": "Hủy báo hoàn thành: /undo 3.II",
    "task": "Xem chi tiết một nhiệm vụ: /xem 3.II",
    "late": "Các nhiệm vụ quá hạn",
    "report": "Báo cáo tiến độ kèm biểu đồ (cán bộ theo dõi)",
    "export": "Bảng tính Excel báo cáo (cán bộ theo dõi)",
    "help": "Hướng dẫn sử dụng",
    "logout": "Hủy liên kết cuộc trò chuyện này",
}

HELP_PLAN = "Kế hoạch năm {year} — {province}"  # when the plan has no title
HELP_NO_PLAN = "chưa nạp Kế hoạch"  # no plan loaded yet
# who coordinates the plan when no plan names it (texts take {office} from the plan heading)
OFFICE_UNKNOWN = "cơ quan điều phối Kế hoạch"
HELP = """Bot nhắc việc: {plan}.
Bot nhắc cán bộ đầu mối trước và sau mỗi thời hạn; anh/chị trả lời bằng lệnh:

/viec (/todo) — nhiệm vụ chưa hoàn thành của cơ quan
/xong 3.II [ghi chú] (/done) — báo hoàn thành, vd: /xong 3.II QĐ số 123/QĐ-UBND ngày 15/6/2023
/tiendo 3.II ghi chú (/progress) — cập nhật tiến độ
/hoantac 3.II (/undo) — hủy báo hoàn thành nhầm
/xem 3.II (/task) — nội dung, cơ quan, thời hạn, sản phẩm
/trehan (/late) — các nhiệm vụ quá hạn
/lienket (/link) — lấy mã để liên kết thêm kênh kia (Zalo hoặc Telegram), gửi ở đó: lienket MÃ
/kenh zalo (/kenh telegram) — chọn kênh nhận nhắc việc khi đã liên kết cả hai
/dangxuat — hủy liên kết cuộc trò chuyện này
/huongdan (/help) — hướng dẫn này

Mã nhiệm vụ: 3.II (nhiệm vụ 3 mục II), Phụ lục I PL1.5, Phụ lục II PL2.II.6.
Gõ không dấu, chữ thường đều được: /xong 3.ii"""

HELP_COORDINATOR = """
Cán bộ theo dõi ({office}): thêm tên cơ quan sau mã để cập nhật thay, vd: /xong 4.III so tu phap; /trehan so tu phap
/lichkiemtra PL2.I.1 15/9/2023 — đặt lịch kiểm tra (đơn vị được báo trước, trừ kiểm tra đột xuất)
/baocao (/report) — báo cáo tiến độ kèm biểu đồ; /xuatbaocao (/export) — bảng tính Excel"""

HELP_UNREGISTERED = """
Cuộc trò chuyện này chưa được liên kết với cơ quan nào. Hãy xin mã mời từ {office} rồi gửi: /start MÃ_MỜI
Đã liên kết ở kênh khác? Gửi /lienket ở đó để lấy mã, rồi gửi tại đây: lienket MÃ"""

START_NEED_CODE = (
    "Chào anh/chị! Để dùng bot, cần mã mời do {office} cấp "
    "(lệnh nhacviec invite). Gửi: /start MÃ_MỜI, hoặc bấm đường dẫn mời."
)
START_OK = "Xin chào {agency}! Cuộc trò chuyện này đã được liên kết{role}. Gõ /viec để xem nhiệm vụ chưa hoàn thành, /huongdan để xem hướng dẫn."
START_ROLE_COORDINATOR = " với vai trò cán bộ theo dõi của {office} (xem và cập nhật mọi cơ quan)"
START_BAD = "Mã mời không đúng. Hãy kiểm tra lại hoặc xin mã mới từ {office}. Chưa có gì thay đổi."
START_USED = (
    "Mã mời này đã được dùng. Mỗi mã chỉ dùng một lần, trên một kênh; hãy xin mã mới. Nếu chính anh/chị "
    "đã liên kết ở kênh khác, gửi /lienket ở đó để lấy mã liên kết. Chưa có gì thay đổi."
)
START_EXPIRED = "Mã mời đã hết hạn ({when}). Hãy xin mã mới từ {office}. Chưa có gì thay đổi."
LOGOUT_OK = "Đã hủy liên kết với {agency}. Bot sẽ không gửi nhắc việc vào đây nữa."
NOT_REGISTERED = (
    "Cuộc trò chuyện này chưa được liên kết với cơ quan nào. Gửi /start MÃ_MỜI (mã do {office} cấp) hoặc /huongdan."
)

UNKNOWN_COMMAND = "Không có lệnh /{typed}. Gõ /huongdan để xem các lệnh."
FREE_TEXT = "Bot chỉ hiểu lệnh. Gõ /huongdan để xem hướng dẫn, /viec để xem nhiệm vụ chưa hoàn thành."
EDITED = "Tin nhắn đã sửa không được xử lý. Nếu cần, hãy gửi lại lệnh mới."
THROTTLED = '⏳ Anh/chị gửi nhiều lệnh quá nhanh. Lệnh "{command}" chưa được thực hiện; hãy gửi lại sau {seconds} giây.'
APOLOGY = "Xin lỗi, bot gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau ít phút."

USAGE = {
    "done": "Cách dùng: /xong MÃ [ghi chú hoặc văn bản], vd: /xong 3.II QĐ số 123/QĐ-UBND ngày 15/6/2023",
    "progress": "Cách dùng: /tiendo MÃ ghi chú, vd: /tiendo 3.II Đã trình dự thảo",
    "undo": "Cách dùng: /hoantac MÃ, vd: /hoantac 3.II",
    "task": "Cách dùng: /xem MÃ, vd: /xem 3.II",
}

UNKNOWN_CODE = 'Không có nhiệm vụ "{typed}" trong Kế hoạch.'
SUGGEST = " Có phải: {codes}?"
CODE_HINT = " Mã nhiệm vụ có dạng 3.II, PL1.5, PL2.II.6."
NOT_YOURS = "Nhiệm vụ {code} không giao {agency} chủ trì. Cơ quan chủ trì: {leads}."
ONLY_COORDINATING = "{agency} phối hợp thực hiện nhiệm vụ {code}; cơ quan chủ trì ({leads}) báo cáo hoàn thành."
NO_LEAD = "Nhiệm vụ {code} chưa xác định cơ quan chủ trì."
WHICH_AGENCY = "Nhiệm vụ {code} có {n} cơ quan chủ trì. Hãy ghi tên cơ quan sau mã, vd: /xong {code} {example}"
AGENCY_UNKNOWN = 'Không tìm thấy cơ quan "{typed}".'
COORDINATOR_ONLY = "Chỉ cán bộ theo dõi của {office} mới xem được nhiệm vụ của cơ quan khác."

DONE_OK = "✅ Đã ghi nhận {agency} hoàn thành {code} — {title}"
DONE_NOTE = "Ghi chú: {note}"
DONE_ALREADY = "Nhiệm vụ {code} đã được {who} báo hoàn thành lúc {when}; không thay đổi gì."
DONE_BY_OFFICER = "cán bộ đầu mối {agency}"
DONE_REMAINING = "{agency} còn {n} nhiệm vụ chưa hoàn thành."
DONE_REMAINING_MORE = "{agency} còn hơn {n} nhiệm vụ chưa hoàn thành (xem /viec)."
DONE_NONE_LEFT = "{agency} đã hoàn thành tất cả nhiệm vụ được giao chủ trì. Trân trọng cảm ơn anh/chị."
NOTE_TRUNCATED = "(Ghi chú dài hơn {limit} ký tự; đã lưu {limit} ký tự đầu.)"
PROGRESS_OK = "📝 Đã ghi tiến độ {code} của {agency}: {note}"
PROGRESS_ASK = "Hãy gửi ghi chú tiến độ cho {code} ({agency}) trong tin nhắn tiếp theo."
PROGRESS_ON_DONE = "Nhiệm vụ {code} đã hoàn thành; tiến độ vẫn được ghi lại."
UNDO_OK = "↩️ Đã hủy báo hoàn thành nhiệm vụ {code} của {agency}. Lịch sử vẫn giữ lần báo hoàn thành trước."
UNDO_NOT_DONE = "Nhiệm vụ {code} của {agency} chưa được báo hoàn thành nên không cần hoàn tác. Trạng thái: {status}."

TODO_TITLE = "Nhiệm vụ chưa hoàn thành — {agency} ({n})"
TODO_EMPTY = "{agency} không còn nhiệm vụ nào chưa hoàn thành."
TODO_PAGE = "Trang {page}/{pages}."
TODO_OPEN_HINT = "Chọn một nhiệm vụ để xem và báo cáo."
TASK_LEAD = "Chủ trì: {text}"
TASK_COORD = "Phối hợp:"
TASK_DEADLINE = "Thời hạn: {text} — cách hiểu: {reading}"
TASK_VERBATIM = "Nguyên văn ô {cell}: {text}"
TASK_AGENCY_BULLET = "- {name}"
TASK_PRODUCT = "Sản phẩm: {text}"
TASK_CONTENT_MORE = "… (còn {n} dòng; xem toàn văn: /xem {code} đầy đủ)"
TASK_STATUS = "Chủ trì ({done}/{total} cơ quan đã hoàn thành):"
TASK_MORE_AGENCIES = "… và {n} cơ quan khác"
TASK_UNRESOLVED = "Chưa xác định được cơ quan: {text}"
TASK_SURPRISE = "⚠️ Kiểm tra đột xuất — không thông báo trước cho đơn vị."
LATE_TITLE = "Nhiệm vụ quá hạn tính đến ngày {date}: {n} nhiệm vụ của {agencies} cơ quan"
LATE_TITLE_ONE = "Nhiệm vụ quá hạn của {agency} tính đến ngày {date}: {n} nhiệm vụ"
LATE_AGENCY = "{agency} — {n} nhiệm vụ"
LATE_OLDEST = " · lâu nhất {due}"
LATE_MORE_ITEMS = "… và {n} nhiệm vụ khác"
LATE_NONE = "Không có nhiệm vụ nào quá hạn tính đến ngày {date}."
LATE_MORE = "… và {n} cơ quan khác (xem /trehan TÊN_CƠ_QUAN)."
STATUS_LINE = "• {agency}: {status}"
BUTTON_STALE = "Nút này không còn hiệu lực. Gõ /viec để xem danh sách mới."
NOT_YOUR_BUTTON = "Nhiệm vụ {code} do {agency} chủ trì; anh/chị không thể cập nhật thay."
CHOICES_HINT = "Trả lời bằng số để chọn:"
CHOICE_UNKNOWN = "Không có lựa chọn số {n}. Gõ /viec để xem danh sách mới."
ZALO_UNSUPPORTED = "Bot chỉ đọc được tin nhắn chữ. Gõ lệnh, ví dụ: viec, xong 3.II, huongdan."
ZALO_FILE_ELSEWHERE = "📎 {name}: tệp này chỉ gửi được qua Telegram; hãy dùng Telegram hoặc lệnh nhacviec trên máy chủ."
CHANNEL_NAMES = {"telegram": "Telegram", "zalo": "Zalo"}
CHANNEL_USAGE = "Cách dùng: /kenh zalo hoặc /kenh telegram — chọn kênh nhận nhắc việc."
CHANNEL_OK = "Từ nay nhắc việc gửi qua {channel}. Nếu không gửi được, bot chuyển sang kênh còn lại."
CHANNEL_MISSING = "Anh/chị chưa liên kết {channel}. Mở {channel}, nhắn cho bot: start MÃ_MỜI (dùng lại mã mời cũ)."

# --- trust
AGENCY_NOT_LEAD = "{agency} không chủ trì nhiệm vụ {code}. Chưa ghi nhận gì."
AGENCY_NEAR = 'Không rõ "{typed}" là cơ quan nào trong số cơ quan chủ trì nhiệm vụ {code}. Chưa ghi nhận gì.'
PICK_LEAD = "Chọn cơ quan chủ trì đã hoàn thành (hoặc gõ lại: /xong {code} TÊN CƠ QUAN [ghi chú]):"
CONFIRM_ONE_LEAD = (
    "Nhiệm vụ {code} do {agency} chủ trì. Xác nhận {agency} đã hoàn thành? "
    "Bấm nút dưới đây; chưa ghi nhận gì cho đến khi anh/chị xác nhận."
)
BTN_CONFIRM_DONE = "✅ {agency} đã hoàn thành"
OFFICER_OTHER_NAME = (
    '"{typed}" không phải tên {agency}. Anh/chị chỉ báo hoàn thành được cho {agency}: '
    "/xong {code} [ghi chú]. Chưa ghi nhận gì."
)
EVIDENCE_ADDED = (
    "📎 Đã bổ sung văn bản cho nhiệm vụ {code} của {agency} (đã báo hoàn thành lúc {when}): {note}\n"
    "Lịch sử giữ cả lần báo hoàn thành trước."
)
DATE_IMPOSSIBLE = "Năm {year} không có ngày {day}/{month}. Hãy kiểm tra lại ngày của văn bản. Chưa ghi nhận gì."
DATE_BAD_MONTH = "Không có tháng {month} (ngày {day}/{month}/{year}). Hãy kiểm tra lại ngày. Chưa ghi nhận gì."
DOC_FUTURE = (
    "Văn bản ghi ngày {date}, sau hôm nay ({today}): văn bản chưa ban hành không thể làm căn cứ "
    "hoàn thành. Hãy kiểm tra lại ngày. Chưa ghi nhận gì."
)
OUTSIDE_PLAN = (
    "Ngày {date} nằm ngoài thời gian của Kế hoạch ({start} – {end}). Nếu đúng là ngày này, bấm xác nhận; "
    "nếu không, gõ lại lệnh với ngày đúng. Chưa ghi nhận gì."
)
BTN_CONFIRM_DATE = "Vẫn đặt ngày {date}"
OFFICE_ONLY = (
    "Lệnh /{command} chỉ dành cho {office} (cán bộ theo dõi Kế hoạch). Anh/chị xem nhiệm vụ "
    "của cơ quan mình bằng /viec, nhiệm vụ quá hạn bằng /trehan."
)
CHOICE_EXPIRED = "Danh sách lựa chọn đã hết hạn (sau {minutes} phút). Gõ lại lệnh (vd: /viec) để có danh sách mới."
USAGE_SET_DUE = "Cách dùng: /dathan MÃ NGÀY, vd: /dathan 4.II 30/9/2023"
USAGE_CONFIRM = "Cách dùng: /xacnhan MÃ — chấp nhận thời hạn bị gắn cờ, vd: /xacnhan 2.IV"
SET_DUE_OK = "📆 Đã đặt hạn nhiệm vụ {code}: {date} ({reading})."
CONFIRM_OK = "Đã xác nhận thời hạn nhiệm vụ {code}: {reading}."
CONFIRM_NO_DATE = "Nhiệm vụ {code} không có ngày để xác nhận; hãy đặt hạn: /dathan {code} NGÀY"
BAD_DAY = 'Không đọc được ngày "{text}". Ngày viết theo dạng ngày/tháng/năm, vd: 30/9/2023.'
HELP_COORDINATOR_TRUST = (
    "/dathan 4.II 30/9/2023 — đặt hạn cho nhiệm vụ chưa có hạn; /xacnhan 2.IV — chấp nhận thời hạn bị gắn cờ"
)
# (command line)
CLI_OUTSIDE_PLAN = (
    "Ngày {date} nằm ngoài thời gian của Kế hoạch ({start} – {end}); chưa đặt hạn. Nếu đúng là "
    "ngày này, chạy lại với --yes."
)
CLI_COORDINATOR_FORCE = (
    "{agency} không phải cơ quan điều phối Kế hoạch ({office}): vai trò cán bộ theo dõi "
    "cho phép xem và báo hoàn thành thay mọi cơ quan trong Kế hoạch. Chưa tạo mã mời. Nếu đúng "
    "như vậy, chạy lại với --force."
)
CLI_EMPTY_GROUP = (
    "⚠️ {group} chưa có cơ quan thành viên nào: {n} nhiệm vụ giao cho nhóm này chưa nhắc và chưa tính "
    "được (hãy nhập danh sách cơ quan của nhóm, vd. danh sách xã, phường, thị trấn)."
)
CLI_EMPTY_GROUP_UNRESOLVED = "{group} (nhóm chưa có cơ quan thành viên)"
UNRESOLVED_REASON = {
    "empty_group": "{text} (nhóm chưa có cơ quan thành viên)",
    "lead_and_coordinating": "{text} vừa chủ trì vừa phối hợp — cần xác định lại",
}

# --- gov: extensions (gia hạn) -------------------------------------------------------------------
EXT_USAGE = "Cách dùng: /giahan MÃ NGÀY_MỚI lý do, vd: /giahan 3.II 30/9/2023 chờ ý kiến thẩm định của Bộ Tư pháp"
EXT_DECIDE_USAGE = (
    "Cách dùng: /duyetgiahan MÃ [cơ quan] [văn bản số … ngày …], "
    "vd: /duyetgiahan 3.II so tu phap Văn bản số 120/UBND-NC ngày 20/7/2023; "
    "/tuchoigiahan MÃ [cơ quan] lý do"
)
EXT_ASKED = (
    "⏳ Đã gửi đề nghị gia hạn {code} ({agency}) từ {due} đến {new_due} tới {office}. "
    "Anh/chị sẽ được báo kết quả; trong lúc chờ, hạn vẫn là {due}."
)
EXT_NO_COORDINATOR = "Chưa có cán bộ theo dõi nào của {office} nhận tin qua kênh này; đề nghị đã được ghi lại để xét."
EXT_REQUEST = (
    "⏳ Đề nghị gia hạn {code} — {agency}\n{title}\nHạn hiện tại: {due} → đề nghị: {new_due}\n"
    "Lý do: {reason}\nNgười đề nghị: {actor}\n"
    "Duyệt kèm văn bản: /duyetgiahan {code} {agency_typed} Văn bản số … ngày …\n"
    "Từ chối: /tuchoigiahan {code} {agency_typed} lý do"
)
EXT_REQUEST_TITLE = "Đề nghị gia hạn {code}"
BTN_EXT_APPROVE = "✅ Đồng ý"
BTN_EXT_REFUSE = "❌ Không đồng ý"
BTN_EXT_ASK = "⏳ Xin gia hạn"
EXT_ASK_DATE = (
    "Gia hạn {code} ({agency}, hạn {due}): gửi ngày mới và lý do, vd: 30/9/2023 chờ ý kiến của Bộ. "
    "Gõ một lệnh bất kỳ để thôi."
)
EXT_PROBLEM = {
    "closed": "Mục {code} của {agency} đã hoàn thành; không cần gia hạn.",
    "no_date": "Mục {code} của {agency} chưa có hạn cụ thể nên không gia hạn được.",
    "not_later": "Ngày mới ({new_due}) phải sau hạn hiện tại ({due}).",
    "in_past": "Ngày mới ({new_due}) đã qua; hãy chọn một ngày sau hôm nay.",
    "no_reason": "Đề nghị gia hạn cần nêu lý do, vd: /giahan {code} {new_due} chờ ý kiến thẩm định.",
    "already_pending": ("Mục {code} của {agency} đã có đề nghị gia hạn đến {new_due} đang chờ duyệt (gửi lúc {when})."),
    "stale": "Mục {code} của {agency} không còn giao cho cơ quan này; đề nghị không gửi được.",
}
EXT_NONE_PENDING = "Mục {code} của {agency} không có đề nghị gia hạn nào đang chờ duyệt."
EXT_APPROVED = (
    "✅ Đã duyệt gia hạn {code} cho {agency}: hạn gốc {original}, gia hạn đến {new_due}{basis}. Nhắc việc theo hạn mới."
)
EXT_REFUSED = "❌ Đã không đồng ý gia hạn {code} cho {agency}; hạn vẫn là {due}.{why}"
EXT_TOLD_APPROVED = (
    "✅ Đề nghị gia hạn {code} ({agency}) đã được đồng ý: hạn gốc {original}, gia hạn đến "
    "{new_due}{basis}. Nhắc việc sẽ theo hạn mới."
)
EXT_TOLD_REFUSED = "❌ Đề nghị gia hạn {code} ({agency}) không được đồng ý; hạn vẫn là {due}.{why}"
EXT_WHY = " Lý do: {note}"
EXT_BASIS = " theo {document}"
EXT_STALE = (
    "Mục {code} của {agency} đã hoàn thành (hoặc không còn giao) trước khi xét; đề nghị gia hạn "
    "đến {new_due} được đóng lại, không đổi hạn."
)
EXT_ALREADY = "Đề nghị gia hạn {code} ({agency}) đã được xử lý trước đó: {status}."
EXT_STATUS = {"approved": "đã đồng ý", "refused": "không đồng ý", "stale": "đã đóng vì nhiệm vụ đã hoàn thành"}
EXT_FUTURE_DOCUMENT = "Văn bản ghi ngày sau hôm nay ({typed}) chưa thể là căn cứ gia hạn."
EXT_SHOWN = "• {agency}: hạn gốc {original}, gia hạn đến {new_due}{basis}"
EXT_SHOWN_TITLE = "Gia hạn:"
HELP_EXTENSION = "/giahan MÃ NGÀY lý do — đề nghị gia hạn ({office} xem xét)"
HELP_EXTENSION_COORDINATOR = (
    "/duyetgiahan MÃ cơ quan [văn bản số … ngày …] · /tuchoigiahan MÃ cơ quan lý do — xét đề nghị gia hạn"
)

# --- linking a second channel (/lienket) --------------------------------------------------------------
LINK_CODE = (
    "🔗 Mã liên kết: {code}\nDùng một lần, hết hạn lúc {until}.\n"
    "Để nhận nhắc việc cả ở kênh khác (Zalo hoặc Telegram), mở cuộc trò chuyện với bot ở kênh đó "
    "và gửi: lienket {code}\nĐừng chia sẻ mã này cho người khác."
)
LINK_GROUP = "Hãy gửi /lienket trong cuộc trò chuyện riêng với bot, không gửi trong nhóm."
LINK_NEED_CODE = (
    "Cuộc trò chuyện này chưa được liên kết. Nếu anh/chị đã liên kết ở kênh khác, gửi /lienket ở đó "
    "để lấy mã rồi gửi tại đây: lienket MÃ. Nếu chưa, gửi /start MÃ_MỜI (mã do {office} cấp)."
)
LINK_OK = (
    "Xin chào {agency}! Cuộc trò chuyện này đã được liên kết{role}, cùng người dùng ở kênh kia. "
    "Gõ /kenh để chọn kênh nhận nhắc việc."
)
LINK_BAD = "Mã liên kết không đúng. Gửi /lienket trong cuộc trò chuyện đã liên kết để lấy mã mới. Chưa có gì thay đổi."
LINK_USED = "Mã liên kết này đã được dùng. Gửi /lienket ở kênh đã liên kết để lấy mã mới. Chưa có gì thay đổi."
LINK_EXPIRED = (
    "Mã liên kết đã hết hạn (mỗi mã dùng được 15 phút). Gửi /lienket ở kênh đã liên kết để lấy mã mới. "
    "Chưa có gì thay đổi."
)
LINK_SAME_CHANNEL = (
    "Mã liên kết dùng ở kênh khác (Zalo hoặc Telegram), không dùng ở chính kênh đã cấp mã. Chưa có gì thay đổi."
)
LINK_TAKEN = (
    "Cuộc trò chuyện này đang liên kết với cơ quan hoặc người khác. Gõ /dangxuat trước rồi thử lại. "
    "Chưa có gì thay đổi."
)

# --- people: hand-over (/bangiao), deputies (/duphong), leaders (bot/core/handover_cmds.py) ---------
HANDOVER_CODE = (
    "🔁 Mã bàn giao cho {agency}: {code}\nDùng một lần, hết hạn {until}.\n"
    "Người nhận bàn giao mở cuộc trò chuyện với bot (Telegram, Zalo) và gửi: /start {code}{link}\n"
    "Khi mã được dùng, cuộc trò chuyện này sẽ thôi nhận nhắc việc và thôi thao tác cho {agency}."
)
HANDOVER_LINK = "\nHoặc bấm: {link}"
DEPUTY_CODE = (
    "👥 Mã mời cán bộ dự phòng của {agency}: {code}\nDùng một lần, hết hạn {until}.\n"
    "Cán bộ dự phòng gửi cho bot: /start {code}{link}\n"
    "Cán bộ dự phòng thao tác được như cán bộ đầu mối; nhận bản sao nhắc việc quá hạn, và mọi nhắc việc "
    "khi không liên lạc được cán bộ đầu mối."
)
PEOPLE_GROUP = "Vì an toàn, mã bàn giao và mã mời chỉ cấp trong cuộc trò chuyện riêng với bot."
PEOPLE_NOT_OFFICER = "Lệnh này dành cho cán bộ đầu mối của cơ quan."
DEPUTY_PRIMARY_ONLY = "Chỉ cán bộ đầu mối chính mới mời được cán bộ dự phòng. Chưa có gì thay đổi."
START_ROLE_DEPUTY = " với vai trò cán bộ dự phòng (nhận bản sao nhắc việc quá hạn)"
START_ROLE_LEADER = " với vai trò lãnh đạo phụ trách (nhận tổng hợp nhiệm vụ quá hạn; chỉ xem)"
START_HANDOVER = (
    "Đã nhận bàn giao: từ nay anh/chị là cán bộ đầu mối của {agency}. Gõ /viec để xem nhiệm vụ chưa hoàn thành."
)
HANDOVER_ENDED = (
    "🔁 Việc theo dõi nhắc việc của {agency} đã được bàn giao cho người khác ({who}). Cuộc trò chuyện này "
    "không còn nhận nhắc việc và không thao tác được nữa. Cảm ơn anh/chị."
)
HANDOVER_ENDED_BEFORE = (
    "Cuộc trò chuyện này đã bàn giao việc theo dõi của {agency} cho người khác nên không còn dùng được. "
    "Nếu cần, hãy xin mã mời mới từ {office}."
)
LEADER_VIEW_ONLY = (
    "Lãnh đạo phụ trách chỉ xem được: /viec, /xem MÃ, /trehan. Việc cập nhật do cán bộ đầu mối thực hiện."
)
EXT_QUEUED_OTHER = "Đề nghị đã được chuyển tới {n} cán bộ theo dõi qua kênh khác (Zalo, thư điện tử…)."
HELP_PEOPLE = (
    "/bangiao — bàn giao cho người khác (cấp mã; khi mã được dùng, cuộc trò chuyện này thôi nhận nhắc việc)\n"
    "/duphong — mời cán bộ dự phòng của cơ quan"
)
START_HANDOVER_SOMEONE = "người nhận bàn giao"
# --- /web: a sign-in link to the web desk (bot/core/web_cmds.py) ----------------------------------------------
WEB_LINK = (
    "Đường dẫn đăng nhập bàn làm việc cho {agency} ({role}), dùng một lần, hết hạn {expires}:\n{url}\n"
    "Vui lòng không chuyển đường dẫn này cho người khác."
)
WEB_ROLE = {"officer": "cán bộ đầu mối", "coordinator": "cán bộ theo dõi"}
WEB_NOT_SET_UP = "Bàn làm việc trên trình duyệt chưa được thiết lập. Vui lòng liên hệ quản trị viên hệ thống."
WEB_PRIVATE_ONLY = "Vì an toàn, vui lòng gửi /web trong cuộc trò chuyện riêng với bot, không gửi trong nhóm."
HELP_WEB = (
    "/web (/banlamviec) — đường dẫn đăng nhập bàn làm việc trên trình duyệt: xem cả Kế hoạch, cập nhật "
    "(dùng một lần, trong 15 phút; chỉ gửi trong cuộc trò chuyện riêng)"
)
