"""Vietnamese texts of the people commands on the CLI: hand-over, deputies, leaders (bot/cli/officer_cmds.py)."""

PURPOSE = {"": "cán bộ đầu mối", "deputy": "cán bộ dự phòng", "leader": "lãnh đạo phụ trách", "handover": "bàn giao"}
HANDOVER_NOTE = "Khi mã được dùng, cán bộ đầu mối hiện tại ({chats}) thôi nhận nhắc việc và được báo."
HANDOVER_NOBODY = "{agency} chưa có cán bộ đầu mối nào; mã này liên kết cán bộ đầu mối mới."
LEADER_SET_OK = (
    "Đã đặt lãnh đạo phụ trách {agency}: {address}. Tổng hợp quá hạn gửi sau {n} ngày làm việc quá hạn, rồi hằng tuần."
)
LEADER_BAD_EMAIL = "Địa chỉ thư điện tử không hợp lệ: {address}. Chưa có gì thay đổi."
LEADER_TAKEN = "{address} đang là {role} của {agency}; hãy dùng địa chỉ khác. Chưa có gì thay đổi."
LEADER_NONE = 'Chưa cơ quan nào có lãnh đạo phụ trách. Đặt: nhacviec leader set "Sở Tư pháp" --email ten@example.gov.vn'
LEADER_REMOVED = "Đã thôi gửi tổng hợp cho lãnh đạo phụ trách {agency} ({n})."
LEADER_REMOVE_NONE = "{agency} chưa có lãnh đạo phụ trách. Chưa có gì thay đổi."
LEADER_HEADERS = ("Cơ quan", "Lãnh đạo phụ trách", "Tên", "Trạng thái")
RANK = {"primary": "chính", "deputy": "dự phòng"}
INVITE_ONE_KIND = (
    "Mỗi mã mời cho một vai trò: chọn một trong --role coordinator, --deputy, --leader. Chưa có gì thay đổi."
)
