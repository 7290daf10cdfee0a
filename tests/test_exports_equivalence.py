"""A month given as an export as centers download it, and as the equivalent plain 考勤 table,
gives the same Summary: a full DingTalk 考勤报表 (月度汇总 and 打卡时间 with 六/日/holiday day
labels, and an admin's own sheet), and a WeCom 月报 with rest, unscheduled and leave days."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from cli import main
from test_exports_end_to_end import EVENTS, OCT, WEEKDAY, _plain_days, sheet_values, summary, wecom_monthly_book
from workbooks import ROSTER, ROSTER_HEADER, xlsx

RATINGS = [["工号", "工作态度", "专业能力", "团队协作"], ["001", 90, 80, 85], ["002", 70, 75, 80], ["003", 95, 90, 92]]
LEAVE = [["工号", "假别", "开始时间", "结束时间", "申请时间", "审批人岗位"],
         ["002", "事假", "2026-10-15", "2026-10-15", "2026-10-01 09:00", "客服主管"]]
PEOPLE = {"001": ("张三", "user001"), "002": ("李四", "user002"), "003": ("王五", "user003")}
# EVENTS' 月报 words as DingTalk's 月度汇总 writes them (the punches in brackets).
DING_WORDS = {
    ("001", 8): "普通出勤:上班迟到9分钟,下班缺卡\n(09:09,-)", ("001", 13): "普通出勤:下班早退5分钟\n(08:45,17:55)",
    ("002", 9): "普通出勤:上班严重迟到35分钟\n(09:35,18:05)", ("002", 14): "普通出勤:旷工\n(-,-)",
    ("002", 15): "事假10-15 09:00到10-15 18:00 8小时\n(-)", ("003", 12): "普通出勤:上班迟到12分钟\n(09:12,18:05)",
    ("003", 16): "普通出勤:上班缺卡\n(-,18:05)", **{("003", d): "普通出勤:旷工\n(-,-)" for d in (19, 20, 21, 22)},
}


def _label(d: dt.date) -> str:
    """DingTalk's day header: the holiday's name, 六/日 on weekends, else the day number."""
    if d.day <= 7:
        return "国庆节"
    return {5: "六", 6: "日"}.get(d.weekday(), str(d.day))


def _matrix(wb: openpyxl.Workbook, title: str, group: str, cell) -> None:
    ws = wb.create_sheet(title)
    ws.append([f"{title} 统计日期：2026-10-01 至 2026-10-31"])
    ws.append(["报表生成时间：2026-11-01 10:00"])
    singles = ["姓名", "考勤组", "部门", "工号", "职位", "UserId"]
    ws.append(singles + [group] + [None] * 30)
    ws.append([None] * 6 + [_label(d) for d in OCT])
    for emp, (name, user) in PEOPLE.items():
        ws.append([name, "客服考勤组", "客户服务部", emp, "客服专员", user] + [cell(emp, d) for d in OCT])
    for c in range(1, 7):
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    ws.merge_cells(start_row=3, start_column=7, end_row=3, end_column=37)


def dingtalk_report(path: Path) -> Path:
    """A DingTalk 考勤报表 without daily sheets: 月度汇总, 打卡时间 and an admin's own summary."""
    def verdict(emp: str, d: dt.date) -> str:
        if d.weekday() >= 5:
            return "休息\n(-)"
        return DING_WORDS.get((emp, d.day), "普通出勤:正常\n(08:45,18:05)")

    def times(emp: str, d: dt.date) -> str | None:
        if d.weekday() >= 5:
            return None
        cin, cout, _ = EVENTS.get((emp, d.day), ("08:45", "18:05", ""))
        return "\n".join(t for t in (cin, cout) if t) or None

    wb = openpyxl.Workbook()
    admin = wb.active
    admin.title = "考勤统计(行政)"
    admin.append(["姓名", "考勤组", "部门", "工号", "职位", "UserId", "出勤天数"])
    for emp, (name, user) in PEOPLE.items():
        admin.append([name, "客服考勤组", "客户服务部", emp, "客服专员", user, "22"])
    _matrix(wb, "月度汇总", "考勤结果", verdict)
    _matrix(wb, "打卡时间", "打卡时间", times)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _runs(runner, tmp_path: Path, plain_rows: list, leave: list, write_export) -> tuple[list, list, str]:
    base = {"名册": [ROSTER_HEADER, *ROSTER], "考评": RATINGS, "请假": leave}
    plain, export = tmp_path / "plain" / "2026-10", tmp_path / "export" / "2026-10"
    xlsx(plain / "month.xlsx", {**base, "考勤": [["工号", "日期", "班次", "上班时间", "下班时间", "上班打卡", "下班打卡"],
                                               *plain_rows]})
    xlsx(export / "名册与考评.xlsx", base)
    write_export(export)
    check = runner.invoke(main, ["check", str(export)])
    assert check.exit_code == 0, check.output
    for folder, out in ((plain, tmp_path / "o1"), (export, tmp_path / "o2")):
        r = runner.invoke(main, ["run", str(folder), "--out", str(out), "--lang", "en", "-q"])
        assert r.exit_code == 0, r.output
    return summary(tmp_path / "o1"), summary(tmp_path / "o2"), check.output


