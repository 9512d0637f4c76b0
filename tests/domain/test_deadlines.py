"""The deadline parser: every phrase of the seed plan, the accepted forms, flags, and no exceptions."""

from __future__ import annotations

import random
from datetime import date

import pytest

from bot.domain.deadlines import (
    DATE,
    ONGOING,
    ON_DEMAND,
    RECURRING,
    UNSPECIFIED,
    WINDOW,
    Deadline,
    Recurrence,
    parse_day,
    parse_deadline,
    with_override,
)

D = date

# Every deadline of the 2023 plan, by item code: (kind, start, due, flags).
SEED = {
    "1.I": ("Thường xuyên trong năm 2023", ONGOING, None, D(2023, 12, 31), ()),
    "2.I": ("Trong tháng 3 năm 2023", WINDOW, D(2023, 3, 1), D(2023, 3, 31), ()),
    "3.I": ("Quý II năm 2023", WINDOW, D(2023, 4, 1), D(2023, 6, 30), ()),
    "4.I": ("Quý II năm 2023", WINDOW, D(2023, 4, 1), D(2023, 6, 30), ()),
    "5.I": ("Trong Quý II năm 2023", WINDOW, D(2023, 4, 1), D(2023, 6, 30), ()),
    "1.II": ("Thường xuyên trong năm 2023", ONGOING, None, D(2023, 12, 31), ()),
    "2.II": ("Thường xuyên trong năm 2023", ONGOING, None, D(2023, 12, 31), ()),
    "3.II": ("Theo yêu cầu hoặc thường xuyên trong năm 2023", ONGOING, None, D(2023, 12, 31), ("on_request",)),
    "4.II": ("Theo tiến độ đã giao", UNSPECIFIED, None, None, ()),
    "5.II": ("Từ tháng 4 đến tháng 12/2023.", WINDOW, D(2023, 4, 1), D(2023, 12, 31), ()),
    "6.II": ("Bắt đầu từ Quý II năm 2023", ONGOING, D(2023, 4, 1), D(2023, 12, 31), ()),
    "7.II": ("Thường xuyên năm 2023", ONGOING, None, D(2023, 12, 31), ()),
    "1.III": ("Theo hướng dẫn của Văn phòng Chính phủ", UNSPECIFIED, None, None, ()),
    "2.III": ("Thường xuyên trong năm 2023", ONGOING, None, D(2023, 12, 31), ()),
    "3.III": ("Quý I năm 2023", WINDOW, D(2023, 1, 1), D(2023, 3, 31), ()),
    "4.III": ("Thường xuyên trong năm 2023", ONGOING, None, D(2023, 12, 31), ()),
    "5.III": ("Quý I năm 2023", WINDOW, D(2023, 1, 1), D(2023, 3, 31), ()),
    "6.III": ("Thường xuyên trong năm 2023", ONGOING, None, D(2023, 12, 31), ()),
    "7.III": ("Thường xuyên trong năm 2023", ONGOING, None, D(2023, 12, 31), ()),
    "8.III": ("Trong năm 2023", WINDOW, D(2023, 1, 1), D(2023, 12, 31), ()),
    "9.III": ("Thường xuyên trong năm 2023", ONGOING, None, D(2023, 12, 31), ()),
    "10.III": ("Thường xuyên trong năm 2023", ONGOING, None, D(2023, 12, 31), ()),
    "1.IV": ("Thường xuyên trong năm 2023", ONGOING, None, D(2023, 12, 31), ()),
    "2.IV": ("Thường xuyên trong năm 2022.", ONGOING, None, D(2022, 12, 31), ("year_mismatch",)),
    "3.IV": ("Quý II năm 2023", WINDOW, D(2023, 4, 1), D(2023, 6, 30), ()),
    "4.IV": ("Trong năm năm 2023", WINDOW, D(2023, 1, 1), D(2023, 12, 31), ()),
    "5.IV": ("Định kỳ hoặc đột xuất trong năm 2023", RECURRING, D(2023, 1, 1), D(2023, 12, 31), ()),
}
SEED.update({f"PL1.{n}": ("Trước ngày 31/5/2023", DATE, None, D(2023, 5, 31), ()) for n in range(1, 6)})
SEED.update({f"PL1.{n}": ("Trước ngày 30/6/2023", DATE, None, D(2023, 6, 30), ()) for n in range(6, 14)})
SEED.update({f"PL1.{n}": ("Trước ngày 31/7/2023", DATE, None, D(2023, 7, 31), ()) for n in range(14, 17)})
SEED.update(
    {f"PL2.I.{n}": ("Từ tháng 4 đến tháng 12/2023", WINDOW, D(2023, 4, 1), D(2023, 12, 31), ()) for n in range(1, 6)}
)
SEED.update(
    {f"PL2.II.{n}": ("Từ tháng 4 đến tháng 12/2023", WINDOW, D(2023, 4, 1), D(2023, 12, 31), ()) for n in range(1, 13)}
)


