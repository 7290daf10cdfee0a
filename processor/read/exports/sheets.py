"""The two row shapes of a person × day export, read for any app (:mod:`.apps` gives the words).

Why: a daily sheet (DingTalk 每日统计, WeCom 概况统计与打卡明细) has one row per person-day with
``上班N``/``下班N`` punch pairs; a per-punch sheet (DingTalk 原始记录, WeCom 打卡详情) one row per
punch. Both apps write the same things under different words, so one function reads each
shape: clock-in is the first ``上班N`` time present, clock-out the last ``下班N`` one (not
最早/最晚: with a missed clock-in those hold the clock-out time twice); punch rows marked void
(DingTalk ``打卡无效:…``, WeCom ``失效``) were superseded and are ignored. A daily sheet without
punch times (an admin's DingTalk column set, the 每日汇总（新） CSV) has its days rebuilt from
its results on the row's own 班次 (:mod:`.verdict_days`), with 迟到时长 / 早退时长 minutes.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ... import parse
from ...errors import Problem
from ..sheets import RawSheet
from .apps import PAIR, App, pair_parts
from .cells import (
    EXPECTED_DATE,
    EXPECTED_SHIFT,
    EXPECTED_TIME,
    epoch_dates,
    join_texts,
    offset,
    read_dates,
    read_punches,
    read_shifts,
)
from .common import Header, cell_problems, empty_rows, new_rows, none_column, norm, text
from .days import pair_punches, punch_rows
from .matrix import start_candidates, verdict_problems
from .verdict_days import DEFAULT_VERDICT_SHIFT, rebuild
from .vocabulary import leave_items, says_leave


def dates_of(h: Header, body: pd.DataFrame, rows: np.ndarray, pos: int, month: str | None = None
             ) -> tuple[pd.Series, list[Problem]]:
    """The date column (``workDate`` epoch milliseconds as a fallback for a cell not read); a
    date without its year (``10-01``, ``1日``) is in the period of the title, file name or month."""
    starts = start_candidates(h.sheet, h, month)
    dates, bad = read_dates(body[pos], starts[0] if starts else None)
    wd = h.find("workDate")
    if wd is not None:
        dates = dates.where(dates.notna(), epoch_dates(body[wd]))
        bad = bad & dates.isna()
    return dates, cell_problems(h, pos, body[pos], rows, bad, EXPECTED_DATE)


def pair_columns(app: App, h: Header) -> dict[tuple[int, int], dict[str, int]]:
    """(N, 0 in / 1 out) → {"time"/"status": position} of the daily sheet's punch columns:
    named ``上班1打卡时间`` (DingTalk) or ``打卡时间`` under a ``上班1`` group (WeCom)."""
    pairs: dict[tuple[int, int], dict[str, int]] = {}
    for pos, name in enumerate(h.names):
        group = h.parents[pos]
        label = (group + name if group else "") if app.pairs_grouped else name
        m = PAIR.match(label) if label else None
        if m:
            clock_in, n, is_time = pair_parts(m)
            pairs.setdefault((n, 0 if clock_in else 1), {})["time" if is_time else "status"] = pos
    return pairs


def _leave(app: App, h: Header, body: pd.DataFrame, verdict: pd.Series,
           results: list[tuple[str, pd.Series]]) -> pd.Series:
    """The day's approvals: the approval column, the leave group's hours/days, else a bare 请假."""
    idx = body.index
    apos = h.find(*app.approval)
    parts = [("", leave_items(body[apos]))] if apos is not None else []
    for pos, parent in enumerate(h.parents):  # DingTalk's 请假 group (or its columns in one header row)
        if app.leave_group and (parent == norm(app.leave_group)
                                or (app.leave_column is not None and app.leave_column.match(h.names[pos]))):
            num, _ = parse.parse_number(body[pos])
            shown = num.where(num > 0).round(2).astype("string").str.replace(r"\.0+$", "", regex=True)
            parts.append((h.written[pos].split(" ", 1)[-1], shown))
    if app.leave_group:
        leave = join_texts(parts, idx)
    else:
        leave = parts[0][1] if parts else none_column(idx)
    generic = says_leave(verdict.astype("string"), *[s for _, s in results])
    return leave.where(leave.notna(), pd.Series(np.where(generic, "请假", np.array(None)), index=idx, dtype=object))


def daily(app: App, sheet: RawSheet, h: Header, verdict_shift: str = DEFAULT_VERDICT_SHIFT,
          month: str | None = None) -> tuple[pd.DataFrame, list[Problem], bool]:
    """A daily sheet: one row per person-day. The flag says whether it has punch times."""
    body, rows = h.body()
    idx = body.index
    dates, problems = dates_of(h, body, rows, h.position(*app.date), month)
    spos = h.find(*app.shift)
    shifts, bad = read_shifts(body[spos] if spos is not None else none_column(idx))
    if spos is not None:
        problems += cell_problems(h, spos, body[spos], rows, bad, EXPECTED_SHIFT)
    pairs = pair_columns(app, h)
    cin, cout, results, more = pair_punches(h, body, rows, dates, pairs, "time", "status")
    problems += more
    vpos = h.find(*app.verdict)
    verdict = text(body[vpos]) if vpos is not None else join_texts(results, idx)
    leave = _leave(app, h, body, verdict, results)
    punches = any("time" in cols for cols in pairs.values())
    if app.rebuild_daily and not punches:
        return _rebuilt(app, sheet, h, (body, rows, dates), shifts, verdict, leave, verdict_shift, problems)
    out = new_rows(idx, sheet.source.name, sheet.sheet, rows, **app.idents(h, body), date=dates,
                   **{c: shifts[c] for c in shifts.columns},
                   clock_in=cin[0], clock_in_at=cin[1], clock_in_next_day=cin[2],
                   clock_out=cout[0], clock_out_at=cout[1], clock_out_next_day=cout[2],
                   export_verdict=verdict, export_leave=leave)
    return out[out["date"].notna()].reset_index(drop=True), problems, punches


def _rebuilt(app: App, sheet: RawSheet, h: Header, read: tuple[pd.DataFrame, np.ndarray, pd.Series],
             shifts: pd.DataFrame, verdict: pd.Series, leave: pd.Series, verdict_shift: str,
             problems: list[Problem]) -> tuple[pd.DataFrame, list[Problem], bool]:
    """A daily sheet without punch times: its days rebuilt from the results (``from_verdict``)."""
    body, rows, dates = read
    idx = body.index
    late_pos, early_pos = h.find(*app.late), h.find(*app.early)
    late = parse.parse_number(body[late_pos])[0] if late_pos is not None else None
    early = parse.parse_number(body[early_pos])[0] if early_pos is not None else None
    built, why = rebuild(verdict, verdict_shift, shifts if h.find(*app.shift) is not None else None, late, early)
    vpos = h.find(*app.verdict)
    blame = vpos if vpos is not None else min((p for cols in pair_columns(app, h).values() for p in cols.values()),
                                              default=h.name_pos)
    why = why.where(dates.notna(), "")
    problems = problems + verdict_problems(h, verdict, rows, np.full(len(idx), blame), why)
    keep = (built["keep"] & dates.notna()).to_numpy()
    out = new_rows(idx, sheet.source.name, sheet.sheet, rows, **app.idents(h, body), date=dates,
                   **{c: built[c] for c in built.columns if c != "keep"}, export_verdict=verdict,
                   export_leave=leave, from_verdict=pd.Series(True, index=idx))
    return out[keep].reset_index(drop=True), problems, False


def _void(app: App, body: pd.DataFrame, status: pd.Series) -> pd.Series:
    """Rows of superseded punches: the app's mark in the status (or, for DingTalk, any) column."""
    cols = [body[pos] for pos in body.columns] if app.void_any_column else [status]
    void = pd.Series(False, index=body.index)
    for col in cols:  # a handful of columns
        void |= col.astype("string").str.strip().str.startswith(app.void_prefix).fillna(False).astype(bool)
    return void


