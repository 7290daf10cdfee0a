"""Turn a recognised sheet into a typed table (model.py's contract), noting every bad cell.

Each column is parsed once, vectorised (distinct values only, where values repeat); a bad
cell becomes a :class:`Problem` with its Excel row, column letter, header, value and what was
expected. Only the bad rows are visited in Python, and each column's list is capped so that
a sheet with a wrong column yields a readable report rather than a million lines.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from ..errors import Problem, column_letter
from ..read.headers import Match
from ..read.sheets import RawSheet
from . import parse
from .schema import CODES, Column, code_lookup

MAX_PER_COLUMN = 50
BLANK = "必填项为空‖required value is blank"

# Required columns whose cells may still be blank (the blank has a meaning of its own).
BLANK_ALLOWED = {
    ("attendance", "clock_in"), ("attendance", "clock_out"),  # no punch
    ("attendance", "shift_start"), ("attendance", "shift_end"),  # rest days
    ("leave", "approver_role"),  # not approved
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
    "time": "时间,如 08:30、8:30:15、次日 02:00‖a time such as 08:30 or 次日 02:00",
    "time_or_datetime": "时间或日期时间,如 08:29、次日 02:00、2026-10-01 08:29‖a time or date-time",
    "yesno": "是/否、Y/N、yes/no、true/false、1/0、√/×‖yes or no",
    "number": "数字‖a number",
    "score": "0–100 的分数‖a score from 0 to 100",
    "satisfaction": "1–5 分,或 非常满意/满意/一般/不满意/非常不满意‖1-5 or a satisfaction word",
}


def _expected_enum(enum: str) -> str:
    zh = "、".join(v[0] for v in CODES[enum].values())
    en = ", ".join(CODES[enum].keys())
    return f"{zh} 之一‖one of {en}"


def _parse_column(col: Column, raw: pd.Series) -> tuple[dict[str, pd.Series], pd.Series]:
    """Typed output column(s) and the bad-cell mask for one input column."""
    t = col.type
    if t == "id":
        v, bad = parse.via_uniques(parse.parse_id, raw)
        return {col.key: v}, bad
    if t == "text":
        return {col.key: parse.clean_text(raw)}, pd.Series(False, index=raw.index)
    if t == "enum":
        lookup = code_lookup(col.enum)
        codes = parse.via_uniques(_enum_parser(lookup, col.blank_default), raw)[0]
        bad = codes.isna() & ~parse.blank(raw)
        return {col.key: codes.astype(object).where(codes.notna(), None)}, bad
    if t == "date":
        v, bad = parse.via_uniques(parse.parse_date, raw)
        return {col.key: v}, bad
    if t == "datetime":
        v, bad, _ = parse.parse_datetime(raw)
        return {col.key: v}, bad
    if t == "date_or_datetime":
        v, bad, has_time = parse.parse_datetime(raw)
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
        v, bad = parse.via_uniques(parse.parse_satisfaction, raw)
        return {col.key: v}, bad
    raise ValueError(f"unknown column type {t}")


def _enum_parser(lookup: dict[str, str], default: object):
    from .schema import norm_header

    def run(s: pd.Series) -> tuple[pd.Series]:
        empty = parse.blank(s)
        codes = s.map(lambda x: None if x is None or (isinstance(x, float) and np.isnan(x))
                      else lookup.get(norm_header(x)))
        codes = codes.where(~empty, default)
        return (codes.astype(object),)

    return run


def convert(sheet: RawSheet, match: Match) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """(typed frame, extra columns kept for audit, problems) for one recognised sheet."""
    table = match.table
    body = sheet.cells.iloc[match.header_pos + 1:]
    nonblank = np.zeros(len(body), dtype=bool)
    for col in body.columns:  # a row of blanks (or only spaces) is not a row
        nonblank |= ~parse.blank(body[col]).to_numpy()
    body = body[nonblank]
    rows = np.flatnonzero(nonblank) + match.header_pos + 1 + sheet.first_row
    out: dict[str, pd.Series] = {}
    problems: list[Problem] = []
    for col in table.columns:
        if col.key not in match.columns:
            if col.type == "time_or_datetime":
                out[f"{col.key}_at"] = pd.Series(pd.NaT, index=body.index, dtype="datetime64[ns]")
            out.update(_absent(col, body.index))
            continue
        pos = match.columns[col.key]
        raw = body[pos]
        typed, bad = _parse_column(col, raw)
        if (table.key, col.key) in NON_NEGATIVE:
            negative = (typed[col.key] < 0).to_numpy()
            typed[col.key] = typed[col.key].mask(negative)
            problems += _cell_problems(sheet, match, col, pos, raw, rows, negative, "0 或正数‖zero or more", NEGATIVE)
        out.update(typed)
        empty = parse.blank(raw)
        if col.type in ("id", "text"):  # a cell of only control characters reads as blank too
            empty = empty | typed[col.key].isna()
        missing = empty & col.required & ((table.key, col.key) not in BLANK_ALLOWED)
        expected = EXPECTED.get(col.type) or (_expected_enum(col.enum) if col.enum else "")
        problems += _cell_problems(sheet, match, col, pos, raw, rows, bad.to_numpy(), expected,
                                   "值无法识别‖cannot be read")
        problems += _cell_problems(sheet, match, col, pos, raw, rows, missing.to_numpy(), "", BLANK)
    if table.key == "attendance" and "shift" in match.columns:
        working = (out["shift"] != "rest").to_numpy() & out["shift"].notna().to_numpy()
        for key in ("shift_start", "shift_end"):
            if key in match.columns:
                raw = body[match.columns[key]]
                need = parse.blank(raw).to_numpy() & working
                problems += _cell_problems(sheet, match, table.column(key), match.columns[key], raw, rows, need,
                                           "", "工作日须填写班次时间‖a working day needs its shift times")
    problems = _explain_blanks(sheet, problems)
    frame = pd.DataFrame(out, index=body.index)
    frame["_file"] = sheet.source.name
    frame["_sheet"] = sheet.sheet
    frame["_row"] = rows
    extras = pd.DataFrame({name: parse.clean_text(body[p]) for name, p in match.extras.items()}, index=body.index)
    extras["_row"] = rows
    return frame.reset_index(drop=True), extras.reset_index(drop=True), problems


def _absent(col: Column, index: pd.Index) -> dict[str, pd.Series]:
    """An optional column the sheet does not have: its blank value, typed."""
    t = col.type
    if t in ("date", "datetime", "date_or_datetime"):
        cols = {col.key: pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")}
        if t == "date_or_datetime":
            cols[f"{col.key}_has_time"] = pd.Series(False, index=index)
        return cols
    if t in ("time", "time_or_datetime"):
        return {col.key: pd.Series(pd.NaT, index=index, dtype="timedelta64[ns]"),
                f"{col.key}_next_day": pd.Series(False, index=index)}
    if t == "yesno":
        return {col.key: pd.Series(bool(col.blank_default), index=index, dtype=bool)}
    if t in ("number", "score", "satisfaction"):
        return {col.key: pd.Series(np.nan, index=index, dtype=float)}
    return {col.key: pd.Series(col.blank_default, index=index, dtype=object)}


def _cell_problems(sheet: RawSheet, match: Match, col: Column, pos: int, raw: pd.Series, rows: np.ndarray,
                   bad: np.ndarray, expected: str, message: str) -> list[Problem]:
    idx = np.flatnonzero(bad)
    if not len(idx):
        return []
    letter = column_letter(sheet.col_index[pos])
    header = match.headers.get(col.key, col.label)
    out = [Problem(sheet.source.name, message, sheet.sheet, int(rows[i]), header, letter,
                   "" if pd.isna(raw.iloc[i]) else str(raw.iloc[i]), expected, match.table.key)
           for i in idx[:MAX_PER_COLUMN]]
    if len(idx) > MAX_PER_COLUMN:
        more = len(idx) - MAX_PER_COLUMN
        out.append(Problem(sheet.source.name, f"该列另有 {more} 行同类问题‖{more} more rows like this in the column",
                           sheet.sheet, None, header, letter, "", expected, match.table.key))
    return out


def _explain_blanks(sheet: RawSheet, problems: list[Problem]) -> list[Problem]:
    """Blank required cells that are not simply blank: a formula whose cached value is an error
    (reported once, by ``validate.month._formula_errors``) or a cell inside a merged block
    (only a merge's first cell holds the value; say so, since the cell looks filled in Excel)."""
    blanks = [p for p in problems if p.message == BLANK and p.row is not None]
    if not blanks:
        return problems
    errors = {(r, column_letter(c)) for r, c, _ in sheet.cell_errors}
    merges = []
    if sheet.source.kind == "xlsx":
        from ..read.sheets import merged_ranges

        merges = [(_cell(a), _cell(b), ref) for ref in merged_ranges(sheet.source, sheet.sheet)
                  for a, b in [ref.split(":")]]
    out = []
    for p in problems:
        if p.message == BLANK and p.row is not None:
            if (p.row, p.letter) in errors:
                continue
            col = _col_number(p.letter)
            ref = next((ref for (r0, c0), (r1, c1), ref in merges
                        if r0 <= p.row <= r1 and c0 <= col <= c1 and (p.row, col) != (r0, c0)), None)
            if ref:
                p = replace(p, message=f"必填项为空:该格在合并单元格 {ref} 内,只有左上角的格有值;请取消合并并逐行填写"
                                       f"‖required value is blank: the cell is inside the merged cells {ref}, which "
                                       "hold a value only in their first cell; unmerge them and fill every row")
        out.append(p)
    return out


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _cell(ref: str) -> tuple[int, int]:
    """``D12`` → (12, 4)."""
    i = next(i for i, ch in enumerate(ref) if ch.isdigit())
    return int(ref[i:]), _col_number(ref[:i])
