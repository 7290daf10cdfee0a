"""Attendance exports centers really have (WeCom 企业微信, DingTalk 钉钉), read as they are.

Why: most centers do not keep the 考勤 table of docs/inputs.md; they export it from WeCom or
DingTalk (docs/inputs.md, "Attendance exports"). This package recognises those exports by their structure
(:mod:`.reader`, the app's words in :mod:`.apps`), reads them into one person-day frame
(:data:`ROW_COLUMNS`), maps each person to the roster and hands back rows shaped like the typed attendance table *before*
``resolve_attendance``, so that the rules cannot tell an export from a hand-made table.

Use::

    tables = detect_exports(sheets, month)            # per file; skip the sheets in t.sheets
    att, problems, notes = attendance_from_exports(tables, roster, roster_extras, plain_attendance)

Exports that hold verdicts but no punch or shift times (WeCom 月报, DingTalk 月度汇总) give
days only for the people no daily export and no 考勤 table covers: each day is rebuilt from
its verdict (``迟到9分钟`` → a clock-in 9 minutes after the start of the center's usual shift,
:mod:`.verdict_days`) and marked ``from_verdict``, so the center's own rules price the
minutes the export states; ATT-PREP is not measured on such days.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ...errors import Problem
from ..sheets import RawSheet
from .apps import APPS
from .common import ROW_COLUMNS, ExportTable, empty_rows, norm, norm_set, person_name
from .matrix import fill_times
from .reader import app_of, detect, times_alone
from .verdict_days import DEFAULT_VERDICT_SHIFT
from .vocabulary import classes

__all__ = ["ATTENDANCE_COLUMNS", "ROW_COLUMNS", "ExportTable", "attendance_from_exports", "detect_exports",
           "merge_exports", "to_attendance"]

# The typed attendance table before resolve_attendance (validate.assemble.empty_table("attendance")),
# plus the export's own words for the day, kept for the audit.
ATTENDANCE_COLUMNS = [
    "employee_id", "date", "shift", "shift_start", "shift_start_next_day", "shift_end", "shift_end_next_day",
    "clock_in_at", "clock_in", "clock_in_next_day", "clock_out_at", "clock_out", "clock_out_next_day",
    "pre_approved", "_file", "_sheet", "_row", "export_verdict", "export_leave", "from_verdict",
    "export_class", "app_approval", "flex",
]
# Roster columns (kept by load_month among the roster's extras) that hold a WeCom 账号 / DingTalk UserId.
ACCOUNT_HEADERS = norm_set("账号", "帐号", "企业微信账号", "企微账号", "成员账号", "UserId", "钉钉UserId",
                           "钉钉ID", "钉钉账号", "用户ID", "account", "wecom account", "dingtalk userid")


def detect_exports(sheets: list[RawSheet], month: str | None = None,
                   verdict_shift: str = DEFAULT_VERDICT_SHIFT) -> list[ExportTable]:
    """The attendance exports among one file's sheets (DingTalk first: its columns are distinctive).

    ``month`` (``2026-10``) helps only to date the day columns of a 月报 whose title lacks a year;
    ``verdict_shift`` is the shift a 月报's days are rebuilt on (rulebook ``[exports]``).
    """
    found: list[ExportTable] = []
    for app in APPS:  # one export per app and file; a sheet belongs to the first app that claims it
        claimed = {s for t in found for s in t.sheets}
        rest = [s for s in sheets if s.sheet not in claimed]
        found += detect(app, rest, month, verdict_shift) if rest else []
    return found


def merge_exports(tables: list[ExportTable]) -> tuple[pd.DataFrame, list[Problem], list[str]]:
    """The person-days of the month's daily exports (verdict-only ones left out), their
    problems, and one note per export for ``check``."""
    usable = [t.rows for t in tables if not t.verdict_only and not t.rows.empty]
    rows = pd.concat(usable, ignore_index=True) if usable else empty_rows()
    # a verdict-only export's cell problems count only for the people it is used for (see _verdict_rows)
    problems = [p for t in tables if not t.punch_times and (not t.verdict_only or t.rows.empty) for p in t.problems]
    notes = [f"{t.source}: 识别为{t.kind}导出(工作表 {'、'.join(s or '-' for s in t.sheets)})"
             f"‖recognised as a {t.kind} export" for t in tables]
    notes += [n for t in tables for n in t.notes]
    return rows, problems, notes


def _verdict_rows(t: ExportTable, employee_ids: pd.Series, have: set[object], verdict_shift: str
                  ) -> tuple[pd.DataFrame, list[Problem], list[str]]:
    """The person-days a 月报 / 月度汇总 gives for people nobody else covers (rebuilt from its
    verdicts, see :mod:`.verdict_days`), the problems of those people's cells, and a note."""
    covered = pd.Series(employee_ids.isin(have).to_numpy(), index=t.rows.index)
    if covered.all():
        return empty_rows(), [], [f"{t.source}: {t.kind}中的人员已有逐日打卡,未读入"
                                  f"‖the {t.kind} repeats punches given elsewhere and was not read"]
    if not t.rows["from_verdict"].any():
        return empty_rows(), _no_times(t, t.rows[~covered]), []
    used = t.rows[~covered]
    rows_used = set(used["_row"].astype(int))
    problems = [p for p in t.problems if p.row is None or p.row in rows_used]
    people = used.drop_duplicates(["ident_name", "ident_account", "ident_id"])
    note = (f"{t.source}: {t.kind}只有每天的考勤结论,{len(people)} 人的考勤按结论重建"
            f"(迟到/早退分钟、旷工、缺卡、请假、休息;班次按 {verdict_shift} 计,未计算提前到岗率 ATT-PREP)"
            f"‖{len(people)} people's days rebuilt from the {t.kind}'s verdicts (shift taken as {verdict_shift}; "
            "ATT-PREP not measured)")
    return used, problems, [note]


