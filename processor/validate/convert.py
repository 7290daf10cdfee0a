"""Turn a recognised sheet into a typed table (model.py's contract), noting every bad cell.

Each column is parsed once, vectorised (distinct values only, where values repeat); a bad
cell becomes a :class:`Problem` with its Excel row, column letter, header, value and what was
expected. Only the bad rows are visited in Python, and each column's list is capped so that
a sheet with a wrong column yields a readable report rather than a million lines.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import parse
from .. import service_cells as service
from ..errors import Problem, capped, column_letter
from ..read.headers import Match
from ..read.sheets import RawSheet
from ..schema import CODES, Column, code_lookup, norm_header
from ..vocab import FOOTER_STARTS, TICKET_COMPLAINT
from .blanks import explain_blanks

BLANK = "必填项为空‖required value is blank"

# Required columns whose cells may still be blank (the blank has a meaning of its own).
BLANK_ALLOWED = {
    ("attendance", "clock_in"), ("attendance", "clock_out"),  # no punch
    ("attendance", "shift_start"), ("attendance", "shift_end"),  # rest days
    ("leave", "approver_role"),  # not approved
    ("tickets", "agent_id"),  # an abandoned or IVR-only call: nobody's ticket (tickets.py notes them)
}

# Number columns no regulation gives a negative meaning: a fine of -50 yuan is a typo, not a
# 50-yuan fine (nor a refund), and a negative weight turns an indicator upside down.
NON_NEGATIVE = {("incidents", "amount"), ("indicators", "weight")}
NEGATIVE = "不能为负数‖cannot be negative"

EXPECTED = {
    "id": "工号等文本‖an id",
    "date": "日期,如 2026-10-01、2026/10/1、2026年10月1日‖a date such as 2026-10-01",
    "datetime": "日期时间,如 2026-10-01 08:30‖a date and time such as 2026-10-01 08:30",
    "date_or_datetime": "日期或日期时间,如 2026-10-01 或 2026-10-01 09:00‖a date or date-time",
    "day": "日期或日期时间,如 2026-10-01 或 2026-10-01 09:00‖a date or date-time",
    "duration": "时长,如 00:01:23、83秒、1分23秒,或按表头单位的数字‖a duration such as 00:01:23, 83秒 or a number",
    "time": "时间,如 08:30、8:30:15、次日 02:00‖a time such as 08:30 or 次日 02:00",
    "time_or_datetime": "时间或日期时间,如 08:29、次日 02:00、2026-10-01 08:29‖a time or date-time",
    "yesno": "是/否、Y/N、yes/no、true/false、1/0、√/×‖yes or no",
    "number": "数字‖a number",
    "score": "0–100 的分数‖a score from 0 to 100",
    "satisfaction": "1–5 分、5星、百分制,或 非常满意/满意/一般/不满意/非常不满意、未评价"
                    "‖1-5, stars, 0-100 or a satisfaction word",
}


def _expected_enum(enum: str) -> str:
    zh = "、".join(v[0] for v in CODES[enum].values())
    en = ", ".join(CODES[enum].keys())
    return f"{zh} 之一‖one of {en}"


def _parse_column(col: Column, raw: pd.Series, header: str = "", tz: str = parse.DEFAULT_TZ,
                  blanks: np.ndarray | None = None) -> tuple[dict[str, pd.Series], pd.Series]:
    """Typed output column(s) and the bad-cell mask for one input column (``header`` as
    written gives a duration's unit; ``tz`` is the center's time zone for ISO times; ``blanks``
    its blank cells, when measured already: the parsers of whole columns need not again)."""
    t = col.type
    if t == "id":
        v, bad = parse.via_uniques(parse.parse_id, raw)
        return {col.key: v}, bad
    if t == "text":
        return {col.key: parse.clean_text(raw, blanks)}, pd.Series(False, index=raw.index)
    if t == "enum":
        lookup = code_lookup(col.enum)
        codes = parse.via_uniques(_enum_parser(lookup, col.blank_default, col.other), raw)[0]
        unread = codes.isna()  # measured once: a million objects
        bad = unread & ~parse.known_blank(raw, blanks)
        return {col.key: codes.astype(object).where(~unread, None)}, bad
    if t == "day":
        v, bad = parse.via_uniques(parse.parse_datetime, raw)[:2]
        return {col.key: v.dt.normalize()}, bad
    if t == "duration":
        v, bad = parse.via_uniques(service.parse_duration, raw, service.duration_unit(header))
        return {col.key: v}, bad
    if t == "date":
        v, bad = parse.via_uniques(parse.parse_date, raw)
        return {col.key: v}, bad
    if t == "datetime":
        v, bad, _ = parse.parse_datetime(raw, tz=tz, placeholders=col.placeholders, blanks=blanks)
        return {col.key: v}, bad
    if t == "date_or_datetime":
        v, bad, has_time = parse.parse_datetime(raw, blanks=blanks)
        return {col.key: v, f"{col.key}_has_time": has_time}, bad
    if t == "time":
        td, bad, nxt = parse.via_uniques(parse.parse_time, raw)
        return {col.key: td, f"{col.key}_next_day": nxt}, bad
    if t == "time_or_datetime":
        td, dt, bad, nxt = parse.parse_time_or_datetime(raw)
        return {col.key: td, f"{col.key}_at": dt, f"{col.key}_next_day": nxt}, bad
    if t == "yesno":
        v, bad = parse.via_uniques(parse.parse_yesno, raw, default=bool(col.blank_default))
        return {col.key: v}, bad
    if t == "number":
        v, bad = parse.via_uniques(parse.parse_number, raw)
        return {col.key: v}, bad
    if t == "score":
        v, bad = parse.via_uniques(parse.parse_score, raw)
        return {col.key: v}, bad
    if t == "satisfaction":
        v, bad = parse.via_uniques(service.parse_satisfaction, raw)
        v, out_of_scale = service.rescale_hundred(v)
        return {col.key: v}, bad | out_of_scale
    raise ValueError(f"unknown column type {t}")


def _enum_parser(lookup: dict[str, str], default: object, other: str = ""):
    """Codes of one list; a word not in it is ``other`` ("*": kept as written, a complaint when
    it names one; "": unreadable)."""
    complaint = tuple(norm_header(w) for w in TICKET_COMPLAINT)

    def code(x: object) -> object:
        if x is None or (isinstance(x, float) and np.isnan(x)):
            return None
        key = norm_header(x)
        if key in lookup:
            return lookup[key]
        if other == "*":
            return "complaint" if any(w in key for w in complaint) else str(x).strip()
        return other or None

    def run(s: pd.Series) -> tuple[pd.Series]:
        empty = parse.blank(s)
        codes = s.map(code).where(~empty, default)
        return (codes.astype(object),)

    return run


def footer_rows(body: pd.DataFrame, nonblank: np.ndarray) -> np.ndarray:
    """The trailing rows of an exported report that are not rows (``Grand Totals (1,234
    records)``, ``Confidential Information``, a 合计 line): a run at the end of the sheet whose
    first non-blank cell starts with a FOOTER_STARTS word."""
    tail = np.zeros(len(body), dtype=bool)
    last = np.flatnonzero(nonblank)
    if not len(last):
        return tail
    lo = max(0, int(last[-1]) - 20)  # footers are a few lines: look at the last 20 only
    firsts = body.iloc[lo:].bfill(axis=1).iloc[:, 0]
    text = firsts.map(lambda x: norm_header(x) if isinstance(x, str) else "")
    hit = text.str.startswith(FOOTER_STARTS).to_numpy() | ~nonblank[lo:]
    run = np.logical_and.accumulate(hit[::-1])[::-1]  # the trailing run only
    tail[lo:] = run & nonblank[lo:]
    return tail


def convert(sheet: RawSheet, match: Match, tz: str = parse.DEFAULT_TZ,
            notes: list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """(typed frame, extra columns kept for audit, problems) for one recognised sheet;
    footer lines skipped are told in ``notes``."""
    table = match.table
    body, rows, blanks = _data_rows(sheet, match, notes)
    out: dict[str, pd.Series] = {}
    problems: list[Problem] = []
    for col in table.columns:
        if col.key not in match.columns:
            if col.type == "time_or_datetime":
                out[f"{col.key}_at"] = pd.Series(pd.NaT, index=body.index, dtype="datetime64[ns]")
            out.update(_absent(col, body.index))
            continue
        typed, col_problems = _convert_column(sheet, match, col, body, rows, tz, notes, blanks)
        out.update(typed)
        problems += col_problems
    if table.key == "attendance" and "shift" in match.columns:
        working = (out["shift"] != "rest").to_numpy() & out["shift"].notna().to_numpy()
        for key in ("shift_start", "shift_end"):
            if key in match.columns:
                raw = body[match.columns[key]]
                need = blanks[match.columns[key]] & working
                problems += _cell_problems(sheet, match, table.column(key), match.columns[key], raw, rows, need,
                                           "", "工作日须填写班次时间‖a working day needs its shift times",
                                           "blank_shift_times")
    problems = explain_blanks(sheet, problems)
    frame = pd.DataFrame(out, index=body.index)
    frame["_file"] = sheet.source.name
    frame["_sheet"] = sheet.sheet
    frame["_row"] = rows
    extras = pd.DataFrame({name: parse.clean_text(body[p]) for name, p in match.extras.items()}, index=body.index)
    extras["_row"] = rows
    return frame.reset_index(drop=True), extras.reset_index(drop=True), problems


def _data_rows(sheet: RawSheet, match: Match, notes: list[str] | None,
               ) -> tuple[pd.DataFrame, np.ndarray, dict[int, np.ndarray]]:
    """The rows under the header that hold data (not blank, not a report's footer), their
    Excel row numbers, and the blank cells of the table's columns in those rows (measured once
    here, read again by every column's checks); footer lines skipped are told in ``notes``."""
    body = sheet.cells.iloc[match.header_pos + 1:]
    nonblank = np.zeros(len(body), dtype=bool)
    empty: dict[int, np.ndarray] = {}
    for col in range(body.shape[1]):  # a row of blanks (or only spaces) is not a row
        empty[col] = parse.blank(body[col]).to_numpy()
        nonblank |= ~empty[col]
    if match.table.footers:
        footer = footer_rows(body, nonblank)
        if footer.any() and notes is not None:
            rows = ", ".join(str(int(r) + match.header_pos + 1 + sheet.first_row) for r in np.flatnonzero(footer))
            notes.append(f"{sheet.source.name}:{sheet.label}: 第 {rows} 行是报表的合计或说明行,已跳过"
                         f"‖row(s) {rows} are the report's totals or notice lines: skipped")
        nonblank &= ~footer
    blanks = {pos: empty[pos][nonblank] for pos in match.columns.values()}
    return body[nonblank], np.flatnonzero(nonblank) + match.header_pos + 1 + sheet.first_row, blanks


def _convert_column(sheet: RawSheet, match: Match, col: Column, body: pd.DataFrame, rows: np.ndarray, tz: str,
                    notes: list[str] | None, blanks: dict[int, np.ndarray],
                    ) -> tuple[dict[str, pd.Series], list[Problem]]:
    """One present column typed, with its bad, negative and blank-but-required cells as problems."""
    table = match.table
    pos = match.columns[col.key]
    raw = body[pos]
    typed, bad = _parse_column(col, raw, match.headers.get(col.key, ""), tz, blanks[pos])
    problems: list[Problem] = []
    if (table.key, col.key) in NON_NEGATIVE:
        negative = (typed[col.key] < 0).to_numpy()
        typed[col.key] = typed[col.key].mask(negative)
        problems += _cell_problems(sheet, match, col, pos, raw, rows, negative, "0 或正数‖zero or more", NEGATIVE,
                                   "negative_value")
    if col.other not in ("", "*") and notes is not None:
        notes += _other_words(sheet, col, raw, match.headers.get(col.key, col.label))
    empty = pd.Series(blanks[pos], index=raw.index)
    if col.type in ("id", "text"):  # a cell of only control characters reads as blank too
        empty = empty | typed[col.key].isna()
    stands_in = any(alt == col.key and key not in match.columns for key, alt in table.alternatives.items())
    missing = empty & (col.required or stands_in) & ((table.key, col.key) not in BLANK_ALLOWED)
    expected = EXPECTED.get(col.type) or (_expected_enum(col.enum) if col.enum else "")
    problems += _cell_problems(sheet, match, col, pos, raw, rows, bad.to_numpy(), expected,
                               "值无法识别‖cannot be read", "bad_value")
    problems += _cell_problems(sheet, match, col, pos, raw, rows, missing.to_numpy(), "", BLANK, "blank_required")
    return typed, problems


def _other_words(sheet: RawSheet, col: Column, raw: pd.Series, header: str) -> list[str]:
    """A note naming the words of an open list (channel, status) read as its ``other`` code:
    an unknown 状态 counts as open, so the user should see which words those were."""
    lookup = code_lookup(col.enum)
    words = [w for w in pd.unique(raw.dropna()) if str(w).strip() and norm_header(w) not in lookup]
    if not words:
        return []
    shown = "、".join(str(w) for w in words[:8]) + (" …" if len(words) > 8 else "")
    return [f"{sheet.source.name}:{sheet.label}: “{header}”中的 {shown} 不在已知词表中,按 {col.other} 计"
            f"‖the words {shown} of column {header} are not in the list: read as {col.other}"]


def _absent(col: Column, index: pd.Index) -> dict[str, pd.Series]:
    """An optional column the sheet does not have: its blank value, typed."""
    t = col.type
    if t in ("date", "datetime", "date_or_datetime", "day"):
        cols = {col.key: pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")}
        if t == "date_or_datetime":
            cols[f"{col.key}_has_time"] = pd.Series(False, index=index)
        return cols
    if t in ("time", "time_or_datetime"):
        return {col.key: pd.Series(pd.NaT, index=index, dtype="timedelta64[ns]"),
                f"{col.key}_next_day": pd.Series(False, index=index)}
    if t == "yesno":
        return {col.key: pd.Series(bool(col.blank_default), index=index, dtype=bool)}
    if t in ("number", "score", "satisfaction", "duration"):
        return {col.key: pd.Series(np.nan, index=index, dtype=float)}
    return {col.key: pd.Series(col.blank_default, index=index, dtype=object)}


def _cell_problems(sheet: RawSheet, match: Match, col: Column, pos: int, raw: pd.Series, rows: np.ndarray,
                   bad: np.ndarray, expected: str, message: str, code: str) -> list[Problem]:
    letter = column_letter(sheet.col_index[pos])
    header = match.headers.get(col.key, col.label)
    return capped(np.flatnonzero(bad),
                  lambda i: Problem(sheet.source.name, message, sheet.sheet, int(rows[i]), header, letter,
                                    "" if pd.isna(raw.iloc[i]) else str(raw.iloc[i]), expected, match.table.key, code),
                  lambda more: Problem(sheet.source.name,
                                       f"该列另有 {more} 行同类问题‖{more} more rows like this in the column",
                                       sheet.sheet, None, header, letter, "", expected, match.table.key))
