"""From per-punch sheets and daily sheets' punch pairs to person-days.

Why: WeCom 打卡详情 and DingTalk 原始记录 hold one row per punch; the rules want one row per
person-day. They are reshaped here without a Python loop over data rows (group ids, sorts, a
pivot); person × day matrices are :mod:`.matrix`'s.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ...errors import Problem
from ..sheets import RawSheet
from .cells import EXPECTED_TIME, first_last, join_texts, read_punches, shift_code, shift_label
from .common import DAY, ROW_COLUMNS, Header, cell_problems, mask, new_rows
from .vocabulary import says_leave

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
    by_sched = pd.Series(np.where(p["sched"].eq(s_min), "in", np.where(p["sched"].eq(s_max), "out", np.array(None))),
                         index=p.index, dtype=object).where(p["sched"].notna())
    by_rank = pd.Series(np.where(rank.eq(1), "in", np.where(rank.eq(n_punch) & (n_punch >= 2), "out", np.array(None))),
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
                                                      pd.Series(np.where(generic, "请假", np.array(None)), index=days.index))
    return new_rows(days.index, sheet.source.name, sheet.sheet, days["_row"].to_numpy(),
                    **{c: days[c] for c in days.columns if c in ROW_COLUMNS and c != "_row"})


def pair_punches(h: Header, body: pd.DataFrame, rows: np.ndarray, dates: pd.Series,
                 pairs: dict[tuple[int, int], dict[str, int]], time_key: str, status_key: str
                 ) -> tuple[tuple, tuple, list[tuple[str, pd.Series]], list[Problem]]:
    """The 上班N/下班N column pairs of a daily sheet → (first clock-in, last clock-out, the
    per-punch statuses labelled ``上班1``…, problems). ``pairs`` maps (N, 0 in / 1 out) to the
    positions of its time and status columns."""
    idx = body.index
    ins: list[tuple] = []
    outs: list[tuple] = []
    statuses: list[tuple[str, pd.Series]] = []
    problems: list[Problem] = []
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
                    table="attendance", code="single_punch_shift")]


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


