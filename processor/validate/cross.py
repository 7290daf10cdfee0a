"""The cross-checks at the end of inputs.md: ids, duplicates, the month, orders, ranges.

Each check is a vectorised mask over one typed table; only the offending rows become
problems, each naming the rows involved (a duplicate names the other row too).
"""
from __future__ import annotations

from dataclasses import replace
from functools import partial

import pandas as pd

from ..errors import Problem, capped
from ..rulebook import Rulebook
from ..schema import TABLES

# (file, sheet, table) → {column key: (header as written, column letter)}, filled by the reader
# for the month being loaded; rows it does not know are named by the column's default label.
Headers = dict[tuple[str, str, str], dict[str, tuple[str, str]]]


def _where(headers: Headers, d: dict, table: str, column: str) -> tuple[str, str]:
    default = TABLES[table].column(column).label if column in {c.key for c in TABLES[table].columns} else column
    return headers.get((d["_file"], d["_sheet"], table), {}).get(column, (default, ""))


def row_problems(headers: Headers, frame: pd.DataFrame, bad: pd.Series, table: str, column: str, message: str,
                 expected: str = "", value_col: str | None = None, *, code: str) -> list[Problem]:
    """One problem per offending row of a typed table (capped), located through ``headers``."""
    rows = frame[bad.to_numpy()]

    def one(d: dict) -> Problem:
        value = d.get(value_col or column)
        value = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else _fmt(value)
        label, letter = _where(headers, d, table, column)
        return Problem(d["_file"], message, d["_sheet"], int(d["_row"]), label, letter, value, expected, table, code)

    def more(n: int) -> Problem:
        first = rows.iloc[0]
        label, letter = _where(headers, first.to_dict(), table, column)
        return Problem(first["_file"], f"另有 {n} 行同类问题‖{n} more rows like this", first["_sheet"],
                       None, label, letter, "", expected, table)

    return capped(_records(rows), one, more)


