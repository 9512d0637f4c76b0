"""Texts that name the coordinating office and the issuer take them from the plan's heading (issue 11 §3):
a centrally-run city's plan says "thành phố", a ministry's says "Bộ …"; no "tỉnh" leaks into the
inspection line of a reminder, the e-mail footer or the draft letter."""

from __future__ import annotations

import io
from datetime import date
from zoneinfo import ZoneInfo

import pytest
from docx import Document

from bot.channels.email import email_footer
from bot.domain.digest import Entry, officer_digest
from bot.domain.reminder_kinds import ReminderKind
from bot.domain.report_data import coordinating_office, letter_settings, ministry_name
from bot.plan_loading import load_plan_files
from bot.reports.letter import OverdueLine, plan_citation, reminder_letter
from storage import deliveries
from storage.store import SqlStore
from tests.conftest import NOW

CITY_DIR = """province: Hải Phòng
agencies:
  - {key: vp, name: Văn phòng UBND thành phố, kind: province_office}
  - {key: stp, name: Sở Tư pháp, kind: department}
  - {key: p-le-chan, name: UBND phường Lê Chân, kind: commune}
"""
CITY_PLAN = """id: hai-phong-2026
year: 2026
province: Hải Phòng
issuer: UBND thành phố Hải Phòng
title: Kế hoạch kiểm soát thủ tục hành chính năm 2026
decision: {number: 45/KH-UBND, date_text: ngày 10/01/2026}
tasks:
  - {number: 1, content: Rà soát TTHC, lead: Sở Tư pháp, deadline: Trước ngày 31/3/2026}
"""
MINISTRY_DIR = """province: Bộ Tư pháp
agencies:
  - {key: vp-bo, name: Văn phòng Bộ, kind: province_office}
  - {key: cuc-hcht, name: Cục Hành chính tư pháp, kind: department}
"""
MINISTRY_PLAN = """id: bo-tu-phap-2026
year: 2026
province: Bộ Tư pháp
issuer: Bộ Tư pháp
title: Kế hoạch kiểm soát thủ tục hành chính năm 2026 của Bộ Tư pháp
decision: {number: 12/QĐ-BTP, date_text: ngày 05/01/2026}
tasks:
  - {number: 1, content: Rà soát TTHC, lead: Cục Hành chính tư pháp, deadline: Trước ngày 31/3/2026}
"""
CASES = [
    ("city", CITY_DIR, CITY_PLAN, "Văn phòng UBND thành phố", ("UBND THÀNH PHỐ HẢI PHÒNG", "của UBND thành phố về")),
    ("ministry", MINISTRY_DIR, MINISTRY_PLAN, "Văn phòng Bộ", ("BỘ TƯ PHÁP", "Bộ trưởng Bộ Tư pháp")),
]
TODAY = date(2026, 4, 10)


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        parts += [c.text for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_the_issuer_decides_the_office_and_the_leader():
    assert ministry_name("Bộ Tư pháp", "Bộ Tư pháp") == "Bộ Tư pháp"
    assert ministry_name("Quảng Ninh", "UBND tỉnh Quảng Ninh") == ""
    assert ministry_name("Hà Giang", "Bộ Chỉ huy Quân sự tỉnh") == ""  # a provincial body, not a ministry
    m = letter_settings(province="Bộ Tư pháp", issuer="Bộ Tư pháp")
    assert (m.parent, m.unit_name, m.leader, m.issuer_body, m.place) == (
        "BỘ TƯ PHÁP",
        "Văn phòng Bộ",
        "Bộ trưởng Bộ Tư pháp",
        "Bộ Tư pháp",
        "Hà Nội",
    )
    assert coordinating_office(province="Hải Phòng", issuer="UBND thành phố Hải Phòng") == "Văn phòng UBND thành phố"
    assert coordinating_office(province="Cao Bằng", issuer="UBND tỉnh Cao Bằng") == "Văn phòng UBND tỉnh"
    given = {"unit_name": "Văn phòng Đoàn ĐBQH và HĐND"}
    assert coordinating_office(province="Cao Bằng", issuer="x", given=given) == "Văn phòng Đoàn ĐBQH và HĐND"


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_no_province_leaks_into_reminders_mail_or_letter(engine, tmp_path, case):
    _, directory, plan, office, letter_words = case
    (tmp_path / "dm.yaml").write_text(directory, encoding="utf-8")
    (tmp_path / "kh.yaml").write_text(plan, encoding="utf-8")
    store = SqlStore(engine)
    assert store.plan_office_name() == ""  # nothing loaded yet
    load_plan_files(store, tmp_path / "kh.yaml", tmp_path / "dm.yaml", now=NOW)
    assert store.plan_office_name() == office
    with store.session() as s:  # what the sweep hands the digests
        assert deliveries.take_batch(s, recipient_ids=[], owner="t", now=NOW, until=NOW).office == office

    inspection = Entry("PL2.I.1", "Kiểm tra", ReminderKind.INSPECTION, "date", None, 0, 1, scheduled=TODAY)
    _, text, _ = officer_digest("Sở Tư pháp", [inspection], TODAY, office)
    assert f"đoàn kiểm tra của {office} sẽ làm việc ngày 10/4/2026" in text

    footer = email_footer(store.plan_office_name())
    assert f"Nhắc việc của {office}" in footer and f"liên hệ {office}" in footer

    meta = store.report_data(zone=ZoneInfo("Asia/Ho_Chi_Minh")).plan
    line = OverdueLine("1", "Nhiệm vụ 1", "Rà soát TTHC", "Trước ngày 31/3/2026", date(2026, 3, 31), "")
    letter = _docx_text(reminder_letter(plan=meta, today=TODAY, agencies=[("Sở Tư pháp", [line])]))
    citation = "".join(t for t, _ in plan_citation(meta))
    for words in letter_words:
        assert words in letter or words in citation
    assert office in letter
    for shown in (text, footer, letter, citation):
        assert "tỉnh" not in shown.lower() and "TỈNH" not in shown
