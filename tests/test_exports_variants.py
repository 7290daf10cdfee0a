"""Issue 12: the variations real DingTalk downloads take — saved as CSV (GB18030, GBK, UTF-8 with
BOM), 0–4 title rows, merged headers, an English UI, dates without their year, a 合计 row and
blank rows at the bottom, a hidden sheet, people without 工号, a person in two 考勤组 — each a
real file in a month folder, through `opscore check` and `opscore run`: the same Summary as
the plain 考勤 table of the same month."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

import export_variants as ev
from cli import main
from test_exports import hm, read
from test_exports_end_to_end import _plain_days, summary
from test_exports_equivalence import LEAVE, RATINGS
from workbooks import ROSTER, ROSTER_HEADER, xlsx

H, R = ev.HEADER, ev.daily_rows()
ATT_HEADER = ["工号", "日期", "班次", "上班时间", "下班时间", "上班打卡", "下班打卡"]
BLANK = [None] * len(H)


def _hidden(wb) -> None:
    s = wb.create_sheet("数据源")
    s.append(["选项", "值"])
    s.append(["考勤组", "客服考勤组"])
    s.sheet_state = "hidden"


def _date(fmt):
    return lambda f: ev.xlsx_export(f / "考勤报表.xlsx", H, ev.daily_rows(fmt))


def _no_id(rows):
    return [r[:3] + [None] + r[4:] for r in rows]


# a person in two 考勤组: 张三's rows of a second group, empty (``--``) or 休息/未排班 every day
def _second_group(shift, result):
    return [["张三", "夜班考勤组", "客户服务部", "001", "客服专员", "user001", r[6], shift, None, result, None, result, None]
            for r in R if r[3] == "001"]


VARIANTS = {
    "csv gb18030": lambda f: ev.csv_export(f / "每日统计.csv", H, R, "gb18030"),
    "csv utf-8 bom": lambda f: ev.csv_export(f / "每日统计.csv", H, R, "utf-8-sig"),
    "csv gbk, no title": lambda f: ev.csv_export(f / "每日统计.csv", H, R, "gbk", titles=0),
    "no title row": lambda f: ev.xlsx_export(f / "考勤报表.xlsx", H, R, titles=0),
    "1 title row": lambda f: ev.xlsx_export(f / "考勤报表.xlsx", H, R, titles=1),
    "3 title rows": lambda f: ev.xlsx_export(f / "考勤报表.xlsx", H, R, titles=3),
    "4 title rows, merged 2-row header": lambda f: ev.xlsx_export(f / "考勤报表.xlsx", H, R, titles=4, two_rows=True),
    "English UI": lambda f: ev.xlsx_export(f / "report.xlsx", ev.ENGLISH_HEADER, ev.variant_english(R)),
    "date 2026-10-01 星期四": _date(lambda d: f"{d:%Y-%m-%d} 星期{ev.WEEK[d.weekday()]}"),
    "date 2026-10-01 Thu": _date(lambda d: f"{d:%Y-%m-%d} {d:%a}"),
    "date 10-01": _date(lambda d: f"{d:%m-%d}"),
    "date 10-01 星期四": _date(lambda d: f"{d:%m-%d} 星期{ev.WEEK[d.weekday()]}"),
    "date 10/1": _date(lambda d: f"{d.month}/{d.day}"),
    "date 1日": _date(lambda d: f"{d.day}日"),
    "real dates": _date(lambda d: d),
    "合计 and blank rows at the bottom": lambda f: ev.xlsx_export(
        f / "考勤报表.xlsx", H, R + [BLANK, BLANK, ["合计"] + BLANK[1:], ["统计"] + [""] * (len(H) - 1)]),
    "hidden sheet": lambda f: ev.xlsx_export(f / "考勤报表.xlsx", H, R, extra=_hidden),
    "no 工号, names only": lambda f: ev.xlsx_export(f / "考勤报表.xlsx", H, _no_id(R)),
    "two 考勤组, the other row --": lambda f: ev.xlsx_export(f / "考勤报表.xlsx", H, R + _second_group("--", None)),
    "two 考勤组, the other row 休息": lambda f: ev.xlsx_export(f / "考勤报表.xlsx", H, R + _second_group("休息", "未排班")),
}


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> list[tuple]:
    from click.testing import CliRunner

    base = tmp_path_factory.mktemp("plain")
    month = base / "2026-10"
    xlsx(month / "m.xlsx", {"名册": [ROSTER_HEADER, *ROSTER], "考评": RATINGS, "请假": LEAVE,
                            "考勤": [ATT_HEADER, *_plain_days()]})
    r = CliRunner().invoke(main, ["run", str(month), "--out", str(base / "out"), "--lang", "en", "-q"])
    assert r.exit_code == 0, r.output
    return summary(base / "out")


def _export_run(runner, tmp_path: Path, write, leave=LEAVE) -> tuple[list[tuple], str]:
    month = tmp_path / "2026-10"
    xlsx(month / "名册与考评.xlsx", {"名册": [ROSTER_HEADER, *ROSTER], "考评": RATINGS, "请假": leave})
    write(month)
    check = runner.invoke(main, ["check", str(month)])
    assert check.exit_code == 0, check.output
    r = runner.invoke(main, ["run", str(month), "--out", str(tmp_path / "out"), "--lang", "en", "-q"])
    assert r.exit_code == 0, r.output
    return summary(tmp_path / "out"), check.output


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_each_variant_gives_the_plain_tables_summary(variant, runner, tmp_path, plain):
    got, check = _export_run(runner, tmp_path, VARIANTS[variant])
    assert got == plain
    assert ": 考勤 93  [DingTalk 考勤报表]" in check  # 3 people × 31 days, no more, no fewer
    head = plain[0]
    people = {r[0]: (r[head.index("late_minutes")], r[head.index("absence_days")], r[head.index("fines_total")])
              for r in got[1:] if r[0] in ev.PEOPLE}
    assert people == {"001": (9, 0, 14), "002": (0, 2, 200), "003": (12, 4, 412)}
    if variant.startswith("two 考勤组"):
        assert "有 31 个人天在导出中另有一行(同一人在两个考勤组)" in check


def test_english_ui_approvals_count_as_in_the_chinese_export(runner, tmp_path):
    """No leave-table row for 李四's day of leave: the English export's ``Leave`` / ``Personal
    Leave …`` approval is LV-APP leave exactly as the Chinese 请假 / 事假 is."""
    head_only = [LEAVE[0]]
    zh, _ = _export_run(runner, tmp_path / "zh", lambda f: ev.xlsx_export(f / "考勤报表.xlsx", H, R), head_only)
    en, _ = _export_run(runner, tmp_path / "en", lambda f: ev.xlsx_export(
        f / "report.xlsx", ev.ENGLISH_HEADER, ev.variant_english(R)), head_only)
    assert en == zh
    head = zh[0]
    li = next(r for r in zh[1:] if r[0] == "002")
    # 10-09 35 minutes late (ATT-LATE30) and 10-14 旷工: two absences; 10-15 leave approved in the app
    assert (li[head.index("absence_days")], li[head.index("leave_days")]) == (2, 1)


def test_multi_punch_cells_keep_their_next_day_marks(tmp_path):
    """A WeCom 打卡时间记录 whose cells hold several punches, separated by 、 commas, spaces or
    newlines, with the next day marked 次日 06:05, (次日)06:05 or 次日06:05."""
    import openpyxl

    cells = {1: "08:38、18:00", 2: "08:38,12:01,13:00,18:05", 5: "08:38 18:00", 6: "21:58 次日 06:05",
             7: "21:58\n(次日)06:05", 8: "21:58\n次日06:05", 9: "21:58, （次日）06:05"}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "打卡时间记录"
    ws.append(["打卡时间记录"])
    ws.append(["统计时间:10-01 ～ 10-31     制表时间:2026-11-02 09:15(UTC+8)"])
    days = [dt.date(2026, 10, d) for d in range(1, 32)]
    ws.append(["姓名", "账号", "基础信息", None, None, "打卡时间记录"] + [None] * 30)
    ws.append([None, None, "部门", "职务", "工号"] + [f"{d.day}\n星期{ev.WEEK[d.weekday()]}" for d in days])
    ws.append(["张三", "user001", "客服部", "--", "001"] + [cells.get(d.day, "--") for d in days])
    wb.save(tmp_path / "上下班打卡_打卡时间记录.xlsx")
    (table,) = read(tmp_path / "上下班打卡_打卡时间记录.xlsx")
    assert table.problems == [] and table.punch_times
    rows = table.rows.set_index(table.rows["date"].dt.day)
    assert sorted(rows.index) == sorted(cells)
    got = {d: (rows.loc[d, "clock_in"], rows.loc[d, "clock_out"], rows.loc[d, "clock_out_next_day"],
               rows.loc[d, "punches"]) for d in cells}
    assert got[1] == (hm("08:38"), hm("18:00"), False, 2) and got[2] == (hm("08:38"), hm("18:05"), False, 4)
    assert got[5] == (hm("08:38"), hm("18:00"), False, 2)
    for d in (6, 7, 8, 9):
        assert got[d] == (hm("21:58"), hm("06:05"), True, 2), d


@pytest.mark.parametrize("word, cin, cout", [
    ("迟到1小时5分钟", "10:05", "18:00"), ("迟到1.5小时", "10:30", "18:00"), ("早退30分钟", "09:00", "17:30"),
    ("严重迟到 65分钟", "10:05", "18:00"), ("旷工1天", None, None), ("缺卡2次", None, None),
    ("请假 事假 4小时", None, None), ("Late 9 mins", "09:09", "18:00"), ("Early Leave 5 min", "09:00", "17:55"),
])
def test_verdicts_with_durations_are_rebuilt_to_the_minute(word, cin, cout, tmp_path):
    """A 月报 day cell with its minutes in hours and minutes (or English): the punches it implies
    on the usual 09:00–18:00 shift; 旷工/缺卡2次/leave: a working day without punches."""
    from test_exports import wecom_monthly

    (table,) = read(wecom_monthly(tmp_path / "月报.xlsx", {("001", 8): word}))
    assert table.problems == []
    d = table.rows[(table.rows["ident_id"] == "001") & (table.rows["date"] == pd.Timestamp("2026-10-08"))].iloc[0]
    shown = [None if pd.isna(v) else v for v in (d["clock_in"], d["clock_out"])]
    assert shown == [hm(cin) if cin else None, hm(cout) if cout else None]
