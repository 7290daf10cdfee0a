"""Which table goes in which file and sheet, and how staff spell it on paper.

The reader recognises a sheet by its header row, wherever the file is and whatever it is
called (inputs.md), so the sample deliberately scatters the tables the way a center does:
a merged title above some headers, an alias instead of the label here and there, three
tables as sheets of one workbook, the QA sheet as a GB18030 CSV saved from a Chinese Excel,
and on a few rows dates and times typed as text. Cells that carry a deliberate case keep
real Excel values, so the case means exactly what :mod:`.cases` logged.
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import numpy as np

from ..schema import TABLES
from .month import MonthInfo, clock, date_text, time_text
from .people import Roster
from .schedule import EXCUSED, OK, REST, SHIFT_LABEL, SHIFT_LEN, SHIFT_START, Schedule
from .writers import Sheet, write_csv, write_xlsx


def header(table: str, *keys: str, alias: dict[str, str] | None = None) -> list[str]:
    """Chinese headers for ``keys``: the schema label, or the given alias (which must be one)."""
    out = []
    for key in keys:
        col = TABLES[table].column(key)
        name = (alias or {}).get(key, col.label)
        assert name in col.aliases, f"{name} is not an alias of {table}.{key}"
        out.append(name)
    return out


class Mess:
    """Seeded choices of when a value is typed as text instead of a real date or time."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng

    def date(self, d: object, share: float) -> object:
        """``d`` as a real date, or now and then typed as text in one of the usual spellings."""
        if isinstance(d, date) and self.rng.random() < share:
            return date_text(d, int(self.rng.integers(3)))
        return d

    def yes(self, flag: object, blank_yes: bool = False) -> str | None:
        """是/否; with ``blank_yes`` a yes is sometimes left blank (blank means yes there)."""
        if flag is None:
            return None
        if flag and blank_yes and self.rng.random() < 0.5:
            return None
        return "是" if flag else "否"


def roster_sheets(roster: Roster, month: MonthInfo) -> list[Sheet]:
    cols = ("employee_id", "name", "department", "team", "role", "manager_id", "hire_date", "exit_date")
    staff = Sheet("员工名册", ["序号", *header("roster", *cols)],
                  title=f"{month.year}年{month.month}月 员工花名册", widths={6: 14, 7: 12})
    for p in roster.people:
        staff.rows.append([p.idx + 1, p.id, p.name, p.department, p.team, p.role, p.manager_id,
                           p.hire_date, None])
    sheets = [staff]
    if month.holidays:
        hol = Sheet("节假日", header("holidays", "date", "name"))
        hol.rows = [[month.date(d), name] for d, name in month.holidays]
        sheets.append(hol)
    return sheets


def attendance_sheet(rng: np.random.Generator, roster: Roster, sched: Schedule,
                     clock_in: np.ndarray, clock_out: np.ndarray) -> Sheet:
    month, mess = sched.month, Mess(rng)
    keys = ("employee_id", "date", "shift", "shift_start", "shift_end", "clock_in", "clock_out",
            "pre_approved")
    heads = header("attendance", *keys, alias={"date": "考勤日期"})
    sheet = Sheet("考勤", heads[:1] + ["姓名"] + heads[1:] + ["备注"],
                  title=f"{month.year}年{month.month}月考勤表", subtitle="制表：综合办　数据来源：考勤机导出",
                  widths={2: 18, 6: 11, 7: 11, 9: 14})
    draw = rng.random((len(roster), month.days, 4))
    for p in roster.people:
        e = p.idx
        for d in range(month.days):
            s = int(sched.shift[e, d])
            row: list[object] = [p.id, p.name, mess.date(month.date(d), 0.05), SHIFT_LABEL[s]]
            if s == REST:
                row += [None, None, None, None, None]
            else:
                plain = sched.status[e, d] == OK  # a case keeps real Excel times
                start, end = int(SHIFT_START[s]) * 60, int(SHIFT_START[s] + SHIFT_LEN[s]) * 60
                for sec, u in ((start, draw[e, d, 0]), (end, draw[e, d, 0])):
                    row.append(time_text(sec) if plain and u < 0.03 else clock(sec))
                for sec, u in ((clock_in[e, d], draw[e, d, 1]), (clock_out[e, d], draw[e, d, 2])):
                    row.append(_punch(int(sec), u, plain, draw[e, d, 3]))
                row.append("是" if sched.status[e, d] == EXCUSED else None)
            row.append(sched.notes.get((e, d)))
            sheet.rows.append(row)
    return sheet


def _punch(sec: int, u: float, plain: bool, style: float) -> object:
    if sec < 0:
        return None
    if sec >= 86400:  # after midnight: the reader adds the day (ATT-NIGHT)
        return time_text(sec, next_day=True) if u < 0.3 and plain else clock(sec)
    if plain and u < 0.03:
        return time_text(sec, with_seconds=style < 0.5)
    return clock(sec)


