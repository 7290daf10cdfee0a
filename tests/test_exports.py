"""Attendance exports read as centers have them: the real anonymised WeCom 日报, and DingTalk
考勤报表 / WeCom 月报 files written here exactly as the admin consoles write them."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Callable

import openpyxl
import pandas as pd
import pytest

from processor.read.exports import (
    ATTENDANCE_COLUMNS,
    ExportTable,
    attendance_from_exports,
    detect_exports,
    merge_exports,
    to_attendance,
)
from processor.read.files import SourceFile
from processor.read.sheets import load_sheets
from processor.rulebook import load_rulebook
from processor.validate.assemble import empty_table, resolve_attendance
from processor.validate.month import load_month
from workbooks import ROSTER, ROSTER_HEADER, xlsx

ROOT = Path(__file__).resolve().parents[1]
WECOM_DIR = ROOT / "tests" / "data" / "wecom"
WECOM_SAMPLE = WECOM_DIR / "上下班打卡_日报_20260201-20260228_示例.xlsx"
RB = load_rulebook()
WEEKDAY = "一二三四五六日"
T = pd.Timedelta


def hm(text: str) -> pd.Timedelta:
    h, m = text.split(":")
    return T(hours=int(h), minutes=int(m))


def read(path: Path, month: str | None = None):
    sheets, problems = load_sheets(SourceFile(path, "xlsx", ""))
    assert problems == []
    return detect_exports(sheets, month)


def day(rows: pd.DataFrame, name: str, date: str) -> pd.Series:
    hit = rows[(rows["ident_name"] == name) & (rows["date"] == pd.Timestamp(date))]
    assert len(hit) == 1, (name, date, len(hit))
    return hit.iloc[0]


def roster_frame(names: list[str], extra: dict[str, list[str]] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A typed roster (as load_month gives it) and its extras (unknown columns, e.g. 账号)."""
    n = len(names)
    loc = {"_file": ["名册.xlsx"] * n, "_sheet": ["名册"] * n, "_row": list(range(2, n + 2))}
    roster = pd.DataFrame({"employee_id": [f"E{i:03d}" for i in range(n)], "name": names, **loc})
    extras = pd.DataFrame({**(extra or {}), **loc})
    return roster, extras


# ------------------------------------------------------------------ the real WeCom 日报


@pytest.fixture
def wecom_sample(tmp_path: Path) -> Path:
    dest = tmp_path / WECOM_SAMPLE.name
    shutil.copy(WECOM_SAMPLE, dest)
    return dest


def test_wecom_daily_sample_is_read(wecom_sample):
    (table,) = read(wecom_sample)
    assert table.kind == "WeCom 日报" and not table.verdict_only and table.problems == []
    assert table.sheets == ["概况统计与打卡明细", "打卡详情"]
    rows = table.rows
    assert len(rows) == 14 * 28 and set(rows["_sheet"]) == {"概况统计与打卡明细"}
    assert "孙磊" in set(rows["ident_name"]) and rows["ident_id"].isna().all()  # （已离职） dropped; 工号 "--"

    late = day(rows, "王芳", "2026-02-12")  # 补卡 at 09:30, judged late by WeCom
    assert (late.clock_in, late.clock_out) == (hm("09:30"), hm("22:34"))
    assert (late.shift_start, late.shift_end, late["shift"]) == (hm("09:00"), hm("18:00"), "day")
    assert late.shift_text == "09:00-12:00、13:00-18:00"
    assert late.export_verdict == "迟到30分钟" and late.export_leave is None  # 补卡申请 is not leave
    assert late.ident_account == "WangFang01" and late._row == 230

    no_in = day(rows, "周杰", "2026-02-25")  # 最早/最晚 both say 18:02: the clock-in is missing
    assert pd.isna(no_in.clock_in) and no_in.clock_out == hm("18:02") and no_in.export_verdict == "缺卡1次"

    early = day(rows, "张伟", "2026-02-14")
    assert (early.clock_in, early.clock_out, early.export_verdict) == (hm("09:50"), hm("16:21"), "早退149分钟")

    half = day(rows, "赵强", "2026-02-28")
    assert half.clock_in == hm("09:36") and pd.isna(half.clock_out)
    assert half.export_verdict == "正常（请假）" and half.export_leave == "调休假0.5天（2/28 下午 - 2/28 下午）"

    overtime = day(rows, "王芳", "2026-02-07")  # 班次 "--": no schedule, punched anyway
    assert overtime["shift"] == "rest" and pd.isna(overtime.shift_start)
    assert (overtime.clock_in, overtime.clock_out) == (hm("10:58"), hm("19:39"))
    assert day(rows, "李明", "2026-02-01")["shift"] == "rest"


