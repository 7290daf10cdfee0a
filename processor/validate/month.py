"""Read and validate a whole month folder into a :class:`~processor.model.Month`.

Every file is read once, every sheet recognised by its header, every table typed, then the
cross-checks run over the whole month — and every problem is returned together, so that
admin staff fix their files in one pass.
"""
from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
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
from .agents import map_agents
from .calendar import holiday_calendar
from .convert import _absent, convert
from .corrections import check_corrections, resolve_corrections
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


def empty_table(key: str) -> pd.DataFrame:
    """A typed table with no rows (for an optional table the month lacks)."""
    idx = pd.RangeIndex(0)
    cols: dict[str, pd.Series] = {}
    for col in TABLES[key].columns:
        if col.type == "time_or_datetime":
            cols[f"{col.key}_at"] = pd.Series(pd.NaT, index=idx, dtype="datetime64[ns]")
        cols.update(_absent(col, idx))
    frame = pd.DataFrame(cols, index=idx)
    for c in ("_file", "_sheet"):
        frame[c] = pd.Series(dtype=object)
    frame["_row"] = pd.Series(dtype="int64")
    return frame


def resolve_attendance(att: pd.DataFrame) -> pd.DataFrame:
    """Shift times and punches to full datetimes (ATT-NIGHT, 002 第三十条; see model.py)."""
    att = att.copy()
    date = att["date"]
    start_td, end_td = att["shift_start"], att["shift_end"]
    overnight = end_td.notna() & start_td.notna() & (end_td <= start_td)
    att["shift_start"] = date + start_td
    att["shift_end"] = date + end_td + pd.to_timedelta(overnight.astype(int), unit="D")
    for col in ("clock_in", "clock_out"):
        td, nxt, full = att[col], att[f"{col}_next_day"], att[f"{col}_at"]
        # On an overnight shift a punch in the small hours (before noon, earlier than the
        # start time) belongs to the next calendar day.
        small_hours = overnight & td.notna() & (td < pd.Timedelta(hours=12)) & (td < start_td)
        plus = (nxt | small_hours).astype(int)
        att[col] = (date + td + pd.to_timedelta(plus, unit="D")).where(td.notna(), full)
        att = att.drop(columns=[f"{col}_next_day", f"{col}_at"])
    return att.drop(columns=["shift_start_next_day", "shift_end_next_day"], errors="ignore")


def resolve_leave(lv: pd.DataFrame) -> pd.DataFrame:
    """A date-only leave end means the whole day: stored as the next midnight (exclusive)."""
    lv = lv.copy()
    lv["start_all_day"] = ~lv.pop("start_has_time")
    lv["end_all_day"] = ~lv.pop("end_has_time")
    lv["end"] = lv["end"] + pd.to_timedelta(lv["end_all_day"].astype(int), unit="D")
    return lv


