"""Read and validate a whole month folder into a :class:`~processor.model.Month`.

Every file is read once, every sheet recognised by its header, every table typed, then the
cross-checks run over the whole month — and every problem is returned together, so that
admin staff fix their files in one pass.
"""
from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from ..errors import Problem, UsageError, column_letter
from ..model import InputFile, Month
from ..read.exports import attendance_from_exports, detect_exports
from ..read.files import DEFAULT_MAX_UNCOMPRESSED, discover
from ..read.headers import recognise
from ..read.sheets import load_in_turn
from ..rulebook import Rulebook
from ..schema import MANDATORY, TABLES
from ..timing import NullTimer, StageTimer
from . import cross
from .assemble import assemble, empty_table
from .calendar import holiday_calendar
from .convert import convert
from .examples import example_rows
from .tickets import finish_tickets

MONTH_RE = re.compile(r"(20\d{2})[-_.年]?(0[1-9]|1[0-2])")


def month_of(folder: Path, given: str | None = None) -> str | None:
    """``2026-10`` from ``--month`` or from the folder's name (``2026-10``, ``202610``, ``2026年10月``)."""
    text = given or folder.resolve().name
    m = MONTH_RE.search(text)
    return f"{m.group(1)}-{m.group(2)}" if m else None


def max_uncompressed_from_env() -> int:
    """The zip-bomb limit: ``OPSCORE_MAX_UNCOMPRESSED`` bytes, default 2 GB (read/files.py)."""
    text = os.environ.get("OPSCORE_MAX_UNCOMPRESSED", "").strip()
    if not text:
        return DEFAULT_MAX_UNCOMPRESSED
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise UsageError(f"环境变量 OPSCORE_MAX_UNCOMPRESSED 应为正整数(字节数):“{text}”"
                         f"‖OPSCORE_MAX_UNCOMPRESSED must be a positive number of bytes: '{text}'")
    return value


@dataclass
class _Reading:
    """What the files of a month have given so far: each table's frames (and their audit
    columns), where every column sits (for the cross-checks' messages), the exports waiting
    for the roster, and every problem and note."""

    problems: list[Problem]
    notes: list[str]
    parts: dict[str, list[pd.DataFrame]] = field(default_factory=lambda: {k: [] for k in TABLES})
    extras: dict[str, list[pd.DataFrame]] = field(default_factory=lambda: {k: [] for k in TABLES})
    headers: cross.Headers = field(default_factory=dict)
    files: list[InputFile] = field(default_factory=list)
    exports: list = field(default_factory=list)  # WeCom / DingTalk attendance exports
    header_only: list[Problem] = field(default_factory=list)  # recognised tables without a single row


def load_month(folder: Path, month: str, rulebook: Rulebook,
               progress: Callable[[str], None] | None = None,
               max_uncompressed: int | None = None, timer: StageTimer | None = None,
               ) -> tuple[Month, list[Problem], list[str]]:
    """The month's typed tables, every input problem, and notes (sheets skipped, exports recognised)."""
    timer = timer or NullTimer()
    if max_uncompressed is None:
        max_uncompressed = max_uncompressed_from_env()
    with timer("discover"):  # hashing and the reader's budgets, before any file is parsed
        sources, problems, notes = discover(folder, max_uncompressed)
    acc = _Reading(problems, notes)
    # fastexcel releases the GIL: files load on the other core while this one validates.
    pool = ThreadPoolExecutor(max_workers=max(1, min(2, os.cpu_count() or 1)))
    loading = load_in_turn(sources, pool)
    for src in sources:
        if progress:
            progress(src.name)
        with timer("read"):
            sheets, sheet_problems = next(loading)
        acc.problems += sheet_problems
        _read_file(acc, src, sheets, month, rulebook, timer)
        del sheets
    pool.shutdown()
    if acc.exports:
        _take_exports(acc, month, rulebook)
    # A mandatory table with a header and no rows is an error (nobody to score); an optional
    # one (no tickets this month) is fine.
    problems += [p for p in acc.header_only if p.table in MANDATORY and not any(len(f) for f in acc.parts[p.table])]
    with timer("validate"):
        explained = {"attendance"} if acc.exports and any(p.table == "attendance" for p in problems) else set()
        # one message, not also "no 考勤"
        tables, more, more_notes = assemble(folder, month, rulebook, acc.parts, acc.headers, explained)
        tables["holidays"], calendar, no_calendar = holiday_calendar(tables["holidays"], bool(acc.parts["holidays"]),
                                                                     month, folder.name)
    notes += more_notes
    if not sources and not problems:  # nothing to read at all: one message, not "no roster", "no attendance"
        more = [Problem(folder.name, "文件夹中没有 .xlsx、.xlsm 或 .csv 文件:请把本月的工作簿放进来"
                                     "‖the folder holds no .xlsx, .xlsm or .csv file: put the month's workbooks in it",
                        code="empty_folder")]
    problems += more + (no_calendar if sources else [])
    extra_frames = {k: pd.concat(v, ignore_index=True) for k, v in acc.extras.items() if v}
    return Month(month, tables, acc.files, extra_frames, calendar=calendar), problems, notes


