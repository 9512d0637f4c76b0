"""Texts of ``nhacviec plan import`` (console audience: the clerk importing a signed plan)."""

from __future__ import annotations

ERR_NOT_FOUND = "{file}: không tìm thấy tệp."
ERR_FORMAT = "{file}: không đọc được định dạng {suffix} — dùng tệp .docx, .xlsx, .csv hoặc .pdf (bản PDF số, không phải bản quét)."
ERR_UNREADABLE = "{file}: tệp hỏng hoặc không đúng định dạng theo đuôi tên tệp ({detail})."
ERR_NOT_UTF8 = "{file}: tệp CSV phải lưu dạng UTF-8 (trong Excel: Lưu thành → CSV UTF-8)."
ERR_PDF_SCANNED = "{file}: tệp PDF không có chữ (bản quét?) — cần bản PDF số hoặc tệp .docx/.xlsx."
ERR_NO_TABLE = (
    "{file}: không tìm thấy bảng nhiệm vụ — cần một dòng tiêu đề có các cột như “STT”, "
    "“Nội dung”, “Cơ quan chủ trì”, “Thời gian hoàn thành”."
)
ERR_OUT_EXISTS = "{file}: tệp đã có — thêm --force để ghi đè."
ERR_INVALID = "{file}: kế hoạch đọc được nhưng chưa dùng được: {detail}"

PROBLEM = "  • {place}: {reason}{text}"
PLACE_TABLE = "{table}"
PLACE_ROW = ", dòng {row}"
PLACE_COLUMN = ", cột {column}"
WHOLE_DOCUMENT = "phần đầu văn bản"

SUMMARY = (
    "Đã đọc {file}: kế hoạch “{title}” ({id}, năm {year}) — {tasks} nhiệm vụ trong {sections} mục, "
    "{reviews} dòng phụ lục rà soát, {inspections} đơn vị được kiểm tra."
)
ISSUED = "Văn bản: {kind} số {number} {date}; cơ quan ban hành: {issuer}."
KIND = {"QĐ": "Quyết định", "KH": "Kế hoạch", "": "văn bản"}
NO_NUMBER = "(để trống)"
TABLE_LINE = "  – {table}: {kind}, {rows} dòng; cột: {columns}"
TABLE_KIND = {
    "tasks": "bảng nhiệm vụ",
    "review": "phụ lục rà soát TTHC",
    "inspection": "phụ lục kiểm tra",
    "ignored": "bỏ qua",
}
SECTION_LINE = "  – Mục {code}: {title} ({rows} nhiệm vụ)"
PROBLEMS = "Cần xem lại {n} ô/dòng:"
NO_PROBLEMS = "Không có ô nào chưa hiểu."
WRITTEN = "Đã ghi {out}. Xem lại rồi nạp: nhacviec init --plan {out} --agencies DANH_MỤC.yaml"