def request_sheets(rng: np.random.Generator, roster: Roster, month: MonthInfo,
                   leave: list[dict[str, object]], swaps: list[dict[str, object]],
                   incidents: list[dict[str, object]]) -> list[Sheet]:
    mess = Mess(rng)
    heads = header("leave", "employee_id", "leave_type", "start", "end", "requested_at", "approver_role",
                   "approver_id", "in_person", "medical_certificate", "certificate_date", "phoned_before_shift",
                   alias={"leave_type": "请假类型"})
    lv = Sheet("请假", heads[:1] + ["姓名"] + heads[1:] + ["事由"], title=f"{month.year}年{month.month}月请假登记",
               widths={3: 17, 4: 17, 5: 19, 10: 13})
    for r in leave:
        start, end = r["start"], r["end"]
        if not isinstance(start, datetime):
            start, end = mess.date(start, 0.25), mess.date(end, 0.25)
        lv.rows.append([r["employee_id"], roster.by_id[str(r["employee_id"])].name, r["leave_type"], start, end,
                        r["requested_at"], r["approver_role"], r["approver_id"],
                        mess.yes(r["in_person"], blank_yes=True),
                        mess.yes(r["medical_certificate"]), r["certificate_date"],
                        mess.yes(r["phoned_before_shift"]), r["reason"]])
    sw = Sheet("换班", header("swaps", "requester_id", "counterpart_id", "swap_date", "return_date", "requested_at",
                              "approver_id", alias={"counterpart_id": "替班人工号"}) + ["备注"],
               title=f"{month.year}年{month.month}月换班申请表", widths={4: 19})
    for r in swaps:
        sw.rows.append([r["requester_id"], r["counterpart_id"], mess.date(r["swap_date"], 0.2),
                        r["return_date"], r["requested_at"], r["approver_id"], None])
    inc = Sheet("奖惩", header("incidents", "employee_id", "date", "code", "amount", "points", "note",
                              alias={"code": "事项"}), widths={2: 16, 5: 20})
    for r in incidents:
        inc.rows.append([r["employee_id"], mess.date(r["date"], 0.15), r["code"], r["amount"],
                         r["points"], r["note"]])
    return [lv, sw, inc]


def qa_sheet(rows: list[dict[str, object]]) -> Sheet:
    keys = ("qa_id", "agent_id", "date", "score", "fatal_error", "reviewer_id")
    sheet = Sheet("质检", header("qa", *keys))
    sheet.rows = [[r[k] for k in keys] for r in rows]
    return sheet


def review_sheets(roster: Roster, month: MonthInfo, ratings: list[dict[str, object]],
                  indicators: list[dict[str, object]]) -> list[Sheet]:
    heads = header("ratings", "employee_id", "attitude", "ability", "teamwork", "rater_id")
    rt = Sheet("考评", heads[:1] + ["姓名"] + heads[1:], title=f"{month.year}年{month.month}月员工考评表")
    for r in ratings:
        rt.rows.append([r["employee_id"], roster.by_id[str(r["employee_id"])].name, r["attitude"], r["ability"],
                        r["teamwork"], r["rater_id"]])
    keys = ("employee_id", "indicator", "target", "actual", "weight", "direction")
    ind = Sheet("部门指标", header("indicators", *keys), widths={1: 20})
    for i, r in enumerate(indicators):
        direction = None if r["direction"] == "越高越好" and i % 3 == 0 else r["direction"]  # blank = higher
        ind.rows.append([r["employee_id"], r["indicator"], r["target"], r["actual"], r["weight"], direction])
    return [rt, ind]


def breaks_sheet(rows: list[dict[str, object]]) -> Sheet:
    keys = ("employee_id", "post", "left_at", "returned_at", "reason")
    sheet = Sheet("离岗明细", header("breaks", *keys), widths={2: 19, 3: 19})
    sheet.rows = [[r[k] or None for k in keys] for r in rows]
    return sheet


def table_files(month: MonthInfo) -> list[str]:
    """The names of the month's non-ticket files, in the order :func:`write_tables` writes them."""
    return ["员工名册.xlsx", f"{month.year}年{month.month}月考勤表.xlsx", "请假换班奖惩.xlsx", "质检.csv",
            "考评与指标.xlsx", "离岗记录.xlsx"]


def write_tables(folder: Path, created: datetime, month: MonthInfo, sheets: dict[str, list[Sheet]]) -> None:
    """Write the non-ticket files of the month."""
    roster, attendance, requests, qa, reviews, breaks = (folder / name for name in table_files(month))
    write_xlsx(roster, sheets["roster"], created)
    write_xlsx(attendance, sheets["attendance"], created)
    write_xlsx(requests, sheets["requests"], created)
    write_csv(qa, sheets["qa"][0], encoding="gb18030")
    write_xlsx(reviews, sheets["reviews"], created)
    write_xlsx(breaks, sheets["breaks"], created)
