"""Vietnamese texts of the chat (every channel)."""

BTN_DONE = "✅ Đã xong"
BTN_PROGRESS = "📝 Cập nhật tiến độ"
BTN_DETAIL = "📄 Chi tiết"
BTN_PROGRESS_SHORT = "📝 Tiến độ"
BTN_UNDO = "↩️ Hoàn tác"
BTN_MORE = "➡️ Xem tiếp"

MENU = {
    "todo": "Việc còn phải làm của cơ quan",
    "done": "Báo hoàn thành: /done 3.II [ghi chú]",
    "progress": "Cập nhật tiến độ: /tiendo 3.II ghi chú",
    "undo": "Hoàn tác báo xong: /undo 3.II",
    "task": "Xem chi tiết một mục: /xem 3.II",
    "late": "Các việc quá hạn",
    "report": "Báo cáo tiến độ kèm biểu đồ (điều phối viên)",
    "export": "Bảng tính Excel báo cáo (điều phối viên)",
    "help": "Hướng dẫn sử dụng",
    "logout": "Hủy liên kết cuộc trò chuyện này",
}

HELP = """Bot nhắc việc Kế hoạch kiểm soát TTHC {year} — {province}.
Bot nhắc cán bộ đầu mối trước và sau mỗi thời hạn; anh/chị trả lời bằng lệnh:

/viec (/todo) — việc còn phải làm của cơ quan
/xong 3.II [ghi chú] (/done) — báo hoàn thành, vd: /xong 3.II QĐ số 123/QĐ-UBND ngày 15/6/2023
/tiendo 3.II ghi chú (/progress) — cập nhật tiến độ
/hoantac 3.II (/undo) — mở lại mục đã báo xong nhầm
/xem 3.II (/task) — nội dung, cơ quan, thời hạn, sản phẩm
/trehan (/late) — các việc quá hạn
/lienket (/link) — lấy mã để liên kết thêm kênh kia (Zalo hoặc Telegram), gửi ở đó: lienket MÃ
/kenh zalo (/kenh telegram) — chọn kênh nhận nhắc việc khi đã liên kết cả hai
/dangxuat — hủy liên kết cuộc trò chuyện này
/huongdan (/help) — hướng dẫn này

Mã mục: nhiệm vụ 3.II (nhiệm vụ 3 mục II), Phụ lục I PL1.5, Phụ lục II PL2.II.6.
Gõ không dấu, chữ thường đều được: /xong 3.ii"""

HELP_COORDINATOR = """
Điều phối viên: thêm tên cơ quan sau mã để làm thay, vd: /xong 4.III so tu phap; /trehan so tu phap
/lichkiemtra PL2.I.1 15/9/2023 — đặt lịch kiểm tra (đơn vị được báo trước, trừ kiểm tra đột xuất)
/baocao (/report) — báo cáo tiến độ kèm biểu đồ; /xuatbaocao (/export) — bảng tính Excel"""

HELP_UNREGISTERED = """
Cuộc trò chuyện này chưa được liên kết với cơ quan nào. Hãy xin mã mời từ Văn phòng UBND tỉnh rồi gửi: /start MÃ_MỜI
Đã liên kết ở kênh khác? Gửi /lienket ở đó để lấy mã, rồi gửi tại đây: lienket MÃ"""

START_NEED_CODE = ("Chào anh/chị! Để dùng bot, cần mã mời do Văn phòng UBND tỉnh cấp "
                   "(lệnh nhacviec invite). Gửi: /start MÃ_MỜI, hoặc bấm đường link mời.")
START_OK = "Xin chào {agency}! Cuộc trò chuyện này đã được liên kết{role}. Gõ /viec để xem việc còn phải làm, /huongdan để xem hướng dẫn."
START_ROLE_COORDINATOR = " với vai trò điều phối viên (xem và cập nhật mọi cơ quan)"
START_BAD = "Mã mời không đúng. Hãy kiểm tra lại hoặc xin mã mới từ Văn phòng UBND tỉnh. Chưa có gì thay đổi."
START_USED = ("Mã mời này đã được dùng. Mỗi mã chỉ dùng một lần, trên một kênh; hãy xin mã mới. Nếu chính anh/chị "
              "đã liên kết ở kênh khác, gửi /lienket ở đó để lấy mã liên kết. Chưa có gì thay đổi.")