def test_wecom_daily_as_csv_gives_the_same_days(tmp_path, wecom_sample):
    """WeCom also exports the 日报 as CSV ("CSV also occurs"): its overview sheet saved as UTF-8
    CSV, title rows and two-row header included, is read to the same person-days."""
    import csv as csv_module

    sheet = openpyxl.load_workbook(wecom_sample, read_only=True)["概况统计与打卡明细"]
    path = tmp_path / "上下班打卡_日报_20260201-20260228.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv_module.writer(f).writerows([["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)])
    sheets, problems = load_sheets(SourceFile(path, "csv", ""))
    (table,) = detect_exports(sheets, "2026-02")
    assert problems == [] and table.kind == "WeCom 日报" and table.problems == []
    (book,) = read(wecom_sample)
    cols = ["ident_name", "date", "shift", "shift_start", "shift_end", "clock_in", "clock_out", "export_verdict"]
    got = table.rows[cols].sort_values(["ident_name", "date"]).reset_index(drop=True)
    want = book.rows.loc[book.rows["_sheet"].eq("概况统计与打卡明细"), cols].sort_values(["ident_name", "date"])
    pd.testing.assert_frame_equal(got, want.reset_index(drop=True))
    assert len(got) == 392


def test_wecom_punch_details_alone_give_the_same_days(wecom_sample):
    sheets, _ = load_sheets(SourceFile(wecom_sample, "xlsx", ""))
    (overview,) = detect_exports([s for s in sheets if s.sheet == "概况统计与打卡明细"])
    (details,) = detect_exports([s for s in sheets if s.sheet == "打卡详情"])
    both = overview.rows.merge(details.rows, on=["ident_name", "date"], suffixes=("", "_d"))
    assert len(both) == len(details.rows) == 228  # 打卡详情 has no rows for rest days
    for col in ("shift", "shift_start", "shift_end", "clock_in", "clock_out"):
        same = (both[col] == both[f"{col}_d"]) | (both[col].isna() & both[f"{col}_d"].isna())
        assert same.all(), col
    fixed = day(details.rows, "周杰", "2026-02-14")  # a 失效 16:21 punch, then a 补卡 at 18:00
    assert (fixed.clock_in, fixed.clock_out) == (hm("08:11"), hm("18:00"))


def test_wecom_people_are_mapped_to_the_roster(wecom_sample):
    (table,) = read(wecom_sample)
    names = sorted(set(table.rows["ident_name"]))
    roster, _ = roster_frame(names)
    att, problems = to_attendance(table.rows, roster)
    assert problems == [] and len(att) == 392
    assert att.columns.tolist() == ATTENDANCE_COLUMNS
    assert att.columns.tolist()[:17] == empty_table("attendance").columns.tolist()
    assert att.dtypes.iloc[:17].tolist() == empty_table("attendance").dtypes.tolist()

    # one name twice in the roster, one missing: one problem each, naming file, sheet, row and name
    dup = [n if n != "李明" else "王芳" for n in names if n != "黄浩"]
    roster, extras = roster_frame(dup)
    att, problems = to_attendance(table.rows, roster)
    texts = sorted(p.render() for p in problems)
    assert len(problems) == 3  # 黄浩 unknown; 王芳 ambiguous; 李明 unknown
    assert any("“黄浩”" in t and "概况统计与打卡明细!" in t and "找不到" in t for t in texts)
    assert any("2 人同名“王芳”" in t for t in texts)
    assert {p.row for p in problems if p.value == "王芳"} == {6}
    # … which a 账号 column in the roster resolves (case ignored)
    names2 = dup + ["黄浩"]
    accounts = [""] * len(names2)
    accounts[names2.index("王芳")] = "wangfang01"
    accounts[-1] = "huanghao"
    roster, extras = roster_frame(names2, {"账号": accounts})
    att, problems = to_attendance(table.rows, roster, extras)
    assert [p.value for p in problems] == ["李明"]  # still unknown: neither account nor name is in the roster
    wf = roster["employee_id"].iloc[names2.index("王芳")]
    assert set(att.loc[att["export_verdict"].eq("迟到30分钟"), "employee_id"]) == {wf}
    assert len(att) == 392 - 28


# ------------------------------------------------------------------ DingTalk 考勤报表, written by the book

D8, D9, D10 = dt.date(2026, 10, 8), dt.date(2026, 10, 9), dt.date(2026, 10, 10)
PEOPLE = {"001": ("张三", "user001"), "002": ("李四", "user002"), "003": ("王五", "user003")}


def dd(d: dt.date) -> str:
    """DingTalk's date: two-digit year and weekday."""
    return f"{d:%y-%m-%d} 星期{WEEKDAY[d.weekday()]}"


def work_date(d: dt.date) -> str:
    return str(int(dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp() * 1000))