def _no_times(t: ExportTable, missing_rows: pd.DataFrame) -> list[Problem]:
    """A verdict-only export whose days cannot be rebuilt: one problem naming the export to take."""
    missing = missing_rows.drop_duplicates(["ident_name", "ident_account", "ident_id"])
    names = "、".join(missing["ident_name"].fillna("?").head(10)) + (" 等" if len(missing) > 10 else "")
    what, what_en = app_of(t).daily_export
    return [Problem(
        t.source, f"这是{t.kind}:只有考勤结论,没有打卡时间,无法按本中心的制度计算迟到、早退和缺勤。"
                  f"请改从{what}放入本月文件夹。涉及 {len(missing)} 人:{names}"
                  f"‖this {t.kind} holds verdicts but no punch times, so the center's rules "
                  f"cannot be applied; export {what_en} instead ({len(missing)} people)",
        t.sheets[0] if t.sheets else "", int(missing["_row"].min()), "姓名", "", names, table="attendance",
        code="verdicts_without_times")]


def _account_map(roster: pd.DataFrame, extras: pd.DataFrame | None) -> pd.Series:
    """Lower-cased account/UserId → employee_id, from roster columns named 账号/UserId/…
    (values shared by two employees are dropped: they identify nobody)."""
    frames = []
    cols = [c for c in roster.columns if norm(c) in ACCOUNT_HEADERS]
    frames += [roster[["employee_id", c]].set_axis(["employee_id", "account"], axis=1) for c in cols]
    if extras is not None and not extras.empty:
        keys = [k for k in ("_file", "_sheet", "_row") if k in extras.columns and k in roster.columns]
        cols = [c for c in extras.columns if norm(c) in ACCOUNT_HEADERS]
        if cols and keys:
            joined = roster[["employee_id", *keys]].merge(extras[[*keys, *cols]], on=keys, how="inner")
            frames += [joined[["employee_id", c]].set_axis(["employee_id", "account"], axis=1) for c in cols]
    if not frames:
        return pd.Series(dtype=object)
    acc = pd.concat(frames, ignore_index=True).dropna()
    acc["account"] = acc["account"].astype("string").str.strip().str.lower()
    acc = acc[acc["account"].ne("") & acc["account"].ne("--")].drop_duplicates()
    acc = acc[~acc["account"].duplicated(keep=False)]
    return pd.Series(acc["employee_id"].to_numpy(dtype=object), index=acc["account"].to_numpy(dtype=object))


def _lookup(keys: pd.Series, mapping: pd.Series) -> pd.Series:
    out = mapping.reindex(keys.to_numpy()).to_numpy(dtype=object) if len(mapping) else np.full(len(keys), None, object)
    s = pd.Series(out, index=keys.index, dtype=object)
    return s.where(s.notna(), None)


def _employee_ids(rows: pd.DataFrame, roster: pd.DataFrame, roster_extras: pd.DataFrame | None
                  ) -> tuple[pd.Series, pd.Series]:
    """Roster employee_id per export row (None when unknown or ambiguous), and roster name counts."""
    ids = pd.Series(roster["employee_id"].dropna().unique(), dtype=object)
    by_id = rows["ident_id"].where(rows["ident_id"].isin(ids), None)
    accounts = rows["ident_account"].astype("string").str.strip().str.lower()
    by_account = _lookup(accounts, _account_map(roster, roster_extras))
    names = person_name(roster["name"])
    counts = names.value_counts()
    unique = names.map(counts).eq(1).to_numpy()
    name_map = pd.Series(roster["employee_id"][unique].to_numpy(dtype=object), index=names[unique].to_numpy(dtype=object))
    by_name = _lookup(rows["ident_name"], name_map)
    emp = by_id.where(by_id.notna(), by_account)
    emp = emp.where(emp.notna(), by_name)
    return emp.astype(object).where(emp.notna(), None), counts