START_EXPIRED = "Mã mời đã hết hạn ({when}). Hãy xin mã mới từ Văn phòng UBND tỉnh. Chưa có gì thay đổi."
LOGOUT_OK = "Đã hủy liên kết với {agency}. Bot sẽ không gửi nhắc việc vào đây nữa."
NOT_REGISTERED = "Cuộc trò chuyện này chưa được liên kết với cơ quan nào. Gửi /start MÃ_MỜI (mã do Văn phòng UBND tỉnh cấp) hoặc /huongdan."

UNKNOWN_COMMAND = "Không có lệnh /{typed}. Gõ /huongdan để xem các lệnh."
FREE_TEXT = "Bot chỉ hiểu lệnh. Gõ /huongdan để xem hướng dẫn, /viec để xem việc còn phải làm."
EDITED = "Tin nhắn đã sửa không được xử lý. Nếu cần, hãy gửi lại lệnh mới."
THROTTLED = "⏳ Anh/chị gửi nhiều lệnh quá nhanh. Lệnh \"{command}\" chưa được thực hiện; hãy gửi lại sau {seconds} giây."
APOLOGY = "Xin lỗi, bot gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau ít phút."

USAGE = {
    "done": "Cách dùng: /xong MÃ [ghi chú hoặc văn bản], vd: /xong 3.II QĐ số 123/QĐ-UBND ngày 15/6/2023",
    "progress": "Cách dùng: /tiendo MÃ ghi chú, vd: /tiendo 3.II Đã trình dự thảo",
    "undo": "Cách dùng: /hoantac MÃ, vd: /hoantac 3.II",
    "task": "Cách dùng: /xem MÃ, vd: /xem 3.II",
}

UNKNOWN_CODE = "Không có mục \"{typed}\" trong kế hoạch."
SUGGEST = " Có phải: {codes}?"
CODE_HINT = " Mã mục có dạng 3.II, PL1.5, PL2.II.6."
NOT_YOURS = "Mục {code} không giao {agency} chủ trì. Cơ quan chủ trì: {leads}."
ONLY_COORDINATING = "{agency} chỉ phối hợp thực hiện mục {code}; việc báo hoàn thành do cơ quan chủ trì: {leads}."
NO_LEAD = "Mục {code} chưa giao cơ quan chủ trì nào."
WHICH_AGENCY = "Mục {code} có {n} cơ quan chủ trì. Hãy ghi tên cơ quan sau mã, vd: /xong {code} {example}"
AGENCY_UNKNOWN = "Không tìm thấy cơ quan \"{typed}\"."
COORDINATOR_ONLY = "Chỉ điều phối viên mới xem được việc của cơ quan khác."

DONE_OK = "✅ Đã ghi nhận {agency} hoàn thành {code} — {title}"
DONE_NOTE = "Ghi chú: {note}"
DONE_ALREADY = "Mục {code} đã được {who} báo hoàn thành lúc {when}. Không có gì thay đổi."
DONE_REMAINING = "{agency} còn {n} việc chưa xong."
DONE_NONE_LEFT = "{agency} không còn việc nào chưa xong. Cảm ơn anh/chị!"
NOTE_TRUNCATED = "(Ghi chú dài hơn {limit} ký tự; đã lưu {limit} ký tự đầu.)"
PROGRESS_OK = "📝 Đã ghi tiến độ {code} của {agency}: {note}"
PROGRESS_ASK = "Hãy gửi ghi chú tiến độ cho {code} ({agency}) trong tin nhắn tiếp theo."
PROGRESS_ON_DONE = "Mục {code} đã hoàn thành; tiến độ vẫn được ghi lại."
UNDO_OK = "↩️ Đã mở lại {code} cho {agency}. Lịch sử vẫn giữ cả lần báo xong trước."
UNDO_NOT_DONE = "Mục {code} của {agency} chưa được báo xong nên không cần hoàn tác. Trạng thái: {status}."