# (工号, date, 班次, [(上班时间, 结果, 下班时间, 结果) per pair], 关联的审批单, 事假(小时))
DAILY = [
    ("001", D8, "早班 08:30-17:30", [("08:21", "正常", "17:35", "正常")], "", ""),
    ("002", D8, "夜班 22:00-次日06:00", [("21:40", "正常", "次日 06:05", "正常")], "", ""),
    ("003", D8, "普通出勤 09:00-18:00", [("09:12", "迟到", "18:01", "正常")], "", ""),
    ("001", D9, "4班次17点 17:00-次日01:30", [("16:50", "正常", "次日 01:35", "正常")], "", ""),
    ("002", D9, "休息", [("", "", "", "")], "", ""),
    ("003", D9, "普通出勤 09:00-18:00", [("", "请假", "", "请假")], "事假 10-09 09:00到10-09 18:00 8小时", "8"),
    ("001", D10, "早班 08:30-12:00 13:00-17:30", [("08:25", "正常", "12:01", "正常"), ("12:58", "正常", "17:40", "正常")],
     "", ""),
    ("002", D10, "夜班 22:00-次日06:00", [("", "缺卡", "次日 06:01", "正常")], "", ""),
    ("003", D10, "普通出勤 09:00-18:00", [("09:31", "管理员王主管改为正常", "18:00", "补卡审批通过")], "", ""),
]
SINGLE = ["姓名", "考勤组", "部门", "工号", "职位", "UserId", "日期", "workDate", "班次",
          "上班1打卡时间", "上班1打卡结果", "下班1打卡时间", "下班1打卡结果",
          "上班2打卡时间", "上班2打卡结果", "下班2打卡时间", "下班2打卡结果", "关联的审批单", "出勤天数", "迟到次数", "迟到时长"]
LEAVE_GROUP = ["事假(小时)", "年假(天)", "病假(小时)"]


def _title(ws, name: str, width: int) -> None:
    ws.cell(1, 1, f"{name} 统计日期：2026-10-01 至 2026-10-31")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(2, 1, "报表生成时间：2026-11-01 09:30")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)


def _header(ws, singles: list[str], groups: dict[str, list[str]], two_rows: bool) -> None:
    """Row 3 (and 4): single columns merged vertically, grouped ones under a parent in row 3."""
    col = 1
    for h in singles:
        ws.cell(3, col, h)
        if two_rows:
            ws.merge_cells(start_row=3, start_column=col, end_row=4, end_column=col)
        col += 1
    for parent, children in groups.items():
        if two_rows:
            ws.cell(3, col, parent)
            ws.merge_cells(start_row=3, start_column=col, end_row=3, end_column=col + len(children) - 1)
            for i, child in enumerate(children):
                ws.cell(4, col + i, child)
        else:
            for i, child in enumerate(children):
                ws.cell(3, col + i, child)
        col += len(children)


def daily_sheet(wb, two_rows: bool = True) -> None:
    ws = wb.create_sheet("每日统计")
    _title(ws, "每日统计", len(SINGLE) + len(LEAVE_GROUP))
    _header(ws, SINGLE, {"请假": LEAVE_GROUP}, two_rows)
    r = 5 if two_rows else 4
    for emp, d, shift, pairs, approval, personal in DAILY:
        name, user = PEOPLE[emp]
        flat = [v for p in pairs for v in p] + [""] * (8 - 4 * len(pairs))
        late = "1" if any(p[1] == "迟到" for p in pairs) else "0"
        values = [name, "客服考勤组", "客户服务部", emp, "客服专员", user, dd(d), work_date(d), shift, *flat,
                  approval, "0" if shift == "休息" else "1", late, "12" if late == "1" else "0", personal, "", ""]
        for c, v in enumerate(values, start=1):
            if v != "":
                ws.cell(r, c, v)  # text, as DingTalk writes numbers ('21') and ids ('001')
        r += 1


RAW_HEADER = ["姓名", "考勤组", "部门", "工号", "职位", "UserId", "考勤日期", "考勤时间", "打卡时间", "打卡结果", "打卡地址"]


def raw_sheet(wb) -> None:
    """原始记录: the punches behind DAILY, plus 打卡无效 rows that must not count."""
    ws = wb.create_sheet("原始记录", 0)  # sheet order varies
    _title(ws, "原始记录", len(RAW_HEADER))
    _header(ws, RAW_HEADER, {}, two_rows=True)
    rows = []
    for emp, d, shift, pairs, _, _ in DAILY:
        if shift == "休息":
            continue
        times = [t for t in shift.split() if ":" in t]
        scheds = [s for seg in times for s in seg.split("-")]
        for i, (tin, rin, tout, rout) in enumerate(pairs):
            for sched, t, res in ((scheds[2 * i], tin, rin), (scheds[2 * i + 1], tout, rout)):
                if not t:
                    continue
                nxt = t.startswith("次日")
                clock = t.replace("次日 ", "")
                when = dt.datetime.combine(d + dt.timedelta(days=int(nxt)), dt.time.fromisoformat(clock))
                rows.append([emp, d, sched.replace("次日", "次日 "), f"{when:%Y-%m-%d %H:%M}", res])
    rows.insert(0, ["001", D8, "08:30", "2026-10-08 08:02", "打卡无效:此记录已被更新"])
    rows.append(["003", D10, "18:00", "2026-10-10 19:45", "打卡无效:已经打过卡了，不再记录"])
    for r, (emp, d, sched, when, res) in enumerate(rows, start=5):
        name, user = PEOPLE[emp]
        for c, v in enumerate([name, "客服考勤组", "客户服务部", emp, "客服专员", user, dd(d), sched, when, res,
                               "某市某路1号"], start=1):
            ws.cell(r, c, v)


