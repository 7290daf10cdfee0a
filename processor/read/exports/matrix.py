"""Person × day matrix sheets (WeCom 月报 and 打卡时间记录, DingTalk 月度汇总 and 打卡时间) to person-days.

Why: these sheets hold one column per day, headed ``1\n星期四``, ``1``, or — DingTalk — ``六``,
``日`` and a holiday's name; their cells hold a day's verdict or its punch times. The matrix is
reshaped at once (no loop over rows) and each cell read by the package's vocabulary.
"""
from __future__ import annotations

import re
from typing import Callable

import numpy as np
import pandas as pd

from ...errors import Problem, capped
from ..sheets import RawSheet
from .cells import glue_next_day, read_punches, verdict_text
from .common import DAY, Header, empty_rows, new_rows, title_text
from .days import _person_day
from .verdict_days import DEFAULT_VERDICT_SHIFT, EXPECTED_VERDICT, NO_MINUTES, TOO_LONG, rebuild
from .vocabulary import leave_items

# ---------------------------------------------------------------- day-matrix sheets (月报, 月度汇总)

_DAY_HEAD = re.compile(r"^(\d{1,2})日?(?:星期|周)?([一二三四五六日天])?$")
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def day_columns(header: Header) -> list[tuple[int, int | None, int | None]]:
    """(position, day of month or None, weekday or None) of a sheet's day columns.

    Columns headed ``1\n星期四``, ``1 五`` or ``1``: bare numbers count only as a run of at least
    28 (a whole month); with weekdays, 7 will do. Else DingTalk's matrix sheets, whose day
    columns sit under one group (``考勤结果``, ``打卡时间``) and are headed by the day number on
    working days but ``六``/``日`` on weekends and the holiday's name (``劳动节``) on holidays:
    a run of at least 28 columns under one group, with some day numbers, counts by position.
    """
    found: list[tuple[int, int | None, int | None]] = [
        (pos, int(m.group(1)), _WEEKDAY.get(m.group(2)) if m.group(2) else None)
        for pos, m in header.matching(_DAY_HEAD) if 1 <= int(m.group(1)) <= 31]
    with_weekday = sum(w is not None for _, _, w in found)
    if with_weekday >= 7 or len(found) >= 28:
        return found
    return _grouped_days(header)


def _grouped_days(header: Header) -> list[tuple[int, int | None, int | None]]:
    """Day columns found by position under one group (see :func:`day_columns`)."""
    runs: dict[str, list[int]] = {}
    for pos, parent in enumerate(header.parents):
        if parent and header.names[pos]:
            runs.setdefault(parent, []).append(pos)
    for positions in runs.values():
        if len(positions) < 28 or positions != list(range(positions[0], positions[0] + len(positions))):
            continue
        out: list[tuple[int, int | None, int | None]] = []
        for pos in positions:
            label = header.names[pos]
            m = _DAY_HEAD.match(label)
            if m and 1 <= int(m.group(1)) <= 31:
                out.append((pos, int(m.group(1)), _WEEKDAY.get(m.group(2)) if m.group(2) else None))
            else:
                w = re.sub(r"^(星期|周)", "", label)
                out.append((pos, None, _WEEKDAY.get(w) if len(w) == 1 else None))
        if sum(d is not None for _, d, _ in out) >= 7:
            return out
    return []


_SPAN_FILE = re.compile(r"(20\d{2})(\d{2})(\d{2})\s*[-_~～至]\s*(20\d{2})(\d{2})(\d{2})")
_SPAN_FULL = re.compile(r"(20\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:至|到|~|～|-)\s*"
                        r"(20\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_SPAN_SHORT = re.compile(r"统计(?:时间|日期|周期)\s*[:：]?\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:至|到|~|～|-)")
_MADE = re.compile(r"(?:制表|生成)时间\s*[:：]?\s*(20\d{2})\s*[-/.年]\s*(\d{1,2})")


