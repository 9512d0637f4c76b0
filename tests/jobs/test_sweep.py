"""The sweep end to end over a real SQLite file: digests, escalation, surprise inspections, retries,
disabled recipients, downtime catch-up, and nothing ever sent twice (fixed clocks, no sleeps)."""

from __future__ import annotations

from datetime import date as D
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from bot.ports import FixedClock
from jobs.sweep import run_retries, run_sweep
from tests.factories import close_in_session
from storage import queries, work
from storage.models import AssignmentRow, ItemRow, RecipientRow, ReminderRow
from tests.conftest import loaded_engine
from tests.sweep_harness import CAL, FakeTime, RecordingSender, at, days, gone, link, make_deps, transient

TUPHAP, NOIVU, COORD, HAIDUONG, KIMTHANH, TTTT = "111", "222", "333", "444", "555", "666"


@pytest.fixture
def engine(e2e_db_url, plan, directory):
    eng = loaded_engine(e2e_db_url, plan, directory, at(D(2023, 1, 2)))  # PostgreSQL in .ci/run's second pass
    link(eng, TUPHAP, "so-tu-phap", name="Lan")
    link(eng, NOIVU, "so-noi-vu", name="Minh")
    link(eng, COORD, "vp-ubnd-tinh", "coordinator", name="Hùng")
    link(eng, HAIDUONG, "ubnd-tp-hai-duong")
    link(eng, KIMTHANH, "ubnd-h-kim-thanh")
    link(eng, TTTT, "so-thong-tin-truyen-thong", name="Tâm")
    yield eng
    eng.dispose()


async def sweep(engine, day, sender, **kw):
    clock = FixedClock(at(day))
    return await run_sweep(make_deps(engine, clock, sender, **kw))


def _reminders(engine, **where) -> int:
    with Session(engine) as s:
        q = select(func.count()).select_from(ReminderRow)
        for k, v in where.items():
            q = q.where(getattr(ReminderRow, k) == v)
        return s.execute(q).scalar_one()


async def test_one_digest_per_recipient_grouped(engine):
    sender = RecordingSender()
    await sweep(engine, D(2023, 5, 22), sender)
    assert [o.chat_id for o in sender.sent].count(TUPHAP) == 1
    msg = sender.to(TUPHAP)[0]
    assert msg.title == "Nhắc việc Thứ Hai 22/5/2023 — Sở Tư pháp"
    assert msg.text.startswith(
        "Kính gửi cán bộ đầu mối Sở Tư pháp:\n\n🔜 Nhiệm vụ sắp đến hạn (1)\n• PL1.2 hạn 31/5/2023 — còn 9 ngày"
    )
    assert msg.text.endswith("\nTrân trọng cảm ơn.") and "🎉" not in msg.text and "👍" not in msg.text
    assert [b.label for b in msg.buttons[0]] == ["📄 PL1.2"]
    sender2 = RecordingSender()
    await sweep(engine, D(2023, 6, 1), sender2)  # first working day of June: overdue + check-ins + due
    text = sender2.to(TUPHAP)[0].text
    # PL1.2, and 5.IV's quý I (a missed period is overdue under its own name and date: issue 10)
    assert text.index("⏰ Nhiệm vụ quá hạn tính đến ngày 1/6/2023 (2)") < text.index("📝 Đề nghị cập nhật tiến độ")
    assert "• PL1.2 quá hạn 1 ngày (hạn 31/5/2023)" in text and "• 2.III thường xuyên" in text
    assert "• 5.IV — báo cáo quý I/2023, hạn 31/3/2023 (quá hạn 62 ngày) — " in text
    assert len(sender2.to(TUPHAP)) == 1


async def test_running_twice_sends_nothing_twice(engine):
    sender = RecordingSender()
    await sweep(engine, D(2023, 6, 1), sender)
    n = len(sender.sent)
    report = await run_sweep(make_deps(engine, FixedClock(at(D(2023, 6, 1), 9)), sender), force=True)
    assert len(sender.sent) == n and report.delivery.messages == 0