def dingtalk_book(path: Path, daily: bool = True, raw: bool = True, two_rows: bool = True) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    if daily:
        daily_sheet(wb, two_rows)
    if raw:
        raw_sheet(wb)
    wb.save(path)
    return path


EXPECTED = {  # (工号, date): shift, start, end, clock_in, in next day, clock_out, out next day
    ("001", D8): ("morning", "08:30", "17:30", "08:21", False, "17:35", False),
    ("002", D8): ("night", "22:00", "06:00", "21:40", False, "06:05", True),
    ("003", D8): ("day", "09:00", "18:00", "09:12", False, "18:01", False),
    ("001", D9): ("evening", "17:00", "01:30", "16:50", False, "01:35", True),
    ("002", D9): ("rest", None, None, None, False, None, False),
    ("003", D9): ("day", "09:00", "18:00", None, False, None, False),
    ("001", D10): ("morning", "08:30", "17:30", "08:25", False, "17:40", False),
    ("002", D10): ("night", "22:00", "06:00", None, False, "06:01", True),
    ("003", D10): ("day", "09:00", "18:00", "09:31", False, "18:00", False),
}


def _check_times(rows: pd.DataFrame, punched_only: bool = False) -> None:
    for (emp, d), (shift, start, end, cin, in_nd, cout, out_nd) in EXPECTED.items():
        if punched_only and cin is None and cout is None:
            continue
        if punched_only and not ((rows["ident_id"] == emp) & (rows["date"] == pd.Timestamp(d))).any():
            continue  # a day the caller left out (its shift window is unknown)
        r = day(rows, PEOPLE[emp][0], d.isoformat())
        assert r["shift"] == shift, (emp, d)
        for col, want in (("shift_start", start), ("shift_end", end), ("clock_in", cin), ("clock_out", cout)):
            assert (pd.isna(r[col]) if want is None else r[col] == hm(want)), (emp, d, col, r[col])
        assert (r.clock_in_next_day, r.clock_out_next_day) == (in_nd, out_nd), (emp, d)


@pytest.mark.parametrize("two_rows", [True, False], ids=["rows 3-4 grouped", "older single row 3"])
def test_dingtalk_daily_and_raw_records(tmp_path, two_rows):
    (table,) = read(dingtalk_book(tmp_path / "考勤报表.xlsx", two_rows=two_rows))
    assert table.kind == "DingTalk 考勤报表" and table.problems == [] and not table.verdict_only
    assert sorted(table.sheets) == ["原始记录", "每日统计"]
    rows = table.rows
    assert len(rows) == len(DAILY) and set(rows["_sheet"]) == {"每日统计"}  # 原始记录 adds nothing new
    _check_times(rows)
    assert rows["ident_id"].tolist()[:3] == ["001", "002", "003"]  # leading zeros kept
    assert day(rows, "张三", "2026-10-08").ident_account == "user001"
    first = 5 if two_rows else 4
    assert rows["_row"].tolist() == list(range(first, first + len(DAILY)))
    assert day(rows, "王五", "2026-10-08").export_verdict == "上班1 迟到; 下班1 正常"
    assert day(rows, "王五", "2026-10-10").export_verdict == "上班1 管理员王主管改为正常; 下班1 补卡审批通过"
    assert day(rows, "王五", "2026-10-09").export_leave == "事假 10-09 09:00到10-09 18:00 8小时; 事假(小时) 8"
    assert day(rows, "张三", "2026-10-09").shift_text == "4班次17点 17:00-次日01:30"
    assert day(rows, "张三", "2026-10-09").shift_end_next_day


def test_dingtalk_raw_records_alone(tmp_path):
    (table,) = read(dingtalk_book(tmp_path / "原始记录.xlsx", daily=False))
    assert set(table.rows["_sheet"]) == {"原始记录"}
    rows = table.rows
    assert len(rows) == len(DAILY) - 2  # the rest day and the day of leave have no punch
    # 李四 missed the clock-in on 10-10: one punch, so 原始记录 cannot tell the shift's start
    (p,) = table.problems
    assert (p.value, p.code, p.row) == ("李四", "single_punch_shift", 18) and "只有一次打卡" in p.message
    one = day(rows, "李四", "2026-10-10")
    assert one["shift"] is None and pd.isna(one.shift_start)  # not a rest day: unknown
    assert one.clock_in == hm("06:01") and one.clock_in_next_day  # a lone, unmarked punch is taken as the first
    _check_times(rows[rows["shift"].notna()], punched_only=True)  # the 打卡无效 08:02 and 19:45 punches do not count
    night = day(rows, "李四", "2026-10-08")
    assert night.clock_out_at == pd.Timestamp("2026-10-09 06:05") and night.clock_in_at == pd.Timestamp("2026-10-08 21:40")
    assert night.shift_text == "22:00-次日06:00"
    assert day(rows, "王五", "2026-10-08").export_verdict == "迟到; 正常"


