"""One month of DingTalk 每日统计 written in the ways real downloads vary (issue 12), beside the
equivalent plain 考勤 table, so that a test can assert the same Summary for each variant.

The month is the one of ``test_exports_end_to_end`` (October 2026, three people on 09:00–18:00,
EVENTS' late, early, absence, missing-punch and leave days). :func:`daily_rows` gives the
export as rows of cells; the writers put them in a real file (xlsx with title rows and a merged
two-row header, CSV in an encoding); the ``variant_*`` functions change what real exports
change: the words (an English UI), dates, multi-punch cells, trailing rows, people's columns.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

import openpyxl

from test_exports_end_to_end import EVENTS, OCT

WEEK = "一二三四五六日"
PEOPLE = {"001": ("张三", "user001"), "002": ("李四", "user002"), "003": ("王五", "user003")}
HEADER = ["姓名", "考勤组", "部门", "工号", "职位", "UserId", "日期", "班次",
          "上班1打卡时间", "上班1打卡结果", "下班1打卡时间", "下班1打卡结果", "关联的审批单"]
# DingTalk's 打卡结果 for EVENTS' days (the daily sheet says per punch what the 月报 says per day)
RESULTS = {
    ("001", 8): ("迟到", "缺卡"), ("001", 13): ("正常", "早退"), ("002", 9): ("严重迟到", "正常"),
    ("002", 14): ("旷工", "旷工"), ("002", 15): ("请假", "请假"), ("003", 12): ("迟到", "正常"),
    ("003", 16): ("缺卡", "正常"), **{("003", d): ("旷工", "旷工") for d in (19, 20, 21, 22)},
}
Row = list[object]


def daily_rows(date: Callable[[dt.date], object] = lambda d: f"{d:%y-%m-%d} 星期{WEEK[d.weekday()]}") -> list[Row]:
    """The export's data rows (HEADER's columns), one per person-day, weekends 休息."""
    rows: list[Row] = []
    for emp, (name, user) in PEOPLE.items():
        for d in OCT:
            if d.weekday() >= 5:
                rows.append([name, "客服考勤组", "客户服务部", emp, "客服专员", user, date(d), "休息",
                             None, None, None, None, None])
                continue
            cin, cout, _ = EVENTS.get((emp, d.day), ("08:45", "18:05", ""))
            rin, rout = RESULTS.get((emp, d.day), ("正常", "正常"))
            approval = "事假10-15 09:00到10-15 18:00 8小时" if rin == "请假" else None
            rows.append([name, "客服考勤组", "客户服务部", emp, "客服专员", user, date(d), "普通出勤 09:00-18:00",
                         cin, rin, cout, rout, approval])
    return rows


def xlsx_export(path: Path, header: list[str], rows: list[Row], titles: int = 2, two_rows: bool = False,
                sheet: str = "每日统计", extra: Callable[[openpyxl.Workbook], None] | None = None) -> Path:
    """The export as DingTalk saves it: ``titles`` title rows (merged across), then the header
    (``two_rows``: merged vertically over rows N and N+1, as the grouped header is), then rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    texts = ["每日统计 统计日期：2026-10-01 至 2026-10-31", "报表生成时间：2026-11-01 09:30", "考勤组：客服考勤组",
             "导出人：行政"]
    for i in range(titles):
        ws.cell(i + 1, 1, texts[i])
        ws.merge_cells(start_row=i + 1, start_column=1, end_row=i + 1, end_column=len(header))
    top = titles + 1
    for c, h in enumerate(header, start=1):
        ws.cell(top, c, h)
        if two_rows:
            ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
    for r, row in enumerate(rows, start=top + 1 + int(two_rows)):
        for c, v in enumerate(row, start=1):
            if v is not None:
                ws.cell(r, c, v)
    if extra:
        extra(wb)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def csv_export(path: Path, header: list[str], rows: list[Row], encoding: str, titles: int = 2) -> Path:
    """The export saved as CSV (``gb18030`` as Excel's 'CSV' on Chinese Windows, ``utf-8-sig``)."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    for text in ["每日统计 统计日期：2026-10-01 至 2026-10-31", "报表生成时间：2026-11-01 09:30"][:titles]:
        w.writerow([text] + [""] * (len(header) - 1))
    w.writerow(header)
    w.writerows([["" if v is None else v for v in row] for row in rows])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


# ---------------------------------------------------------------- variants

ENGLISH_HEADER = ["Name", "Attendance Group", "Department", "Employee No.", "Position", "UserId", "Date", "Shift",
                  "Clock In 1 Time", "Clock In 1 Result", "Clock Out 1 Time", "Clock Out 1 Result",
                  "Related Approval"]
ENGLISH_WORDS = {"正常": "Normal", "迟到": "Late", "严重迟到": "Serious Late", "早退": "Early Leave", "旷工": "Absent",
                 "缺卡": "Missing", "请假": "Leave", "休息": "Rest"}


def variant_english(rows: list[Row]) -> list[Row]:
    """An English-UI DingTalk: result words and 班次 in English, dates ``2026-10-08 Thu``."""
    out = []
    for r in rows:
        r = list(r)
        r[7] = "Rest" if r[7] == "休息" else "Normal 09:00-18:00"
        r[9], r[11] = ENGLISH_WORDS.get(r[9], r[9]), ENGLISH_WORDS.get(r[11], r[11])
        if r[12]:
            r[12] = "Personal Leave 10-15 09:00 to 10-15 18:00 8 hours"
        out.append(r)
    return out