async def test_coordinating_agency_heads_up(engine):
    sender = RecordingSender()
    await sweep(engine, D(2023, 6, 21), sender)  # 7 working days before 30/6: 3.I, 4.I, 5.I (Sở Nội vụ coordinates)
    text = sender.to(NOIVU)[0].text
    assert "🤝 Nhiệm vụ phối hợp" in text and "• 3.I hạn 30/6/2023" in text and "chủ trì: Văn phòng UBND tỉnh" in text
    assert "📄 3.I" not in [b.label for row in sender.to(NOIVU)[0].buttons for b in row]


async def test_escalation_names_agency_and_officers(engine):
    sender = RecordingSender()
    await sweep(engine, D(2023, 6, 9), sender)  # PL1.1–5 are 7 working days overdue
    coord = sender.to(COORD)[0]
    assert coord.title == "Tổng hợp cho cán bộ theo dõi — Thứ Sáu 9/6/2023"
    assert "• PL1.1 — Sở Nội vụ: quá hạn 9 ngày (hạn 31/5/2023); đầu mối: Minh" in coord.text
    assert (
        "• PL1.4 — Sở Lao động - Thương binh và Xã hội: quá hạn 9 ngày (hạn 31/5/2023); đầu mối: chưa có ai"
        " đăng ký" in coord.text
    )
    assert all("🚨" not in o.text for o in sender.sent if o.chat_id != COORD)
    assert len(sender.to(COORD)) == 1


async def test_needs_date_weekly_and_2_IV_never_overdue(engine):
    sender = RecordingSender()
    await sweep(engine, D(2023, 1, 3), sender)  # first working day of the year's first week
    coord = sender.to(COORD)[0].text
    assert (
        '• 4.II — "Theo tiến độ đã giao"' in coord
        and '• 2.IV — "Thường xuyên trong năm 2022." (năm khác năm kế hoạch)' in coord
    )
    assert '5.IV "Định kỳ hoặc đột xuất trong năm 2023" không nêu chu kỳ: bot nhắc theo quý' in coord
    assert all("2.IV" not in o.text for o in sender.sent if o.chat_id != COORD)
    sender2 = RecordingSender()
    await sweep(engine, D(2023, 1, 4), sender2)  # not the weekly day: no list again
    assert all("Cần đặt hạn" not in o.text for o in sender2.sent)


async def test_surprise_inspections_never_reach_the_inspected_unit(engine):
    with Session(engine) as s:
        pid = queries.get_plan(session=s).id
        for code in ("PL2.II.6", "PL2.II.2"):  # Hải Dương (surprise) and Kim Thành (announced)
            item = work.item_by_code(s, plan_id=pid, code=code)
            queries.schedule_inspection(session=s, item=item, day=D(2023, 9, 15), actor="t", now=at(D(2023, 8, 1)))
        s.commit()
    sender = RecordingSender()
    for day in days(D(2023, 8, 1), D(2023, 12, 31)):
        if CAL.is_working_day(day):
            await sweep(engine, day, sender)
    unit = " ".join(o.title + o.text for o in sender.to(HAIDUONG))
    assert unit and "PL2" not in unit and "Lịch kiểm tra" not in unit and "đoàn kiểm tra" not in unit
    kim = [o for o in sender.to(KIMTHANH) if "Lịch kiểm tra" in o.text]
    assert len(kim) == 1 and kim[0].title.endswith("6/9/2023 — UBND huyện Kim Thành")
    assert "ngày 15/9/2023 (Thứ Sáu)" in kim[0].text
    assert _reminders(engine, kind="inspection") == 1