def test_dingtalk_unreadable_cells_are_located(tmp_path):
    path = dingtalk_book(tmp_path / "考勤报表.xlsx", raw=False)
    wb = openpyxl.load_workbook(path)
    wb["每日统计"]["J5"] = "8点21"  # 上班1打卡时间 of the first person-day
    wb["每日统计"]["G6"] = "昨天"  # 日期 (workDate still dates the row)
    wb.save(path)
    (table,) = read(path)
    got = sorted((p.row, p.letter, p.value) for p in table.problems)
    assert got == [(5, "J", "8点21")]
    assert day(table.rows, "李四", "2026-10-08").clock_in == hm("21:40")


# ------------------------------------------------------------------ plain table ≡ DingTalk export


def test_dingtalk_export_gives_the_plain_tables_attendance(tmp_path):
    code = {"morning": "早班", "night": "夜班", "day": "白班", "evening": "晚班", "rest": "休息"}

    def cell(t: str | None):
        return None if t is None else dt.time.fromisoformat(t)

    att_rows = [[emp, d, code[s], cell(a), cell(b), cell(ci), cell(co)]
                for (emp, d), (s, a, b, ci, _, co, _) in EXPECTED.items()]
    plain = tmp_path / "plain" / "2026-10"
    xlsx(plain / "month.xlsx", {"名册": [ROSTER_HEADER, *ROSTER],
                                "考勤": [["工号", "日期", "班次", "上班时间", "下班时间", "上班打卡", "下班打卡"], *att_rows]})
    month, problems, _ = load_month(plain, "2026-10", RB)
    assert problems == []
    want = month.tables["attendance"]

    (tmp_path / "export").mkdir()
    export = dingtalk_book(tmp_path / "export" / "考勤报表.xlsx")
    rows, problems, _ = merge_exports(read(export, "2026-10"))
    att, map_problems = to_attendance(rows, month.tables["roster"])
    assert problems == [] and map_problems == []
    got = resolve_attendance(att)
    cols = ["employee_id", "date", "shift", "shift_start", "shift_end", "clock_in", "clock_out"]
    key = ["employee_id", "date"]
    pd.testing.assert_frame_equal(got[cols].sort_values(key).reset_index(drop=True),
                                  want[cols].sort_values(key).reset_index(drop=True))
    assert got.loc[got["employee_id"].eq("002") & got["date"].eq(pd.Timestamp(D8)), "clock_out"].iloc[0] \
        == pd.Timestamp("2026-10-09 06:05")


def test_export_days_outside_the_month_are_left_out_with_a_note(tmp_path):
    """A DingTalk period crossing the month end (09-30 至 10-10): September's day is cut, not refused."""
    folder = tmp_path / "2026-10"
    xlsx(folder / "名册.xlsx", {"名册": [ROSTER_HEADER, *ROSTER]})
    export = dingtalk_book(folder / "考勤报表.xlsx", raw=False)
    wb = openpyxl.load_workbook(export)
    ws = wb["每日统计"]
    ws.cell(5, SINGLE.index("日期") + 1, dd(dt.date(2026, 9, 30)))  # 001's 10-08 row now says 09-30
    wb.save(export)
    month, problems, notes = load_month(folder, "2026-10", RB)
    assert problems == []
    att = month.tables["attendance"]
    assert len(att) == len(DAILY) - 1 and att["date"].min() == pd.Timestamp(D8)
    assert any("1 个人天不在 2026-10 内" in n and "考勤报表.xlsx" in n for n in notes)
    (record,) = [f for f in month.files if f.path == "考勤报表.xlsx"]
    assert record.tables == {"attendance": len(DAILY) - 1} and record.note == "DingTalk 考勤报表"


def test_cross_check_problems_on_export_rows_name_the_exports_columns(tmp_path):
    """The same person-day in the 考勤 table and in the DingTalk export: the duplicate is named at
    the export's row, under its own 日期 header and column letter."""
    folder = tmp_path / "2026-10"
    xlsx(folder / "month.xlsx", {"名册": [ROSTER_HEADER, *ROSTER],
                                 "考勤": [["工号", "日期", "班次", "上班时间", "下班时间", "上班打卡", "下班打卡"],
                                          ["001", D8, "早班", dt.time(8, 30), dt.time(17, 30), dt.time(8, 21), dt.time(17, 35)]]})
    dingtalk_book(folder / "考勤报表.xlsx", raw=False)
    _, problems, _ = load_month(folder, "2026-10", RB)
    (p,) = problems
    assert (p.file, p.sheet, p.row, p.column, p.letter) == ("考勤报表.xlsx", "每日统计", 5, "日期", "G")
    assert "同一员工同一天出现两次" in p.message and "month.xlsx:考勤 第 2 行" in p.message


