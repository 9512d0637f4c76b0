"""Issue 14 §4 through the real Telegram Application (Bot API faked at the HTTP layer): a document sent with the
caption /xong is kept as evidence (by its file id, name and size; the file itself only when storing is allowed),
/xem and the workbook show it, and /xong on an item whose product is a document asks for its number and date
first. Every refusal says why in Vietnamese and changes nothing."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select

from bot.reports.workbook import workbook
from storage.models import AuditRow, EvidenceRow
from storage.store import SqlStore
from tests.chat_harness import JULY, ZONE, build, register
from tests.conftest import loaded_engine
from tests.telegram_fake import button, message

NAM_SACH, TTTT = 111, 555  # a district lead of 3.II; the sole lead of 2.I (product: a decision)
KB = 1024


def document(chat_id: int, caption: str, *, file_id: str = "F1", name: str = "qd-12.pdf", size: int = 120 * KB):
    """A document message as Telegram sends it: the command in the caption, the file beside it."""
    update = message(chat_id, caption or "-")
    msg = update["message"]
    msg.pop("text")
    entities = msg.pop("entities", None)
    if caption:
        msg["caption"] = caption
        if entities:
            msg["caption_entities"] = entities
    msg["document"] = {
        "file_id": file_id,
        "file_unique_id": f"U{file_id}",
        "file_name": name,
        "file_size": size,
        "mime_type": "application/pdf",
    }
    return update


def _evidence(engine) -> list[EvidenceRow]:
    with Session(engine) as s:
        return list(s.exec(select(EvidenceRow).order_by(EvidenceRow.id)))


def _actions(engine) -> list[str]:
    with Session(engine) as s:
        return list(s.exec(select(AuditRow.action).where(AuditRow.item_id.is_not(None)).order_by(AuditRow.id)))


def _asking(bot) -> None:
    bot.core.config = replace(bot.core.config, ask_document=True)


@pytest.fixture
async def storing(sqlite_url, plan, directory, tmp_path):
    """The bot with EVIDENCE_STORE_FILES on: files go into tmp_path/evidence; at most 1 MB."""
    engine = loaded_engine(sqlite_url, plan, directory, JULY)
    h, transport = build(engine, JULY)
    transport.evidence_dir = tmp_path / "evidence"
    h.core.config = replace(h.core.config, evidence_max_bytes=1024 * KB)
    await h.app.initialize()
    await h.app.post_init(h.app)
    yield h
    await h.app.shutdown()
    engine.dispose()


async def test_a_document_with_the_caption_closes_and_is_kept_by_its_id(bot):
    await register(bot, NAM_SACH, "ubnd-h-nam-sach")
    await bot.send(document(NAM_SACH, "/xong 3.II đã ban hành"))
    reply = bot.fake.texts(NAM_SACH)[-1]
    assert "Đã ghi nhận UBND huyện Nam Sách hoàn thành 3.II" in reply
    assert "📎 Đã lưu minh chứng: qd-12.pdf (120 KB)." in reply
    assert bot.assignment("3.II", "ubnd-h-nam-sach").status == "done"
    (ev,) = _evidence(bot.engine)
    assert (ev.kind, ev.file_id, ev.name, ev.size, ev.path, ev.channel) == (
        "file",
        "F1",
        "qd-12.pdf",
        120 * KB,
        "",
        "telegram",
    )
    assert _actions(bot.engine) == ["done", "evidence"]
    assert not [c for c in bot.fake.calls if c[0] in ("getFile", "download")]  # storing is off: nothing fetched
    await bot.send(message(NAM_SACH, "/xem 3.II"))
    assert "Minh chứng (UBND huyện Nam Sách): qd-12.pdf (120 KB), gửi 09:00 10/7/2023" in bot.fake.texts(NAM_SACH)[-1]


async def test_a_file_sent_after_the_closing_is_added(bot):
    await register(bot, TTTT, "so-thong-tin-truyen-thong")
    await bot.send(message(TTTT, "/xong 2.I"))
    await bot.send(document(TTTT, "/xong 2.I", file_id="F9", name="bien-ban.pdf", size=3 * KB))
    reply = bot.fake.texts(TTTT)[-1]
    assert "📎 Đã bổ sung minh chứng cho nhiệm vụ 2.I của Sở Thông tin và Truyền thông" in reply
    assert "bien-ban.pdf (3 KB)" in reply
    assert _actions(bot.engine) == ["done", "evidence"]
    await bot.send(message(TTTT, "/xem 2.I"))
    assert "Minh chứng: bien-ban.pdf (3 KB), gửi 09:00 10/7/2023" in bot.fake.texts(TTTT)[-1]


async def test_the_file_is_fetched_and_stored_when_the_setting_allows(storing, tmp_path):
    bot = storing
    bot.fake.stored["F2"] = b"%PDF-1.4 quyet dinh"
    await register(bot, NAM_SACH, "ubnd-h-nam-sach")
    await bot.send(document(NAM_SACH, "/xong 3.II", file_id="F2", name="Quyết định 12.pdf", size=19))
    assert "📎 Đã lưu minh chứng: Quyết định 12.pdf (1 KB)." in bot.fake.texts(NAM_SACH)[-1]
    (ev,) = _evidence(bot.engine)
    assert ev.path and (tmp_path / "evidence").exists()
    stored = list((tmp_path / "evidence").iterdir())
    assert [p.read_bytes() for p in stored] == [b"%PDF-1.4 quyet dinh"]
    assert stored[0].name == "uf2-quyet-dinh-12.pdf"
    assert [c[0] for c in bot.fake.calls if c[0] in ("getFile", "download")] == ["getFile", "download"]


async def test_a_failed_download_still_keeps_the_file_id(storing):
    bot = storing  # the fake has no bytes for F3: getFile is refused
    await register(bot, NAM_SACH, "ubnd-h-nam-sach")
    await bot.send(document(NAM_SACH, "/xong 3.II", file_id="F3"))
    assert "chưa tải được tệp về máy chủ, đã giữ mã tệp" in bot.fake.texts(NAM_SACH)[-1]
    (ev,) = _evidence(bot.engine)
    assert ev.file_id == "F3" and ev.path == ""


async def test_an_oversize_file_is_refused_when_files_are_stored(storing, tmp_path):
    bot = storing
    bot.fake.stored["F4"] = b"x"
    await register(bot, NAM_SACH, "ubnd-h-nam-sach")
    await bot.send(document(NAM_SACH, "/xong 3.II", file_id="F4", name="scan.pdf", size=5 * 1024 * KB))
    reply = bot.fake.texts(NAM_SACH)[-1]
    assert "Tệp scan.pdf (5,0 MB) lớn hơn mức cho phép (1,0 MB); chưa ghi nhận gì." in reply
    assert bot.assignment("3.II", "ubnd-h-nam-sach").status == "open"
    assert _evidence(bot.engine) == [] and bot.events() == 0
    assert not (tmp_path / "evidence").exists()


async def test_a_caption_with_an_unknown_code_keeps_nothing(bot):
    await register(bot, NAM_SACH, "ubnd-h-nam-sach")
    await bot.send(document(NAM_SACH, "/xong 3.V"))
    assert "Có phải" in bot.fake.texts(NAM_SACH)[-1]
    assert _evidence(bot.engine) == [] and bot.events() == 0


async def test_a_file_without_a_caption_and_no_question_is_explained(bot):
    await register(bot, NAM_SACH, "ubnd-h-nam-sach")
    await bot.send(document(NAM_SACH, ""))
    assert "chưa biết của nhiệm vụ nào; chưa lưu gì" in bot.fake.texts(NAM_SACH)[-1]
    assert _evidence(bot.engine) == [] and bot.events() == 0


async def test_a_decision_asks_for_its_number_and_date_then_records(bot):
    _asking(bot)
    await register(bot, TTTT, "so-thong-tin-truyen-thong")
    await bot.send(message(TTTT, "/xong 2.I đã xong"))
    reply = bot.fake.texts(TTTT)[-1]
    assert "Sản phẩm của nhiệm vụ 2.I là văn bản (Quyết định của Chủ tịch UBND tỉnh" in reply
    assert "số 12/QĐ-UBND ngày 5/6/2023" in reply
    assert bot.assignment("2.I", "so-thong-tin-truyen-thong").status == "open" and bot.events() == 0
    await bot.send(message(TTTT, "đã trình rồi"))  # neither number nor date: asked again
    assert "Chưa thấy đủ số và ngày văn bản cho nhiệm vụ 2.I" in bot.fake.texts(TTTT)[-1]
    await bot.send(message(TTTT, "số 45/QĐ-UBND ngày 15/12/2023"))  # after today: refused, still asked
    assert "sau hôm nay (10/7/2023)" in bot.fake.texts(TTTT)[-1]
    assert bot.events() == 0
    await bot.send(message(TTTT, "Quyết định so 45/QĐ-UBND ngay 5/7/2023"))
    assert "Đã ghi nhận Sở Thông tin và Truyền thông hoàn thành 2.I" in bot.fake.texts(TTTT)[-1]
    row = bot.assignment("2.I", "so-thong-tin-truyen-thong")
    assert row.status == "done" and row.note == "đã xong Quyết định so 45/QĐ-UBND ngay 5/7/2023"
    (ev,) = _evidence(bot.engine)
    assert (ev.kind, ev.number, ev.document_date.isoformat()) == ("document", "45/QĐ-UBND", "2023-07-05")
    assert _actions(bot.engine) == ["done", "evidence"]
    await bot.send(message(TTTT, "/xem 2.I"))
    assert "Văn bản: số 45/QĐ-UBND ngày 5/7/2023, ghi nhận 09:00 10/7/2023" in bot.fake.texts(TTTT)[-1]


async def test_a_decision_answered_with_a_file_records_it(bot):
    _asking(bot)
    await register(bot, TTTT, "so-thong-tin-truyen-thong")
    await bot.send(message(TTTT, "/xong 2.I"))
    await bot.send(document(TTTT, "", file_id="F5", name="qd-bangiao.pdf", size=40 * KB))
    reply = bot.fake.texts(TTTT)[-1]
    assert "Đã ghi nhận Sở Thông tin và Truyền thông hoàn thành 2.I" in reply and "qd-bangiao.pdf (40 KB)" in reply
    assert [e.file_id for e in _evidence(bot.engine)] == ["F5"]


async def test_a_decision_closed_with_the_document_cited_or_a_file_is_not_asked(bot):
    _asking(bot)
    await register(bot, TTTT, "so-thong-tin-truyen-thong")
    await bot.send(document(TTTT, "/xong 2.I", file_id="F6"))
    assert "Đã ghi nhận Sở Thông tin và Truyền thông hoàn thành 2.I" in bot.fake.texts(TTTT)[-1]
    await register(bot, NAM_SACH, "ubnd-h-nam-sach")
    await bot.send(message(NAM_SACH, "/xong 3.II đề án số 7/QĐ-UBND ngày 3/7/2023"))
    assert "Đã ghi nhận UBND huyện Nam Sách hoàn thành 3.II" in bot.fake.texts(NAM_SACH)[-1]


async def test_a_plain_no_leaves_the_item_open(bot):
    _asking(bot)
    await register(bot, TTTT, "so-thong-tin-truyen-thong")
    await bot.send(message(TTTT, "/xong 2.I"))
    await bot.send(message(TTTT, "Không"))
    assert (
        "Đã hủy. Nhiệm vụ 2.I của Sở Thông tin và Truyền thông giữ nguyên chưa hoàn thành" in bot.fake.texts(TTTT)[-1]
    )
    assert bot.assignment("2.I", "so-thong-tin-truyen-thong").status == "open" and bot.events() == 0
    await bot.send(message(TTTT, "số 45/QĐ-UBND ngày 5/7/2023"))  # the question is gone: nothing recorded
    assert bot.assignment("2.I", "so-thong-tin-truyen-thong").status == "open" and bot.events() == 0


async def test_an_answer_after_the_question_expired_records_nothing(bot):
    _asking(bot)
    await register(bot, TTTT, "so-thong-tin-truyen-thong")
    await bot.send(message(TTTT, "/xong 2.I"))
    bot.clock.advance(timedelta(minutes=31))
    await bot.send(message(TTTT, "số 45/QĐ-UBND ngày 5/7/2023"))
    reply = bot.fake.texts(TTTT)[-1]
    assert "Câu hỏi về văn bản của nhiệm vụ 2.I đã hết hạn (sau 30 phút); chưa ghi nhận gì." in reply
    assert bot.assignment("2.I", "so-thong-tin-truyen-thong").status == "open" and bot.events() == 0
    assert _evidence(bot.engine) == []


async def test_an_item_whose_product_is_no_document_closes_at_once(bot):
    _asking(bot)
    await register(bot, TTTT, "so-thong-tin-truyen-thong")
    await bot.send(message(TTTT, "/xong 8.III"))  # "Phần mềm được nâng cấp; tin nhắn SMS"
    assert "Đã ghi nhận Sở Thông tin và Truyền thông hoàn thành 8.III" in bot.fake.texts(TTTT)[-1]


async def test_the_workbook_has_an_evidence_column(bot):
    await register(bot, NAM_SACH, "ubnd-h-nam-sach")
    await bot.send(document(NAM_SACH, "/xong 3.II"))
    data = SqlStore(bot.engine).report_data(zone=ZONE)
    wb = load_workbook(io.BytesIO(workbook(data, JULY.date())))
    ws = wb["Nhiệm vụ"]
    headers = [c.value for c in ws[5]]
    col = headers.index("Minh chứng")
    cells = {(r[0].value, r[5].value): r[col].value for r in ws.iter_rows(min_row=6)}
    assert cells[("3.II", "UBND huyện Nam Sách")] == "qd-12.pdf (120 KB)"
    assert cells[("3.II", "UBND huyện Kim Thành")] in ("", None)


async def test_the_done_button_on_a_decision_asks_too(bot):
    _asking(bot)
    await register(bot, TTTT, "so-thong-tin-truyen-thong")
    await bot.send(message(TTTT, "/xem 2.I"))
    done = next(data for label, data in bot.fake.buttons(TTTT) if data.startswith("d:"))
    await bot.send(button(TTTT, done))
    assert "Sản phẩm của nhiệm vụ 2.I là văn bản" in bot.fake.texts(TTTT)[-1]
    assert bot.assignment("2.I", "so-thong-tin-truyen-thong").status == "open" and bot.events() == 0


async def test_a_photo_with_the_caption_is_kept(bot):
    await register(bot, NAM_SACH, "ubnd-h-nam-sach")
    update = document(NAM_SACH, "/xong 3.II")
    del update["message"]["document"]
    update["message"]["photo"] = [
        {"file_id": "P-small", "file_unique_id": "Us", "width": 90, "height": 90, "file_size": 2 * KB},
        {"file_id": "P-big", "file_unique_id": "Ubig", "width": 1280, "height": 960, "file_size": 200 * KB},
    ]
    await bot.send(update)
    assert "📎 Đã lưu minh chứng: anh-Ubig.jpg (200 KB)." in bot.fake.texts(NAM_SACH)[-1]
    assert [(e.file_id, e.mime) for e in _evidence(bot.engine)] == [("P-big", "image/jpeg")]


async def test_a_coordinators_one_tap_confirmation_asks_for_the_decision_too(bot):
    _asking(bot)
    coord = 333
    await register(bot, coord, "vp-ubnd-tinh", "coordinator")
    await bot.send(message(coord, "/xong 2.I đã bàn giao"))
    ((_, data),) = bot.fake.buttons(coord)
    await bot.send(button(coord, data))
    assert "Sản phẩm của nhiệm vụ 2.I là văn bản" in bot.fake.texts(coord)[-1]
    await bot.send(message(coord, "QĐ số 45/QĐ-UBND ngày 5/7/2023"))
    assert "Đã ghi nhận Sở Thông tin và Truyền thông hoàn thành 2.I" in bot.fake.texts(coord)[-1]
    assert bot.assignment("2.I", "so-thong-tin-truyen-thong").note == "đã bàn giao QĐ số 45/QĐ-UBND ngày 5/7/2023"
