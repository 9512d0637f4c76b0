"""Texts of evidence (issue 14 §4): files sent with /xong, the question for a document's number and date."""

from __future__ import annotations

# /xem and the reply to a closing
LINE_FILE = "Minh chứng: {name}{size}, gửi {when}"
LINE_FILE_OF = "Minh chứng ({agency}): {name}{size}, gửi {when}"
LINE_DOCUMENT = "Văn bản: số {number} ngày {date}, ghi nhận {when}"
LINE_DOCUMENT_OF = "Văn bản ({agency}): số {number} ngày {date}, ghi nhận {when}"
SIZE = " ({size})"
KEPT_FILE = "📎 Đã lưu minh chứng: {name}{size}."
KEPT_ID_ONLY = "📎 Đã ghi nhận minh chứng {name}{size} (chưa tải được tệp về máy chủ, đã giữ mã tệp để tải lại sau)."
PHOTO_NAME = "anh-{id}.jpg"
FILE_NAME = "tep-{id}"

# the question before recording a closing whose product is a document
ASK = (
    "Sản phẩm của nhiệm vụ {code} là văn bản ({product}). Để ghi nhận {agency} hoàn thành, "
    "vui lòng gửi số và ngày văn bản, vd: số 12/QĐ-UBND ngày 5/6/2023 — hoặc gửi tệp văn bản.\n"
    'Gõ "không" nếu chưa có; nhiệm vụ giữ nguyên chưa hoàn thành.'
)
ASK_AGAIN = (
    "Chưa thấy đủ số và ngày văn bản cho nhiệm vụ {code}. Vui lòng gửi lại, vd: số 12/QĐ-UBND ngày 5/6/2023, "
    'hoặc gửi tệp văn bản; gõ "không" để thôi. Chưa ghi nhận gì.'
)
DECLINED = "Đã hủy. Nhiệm vụ {code} của {agency} giữ nguyên chưa hoàn thành; chưa ghi nhận gì."
EXPIRED = (
    "Câu hỏi về văn bản của nhiệm vụ {code} đã hết hạn (sau {minutes} phút); chưa ghi nhận gì. "
    "Gửi lại: /xong {code} số …/QĐ-… ngày …, hoặc gửi tệp kèm chú thích /xong {code}."
)
STALE = "Nhiệm vụ {code} không còn chờ văn bản này; chưa ghi nhận gì."

# files outside a closing, and files refused
FILE_HINT = (
    "Bot đã nhận tệp nhưng chưa biết của nhiệm vụ nào; chưa lưu gì. "
    "Để nộp minh chứng, gửi lại tệp kèm chú thích /xong MÃ, vd: /xong 3.II."
)
TOO_BIG = "Tệp {name} ({size}) lớn hơn mức cho phép ({limit}); chưa ghi nhận gì. Vui lòng gửi tệp nhỏ hơn hoặc ghi số, ngày văn bản."
ADDED_LATER = "📎 Đã bổ sung minh chứng cho nhiệm vụ {code} của {agency} (đã báo hoàn thành lúc {when})."