def test_dingtalk_daily_without_punch_times_is_rebuilt_on_its_own_shifts(tmp_path):
    """An admin's 每日统计 without the 打卡时间 columns: each day is rebuilt from 考勤结果 on the
    row's own 班次, with 迟到时长 / 早退时长 giving the minutes; beside 原始记录 the real punches win."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("每日统计")
    head = ["姓名", "考勤组", "部门", "工号", "UserId", "日期", "班次", "考勤结果", "迟到时长", "早退时长"]
    _title(ws, "每日统计", len(head))
    _header(ws, head, {}, two_rows=True)
    data = [("001", D8, "早班 08:30-17:30", "上班1 正常; 下班1 早退", "0", "6"),
            ("002", D8, "夜班 22:00-次日06:00", "上班1 迟到; 下班1 正常", "7", "0"),
            ("003", D8, "普通出勤 09:00-18:00", "上班1 缺卡; 下班1 正常", "0", "0"),
            ("002", D10, "夜班 22:00-次日06:00", "上班1 缺卡; 下班1 正常", "0", "0")]
    for r, (emp, d, shift, result, late, early) in enumerate(data, start=5):
        name, user = PEOPLE[emp]
        for c, v in enumerate([name, "客服考勤组", "客户服务部", emp, user, dd(d), shift, result, late, early], start=1):
            ws.cell(r, c, v)
    path = tmp_path / "考勤报表.xlsx"
    wb.save(path)
    (table,) = read(path)
    assert table.verdict_only and table.problems == [] and table.rows["from_verdict"].all()
    rows = table.rows
    a, b, c = (day(rows, PEOPLE[e][0], "2026-10-08") for e in ("001", "002", "003"))
    assert (a["shift"], a.clock_in, a.clock_out) == ("morning", hm("08:30"), hm("17:24"))
    assert (b["shift"], b.clock_in, b.clock_out, b.clock_out_next_day) == ("night", hm("22:07"), hm("06:00"), True)
    assert pd.isna(c.clock_in) and c.clock_out == hm("18:00")  # 上班1 缺卡: the clock-in is the missing one

    raw_sheet(wb)  # … with 原始记录 beside it, the punches it records are used for those days
    wb.save(path)
    (table,) = read(path)
    assert not table.verdict_only and table.problems == []
    got = day(table.rows, "张三", "2026-10-08")
    assert (got.clock_in, got.clock_out, got.from_verdict) == (hm("08:21"), hm("17:35"), False)
    # 原始记录 has one punch for 李四 on the 10th, so one scheduled time: the 班次 comes from 每日统计
    one = day(table.rows, "李四", "2026-10-10")
    assert (one["shift"], one.shift_start, one.shift_end, one.shift_end_next_day) == ("night", hm("22:00"), hm("06:00"), True)
    assert pd.isna(one.clock_in) and (one.clock_out, one.clock_out_next_day, one.from_verdict) == (hm("06:01"), True, False)


def test_dingtalk_daily_csv_without_shifts_takes_the_usual_shift(tmp_path):
    """每日汇总（新） with no 班次 column at all: the rulebook's verdict_shift places the days."""
    import csv as csv_module

    path = tmp_path / "每日汇总（新）.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv_module.writer(f).writerows([
            ["姓名", "考勤组", "工号", "UserId", "日期", "考勤结果", "实出勤工时", "迟到分钟"],
            ["张三", "客服考勤组", "001", "user001", dd(D8), "迟到", "8", "4"],
            ["张三", "客服考勤组", "001", "user001", dd(D9), "正常", "8", "0"],
            ["张三", "客服考勤组", "001", "user001", dd(D10), "休息", "0", "0"]])
    sheets, _ = load_sheets(SourceFile(path, "csv", ""))
    (table,) = detect_exports(sheets, "2026-10", "08:30-17:30")
    rows = table.rows
    late, normal, rest = (day(rows, "张三", d.isoformat()) for d in (D8, D9, D10))
    assert (late["shift"], late.shift_start, late.clock_in, late.clock_out) == ("morning", hm("08:30"), hm("08:34"), hm("17:30"))
    assert (normal.clock_in, normal.clock_out) == (hm("08:30"), hm("17:30"))
    assert rest["shift"] == "rest" and pd.isna(rest.clock_in)


# ------------------------------------------------------------------ WeCom 月报: verdicts, not punches


