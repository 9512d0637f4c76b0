"""Vietnamese texts of `nhacviec migrate-to` (copying the database to another, e.g. PostgreSQL)."""

HELP = "chép toàn bộ cơ sở dữ liệu sang cơ sở dữ liệu khác (vd. PostgreSQL) rồi đối chiếu số dòng từng bảng"
HELP_URL = "địa chỉ cơ sở dữ liệu đích, vd. postgresql+psycopg://nhacviec:MẬT_KHẨU@localhost/nhacviec"
HELP_FORCE = "xóa dữ liệu đang có ở cơ sở dữ liệu đích rồi chép đè"
HELP_BATCH = "số dòng mỗi lần ghi (mặc định 5000)"

START = "Chép {source} → {target} (hãy dừng bot trong lúc chép)…"
TABLE_DONE = "  đã chép bảng {table}: {rows} dòng"
REPLACED = "Đã xóa dữ liệu cũ ở cơ sở dữ liệu đích ({tables} bảng, {rows} dòng)."
HEADER = "{table:<16} {source:>10} {target:>10}"
COL_TABLE, COL_SOURCE, COL_TARGET = "bảng", "nguồn", "đích"
ROW = "{table:<16} {source:>10} {target:>10}{mark}"
MISMATCH_MARK = "  ← lệch"
OK = (
    "Xong: {rows} dòng ở {tables} bảng, số dòng khớp từng bảng. Đặt DATABASE_URL bằng địa chỉ {target} "
    "(kèm mật khẩu) rồi chạy lại bot."
)
MISMATCH = "Số dòng không khớp ở {n} bảng: {tables}. Đừng dùng cơ sở dữ liệu đích; chép lại với --force."
ERR_NOT_EMPTY = "Cơ sở dữ liệu đích đã có dữ liệu ({tables}); không ghi gì. Thêm --force để xóa và chép đè."
ERR_SAME = "Cơ sở dữ liệu đích trùng với nguồn ({target})."
ERR_COPY = "Không chép được sang {target}: {detail}"
ERR_AUDIT_HELD = (
    "Cơ sở dữ liệu đích đã có nhật ký thay đổi (audit_log, chỉ được ghi thêm, không xóa được); "
    "không ghi gì. Hãy tạo một cơ sở dữ liệu mới, trống rồi chép vào đó."
)
