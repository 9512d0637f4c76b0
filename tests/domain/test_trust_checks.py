"""Issue 12 §1, pure parts: which lead the words name, impossible dates, control characters, the digest line."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.agency_match import agency_like, match_lead
from bot.domain.date_checks import BadDate, impossible_date, outside_period, plan_period
from bot.domain.digest import CoordinatorDigest, coordinator_digest
from bot.domain.sanitize import clean_text


@pytest.fixture(scope="module")
def districts(directory):
    return [k for k, a in directory.agencies.items() if a.kind == "district"]


def test_exact_names_give_the_lead_and_the_note(directory, districts):
    m = match_lead(directory, "huyen kim thanh QĐ số 1/QĐ-UBND".split(), districts)
    assert m.key == "ubnd-h-kim-thanh" and m.rest == ("QĐ", "số", "1/QĐ-UBND")
    assert (
        match_lead(directory, "so tt&tt xong".split(), ["so-thong-tin-truyen-thong"]).key == "so-thong-tin-truyen-thong"
    )


@pytest.mark.parametrize("typed", ["huyen kim than", "huyen kim thnh", "huyen kim"])
def test_near_misses_ask(directory, districts, typed):
    m = match_lead(directory, typed.split(), districts)
    if typed == "huyen kim":  # a unique prefix with nothing after it names the district
        assert m.key == "ubnd-h-kim-thanh"
    else:
        assert m.key is None and m.named and m.candidates[0] == "ubnd-h-kim-thanh"


def test_an_agency_that_is_not_a_lead(directory):
    m = match_lead(directory, "so y tee".split(), ["vp-ubnd-tinh"])
    assert m.key is None and m.other == "so-y-te" and m.candidates == ("vp-ubnd-tinh",)


@pytest.mark.parametrize(
    "note",
    [
        "QĐ số 1/QĐ-UBND ngày 1/6/2023",
        "Báo cáo số 45/BC-STP",
        "Số 45/BC-STP",
        "so 45 ngày 1/6/2023",
        "Biên bản bàn giao ngày 10/4/2023",
        "đã hoàn thành",
    ],
)
def test_notes_are_notes(directory, note):
    assert not agency_like(note.split())
    assert match_lead(directory, note.split(), ["vp-ubnd-tinh"]).named is False


def test_impossible_dates():
    assert impossible_date("QĐ số 1/QĐ-UBND ngày 31/2/2023") == BadDate(31, 2, 2023)
    assert impossible_date("ngày 29 tháng 2 năm 2023") == BadDate(29, 2, 2023)
    assert impossible_date("ngày 29/2/2024") is None
    assert impossible_date("ngày 1/13/2023").bad_month
    assert impossible_date("QĐ số 12/2023/QĐ-UBND") is None


def test_plan_period():
    start, end = plan_period(2023)
    assert not outside_period(date(2023, 9, 30), start, end) and outside_period(date(2024, 9, 15), start, end)


def test_clean_text_keeps_tab_and_newline():
    assert clean_text("a\x00b\x07c\x1bd\te\nf\r\ng\x85h\x7f") == "abcd\te\nf\ngh"


def test_coordinators_digest_points_to_the_chat_commands():
    _, body = coordinator_digest(
        CoordinatorDigest(needs_date=[("4.II", "Theo tiến độ đã giao", "")]), date(2023, 7, 10), 7
    )
    assert "/dathan MÃ NGÀY" in body and "/xacnhan MÃ" in body and "nhacviec plan set-due" not in body
