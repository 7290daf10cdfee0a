"""Who works which shift on which day, and when they punched in and out.

The month is held as small integer matrices (employee × day) so that a center of 2,000
people is a handful of numpy operations: ``shift`` (the rota), ``status`` (what happened on
the day: on time, late, a missing punch, a no-show, leave …) and ``minutes`` (how late or
early). The deliberate cases (``leave``, ``swaps``, ``cases``) write into these matrices;
:func:`punches` turns them into clock times at the end.

Customer-service agents rotate weekly through 早/中/晚/夜 with two rest days after each
week (so a change of shift never follows a night directly); everyone else works 白班 on
weekdays and rests on weekends and public holidays.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .month import MonthInfo
from .people import AGENT, LEAD, Roster

REST, MORNING, MIDDLE, EVENING, NIGHT, DAY = range(6)
SHIFT_LABEL = ("休息", "早班", "中班", "晚班", "夜班", "白班")
SHIFT_START = np.array([0, 510, 720, 900, 1320, 540])  # minutes after midnight
SHIFT_LEN = np.array([0, 540, 540, 540, 480, 540])  # 晚班 ends at 24:00, 夜班 at 06:00 next day
ROTATION = (MORNING, MIDDLE, EVENING, NIGHT)

# What happened on a scheduled day.
OK, LATE, LATE30, EXCUSED, NO_IN, NO_OUT, NOSHOW, LEAVE, PARTIAL, EARLY = range(10)
ABSENT = (LATE30, NOSHOW)  # statuses that are a day of absence by themselves


@dataclass
class Schedule:
    month: MonthInfo
    shift: np.ndarray  # int8 [employee, day]
    status: np.ndarray  # int8 [employee, day]
    minutes: np.ndarray  # int16 [employee, day]: late / early minutes, or arrival after partial leave
    punctual: np.ndarray  # bool [employee]: usually in 10+ minutes early (ATT-PREP)
    busy: np.ndarray  # bool [employee, day]: already used by a deliberate case
    notes: dict[tuple[int, int], str] = field(default_factory=dict)  # 备注 column

    def works(self, e: int, d: int) -> bool:
        return 0 <= d < self.month.days and self.shift[e, d] != REST

    def gap_ok(self, e: int, d: int, hours: int = 8) -> bool:
        """True when working shift ``shift[e, d]`` leaves ``hours`` free before and after (SW-CONSEC)."""
        s = int(self.shift[e, d])
        if s == REST:
            return True
        start = d * 1440 + int(SHIFT_START[s])
        end = start + int(SHIFT_LEN[s])
        for other in (d - 1, d + 1):
            if self.works(e, other):
                o = int(self.shift[e, other])
                o_start = other * 1440 + int(SHIFT_START[o])
                o_end = o_start + int(SHIFT_LEN[o])
                if (other < d and start - o_end < hours * 60) or (other > d and o_start - end < hours * 60):
                    return False
        return True

    def worked(self) -> np.ndarray:
        """Days actually worked (some punch on a scheduled day, no full-day leave)."""
        return (self.shift != REST) & ~np.isin(self.status, (NOSHOW, LEAVE))


def build_schedule(rng: np.random.Generator, roster: Roster, month: MonthInfo) -> Schedule:
    n, days = len(roster), month.days
    shift = np.full((n, days), REST, dtype=np.int8)
    day_idx = np.arange(days)
    office = ~(month.weekend_mask() | month.holiday_mask())
    for members in roster.teams.values():
        k = 0
        for e in members:
            if roster.people[e].role in (AGENT, LEAD):
                offset = (3 * k + int(rng.integers(7))) % 7
                base = k % 4
                week = (day_idx + offset) // 7
                rota = np.array(ROTATION)[(base + week) % 4]
                shift[e] = np.where((day_idx + offset) % 7 >= 5, REST, rota)
                k += 1
            else:
                shift[e] = np.where(office, DAY, REST)
    return Schedule(
        month=month,
        shift=shift,
        status=np.zeros((n, days), dtype=np.int8),
        minutes=np.zeros((n, days), dtype=np.int16),
        punctual=rng.random(n) < 0.8,
        busy=np.zeros((n, days), dtype=bool),
    )


def add_noise(rng: np.random.Generator, sched: Schedule) -> None:
    """Everyday slips on days no deliberate case touched: a few minutes late, a little early."""
    free = (sched.shift != REST) & (sched.status == OK) & ~sched.busy
    draw = rng.random(free.shape)
    late = free & (draw < 0.012)
    early = free & (draw >= 0.012) & (draw < 0.016)
    sched.status[late] = LATE
    sched.minutes[late] = rng.integers(1, 10, size=int(late.sum()))
    sched.status[early] = EARLY
    sched.minutes[early] = rng.integers(1, 13, size=int(early.sum()))


def punches(rng: np.random.Generator, sched: Schedule) -> tuple[np.ndarray, np.ndarray]:
    """Clock-in and clock-out as seconds after the day's midnight (≥ 86400: next day); -1 = none."""
    n, days = sched.shift.shape
    start = SHIFT_START[sched.shift] * 60
    end = start + SHIFT_LEN[sched.shift] * 60
    st, mins = sched.status, sched.minutes.astype(np.int64) * 60
    sec = rng.integers(0, 60, size=(n, days))
    early_by = np.where(sched.punctual[:, None], rng.integers(600, 1260, size=(n, days)),
                        rng.integers(150, 900, size=(n, days)))
    clock_in = start - early_by
    clock_in = np.where(np.isin(st, (LATE, LATE30, EXCUSED)), start + mins + sec, clock_in)
    clock_in = np.where(st == PARTIAL, start + mins - rng.integers(60, 400, size=(n, days)), clock_in)
    clock_out = end + rng.integers(30, 900, size=(n, days))
    clock_out = np.where(st == EARLY, end - mins - sec, clock_out)
    blank = (sched.shift == REST) | np.isin(st, (NOSHOW, LEAVE))
    clock_in = np.where(blank | (st == NO_IN), -1, clock_in)
    clock_out = np.where(blank | (st == NO_OUT), -1, clock_out)
    return clock_in, clock_out