def wecom_monthly(path: Path, cells: dict[tuple[str, int], str]) -> Path:
    """上下班打卡_月报 as README.md has it: two title rows, grouped header, day columns ``1\\n星期四``."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "上下班打卡_月报"
    days = [dt.date(2026, 10, d) for d in range(1, 32)]
    singles = ["姓名", "账号"]
    groups = {"基础信息": ["部门", "职务", "工号"], "考勤概况": ["应打卡天数(天)", "正常天数(天)", "异常天数(天)"],
              "每日考勤": [f"{d.day}\n星期{WEEKDAY[d.weekday()]}" for d in days]}
    width = len(singles) + sum(len(v) for v in groups.values())
    ws.cell(1, 1, "上下班打卡_月报")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(2, 1, "统计时间:10-01 ～ 10-31     制表时间:2026-11-02 09:15(UTC+8)")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    _header(ws, singles, groups, two_rows=True)
    for r, (emp, (name, account)) in enumerate(PEOPLE.items(), start=5):
        values = [name, account, "客户服务部", "--", emp, 22, 20, 2]
        values += [cells.get((emp, d.day), "休息" if d.weekday() >= 5 else "正常") for d in days]
        for c, v in enumerate(values, start=1):
            ws.cell(r, c, v)
    wb.save(path)
    return path


def test_wecom_monthly_days_are_rebuilt_from_the_verdicts(tmp_path):
    path = wecom_monthly(tmp_path / "10月考勤月报.xlsx",
                         {("001", 8): "迟到9分钟; 缺卡1次;", ("003", 9): "事假1天;", ("002", 10): "加班4小时;",
                          ("002", 13): "早退5分钟;", ("003", 14): "旷工480分钟;", ("001", 15): "缺卡2次;",
                          ("001", 16): "上班缺卡;", ("003", 20): "严重迟到1小时5分钟;", ("002", 21): "--"})
    (table,) = read(path)  # no year in the file name: the title's 统计时间 and 制表时间 date the columns
    assert table.kind == "WeCom 月报" and table.verdict_only and table.problems == []
    rows = table.rows
    assert len(rows) == 3 * 31 - 1 and rows["from_verdict"].all()  # 002's "--" on the 21st gives no day
    late = day(rows, "张三", "2026-10-08")  # late 9 minutes on the usual 09:00-18:00 shift, clock-out missing
    assert late.export_verdict == "迟到9分钟; 缺卡1次" and late._row == 5 and late.ident_id == "001"
    assert (late["shift"], late.shift_start, late.shift_end) == ("day", hm("09:00"), hm("18:00"))
    assert late.clock_in == hm("09:09") and pd.isna(late.clock_out)
    early = day(rows, "李四", "2026-10-13")
    assert (early.clock_in, early.clock_out) == (hm("09:00"), hm("17:55"))
    for name, date in (("王五", "2026-10-09"), ("王五", "2026-10-14"), ("张三", "2026-10-15")):
        d = day(rows, name, date)  # leave alone, 旷工, 缺卡2次: a working day without punches
        assert d["shift"] == "day" and pd.isna(d.clock_in) and pd.isna(d.clock_out), (name, date)
    assert day(rows, "王五", "2026-10-09").export_leave == "事假1天"
    no_in = day(rows, "张三", "2026-10-16")
    assert pd.isna(no_in.clock_in) and no_in.clock_out == hm("18:00")
    assert day(rows, "王五", "2026-10-20").clock_in == hm("10:05")
    assert day(rows, "李四", "2026-10-10")["shift"] == "rest"  # overtime on a Saturday: still a rest day
    assert day(rows, "李四", "2026-10-11")["shift"] == "rest"

    roster, _ = roster_frame(["张三", "李四", "王五"])
    att, problems, notes = attendance_from_exports([table], roster)
    assert problems == [] and len(att) == 3 * 31 - 1 and att["from_verdict"].all()
    assert any("3 人的考勤按结论重建" in n and "09:00-18:00" in n for n in notes)
    # a center whose usual shift is another: the rulebook's [exports] verdict_shift
    sheets, _ = load_sheets(SourceFile(path, "xlsx", ""))
    (night,) = detect_exports(sheets, None, "22:00-次日06:00")
    d = day(night.rows, "张三", "2026-10-08")
    assert (d["shift"], d.shift_start, d.shift_end, d.shift_end_next_day) == ("night", hm("22:00"), hm("06:00"), True)
    assert d.clock_in == hm("22:09")
    d = day(night.rows, "李四", "2026-10-13")
    assert (d.clock_out, d.clock_out_next_day) == (hm("05:55"), True)


def test_wecom_monthly_cells_that_cannot_be_rebuilt_are_located(tmp_path):
    path = wecom_monthly(tmp_path / "上下班打卡_月报_20261001-20261031.xlsx",
                         {("001", 8): "迟到", ("002", 9): "出勤待定"})
    (table,) = read(path)
    p1, p2 = sorted(table.problems, key=lambda p: p.row)
    assert (p1.sheet, p1.row, p1.letter, p1.value) == ("上下班打卡_月报", 5, "P", "迟到")  # day 8: 16th column
    assert p1.code == "verdict_without_minutes" and p1.column == "每日考勤 8\n星期四"
    assert (p2.row, p2.letter, p2.value, p2.code) == (6, "Q", "出勤待定", "bad_value")
    roster, _ = roster_frame(["张三", "李四", "王五"])
    _, problems, _ = attendance_from_exports([table], roster)
    assert len(problems) == 2
    # … but when a plain 考勤 table covers those people the 月报 is not read, nor are its cells
    plain = pd.DataFrame({"employee_id": roster["employee_id"].tolist()})
    att, problems, notes = attendance_from_exports([table], roster, attendance=plain)
    assert att.empty and problems == [] and any("未读入" in n for n in notes)


def test_wecom_monthly_beside_daily_punches(tmp_path, wecom_sample):
    monthly = read(wecom_monthly(tmp_path / "上下班打卡_月报_20261001-20261031.xlsx", {}))
    daily = read(wecom_sample)
    names = sorted(set(daily[0].rows["ident_name"]))
    roster, _ = roster_frame(names + ["张三", "李四", "王五"])
    # the daily export names other people: the 月报's three are rebuilt from its verdicts
    att, problems, _ = attendance_from_exports(daily + monthly, roster)
    assert problems == [] and len(att) == 392 + 3 * 31 and att["from_verdict"].sum() == 3 * 31
    # … a plain 考勤 table (or a daily export) with their punches covers them
    plain = pd.DataFrame({"employee_id": roster["employee_id"].iloc[-3:].tolist()})
    att, problems, notes = attendance_from_exports(daily + monthly, roster, attendance=plain)
    assert problems == [] and len(att) == 392 and any("未读入" in n for n in notes)
    covered = ExportTable("DingTalk 考勤报表", "x.xlsx", ["每日统计"], monthly[0].rows.assign(from_verdict=False))
    att, problems, _ = attendance_from_exports([covered] + monthly, roster)
    assert problems == [] and len(att) == 3 * 31 and not att["from_verdict"].any()


def test_wecom_monthly_with_wrong_weekdays_is_a_problem(tmp_path):
    path = wecom_monthly(tmp_path / "月报.xlsx", {})
    wb = openpyxl.load_workbook(path)
    wb.active["A2"] = "统计时间:09-01 ～ 09-30     制表时间:2026-10-02 09:15(UTC+8)"  # but the columns are October's
    wb.save(path)
    (table,) = read(path)
    assert table.rows.empty and [p.code for p in table.problems] == ["undated_day_columns"]


def dingtalk_matrix(path: Path, sheet: str, cell: Callable[[dt.date], str]) -> Path:
    """A DingTalk person × day sheet (月度汇总, 打卡时间): title rows, singles over two rows, the
    day columns ``8\n四`` under a group named like the sheet, ``cell(day)`` in every day cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    days = [dt.date(2026, 10, d) for d in range(1, 32)]
    singles = ["姓名", "考勤组", "部门", "工号", "职位", "UserId", "出勤天数"]
    _title(ws, sheet, len(singles) + len(days))
    _header(ws, singles, {"考勤结果" if sheet == "月度汇总" else sheet: [f"{d.day}\n{WEEKDAY[d.weekday()]}" for d in days]},
            two_rows=True)
    for r, (emp, (name, user)) in enumerate(PEOPLE.items(), start=5):
        for c, v in enumerate([name, "客服考勤组", "客户服务部", emp, "客服专员", user, "21"] + [cell(d) for d in days],
                              start=1):
            ws.cell(r, c, v)
    wb.save(path)
    return path


