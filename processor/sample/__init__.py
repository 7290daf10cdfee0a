"""`opscore sample`: a realistic, deterministic month of input workbooks.

The demo, the tests and the benchmark all need a month that looks like what admin staff
really hand over (title rows, aliases, text dates, a GB18030 CSV, tables sharing a workbook,
tickets split over files) and that holds, on purpose, one example of each rule firing and not
firing. Every random choice comes from ``numpy.random.default_rng`` streams spawned from the
seed, one per part, so the same seed gives the same files byte for byte, and changing the
ticket count leaves the roster, rota and requests as they were.

Stages: :mod:`.people` (roster) → :mod:`.schedule` (rota) → :mod:`.swaps`, :mod:`.cases`,
:mod:`.leave` (deliberate cases, placed by :class:`.cases.Planner`) → :mod:`.service`
(tickets) → :mod:`.reviews` (QA, ratings, indicators, incidents, breaks) → :mod:`.files` and
:mod:`.ticket_files` (writing).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from ..errors import UsageError
from . import files, reviews
from .cases import Case, Planner, attendance_cases
from .leave import leave_requests
from .month import MonthInfo
from .people import Roster, build_roster
from .schedule import Schedule, add_noise, build_schedule, punches
from .service import Tickets, make_tickets
from .swaps import shift_swaps
from .ticket_files import write_tickets

__all__ = ["Case", "SampleMonth", "build_month", "generate_month"]

STREAMS = ("people", "schedule", "cases", "punches", "tickets", "reviews", "mess")


@dataclass
class SampleMonth:
    """Everything generated for one month, before it is written."""

    month: MonthInfo
    roster: Roster
    schedule: Schedule
    clock_in: np.ndarray
    clock_out: np.ndarray
    leave: list[dict[str, object]]
    swaps: list[dict[str, object]]
    tickets: Tickets
    qa: list[dict[str, object]]
    ratings: list[dict[str, object]]
    indicators: list[dict[str, object]]
    incidents: list[dict[str, object]]
    breaks: list[dict[str, object]]
    cases: list[Case]
    absences: dict[str, int]  # employee id → absence days the cases were built to produce


def build_month(month: str = "2026-10", employees: int = 60, tickets: int = 4000, seed: int = 7,
                progress: Callable[[str], object] | None = None) -> SampleMonth:
    """Generate the month's tables in memory (what :func:`generate_month` writes)."""
    say = progress or (lambda message: None)
    if tickets < 0:
        raise UsageError("工单数不能为负‖tickets must be 0 or more")
    try:
        info = MonthInfo.parse(month)
    except ValueError as exc:
        raise UsageError(f"月份应形如 2026-10: {month}‖{exc}") from exc
    say(f"生成 {info.key} 员工名册与排班 ({employees} 人)")
    rng = dict(zip(STREAMS, (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(len(STREAMS)))))
    roster = build_roster(rng["people"], employees, info.first)
    sched = build_schedule(rng["schedule"], roster, info)
    plan = Planner(rng["cases"], roster, sched)
    swaps = shift_swaps(plan)  # first: swaps change the rota the other cases are placed on
    attendance_cases(plan)
    leave = leave_requests(plan)
    say(f"生成工单 ({tickets:,} 条)")
    add_noise(rng["punches"], sched)
    clock_in, clock_out = punches(rng["punches"], sched)
    ticket_data = make_tickets(rng["tickets"], roster, sched, tickets)
    review = Planner(rng["reviews"], roster, sched)
    review.reserved = plan.reserved
    qa = reviews.qa_checks(review, ticket_data)
    rated = reviews.ratings(review)
    indicators = reviews.indicators(review)
    incidents = reviews.incidents(review)
    breaks = reviews.breaks(review)
    return SampleMonth(info, roster, sched, clock_in, clock_out, leave, swaps, ticket_data, qa, rated,
                       indicators, incidents, breaks, plan.cases + review.cases,
                       {p.id: int(plan.absences[p.idx]) for p in roster.people if plan.absences[p.idx]})


def refuse_overwrite(paths: list[Path], command: str) -> None:
    """Raise a usage error naming every file of ``paths`` that exists: a generated file must never
    silently replace a real one (a center's real roster in the folder given by mistake)."""
    taken = list(dict.fromkeys(p for p in paths if p.exists() or p.is_symlink()))
    if taken:
        names = "、".join(str(p) for p in taken)
        err = UsageError(f"已有 {len(taken)} 个文件,{command} 不会覆盖或混入:{names}"
                         f"‖{len(taken)} file(s) already there; {command} neither overwrites nor mixes with them: "
                         f"{', '.join(map(str, taken))}")
        err.hint = "换一个空文件夹,或加 --force 替换这些文件‖choose an empty folder, or add --force to replace them"
        raise err


def generate_month(out_dir: Path, month: str = "2026-10", employees: int = 60, tickets: int = 4000,
                   seed: int = 7, csv: bool = False, progress: Callable[[str], object] | None = None,
                   force: bool = False) -> Path:
    """Write a sample month into ``out_dir/<month>`` and return that folder.

    ``csv`` writes the tickets as CSV (UTF-8 with BOM) instead of xlsx. ``progress``, when
    given, is called with a short message per stage (a :class:`processor.progress.Progress`
    fits). A file of the same name, or a ticket file (``工单*.xlsx``, ``工单*.csv``, which an
    earlier run may have split differently), already in the folder is refused, naming it;
    with ``force`` they are replaced and removed. Anything else in the folder is left alone.
    Raises :class:`processor.errors.UsageError` for a month that is not ``YYYY-MM``, fewer
    than 20 employees, or files in the way.
    """
    try:
        info = MonthInfo.parse(month)
    except ValueError as exc:
        raise UsageError(f"月份应形如 2026-10: {month}‖{exc}") from exc
    folder = Path(out_dir) / info.key
    if not force:  # a generated month must neither replace nor mix with the workbooks already there
        there = sorted(p for p in folder.glob("*") if p.suffix.lower() in (".xlsx", ".xlsm", ".csv", ".xls")
                       and not p.name.startswith((".", "~$")))
        refuse_overwrite([folder / name for name in files.table_files(info)] + there, "opscore sample")
    data = build_month(month, employees, tickets, seed, progress)
    folder.mkdir(parents=True, exist_ok=True)
    created = datetime(data.month.year, data.month.month, 1, 8, 0, 0)
    mess = np.random.default_rng(np.random.SeedSequence(seed).spawn(len(STREAMS))[STREAMS.index("mess")])
    sheets = {
        "roster": files.roster_sheets(data.roster, data.month),
        "attendance": [files.attendance_sheet(mess, data.roster, data.schedule, data.clock_in, data.clock_out)],
        "requests": files.request_sheets(mess, data.roster, data.month, data.leave, data.swaps, data.incidents),
        "qa": [files.qa_sheet(data.qa)],
        "reviews": files.review_sheets(data.roster, data.month, data.ratings, data.indicators),
        "breaks": [files.breaks_sheet(data.breaks)],
    }
    if progress:
        progress("写入 员工名册、考勤、请假换班奖惩、质检、考评与指标、离岗记录")
    files.write_tables(folder, created, data.month, sheets)
    for ext in ("xlsx", "csv"):  # ticket files of an earlier run, which may have split differently
        for old in sorted(folder.glob(f"工单*.{ext}")):
            old.unlink()
    write_tickets(folder, data.tickets, data.roster, data.month, created, as_csv=csv, progress=progress)
    return folder
