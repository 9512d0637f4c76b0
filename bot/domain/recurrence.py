"""Periods of recurring work as a plan writes them: the cadence and the day rule inside each period.

"Định kỳ hằng quý, trước ngày 5 của tháng đầu quý sau" is a ``Recurrence`` with ``freq="quarterly"``,
``day=5``, ``month_of_period=1`` and ``offset=1``: the report for a quarter is due on the 5th of the
first month of the following quarter. The later wave that expands occurrences reads these fields; the
reader only records what the phrase says, never a default.
"""

from __future__ import annotations

from dataclasses import dataclass

FREQS = ("weekly", "monthly", "quarterly", "half_yearly", "yearly")


@dataclass(frozen=True)
class Recurrence:
    """A period the scheduler can expand: ``freq`` None means the phrase names none.

    ``day``: day of month of the due date ("trước ngày 20 hằng tháng" → 20).
    ``month``: month of year of a named date ("trước ngày 20/10 hằng năm" → 10; for a half-year
    cadence it is the month written, e.g. "6 tháng (trước ngày 12/6)" → 6).
    ``month_of_period``: which month of the period holds the due day: 1 = first, 2 = second,
    -1 = last ("tháng cuối quý"); None when the phrase does not say.
    ``offset``: 0 = inside the period itself, 1 = in the following period ("quý sau", "tháng sau").
    ``also``: further cadences of the same duty ("định kỳ 6 tháng và hằng năm"), each with its own day rule.
    """

    freq: str | None = None
    day: int | None = None
    ad_hoc: bool = False
    month: int | None = None
    month_of_period: int | None = None
    offset: int = 0
    also: tuple["Recurrence", ...] = ()

    @property
    def freqs(self) -> tuple[str | None, ...]:
        """Every cadence named, the main one first."""
        return (self.freq,) + tuple(r.freq for r in self.also)

    def to_dict(self) -> dict:
        """The three historical keys always; the day-rule keys only when the phrase names them."""
        d: dict = {"freq": self.freq, "day": self.day, "ad_hoc": self.ad_hoc}
        if self.month is not None:
            d["month"] = self.month
        if self.month_of_period is not None:
            d["month_of_period"] = self.month_of_period
        if self.offset:
            d["offset"] = self.offset
        if self.also:
            d["also"] = [r.to_dict() for r in self.also]
        return d

    @classmethod
    def from_dict(cls, d: dict | None) -> "Recurrence | None":
        if not d:
            return None
        return cls(
            freq=d.get("freq"),
            day=d.get("day"),
            ad_hoc=bool(d.get("ad_hoc")),
            month=d.get("month"),
            month_of_period=d.get("month_of_period"),
            offset=int(d.get("offset") or 0),
            also=tuple(r for r in (cls.from_dict(x) for x in d.get("also") or ()) if r),
        )
