"""Every shape of tests/data/real_shapes (the shapes real DingTalk and WeCom exports take, as
centers download them) gives what its README says, through real files and the CLI."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from cli import main

SHAPES = Path(__file__).resolve().parent / "data" / "real_shapes" / "make_shapes.py"


@pytest.fixture(scope="module")
def shapes(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("shapes")
    subprocess.run([sys.executable, str(SHAPES), str(base)], check=True, capture_output=True)
    return base


def folder(shapes: Path, name: str) -> Path:
    (month,) = (shapes / name).iterdir()
    return month


def run(runner, month: Path, out: Path, *extra: str) -> dict[str, list]:
    r = runner.invoke(main, ["run", str(month), "--out", str(out), "--lang", "en", "-q", *extra])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out / month.name / f"scored-{month.name}.xlsx", read_only=True)
    return {name: list(wb[name].iter_rows(values_only=True)) for name in ("Attendance", "Summary", "Findings")}


def days(sheets: dict[str, list]) -> dict[dt.date, dict]:
    head, *rows = sheets["Attendance"]
    return {r[head.index("date")].date(): dict(zip(head, r)) for r in rows if r[head.index("date")]}


def person(sheets: dict[str, list]) -> dict:
    head, first = sheets["Summary"][0], sheets["Summary"][1]
    return dict(zip(head, first))


def rule_rows(sheets: dict[str, list], rule: str) -> list[dt.date]:
    head, *rows = sheets["Findings"]
    return sorted(r[head.index("date")].date() for r in rows if r[head.index("rule_id")] == rule)


def outcomes(sheets: dict[str, list]) -> dict[str, int]:
    out: dict[str, int] = {}
    for d in days(sheets).values():
        out[d["outcome"]] = out.get(d["outcome"], 0) + 1
    return out


def test_r1_an_unmarked_time_is_on_the_work_date(runner, shapes, tmp_path):
    """DingTalk marks next-day punches (次日 08:27), so 09:58 on a 17:00-次日01:30 shift is that day's."""
    d = days(run(runner, folder(shapes, "R1_night_untagged"), tmp_path))[dt.date(2026, 5, 6)]
    assert (d["clock_in"], d["clock_out"]) == (dt.datetime(2026, 5, 6, 9, 58), dt.datetime(2026, 5, 7, 8, 27))
    assert (d["shift_start"], d["shift_end"]) == (dt.datetime(2026, 5, 6, 17), dt.datetime(2026, 5, 7, 1, 30))
    assert (d["outcome"], d["late_minutes"], d["verdict_differs"]) == ("normal", 0, False)


def test_r2_free_hours_is_a_worked_day(runner, shapes, tmp_path):
    """自由工时 with one punch: worked, never late or early, not a missing punch (ATT-FLEX)."""
    month = folder(shapes, "R2_free_hours")
    check = runner.invoke(main, ["check", str(month)])
    assert check.exit_code == 0, check.output
    sheets = run(runner, month, tmp_path)
    d = days(sheets)[dt.date(2026, 5, 22)]
    assert (d["outcome"], d["late_minutes"], d["early_minutes"], d["rule_ids"]) == ("normal", 0, 0, None)
    assert d["clock_in"] == dt.datetime(2026, 5, 22, 13, 52)
    p = person(sheets)
    assert (p["absence_days"], p["missing_punches"], p["late_count"], p["fines_total"]) == (0, 0, 0, 0)


def test_r3_outings_approved_in_the_app_are_days_present(runner, shapes, tmp_path):
    """外出 with no punch (05-11..15) and after a morning clock-in (05-21): present, LV-APP."""
    month = folder(shapes, "R3_outing")
    sheets = run(runner, month, tmp_path / "on")
    by = days(sheets)
    outing = [dt.date(2026, 5, 11 + i) for i in range(5)] + [dt.date(2026, 5, 21)]
    assert [by[d]["outcome"] for d in outing] == ["normal"] * 6
    assert all(by[d]["rule_ids"] == "LV-APP" and by[d]["verdict_differs"] is False for d in outing)
    assert rule_rows(sheets, "LV-APP") == outing
    p = person(sheets)
    assert (p["absence_days"], p["missing_punches"], p["fines_total"], p["deemed_resignation_date"]) == (0, 0, 0, None)
    head, *rows = sheets["Findings"]
    ev = next(r[head.index("evidence")] for r in rows if r[head.index("rule_id")] == "LV-APP")
    assert ev.startswith('the attendance export says "外出05-11 08:30到05-15 18:00 40小时" (an outing or trip approved')
    assert ev.endswith("the leave table has no such day, so notice, approver and certificate rules cannot be checked")
    # the switch off: judged as if the export said nothing (5 absences, 05-21 a missing punch),
    # and one line says most absences fall on days approved in the app
    rules = tmp_path / "off.toml"
    rules.write_text("[exports]\ntrust_app_approvals = false\n", encoding="utf-8")
    r = runner.invoke(main, ["run", str(month), "--out", str(tmp_path / "off"), "--lang", "en", "-q",
                             "--rules", str(rules)])
    assert r.exit_code == 0, r.output
    assert "note: 5 of the month's 5 absence days are days the attendance export shows approved" in r.output
    check = runner.invoke(main, ["check", str(month), "--rules", str(rules)])
    assert "本月 5 个旷工日中有 5 个是考勤导出显示已在应用中审批" in check.output
    assert "旷工日" not in runner.invoke(main, ["check", str(month)]).output  # on: nothing to say


