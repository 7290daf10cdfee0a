"""Read WeCom (企业微信) 上下班打卡 exports as they come out of the admin console.

Why: most centers on WeCom never type an attendance table; they export 上下班打卡 日报 or 月报
(docs/inputs.md, "Attendance exports"). The 日报 has the day's shift and punches:

* sheet ``概况统计与打卡明细`` — title row, ``统计时间:02-01 ～ 02-28  制表时间:…`` row, then a
  two-row header: single columns merged vertically (时间, 姓名, 账号) and groups (基础信息 over
  部门/职务/工号, 考勤概况 over 所属规则/班次/…/考勤结果, ``上班1``/``下班1``… over
  打卡时间/打卡状态). One row per person-day, rest days included (班次 ``休息``; ``--`` = no
  schedule). Clock-in is the first ``上班N`` punch present, clock-out the last ``下班N`` one
  (not 最早/最晚: with a missed clock-in those hold the clock-out time twice).
* sheet ``打卡详情`` — one row per punch (打卡类型 上班/下班, 应打卡时间, 实际打卡时间, 打卡状态);
  rows whose status starts ``失效`` were superseded and are ignored. Used for the person-days
  the overview sheet lacks (or alone, when it is all the file holds).

The 打卡时间记录 (a person × day matrix of punch times ``08:38、18:00``) fills the days of a 月报
beside it with their real punches; alone it cannot be judged (no shift, no verdict).

The 月报 (sheet ``上下班打卡_月报``, day columns ``1\\n星期四``) holds each day's verdict
(``迟到9分钟; 缺卡1次;``) but no punch or shift times; its days are rebuilt from the verdicts
(:mod:`.verdict_days`) and used for the people no daily source covers.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ...errors import Problem
from ..sheets import RawSheet
from .cells import (EXPECTED_DATE, EXPECTED_SHIFT, EXPECTED_TIME, join_texts, offset,
                    read_dates, read_punches, read_shifts)
from .common import (ExportTable, idents, none_column, Header, cell_problems, empty_rows, find_header, looks_dingtalk, new_rows,
                     norm, text, title_text)
from .vocabulary import leave_items, says_leave
from .verdict_days import DEFAULT_VERDICT_SHIFT
from .days import pair_punches, punch_rows, supplement, unknown_windows
from .matrix import day_columns, read_matrix, read_times

NAME = ("姓名", "成员", "成员姓名", "员工姓名")
DATE = ("时间", "日期")
ACCOUNT = ("账号", "帐号", "成员账号", "企业微信账号", "userid")
ID = ("工号", "员工工号", "员工编号")
SHIFT = ("班次",)
VERDICT = ("考勤结果",)
LEAVE = ("假勤申请",)
PAIR = re.compile(r"^(上班|下班)(\d+)$")
PAIR_TIME, PAIR_STATUS = norm("打卡时间"), norm("打卡状态")

DAILY, MONTHLY, TIMES = "WeCom 日报", "WeCom 月报", "WeCom 打卡时间记录"


def _idents(h: Header, body: pd.DataFrame) -> dict[str, pd.Series]:
    return idents(h, body, ACCOUNT, ID)


def _is_overview(h: Header) -> bool:
    pairs = any(h.names[p] == PAIR_TIME for p, _ in h.matching(PAIR, parents=True))
    return not looks_dingtalk(h) and (pairs or (h.find(*SHIFT) is not None and h.find(*VERDICT) is not None))


def overview(sheet: RawSheet, h: Header) -> tuple[pd.DataFrame, list[Problem]]:
    """Sheet 概况统计与打卡明细: one row per person-day."""
    body, rows = h.body()
    idx = body.index
    date_pos = h.find(*DATE)
    dates, bad = read_dates(body[date_pos])
    problems = cell_problems(h, date_pos, body[date_pos], rows, bad, EXPECTED_DATE)
    shift_pos = h.find(*SHIFT)
    if shift_pos is not None:
        shifts, bad = read_shifts(body[shift_pos])
        problems += cell_problems(h, shift_pos, body[shift_pos], rows, bad, EXPECTED_SHIFT)
    else:
        shifts, _ = read_shifts(none_column(idx))
    groups: dict[tuple[int, int], dict[str, int]] = {}
    for pos, m in h.matching(PAIR, parents=True):
        groups.setdefault((int(m.group(2)), 0 if m.group(1) == "上班" else 1), {})[h.names[pos]] = pos
    cin, cout, statuses, more = pair_punches(h, body, rows, dates, groups, PAIR_TIME, PAIR_STATUS)
    problems += more
    vpos = h.find(*VERDICT)
    verdict = text(body[vpos]) if vpos is not None else join_texts(statuses, idx)
    lpos = h.find(*LEAVE)
    leave = leave_items(body[lpos]) if lpos is not None else none_column(idx)
    generic = says_leave(verdict.astype("string"), *[s for _, s in statuses])
    leave = leave.where(leave.notna(), pd.Series(np.where(generic, "请假", None), index=idx, dtype=object))
    out = new_rows(idx, sheet.source.name, sheet.sheet, rows, **_idents(h, body), date=dates,
                   **{c: shifts[c] for c in shifts.columns},
                   clock_in=cin[0], clock_in_at=cin[1], clock_in_next_day=cin[2],
                   clock_out=cout[0], clock_out_at=cout[1], clock_out_next_day=cout[2],
                   export_verdict=verdict, export_leave=leave)
    return out[out["date"].notna()].reset_index(drop=True), problems


def punch_details(sheet: RawSheet, h: Header) -> tuple[pd.DataFrame, list[Problem]]:
    """Sheet 打卡详情: one row per punch → one row per person-day."""
    body, rows = h.body()
    date_pos = h.find(*DATE)
    dates, bad = read_dates(body[date_pos])
    problems = cell_problems(h, date_pos, body[date_pos], rows, bad, EXPECTED_DATE)
    spos, kpos = h.find("打卡状态"), h.find("打卡类型")
    status = text(body[spos]) if spos is not None else none_column(body.index)
    kind_text = body[kpos].astype("string")
    kind = pd.Series(np.where(kind_text.str.contains("上班").fillna(False), "in",
                              np.where(kind_text.str.contains("下班").fillna(False), "out", None)),
                     index=body.index, dtype=object)
    sched_pos, punch_pos = h.find("应打卡时间"), h.find("实际打卡时间")
    none_td = pd.Series(pd.NaT, index=body.index, dtype="timedelta64[ns]")
    sched = none_td
    if sched_pos is not None:
        s_td, _, s_nxt, bad = read_punches(body[sched_pos], dates)
        problems += cell_problems(h, sched_pos, body[sched_pos], rows, bad, EXPECTED_TIME)
        sched = offset(s_td, s_nxt)
    p_td, p_at, p_nxt, bad = read_punches(body[punch_pos], dates)
    problems += cell_problems(h, punch_pos, body[punch_pos], rows, bad, EXPECTED_TIME)
    lpos = h.find(*LEAVE)
    p = pd.DataFrame({**_idents(h, body), "date": dates, "kind": kind, "sched": sched,
                      "punch": offset(p_td, p_nxt), "at": p_at, "status": status,
                      "leave": leave_items(body[lpos]) if lpos is not None else none_column(body.index),
                      "_row": rows}, index=body.index)
    void = status.astype("string").str.startswith("失效").fillna(False).astype(bool)  # superseded punch
    p = p[~void & p["date"].notna()]
    if p.empty:
        return empty_rows(), problems
    return punch_rows(p, sheet), problems


def detect(sheets: list[RawSheet], month: str | None = None,
           verdict_shift: str = DEFAULT_VERDICT_SHIFT) -> list[ExportTable]:
    """The WeCom exports among one file's sheets (at most one 日报 and one 月报 per file)."""
    daily_parts, detail_parts, claimed, problems = [], [], [], []
    where: dict[str, dict[str, tuple[str, str]]] = {}
    month_tables: list[ExportTable] = []
    for sheet in sheets:
        h = find_header(sheet, NAME, [DATE, ("打卡类型",), ("实际打卡时间",)])
        if h is not None:
            rows, probs = punch_details(sheet, h)
            where[sheet.sheet] = h.locate(date=h.find(*DATE))
            detail_parts.append((sheet, rows))
            claimed.append(sheet.sheet)
            problems += probs
            continue
        h = find_header(sheet, NAME, [DATE], test=_is_overview)
        if h is not None:
            rows, probs = overview(sheet, h)
            where[sheet.sheet] = h.locate(date=h.find(*DATE), shift=h.find(*SHIFT))
            daily_parts.append(rows)
            claimed.append(sheet.sheet)
            problems += probs
            continue
        h = find_header(sheet, NAME, test=lambda x: bool(day_columns(x)) and not looks_dingtalk(x))
        if h is not None and "打卡时间" in sheet.sheet:  # 打卡时间记录: punch times per day
            rows, probs = read_times(sheet, h, month, _idents)
            month_tables.append(ExportTable(TIMES, sheet.source.name, [sheet.sheet], rows, probs, verdict_only=True,
                                            headers={sheet.sheet: h.locate()}, punch_times=True))
        elif h is not None and ("月报" in sheet.sheet or h.find(*ACCOUNT) is not None
                                or "统计时间" in title_text(sheet, h)):
            rows, probs = read_matrix(sheet, h, month, _idents, verdict_shift)
            month_tables.append(ExportTable(MONTHLY, sheet.source.name, [sheet.sheet], rows, probs, verdict_only=True,
                                            headers={sheet.sheet: h.locate()}))
    out: list[ExportTable] = []
    if daily_parts or detail_parts:
        primary = pd.concat(daily_parts, ignore_index=True) if daily_parts else empty_rows()
        for _, extra in detail_parts:
            primary = supplement(primary, extra)
        for sheet, _ in detail_parts:
            problems += unknown_windows(sheet, primary)
        notes = []
        if daily_parts and detail_parts:
            notes.append(f"{sheets[0].source.name}: 打卡详情仅用于概况表中没有的人天‖打卡详情 used only for person-days the overview lacks")
        out.append(ExportTable(DAILY, sheets[0].source.name, claimed, primary, problems, notes=notes, headers=where))
    return out + month_tables
