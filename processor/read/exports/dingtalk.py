"""Read a DingTalk (钉钉) 考勤报表 export as the admin console writes it.

Why: centers on DingTalk export 考勤报表 rather than keep an attendance table
(docs/inputs.md, "Attendance exports"). Its sheets come in any order and are found by name or by their
columns: row 1 ``‹名称› 统计日期：2026-05-01 至 2026-05-31``, row 2 ``报表生成时间：…``, headers
in rows 3–4 (single columns merged vertically; groups such as 请假 over 事假(小时)/年假(天)), or a
single header row 3 in older exports. Admins may drop, add and reorder columns, so every
column is found by name with aliases and only 姓名 and a date are required.

* ``每日统计`` (primary) — a row per person-day: 日期 ``26-05-01 星期五`` (``workDate`` epoch
  milliseconds as a fallback), 班次 ``普通出勤 08:30-18:00`` / ``4班次17点 17:00-次日01:30`` /
  ``休息``, up to three 上班N/下班N 打卡时间 (``08:59``, ``次日 02:00``) and 打卡结果 pairs,
  关联的审批单, the 请假 group. Clock-in is the first 上班N time present, clock-out the last
  下班N time present.
* ``原始记录`` — a row per punch (考勤日期, 考勤时间 = scheduled time, 打卡时间 ``2026-05-01 08:23``,
  打卡结果); rows marked ``打卡无效:…`` (superseded or repeated punches) are ignored. Used for
  person-days 每日统计 lacks, or alone.
* ``月度汇总`` / ``打卡时间`` — person × day matrices (day columns headed by numbers, ``六``/``日``
  or a holiday's name); when nothing better is in the file the 月度汇总's days are rebuilt
  from the cells' verdicts (:mod:`.verdict_days`; they give no shift times) and 打卡时间's
  punch times fill them; otherwise only claimed.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ...errors import Problem
from ...validate import parse
from ..sheets import RawSheet
from .cells import (EXPECTED_DATE, EXPECTED_SHIFT, EXPECTED_TIME, epoch_dates, join_texts,
                    offset, read_dates, read_punches, read_shifts)
from .common import (ExportTable, idents, none_column, Header, cell_problems, empty_rows, find_header, looks_dingtalk, new_rows,
                     norm, text, title_text)
from .days import borrow_shifts, pair_punches, punch_rows, supplement, unknown_windows
from .matrix import day_columns, read_matrix, read_times, verdict_problems
from .vocabulary import leave_items, says_leave
from .verdict_days import DEFAULT_VERDICT_SHIFT, rebuild

NAME = ("姓名", "员工姓名", "name")
ID = ("工号", "员工工号", "员工编号", "jobnumber")
USER = ("UserId", "用户ID", "钉钉ID", "员工UserId", "userid")
DATE = ("日期", "考勤日期", "date")
SHIFT = ("班次", "班次名称", "排班")
VERDICT = ("考勤结果",)
LATE_MINUTES = ("迟到时长", "迟到分钟", "迟到时长(分钟)", "迟到分钟数")
EARLY_MINUTES = ("早退时长", "早退分钟", "早退时长(分钟)", "早退分钟数")
APPROVAL = ("关联的审批单", "关联审批单", "审批单")
PUNCH = re.compile(r"^(上班|下班)(\d?)打卡(时间|结果)$")
LEAVE_COLUMN = re.compile(r"^(事假|病假|年假|调休|婚假|产假|陪产假|丧假|产检假|哺乳假|育儿假|护理假)\((小时|天|分钟)\)$")
KIND = "DingTalk 考勤报表"
DAILY_SHEETS, RAW_SHEETS, MATRIX_SHEETS = ("每日统计", "每日汇总"), ("原始记录",), ("月度汇总", "打卡时间")
TIMES_SHEETS = ("打卡时间",)  # a person × day matrix of punch times, not verdicts


def _idents(h: Header, body: pd.DataFrame) -> dict[str, pd.Series]:
    return idents(h, body, USER, ID)


def _dates(h: Header, body: pd.DataFrame, rows: np.ndarray, pos: int) -> tuple[pd.Series, list[Problem]]:
    dates, bad = read_dates(body[pos])
    wd = h.find("workDate")
    if wd is not None:  # epoch milliseconds, for a date cell that cannot be read
        dates = dates.where(dates.notna(), epoch_dates(body[wd]))
        bad = bad & dates.isna()
    return dates, cell_problems(h, pos, body[pos], rows, bad, EXPECTED_DATE)


def _named(sheet: RawSheet, names: tuple[str, ...]) -> bool:
    return any(n in sheet.sheet for n in names)


def _is_daily(sheet: RawSheet, h: Header) -> bool:
    punches = bool(h.matching(PUNCH))
    return punches or (h.find(*VERDICT) is not None and (looks_dingtalk(h) or _named(sheet, DAILY_SHEETS)))


def daily(sheet: RawSheet, h: Header, verdict_shift: str = DEFAULT_VERDICT_SHIFT
          ) -> tuple[pd.DataFrame, list[Problem], bool]:
    """Sheet 每日统计: one row per person-day. The flag says whether it has punch columns; a
    sheet without them (an admin's column set, the 每日汇总（新） CSV) has its days rebuilt from
    the results (:mod:`.verdict_days`) on the row's own 班次, with 迟到时长 / 早退时长 minutes."""
    body, rows = h.body()
    idx = body.index
    dates, problems = _dates(h, body, rows, h.find(*DATE))
    spos = h.find(*SHIFT)
    shifts, bad = read_shifts(body[spos] if spos is not None else none_column(idx))
    if spos is not None:
        problems += cell_problems(h, spos, body[spos], rows, bad, EXPECTED_SHIFT)
    pairs: dict[tuple[int, int], dict[str, int]] = {}
    for pos, m in h.matching(PUNCH):
        pairs.setdefault((int(m.group(2) or 1), 0 if m.group(1) == "上班" else 1), {})[m.group(3)] = pos
    cin, cout, results, more = pair_punches(h, body, rows, dates, pairs, "时间", "结果")
    problems += more
    vpos = h.find(*VERDICT)
    verdict = text(body[vpos]) if vpos is not None else join_texts(results, idx)
    apos = h.find(*APPROVAL)
    leave_parts = [("", leave_items(body[apos]))] if apos is not None else []
    for pos, parent in enumerate(h.parents):  # the 请假 group (or, in one header row, its columns): 事假(小时) 8
        if parent == norm("请假") or LEAVE_COLUMN.match(h.names[pos]):
            num, _ = parse.parse_number(body[pos])
            shown = num.where(num > 0).round(2).astype("string").str.replace(r"\.0+$", "", regex=True)
            leave_parts.append((h.written[pos].split(" ", 1)[-1], shown))
    leave = join_texts(leave_parts, idx)
    generic = says_leave(verdict.astype("string"), *[s for _, s in results])
    leave = leave.where(leave.notna(), pd.Series(np.where(generic, "请假", None), index=idx, dtype=object))
    punches = any("时间" in cols for cols in pairs.values())
    if not punches:
        return _rebuilt(sheet, h, body, rows, dates, shifts, verdict, leave, vpos, results, verdict_shift, problems)
    out = new_rows(idx, sheet.source.name, sheet.sheet, rows, **_idents(h, body), date=dates,
                   **{c: shifts[c] for c in shifts.columns},
                   clock_in=cin[0], clock_in_at=cin[1], clock_in_next_day=cin[2],
                   clock_out=cout[0], clock_out_at=cout[1], clock_out_next_day=cout[2],
                   export_verdict=verdict, export_leave=leave)
    return out[out["date"].notna()].reset_index(drop=True), problems, True


def _rebuilt(sheet: RawSheet, h: Header, body: pd.DataFrame, rows: np.ndarray, dates: pd.Series,
             shifts: pd.DataFrame, verdict: pd.Series, leave: pd.Series, vpos: int | None,
             results: list[tuple[str, pd.Series]], verdict_shift: str, problems: list[Problem]
             ) -> tuple[pd.DataFrame, list[Problem], bool]:
    """A daily sheet without punch times: its days rebuilt from the results (``from_verdict``)."""
    idx = body.index
    late_pos, early_pos = h.find(*LATE_MINUTES), h.find(*EARLY_MINUTES)
    late = parse.parse_number(body[late_pos])[0] if late_pos is not None else None
    early = parse.parse_number(body[early_pos])[0] if early_pos is not None else None
    built, why = rebuild(verdict, verdict_shift, shifts if h.find(*SHIFT) is not None else None, late, early)
    blame = vpos if vpos is not None else next((p for p, _ in h.matching(PUNCH)), h.name_pos)
    why = why.where(dates.notna(), "")
    problems = problems + verdict_problems(h, verdict, rows, np.full(len(idx), blame), why)
    keep = (built["keep"] & dates.notna()).to_numpy()
    out = new_rows(idx, sheet.source.name, sheet.sheet, rows, **_idents(h, body), date=dates,
                   **{c: built[c] for c in built.columns if c != "keep"}, export_verdict=verdict,
                   export_leave=leave, from_verdict=pd.Series(True, index=idx))
    return out[keep].reset_index(drop=True), problems, False


def raw_records(sheet: RawSheet, h: Header) -> tuple[pd.DataFrame, list[Problem]]:
    """Sheet 原始记录: one row per punch → one row per person-day; ``打卡无效`` rows ignored."""
    body, rows = h.body()
    idx = body.index
    void = pd.Series(False, index=idx)
    for pos in body.columns:  # a handful of columns: whichever holds the 打卡无效 mark
        void |= body[pos].astype("string").str.strip().str.startswith("打卡无效").fillna(False).astype(bool)
    dates, problems = _dates(h, body, rows, h.find("考勤日期", *DATE))
    ppos, spos = h.find("打卡时间", "用户打卡时间"), h.find("考勤时间", "应打卡时间", "基准时间")
    rpos, kpos = h.find("打卡结果", "打卡状态"), h.find("打卡类型", "上下班")
    kind_text = body[kpos].astype("string") if kpos is not None else pd.Series(pd.NA, index=idx, dtype="string")
    sched = pd.Series(pd.NaT, index=idx, dtype="timedelta64[ns]")
    if spos is not None:
        s_raw = body[spos].astype("string").str.strip()
        kind_text = kind_text.fillna(s_raw.str.extract(r"^(上班|下班)", expand=False))
        s_raw = s_raw.str.replace(r"^(上班|下班)\d?\s*", "", regex=True)
        s_td, s_at, s_nxt, bad = read_punches(s_raw, dates)
        problems += cell_problems(h, spos, body[spos], rows, bad & ~void, EXPECTED_TIME)
        sched = offset(s_td, s_nxt).where(s_td.notna(), s_at - dates)
    p_td, p_at, p_nxt, bad = read_punches(body[ppos], dates)
    problems += cell_problems(h, ppos, body[ppos], rows, bad & ~void, EXPECTED_TIME)
    kind = pd.Series(np.where(kind_text.str.contains("上班").fillna(False), "in",
                              np.where(kind_text.str.contains("下班").fillna(False), "out", None)), index=idx, dtype=object)
    apos = h.find(*APPROVAL)
    p = pd.DataFrame({**_idents(h, body), "date": dates, "kind": kind, "sched": sched,
                      "punch": offset(p_td, p_nxt).where(p_td.notna(), p_at - dates), "at": p_at,
                      "status": text(body[rpos]) if rpos is not None else none_column(idx),
                      "leave": leave_items(body[apos]) if apos is not None else none_column(idx), "_row": rows}, index=idx)
    p = p[~void.to_numpy() & p["date"].notna().to_numpy()]
    if p.empty:
        return empty_rows(), problems
    return punch_rows(p, sheet), problems


def detect(sheets: list[RawSheet], month: str | None = None,
           verdict_shift: str = DEFAULT_VERDICT_SHIFT) -> list[ExportTable]:
    """The DingTalk 考勤报表 among one file's sheets (one export per file)."""
    daily_parts, raw_parts, matrices, claimed, problems = [], [], [], [], []
    where: dict[str, dict[str, tuple[str, str]]] = {}
    has_punches = False
    for sheet in sheets:
        h = find_header(sheet, NAME, [DATE], test=lambda x: _is_daily(sheet, x))
        if h is not None:
            rows, probs, punches = daily(sheet, h, verdict_shift)
            where[sheet.sheet] = h.locate(date=h.find(*DATE), shift=h.find(*SHIFT))
            daily_parts.append(rows)
            has_punches |= punches
            claimed.append(sheet.sheet)
            problems += probs
            continue
        h = find_header(sheet, NAME, [("考勤日期", "日期"), ("打卡时间", "用户打卡时间")],
                        test=lambda x: looks_dingtalk(x) or _named(sheet, RAW_SHEETS) or x.find("打卡结果") is not None)
        if h is not None and (_named(sheet, RAW_SHEETS) or looks_dingtalk(h) or "统计日期" in title_text(sheet, h)):
            rows, probs = raw_records(sheet, h)
            where[sheet.sheet] = h.locate(date=h.find("考勤日期", *DATE))
            raw_parts.append((sheet, rows))
            claimed.append(sheet.sheet)
            problems += probs
            continue
        h = find_header(sheet, NAME, test=lambda x: bool(day_columns(x)))
        if h is not None and (sheet.sheet.strip() in MATRIX_SHEETS or looks_dingtalk(h)
                              or "统计日期" in title_text(sheet, h)):
            matrices.append((sheet, h))
    if not (daily_parts or raw_parts or matrices):
        return []
    name = sheets[0].source.name
    notes: list[str] = []
    if daily_parts or raw_parts:
        primary = pd.concat(daily_parts, ignore_index=True) if daily_parts else empty_rows()
        if raw_parts and not has_punches:  # real punches beat days rebuilt from results
            rebuilt, primary = primary, empty_rows()
            for _, extra in raw_parts:
                primary = supplement(primary, extra)
            primary = supplement(borrow_shifts(primary, rebuilt), rebuilt)
        for _, extra in raw_parts:
            primary = supplement(primary, extra)
        for sheet, _ in raw_parts:
            problems += unknown_windows(sheet, primary)
        if matrices:
            notes.append(f"{name}: {'、'.join(s.sheet for s, _ in matrices)} 未读入(每日统计/原始记录已有打卡)"
                         "‖monthly matrix sheets not read: the daily sheets hold the punches")
        claimed += [s.sheet for s, _ in matrices]
        return [ExportTable(KIND, name, claimed, primary, problems, verdict_only=not (has_punches or raw_parts),
                            notes=notes, headers=where)]
    kind = f"DingTalk {'、'.join(s.sheet for s, _ in matrices)}"
    verdicts = [(s, h) for s, h in matrices if s.sheet.strip() not in TIMES_SHEETS]
    if not verdicts:  # 打卡时间 alone: punch times without the shifts they belong to
        s, h = matrices[0]
        return [ExportTable(kind, name, [s.sheet for s, _ in matrices], empty_rows(), [Problem(
            name, "“打卡时间”表只有每天的打卡时刻,没有班次和考勤结论,无法判断迟到早退:请导出考勤报表的“每日统计”"
                  "(或“原始记录”)工作表‖the 打卡时间 sheet holds punch times without shifts: export 每日统计 "
                  "(or 原始记录) as well", s.sheet, h.top + s.first_row, table="attendance")], verdict_only=True)]
    parts = [read_matrix(s, h, month, _idents, verdict_shift) for s, h in verdicts]
    rows = pd.concat([r for r, _ in parts], ignore_index=True)
    out = [ExportTable(f"DingTalk {'、'.join(s.sheet for s, _ in verdicts)}", name, [s.sheet for s, _ in verdicts],
                       rows, [p for _, ps in parts for p in ps], verdict_only=True,
                       headers={s.sheet: h.locate() for s, h in verdicts})]
    for s, h in matrices:  # 打卡时间 beside 月度汇总: its punch times fill the rebuilt days
        if s.sheet.strip() in TIMES_SHEETS:
            times, probs = read_times(s, h, month, _idents)
            out.append(ExportTable(f"DingTalk {s.sheet}", name, [s.sheet], times, probs, verdict_only=True,
                                   headers={s.sheet: h.locate()}, punch_times=True))
    return out
