"""An admin drops the WeCom/DingTalk export unedited: same figures as the plain attendance table."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from cli import main
from workbooks import ROSTER_HEADER, xlsx

ROOT = Path(__file__).resolve().parents[1]
WECOM = ROOT / "tests" / "data" / "wecom" / "上下班打卡_日报_20260201-20260228_示例.xlsx"


def sheet_values(path: Path, name: str) -> list[tuple]:
    return list(openpyxl.load_workbook(path, read_only=True)[name].iter_rows(values_only=True))


def test_wecom_sample_month_runs_with_a_roster(runner, tmp_path):
    """The real WeCom 日报 export of February 2026, with a roster made for its people."""
    from processor.read.exports import detect_exports
    from processor.read.files import SourceFile
    from processor.read.sheets import load_sheets

    month = tmp_path / "2026-02"
    month.mkdir()
    shutil.copy(WECOM, month / WECOM.name)
    sheets, _ = load_sheets(SourceFile(month / WECOM.name, "xlsx", ""))
    names = sorted({n.split("（")[0] for t in detect_exports(sheets, "2026-02") for n in t.rows["ident_name"].dropna()})
    roster = [ROSTER_HEADER] + [[f"{i + 1:03d}", n, "客户服务部", "一组", "客服专员"] for i, n in enumerate(names)]
    xlsx(month / "名册.xlsx", {"名册": roster})
    check = runner.invoke(main, ["check", str(month)])
    assert check.exit_code == 0, check.output
    assert "WeCom 日报" in check.output
    out = tmp_path / "out"
    r = runner.invoke(main, ["run", str(month), "--out", str(out), "--lang", "en", "-q"])
    assert r.exit_code == 0, r.output
    rows = sheet_values(out / "2026-02" / "scored-2026-02.xlsx", "Attendance")
    head = rows[0]
    by = {(r[head.index("name")], r[head.index("date")].date()): r for r in rows[1:] if r[head.index("date")]}
    wang = by[("王芳", dt.date(2026, 2, 12))]
    assert wang[head.index("clock_in")] == dt.datetime(2026, 2, 12, 9, 30)
    assert wang[head.index("clock_out")] == dt.datetime(2026, 2, 12, 22, 34)
    assert wang[head.index("export_verdict")] == "迟到30分钟"
    assert wang[head.index("outcome")] == "absence"  # 30 minutes late counts as absence (ATT-LATE30)
    # the export's class (late) and opscore's (absence) differ only by ATT-LATE30, a regulation
    # WeCom's settings do not know: not a verdict that differs (issue 12)
    assert wang[head.index("verdict_differs")] is False


def summary(out: Path) -> list[tuple]:
    return sheet_values(out / "2026-10" / "scored-2026-10.xlsx", "Summary")


def test_dingtalk_export_gives_the_same_summary_as_the_plain_table(runner, tmp_path):
    """The same month given as a plain 考勤 sheet and as a DingTalk 考勤报表 (每日统计 + 原始记录,
    grouped two-row headers, text numbers, 打卡无效 rows): every Summary figure is the same."""
    from test_exports import EXPECTED, dingtalk_book
    from workbooks import ROSTER

    code = {"morning": "早班", "night": "夜班", "day": "白班", "evening": "晚班", "rest": "休息"}
    cell = lambda t: None if t is None else dt.time.fromisoformat(t)  # noqa: E731
    att = [[emp, d, code[s], cell(a), cell(b), cell(ci), cell(co)]
           for (emp, d), (s, a, b, ci, _, co, _) in EXPECTED.items()]
    ratings = [["工号", "工作态度", "专业能力", "团队协作"], ["001", 90, 80, 85], ["002", 70, 75, 80], ["003", 95, 90, 92]]
    base = {"名册": [ROSTER_HEADER, *ROSTER], "考评": ratings}
    plain, export = tmp_path / "plain" / "2026-10", tmp_path / "export" / "2026-10"
    xlsx(plain / "month.xlsx", {**base, "考勤": [["工号", "日期", "班次", "上班时间", "下班时间", "上班打卡", "下班打卡"], *att]})
    xlsx(export / "名册与考评.xlsx", base)
    dingtalk_book(export / "考勤报表.xlsx")
    off = tmp_path / "no-app-approvals.toml"
    off.write_text("[exports]\ntrust_app_approvals = false\n", encoding="utf-8")
    for folder, out, rules in ((plain, tmp_path / "o1", []), (export, tmp_path / "o2", ["--rules", str(off)]),
                               (export, tmp_path / "o3", [])):
        r = runner.invoke(main, ["run", str(folder), "--out", str(out), "--lang", "en", "-q", *rules])
        assert r.exit_code == 0, r.output
    a, b = summary(tmp_path / "o1"), summary(tmp_path / "o2")
    assert a == b  # LV-APP off: the export's 请假 of 003 on 10-09 is judged as if it said nothing
    head = a[0]
    absences = {r[0]: r[head.index("absence_days")] for r in a[1:] if r[0] and r[head.index("department")]}
    assert absences == {"001": 0, "002": 0, "003": 2}  # 003: 10-09 no punches, 10-10 late 31 min (ATT-LATE30)
    # LV-APP on (the default): 10-09 was approved as 事假 in DingTalk and no leave row covers it
    trusted = {r[0]: r for r in summary(tmp_path / "o3")[1:] if r[0] and r[head.index("department")]}
    assert (trusted["003"][head.index("absence_days")], trusted["003"][head.index("leave_days")]) == (1, 1)
    assert trusted["003"][head.index("fines_total")] == 112  # 100 (10-10) + 12 late minutes
    findings = sheet_values(tmp_path / "o3" / "2026-10" / "scored-2026-10.xlsx", "Findings")
    app = [f for f in findings[1:] if f[findings[0].index("rule_id")] == "LV-APP"]
    assert [(f[0], f[findings[0].index("date")].date()) for f in app] == [("003", dt.date(2026, 10, 9))]
    # the report lists the days where DingTalk's own verdict differs from the regulations'
    from bs4 import BeautifulSoup
    page = BeautifulSoup((tmp_path / "o2" / "2026-10" / "report" / "index.html").read_text("utf-8"), "html.parser")
    section = page.find(id="verdicts")
    rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
            for tr in section.select("table.verdicts tbody tr")]
    assert "(2)" in section.h2.get_text()
    kinds = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
             for tr in section.select("table.verdict-kinds tbody tr")]
    assert kinds == [["export: leave → regulations: absence", "1"], ["export: normal → regulations: absence", "1"]]
    assert [r[:5] for r in rows] == [["export: leave → regulations: absence (1)"],
                                     ["003", "王五", "2026-10-09", "上班1 请假; 下班1 请假", "absence"],
                                     ["export: normal → regulations: absence (1)"],
                                     ["003", "王五", "2026-10-10", "上班1 管理员王主管改为正常; 下班1 补卡审批通过",
                                      "absence"]]
    assert "clocked in 09:31, shift starts 09:00: 31 min late (≥ 30 min): counted as an absence" in rows[3][5]
    plain_page = (tmp_path / "o1" / "2026-10" / "report" / "index.html").read_text("utf-8")
    assert 'id="verdicts"' not in plain_page  # no export, no such section


# ------------------------------------------------------------------ WeCom 月报 vs the plain table

OCT = [dt.date(2026, 10, d) for d in range(1, 32)]
WEEKDAY = "一二三四五六日"
# (工号, day): (clock-in, clock-out, the 月报's words for the day) — every other weekday is
# 08:45–18:05 ("正常") on a 09:00–18:00 shift, weekends 休息.
EVENTS = {
    ("001", 8): ("09:09", None, "迟到9分钟; 缺卡1次;"),
    ("001", 13): ("08:45", "17:55", "早退5分钟;"),
    ("002", 9): ("09:35", "18:05", "严重迟到35分钟;"),  # ≥ 30 minutes: absence (ATT-LATE30)
    ("002", 14): (None, None, "旷工480分钟;"),
    ("002", 15): (None, None, "事假1天;"),  # excused by the leave table's request
    ("003", 12): ("09:12", "18:05", "迟到12分钟;"),
    ("003", 16): (None, "18:05", "缺卡1次;"),  # the 月报 does not say which punch: a missing punch either way
    **{("003", d): (None, None, "旷工480分钟;") for d in (19, 20, 21, 22)},  # the 4th: deemed resigned
}


def _plain_days() -> list[list[object]]:
    rows = []
    for emp in ("001", "002", "003"):
        for d in OCT:
            if d.weekday() >= 5:
                rows.append([emp, d, "休息", None, None, None, None])
                continue
            cin, cout, _ = EVENTS.get((emp, d.day), ("08:45", "18:05", ""))
            rows.append([emp, d, "白班", dt.time(9), dt.time(18), cin and dt.time.fromisoformat(cin),
                         cout and dt.time.fromisoformat(cout)])
    return rows


def wecom_monthly_book(path: Path) -> Path:
    """上下班打卡_月报 as the WeCom admin console writes it: two title rows, a grouped
    two-row header, day columns ``1\\n星期四``, day cells like ``迟到9分钟; 缺卡1次;``, numbers
    as text and ``--`` for blanks."""
    from test_exports import _header

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "上下班打卡_月报"
    groups = {"基础信息": ["部门", "职务", "工号"],
              "考勤概况": ["所属规则", "应打卡天数(天)", "正常天数(天)", "异常天数(天)"],
              "异常统计": ["迟到次数(次)", "迟到时长(分钟)", "早退次数(次)", "旷工次数(次)", "缺卡次数(次)"],
              "每日考勤": [f"{d.day}\n星期{WEEKDAY[d.weekday()]}" for d in OCT]}
    width = 3 + sum(len(v) for v in groups.values())
    ws.cell(1, 1, "上下班打卡_月报")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(2, 1, "统计时间:10-01 ～ 10-31     制表时间:2026-11-02 09:15(UTC+8)")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    _header(ws, ["时间", "姓名", "账号"], groups, two_rows=True)
    people = {"001": ("张三", "zhangsan"), "002": ("李四", "lisi"), "003": ("王五", "wangwu")}
    for r, (emp, (name, account)) in enumerate(people.items(), start=5):
        cells = ["休息" if d.weekday() >= 5 else EVENTS.get((emp, d.day), (None, None, "正常"))[2] for d in OCT]
        late = [c for c in cells if "迟到" in c]
        odd = sum(c not in ("正常", "休息") for c in cells)
        work = sum(d.weekday() < 5 for d in OCT)
        values = ["2026-10", name, account, "客户服务部", "--", emp, "客服排班", str(work), str(work - odd), str(odd),
                  str(len(late)), "--", "0", "--", "0", *cells]
        for c, v in enumerate(values, start=1):
            ws.cell(r, c, v)  # text, as WeCom writes numbers
    wb.save(path)
    return path


# DingTalk's words for the same days in a 每日汇总（新） CSV: 考勤结果 without minutes, which
# sit in 迟到分钟 / 早退分钟, as DingTalk writes them.
DINGTALK_RESULTS = {
    ("001", 8): ("迟到,下班缺卡", 9, 0), ("001", 13): ("早退", 0, 5), ("002", 9): ("严重迟到", 35, 0),
    ("002", 14): ("旷工", 0, 0), ("002", 15): ("请假", 0, 0), ("003", 12): ("迟到", 12, 0),
    ("003", 16): ("上班缺卡", 0, 0), **{("003", d): ("旷工", 0, 0) for d in (19, 20, 21, 22)},
}


def dingtalk_daily_csv(path: Path) -> Path:
    """A DingTalk 每日汇总（新） CSV: one row per person-day, no punch times, UTF-8 with BOM."""
    import csv

    from test_exports import dd

    people = {"001": ("张三", "user001"), "002": ("李四", "user002"), "003": ("王五", "user003")}
    rows = [["姓名", "考勤组", "部门", "工号", "UserId", "日期", "班次", "考勤结果", "实出勤工时", "迟到分钟", "早退分钟"]]
    for emp, (name, user) in people.items():
        for d in OCT:
            if d.weekday() >= 5:
                rows.append([name, "客服考勤组", "客户服务部", emp, user, dd(d), "休息", "休息", "0", "0", "0"])
                continue
            result, late, early = DINGTALK_RESULTS.get((emp, d.day), ("正常", 0, 0))
            rows.append([name, "客服考勤组", "客户服务部", emp, user, dd(d), "白班 09:00-18:00", result, "8",
                         str(late), str(early)])
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)  # quoted where a result holds a comma (迟到,下班缺卡)
    return path


@pytest.mark.parametrize("kind", ["WeCom 月报", "DingTalk 每日汇总（新） CSV"])
def test_verdict_exports_give_the_same_summary_as_the_plain_table(runner, tmp_path, kind):
    """The same month as a plain 考勤 sheet and as an export of verdicts only (a WeCom
    上下班打卡_月报; a DingTalk 每日汇总（新） CSV): every Summary figure is the same. Only the
    preparation rate (ATT-PREP, an extra column beside the spec's Summary) is blank for the
    export: verdicts do not say how early anyone came."""
    from workbooks import ROSTER

    ratings = [["工号", "工作态度", "专业能力", "团队协作"], ["001", 90, 80, 85], ["002", 70, 75, 80], ["003", 95, 90, 92]]
    leave = [["工号", "假别", "开始时间", "结束时间", "申请时间", "审批人岗位"],
             ["002", "事假", "2026-10-15", "2026-10-15", "2026-10-01 09:00", "客服主管"]]
    base = {"名册": [ROSTER_HEADER, *ROSTER], "考评": ratings, "请假": leave}
    plain, export = tmp_path / "plain" / "2026-10", tmp_path / "export" / "2026-10"
    xlsx(plain / "month.xlsx", {**base, "考勤": [["工号", "日期", "班次", "上班时间", "下班时间", "上班打卡", "下班打卡"],
                                               *_plain_days()]})
    xlsx(export / "名册与考评.xlsx", base)
    if kind == "WeCom 月报":
        wecom_monthly_book(export / "上下班打卡_月报_20261001-20261031.xlsx")
    else:
        dingtalk_daily_csv(export / "每日汇总（新）.csv")
    check = runner.invoke(main, ["check", str(export)])
    assert check.exit_code == 0, check.output
    assert kind.split()[0] in check.output and "3 人的考勤按结论重建" in check.output
    assert ": 考勤 93  [" in check.output  # 3 people × 31 days taken from the export
    for folder, out in ((plain, tmp_path / "o1"), (export, tmp_path / "o2")):
        r = runner.invoke(main, ["run", str(folder), "--out", str(out), "--lang", "en", "-q"])
        assert r.exit_code == 0, r.output
    a, b = summary(tmp_path / "o1"), summary(tmp_path / "o2")
    head = a[0]
    assert b[0] == head
    prep = head.index("prep_rate")
    people = [i for i, r in enumerate(a) if r[0] in ("001", "002", "003")]
    assert [a[i][prep] for i in people] == [pytest.approx(21 / 22), 1.0, pytest.approx(16 / 17)]
    assert [b[i][prep] for i in people] == [None, None, None]
    strip = lambda rows: [r[:prep] + r[prep + 1:] for r in rows]  # noqa: E731
    assert strip(a) == strip(b)
    col = {k: head.index(k) for k in ("late_count", "late_minutes", "early_count", "absence_days",
                                       "missing_punches", "leave_days", "fines_total", "grade")}
    got = {a[i][0]: tuple(a[i][c] for c in col.values()) for i in people}
    assert got == {"001": (1, 9, 1, 0, 1, 0, 14, "excellent"),  # late 9 + early 5 yuan
                   "002": (0, 0, 0, 2, 0, 1, 200, "pass"),  # 35 minutes late and 旷工: two absence days
                   "003": (1, 12, 0, 4, 1, 0, 412, "fail")}  # deemed resigned on the 4th absence (APR-VETO)
    days = sheet_values(tmp_path / "o2" / "2026-10" / "scored-2026-10.xlsx", "Attendance")
    h = days[0]
    row = next(r for r in days[1:] if r[h.index("employee_id")] == "002" and r[h.index("date")] == dt.datetime(2026, 10, 9))
    said = "严重迟到35分钟" if kind == "WeCom 月报" else "严重迟到"
    assert row[h.index("outcome")] == "absence" and row[h.index("export_verdict")] == said
    assert row[h.index("clock_in")] is None  # the time was not in the export: not shown as if it were
    assert f'the attendance export says "{said}": 35 min late (≥ 30 min): counted as an absence' in row[h.index("evidence")]