def to_attendance(export_rows: pd.DataFrame, roster: pd.DataFrame,
                  roster_extras: pd.DataFrame | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Export person-days → typed attendance rows (before ``resolve_attendance``) and problems.

    Each day's export words get their class and app approval (:mod:`.vocabulary`), and its
    punches their full date as the export marks it (:func:`_marked_days`). Each person is mapped to the roster's
    employee_id by 工号 when it is in the roster, else by
    WeCom 账号 / DingTalk UserId when the roster has such a column (case ignored), else by name
    when exactly one roster employee has it (``（已离职）`` suffixes dropped). A person matched by
    none is one problem per file and sheet, naming the first row and the name; their rows are left out.
    """
    rows = export_rows.reset_index(drop=True)
    emp, counts = _employee_ids(rows, roster, roster_extras)
    problems = _unmatched(rows[emp.isna().to_numpy()], counts, roster)
    keep = emp.notna().to_numpy()
    r = rows[keep].reset_index(drop=True)
    export_class, app_approval = classes(r["export_verdict"], r["export_leave"], r["shift"].eq("rest"))
    cin_at, cout_at = _marked_days(r, "clock_in"), _marked_days(r, "clock_out")
    att = pd.DataFrame({
        "employee_id": pd.Series(emp[keep].to_numpy(dtype=object), dtype=object),
        "date": r["date"].astype("datetime64[ns]"),
        "shift": r["shift"].astype(object),
        "shift_start": r["shift_start"].astype("timedelta64[ns]"),
        "shift_start_next_day": pd.Series(False, index=r.index, dtype=bool),
        "shift_end": r["shift_end"].astype("timedelta64[ns]"),
        "shift_end_next_day": r["shift_end_next_day"].astype(bool),
        "clock_in_at": cin_at,
        "clock_in": pd.Series(pd.NaT, index=r.index, dtype="timedelta64[ns]"),
        "clock_in_next_day": r["clock_in_next_day"].astype(bool),
        "clock_out_at": cout_at,
        "clock_out": pd.Series(pd.NaT, index=r.index, dtype="timedelta64[ns]"),
        "clock_out_next_day": r["clock_out_next_day"].astype(bool),
        "pre_approved": pd.Series(np.zeros(len(r), dtype=bool)),
        "_file": r["_file"].astype(object), "_sheet": r["_sheet"].astype(object),
        "_row": r["_row"].astype("int64"),
        "export_verdict": r["export_verdict"].astype(object), "export_leave": r["export_leave"].astype(object),
        "from_verdict": r["from_verdict"].fillna(False).astype(bool),
        "export_class": export_class, "app_approval": app_approval,
        "flex": r["flex"].fillna(False).astype(bool),
    })
    return att[ATTENDANCE_COLUMNS], problems


def _marked_days(r: pd.DataFrame, col: str) -> pd.Series:
    """A punch as a full datetime on the day the export puts it (ATT-NIGHT): both apps mark a
    next-day punch themselves (``次日 08:27``), so an unmarked time is on the work date, even
    on a shift crossing midnight (an early clock-in at 09:58 for a 17:00 start is that day's)."""
    full = r[f"{col}_at"].astype("datetime64[ns]")
    days = pd.to_timedelta(r[f"{col}_next_day"].astype(int), unit="D")
    own = (r["date"].astype("datetime64[ns]") + r[col].astype("timedelta64[ns]") + days).astype("datetime64[ns]")
    return own.where(r[col].notna(), full)


def _unmatched(rows: pd.DataFrame, counts: pd.Series, roster: pd.DataFrame) -> list[Problem]:
    """One problem per person (per file and sheet) the roster does not identify."""
    if rows.empty:
        return []
    keys = ["_file", "_sheet", "ident_name", "ident_id", "ident_account"]
    people = rows.sort_values("_row").groupby(keys, sort=False, dropna=False).agg(
        row=("_row", "first"), n=("_row", "size")).reset_index().rename(columns={"_file": "file", "_sheet": "sheet"})
    out = []
    # one per person, not per row; plain tuples in the columns' order (keys, row, n)
    for file, sheet, ident_name, ident_id, ident_account, row, n in people.itertuples(index=False, name=None):
        name = ident_name or ""
        ident = "、".join(f"{label} {v}" for label, v in (("工号", ident_id), ("账号", ident_account))
                         if isinstance(v, str) and v)
        ident = f"({ident})" if ident else ""
        k = int(counts.get(name, 0))
        if k >= 2:
            same = "、".join(roster.loc[person_name(roster["name"]).eq(name).to_numpy(), "employee_id"].astype(str))
            msg = (f"员工名册中有 {k} 人同名“{name}”(工号 {same}),无法判断考勤导出中的{name}{ident}是谁:"
                   f"请在名册中加一列“账号”(企业微信)或“UserId”(钉钉),或在导出中填写工号(共 {n} 行)"
                   f"‖{k} roster employees are named {name}: add an 账号/UserId column to the roster ({n} rows)")
        else:
            msg = (f"考勤导出中的“{name}”{ident}在员工名册中找不到:请在名册中补上此人,或在名册中加一列“账号”/“UserId”"
                   f"填写其企业微信账号或钉钉 UserId(共 {n} 行)"
                   f"‖{name} of the attendance export is not in the roster: add them, or an 账号/UserId column ({n} rows)")
        out.append(Problem(file, msg, sheet, int(row), "姓名", "", name, table="attendance",
                           code="ambiguous_name" if k >= 2 else "unknown_person"))
    return out


def attendance_from_exports(tables: list[ExportTable], roster: pd.DataFrame,
                            roster_extras: pd.DataFrame | None = None, attendance: pd.DataFrame | None = None,
                            verdict_shift: str = DEFAULT_VERDICT_SHIFT,
                            ) -> tuple[pd.DataFrame, list[Problem], list[str]]:
    """The month's exports as typed attendance rows (before ``resolve_attendance``), every problem
    (unreadable cells, people the roster does not identify) and notes.

    ``attendance`` is the month's plain 考勤 table, if any: people it covers need no daily
    export. A 月报 / 月度汇总 gives days only for people no daily export and no 考勤 table covers.
    """
    rows, problems, notes = merge_exports(tables)
    att, mapping = to_attendance(rows, roster, roster_extras)
    have = set(att["employee_id"])
    if attendance is not None and "employee_id" in attendance.columns:
        have |= set(attendance["employee_id"].dropna())
    parts = [att]
    times = [t for t in tables if t.punch_times]
    monthly = [t for t in tables if t.verdict_only and not t.punch_times]
    problems += [p for t in times for p in t.problems] + (times_alone(times) if not (monthly or have) else [])
    punches = pd.concat([t.rows for t in times], ignore_index=True) if times else empty_rows()
    for t in monthly:
        if not t.rows.empty:
            used, more, more_notes = _verdict_rows(t, _employee_ids(t.rows, roster, roster_extras)[0], have,
                                                   verdict_shift)
            used = fill_times(used, punches)
            filled = int((~used["from_verdict"].astype(bool)).sum()) if not used.empty else 0
            if filled:
                notes.append(f"{t.source}: 其中 {filled} 个人天按打卡时间表中的真实打卡判定(计算提前到岗率)"
                             f"‖{filled} of those person-days judged on the real punches of the punch-time sheet")
            problems += more
            notes += more_notes
            if not used.empty:
                extra, unmatched = to_attendance(used, roster, roster_extras)
                parts.append(extra)
                mapping += unmatched
                have |= set(extra["employee_id"])
    att = pd.concat(parts, ignore_index=True) if len(parts) > 1 else att
    att, dropped = one_row_per_day(att)
    if dropped:
        notes.append(f"有 {dropped} 个人天在导出中另有一行(同一人在两个考勤组):取有排班或打卡的一行,"
                     f"另一行(休息、未排班、无打卡)未读入‖{dropped} person-days had a second, empty row "
                     "(the person is in two attendance groups): the row with a schedule or punches was taken")
    return att, problems + mapping, notes


def one_row_per_day(att: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """A person in two 考勤组 has a row in each for every day: where one person-day has several
    rows, those without schedule and punches (休息, 未排班, ``--``) are dropped while another
    row remains (all of them empty: the first is kept). Two scheduled rows stay: a real conflict."""
    key = att[["employee_id", "date"]]
    dup = key.duplicated(keep=False).to_numpy()
    if not dup.any():
        return att, 0
    empty = ((att["shift"].isna() | att["shift"].eq("rest")) & att["clock_in_at"].isna()
             & att["clock_out_at"].isna()).to_numpy()
    full = pd.Series(~empty, index=att.index).groupby([att["employee_id"], att["date"]]).transform("any").to_numpy()
    first_empty = ~key.duplicated(keep="first").to_numpy()
    drop = dup & empty & (full | ~first_empty)
    return att[~drop].reset_index(drop=True), int(drop.sum())