def start_candidates(sheet: RawSheet, header: Header, month: str | None) -> list[pd.Timestamp]:
    """Possible first days of the period, best first: the file name's ``YYYYMMDD-YYYYMMDD``,
    a title's full ``2026-05-01 至 2026-05-31``, a WeCom title's ``统计时间:10-01 ～`` with the
    year of ``制表时间`` (or of the month being run), and the first of the month being run."""
    out: list[pd.Timestamp] = []
    title = title_text(sheet, header)
    for m in (_SPAN_FILE.search(sheet.source.name), _SPAN_FULL.search(title)):
        if m:
            out.append(pd.Timestamp(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    short = _SPAN_SHORT.search(title)
    if short:
        mon, day = int(short.group(1)), int(short.group(2))
        years = []
        made = _MADE.search(title)
        if made:
            y, made_mon = int(made.group(1)), int(made.group(2))
            years.append(y - 1 if mon > made_mon else y)
        if month:
            years.append(int(month[:4]))
        for y in years + [y + d for y in years for d in (-1, 1)]:
            try:
                out.append(pd.Timestamp(y, mon, day))
            except ValueError:
                continue
    if month:
        out.append(pd.Timestamp(f"{month}-01"))
    return list(dict.fromkeys(out))


def day_dates(days: list[tuple[int, int | None, int | None]], start: pd.Timestamp) -> list[pd.Timestamp] | None:
    """The date of each day column counting on from ``start`` (a period may cross a month end;
    a column without a day number is the day after the previous one); None when a day number
    does not follow or a weekday does not agree."""
    out, cursor = [], start
    for _, day, weekday in days:
        steps = 0
        while day is not None and cursor.day != day and steps < 31:
            cursor += DAY
            steps += 1
        if (day is not None and cursor.day != day) or (weekday is not None and cursor.weekday() != weekday):
            return None
        out.append(cursor)
        cursor += DAY
    return out


def melt_days(header: Header, days: list[tuple[int, int | None, int | None]], dates: list[pd.Timestamp]
              ) -> tuple[pd.DataFrame, np.ndarray, pd.Series, pd.Series, np.ndarray]:
    """A person × day matrix → (body repeated per day, Excel rows, dates, cell values, column
    positions), vectorised."""
    body, rows = header.body()
    n, k = len(body), len(days)
    positions = [pos for pos, _, _ in days]
    wide = body[positions].to_numpy(dtype=object)
    take = np.repeat(np.arange(n), k)
    long_body = body.iloc[take].reset_index(drop=True)
    values = pd.Series(wide.reshape(-1), dtype=object)
    date_s = pd.Series(np.tile(np.array(dates, dtype="datetime64[ns]"), n), dtype="datetime64[ns]")
    return long_body, rows[take], date_s, values, np.tile(np.array(positions, dtype="int64"), n)


def read_matrix(sheet: RawSheet, h: Header, month: str | None,
                idents: Callable[[Header, pd.DataFrame], dict[str, pd.Series]],
                verdict_shift: str = DEFAULT_VERDICT_SHIFT) -> tuple[pd.DataFrame, list[Problem]]:
    """A person × day sheet (WeCom 月报, DingTalk 月度汇总) as person-days rebuilt from each
    cell's verdict (:mod:`.verdict_days`) on ``verdict_shift``, marked ``from_verdict``; blank
    cells give no day, unusable ones a problem each (capped per sheet)."""
    days = day_columns(h)
    dates = next((d for d in (day_dates(days, s) for s in start_candidates(sheet, h, month)) if d is not None), None)
    if dates is None:
        return empty_rows(), [Problem(
            sheet.source.name, "无法确定各日期列对应的年月:文件名、标题行的统计时间/统计日期与列头的星期对不上"
                               "‖cannot tell which dates the day columns are: the file name, the title's period "
                               "and the weekdays in the headers disagree", sheet.sheet, h.top + sheet.first_row,
            table="attendance", code="undated_day_columns")]
    body, rows, date_s, values, positions = melt_days(h, days, dates)
    verdict = verdict_text(values)
    built, why = rebuild(verdict, verdict_shift)
    problems = verdict_problems(h, values, rows, positions, why)
    keep = built["keep"].to_numpy()
    out = new_rows(body.index, sheet.source.name, sheet.sheet, rows, **idents(h, body), date=date_s,
                   **{c: built[c] for c in built.columns if c != "keep"}, export_verdict=verdict,
                   export_leave=leave_items(verdict), from_verdict=pd.Series(True, index=body.index))
    return out[keep].reset_index(drop=True), problems


def read_times(sheet: RawSheet, h: Header, month: str | None,
               idents: Callable[[Header, pd.DataFrame], dict[str, pd.Series]]) -> tuple[pd.DataFrame, list[Problem]]:
    """A person × day matrix of punch times (WeCom 打卡时间记录 ``08:38、18:00``, DingTalk
    打卡时间 ``08:22\n18:06``; ``--`` none) as person-days holding the first punch as clock-in,
    the last as clock-out and their number (``punches``); no shift: they only fill the days a
    月报 / 月度汇总 gives (:func:`fill_times`)."""
    days = day_columns(h)
    dates = next((d for d in (day_dates(days, s) for s in start_candidates(sheet, h, month)) if d is not None), None)
    if dates is None:
        return empty_rows(), []
    body, rows, date_s, values, positions = melt_days(h, days, dates)
    cleaned = glue_next_day(values.astype("string").str.strip()).replace({"--": pd.NA, "-": pd.NA, "": pd.NA})
    parts = cleaned.str.split(r"\s*[、,，;；\s]\s*", regex=True)
    # pandas-stubs types .str.len() for strings only; on a Series of lists it counts the items
    count = parts.str.len().fillna(0).astype(int)  # type: ignore[misc]
    cin, cin_at, cin_nxt, bad_in = read_punches(parts.str[0].astype(object), date_s)
    cout, cout_at, cout_nxt, bad_out = read_punches(parts.str[-1].astype(object), date_s)
    bad = (bad_in | bad_out).to_numpy()
    problems = verdict_problems(h, values, rows, positions, pd.Series(np.where(bad, "words", ""), index=values.index))
    out = new_rows(body.index, sheet.source.name, sheet.sheet, rows, **idents(h, body), date=date_s,
                   clock_in=cin, clock_in_at=cin_at, clock_in_next_day=cin_nxt,
                   clock_out=cout, clock_out_at=cout_at, clock_out_next_day=cout_nxt,
                   punches=pd.Series(count.to_numpy(), index=body.index, dtype=object))
    keep = (count > 0).to_numpy() & ~bad
    return out[keep].reset_index(drop=True), problems


_PUNCH = ("", "_at", "_next_day")


def fill_times(days: pd.DataFrame, times: pd.DataFrame) -> pd.DataFrame:
    """Days rebuilt from a 月报's / 月度汇总's verdicts with the real punches of a punch-time
    matrix beside it: each punch the verdict has takes the real one (the first time for the
    clock-in, the last for the clock-out; one time fills a single punch only), and a day whose
    punches all came so is judged on them (no longer ``from_verdict``)."""
    if times.empty or days.empty:
        return days
    key = _person_day(times).assign(_t=np.arange(len(times))).drop_duplicates(["n", "w", "d"])
    found = _person_day(days).merge(key, on=["n", "w", "d"], how="left")["_t"].to_numpy()
    has = ~np.isnan(found)
    t = times.iloc[np.where(has, found, 0).astype(int)].reset_index(drop=True)
    n = np.where(has, pd.to_numeric(t["punches"], errors="coerce").fillna(0).to_numpy(), 0)
    v_in, v_out = days["clock_in"].notna().to_numpy(), days["clock_out"].notna().to_numpy()
    fill = has & (v_in | v_out) & (n >= v_in.astype(int) + v_out.astype(int))
    if not fill.any():
        return days
    out = days.copy()
    for side, ok in (("clock_in", fill & v_in), ("clock_out", fill & v_out)):
        for part in _PUNCH:
            out.loc[ok, f"{side}{part}"] = t.loc[ok, f"{side}{part}"].to_numpy()
    out.loc[fill, "from_verdict"] = False
    return out


def verdict_problems(h: Header, values: pd.Series, rows: np.ndarray, positions: np.ndarray,
                      why: pd.Series) -> list[Problem]:
    """One problem per day cell whose verdict cannot be rebuilt (at most MAX_PER_COLUMN per sheet)."""
    sheet = h.sheet
    message = {"minutes": NO_MINUTES, "long": TOO_LONG}
    code = {"minutes": "verdict_without_minutes", "long": "verdict_too_long"}
    return capped(np.flatnonzero(why.ne("").to_numpy()),
                  lambda i: Problem(sheet.source.name, message.get(why.iloc[i], "值无法识别‖cannot be read"),
                                    sheet.sheet, int(rows[i]), h.written[positions[i]], h.letter(int(positions[i])),
                                    str(values.iloc[i]), EXPECTED_VERDICT, "attendance",
                                    code.get(why.iloc[i], "bad_value")),
                  lambda more: Problem(sheet.source.name, f"另有 {more} 个日格同类问题‖{more} more day cells like this",
                                       sheet.sheet, None, "", "", "", EXPECTED_VERDICT, "attendance"))