def test_every_item_of_the_plan_has_an_expected_deadline(plan):
    assert {i.code for i in plan.items} == set(SEED)


@pytest.mark.parametrize("code", list(SEED))
def test_seed_deadline(plan, code):
    phrase, kind, start, due, flags = SEED[code]
    item = plan.item(code)
    assert item.deadline_text == phrase
    d = parse_deadline(item.deadline_text, plan.year)
    assert (d.kind, d.start, d.due, d.flags) == (kind, start, due, flags)
    assert d.text == phrase


def test_unspecified_items_say_why_and_invent_no_date():
    d = parse_deadline("Theo tiến độ đã giao", 2023)
    assert d.reason == "schedule_elsewhere" and d.due is None and d.blocked
    d = parse_deadline("Theo hướng dẫn của Văn phòng Chính phủ", 2023)
    assert d.reason == "external_guidance" and d.due is None and d.blocked


def test_periodic_or_ad_hoc_report_has_no_period_and_says_so():
    d = parse_deadline("Định kỳ hoặc đột xuất trong năm 2023", 2023)
    assert d.recurrence == Recurrence(freq=None, day=None, ad_hoc=True)
    assert not d.blocked


def test_year_typo_is_flagged_and_holds_reminders_back():
    d = parse_deadline("Thường xuyên trong năm 2022.", 2023)
    assert d.flags == ("year_mismatch",) and d.blocked


FORMS = [
    ("Trước ngày 31/5/2023", DATE, None, D(2023, 5, 31)),
    ("trước ngày 31-5-2023", DATE, None, D(2023, 5, 31)),
    ("Trước ngày 31.5.2023", DATE, None, D(2023, 5, 31)),
    ("ngày 31 tháng 5 năm 2023", DATE, None, D(2023, 5, 31)),
    ("Chậm nhất ngày 05/06/2023", DATE, None, D(2023, 6, 5)),
    ("Trước ngày 31/5", DATE, None, D(2023, 5, 31)),
    ("truoc ngay 31/5/2023", DATE, None, D(2023, 5, 31)),
    ("Trong tháng 3 năm 2023", WINDOW, D(2023, 3, 1), D(2023, 3, 31)),
    ("tháng 3/2023", WINDOW, D(2023, 3, 1), D(2023, 3, 31)),
    ("tháng 03 năm 2023", WINDOW, D(2023, 3, 1), D(2023, 3, 31)),
    ("Tháng 2", WINDOW, D(2023, 2, 1), D(2023, 2, 28)),
    ("Quý III/2023", WINDOW, D(2023, 7, 1), D(2023, 9, 30)),
    ("quý 3 năm 2023", WINDOW, D(2023, 7, 1), D(2023, 9, 30)),
    ("QUÝ IV NĂM 2023", WINDOW, D(2023, 10, 1), D(2023, 12, 31)),
    ("quy ii nam 2023", WINDOW, D(2023, 4, 1), D(2023, 6, 30)),
    ("Quý  II   năm\n2023", WINDOW, D(2023, 4, 1), D(2023, 6, 30)),
    ("6 tháng đầu năm", WINDOW, D(2023, 1, 1), D(2023, 6, 30)),
    ("6 tháng cuối năm 2023", WINDOW, D(2023, 7, 1), D(2023, 12, 31)),
    ("Trong năm 2023", WINDOW, D(2023, 1, 1), D(2023, 12, 31)),
    ("Từ tháng 4 đến tháng 12/2023", WINDOW, D(2023, 4, 1), D(2023, 12, 31)),
    ("Từ ngày 1/4 đến ngày 30/6/2023", WINDOW, D(2023, 4, 1), D(2023, 6, 30)),
    ("Từ quý II đến quý III năm 2023", WINDOW, D(2023, 4, 1), D(2023, 9, 30)),
    ("Thường xuyên", ONGOING, None, D(2023, 12, 31)),
    ("THƯỜNG XUYÊN TRONG NĂM 2023", ONGOING, None, D(2023, 12, 31)),
    ("Bắt đầu từ Quý II năm 2023", ONGOING, D(2023, 4, 1), D(2023, 12, 31)),
    ("Bắt đầu từ tháng 7/2023", ONGOING, D(2023, 7, 1), D(2023, 12, 31)),
    ("Khi có yêu cầu", ON_DEMAND, None, None),
    ("Theo yêu cầu", ON_DEMAND, None, None),
]


