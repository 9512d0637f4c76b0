"""The deadline reader on phrases of other provinces' plans (2025–2026 wording), beyond the seed.

Each row: phrase, expected kind, start, due, and what else the reading must carry. Plan year 2026,
no span, unless the row says otherwise. A last group of tests checks, for every phrase here and many
generated ones, that no reading produces a date the phrase does not support.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from bot.domain.deadlines import DATE, ON_DEMAND, ONGOING, RECURRING, UNSPECIFIED, WINDOW, Deadline, parse_deadline

D = date
Y = 2026
SPAN_2026 = (D(2025, 12, 1), D(2026, 12, 31))  # a plan signed 1/12/2025 for 2026
SPAN_OPEN = (D(2025, 12, 1), None)  # signed 1/12/2025, open-ended
SPAN_LONG = (D(2025, 12, 1), D(2030, 12, 31))  # "giai đoạn 2026–2030"

# phrase, kind, start, due, extra (rec: subset of recurrence.to_dict(); follow: of follow_up; span; flags; …)
TABLE = [
    # month ranges → window
    ("Tháng 3 - 4/2026", WINDOW, D(2026, 3, 1), D(2026, 4, 30), {}),
    ("Tháng 3-4/2026", WINDOW, D(2026, 3, 1), D(2026, 4, 30), {}),
    ("từ tháng 6 đến tháng 9 năm 2026", WINDOW, D(2026, 6, 1), D(2026, 9, 30), {}),
    ("Từ tháng 10/2026 đến hết tháng 3/2027", WINDOW, D(2026, 10, 1), D(2027, 3, 31), {}),
    ("Tháng 11 - tháng 12 năm 2026", WINDOW, D(2026, 11, 1), D(2026, 12, 31), {}),
    ("Từ tháng 11/2026 - 2/2027", WINDOW, D(2026, 11, 1), D(2027, 2, 28), {}),
    ("Từ 01/3/2026 đến 30/4/2026", WINDOW, D(2026, 3, 1), D(2026, 4, 30), {}),
    ("01/3/2026 - 30/4/2026", WINDOW, D(2026, 3, 1), D(2026, 4, 30), {}),
    ("Từ ngày 15/7 đến ngày 15/8/2026", WINDOW, D(2026, 7, 15), D(2026, 8, 15), {}),
    # windows across years, multi-year
    ("Quý III/2026 - Quý I/2027", WINDOW, D(2026, 7, 1), D(2027, 3, 31), {}),
    ("Quý II - III/2026", WINDOW, D(2026, 4, 1), D(2026, 9, 30), {}),
    ("Từ quý IV/2026 đến quý II/2027", WINDOW, D(2026, 10, 1), D(2027, 6, 30), {}),
    ("Giai đoạn 2026–2028", WINDOW, D(2026, 1, 1), D(2028, 12, 31), {}),
    ("Năm 2026 - 2027", WINDOW, D(2026, 1, 1), D(2027, 12, 31), {}),
    ("Từ năm 2026 đến năm 2030", WINDOW, D(2026, 1, 1), D(2030, 12, 31), {}),
    ("2026-2030", WINDOW, D(2026, 1, 1), D(2030, 12, 31), {}),
    # ongoing from a date or period
    ("Từ 15/3/2026", ONGOING, D(2026, 3, 15), D(2026, 12, 31), {}),
    ("Bắt đầu từ quý II/2026", ONGOING, D(2026, 4, 1), D(2026, 12, 31), {}),
    ("Kể từ ngày 01/7/2026", ONGOING, D(2026, 7, 1), D(2026, 12, 31), {}),
    ("Từ tháng 7/2026", ONGOING, D(2026, 7, 1), D(2026, 12, 31), {"span": SPAN_2026}),
    (
        "Từ 15/3/2026 đến khi có văn bản thay thế",
        ONGOING,
        D(2026, 3, 15),
        D(2026, 12, 31),
        {"end_event": "đến khi có văn bản thay thế"},
    ),
    ("Thường xuyên", ONGOING, D(2025, 12, 1), D(2026, 12, 31), {"span": SPAN_2026}),
    ("Thường xuyên, liên tục", ONGOING, None, D(2026, 12, 31), {}),
    ("Thường xuyên hoặc đột xuất", ONGOING, None, D(2026, 12, 31), {}),
    ("Thường xuyên giai đoạn 2026 - 2030", ONGOING, D(2026, 1, 1), D(2030, 12, 31), {}),
    ("Thường xuyên từ quý II/2026", ONGOING, D(2026, 4, 1), D(2026, 12, 31), {}),
    # open-ended
    ("Năm 2026 và những năm tiếp theo", ONGOING, D(2026, 1, 1), None, {"open_ended": True}),
    ("Từ năm 2027 trở đi", ONGOING, D(2027, 1, 1), None, {"open_ended": True}),
    ("Hằng năm, từ năm 2027 trở đi", RECURRING, D(2027, 1, 1), None, {"open_ended": True, "rec": {"freq": "yearly"}}),
    ("Thường xuyên", ONGOING, D(2025, 12, 1), None, {"span": SPAN_OPEN, "open_ended": True}),
    # before a period
    ("Trước năm 2028", DATE, None, D(2027, 12, 31), {}),
    ("Trước tháng 6/2026", DATE, None, D(2026, 5, 31), {}),
    ("Hoàn thành trước quý III/2026", DATE, None, D(2026, 6, 30), {}),
    ("Trước tháng 01/2027", DATE, None, D(2026, 12, 31), {}),
    # by the end of a period
    ("Cuối quý II/2026", DATE, None, D(2026, 6, 30), {}),
    ("Chậm nhất tháng 9/2026", DATE, None, D(2026, 9, 30), {}),
    ("Đến hết năm 2026", DATE, None, D(2026, 12, 31), {}),
    # yearless month, plan span
    ("Trong tháng 5", WINDOW, D(2026, 5, 1), D(2026, 5, 31), {"span": SPAN_2026}),
    ("Tháng 12", WINDOW, D(2025, 12, 1), D(2025, 12, 31), {"span": SPAN_2026, "warnings": ("year_assumed",)}),
    ("Quý I", WINDOW, D(2026, 1, 1), D(2026, 3, 31), {"span": SPAN_2026}),
    # parts of the year
    ("6 tháng đầu năm 2026", WINDOW, D(2026, 1, 1), D(2026, 6, 30), {}),
    ("9 tháng đầu năm", WINDOW, D(2026, 1, 1), D(2026, 9, 30), {}),
    ("6 tháng cuối năm", WINDOW, D(2026, 7, 1), D(2026, 12, 31), {}),
    ("Sáu tháng đầu năm 2026", WINDOW, D(2026, 1, 1), D(2026, 6, 30), {}),
    ("Nửa cuối năm 2026", WINDOW, D(2026, 7, 1), D(2026, 12, 31), {}),
    ("3 tháng cuối năm 2026", WINDOW, D(2026, 10, 1), D(2026, 12, 31), {}),
    # plain dates and periods of 2025–2026 plans
    ("Trước ngày 30/6/2026", DATE, None, D(2026, 6, 30), {}),
    ("Hoàn thành trước 15/9/2026", DATE, None, D(2026, 9, 15), {}),
    ("Trước ngày 31 tháng 10 năm 2026", DATE, None, D(2026, 10, 31), {}),
    ("Q2/2026", WINDOW, D(2026, 4, 1), D(2026, 6, 30), {}),
    ("T9/2026", WINDOW, D(2026, 9, 1), D(2026, 9, 30), {}),
    ("Quý IV năm 2026", WINDOW, D(2026, 10, 1), D(2026, 12, 31), {}),
    ("Năm 2026", WINDOW, D(2026, 1, 1), D(2026, 12, 31), {}),
    # compound: main deadline + recurring follow-up
    (
        "Hoàn thành trong quý I/2026; sau đó rà soát hằng năm",
        WINDOW,
        D(2026, 1, 1),
        D(2026, 3, 31),
        {"follow": {"freq": "yearly"}},
    ),
    ("Trước ngày 30/6/2026, sau đó cập nhật hằng quý", DATE, None, D(2026, 6, 30), {"follow": {"freq": "quarterly"}}),
    (
        "Thường xuyên; báo cáo định kỳ 6 tháng và hằng năm",
        ONGOING,
        None,
        D(2026, 12, 31),
        {"follow": {"freq": "half_yearly", "also": [{"freq": "yearly", "day": None, "ad_hoc": False}]}},
    ),
    # event-triggered → on demand
    ("Sau khi Bộ ban hành hướng dẫn", ON_DEMAND, None, None, {"event": "Sau khi Bộ ban hành hướng dẫn"}),
    ("Khi có yêu cầu của UBND tỉnh", ON_DEMAND, None, None, {}),
    ("Khi phát sinh", ON_DEMAND, None, None, {}),
    ("Ngay khi có hướng dẫn của Trung ương", ON_DEMAND, None, None, {}),
    ("Trong vòng 30 ngày kể từ ngày Quyết định có hiệu lực", ON_DEMAND, None, None, {"within_days": 30}),
    ("Theo đề nghị của Sở Nội vụ", ON_DEMAND, None, None, {}),
    # no date in this cell → unspecified
    ("Theo lộ trình của Bộ Công an", UNSPECIFIED, None, None, {"reason": "schedule_elsewhere"}),
    ("Theo kế hoạch riêng", UNSPECIFIED, None, None, {"reason": "schedule_elsewhere"}),
    ("Đang thực hiện", UNSPECIFIED, None, None, {"reason": "status"}),
    ("Đã hoàn thành", UNSPECIFIED, None, None, {"reason": "status"}),
    ("Theo quy định của pháp luật", UNSPECIFIED, None, None, {"reason": "external_guidance"}),
    ("Theo chương trình công tác của UBND tỉnh", UNSPECIFIED, None, None, {"reason": "schedule_elsewhere"}),
    # recurring with the day rule kept
    (
        "Định kỳ hằng quý, trước ngày 5 của tháng đầu quý sau",
        RECURRING,
        D(2026, 1, 1),
        D(2026, 12, 31),
        {"rec": {"freq": "quarterly", "day": 5, "month_of_period": 1, "offset": 1}},
    ),
    ("Hằng tháng trước ngày 22", RECURRING, D(2026, 1, 1), D(2026, 12, 31), {"rec": {"freq": "monthly", "day": 22}}),
    (
        "Trước ngày 8 của tháng cuối quý",
        RECURRING,
        D(2026, 1, 1),
        D(2026, 12, 31),
        {"rec": {"freq": "quarterly", "day": 8, "month_of_period": -1}},
    ),
    (
        "Trước ngày 20/10 hằng năm",
        RECURRING,
        D(2026, 1, 1),
        D(2026, 12, 31),
        {"rec": {"freq": "yearly", "day": 20, "month": 10}},
    ),
    (
        "6 tháng (trước ngày 12/6), năm (trước ngày 10/12)",
        RECURRING,
        D(2026, 1, 1),
        D(2026, 12, 31),
        {
            "rec": {
                "freq": "half_yearly",
                "day": 12,
                "month": 6,
                "also": [{"freq": "yearly", "day": 10, "month": 12, "ad_hoc": False}],
            }
        },
    ),
    (
        "Định kỳ 6 tháng và hằng năm",
        RECURRING,
        D(2026, 1, 1),
        D(2026, 12, 31),
        {"rec": {"freq": "half_yearly", "also": [{"freq": "yearly", "day": None, "ad_hoc": False}]}},
    ),
    (
        "Báo cáo hằng tháng trước ngày 15 tháng sau",
        RECURRING,
        D(2026, 1, 1),
        D(2026, 12, 31),
        {"rec": {"freq": "monthly", "day": 15, "offset": 1}},
    ),
    (
        "Định kỳ hằng quý (trước ngày 15 của tháng cuối quý) hoặc đột xuất",
        RECURRING,
        D(2026, 1, 1),
        D(2026, 12, 31),
        {"rec": {"freq": "quarterly", "day": 15, "month_of_period": -1, "ad_hoc": True}},
    ),
    ("Hằng tuần", RECURRING, D(2026, 1, 1), D(2026, 12, 31), {"rec": {"freq": "weekly"}}),
    ("Hằng ngày", ONGOING, None, D(2026, 12, 31), {}),
    (
        "Báo cáo định kỳ hằng quý, 6 tháng, năm",
        RECURRING,
        D(2026, 1, 1),
        D(2026, 12, 31),
        {"rec": {"freq": "quarterly"}},
    ),
    ("Hằng năm, giai đoạn 2026-2030", RECURRING, D(2026, 1, 1), D(2030, 12, 31), {"rec": {"freq": "yearly"}}),
    ("Hằng năm", RECURRING, D(2025, 12, 1), D(2026, 12, 31), {"span": SPAN_2026, "rec": {"freq": "yearly"}}),
    (
        "Định kỳ hằng tháng, chậm nhất ngày 25",
        RECURRING,
        D(2026, 1, 1),
        D(2026, 12, 31),
        {"rec": {"freq": "monthly", "day": 25}},
    ),
    # N days
    ("60 ngày, từ 1/3/2026", WINDOW, D(2026, 3, 1), D(2026, 4, 29), {"within_days": 60}),
    ("30 ngày kể từ ngày 15/4/2026", WINDOW, D(2026, 4, 15), D(2026, 5, 15), {"within_days": 30}),
    ("Trong thời hạn 45 ngày kể từ 01/02/2026", WINDOW, D(2026, 2, 1), D(2026, 3, 18), {"within_days": 45}),
]

# Phrases the reader must not trust itself with: a date may be read, but the reading is held back.
UNSURE = [
    "Trước Tết Nguyên đán 2027",
    "Quý II hoặc quý III/2026",
    "Đầu năm 2027",
    "Trước ngày 31/3/2026 và 30/9/2026",
    "Trước kỳ họp HĐND tỉnh cuối năm 2026",
    "Khoảng tháng 8/2026",
    "Sau quý II/2026",
    "15 ngày làm việc kể từ ngày 2/3/2026",
    "Trong quý II/2026, sau khi có hướng dẫn",
    "Trước ngày 15/6 và 15/12 hằng năm",
]


def read(phrase: str, extra: dict) -> Deadline:
    return parse_deadline(phrase, Y, extra.get("span"))


def _subset(expected: dict, got: dict | None) -> bool:
    return got is not None and all(got.get(k) == v for k, v in expected.items())


def test_table_has_sixty_new_phrases():
    assert len({p for p, *_ in TABLE}) >= 60


@pytest.mark.parametrize("phrase,kind,start,due,extra", TABLE, ids=[f"{i}:{r[0]}" for i, r in enumerate(TABLE)])
def test_reading(phrase, kind, start, due, extra):
    d = read(phrase, extra)
    assert (d.kind, d.start, d.due) == (kind, start, due), d
    # without a span, a year other than the plan's holds the reading back (today's behaviour) …
    assert not (set(d.flags) - {"year_mismatch", "on_request"}) and not d.warnings or "warnings" in extra, d
    # … and inside a long plan span nothing is held back
    if "span" not in extra and kind not in (UNSPECIFIED, ON_DEMAND):
        assert not parse_deadline(phrase, Y, SPAN_LONG).blocked
    if "rec" in extra:
        assert _subset(extra["rec"], d.recurrence and d.recurrence.to_dict()), d.recurrence
    if "follow" in extra:
        assert _subset(extra["follow"], d.follow_up and d.follow_up.to_dict()), d.follow_up
    for key in ("open_ended", "end_event", "event", "within_days", "reason", "warnings"):
        if key in extra:
            assert getattr(d, key) == extra[key], (key, d)
    assert Deadline.from_dict(d.to_dict()) == d


@pytest.mark.parametrize("phrase", UNSURE)
def test_unsure_readings_are_held_for_a_coordinator(phrase):
    d = parse_deadline(phrase, Y)
    assert d.blocked, d


@pytest.mark.parametrize(
    "phrase", ["Trước ngày 31/4/2026", "Hằng năm trước ngày 31/4", "Tháng 3 - 13/2026", "Từ 30/2/2026", "Quý V/2026"]
)
def test_impossible_dates_are_never_invented(phrase):
    d = parse_deadline(phrase, Y)
    assert d.blocked and ("invalid_date" in d.flags or d.kind == UNSPECIFIED), d
    assert d.kind == RECURRING or d.due is None, d


# --- spans and year_mismatch ----------------------------------------------------------------------


def test_year_mismatch_without_span_keeps_todays_behaviour():
    d = parse_deadline("Quý I/2027", 2026)
    assert d.flags == ("year_mismatch",) and d.blocked


def test_year_mismatch_with_span_is_only_a_warning_outside_it():
    inside = parse_deadline("Quý I/2027", 2026, (D(2025, 12, 1), D(2030, 12, 31)))
    assert (inside.flags, inside.warnings, inside.blocked) == ((), (), False)
    outside = parse_deadline("Quý I/2032", 2026, (D(2025, 12, 1), D(2030, 12, 31)))
    assert outside.warnings == ("year_mismatch",) and not outside.blocked
    before = parse_deadline("Trước ngày 15/11/2025", 2026, (D(2025, 12, 1), None))
    assert before.warnings == ("year_mismatch",) and not before.blocked and before.due == D(2025, 11, 15)


def test_old_dict_without_new_keys_still_loads():
    d = Deadline.from_dict(
        {
            "text": "Quý II",
            "kind": "window",
            "due": "2023-06-30",
            "start": "2023-04-01",
            "recurrence": {"freq": "quarterly", "day": None, "ad_hoc": False},
            "flags": [],
            "reason": None,
        }
    )
    assert d.recurrence.offset == 0 and d.follow_up is None and d.warnings == ()


def test_new_keys_only_when_set():
    assert set(parse_deadline("Quý II năm 2023", 2023).to_dict()) == {
        "text",
        "kind",
        "due",
        "start",
        "recurrence",
        "flags",
        "reason",
    }


# --- no reading produces a date the phrase does not support --------------------------------------


def _numbers(phrase: str) -> set[int]:
    return {int(n) for n in re.findall(r"\d+", phrase)}


def _roman_quarters(phrase: str) -> set[int]:
    low = phrase.lower()
    found = set()
    if re.search(r"\b(?:quý|quí|q)", low):
        for word, q in (("iv", 4), ("iii", 3), ("ii", 2), ("i", 1)):
            if re.search(rf"\b{word}\b", low):
                found.add(q)
    return found | {int(q) for q in re.findall(r"(?:quý|q)\s*([1-4])\b", low)}


def supported(phrase: str, d: date, ctx_years: set[int], within: int | None, other: date | None) -> bool:
    """Every number of the date appears in the phrase or follows from it (period bounds, "trước", N days)."""
    nums = _numbers(phrase)
    years = {n for n in nums if n >= 1900}
    allowed_years = years | {y - 1 for y in years} | (ctx_years if True else set())
    months = {n for n in nums if 1 <= n <= 12} | {1, 12}
    for q in _roman_quarters(phrase):
        months |= {3 * q - 2, 3 * q, 3 * q - 3}  # the quarter, or the month before ("trước quý")
    for n in nums:
        if 1 <= n <= 12:
            months |= {n - 1, 13 - n, 7}  # "trước tháng n", "n tháng cuối năm", half-year
    for word, n in (("sáu", 6), ("nửa", 6), ("chín", 9), ("ba tháng", 3)):
        if word in phrase.lower():
            months |= {n, n + 1, 13 - n}
    if within is not None and other is not None:  # N-day windows: the other end is in the phrase
        return abs((d - other).days) in (within, within - 1) and other.year in allowed_years
    explicit_days = {int(x) for x in re.findall(r"(\d{1,2})\s*[/.\-]\s*\d{1,2}(?!\d)", phrase)}
    explicit_days |= {int(x) for x in re.findall(r"ngày\s*(\d{1,2})", phrase.lower())}
    last = (d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return d.year in allowed_years and d.month in months and (d.day in explicit_days or d.day in (1, last.day))


GENERATED = (
    [
        f"{w} {q}/{y}"
        for w in ("Quý", "Trong quý", "Trước", "Cuối quý")
        for q in ("I", "II", "III", "IV")
        for y in (2026, 2027)
    ]
    + [f"Tháng {a} - {b}/2026" for a in range(1, 12) for b in range(a + 1, 13, 3)]
    + [f"Từ tháng {a} đến tháng {b} năm 2027" for a in range(1, 13, 2) for b in range(a, 13, 4)]
    + [f"Trước tháng {m}/2026" for m in range(1, 13)]
    + [f"Trước năm {y}" for y in range(2026, 2031)]
    + [f"{n} tháng đầu năm {y}" for n in (3, 6, 9) for y in (2026, 2027)]
    + [f"Trước ngày {d}/{m}/2026" for d in (1, 15, 28, 29, 30, 31) for m in range(1, 13)]
    + [f"Từ {d}/{m}/2026" for d in (1, 15, 31) for m in (1, 4, 6, 9, 12)]
    + [f"{n} ngày kể từ ngày {d}/3/2026" for n in (10, 30, 90) for d in (1, 31)]
    + [f"Quý {a} - Quý {b}/2027" for a in ("I", "II", "III", "IV") for b in ("I", "II", "III", "IV")]
    + [f"Giai đoạn {a}–{b}" for a in (2025, 2026) for b in (2027, 2030)]
)


@pytest.mark.parametrize("span", [None, SPAN_2026, SPAN_OPEN])
def test_no_reading_produces_a_date_the_phrase_does_not_support(span):
    ctx_years = {Y} | ({span[0].year, span[0].year + 1} if span else set())
    phrases = [p for p, *_ in TABLE] + UNSURE + GENERATED
    for phrase in phrases:
        d = parse_deadline(phrase, Y, span)
        spanned = span is not None and d.kind in (ONGOING, RECURRING)
        for value, other in ((d.start, d.due), (d.due, d.start)):
            if value is None or (spanned and value in span):
                continue
            if not supported(phrase, value, ctx_years, d.within_days, other):
                raise AssertionError(f"{phrase!r} → {value} ({d})")