def load_month(folder: Path, month: str, rulebook: Rulebook,
               progress: Callable[[str], None] | None = None,
               max_uncompressed: int | None = None, timer: StageTimer | None = None,
               ) -> tuple[Month, list[Problem], list[str]]:
    """The month's typed tables, every input problem, and notes (sheets skipped, exports recognised)."""
    timer = timer or NullTimer()
    if max_uncompressed is None:
        max_uncompressed = max_uncompressed_from_env()
    headers: cross.Headers = {}  # where each table's columns sit, for the cross-checks' messages
    with timer("discover"):  # hashing and the reader's budgets, before any file is parsed
        sources, problems, notes = discover(folder, max_uncompressed)
    parts: dict[str, list[pd.DataFrame]] = {k: [] for k in TABLES}
    extras: dict[str, list[pd.DataFrame]] = {k: [] for k in TABLES}
    files: list[InputFile] = []
    exports = []  # WeCom / DingTalk attendance exports, mapped to the roster once it is known
    header_only: list[Problem] = []  # recognised tables without a single row
    # fastexcel releases the GIL: files load on the other core while this one validates.
    pool = ThreadPoolExecutor(max_workers=max(1, min(2, os.cpu_count() or 1)))
    loading = load_in_turn(sources, pool)
    for src in sources:
        if progress:
            progress(src.name)
        with timer("read"):
            sheets, sheet_problems = next(loading)
        problems += sheet_problems
        record = InputFile(src.name, src.sha256)
        with timer("validate"):
            found = detect_exports(sheets, month, rulebook.verdict_shift)
        exports += found
        for t in found:  # where the export's columns sit, for the cross-checks' messages
            headers.update({(src.name, sheet, "attendance"): cols for sheet, cols in t.headers.items()})
        claimed = {s for t in found for s in t.sheets}
        if found:
            record.note = "、".join(t.kind for t in found)
            record.tables["attendance"] = 0  # the rows taken are counted once the exports are resolved
        for sheet in sheets:
            if sheet.sheet in claimed:
                continue
            match, header_problems, note = recognise(sheet)
            if found and match is None and header_problems:  # an admin's own sheet beside the export
                notes.append(f"{src.name}:{sheet.label}: 不是{found[0].kind}的已知工作表,未读入"
                             f"‖not a sheet of the {found[0].kind}; not read")
                continue
            problems += header_problems
            if match is None:
                if note and not sheet.cells.dropna(how="all").empty:
                    notes.append(f"{src.name}:{sheet.label}: {note}")
                continue
            if sheet.hidden:
                notes.append(f"{src.name}:{sheet.label}: 隐藏的工作表也已读取‖hidden sheet read as well")
            with timer("validate"):
                frame, extra, cell_problems = convert(sheet, match, rulebook.timezone, notes)
                if match.table.key == "tickets":
                    frame = finish_tickets(frame, match, notes, f"{src.name}:{sheet.label}")
                    extra = extra.merge(frame[["_row"]], on="_row", how="inner") if len(extra) != len(frame) else extra
            headers[(src.name, sheet.sheet, match.table.key)] = {
                k: (match.headers[k], column_letter(sheet.col_index[p])) for k, p in match.columns.items()}
            problems += cell_problems
            problems += _formula_errors(sheet, match, frame)
            problems += example_rows(sheet, match, extra)
            if frame.empty:
                header_only.append(Problem(src.name, f"“{match.table.label}”表只有表头,没有数据行:请填入本月的数据"
                                                     f"‖the {match.table.key} table has its header but no rows: fill in "
                                                     "the month's data", sheet.sheet,
                                           match.header_pos + sheet.first_row, table=match.table.key))
            parts[match.table.key].append(frame)
            extras[match.table.key].append(extra.assign(_file=src.name, _sheet=sheet.sheet))
            record.tables[match.table.key] = record.tables.get(match.table.key, 0) + len(frame)
        if not record.tables and not any(p.file == src.name for p in problems):
            problems.append(Problem(src.name, "文件中没有可识别的表:表头须在前 10 行内,并包含该表的必需列(见 opscore template)"
                                              "‖no input table recognised: the header must be within the first 10 rows "
                                              "and hold the table's required columns (see opscore template)"))
        files.append(record)
        del sheets
    pool.shutdown()
    if exports:
        roster = pd.concat(parts["roster"], ignore_index=True) if parts["roster"] else empty_table("roster")
        roster_extras = pd.concat(extras["roster"], ignore_index=True) if extras["roster"] else None
        plain = pd.concat(parts["attendance"], ignore_index=True) if parts["attendance"] else None
        att, export_problems, export_notes = attendance_from_exports(exports, roster, roster_extras, plain,
                                                                     rulebook.verdict_shift)
        problems += export_problems
        notes += export_notes
        att, outside = _in_month(att, month)
        notes += outside
        if len(att):
            parts["attendance"].append(att)
            _count_export_rows(files, att)
    # A mandatory table with a header and no rows is an error (nobody to score); an optional
    # one (no tickets this month) is fine.
    problems += [p for p in header_only if p.table in MANDATORY and not any(len(f) for f in parts[p.table])]
    with timer("validate"):
        explained = {"attendance"} if exports and any(p.table == "attendance" for p in problems) else set()
        # one message, not also "no 考勤"
        tables, more, more_notes = _assemble(folder, month, rulebook, parts, headers, explained)
        tables["holidays"], calendar, no_calendar = holiday_calendar(tables["holidays"], bool(parts["holidays"]),
                                                                     month, folder.name)
    notes += more_notes
    if not sources and not problems:  # nothing to read at all: one message, not "no roster", "no attendance"
        more = [Problem(folder.name, "文件夹中没有 .xlsx、.xlsm 或 .csv 文件:请把本月的工作簿放进来"
                                     "‖the folder holds no .xlsx, .xlsm or .csv file: put the month's workbooks in it")]
    problems += more + (no_calendar if sources else [])
    extra_frames = {k: pd.concat(v, ignore_index=True) for k, v in extras.items() if v}
    return Month(month, tables, files, extra_frames, calendar=calendar), problems, notes


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


def _assemble(folder: Path, month: str, rulebook: Rulebook, parts: dict[str, list[pd.DataFrame]],
              headers: cross.Headers, explained: set[str] | frozenset[str] = frozenset()
              ) -> tuple[dict[str, pd.DataFrame], list[Problem], list[str]]:
    """Concatenate each table's sheets, resolve times, run the cross-checks; a missing table
    whose absence an export already explained (``explained``) is not reported twice."""
    problems: list[Problem] = []
    notes: list[str] = []
    tables: dict[str, pd.DataFrame] = {}
    for key in TABLES:
        tables[key] = pd.concat(parts[key], ignore_index=True) if parts[key] else empty_table(key)
    for key in MANDATORY:
        if not parts[key] and key not in explained:
            problems.append(Problem(str(folder.name), f"缺少“{TABLES[key].label}”表‖the month has no {key} table",
                                    expected=", ".join(c.label for c in TABLES[key].required), table=key))
    tables["incidents"] = _incident_codes(tables["incidents"], rulebook)
    if len(tables["roster"]):
        for key in ("tickets", "qa"):  # accounts, e-mails and names of the helpdesk → 工号
            tables[key], mapped = map_agents(tables[key], tables["roster"], ("agent_id", "complained_employee_id")
                                             if key == "tickets" else ("agent_id",))
            notes += mapped
    tables["attendance"] = resolve_attendance(tables["attendance"])
    tables["leave"] = resolve_leave(tables["leave"])
    tables["corrections"] = resolve_corrections(tables["corrections"], rulebook)
    if all(not parts[k] or len(tables[k]) for k in MANDATORY):
        problems += cross.check_ids(tables, headers)
        problems += cross.check_duplicates(tables, headers)
        problems += cross.check_month(tables, month, headers)
        problems += cross.check_orders(tables, rulebook, headers)
        problems += check_corrections(tables, headers)
        tables["leave"], duplicate_notes = cross.leave_duplicates(tables["leave"])
        notes += duplicate_notes
    return tables, problems, notes


def _incident_codes(inc: pd.DataFrame, rulebook: Rulebook) -> pd.DataFrame:
    inc = inc.copy()
    inc["_code_text"] = inc["code"]
    uniques = inc["code"].dropna().unique()
    mapping = {u: rulebook.incident_code(u) for u in uniques}
    inc["code"] = inc["code"].map(mapping).astype(object)
    inc["code"] = inc["code"].where(inc["code"].notna(), None)
    return inc


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
                           sheet.sheet, row, match.headers.get(key, key), column_letter(col), err, "", match.table.key))
    return out