class _records:
    """The rows of a frame as dicts, made only for the rows sliced off (the capped few)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame

    def __len__(self) -> int:
        return len(self.frame)

    def __getitem__(self, part: slice) -> list[dict]:
        return self.frame.iloc[part].to_dict("records")


def _fmt(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


def check_ids(tables: dict[str, pd.DataFrame], headers: Headers) -> list[Problem]:
    """Every employee id in any table is in the roster."""
    roster = tables.get("roster")
    if roster is None or roster.empty:
        return []
    known = set(roster["employee_id"].dropna())
    out: list[Problem] = []
    for key, frame in tables.items():
        spec = TABLES[key]
        for col in (*spec.id_columns, *(("manager_id",) if key == "roster" else ())):
            if col not in frame or frame.empty:
                continue
            v = frame[col]
            bad = v.notna() & ~v.isin(known)
            out += row_problems(headers, frame, bad, key, col, "工号不在员工名册中‖id not in the roster",
                             "员工名册中的工号‖an employee_id of the roster", code="unknown_id")
    return _zero_hints(out, roster["employee_id"])


def _zero_hints(problems: list[Problem], ids: pd.Series) -> list[Problem]:
    """``7312`` where the roster has ``07312``: say which id it probably is (a number cell
    drops leading zeros), when exactly one roster id has those digits."""
    own = ids.dropna().astype(str)
    digits = own.str.lstrip("0")
    unique = digits[~digits.duplicated(keep=False) & own.str.fullmatch(r"\d+")]
    to_id = dict(zip(unique, own[unique.index]))
    out = []
    for p in problems:  # capped per column already
        guess = to_id.get(p.value.lstrip("0")) if p.value.isdigit() else None
        if guess:
            p = replace(p, expected=f"员工名册中的工号,是否为 {guess}?数字格式的单元格会丢掉前导零,请把该列设为文本"
                                    f"‖an employee_id of the roster: {guess}? a number cell drops leading zeros; "
                                    "format the column as text")
        out.append(p)
    return out


def check_duplicates(tables: dict[str, pd.DataFrame], headers: Headers) -> list[Problem]:
    out: list[Problem] = []
    for key, cols, what in (("roster", ["employee_id"], "员工名册中工号重复‖the same employee twice in the roster"),
                            ("attendance", ["employee_id", "date"], "同一员工同一天出现两次‖the same employee and date twice"),
                            ("tickets", ["ticket_id"], "工单号重复‖the same ticket id twice")):
        frame = tables.get(key)
        if frame is None or frame.empty:
            continue
        dup = frame.duplicated(cols, keep=False) & frame[cols].notna().all(axis=1)
        if dup.any():
            sub = frame[dup].copy()
            groups = sub.groupby(cols, sort=False)
            first = groups[["_file", "_sheet", "_row"]].transform("first")
            sheet = first["_sheet"].where(first["_sheet"] == "", ":" + first["_sheet"].astype(str))
            sub["_first"] = first["_file"].astype(str) + sheet.fillna("") + " 第 " + first["_row"].astype(str) + " 行"
            later = sub[groups.cumcount().to_numpy() > 0]
            out += capped(_records(later), partial(_duplicate, headers, key=key, cols=cols, what=what),
                          partial(_more_duplicates, later.iloc[0]["_file"], key))
    return out


def _more_duplicates(file: str, key: str, n: int) -> Problem:
    return Problem(file, f"另有 {n} 行重复‖{n} more duplicates", table=key)


def _duplicate(headers: Headers, d: dict, *, key: str, cols: list[str], what: str) -> Problem:
    label, letter = _where(headers, d, key, cols[-1])
    return Problem(d["_file"], f"{what.split('‖')[0]}(首次出现在 {d['_first']})‖{what.split('‖')[1]} "
                   f"(first at {d['_first'].replace(' 第 ', ' row ').replace(' 行', '')})",
                   d["_sheet"], int(d["_row"]), label, letter,
                   _fmt(d[cols[-1]]) if len(cols) > 1 else str(d[cols[0]]), "", key, "duplicate_row")


DATE_COLUMNS = {"attendance": "date", "leave": None, "swaps": "swap_date", "tickets": "created_at",
                "qa": "date", "incidents": "date", "breaks": "left_at", "corrections": "date"}


def check_dates(tables: dict[str, pd.DataFrame], month: str, headers: Headers) -> list[Problem]:
    """A row dated outside the month being run (leave: when it has no day in the month)."""
    period = pd.Period(month, freq="M")
    start, end = period.start_time, (period + 1).start_time
    out: list[Problem] = []
    for key, col in DATE_COLUMNS.items():
        frame = tables.get(key)
        if frame is None or frame.empty:
            continue
        if col is None:  # the leave table: dated by its start and end
            bad = frame["start"].notna() & frame["end"].notna() & ((frame["end"] <= start) | (frame["start"] >= end))
            col = "start"
        else:
            v = frame[col]
            bad = v.notna() & ((v < start) | (v >= end))
        out += row_problems(headers, frame, bad, key, col, f"日期不在 {month} 月内‖dated outside {month}",
                         f"{month} 内的日期‖a date in {month}", code="outside_month")
    return out


def check_orders(tables: dict[str, pd.DataFrame], rulebook: Rulebook, headers: Headers) -> list[Problem]:
    """Clock-out before clock-in on a day shift; leave ending before it starts; swaps with oneself;
    incident codes and amounts."""
    out: list[Problem] = []
    att = tables.get("attendance")
    if att is not None and not att.empty:
        day_shift = att["shift_end"].notna() & att["shift_start"].notna() & (att["shift_end"] > att["shift_start"])
        bad = day_shift & att["clock_in"].notna() & att["clock_out"].notna() & (att["clock_out"] < att["clock_in"])
        out += row_problems(headers, att, bad, "attendance", "clock_out", "下班打卡早于上班打卡‖clock-out before clock-in",
                         "晚于上班打卡的时间‖a time after the clock-in",
                             code="clock_out_before_in")
    lv = tables.get("leave")
    if lv is not None and not lv.empty:
        bad = lv["start"].notna() & lv["end"].notna() & (lv["end"] <= lv["start"])
        if "end_all_day" in lv:  # show the end as written: a date-only end is stored as the next midnight
            shown = lv["end"] - pd.to_timedelta(lv["end_all_day"].astype(int), unit="D")
            lv = lv.assign(_end_written=shown)
        out += row_problems(headers, lv, bad, "leave", "end", "请假结束早于开始‖leave ends before it starts",
                         "不早于开始时间‖not before the start",
                         value_col="_end_written" if "_end_written" in lv else None, code="leave_ends_before_start")
        # Overlapping requests of one employee are not an input error (rules.md): each is judged.
    sw = tables.get("swaps")
    if sw is not None and not sw.empty:
        bad = sw["requester_id"].notna() & (sw["requester_id"] == sw["counterpart_id"])
        out += row_problems(headers, sw, bad, "swaps", "counterpart_id", "不能与自己换班‖a swap with oneself",
                         "另一名员工的工号‖another employee's id",
                             code="swap_with_self")
    inc = tables.get("incidents")
    if inc is not None and not inc.empty:
        unknown = inc["code"].isna() & inc["_code_text"].notna()
        out += row_problems(headers, inc, unknown, "incidents", "code", "规则中没有这个事项‖incident code not in the rulebook",
                         "、".join(e["name_zh"] for e in rulebook.incidents.values()) + "‖" + ", ".join(rulebook.incidents),
                         value_col="_code_text", code="unknown_incident")
        for code, entry in rulebook.incidents.items():
            if "min_amount" in entry:
                lo, hi = entry["min_amount"], entry["max_amount"]
                bad = inc["code"].eq(code) & inc["amount"].notna() & ~inc["amount"].between(lo, hi)
                out += row_problems(headers, inc, bad, "incidents", "amount",
                                 f"金额超出 {lo:g}–{hi:g} 元‖amount outside {lo:g}-{hi:g} yuan",
                                 f"{lo:g}–{hi:g}", code="amount_out_of_range")
    return out


def leave_duplicates(lv: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """A leave row typed twice (every column the same) is judged once, with a note (rules.md)."""
    data = [c for c in lv.columns if not c.startswith("_")]
    if lv.empty or not data:
        return lv, []
    dup = lv.duplicated(subset=data, keep="first")
    if not dup.any():
        return lv, []
    first = lv.loc[~dup].reset_index().set_index(data)["_row"] if "_row" in lv else None
    notes = []
    for _, row in lv.loc[dup].iterrows():  # the duplicated rows only: a handful
        key = tuple(row[c] for c in data)
        kept = first.get(key) if first is not None else None
        notes.append(f"{row.get('_file', '')}:{row.get('_sheet', '')}!{row.get('_row', '')}: "
                     f"与第 {kept} 行完全相同的请假,只计一次"
                     f"‖the same leave request as row {kept}: judged once")
    return lv.loc[~dup].reset_index(drop=True), notes