def _read_file(acc: _Reading, src, sheets: list, month: str, rulebook: Rulebook, timer: StageTimer) -> None:
    """One file's sheets: attendance exports recognised first (they claim their sheets), then
    every other sheet by its header."""
    record = InputFile(src.name, src.sha256)
    with timer("validate"):
        found = detect_exports(sheets, month, rulebook.verdict_shift)
    acc.exports += found
    for t in found:  # where the export's columns sit, for the cross-checks' messages
        acc.headers.update({(src.name, sheet, "attendance"): cols for sheet, cols in t.headers.items()})
    claimed = {s for t in found for s in t.sheets}
    if found:
        record.note = "、".join(t.kind for t in found)
        record.tables["attendance"] = 0  # the rows taken are counted once the exports are resolved
    for sheet in sheets:
        if sheet.sheet in claimed:
            continue
        match, header_problems, note = recognise(sheet)
        if found and match is None and header_problems:  # an admin's own sheet beside the export
            acc.notes.append(f"{src.name}:{sheet.label}: 不是{found[0].kind}的已知工作表,未读入"
                             f"‖not a sheet of the {found[0].kind}; not read")
            continue
        acc.problems += header_problems
        if match is None:
            if note and not sheet.cells.dropna(how="all").empty:
                acc.notes.append(f"{src.name}:{sheet.label}: {note}")
            continue
        _read_table(acc, src, sheet, match, record, rulebook, timer)
    if not record.tables and not any(p.file == src.name for p in acc.problems):
        acc.problems.append(Problem(src.name, "文件中没有可识别的表:表头须在前 10 行内,并包含该表的必需列(见 opscore template)"
                                              "‖no input table recognised: the header must be within the first 10 rows "
                                              "and hold the table's required columns (see opscore template)",
                                    code="no_table"))
    acc.files.append(record)


def _read_table(acc: _Reading, src, sheet, match, record: InputFile, rulebook: Rulebook, timer: StageTimer) -> None:
    """One recognised sheet typed and checked cell by cell, its rows added to its table."""
    if sheet.hidden:
        acc.notes.append(f"{src.name}:{sheet.label}: 隐藏的工作表也已读取‖hidden sheet read as well")
    key = match.table.key
    with timer("validate"):
        frame, extra, cell_problems = convert(sheet, match, rulebook.timezone, acc.notes)
        if key == "tickets":
            frame = finish_tickets(frame, match, acc.notes, f"{src.name}:{sheet.label}")
            extra = extra.merge(frame[["_row"]], on="_row", how="inner") if len(extra) != len(frame) else extra
    acc.headers[(src.name, sheet.sheet, key)] = {
        k: (match.headers[k], column_letter(sheet.col_index[p])) for k, p in match.columns.items()}
    acc.problems += cell_problems
    acc.problems += _formula_errors(sheet, match, frame)
    acc.problems += example_rows(sheet, match, extra)
    if frame.empty:
        acc.header_only.append(Problem(src.name, f"“{match.table.label}”表只有表头,没有数据行:请填入本月的数据"
                                                 f"‖the {key} table has its header but no rows: fill in the month's data",
                                       sheet.sheet, match.header_pos + sheet.first_row, table=key, code="header_only"))
    acc.parts[key].append(frame)
    acc.extras[key].append(extra.assign(_file=src.name, _sheet=sheet.sheet))
    record.tables[key] = record.tables.get(key, 0) + len(frame)


def _take_exports(acc: _Reading, month: str, rulebook: Rulebook) -> None:
    """The exports' person-days mapped to the roster (known only now) and cut to the month."""
    parts, extras = acc.parts, acc.extras
    roster = pd.concat(parts["roster"], ignore_index=True) if parts["roster"] else empty_table("roster")
    roster_extras = pd.concat(extras["roster"], ignore_index=True) if extras["roster"] else None
    plain = pd.concat(parts["attendance"], ignore_index=True) if parts["attendance"] else None
    att, export_problems, export_notes = attendance_from_exports(acc.exports, roster, roster_extras, plain,
                                                                 rulebook.verdict_shift)
    acc.problems += export_problems
    acc.notes += export_notes
    att, outside = _in_month(att, month)
    acc.notes += outside
    if len(att):
        parts["attendance"].append(att)
        _count_export_rows(acc.files, att)


def _in_month(att: pd.DataFrame, month: str) -> tuple[pd.DataFrame, list[str]]:
    """An export's person-days of the month being run: a period that crosses a month end
    (DingTalk 09-26 至 10-25) is cut to the month, with a note, rather than refused."""
    dates = pd.to_datetime(att["date"])
    inside = (dates.dt.to_period("M") == pd.Period(month, freq="M")).to_numpy()
    if inside.all():
        return att, []
    files = "、".join(sorted(set(att.loc[~inside, "_file"].astype(str))))
    n = int((~inside).sum())
    return att[inside].reset_index(drop=True), [
        f"{files}: 考勤导出中有 {n} 个人天不在 {month} 内,未读入‖{n} person-days of the export lie outside {month} "
        "and were left out"]


def _count_export_rows(files: list[InputFile], att: pd.DataFrame) -> None:
    """Add the person-days taken from each export file to its row count: known only once people
    are mapped to the roster, a 月报 is kept or not, and days outside the month are cut."""
    taken = att["_file"].value_counts()
    for record in files:
        if record.path in taken.index:
            record.tables["attendance"] = record.tables.get("attendance", 0) + int(taken[record.path])


def _formula_errors(sheet, match, frame: pd.DataFrame) -> list[Problem]:
    """Cells whose cached value is an Excel error (``#REF!``) inside the table's rows."""
    if not sheet.cell_errors:
        return []
    wanted = {sheet.col_index[p]: k for k, p in match.columns.items()}
    header_row = match.header_pos + sheet.first_row
    out = []
    for row, col, err in sheet.cell_errors:
        if row <= header_row or col not in wanted:
            continue
        key = wanted[col]
        out.append(Problem(sheet.source.name,
                           f"公式结果为错误值 {err}:请修正公式或填入数值‖the formula's result is the error {err}",
                           sheet.sheet, row, match.headers.get(key, key), column_letter(col), err, "", match.table.key,
                           "formula_error"))
    return out
