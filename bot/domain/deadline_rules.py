"""The named rules of the deadline reader, in the order they are tried (``RULES``)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.domain import deadline_words as W
from bot.domain.deadline_reader import (
    DATE,
    INVALID,
    INVALID_DATE,
    ON_DEMAND,
    ON_REQUEST,
    ONGOING,
    RECURRING,
    UNSPECIFIED,
    UNSURE,
    WINDOW,
    Ctx,
    Reading,
    date_at,
    default_span,
    last_day,
    period_at,
    when_at,
)
from bot.domain.recurrence import Recurrence

PER_FREQ = {"quy": "quarterly", "nam": "yearly", "6 thang": "half_yearly"}


def rule_unspecified(ctx: Ctx, lo: int, hi: int) -> Reading | None:
    """ "Theo tiến độ đã giao", "Theo lộ trình của Bộ", "Đang thực hiện": no date in this cell."""
    for pat, reason in W.UNSPECIFIED:
        if pat.search(ctx.s, lo, hi):
            ctx.take(lo, hi)
            return Reading(UNSPECIFIED, reason=reason)
    return None


def rule_on_demand(ctx: Ctx, lo: int, hi: int) -> Reading | None:
    """ "Khi có yêu cầu", "Sau khi Bộ ban hành hướng dẫn", "30 ngày kể từ khi …": starts on an event."""
    if W.ON_REQUEST_PREFIX.search(ctx.s, lo, hi):
        return None
    for pat in W.ON_DEMAND:
        if pat.search(ctx.s, lo, hi):
            m = re.search(r"(\d{1,3}) ngay", ctx.s[lo:hi])
            ctx.take(lo, hi)
            return Reading(ON_DEMAND, within_days=int(m.group(1)) if m else None)
    return None


def rule_n_days(ctx: Ctx, lo: int, hi: int) -> Reading | None:
    """ "60 ngày, từ 1/3/2026", "30 ngày kể từ ngày 15/4/2026": a window of N days.

    "kể từ" counts from the day after (Bộ luật Dân sự, Art. 147); "từ" counts the first day itself.
    """
    m = ctx.find(W.N_DAYS, lo, hi)
    if not m:
        return None
    ctx.take(m.start(), m.end())
    got = date_at(ctx, m.end(), hi, anchored=True)
    if not got:
        return None
    start, n = got[0], int(m.group("n"))
    if start is INVALID:
        return Reading(DATE)
    if m.group("work"):  # working days need the calendar: hold for a coordinator
        ctx.flag(UNSURE)
        return Reading(WINDOW, start=start, within_days=n)
    due = start + timedelta(days=n if m.group("from") == "ke tu" else n - 1)
    return Reading(WINDOW, start=start, due=due, within_days=n)


def cadences(ctx: Ctx, lo: int, hi: int) -> Recurrence | None:
    """The cadences named in [lo, hi) and the day rule of each: None when there is none at all."""
    rules = []
    for m in list(re.finditer(W.DAY_RULE, ctx.s[lo:hi])):
        a, b = lo + m.start(), lo + m.end()
        if not ctx.free(a, b):
            continue
        rule = _day_rule(ctx, m)
        if rule is not None:
            ctx.take(a, b)
            rules.append((a, rule))
    found = []
    for pat, freq in W.CADENCES:
        for m in pat.finditer(ctx.s, lo, hi):
            g = "w" if freq is None else 0
            if ctx.free(m.start(g), m.end(g)):
                ctx.take(m.start(g), m.end(g))
                found.append((m.start(g), freq or W.BARE_CADENCE[m.group("w")]))
    found.sort()
    if not found:
        pers = [r.get("per") for _, r in rules if r.get("per")]
        if pers:
            found = [(lo, PER_FREQ[pers[0]])]
    ad_hoc = ctx.find(W.AD_HOC, lo, hi)
    if ad_hoc:
        ctx.take(ad_hoc.start(), ad_hoc.end())
    has_dinh_ky = False
    for m in re.finditer(r"\bdinh ky\b", ctx.s[lo:hi]):
        ctx.take(lo + m.start(), lo + m.end())
        has_dinh_ky = True
    if not found and not rules and not has_dinh_ky:
        return None
    slots: list[dict] = [{"freq": f} for _, f in found] or [{"freq": None}]
    seen: set[str | None] = set()
    for pos, rule in rules:
        i = max([k for k, (p, _) in enumerate(found) if p < pos] or [0])
        if "day" in slots[i]:
            ctx.flag(UNSURE)
            continue
        slots[i].update(rule)
    parts = []
    for slot in slots:
        if slot["freq"] in seen:
            continue
        seen.add(slot["freq"])
        parts.append(
            Recurrence(
                freq=slot["freq"],
                day=slot.get("day"),
                month=slot.get("month"),
                month_of_period=slot.get("month_of_period"),
                offset=slot.get("offset", 0),
            )
        )
    main = parts[0]
    return Recurrence(
        main.freq, main.day, bool(ad_hoc), main.month, main.month_of_period, main.offset, tuple(parts[1:])
    )


def _day_rule(ctx: Ctx, m: re.Match) -> dict | None:
    d = int(m.group("d"))
    month = m.group("m") or m.group("mn")
    rule: dict = {"day": d}
    if month:
        rule["month"] = int(month)
        try:
            date(2000, int(month), d)
        except ValueError:
            ctx.flag(INVALID_DATE)
            return None
    elif not 1 <= d <= 31:
        ctx.flag(INVALID_DATE)
        return None
    if m.group("which"):
        rule["month_of_period"] = W.WHICH_MONTH[m.group("which")]
    if m.group("per") in PER_FREQ:
        rule["per"] = m.group("per")
    if m.group("next"):
        rule["offset"] = 1
    return rule


def rule_recurring(ctx: Ctx, lo: int, hi: int) -> Reading | None:
    """ "Định kỳ hằng quý, trước ngày 5 của tháng đầu quý sau", "trước ngày 20/10 hằng năm", …"""
    if not ctx.find(W.RECURRING, lo, hi):
        return None
    rec = cadences(ctx, lo, hi)
    if rec is None:
        return None
    start, due, open_ended = _run_of(ctx, lo, hi)
    return Reading(RECURRING, due=due, start=start, recurrence=rec, open_ended=open_ended)


def _run_of(ctx: Ctx, lo: int, hi: int, start_from_only: bool = False):
    """(start, due, open_ended) of recurring or ongoing work: what the phrase names, else the span."""
    opened = ctx.find(W.OPEN_END, lo, hi)
    if opened:
        ctx.take(opened.start(), opened.end())
    frm = ctx.find(W.STARTS_FROM, lo, hi)
    got = None
    if frm:
        ctx.take(frm.start(), frm.end())
        got = when_at(ctx, frm.end(), hi, anchored=True)
    if got is None:
        got = when_at(ctx, lo, hi)
        frm = None
    if got is not None and got[0] is INVALID:
        return None, None, False
    if got is None:
        s, d, o = default_span(ctx)
        return s, d, o or bool(opened)
    (first, last), unit = got
    if opened:
        _s, d, _o = default_span(ctx, first.year)
        return first, (d if ctx.span is not None else None), True
    if frm:
        _s, d, o = default_span(ctx, first.year)
        return first, d, o
    return first, last, False


def rule_range(ctx: Ctx, lo: int, hi: int) -> Reading | None:
    """ "Tháng 3 - 4/2026", "từ tháng 6 đến tháng 9 năm 2026", "Quý III/2026 - Quý I/2027"."""
    for sep in W.RANGE_SEP.finditer(ctx.s, lo, hi):
        mark = ctx.mark()
        got = _try_range(ctx, lo, sep, hi)
        if got:
            return got
        ctx.reset(mark)
    return None


_LEFT = (("date", W.DATE_WORDS), ("date", W.DATE_NUM), ("quarter", W.QUARTER), ("month", W.MONTH), ("year", W.YEAR))


def _try_range(ctx: Ctx, lo: int, sep: re.Match, hi: int) -> Reading | None:
    s = ctx.s
    left = None
    for unit, pat in _LEFT:
        for m in pat.finditer(s, lo, sep.start()):
            if m.end() == sep.start() and ctx.free(m.start(), m.end()):
                left = (unit, m)
                break
        if left:
            break
    if not left:
        return None
    unit, lm = left
    right = _right_side(ctx, unit, sep.end(), hi)
    if right is None:
        return None
    (r_first, r_last), r_year = right
    raw_left_year = lm.groupdict().get("y") or lm.groupdict().get("y2")
    mark = ctx.mark()
    got = when_at(ctx, lm.start(), lm.end(), default_year=None if raw_left_year else str(r_year), anchored=True)
    if got and got[0] is not INVALID and not raw_left_year and got[0][0] > r_last:
        ctx.reset(mark)
        got = when_at(ctx, lm.start(), lm.end(), default_year=str(r_year - 1), anchored=True)
    if not got or got[0] is INVALID or got[0][0] > r_last:
        return None
    ctx.take(sep.start(), sep.end())
    lead = W.RANGE_START.match(s, lo, lm.start())
    if lead:
        ctx.take(lead.start(), lead.end())
    ongoing = ctx.find(W.ONGOING, lo, hi)
    if ongoing:
        ctx.take(ongoing.start(), ongoing.end())
    return Reading(ONGOING if ongoing else WINDOW, start=got[0][0], due=r_last)


def _right_side(ctx: Ctx, left_unit: str, a: int, hi: int):
    """((first, last), year) of a range's right side; a bare "4/2026" takes the left side's unit."""
    s = ctx.s
    bare = W.BARE_UNIT.match(s, a, hi)
    if bare and left_unit in ("quarter", "month") and ctx.free(a, hi):
        n, y = bare.group("n"), ctx.year(bare.group("y")) if bare.group("y") else None
        if left_unit == "quarter" and n in W.ROMAN:
            q = W.ROMAN[n]
            months = (3 * q - 2, 3 * q)
        elif left_unit == "month" and n.isdigit() and 1 <= int(n) <= 12:
            months = (int(n), int(n))
        else:
            return None
        y = y or ctx.year(None, months)
        ctx.take(a, bare.end())
        return (date(y, months[0], 1), last_day(y, months[1])), y
    got = when_at(ctx, a, hi, anchored=True)
    if not got or got[0] is INVALID:
        return None
    (first, last), unit = got
    if unit in ("year", "years") and left_unit != "year":
        return None
    if re.search(r"\d", ctx.residual(a, hi)):
        return None
    return (first, last), last.year


def rule_ongoing(ctx: Ctx, lo: int, hi: int) -> Reading | None:
    """ "Thường xuyên", "Từ 15/3/2026", "từ … đến khi …", "Năm 2026 và những năm tiếp theo"."""
    on = ctx.find(W.ONGOING, lo, hi)
    frm = ctx.find(W.STARTS_FROM, lo, hi)
    opened = ctx.find(W.OPEN_END, lo, hi)
    if not (on or frm or opened):
        return None
    if on:
        ctx.take(on.start(), on.end())
        ad_hoc = ctx.find(W.AD_HOC, lo, hi)  # "Thường xuyên hoặc đột xuất"
        if ad_hoc:
            ctx.take(ad_hoc.start(), ad_hoc.end())
            ctx.flag(ON_REQUEST)
    until = ctx.find(W.UNTIL_EVENT, lo, hi)
    if until:
        ctx.take(until.start(), until.end())
    if frm and not on and not opened and not until:
        # "từ <date>" alone: only when what follows is a date or period (else let other rules try)
        mark = ctx.mark()
        if not when_at(ctx, frm.end(), hi, anchored=True):
            ctx.reset(mark)
            return None
        ctx.reset(mark)
    start, due, open_ended = _run_of(ctx, lo, hi)
    if (
        on
        and not frm
        and not opened
        and start
        and due
        and (start.month, start.day) == (1, 1)
        and (due.month, due.day) == (12, 31)
        and start.year == due.year
    ):
        start = None  # "Thường xuyên trong năm 2023": no start of its own
    elif (
        on
        and not frm
        and not opened
        and ctx.span is None
        and start == date(ctx.plan_year, 1, 1)
        and due == date(ctx.plan_year, 12, 31)
    ):
        start = None
    return Reading(ONGOING, due=due, start=start, open_ended=open_ended, end_event="" if until else None)


def rule_before(ctx: Ctx, lo: int, hi: int) -> Reading | None:
    """ "trước năm 2028" → 31/12/2027; "trước tháng 6/2026" → 31/5/2026; "trước quý III" → 30/6."""
    m = ctx.find(W.BEFORE_PERIOD, lo, hi)
    if not m:
        return None
    got = period_at(ctx, m.end(), hi, anchored=True)
    if not got:
        return None
    ctx.take(m.start(), m.end())
    if got[0] is INVALID:
        return Reading(DATE)
    return Reading(DATE, due=got[0][0] - timedelta(days=1))


def rule_by_end(ctx: Ctx, lo: int, hi: int) -> Reading | None:
    """ "cuối quý II/2026", "chậm nhất tháng 6/2026", "đến hết năm 2026": by the period's last day."""
    m = ctx.find(W.BY_END_OF, lo, hi)
    if not m:
        return None
    got = period_at(ctx, m.end(), hi, anchored=True)
    if not got:
        return None
    ctx.take(m.start(), m.end())
    if got[0] is INVALID:
        return Reading(DATE)
    return Reading(DATE, due=got[0][1])