def test_full_dingtalk_report_gives_the_same_summary_as_the_plain_table(runner, tmp_path):
    """月度汇总 verdicts rebuilt, 打卡时间's punches filling them: every Summary figure is the
    plain table's, the preparation rate included."""
    a, b, check = _runs(runner, tmp_path, _plain_days(), LEAVE,
                        lambda folder: dingtalk_report(folder / "考勤报表.xlsx"))
    assert "[DingTalk 月度汇总、DingTalk 打卡时间]" in check and "考勤报表.xlsx: 考勤 93" in check
    assert "考勤报表.xlsx:考勤统计(行政): 不是DingTalk 月度汇总的已知工作表,未读入" in check
    # 3 × 22 weekdays, less the 6 without a punch (旷工, 事假), judged on 打卡时间's real punches
    assert "考勤报表.xlsx: 其中 60 个人天按打卡时间表中的真实打卡判定" in check
    assert a == b
    head = a[0]
    col = {k: head.index(k) for k in ("late_count", "late_minutes", "early_count", "absence_days",
                                       "missing_punches", "leave_days", "fines_total", "grade")}
    got = {r[0]: tuple(r[c] for c in col.values()) for r in b[1:] if r[0] in PEOPLE}
    assert got == {"001": (1, 9, 1, 0, 1, 0, 14, "excellent"), "002": (0, 0, 0, 2, 0, 1, 200, "pass"),
                   "003": (1, 12, 0, 4, 1, 0, 412, "fail")}
    prep = head.index("prep_rate")
    assert [r[prep] for r in b[1:] if r[0] in PEOPLE][0] == 21 / 22


UNSCHEDULED, ANNUAL = 21, 20  # 001: 10-21 not scheduled (正常（未排班）), 10-20 年假 approved in WeCom and in the table


def test_wecom_monthly_with_rest_unscheduled_and_leave_days(runner, tmp_path):
    """正常（休息） weekends, one 正常（未排班） weekday and one 正常（请假） day read as rest, rest
    and leave: the same Summary as a plain table with 休息 on those days and the leave row."""
    def export(folder: Path) -> None:
        path = wecom_monthly_book(folder / "上下班打卡_月报_20261001-20261031.xlsx")
        wb = openpyxl.load_workbook(path)
        ws = wb.active
        cols = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
        for row in range(5, 8):
            emp = ws.cell(row, 6).value
            for d in OCT:
                c = cols[f"{d.day}\n星期{WEEKDAY[d.weekday()]}"]
                if d.weekday() >= 5:
                    ws.cell(row, c, "正常（休息） ;")
                elif emp == "001" and d.day == UNSCHEDULED:
                    ws.cell(row, c, "正常（未排班） ;")
                elif emp == "001" and d.day == ANNUAL:
                    ws.cell(row, c, "正常（请假） ; \n 事假1.0天（10/20 上午 - 10/20 下午）")
        wb.save(path)

    plain = [r if not (r[0] == "001" and r[1].day == UNSCHEDULED) else ["001", r[1], "休息", None, None, None, None]
             for r in _plain_days()]
    plain = [r if not (r[0] == "001" and r[1].day == ANNUAL) else ["001", r[1], "白班", dt.time(9), dt.time(18), None, None]
             for r in plain]
    leave = LEAVE + [["001", "事假", "2026-10-20", "2026-10-20", "2026-10-01 09:00", "客服主管"]]
    a, b, _ = _runs(runner, tmp_path, plain, leave, export)
    head = a[0]
    prep = head.index("prep_rate")
    strip = lambda rows: [r[:prep] + r[prep + 1:] for r in rows]  # noqa: E731  (verdicts: no ATT-PREP)
    assert strip(a) == strip(b)
    zhang = dict(zip(head, next(r for r in b[1:] if r[0] == "001")))
    assert (zhang["leave_days"], zhang["absence_days"], zhang["fines_total"]) == (1, 0, 14)
    days = sheet_values(tmp_path / "o2" / "2026-10" / "scored-2026-10.xlsx", "Attendance")
    h = days[0]
    by = {r[h.index("date")].day: r for r in days[1:] if r[h.index("employee_id")] == "001"}
    assert [by[d][h.index("outcome")] for d in (3, UNSCHEDULED, ANNUAL)] == ["rest", "rest", "leave"]
    assert not any(r[h.index("verdict_differs")] for r in by.values())
