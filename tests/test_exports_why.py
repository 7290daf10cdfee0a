"""The "Why" list of the exports issue that tests/test_exports_real_shapes.py does not cover,
each through real workbooks and the CLI: a night clock-in without 次日 (typed table vs export),
DingTalk 缺卡/缺卡 days, 月度汇总 words 未排班 and 不在考勤组并打卡, and a punch-time matrix
alone giving one message in its app's words (not also "the month has no 考勤 table")."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from cli import main
from processor.rulebook import load_rulebook
from processor.validate.month import load_month
from workbooks import xlsx

SHAPES = Path(__file__).resolve().parent / "data" / "real_shapes" / "make_shapes.py"
W = "一二三四五六日"
MAY = [dt.date(2026, 5, d) for d in range(1, 32)]
HEAD = ["姓名", "考勤组", "部门", "工号", "职位", "UserId", "日期", "班次",
        "上班1打卡时间", "上班1打卡结果", "下班1打卡时间", "下班1打卡结果"]
PERSON = ["张三", "客服考勤组", "客服部", "001", "坐席", "u001"]


def roster(folder: Path) -> None:
    xlsx(folder / "员工名册.xlsx", {"员工名册": [["工号", "姓名", "部门", "班组", "岗位", "UserId"],
                                             ["001", "张三", "客服部", "一组", "话务员", "u001"]]})


def dingtalk_daily(folder: Path, special: dict[int, list[object]]) -> Path:
    """A DingTalk 每日统计 (title rows, one header row) for May 2026: weekdays 08:20–18:05
    正常, weekends 休息, the days of ``special`` as given (班次, in, result, out, result)."""
    roster(folder)
    rows: list[list[object]] = [["每日汇总 统计日期：2026-05-01 至 2026-05-31"], ["报表生成时间：2026-06-01 15:22"], HEAD]
    for d in MAY:
        cells = special.get(d.day) or (["休息", None, None, None, None] if d.weekday() >= 5 else
                                       ["普通出勤 08:30-18:00", "08:20", "正常", "18:05", "正常"])
        rows.append(PERSON + [f"{d:%y-%m-%d} 星期{W[d.weekday()]}", *cells])
    return xlsx(folder / "考勤报表.xlsx", {"每日统计": rows})


def run(runner, month: Path, out: Path) -> dict[dt.date, dict]:
    r = runner.invoke(main, ["run", str(month), "--out", str(out), "--lang", "en", "-q"])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out / month.name / f"scored-{month.name}.xlsx", read_only=True)
    head, *rows = list(wb["Attendance"].iter_rows(values_only=True))
    return {r[head.index("date")].date(): dict(zip(head, r)) for r in rows if r[head.index("date")]}


def test_night_clock_in_without_next_day_mark_typed_table_vs_export(runner, tmp_path):
    """ATT-NIGHT: an unmarked 09:58 on a 17:00–次日01:30 shift is the work date's in a DingTalk
    export (the app marks next-day punches itself), the next day's in a typed 考勤 table."""
    export = tmp_path / "export" / "2026-05"
    dingtalk_daily(export, {6: ["3班次17点 17:00-次日01:30", "09:58", "正常", "次日 08:27", "正常"]})
    d = run(runner, export, tmp_path / "out")[dt.date(2026, 5, 6)]
    assert (d["clock_in"], d["clock_out"]) == (dt.datetime(2026, 5, 6, 9, 58), dt.datetime(2026, 5, 7, 8, 27))
    typed = tmp_path / "typed" / "2026-05"
    xlsx(typed / "month.xlsx", {
        "名册": [["工号", "姓名", "部门", "班组", "岗位"], ["001", "张三", "客服部", "一组", "话务员"]],
        "考勤": [["工号", "日期", "班次", "上班时间", "下班时间", "上班打卡", "下班打卡"],
                 ["001", dt.date(2026, 5, 6), "夜班", dt.time(17, 0), dt.time(1, 30), dt.time(9, 58), "次日 10:30"]]})
    data, problems, _ = load_month(typed, "2026-05", load_rulebook())
    assert problems == []
    row = data.tables["attendance"].iloc[0]
    assert (row["clock_in"], row["clock_out"]) == (dt.datetime(2026, 5, 7, 9, 58), dt.datetime(2026, 5, 7, 10, 30))


def test_dingtalk_missing_both_punches_is_not_a_differing_verdict(runner, tmp_path):
    """上班 缺卡 / 下班 缺卡: DingTalk counts two missing punches where the regulations see an
    absence — a difference the regulations make, not a disagreement; one 缺卡 agrees outright."""
    month = tmp_path / "2026-05"
    dingtalk_daily(month, {13: ["普通出勤 08:30-18:00", None, "缺卡", None, "缺卡"],
                           14: ["普通出勤 08:30-18:00", "08:21", "正常", None, "缺卡"]})
    by = run(runner, month, tmp_path / "out")
    both, one = by[dt.date(2026, 5, 13)], by[dt.date(2026, 5, 14)]
    assert (both["outcome"], both["export_verdict"], both["verdict_differs"]) == (
        "absence", "上班1 缺卡; 下班1 缺卡", False)
    assert (one["outcome"], one["verdict_differs"]) == ("missing_punch", False)
    assert sum(bool(d["verdict_differs"]) for d in by.values()) == 0


def test_monthly_summary_unscheduled_and_not_in_group_are_rest_days(runner, tmp_path):
    """月度汇总 words 未排班 and 不在考勤组并打卡 are days off (not worked on-time days, not
    problems), and none of them is a verdict that differs."""
    month = tmp_path / "2026-05"
    roster(month)
    words = {4: "未排班\n(-)", 5: "不在考勤组并打卡\n(09:01,18:00)"}
    cells = [words.get(d.day, "休息\n(-)" if d.weekday() >= 5 else "普通出勤:正常\n(08:22,18:06)") for d in MAY]
    xlsx(month / "考勤报表.xlsx", {"月度汇总": [
        ["月度汇总 统计日期：2026-05-01 至 2026-05-31"], ["报表生成时间：2026-06-01 15:22"],
        ["姓名", "考勤组", "部门", "工号", "职位", "UserId", "考勤结果"] + [None] * 30,
        [None] * 6 + [f"{d.day}\n{W[d.weekday()]}" for d in MAY], PERSON + cells]})
    check = runner.invoke(main, ["check", str(month)])
    assert check.exit_code == 0, check.output
    by = run(runner, month, tmp_path / "out")
    assert [by[dt.date(2026, 5, d)]["outcome"] for d in (4, 5, 6)] == ["rest", "rest", "normal"]
    counts: dict[str, int] = {}
    for d in by.values():
        counts[d["outcome"]] = counts.get(d["outcome"], 0) + 1
    assert counts == {"normal": 19, "rest": 12}
    assert not any(d["verdict_differs"] for d in by.values())


@pytest.fixture(scope="module")
def shapes(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("shapes")
    subprocess.run([sys.executable, str(SHAPES), str(base)], check=True, capture_output=True)
    return base


@pytest.mark.parametrize("shape, app, other", [("R6_matrix_打卡时间", "钉钉", "企业微信"),
                                               ("R9_wecom_times", "企业微信", "钉钉")])
def test_a_punch_time_matrix_alone_is_one_message_in_its_apps_words(runner, shapes, shape, app, other):
    (month,) = (shapes / shape).iterdir()
    check = runner.invoke(main, ["check", str(month)])
    assert check.exit_code == 1
    assert "共 2 个文件,1 个问题" in check.output
    assert f"这是{app}的“打卡时间" in check.output and other not in check.output
    assert "缺少“考勤”表" not in check.output
