"""Write small real input workbooks for tests: rows in, a file on disk out.

Tests meet the product the way users do — through files in a month folder — so these
helpers write genuine .xlsx (openpyxl) and CSV files, with title rows, aliases and the
spellings admin staff use.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

ROSTER_HEADER = ["工号", "姓名", "部门", "班组", "岗位"]
ROSTER = [["001", "张三", "客户服务部", "一组", "客服专员"],
          ["002", "李四", "客户服务部", "一组", "班长"],
          ["003", "王五", "运营管理部", "运营组", "运营专员"]]
ATT_HEADER = ["工号", "日期", "班次", "上班时间", "下班时间", "上班打卡", "下班打卡"]
ATT = [["001", dt.date(2026, 10, 8), "早班", dt.time(8, 30), dt.time(17, 30), dt.time(8, 21), dt.time(17, 35)],
       ["002", dt.date(2026, 10, 8), "夜班", dt.time(22, 0), dt.time(6, 0), dt.time(21, 40), dt.time(6, 5)],
       ["003", dt.date(2026, 10, 8), "白班", dt.time(9, 0), dt.time(18, 0), dt.time(8, 50), dt.time(18, 1)]]
# 更正记录 (corrections, CORR-APPLY): one approved correction or appeal outcome per row
CORR_HEADER = ["工号", "日期", "更正类型", "规则编号", "上班打卡", "下班打卡", "假别", "原因", "审批人岗位", "审批时间"]


def correction(emp: str, day: int, kind: str, *, rule: str | None = None, cin: dt.time | None = None,
               cout: dt.time | None = None, leave: str | None = None, reason: str = "经核实",
               approver: str = "客服主管", approved: dt.datetime | None = None) -> list[object]:
    """One 更正记录 row about 2026-10-``day``, approved by a 客服主管 the next morning unless said."""
    when = approved or dt.datetime(2026, 10, day + 1, 10, 0)
    return [emp, dt.date(2026, 10, day), kind, rule, cin, cout, leave, reason, approver, when]


def day_row(emp: str, day: int, cin: dt.time | None = dt.time(8, 25), cout: dt.time | None = dt.time(17, 35),
            shift: str = "白班") -> list[object]:
    """One 考勤 row on 2026-10-``day``, 08:30–17:30 (None for a punch not made)."""
    return [emp, dt.date(2026, 10, day), shift, dt.time(8, 30), dt.time(17, 30), cin, cout]


def xlsx(path: Path, sheets: dict[str, list[list[object]]], title: str | None = None) -> Path:
    """A workbook with one sheet per entry; ``title`` puts a merged title row above each."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        if title:
            ws.append([title])
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(rows[0]) if rows else 1, 2))
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def csv(path: Path, rows: list[list[object]], encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join(",".join("" if v is None else str(v) for v in row) for row in rows) + "\n"
    path.write_bytes(text.encode(encoding))
    return path


def minimal_month(folder: Path, **extra_sheets: list[list[object]]) -> Path:
    """A valid month: roster + attendance (+ any extra tables given as header+rows)."""
    sheets = {"名册": [ROSTER_HEADER, *ROSTER], "考勤": [ATT_HEADER, *ATT]}
    sheets.update(extra_sheets)
    xlsx(folder / "month.xlsx", sheets)
    return folder