@pytest.mark.parametrize("phrase,kind,start,due", FORMS)
def test_forms(phrase, kind, start, due):
    d = parse_deadline(phrase, 2023)
    assert (d.kind, d.start, d.due) == (kind, start, due)
    assert d.flags == ()


@pytest.mark.parametrize(
    "phrase,freq,day",
    [
        ("Định kỳ hằng quý", "quarterly", None),
        ("Định kỳ hàng quý", "quarterly", None),
        ("trước ngày 20 hằng tháng", "monthly", 20),
        ("Báo cáo hằng năm", "yearly", None),
        ("Định kỳ 6 tháng", "half_yearly", None),
    ],
)
def test_recurring(phrase, freq, day):
    d = parse_deadline(phrase, 2023)
    assert d.kind == RECURRING
    assert (d.recurrence.freq, d.recurrence.day) == (freq, day)
    assert (d.start, d.due) == (D(2023, 1, 1), D(2023, 12, 31))


@pytest.mark.parametrize(
    "phrase,start,due",
    [
        ("Quí IV-2025", D(2025, 10, 1), D(2025, 12, 31)),
        ("Trước ngày 15/1/2024", None, D(2024, 1, 15)),
        ("Giai đoạn 2023 - 2025", D(2023, 1, 1), D(2025, 12, 31)),
    ],
)
def test_other_years_are_read_and_flagged(phrase, start, due):
    d = parse_deadline(phrase, 2023)
    assert (d.start, d.due) == (start, due)
    assert "year_mismatch" in d.flags


@pytest.mark.parametrize("phrase", ["Trước ngày 31/11/2023", "ngày 30 tháng 2 năm 2023", "tháng 13/2023"])
def test_impossible_dates_are_flagged_not_crashed_on(phrase):
    d = parse_deadline(phrase, 2023)
    assert d.due is None
    assert "invalid_date" in d.flags and d.blocked


@pytest.mark.parametrize("phrase", ["", "   ", "abc xyz", "Sớm nhất có thể", "???", None])
def test_unreadable_becomes_unspecified_with_a_reason(phrase):
    d = parse_deadline(phrase, 2023)
    assert d.kind == UNSPECIFIED and d.due is None and d.reason in ("empty", "unreadable")


def test_never_raises_on_noise():
    rng = random.Random(7)
    alphabet = "0123456789/.-  quýthángnămtừđếntrướcngàyIVX,;()"
    for _ in range(2000):
        phrase = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        d = parse_deadline(phrase, 2023)
        assert d.kind in (DATE, WINDOW, ONGOING, RECURRING, ON_DEMAND, UNSPECIFIED)


def test_round_trip_through_dict():
    for phrase in ["Quý II năm 2023", "Định kỳ hoặc đột xuất trong năm 2023", "Thường xuyên trong năm 2022."]:
        d = parse_deadline(phrase, 2023)
        assert Deadline.from_dict(d.to_dict()) == d


def test_coordinator_date_unblocks():
    d = with_override(parse_deadline("Theo tiến độ đã giao", 2023), D(2023, 9, 30))
    assert (d.kind, d.due, d.blocked) == (DATE, D(2023, 9, 30), False)
    assert "set_due" in d.flags
    d = with_override(parse_deadline("Thường xuyên trong năm 2022.", 2023), D(2023, 12, 31))
    assert d.kind == ONGOING and not d.blocked


@pytest.mark.parametrize(
    "text,expected",
    [
        ("31/5/2023", D(2023, 5, 31)),
        ("2023-05-31", D(2023, 5, 31)),
        ("31-5-2023", D(2023, 5, 31)),
        ("1.6.2023", D(2023, 6, 1)),
        ("31/11/2023", None),
        ("hôm qua", None),
        ("", None),
    ],
)
def test_parse_day(text, expected):
    assert parse_day(text) == expected