def _kind(kind_text: pd.Series) -> pd.Series:
    return pd.Series(np.where(kind_text.str.contains("上班").fillna(False), "in",
                              np.where(kind_text.str.contains("下班").fillna(False), "out", np.array(None))),
                     index=kind_text.index, dtype=object)


def punch_list(app: App, sheet: RawSheet, h: Header, month: str | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """A per-punch sheet: one row per punch → one row per person-day; void rows ignored."""
    body, rows = h.body()
    idx = body.index
    rpos, kpos = h.find(*app.punch_status), h.find(*app.punch_kind)
    status = text(body[rpos]) if rpos is not None else none_column(idx)
    void = _void(app, body, status)
    dates, problems = dates_of(h, body, rows, h.position(*app.punch_date), month)
    kind_text = body[kpos].astype("string") if kpos is not None else pd.Series(pd.NA, index=idx, dtype="string")
    sched = pd.Series(pd.NaT, index=idx, dtype="timedelta64[ns]")
    spos = h.find(*app.punch_sched)
    if spos is not None:
        s_raw = body[spos]
        if app.sched_has_kind:  # DingTalk 考勤时间 ``上班1 08:30``
            s_raw = s_raw.astype("string").str.strip()
            kind_text = kind_text.fillna(s_raw.str.extract(r"^(上班|下班)", expand=False))
            s_raw = s_raw.str.replace(r"^(上班|下班)\d?\s*", "", regex=True)
        s_td, s_at, s_nxt, bad = read_punches(s_raw, dates)
        problems += cell_problems(h, spos, body[spos], rows, bad & ~void, EXPECTED_TIME)
        sched = offset(s_td, s_nxt)
        sched = sched.where(s_td.notna(), s_at - dates) if app.full_punch_times else sched
    ppos = h.position(*app.punch_time)
    p_td, p_at, p_nxt, bad = read_punches(body[ppos], dates)
    problems += cell_problems(h, ppos, body[ppos], rows, bad & ~void, EXPECTED_TIME)
    punch = offset(p_td, p_nxt)
    apos = h.find(*app.approval)
    p = pd.DataFrame({**app.idents(h, body), "date": dates, "kind": _kind(kind_text), "sched": sched,
                      "punch": punch.where(p_td.notna(), p_at - dates) if app.full_punch_times else punch,
                      "at": p_at, "status": status,
                      "leave": leave_items(body[apos]) if apos is not None else none_column(idx), "_row": rows}, index=idx)
    p = p[~void.to_numpy() & p["date"].notna().to_numpy()]
    if p.empty:
        return empty_rows(), problems
    return punch_rows(p, sheet), problems
