"""Vietnamese names of the periods of recurring work ("quý III/2023") and the texts about occurrences."""

from __future__ import annotations

QUARTER_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

# Period labels by cadence; ``{y}`` year, ``{n}`` number inside the year, ``{r}`` roman quarter.
LABEL = {
    "weekly": "tuần {n}/{y}",
    "monthly": "tháng {n}/{y}",
    "quarterly": "quý {r}/{y}",
    "half_yearly_1": "6 tháng đầu năm {y}",
    "half_yearly_2": "6 tháng cuối năm {y}",
    "yearly": "năm {y}",
    "date": "đợt {d}",
}

# What a reminder line says about one period: "định kỳ quý III/2023 (hạn 29/9/2023)".
PERIOD_DUE = "định kỳ {label} (hạn {due})"

# /xong on a recurring item.
OCC_DONE = "✅ Đã ghi nhận báo cáo {label} của {agency} ({code}: {title})."
OCC_ALREADY = "Báo cáo {label} của {agency} ({code}) đã được ghi nhận trước đó ({who}, {when})."
OCC_UNKNOWN = 'Không tìm thấy kỳ "{words}" của {code}. Các kỳ còn mở: {open}. Ví dụ: /xong {code} quý I'
OCC_NONE_OPEN = "{code}: mọi kỳ báo cáo của {agency} đến nay đã được ghi nhận."
OCC_NEXT = "Kỳ tiếp theo: {label} (hạn {due})."
OCC_MISSED = "Còn {n} kỳ chưa báo cáo: {labels}."
# /hoantac on a recurring item: the period recorded last is open again.
OCC_UNDONE = "↩️ Đã hoàn tác báo cáo {label} của {agency} ({code}): kỳ này lại chưa báo cáo."
OCC_UNDO_NONE = "{code}: {agency} chưa có kỳ báo cáo nào được ghi nhận, không có gì để hoàn tác."

# The audit trail's words for periods (the workbook's "Nhật ký").
AUDIT_ACTION = {
    "period_done": "Báo cáo một kỳ",
    "period_ended": "Kết thúc một kỳ",
    "period_undo": "Hoàn tác một kỳ",
}

# Ongoing work ("thường xuyên"): officers report progress, only a coordinator ends it.
ONGOING_NOT_CLOSABLE = (
    "{code} là nhiệm vụ thường xuyên, kéo dài đến hết thời gian của kế hoạch ({until}): "
    "không đánh dấu hoàn thành giữa chừng. Hãy gửi tiến độ: /tiendo {code} <nội dung>."
)
ONGOING_END_NEEDS_REASON = "Kết thúc nhiệm vụ thường xuyên {code} cần nêu lý do: /xong {code} <cơ quan> <lý do>."
OPEN_END = "đến khi kế hoạch kết thúc"

# /viec and /trehan on recurring work: the period and its own date ("5.IV — báo cáo quý III/2023, hạn 30/9/2023").
TODO_PERIOD = "• {code} · báo cáo {label}, hạn {due}{late}{more}{status} — {title}"
PERIOD_LATE_DAYS = " (quá hạn {n} ngày)"
MORE_MISSED = " · còn {n} kỳ chưa báo cáo"
LATE_PERIODS_HEAD = "Báo cáo định kỳ chưa gửi ({n} kỳ):"
LATE_PERIOD_LINE = "• {code} — báo cáo {label}, hạn {due} (quá hạn {n} ngày)"
LATE_PERIODS_ALL = "Báo cáo định kỳ chưa gửi: {n} kỳ của {agencies} cơ quan"
LATE_PERIOD_AGENCIES = "• {code} — báo cáo {label}, hạn {due}: {n} cơ quan chưa gửi"

# `nhacviec status`: next year's make-up and bridge days are not in the calendar file yet.
STATUS_NEXT_YEAR_UNANNOUNCED = (
    "⚠️ Lịch năm {year} chưa có ngày nghỉ bù, ngày làm bù theo thông báo của Chính phủ: "
    "bổ sung vào {file} khi có thông báo."
)