def rule_date(ctx: Ctx, lo: int, hi: int) -> Reading | None:
    """ "Trước ngày 31/5/2026", "ngày 15 tháng 6 năm 2026": a single day."""
    got = date_at(ctx, lo, hi)
    if not got:
        return None
    return Reading(DATE, due=None if got[0] is INVALID else got[0])


def rule_period(ctx: Ctx, lo: int, hi: int) -> Reading | None:
    """ "Quý II năm 2026", "6 tháng đầu năm", "Trong tháng 5", "giai đoạn 2026–2028": a window."""
    got = period_at(ctx, lo, hi)
    if not got:
        return None
    if got[0] is INVALID:
        return Reading(DATE)
    return Reading(WINDOW, start=got[0][0], due=got[0][1])


RULES = (
    rule_unspecified,
    rule_on_demand,
    rule_n_days,
    rule_recurring,
    rule_range,
    rule_ongoing,
    rule_before,
    rule_by_end,
    rule_date,
    rule_period,
)


def read_one(ctx: Ctx, lo: int, hi: int) -> Reading | None:
    """The first rule that reads [lo, hi); the context is left as it was when none does."""
    also = ctx.find(W.ALSO_ON_REQUEST, lo, hi)
    for rule in RULES:
        mark = ctx.mark()
        if also:
            ctx.take(also.start(), also.end())
            ctx.flag(ON_REQUEST)
        got = rule(ctx, lo, hi)
        if got is not None:
            return got
        ctx.reset(mark)
    return None


_CONNECTOR = re.compile(r"(?:;|,|\.(?=\s)|\(|\bva\b|\bsau do\b)(?:\s*(?:sau do|tiep theo|va)\b)?")


def read_compound(ctx: Ctx) -> Reading | None:
    """ "Hoàn thành trong quý I/2026; sau đó rà soát hằng năm": the main reading plus a follow-up."""
    s = ctx.s
    for c in _CONNECTOR.finditer(s):
        head, tail = s[: c.start()], s[c.start() :]
        if not W.RECURRING.search(tail) or W.RECURRING.search(head) or not head.strip():
            continue
        mark = ctx.mark()
        main = read_one(ctx, 0, c.start())
        if main and main.kind in (DATE, WINDOW, ONGOING) and main.due is not None:
            ctx.take(c.start(), c.end())
            follow = cadences(ctx, c.start(), len(s))
            if follow is not None:
                main.follow_up = follow
                return main
        ctx.reset(mark)
        return None
    return None
