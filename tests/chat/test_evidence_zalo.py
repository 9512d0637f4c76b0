"""Issue 14 §4 on Zalo: a photo sent with the caption "xong 3.II" (message.image.received) closes and is kept by
its URL; Zalo gives bots no other files, so a document cannot be evidence there. Also the pure vocabulary."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from bot.channels.inbound import inbound_claims
from bot.core import CommandCore
from bot.domain.evidence import declined, document_of, needs_document, safe_name, size_text
from bot.ports import FixedClock
from bot.transports.zalo import ZaloTransport
from bot.transports.zalo_client import ZaloClient
from storage import registry, work
from storage.models import EvidenceRow
from storage.store import SqlStore
from tests.conftest import loaded_engine
from tests.sweep_harness import ZONE, at
from tests.zalo_emulator import TOKEN, ZaloEmulator

JULY = at(date(2023, 7, 10), 9)
PHOTO = "https://photo.zalo.test/abc/bien-ban.jpg"


@pytest.fixture
def engine(sqlite_url, plan, directory):
    eng = loaded_engine(sqlite_url, plan, directory, JULY)
    yield eng
    eng.dispose()


def _transport(engine, emu: ZaloEmulator) -> ZaloTransport:
    core = CommandCore(SqlStore(engine), FixedClock(JULY), ZONE)
    client = ZaloClient(TOKEN, "http://zalo.test", transport=emu.transport())
    claim, release = inbound_claims(SqlStore(engine), FixedClock(JULY), "zalo")

    async def no_sleep(_):
        return None

    return ZaloTransport(core, client, claim=claim, release=release, sleep=no_sleep)


def _register(engine, agency: str) -> str:
    code = f"zalo-{agency}-invite"
    with Session(engine) as s:
        registry.create_invite(
            s,
            code=code,
            agency_id=work.agency_ids(s)[agency],
            role="officer",
            now=JULY,
            expires_at=JULY + timedelta(days=7),
        )
        s.commit()
    return code


def _photo(emu: ZaloEmulator, chat: str, caption: str | None) -> dict:
    update = emu.update(chat, None, event="message.image.received")
    update["message"]["photo_url"] = PHOTO
    if caption is not None:
        update["message"]["caption"] = caption
    return update


async def test_a_photo_with_the_caption_closes_and_is_kept(engine):
    emu = ZaloEmulator()
    zalo = _transport(engine, emu)
    await zalo.start()
    lan = emu.add_user("Lan")
    await zalo.handle_update(emu.update(lan, f"start {_register(engine, 'ubnd-h-nam-sach')}"))
    await zalo.handle_update(_photo(emu, lan, "xong 3.II"))
    reply = emu.texts(lan)[-1]
    assert "Đã ghi nhận UBND huyện Nam Sách hoàn thành 3.II" in reply and "📎 Đã lưu minh chứng: anh-" in reply
    with Session(engine) as s:
        (ev,) = s.exec(select(EvidenceRow)).all()
    assert (ev.channel, ev.file_id, ev.size, ev.path) == ("zalo", PHOTO, 0, "")


async def test_a_photo_without_a_caption_or_question_keeps_nothing(engine):
    emu = ZaloEmulator()
    zalo = _transport(engine, emu)
    await zalo.start()
    lan = emu.add_user("Lan")
    await zalo.handle_update(emu.update(lan, f"start {_register(engine, 'ubnd-h-nam-sach')}"))
    await zalo.handle_update(_photo(emu, lan, None))
    assert "chưa biết của nhiệm vụ nào; chưa lưu gì" in emu.texts(lan)[-1]
    with Session(engine) as s:
        assert s.exec(select(EvidenceRow)).all() == []


def test_document_products_are_matched_folded():
    assert needs_document("Quyết định của Chủ tịch UBND tỉnh")
    assert needs_document("ĐỀ ÁN được phê duyệt") and needs_document("quy dinh duoc ban hanh")
    assert needs_document("Văn bản chỉ đạo, đôn đốc; Kế hoạch, Quyết định")
    assert not needs_document("Báo cáo kết quả đánh giá được ban hành") and not needs_document("")
    assert not needs_document("Phần mềm quy trình điện tử")


def test_answers_sizes_and_names():
    doc = document_of("so 12/QĐ-UBND ngay 5/6/2023")
    assert doc is not None and doc.number == "12/QĐ-UBND" and doc.document_date == date(2023, 6, 5)
    assert document_of("Biên bản bàn giao ngày 10/4/2023") is None  # no number
    assert declined("Không") and declined(" huỷ ") and declined("thoi") and not declined("không có số")
    assert size_text(120 * 1024) == "120 KB" and size_text(1536 * 1024) == "1,5 MB" and size_text(0) == ""
    assert safe_name("../../etc/Quyết định.pdf", "tep") == "etc-quyet-dinh.pdf"