TODO_TITLE = "Việc còn phải làm — {agency} ({n})"
TODO_EMPTY = "{agency} không còn việc nào chưa xong. 🎉"
TODO_PAGE = "Trang {page}/{pages}."
TASK_LEAD = "Chủ trì: {text}"
TASK_COORD = "Phối hợp: {text}"
TASK_DEADLINE = "Thời hạn: {text} ({reading})"
TASK_PRODUCT = "Sản phẩm: {text}"
TASK_STATUS = "Tình hình ({done}/{total} cơ quan chủ trì đã xong):"
TASK_UNRESOLVED = "Chưa xác định cơ quan: {text}"
TASK_SURPRISE = "⚠️ Kiểm tra đột xuất — không thông báo trước cho đơn vị."
LATE_TITLE = "Việc quá hạn đến {date}: {n} việc của {agencies} cơ quan"
LATE_TITLE_ONE = "Việc quá hạn của {agency} đến {date}: {n} việc"
LATE_AGENCY = "{agency} — {n} việc"
LATE_NONE = "Không có việc nào quá hạn đến {date}. 👍"
LATE_MORE = "… và {n} cơ quan khác (xem /trehan TÊN_CƠ_QUAN)."
STATUS_LINE = "• {agency}: {status}"
BUTTON_STALE = "Nút này không còn hiệu lực. Gõ /viec để xem danh sách mới."
NOT_YOUR_BUTTON = "Mục {code} là việc của {agency}; anh/chị không thể cập nhật thay."
CHOICES_HINT = "Trả lời bằng số để chọn:"
CHOICE_UNKNOWN = "Không có lựa chọn số {n}. Gõ /viec để xem danh sách mới."
ZALO_UNSUPPORTED = "Bot chỉ đọc được tin nhắn chữ. Gõ lệnh, ví dụ: viec, xong 3.II, huongdan."
ZALO_FILE_ELSEWHERE = "📎 {name}: tệp này chỉ gửi được qua Telegram; hãy dùng Telegram hoặc lệnh nhacviec trên máy chủ."
CHANNEL_NAMES = {"telegram": "Telegram", "zalo": "Zalo"}
CHANNEL_USAGE = "Cách dùng: /kenh zalo hoặc /kenh telegram — chọn kênh nhận nhắc việc."
CHANNEL_OK = "Từ nay nhắc việc gửi qua {channel}. Nếu không gửi được, bot chuyển sang kênh còn lại."
CHANNEL_MISSING = "Anh/chị chưa liên kết {channel}. Mở {channel}, nhắn cho bot: start MÃ_MỜI (dùng lại mã mời cũ)."

# --- linking a second channel (/lienket) --------------------------------------------------------------
LINK_CODE = ("🔗 Mã liên kết: {code}\nDùng một lần, hết hạn lúc {until}.\n"
             "Để nhận nhắc việc cả ở kênh khác (Zalo hoặc Telegram), mở cuộc trò chuyện với bot ở kênh đó "
             "và gửi: lienket {code}\nĐừng chia sẻ mã này cho người khác.")
LINK_GROUP = "Hãy gửi /lienket trong cuộc trò chuyện riêng với bot, không gửi trong nhóm."
LINK_NEED_CODE = ("Cuộc trò chuyện này chưa được liên kết. Nếu anh/chị đã liên kết ở kênh khác, gửi /lienket ở đó "
                  "để lấy mã rồi gửi tại đây: lienket MÃ. Nếu chưa, gửi /start MÃ_MỜI (mã do Văn phòng UBND tỉnh cấp).")
LINK_OK = ("Xin chào {agency}! Cuộc trò chuyện này đã được liên kết{role}, cùng người dùng ở kênh kia. "
           "Gõ /kenh để chọn kênh nhận nhắc việc.")
LINK_BAD = ("Mã liên kết không đúng. Gửi /lienket trong cuộc trò chuyện đã liên kết để lấy mã mới. "
            "Chưa có gì thay đổi.")
LINK_USED = "Mã liên kết này đã được dùng. Gửi /lienket ở kênh đã liên kết để lấy mã mới. Chưa có gì thay đổi."
LINK_EXPIRED = ("Mã liên kết đã hết hạn (mỗi mã dùng được 15 phút). Gửi /lienket ở kênh đã liên kết để lấy mã mới. "
                "Chưa có gì thay đổi.")
LINK_SAME_CHANNEL = ("Mã liên kết dùng ở kênh khác (Zalo hoặc Telegram), không dùng ở chính kênh đã cấp mã. "
                     "Chưa có gì thay đổi.")
LINK_TAKEN = ("Cuộc trò chuyện này đang liên kết với cơ quan hoặc người khác. Gõ /dangxuat trước rồi thử lại. "
              "Chưa có gì thay đổi.")
