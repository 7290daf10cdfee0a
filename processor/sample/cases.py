"""Placing the deliberate cases: who gets which case, on which days, without collisions.

A sample is only useful when each rule fires where it is meant to and nowhere else. The
:class:`Planner` keeps the bookkeeping that makes that true: a day used by one case is never
reused by another (no leave on a swap day, no two leave requests overlapping), nobody but
the two designated people reaches three absence days, a leave never empties a team's shift
(LV-COVERAGE), and every case is logged with the ids involved so that tests and the demo can
say what to expect. The attendance cases themselves are at the end of this module.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

import numpy as np

from .people import AGENT, Roster
from .schedule import (
    EARLY,
    EXCUSED,
    LATE30,
    LEAVE,
    MIDDLE,
    MORNING,
    NIGHT,
    NO_IN,
    NO_OUT,
    NOSHOW,
    REST,
    Schedule,
)

DAY_SHIFTS = (MORNING, MIDDLE)


@dataclass(frozen=True)
class Case:
    """One deliberate case, for the record: table, what it is, who, when, what should happen."""

    table: str
    key: str
    ids: tuple[str, ...]
    dates: tuple[date, ...]
    expect: str


class Snapshot(NamedTuple):
    shift: np.ndarray
    status: np.ndarray
    minutes: np.ndarray
    busy: np.ndarray
    notes: dict[tuple[int, int], str]
    absences: np.ndarray
    uses: np.ndarray
    cases: int


class Planner:
    def __init__(self, rng: np.random.Generator, roster: Roster, sched: Schedule) -> None:
        self.rng, self.roster, self.sched = rng, roster, sched
        self.month = sched.month
        n = len(roster)
        self.absences = np.zeros(n, dtype=np.int64)
        self.uses = np.zeros(n, dtype=np.int64)
        self.reserved: set[int] = set()
        self.cases: list[Case] = []

    # -- people ---------------------------------------------------------------------------
    def agents(self) -> list[int]:
        return self.roster.with_role(AGENT)

    def order(self, candidates: list[int]) -> list[int]:
        """Least-used first, ties in a seeded random order (never hash order)."""
        key = self.rng.permutation(len(candidates))
        return [e for _, _, e in sorted(zip(self.uses[candidates].tolist(), key.tolist(), candidates))]

    def eligible(self, candidates: list[int], absences: int) -> list[int]:
        return [e for e in candidates if e not in self.reserved and self.absences[e] + absences <= 2]

    # -- days -----------------------------------------------------------------------------
    def covered_ok(self, e: int, d: int) -> bool:
        """Someone else of the team stays on this shift (LV-COVERAGE)."""
        s = self.sched.shift[e, d]
        for j in self.roster.teams[self.roster.people[e].team]:
            if j != e and self.sched.shift[j, d] == s and self.sched.status[j, d] != LEAVE:
                return True
        return not any(j != e and self.sched.shift[j, d] == s
                       for j in self.roster.teams[self.roster.people[e].team])

    def find_days(self, e: int, count: int = 1, shifts: tuple[int, ...] = DAY_SHIFTS,
                  holiday: bool = False, lo: int = 3, hi: int | None = None,
                  span: bool = False) -> list[int] | None:
        """``count`` consecutive calendar days for ``e`` (working days of ``shifts``; with
        ``span`` the first and last must work, rest days between are allowed), starting
        between day indexes ``lo`` and ``hi``."""
        days = self.month.days
        hol = self.month.holiday_mask()
        last = days - count if hi is None else min(hi, days - count)
        starts = self.rng.permutation(np.arange(lo, last + 1)).tolist()
        for d in starts:
            run = list(range(d, d + count))
            if any(self.sched.busy[e, x] for x in run) or any(hol[x] != holiday for x in run):
                continue
            ends = (run[0], run[-1]) if span else run
            if not all(self.sched.shift[e, x] in shifts for x in ends):
                continue
            if all(self.covered_ok(e, x) for x in run if self.sched.shift[e, x] != REST):
                return run
        return None

    def place(self, candidates: list[int], absences: int = 0, **kw: Any) -> tuple[int, list[int]] | None:
        """The least-used eligible person with days that fit (``kw`` as for :meth:`find_days`)."""
        for e in self.order(self.eligible(candidates, absences)):
            run = self.find_days(e, **kw)
            if run is not None:
                return e, run
        return None

    # -- trying --------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """Everything a case changes, to take back a multi-part case that did not fit."""
        s = self.sched
        return Snapshot(s.shift.copy(), s.status.copy(), s.minutes.copy(), s.busy.copy(), dict(s.notes),
                        self.absences.copy(), self.uses.copy(), len(self.cases))

    def restore(self, snap: Snapshot) -> None:
        s = self.sched
        s.shift, s.status, s.minutes, s.busy, s.notes = snap.shift, snap.status, snap.minutes, snap.busy, snap.notes
        self.absences, self.uses = snap.absences, snap.uses
        del self.cases[snap.cases:]

    # -- marking --------------------------------------------------------------------------
    def mark(self, e: int, days: list[int], status: int | None = None, minutes: int = 0,
             note: str | None = None, absences: int = 0) -> None:
        for d in days:
            self.sched.busy[e, d] = True
            if status is not None and self.sched.shift[e, d] != REST:
                self.sched.status[e, d] = status
                self.sched.minutes[e, d] = minutes
            if note:
                self.sched.notes[(e, d)] = note
        self.absences[e] += absences
        self.uses[e] += 1

    def log(self, table: str, key: str, people: list[int], days: list[int], expect: str) -> None:
        ids = tuple(self.roster.people[e].id for e in people)
        self.cases.append(Case(table, key, ids, tuple(self.month.date(d) for d in days), expect))

    def skipped(self, table: str, key: str) -> None:
        self.cases.append(Case(table, key, (), (), "skipped: no suitable person or day"))


def attendance_cases(p: Planner) -> None:
    """The attendance cases of the issue: one deemed resignation, one person at exactly 3
    absence days, LATE30, excused lateness, missing punches, no-shows, an early leave."""
    agents = p.agents()
    hit = p.place(agents, absences=0, count=4)
    if hit:
        e, run = hit
        p.mark(e, run, NOSHOW, note=None, absences=4)
        p.reserved.add(e)
        p.log("attendance", "ATT-RESIGN: 4 no-show days in a row", [e], run,
              "4 absence days; deemed resigned on the 4th (APR-VETO)")
    else:
        p.skipped("attendance", "ATT-RESIGN")
    three = p.place(agents, absences=0, count=1)
    if three:
        e, run = three
        days = [run[0]]
        p.mark(e, run, NOSHOW)
        for status, minutes in ((NOSHOW, 0), (LATE30, 41)):
            more = p.find_days(e)
            if more is None:
                break
            p.mark(e, more, status, minutes)
            days += more
        p.absences[e] += len(days)
        p.reserved.add(e)
        p.log("attendance", f"{len(days)} absence days (2 no-shows, 1 late 41 min)", [e], sorted(days),
              "exactly 3 absence days, not deemed resigned")
    singles = [
        ("ATT-LATE30: late 30 min", LATE30, 30, 1, DAY_SHIFTS, "absence (30:xx is 30 whole minutes)"),
        ("ATT-LATE30: late 52 min", LATE30, 52, 1, DAY_SHIFTS, "absence, no per-minute fine"),
        ("ATT-EARLY: left 35 min early", EARLY, 35, 1, DAY_SHIFTS, "early ≥ 30 min: absence"),
        ("ATT-EXCUSED: late 8 min, 事先请示", EXCUSED, 8, 0, DAY_SHIFTS, "recorded, not fined"),
        ("ATT-EXCUSED: late 17 min, 事先请示", EXCUSED, 17, 0, DAY_SHIFTS, "recorded, not fined"),
        ("ATT-EXCUSED: late 45 min, 事先请示", EXCUSED, 45, 0, DAY_SHIFTS, "wins over ATT-LATE30: no absence"),
        ("ATT-MISSPUNCH: no clock-in", NO_IN, 0, 0, DAY_SHIFTS, "flag, no fine"),
        ("ATT-MISSPUNCH: no clock-out", NO_OUT, 0, 0, DAY_SHIFTS, "flag, no fine"),
        ("ATT-MISSPUNCH: no clock-out on a night shift", NO_OUT, 0, 0, (NIGHT,), "flag, no fine"),
        ("ATT-NOSHOW", NOSHOW, 0, 1, DAY_SHIFTS, "absence"),
        ("ATT-NOSHOW", NOSHOW, 0, 1, DAY_SHIFTS, "absence"),
        ("ATT-NOSHOW on a night shift", NOSHOW, 0, 1, (NIGHT,), "absence"),
    ]
    for key, status, minutes, absences, shifts, expect in singles:
        hit = p.place(agents, absences=absences, shifts=shifts)
        if hit is None:
            p.skipped("attendance", key)
            continue
        e, run = hit
        p.mark(e, run, status, minutes, absences=absences)
        p.log("attendance", key, [e], run, expect)