def test_dingtalk_monthly_summary_alone_is_verdict_only(tmp_path):
    dingtalk_matrix(tmp_path / "考勤报表.xlsx", "月度汇总",
                    lambda d: "迟到1次,缺卡1次" if d == D8 else ("休息" if d.weekday() >= 5 else "正常"))
    (table,) = read(tmp_path / "考勤报表.xlsx")
    assert table.verdict_only and "月度汇总" in table.kind and table.sheets == ["月度汇总"]
    assert len(table.rows) == 3 * 30 and table.rows["ident_account"].iloc[0] == "user001"  # the 8th: unusable
    # DingTalk's cell counts the late arrival but gives no minutes: each such cell is reported
    assert len(table.problems) == 3 and all(p.code == "verdict_without_minutes" for p in table.problems)
    assert {(p.row, p.letter) for p in table.problems} == {(5, "O"), (6, "O"), (7, "O")}
    _, problems, _ = attendance_from_exports([table], roster_frame(["张三", "李四", "王五"])[0])
    assert len(problems) == 3


def test_dingtalk_punch_time_matrix_alone_is_a_problem(tmp_path):
    dingtalk_matrix(tmp_path / "考勤报表.xlsx", "打卡时间", lambda d: "08:55\n18:02")
    (table,) = read(tmp_path / "考勤报表.xlsx")
    assert table.rows.empty and table.sheets == ["打卡时间"]
    _, problems, _ = attendance_from_exports([table], roster_frame(["张三", "李四", "王五"])[0])
    assert [(p.code, p.sheet) for p in problems] == [("punches_without_shifts", "打卡时间")] and "每日统计" in problems[0].message
