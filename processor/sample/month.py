"""The calendar of the sample month: its days, public holidays, and the messy spellings staff use.

Everything else in the generator works in day indexes (0 = the 1st) and minutes or seconds
from midnight, so that whole columns can be computed with numpy. This module turns those
back into what a person types into Excel: real dates most of the time, and now and then a
date or time as text (``2026/10/1``, ``2026年10月1日``, ``2026-10-01 星期三``, ``次日 06:02``),
because the reader has to cope with exactly these (inputs.md, reading rules).
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np

WEEKDAYS = "一二三四五六日"

# Public holidays by (year, month). Fixed-date holidays apply to every year; the lunar
# ones are given for 2026 only (a month without an entry simply has no holidays).
FIXED_HOLIDAYS: dict[int, list[tuple[int, int, str]]] = {
    1: [(1, 1, "元旦")],
    5: [(1, 5, "劳动节")],
    10: [(1, 7, "国庆节")],
}
LUNAR_HOLIDAYS: dict[tuple[int, int], list[tuple[int, int, str]]] = {
    (2026, 2): [(15, 23, "春节")],
    (2026, 4): [(4, 6, "清明节")],
    (2026, 6): [(19, 21, "端午节")],
    (2026, 9): [(25, 27, "中秋节")],
}


@dataclass(frozen=True)
class MonthInfo:
    """One calendar month, with helpers to go between day indexes and dates."""

    year: int
    month: int
    holidays: tuple[tuple[int, str], ...]  # (day index, name)

    @classmethod
    def parse(cls, text: str) -> MonthInfo:
        try:
            y, m = (int(p) for p in text.split("-"))
            date(y, m, 1)
        except ValueError as exc:  # includes a wrong number of parts
            raise ValueError(f"month must look like 2026-10, not {text!r}") from exc
        spans = FIXED_HOLIDAYS.get(m, []) + LUNAR_HOLIDAYS.get((y, m), [])
        days = sorted((d - 1, name) for first, last, name in spans for d in range(first, last + 1))
        return cls(y, m, tuple(days))

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def days(self) -> int:
        return calendar.monthrange(self.year, self.month)[1]

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    def date(self, day: int) -> date:
        return self.first + timedelta(days=int(day))

    def at(self, day: int, minute: int, second: int = 0) -> datetime:
        """The datetime ``minute`` minutes (may exceed a day or be negative) after day's midnight."""
        return datetime.combine(self.first, time()) + timedelta(days=int(day), minutes=int(minute),
                                                                 seconds=int(second))

    def weekday(self, day: int) -> int:
        return self.date(day).weekday()

    def holiday_mask(self) -> np.ndarray:
        mask = np.zeros(self.days, dtype=bool)
        for d, _ in self.holidays:
            mask[d] = True
        return mask

    def is_holiday(self, day: int) -> bool:
        return any(d == day for d, _ in self.holidays)

    def weekend_mask(self) -> np.ndarray:
        return np.array([self.weekday(d) >= 5 for d in range(self.days)])

    @property
    def excel_serial(self) -> int:
        """Excel's serial number of the 1st (1900 date system)."""
        return (self.first - date(1899, 12, 30)).days


def date_text(d: date, style: int) -> str:
    """A date as staff type it: 0 ``2026/10/1``, 1 ``2026年10月1日``, 2 ``2026-10-01 星期三``."""
    if style == 0:
        return f"{d.year}/{d.month}/{d.day}"
    if style == 1:
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.isoformat()} 星期{WEEKDAYS[d.weekday()]}"


def time_text(seconds: int, next_day: bool = False, with_seconds: bool = False) -> str:
    """A clock time as text: ``08:59``, ``8:59:30`` or ``次日 02:00``."""
    h, rem = divmod(int(seconds) % 86400, 3600)
    m, s = divmod(rem, 60)
    if next_day:
        return f"次日 {h:02d}:{m:02d}"
    if with_seconds:
        return f"{h}:{m:02d}:{s:02d}"
    return f"{h:02d}:{m:02d}"


def clock(seconds: int) -> time:
    """Seconds after midnight (any day) as a time of day."""
    h, rem = divmod(int(seconds) % 86400, 3600)
    return time(h, *divmod(rem, 60))
