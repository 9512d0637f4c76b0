"""Vietnamese texts of the terminal chat."""

WELCOME = """nhacviec — trò chuyện thử ngay trong cửa sổ dòng lệnh (chưa cấu hình TELEGRAM_BOT_TOKEN).
Gõ lệnh như trên điện thoại: /viec, /xong 3.II, /xem 3.II, /trehan, /huongdan.
Gõ số để chọn khi bot đưa ra lựa chọn; "doi" để đổi người dùng; "thoat" để thoát."""
PICK_WHO = "\nAnh/chị là ai?"
PICK_PROMPT = "Chọn số: "
PICK_AGAIN = "Hãy gõ một số từ 1 đến {n}."
YOU_ARE = "Đang trò chuyện với tư cách: {label}. Gõ /huongdan để xem các lệnh."
PROMPT = "\n> "
BYE = "Tạm biệt!"
INTERRUPTED = "Đã dừng trò chuyện. Những gì đã báo cáo vẫn được lưu; chạy lại: nhacviec run."
QUIT_WORDS = ("thoat", "thoát", "quit", "exit", "q")
SWITCH_WORDS = ("doi", "đổi", "switch")
COORDINATOR_LABEL = "Cán bộ theo dõi — {agency}"
COORDINATOR_SENDER = "Cán bộ theo dõi"
OFFICER_LABEL = "Cán bộ đầu mối — {agency} ({n} nhiệm vụ chưa hoàn thành)"
OFFICER_SENDER = "Cán bộ đầu mối"
REMINDER_FOR = "Nhắc việc gửi tới {label}"
SAVED = "📎 Đã lưu tệp: {path}"