async def test_429_retry_after_is_honoured(engine):
    sender = RecordingSender()
    sender.script[TUPHAP] = [transient(retry_after=30)]
    day = D(2023, 5, 22)
    report = await sweep(engine, day, sender)
    assert report.delivery.retrying == 1 and sender.to(TUPHAP) == []
    early = await run_retries(make_deps(engine, FixedClock(at(day, 8, 0) + timedelta(seconds=29)), sender))
    assert early.messages == 0 and sender.attempts.count(TUPHAP) == 1
    late = await run_retries(make_deps(engine, FixedClock(at(day, 8, 0) + timedelta(seconds=31)), sender))
    assert late.messages == 1 and len(sender.to(TUPHAP)) == 1
    assert _reminders(engine, status="pending") == 0


async def test_transient_failures_back_off_then_give_up_and_tell_coordinators(engine):
    sender = RecordingSender()
    sender.script[TUPHAP] = [transient() for _ in range(3)]
    day = D(2023, 5, 22)
    t = at(day)
    await run_sweep(make_deps(engine, FixedClock(t), sender, max_attempts=3))
    waits = []
    for _ in range(2):
        with Session(engine) as s:
            nxt = s.execute(
                select(func.min(ReminderRow.next_attempt_at)).where(ReminderRow.status == "pending")
            ).scalar_one()
        waits.append((nxt - t).total_seconds())
        t = nxt
        await run_retries(make_deps(engine, FixedClock(t), sender, max_attempts=3))
    assert waits == [30.0, 60.0]  # exponential backoff
    assert _reminders(engine, status="failed") == 1
    coord = sender.to(COORD)[-1].text
    assert "Không gửi được nhắc việc cho Sở Tư pháp (telegram:111) sau 3 lần thử" in coord


async def test_blocked_chat_is_disabled_and_coordinators_told(engine):
    sender = RecordingSender()
    sender.script[TUPHAP] = [gone()]
    await sweep(engine, D(2023, 5, 22), sender)
    with Session(engine) as s:
        rec = s.execute(select(RecipientRow).where(RecipientRow.chat_id == TUPHAP)).scalar_one()
        assert rec.active is False and "blocked" in rec.disabled_reason
    assert any("Sở Tư pháp mất kênh liên lạc: telegram:111" in o.text for o in sender.to(COORD))
    before = sender.attempts.count(TUPHAP)
    await sweep(engine, D(2023, 5, 26), sender)
    assert sender.attempts.count(TUPHAP) == before  # nothing more to an inactive recipient


async def test_ten_days_down_gives_one_catch_up_digest(engine):
    sender = RecordingSender()
    await sweep(engine, D(2023, 5, 22), sender)
    sender.sent.clear()
    report = await sweep(engine, D(2023, 6, 6), sender)  # down from 23/5 to 5/6: 10 working days missed
    assert len(report.days) == 11 and report.days[0] == D(2023, 5, 23)
    assert [o.chat_id for o in sender.sent].count(TUPHAP) == 1
    assert [o.chat_id for o in sender.sent].count(COORD) == 1
    text = sender.to(TUPHAP)[0].text
    assert text.count("PL1.2") == 1 and "PL1.2 quá hạn 6 ngày" in text  # shown as it is now, once
    assert "📝 Đề nghị cập nhật tiến độ" in text  # the 1/6 check-in was not skipped


async def test_closed_items_are_not_reminded(engine):
    with Session(engine) as s:
        a = s.execute(select(AssignmentRow).join(ItemRow).where(ItemRow.code == "PL1.2")).scalars().first()
        close_in_session(s, assignment_id=a.id, actor="t", note="", now=at(D(2023, 5, 1)), data={})
        s.commit()
    sender = RecordingSender()
    for day in (D(2023, 5, 22), D(2023, 5, 31), D(2023, 6, 1)):
        await sweep(engine, day, sender)
    assert all("PL1.2" not in o.text for o in sender.to(TUPHAP))


