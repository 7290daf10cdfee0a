"""From per-punch sheets and person × day matrices to person-days.

Why: WeCom 打卡详情 and DingTalk 原始记录 hold one row per punch, WeCom 月报 and DingTalk
月度汇总 one column per day; the rules want one row per person-day. Both are reshaped here
without a Python loop over data rows (group ids, sorts, a pivot, a reshape of the matrix).
"""
from __future__ import annotations

import re
from typing import Callable

import numpy as np
import pandas as pd

from ...errors import Problem
from ..sheets import RawSheet
from .cells import EXPECTED_TIME, first_last, read_punches, join_texts, leave_items, says_leave, shift_code, shift_label, verdict_text
from .common import DAY, MAX_PER_COLUMN, ROW_COLUMNS, cell_problems, Header, empty_rows, mask, new_rows, title_text
from .verdict_days import DEFAULT_VERDICT_SHIFT, EXPECTED_VERDICT, NO_MINUTES, rebuild

# ---------------------------------------------------------------- punch rows → person-days


def punches_to_days(p: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One person-day per ``keys`` from one row per punch.

    ``p`` holds ``keys``, ``date``, ``kind`` ('in'/'out'/None), ``sched`` (scheduled time as an
    offset from the date's midnight, NaT when none), ``punch`` (offset, NaT for a missing
    punch), ``at`` (full datetime or NaT), ``status``, ``leave``, ``_row``. Clock-in is the
    earliest punch of kind 'in', clock-out the latest of kind 'out'; a punch of unknown kind is
    'in' when its scheduled time is the day's first, 'out' when the last, and with no schedule
    the day's first punch is 'in' and (of two or more) the last 'out'. The shift runs from the
    day's first scheduled time to its last; the day's statuses are joined in sheet order.
    """
    p = p.reset_index(drop=True)
    p["_gid"] = p.groupby(keys, sort=False, dropna=False).ngroup()
    g = p.groupby("_gid", sort=False)
    s_min, s_max = g["sched"].transform("min"), g["sched"].transform("max")
    n_punch = g["punch"].transform("count")
    rank = p["punch"].dt.total_seconds().groupby(p["_gid"]).rank(method="first")
    by_sched = pd.Series(np.where(p["sched"].eq(s_min), "in", np.where(p["sched"].eq(s_max), "out", None)),
                         index=p.index, dtype=object).where(p["sched"].notna())
    by_rank = pd.Series(np.where(rank.eq(1), "in", np.where(rank.eq(n_punch) & (n_punch >= 2), "out", None)),
                        index=p.index, dtype=object).where(s_min.isna())
    kind = p["kind"].astype(object)
    kind = kind.where(kind.notna(), by_sched.where(by_sched.notna(), by_rank))
    days = p.sort_values("_row", kind="stable").drop_duplicates("_gid").set_index("_gid")[keys + ["_row"]]
    days = days.sort_index()
    days["s_min"], days["s_max"] = g["sched"].min(), g["sched"].max()
    ins = p[kind.eq("in") & p["punch"].notna()].sort_values("punch", kind="stable").drop_duplicates("_gid")
    outs = p[kind.eq("out") & p["punch"].notna()].sort_values("punch", kind="stable").drop_duplicates("_gid", keep="last")
    days["in_off"], days["clock_in_at"] = ins.set_index("_gid")["punch"], ins.set_index("_gid")["at"]
    days["out_off"], days["clock_out_at"] = outs.set_index("_gid")["punch"], outs.set_index("_gid")["at"]
    p["_k"] = g.cumcount()
    wide = p.pivot(index="_gid", columns="_k", values="status")
    days["export_verdict"] = join_texts([("", wide[c]) for c in wide.columns], wide.index)
    days["export_leave"] = p.dropna(subset=["leave"]).drop_duplicates("_gid").set_index("_gid")["leave"]
    for col, off in (("clock_in", "in_off"), ("clock_out", "out_off")):
        o = days[off].astype("timedelta64[ns]")
        nxt = mask(o >= DAY)
        days[col] = (o - pd.to_timedelta(nxt.astype(int), unit="D")).astype("timedelta64[ns]")
        days[f"{col}_next_day"] = nxt
        days[f"{col}_at"] = days[f"{col}_at"].astype("datetime64[ns]")
    one = days["s_min"].eq(days["s_max"])  # a single scheduled time is no shift window
    s_lo, s_hi = days["s_min"].where(~one), days["s_max"].where(~one)
    end_next = mask(s_hi >= DAY)
    days["shift_start"] = (s_lo - pd.to_timedelta(mask(s_lo >= DAY).astype(int), unit="D")).astype("timedelta64[ns]")
    days["shift_end"] = (s_hi - pd.to_timedelta(end_next.astype(int), unit="D")).astype("timedelta64[ns]")
    days["shift_end_next_day"] = end_next
    days["shift_text"] = shift_label(s_lo, s_hi)
    none = pd.Series(None, index=days.index, dtype=object)
    code = shift_code(none, days["shift_start"], days["shift_end"], end_next, days["s_min"].isna())
    days["shift"] = code.where(~one, None)  # one scheduled time: the window is unknown, not a rest day
    return days.reset_index(drop=True)


def punch_rows(p: pd.DataFrame, sheet: RawSheet) -> pd.DataFrame:
    """Per-punch rows (WeCom 打卡详情, DingTalk 原始记录) → export person-day rows; a day whose
    statuses only say 请假 gets that as its leave text."""
    days = punches_to_days(p, ["ident_name", "ident_account", "ident_id", "date"])
    generic = says_leave(days["export_verdict"].astype("string"))
    days["export_leave"] = days["export_leave"].where(days["export_leave"].notna(),
                                                      pd.Series(np.where(generic, "请假", None), index=days.index))
    return new_rows(days.index, sheet.source.name, sheet.sheet, days["_row"].to_numpy(),
                    **{c: days[c] for c in days.columns if c in ROW_COLUMNS and c != "_row"})


def pair_punches(h: Header, body: pd.DataFrame, rows: np.ndarray, dates: pd.Series,
                 pairs: dict[tuple[int, int], dict[str, int]], time_key: str, status_key: str
                 ) -> tuple[tuple, tuple, list[tuple[str, pd.Series]], list[Problem]]:
    """The 上班N/下班N column pairs of a daily sheet → (first clock-in, last clock-out, the
    per-punch statuses labelled ``上班1``…, problems). ``pairs`` maps (N, 0 in / 1 out) to the
    positions of its time and status columns."""
    idx = body.index
    ins, outs, statuses, problems = [], [], [], []
    for (n, side), cols in sorted(pairs.items()):
        if time_key in cols:
            pos = cols[time_key]
            td, at, nxt, bad = read_punches(body[pos], dates)
            problems += cell_problems(h, pos, body[pos], rows, bad, EXPECTED_TIME)
            (ins if side == 0 else outs).append((td, at, nxt))
        if status_key in cols:
            statuses.append((f"{'上班' if side == 0 else '下班'}{n}", body[cols[status_key]]))
    blank = (pd.Series(pd.NaT, index=idx, dtype="timedelta64[ns]"),
             pd.Series(pd.NaT, index=idx, dtype="datetime64[ns]"), pd.Series(False, index=idx))
    cin = first_last(ins, last=False) if ins else blank
    cout = first_last(outs, last=True) if outs else blank
    return cin, cout, statuses, problems


def unknown_windows(sheet: RawSheet, rows: pd.DataFrame) -> list[Problem]:
    """One problem for the person-days taken from a per-punch ``sheet`` that name a single
    scheduled time (a missed punch leaves no row there), so the shift's other end is unknown."""
    one = rows[rows["_sheet"].eq(sheet.sheet) & rows["_file"].eq(sheet.source.name)
               & rows["shift"].isna() & rows["shift_start"].isna()]
    if one.empty:
        return []
    first = one.sort_values("_row").iloc[0]
    example = f"{first['ident_name']} {first['date']:%Y-%m-%d}"
    message = (f"有 {len(one)} 个人天只有一次打卡,无法从“{sheet.sheet}”得知班次的上下班时间(如{example}):"
               "请一并导出含“班次”列的每日统计/日报工作表"
               f"‖{len(one)} person-days have a single punch, so their shift times are unknown from this sheet: "
               "export the daily sheet (with 班次) as well")
    return [Problem(sheet.source.name, message, sheet.sheet, int(first["_row"]), value=str(first["ident_name"]),
                    table="attendance")]


def _person_day(f: pd.DataFrame) -> pd.DataFrame:
    """The key a person-day is known by across an export's sheets: name, account (or 工号), date."""
    who = f["ident_account"].where(f["ident_account"].notna(), f["ident_id"])
    return pd.DataFrame({"n": f["ident_name"].fillna(""), "w": who.fillna(""), "d": f["date"]})


def supplement(primary: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    """``primary`` plus the person-days of ``extra`` it lacks (a per-punch sheet beside a daily one)."""
    if extra.empty:
        return primary
    if primary.empty:
        return extra
    seen = _person_day(extra).merge(_person_day(primary).drop_duplicates(), how="left",
                                    indicator=True)["_merge"].eq("both")
    return pd.concat([primary, extra[~seen.to_numpy()]], ignore_index=True)


_SHIFT_COLUMNS = ["shift_text", "shift", "shift_start", "shift_end", "shift_end_next_day"]


def borrow_shifts(rows: pd.DataFrame, other: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with the shift of the same person-day in ``other`` where their own is unknown
    (a 原始记录 day with one scheduled time, beside a 每日统计 that names the 班次)."""
    unknown = (rows["shift"].isna() & rows["shift_start"].isna()).to_numpy()
    if not unknown.any() or other.empty:
        return rows
    known = other[other["shift_start"].notna().to_numpy()]
    lookup = pd.concat([_person_day(known), known[_SHIFT_COLUMNS]], axis=1).drop_duplicates(["n", "w", "d"])
    found = _person_day(rows).merge(lookup, on=["n", "w", "d"], how="left")
    take = unknown & found["shift_start"].notna().to_numpy()
    out = rows.copy()
    for col in _SHIFT_COLUMNS:
        out.loc[take, col] = found.loc[take, col].to_numpy()
    return _lone_punch_side(out, take)


def _lone_punch_side(rows: pd.DataFrame, which: np.ndarray) -> pd.DataFrame:
    """On the ``which`` rows, a lone punch is the clock-out when it lies nearer the shift's end
    than its start (a per-punch sheet with one scheduled time could not tell)."""
    start = rows["shift_start"]
    end = rows["shift_end"] + pd.to_timedelta(rows["shift_end_next_day"].astype(int), unit="D")
    lone_in = which & rows["clock_in"].notna().to_numpy() & rows["clock_out"].isna().to_numpy()
    punch = rows["clock_in"] + pd.to_timedelta(rows["clock_in_next_day"].astype(int), unit="D")
    to_out = lone_in & ((punch - end).abs() < (punch - start).abs()).to_numpy()
    if not to_out.any():
        return rows
    out = rows.copy()
    for part in ("", "_at", "_next_day"):
        out.loc[to_out, f"clock_out{part}"] = rows.loc[to_out, f"clock_in{part}"].to_numpy()
    out.loc[to_out, "clock_in"] = pd.NaT
    out.loc[to_out, "clock_in_at"] = pd.NaT
    out.loc[to_out, "clock_in_next_day"] = False
    return out


# ---------------------------------------------------------------- day-matrix sheets (月报, 月度汇总)

_DAY_HEAD = re.compile(r"^(\d{1,2})日?(?:星期|周)?([一二三四五六日天])?$")
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def day_columns(header: Header) -> list[tuple[int, int, int | None]]:
    """(position, day of month, weekday or None) of columns headed ``1\\n星期四``, ``1 五`` or ``1``.

    Bare numbers count only as a run of at least 28 (a whole month); with weekdays, 7 will do.
    """
    found = [(pos, int(m.group(1)), _WEEKDAY.get(m.group(2)) if m.group(2) else None)
             for pos, m in header.matching(_DAY_HEAD) if 1 <= int(m.group(1)) <= 31]
    with_weekday = sum(w is not None for _, _, w in found)
    return found if (with_weekday >= 7 or len(found) >= 28) else []


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


def day_dates(days: list[tuple[int, int, int | None]], start: pd.Timestamp) -> list[pd.Timestamp] | None:
    """The date of each day column counting on from ``start`` (a period may cross a month end);
    None when a day number does not follow or a weekday does not agree."""
    out, cursor = [], start
    for _, day, weekday in days:
        steps = 0
        while cursor.day != day and steps < 31:
            cursor += DAY
            steps += 1
        if cursor.day != day or (weekday is not None and cursor.weekday() != weekday):
            return None
        out.append(cursor)
        cursor += DAY
    return out


def melt_days(header: Header, days: list[tuple[int, int, int | None]], dates: list[pd.Timestamp]
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
            table="attendance")]
    body, rows, date_s, values, positions = melt_days(h, days, dates)
    verdict = verdict_text(values)
    built, why = rebuild(verdict, verdict_shift)
    problems = verdict_problems(h, values, rows, positions, why)
    keep = built["keep"].to_numpy()
    out = new_rows(body.index, sheet.source.name, sheet.sheet, rows, **idents(h, body), date=date_s,
                   **{c: built[c] for c in built.columns if c != "keep"}, export_verdict=verdict,
                   export_leave=leave_items(verdict), from_verdict=pd.Series(True, index=body.index))
    return out[keep].reset_index(drop=True), problems


def verdict_problems(h: Header, values: pd.Series, rows: np.ndarray, positions: np.ndarray,
                      why: pd.Series) -> list[Problem]:
    """One problem per day cell whose verdict cannot be rebuilt (at most MAX_PER_COLUMN per sheet)."""
    bad = np.flatnonzero(why.ne("").to_numpy())
    sheet = h.sheet
    out = [Problem(sheet.source.name, NO_MINUTES if why.iloc[i] == "minutes" else "值无法识别‖cannot be read",
                   sheet.sheet, int(rows[i]), h.written[positions[i]], h.letter(int(positions[i])),
                   str(values.iloc[i]), EXPECTED_VERDICT, "attendance") for i in bad[:MAX_PER_COLUMN]]
    if len(bad) > MAX_PER_COLUMN:
        more = len(bad) - MAX_PER_COLUMN
        out.append(Problem(sheet.source.name, f"另有 {more} 个日格同类问题‖{more} more day cells like this",
                           sheet.sheet, None, "", "", "", EXPECTED_VERDICT, "attendance"))
    return out