def test_r4_a_rest_day_worked_is_no_differing_verdict(runner, shapes, tmp_path):
    d = days(run(runner, folder(shapes, "R4_rest_punched"), tmp_path))[dt.date(2026, 5, 2)]
    assert (d["outcome"], d["verdict_differs"]) == ("rest", False)
    assert d["clock_in"] == dt.datetime(2026, 5, 2, 8, 23)


def test_r5_an_admins_own_sheet_is_noted(runner, shapes, tmp_path):
    month = folder(shapes, "R5_admin_sheet")
    check = runner.invoke(main, ["check", str(month)])
    assert check.exit_code == 0, check.output
    assert "考勤报表.xlsx:Sheet1: 不是DingTalk 考勤报表的已知工作表,未读入" in check.output
    assert outcomes(run(runner, month, tmp_path)) == {"normal": 21, "rest": 10}


def test_r6_monthly_matrix_with_weekend_and_holiday_labels(runner, shapes, tmp_path):
    """Day columns headed 劳动节 / 六 / 日: DingTalk 月度汇总, read as days (never a roster)."""
    month = folder(shapes, "R6_matrix_月度汇总")
    check = runner.invoke(main, ["check", str(month)])
    assert check.exit_code == 0, check.output
    assert "考勤报表.xlsx: 考勤 31  [DingTalk 月度汇总]" in check.output and "员工名册”表" not in check.output
    sheets = run(runner, month, tmp_path)
    assert outcomes(sheets) == {"normal": 20, "rest": 11}  # 05-01 劳动节 and ten weekend days 休息
    assert days(sheets)[dt.date(2026, 5, 4)]["export_verdict"] == "普通出勤:正常; (08:22,18:06)"


def test_r6_punch_time_matrix_is_dingtalk_and_asks_for_the_daily_sheet(runner, shapes):
    check = runner.invoke(main, ["check", str(folder(shapes, "R6_matrix_打卡时间"))])
    assert check.exit_code == 1
    assert "[DingTalk 打卡时间]" in check.output and "请导出考勤报表的“每日统计”" in check.output
    assert "员工名册”表" not in check.output


def test_r7_a_punch_at_midnight(runner, shapes, tmp_path):
    month = folder(shapes, "R7_midnight")
    check = runner.invoke(main, ["check", str(month)])
    assert check.exit_code == 0, check.output
    d = days(run(runner, month, tmp_path))[dt.date(2026, 4, 18)]
    assert (d["clock_in"], d["clock_out"]) == (dt.datetime(2026, 4, 18, 15, 56), dt.datetime(2026, 4, 19, 0, 0))


def test_r8_wecom_monthly_rest_unscheduled_and_leave(runner, shapes, tmp_path):
    """正常（休息）/正常（未排班） are rest days, 正常（请假） + 年假 a leave day (LV-APP)."""
    sheets = run(runner, folder(shapes, "R8_wecom_monthly_rest"), tmp_path)
    by = days(sheets)
    assert [by[dt.date(2026, 3, d)]["outcome"] for d in (1, 18, 21, 23)] == ["rest", "leave", "rest", "normal"]
    assert by[dt.date(2026, 3, 18)]["rule_ids"] == "LV-APP"
    assert outcomes(sheets) == {"normal": 21, "rest": 9, "leave": 1}
    p = person(sheets)
    assert (p["leave_days"], p["absence_days"]) == (1, 0)
    assert not any(d["verdict_differs"] for d in by.values())


def test_r9_wecom_punch_times_alone_and_beside_a_monthly(runner, shapes, tmp_path):
    month = folder(shapes, "R9_wecom_times")
    check = runner.invoke(main, ["check", str(month)])
    assert check.exit_code == 1
    assert "[WeCom 打卡时间记录]" in check.output and "企业微信管理后台" in check.output
    assert "DingTalk" not in check.output and "钉钉" not in check.output
    both = tmp_path / "2026-03"
    shutil.copytree(month, both)
    for f in folder(shapes, "R8_wecom_monthly_rest").glob("上下班打卡_月报*.xlsx"):
        shutil.copy(f, both / f.name)
    by = days(run(runner, both, tmp_path / "out"))
    d = by[dt.date(2026, 3, 2)]
    assert (d["clock_in"], d["clock_out"], d["outcome"]) == (dt.datetime(2026, 3, 2, 8, 38),
                                                             dt.datetime(2026, 3, 2, 18, 0), "normal")
    assert by[dt.date(2026, 3, 18)]["outcome"] == "leave"


def test_r10_monthly_words(runner, shapes, tmp_path):
    """调休 is approved leave, 休息 with leave words stays rest, 569 minutes late sits on the
    cell's own punch (17:59): an absence by ATT-LATE30, not an invented time."""
    month = folder(shapes, "R10_monthly_words")
    check = runner.invoke(main, ["check", str(month)])
    assert check.exit_code == 0, check.output
    sheets = run(runner, month, tmp_path)
    by = days(sheets)
    got = {d: (by[dt.date(2026, 5, d)]["outcome"], by[dt.date(2026, 5, d)]["rule_ids"]) for d in (6, 9, 10, 11, 12)}
    assert got == {6: ("leave", "LV-APP"), 9: ("rest", None), 10: ("rest", None), 11: ("absence", "ATT-LATE30;ATT-ABSENCE"),
                   12: ("leave", "LV-APP")}
    assert by[dt.date(2026, 5, 11)]["late_minutes"] == 569 and by[dt.date(2026, 5, 11)]["verdict_differs"] is False
    p = person(sheets)
    assert (p["absence_days"], p["leave_days"], p["fines_total"]) == (1, 2, 100)