async def test_closed_between_claim_and_send_is_skipped(engine):
    from jobs.sweep import plan_and_claim

    deps = make_deps(engine, FixedClock(at(D(2023, 5, 22))), RecordingSender())
    plan_and_claim(deps, D(2023, 5, 22))
    with Session(engine) as s:
        a = s.execute(select(AssignmentRow).join(ItemRow).where(ItemRow.code == "PL1.2")).scalars().first()
        close_in_session(s, assignment_id=a.id, actor="t", note="", now=at(D(2023, 5, 22)), data={})
        s.commit()
    report = await run_retries(deps)
    assert deps.senders["telegram"].to(TUPHAP) == [] and report.skipped >= 1


async def test_non_working_day_plans_nothing(engine):
    sender = RecordingSender()
    report = await sweep(engine, D(2023, 1, 24), sender)  # Tết
    assert report.skipped_reason == "non_working_day" and sender.sent == [] and _reminders(engine) == 0


async def test_the_limiter_spaces_messages(engine):
    time = FakeTime()
    sender = RecordingSender()
    deps = make_deps(engine, FixedClock(at(D(2023, 6, 1))), sender, time=time)
    await run_sweep(deps)
    n = len(sender.sent)
    assert n >= 3 and abs(sum(time.slept) - (n - 1) / 25) < 1e-6  # evenly spaced at the 25/s ceiling


async def test_sweep_on_each_backend(db_url, plan, directory):
    """Claims use plain SQL (ON CONFLICT DO NOTHING): the same on SQLite and PostgreSQL."""
    eng = loaded_engine(db_url, plan, directory, at(D(2023, 1, 2)))
    link(eng, TUPHAP, "so-tu-phap", name="Lan")
    link(eng, COORD, "vp-ubnd-tinh", "coordinator", name="Hùng")
    sender = RecordingSender()
    first = await sweep(eng, D(2023, 6, 9), sender)
    again = await run_sweep(make_deps(eng, FixedClock(at(D(2023, 6, 9), 9)), sender), force=True)
    assert first.claimed > 0 and again.claimed == 0 and again.delivery.messages == 0
    assert sorted(o.chat_id for o in sender.sent) == sorted([TUPHAP, COORD])
    with Session(eng) as s:
        sent_at = s.execute(select(ReminderRow.sent_at).where(ReminderRow.status == "sent")).scalars().first()
    assert sent_at == at(D(2023, 6, 9))
    eng.dispose()


async def test_weekly_summary_on_monday(engine):
    with Session(engine) as s:
        a = s.execute(select(AssignmentRow).join(ItemRow).where(ItemRow.code == "PL1.2")).scalars().first()
        close_in_session(s, assignment_id=a.id, actor="Lan", note="", now=at(D(2023, 6, 7)), data={})
        s.commit()
    sender = RecordingSender()
    await sweep(engine, D(2023, 6, 12), sender)  # a Monday
    coord = sender.to(COORD)[0].text
    assert "Tổng hợp tuần — 12/6/2023" in coord
    assert "✅ Hoàn thành tuần trước (1):\n• PL1.2 — Sở Tư pháp (ngày 7/6/2023)" in coord
    assert "🔜 Đến hạn trong 14 ngày tới" in coord
    assert "👤 30 cơ quan chưa có cán bộ đầu mối đăng ký; xem danh sách: nhacviec status" in coord
    assert "Sở Y tế" not in coord  # a count and a command, not 30 names on a phone
    sender2 = RecordingSender()
    await sweep(engine, D(2023, 6, 13), sender2)  # Tuesday: no weekly part
    assert all("Tổng hợp tuần" not in o.text for o in sender2.sent)


async def test_the_configured_default_period_is_the_one_announced(engine):
    from dataclasses import replace

    from bot.domain.reminders import ReminderPolicy

    sender = RecordingSender()
    deps = make_deps(engine, FixedClock(at(D(2023, 1, 3))), sender)
    deps.policy = ReminderPolicy(default_recurrence="monthly")
    deps.delivery = replace(deps.delivery, default_recurrence="monthly")
    await run_sweep(deps)
    assert "không nêu chu kỳ: bot nhắc theo tháng" in sender.to(COORD)[0].text
