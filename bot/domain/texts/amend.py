"""Texts of amendments by a later decision (``plan amend``, ``plan show CODE``, ``/xem``), issue 14 §2."""

from __future__ import annotations

FIELD = {
    "content": "nội dung",
    "lead": "chủ trì",
    "coordinating": "phối hợp",
    "deadline": "hạn",
    "product": "sản phẩm",
}

# the difference shown before applying
DIFF_TITLE = "Sửa đổi Kế hoạch {plan} theo {document}, hiệu lực từ {effective}:"
DIFF_NONE = "Tệp mới không thay đổi nhiệm vụ nào của Kế hoạch {plan}: không có gì để sửa đổi."
DIFF_ADDED = "+ Thêm {code}: {title}"
DIFF_REMOVED = "− Bãi bỏ {code}: {title}"
DIFF_CHANGED = "~ Sửa {code}: {title}"
DIFF_FIELD = "    {text}"
DIFF_COUNTS = "Tổng cộng: thêm {added}, bãi bỏ {removed}, sửa {changed} nhiệm vụ."
DRY_RUN = "Chạy thử (--dry-run): chưa thay đổi gì. Bỏ --dry-run để áp dụng."
APPLIED = "Đã áp dụng sửa đổi (số {id}). Trạng thái, minh chứng đã ghi nhận được giữ nguyên."
KEPT_DUE = "Giữ hạn cũ cho {n} lượt cơ quan đã hoàn thành trước ngày hiệu lực (không đánh giá lại đúng hạn)."
EMPTY_VALUE = "(trống)"
FUTURE_EFFECTIVE = (
    "Lưu ý: ngày hiệu lực {effective} sau hôm nay ({today}); sửa đổi được áp dụng ngay khi chạy lệnh này."
)

# bad inputs (nothing changed)
ERR_NO_DOCUMENT = 'Thiếu văn bản sửa đổi: thêm --document "Quyết định số …/QĐ-UBND ngày …". Chưa thay đổi gì.'
ERR_NO_EFFECTIVE = "Thiếu ngày hiệu lực: thêm --effective NGÀY (vd. 15/6/2023). Chưa thay đổi gì."
ERR_BAD_EFFECTIVE = "Ngày hiệu lực không hợp lệ: «{text}» (vd. 15/6/2023). Chưa thay đổi gì."
ERR_BEFORE_SIGNED = (
    "Ngày hiệu lực {effective} trước ngày Kế hoạch {plan} được ban hành ({signed}): kiểm tra lại. Chưa thay đổi gì."
)
ERR_OTHER_PLAN = (
    "Tệp {file} là Kế hoạch «{other}», không phải Kế hoạch «{plan}» đang theo dõi: "
    "sửa đổi chỉ áp dụng cho cùng một Kế hoạch. Chưa thay đổi gì."
)
ERR_NOT_RECORDED = "Cơ sở dữ liệu chưa ghi tệp Kế hoạch đã nạp: chạy nhacviec init trước. Chưa thay đổi gì."

# init on a changed plan file
INIT_CHANGED = (
    "Tệp {file} thay đổi {n} nhiệm vụ của Kế hoạch {plan} đang theo dõi ({codes}). Kế hoạch chỉ được sửa đổi "
    "bằng một văn bản: chạy\n"
    '  nhacviec plan amend {file} --document "Quyết định số …/QĐ-UBND ngày …" --effective NGÀY --dry-run\n'
    "để xem khác biệt rồi áp dụng (hoặc init --force để nạp lại như cũ, không ghi văn bản). Chưa thay đổi gì."
)

# history of an item (plan show CODE, /xem)
HISTORY_TITLE = "Lịch sử sửa đổi:"
HISTORY_LINE = "Sửa đổi theo {document}: {what}"
HISTORY_ADDED = "bổ sung nhiệm vụ (hiệu lực từ {effective})"
HISTORY_REMOVED = "bãi bỏ nhiệm vụ (từ {effective})"
HISTORY_FIELD = "{field} {before} → {after}"
FIELD_SHORT = "{field} {text}"
AGENCIES_GONE = "bớt {names}"
AGENCIES_CAME = "thêm {names}"
HISTORY_NONE = "Chưa có sửa đổi nào."
SHOW_ITEM = "{code} — {title}\nChủ trì: {lead}\nPhối hợp: {coordinating}\nThời hạn: {deadline}\nTrạng thái: {status}"
SHOW_RETIRED = "(Nhiệm vụ đã bãi bỏ)"
