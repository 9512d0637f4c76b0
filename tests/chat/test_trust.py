"""Issue 12 §1 through the real Telegram Application: nothing wrong is ever recorded. Each test shows the
Vietnamese answer and that the database did not change (or changed exactly as confirmed)."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from bot.ports import Inbound
from storage.models import AuditRow, ItemRow
from tests.chat_harness import register
from tests.telegram_fake import button, message

OFFICER, COORD, TTTT = 111, 333, 555


async def test_misspelt_agency_names_no_lead_and_records_nothing(bot):
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await bot.send(message(COORD, "/xong 7.II so y tee"))
    text = bot.fake.texts(COORD)[-1]
    assert "Sở Y tế không chủ trì nhiệm vụ 7.II. Chưa ghi nhận gì." in text
    assert [label for label, _ in bot.fake.buttons(COORD)] == ["Văn phòng UBND tỉnh"]
    assert bot.events() == 0 and bot.assignment("7.II", "vp-ubnd-tinh").status == "open"


async def test_near_miss_asks_among_the_leads_and_keeps_no_stray_note(bot):
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await bot.send(message(COORD, "/xong 3.II huyen kim than"))
    text = bot.fake.texts(COORD)[-1]
    assert 'Không rõ "huyen kim than" là cơ quan nào' in text and "Chưa ghi nhận gì" in text
    buttons = bot.fake.buttons(COORD)
    assert buttons[0][0] == "UBND huyện Kim Thành"
    assert bot.events() == 0 and bot.assignment("3.II", "ubnd-h-kim-thanh").status == "open"
    await bot.send(button(COORD, buttons[0][1]))
    assert "Đã ghi nhận UBND huyện Kim Thành hoàn thành 3.II" in bot.fake.texts(COORD)[-1]
    row = bot.assignment("3.II", "ubnd-h-kim-thanh")
    assert row.status == "done" and row.note == ""
    assert bot.assignment("3.II", "vp-ubnd-tinh").status == "open"  # never the coordinator's own agency


async def test_exact_agency_and_note_still_close_at_once(bot):
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await bot.send(message(COORD, "/xong 3.II huyen kim thanh QĐ số 7/QĐ-UBND ngày 3/7/2023"))
    assert "Đã ghi nhận UBND huyện Kim Thành hoàn thành 3.II" in bot.fake.texts(COORD)[-1]
    assert bot.assignment("3.II", "ubnd-h-kim-thanh").note == "QĐ số 7/QĐ-UBND ngày 3/7/2023"


async def test_coordinator_one_lead_needs_a_one_tap_confirmation(bot):
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await bot.send(message(COORD, "/xong 2.I Biên bản bàn giao ngày 10/4/2023"))
    assert "Nhiệm vụ 2.I do Sở Thông tin và Truyền thông chủ trì. Xác nhận" in bot.fake.texts(COORD)[-1]
    ((label, data),) = bot.fake.buttons(COORD)
    assert label == "✅ Sở Thông tin và Truyền thông đã hoàn thành"
    assert bot.events() == 0 and bot.assignment("2.I", "so-thong-tin-truyen-thong").status == "open"
    await bot.send(button(COORD, data))
    assert "Đã ghi nhận Sở Thông tin và Truyền thông hoàn thành 2.I" in bot.fake.texts(COORD)[-1]
    assert bot.assignment("2.I", "so-thong-tin-truyen-thong").note == "Biên bản bàn giao ngày 10/4/2023"


async def test_officer_typing_another_name_is_told_why(bot):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, "/xong 2.III sở abc"))
    text = bot.fake.texts(OFFICER)[-1]
    assert '"sở abc" không phải tên Sở Tư pháp' in text and "Chưa ghi nhận gì" in text
    assert bot.events() == 0
    await bot.send(message(OFFICER, "/xong 2.III so tu phap đã ban hành"))
    assert "Đã ghi nhận Sở Tư pháp hoàn thành 2.III" in bot.fake.texts(OFFICER)[-1]
    assert bot.assignment("2.III", "so-tu-phap").note == "đã ban hành"


async def test_evidence_sent_later_is_kept(bot):
    await register(bot, TTTT, "so-thong-tin-truyen-thong")
    await bot.send(message(TTTT, "/xong 2.I"))
    await bot.send(message(TTTT, "/xong 2.I Biên bản bàn giao ngày 10/4/2023"))
    text = bot.fake.texts(TTTT)[-1]
    assert "Đã bổ sung văn bản cho nhiệm vụ 2.I" in text and "Không có gì thay đổi" not in text
    assert bot.assignment("2.I", "so-thong-tin-truyen-thong").note == "Biên bản bàn giao ngày 10/4/2023"
    with Session(bot.engine) as s:
        events = s.exec(
            select(AuditRow.action, AuditRow.after).where(AuditRow.item_id.is_not(None)).order_by(AuditRow.id)
        ).all()
    assert [a for a, _ in events] == ["done", "evidence"]
    assert events[1][1] == {"document": {"date": "2023-04-10"}}


async def test_impossible_and_future_dates_are_refused(bot):
    await register(bot, OFFICER, "so-tu-phap")
    await bot.send(message(OFFICER, "/xong 6.III QĐ số 1/QĐ-UBND ngày 31/2/2023"))
    assert "Năm 2023 không có ngày 31/2" in bot.fake.texts(OFFICER)[-1]
    await bot.send(message(OFFICER, "/xong 6.III QĐ số 1/QĐ-UBND ngày 29/2/2023"))
    assert "Năm 2023 không có ngày 29/2" in bot.fake.texts(OFFICER)[-1]
    await bot.send(message(OFFICER, "/xong 6.III Báo cáo số 45/BC-STP ngày 15/12/2023"))
    assert "Văn bản ghi ngày 15/12/2023, sau hôm nay (10/7/2023)" in bot.fake.texts(OFFICER)[-1]
    assert bot.events() == 0 and bot.assignment("6.III", "so-tu-phap").status == "open"


async def test_inspection_outside_the_plan_needs_a_confirmation(bot):
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await bot.send(message(COORD, "/lichkiemtra PL2.I.1 15/9/2024"))
    assert (
        "Ngày 15/9/2024 nằm ngoài thời gian của Kế hoạch (01/01/2023 – 31/12/2023)" in bot.fake.texts(COORD)[-1]
        or "Ngày 15/9/2024 nằm ngoài thời gian của Kế hoạch" in bot.fake.texts(COORD)[-1]
    )
    ((label, data),) = bot.fake.buttons(COORD)
    with Session(bot.engine) as s:
        assert s.exec(select(ItemRow.inspection_date).where(ItemRow.code == "PL2.I.1")).one() is None
    await bot.send(button(COORD, data))
    assert "Đã đặt lịch kiểm tra PL2.I.1 ngày 15/9/2024" in bot.fake.texts(COORD)[-1]
    with Session(bot.engine) as s:
        assert str(s.exec(select(ItemRow.inspection_date).where(ItemRow.code == "PL2.I.1")).one()) == "2024-09-15"


async def test_officer_gets_the_office_only_reason(bot):
    await register(bot, OFFICER, "so-tu-phap")
    for word in ("/baocao", "/xuatbaocao", "/lichkiemtra PL2.I.1 15/9/2023", "/dathan 4.II 30/9/2023", "/xacnhan 2.IV"):
        await bot.send(message(OFFICER, word))
        text = bot.fake.texts(OFFICER)[-1]
        assert f"Lệnh /{word.split()[0][1:]} chỉ dành cho Văn phòng UBND tỉnh" in text
        assert "Chỉ điều phối viên" not in text
    assert bot.events() == 0 and bot.fake.files == []


async def test_coordinator_sets_and_confirms_dates_in_chat(bot):
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await bot.send(message(COORD, "/dathan 4.II 30/9/2023"))
    assert (
        "Đã đặt hạn nhiệm vụ 4.II: 30/09/2023" in bot.fake.texts(COORD)[-1]
        or "Đã đặt hạn nhiệm vụ 4.II: 30/9/2023" in bot.fake.texts(COORD)[-1]
    )
    await bot.send(message(COORD, "/xacnhan 2.IV"))
    assert "Đã xác nhận thời hạn nhiệm vụ 2.IV" in bot.fake.texts(COORD)[-1]
    await bot.send(message(COORD, "/dathan 4.II 31/9/2023"))
    assert "Năm 2023 không có ngày 31/9" in bot.fake.texts(COORD)[-1]
    await bot.send(message(COORD, "/dathan 4.II 30/9/2024"))
    assert "nằm ngoài thời gian của Kế hoạch" in bot.fake.texts(COORD)[-1]
    with Session(bot.engine) as s:
        rows = dict(s.exec(select(ItemRow.code, ItemRow.due_override).where(ItemRow.code.in_(["4.II", "2.IV"]))).all())
    assert {k: str(v) for k, v in rows.items()} == {"4.II": "2023-09-30", "2.IV": "2022-12-31"}
    assert bot.events("set_due") == 2


async def test_control_characters_are_stripped_and_exports_work(bot):
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await bot.send(message(COORD, "/tiendo 7.II đã\x00 họp\x07 xong\x1b[31m\u0085"))
    with Session(bot.engine) as s:
        note = s.exec(select(AuditRow.note).where(AuditRow.action == "progress")).one()
    assert note == "đã họp xong[31m"
    await bot.send(message(COORD, "/xuatbaocao"))
    assert [f for f in bot.fake.files if f[0] == "sendDocument"]


def _console(core, chat: str, text: str) -> list[str]:
    """As the terminal does: the replies shown, their numbered choices then counting."""
    outs = core.handle(Inbound("console", chat, text, sender="Lan", buttons=False))
    for o in outs:
        core.reply_settled(o)
    return [o.text for o in outs]


async def test_expired_numbered_choice_says_so(bot):
    code = bot.invite("vp-ubnd-tinh", "coordinator")
    _console(bot.core, "c1", f"/start {code}")
    out = _console(bot.core, "c1", "/xong 2.I")
    assert any("1 — ✅ Sở Thông tin và Truyền thông đã hoàn thành" in t for t in out)
    bot.clock.advance(timedelta(hours=2))
    out = _console(bot.core, "c1", "1")
    assert "Danh sách lựa chọn đã hết hạn" in out[-1] and "Bot chỉ hiểu lệnh" not in out[-1]
    assert bot.events() == 0


async def test_numbered_confirmation_carries_the_note(bot):
    code = bot.invite("vp-ubnd-tinh", "coordinator")
    _console(bot.core, "c2", f"/start {code}")
    _console(bot.core, "c2", "/xong 2.I Biên bản bàn giao ngày 10/4/2023")
    out = _console(bot.core, "c2", "1")
    assert "Đã ghi nhận Sở Thông tin và Truyền thông hoàn thành 2.I" in out[-1]
    assert bot.assignment("2.I", "so-thong-tin-truyen-thong").note == "Biên bản bàn giao ngày 10/4/2023"


async def test_item_flags_for_the_coordinator(bot):
    await register(bot, COORD, "vp-ubnd-tinh", "coordinator")
    await register(bot, TTTT, "so-thong-tin-truyen-thong")
    await bot.send(message(TTTT, "/xong 2.I Biên bản bàn giao ngày 10/4/2023"))  # the office now runs the system
    await bot.send(message(COORD, "/xem 10.III"))
    text = bot.fake.texts(COORD)[-1]
    assert "Văn phòng UBND tỉnh vừa chủ trì vừa phối hợp — cần xác định lại" in text
    assert "UBND cấp xã (nhóm chưa có cơ quan thành viên)" in text
