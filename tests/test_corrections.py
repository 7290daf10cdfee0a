"""Corrections and appeals (更正记录; CORR-APPLY, CORR-LIMIT) through real files and the CLI.

One month, one case per employee (白班 08:30–17:30):

* 101 forgot to clock out on the 5th; a 补卡 of 17:31 makes the day normal. A 补卡 for the
  20th (no shift that day) is not applied.
* 102 came in 7 minutes late on the 6th; a 免罚 of ATT-LATE (typed att-late) takes the 7 yuan off and keeps
  the row, marked waived.
* 103 did not come on the 5th–8th (four absences: deemed resigned on the 8th); 改为请假 on the
  6th leaves three absences, 300 yuan, and no deemed resignation.
* 104 forgot to clock out on the 5th–8th; four 补卡, the 4th (by date) over the limit of 3.
* 105 forgot to clock out on the 5th; the 补卡 is approved by a 班长 only: not applied.
* 106 did not punch on the 5th (a system outage); 改为出勤 makes it a worked day.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from cli import main
from workbooks import ATT_HEADER, CORR_HEADER, ROSTER_HEADER, correction, day_row, xlsx

T = dt.time
PEOPLE = [("100", "郑班长", "班长"), ("200", "王主管", "客服主管"), ("101", "赵一", "客服专员"),
          ("102", "钱二", "客服专员"), ("103", "孙三", "客服专员"), ("104", "李四", "客服专员"),
          ("105", "周五", "客服专员"), ("106", "吴六", "客服专员")]
CORRECTIONS = [
    correction("101", 5, "补卡", cout=T(17, 31), reason="下班忘记打卡,班长核实在岗"),
    correction("101", 20, "补卡", cin=T(8, 30), reason="忘记打卡"),
    correction("102", 6, "免罚", rule="att-late", reason="地铁停运,有证明", approver="运营经理"),
    correction("103", 6, "改为请假", leave="病假", reason="急诊住院,次日补交证明"),
    *[correction("104", d, "补卡", cout=T(17, 30), reason=f"第{d - 4}次忘记打卡") for d in (5, 6, 7, 8)],
    correction("105", 5, "补卡", cout=T(17, 30), reason="忘记打卡", approver="班长"),
    correction("106", 5, "改为出勤", reason="打卡机故障,全天在岗"),
]


def write_month(folder: Path, corrections: list[list[object]] = CORRECTIONS) -> Path:
    att = [day_row("100", 5), day_row("200", 5),
           day_row("101", 5, cout=None), day_row("101", 6),
           day_row("102", 6, cin=T(8, 37)),
           *[day_row("103", d, None, None) for d in (5, 6, 7, 8)],
           *[day_row("104", d, cout=None) for d in (5, 6, 7, 8)],
           day_row("105", 5, cout=None), day_row("106", 5, None, None)]
    xlsx(folder / "month.xlsx", {"名册": [ROSTER_HEADER, *[[e, n, "客户服务部", "一组", r] for e, n, r in PEOPLE]],
                                 "考勤": [ATT_HEADER, *att]})
    if corrections:
        xlsx(folder / "更正.xlsx", {"更正记录": [CORR_HEADER, *corrections]}, title="2026年10月更正记录")
    return folder


def run(folder: Path, out: Path, *args: str) -> Path:
    result = CliRunner().invoke(main, ["run", str(folder), "--out", str(out), "--quiet", *args])
    assert result.exit_code == 0, result.output
    return out / "2026-10"


@pytest.fixture(scope="module")
def done(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("corr")
    return run(write_month(tmp / "2026-10"), tmp / "out")


def sheet(path: Path, name: str) -> list[dict[str, object]]:
    ws = openpyxl.load_workbook(path, read_only=True)[name]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:] if r[0] not in (None, "合计", "Total")]


def day_of(rows: list[dict[str, object]], emp: str, day: int, id_key: str = "工号", date_key: str = "日期") -> dict:
    return next(r for r in rows if r[id_key] == emp and r[date_key] == dt.datetime(2026, 10, day))


def findings(done: Path, emp: str, rule: str) -> list[dict[str, object]]:
    return [r for r in sheet(done / "scored-2026-10.xlsx", "明细") if r["工号"] == emp and r["规则编号"] == rule]


def summary(done: Path, emp: str) -> dict[str, object]:
    return next(r for r in sheet(done / "scored-2026-10.xlsx", "汇总") if r["工号"] == emp)


def page(done: Path, emp: str) -> BeautifulSoup:
    return BeautifulSoup((done / "report" / f"emp-{emp}.html").read_text(encoding="utf-8"), "html.parser")


def corrections_block(done: Path, emp: str) -> list[str]:
    return [li.get_text(" ", strip=True) for li in page(done, emp).select("#corrections li")]


def test_a_forgotten_clock_out_corrected_by_buka_is_a_normal_day(done: Path):
    d = day_of(sheet(done / "scored-2026-10.xlsx", "考勤"), "101", 5)
    assert d["结果"] == "正常" and d["下班打卡"] == dt.datetime(2026, 10, 5, 17, 31) and d["规则"] is None
    assert d["原判结果"] == "缺卡" and d["原下班打卡"] is None and d["原上班打卡"] == dt.datetime(2026, 10, 5, 8, 25)
    assert d["更正"] == "补卡 下班打卡 17:31(客服主管 2026-10-06 10:00 批准;原因 下班忘记打卡,班长核实在岗)"
    assert findings(done, "101", "ATT-MISSPUNCH") == [] and summary(done, "101")["缺卡次数"] == 0
    applied, missing_day = findings(done, "101", "CORR-APPLY")
    assert applied["依据"] == ("补卡 下班打卡 17:31:原判 缺卡 [ATT-MISSPUNCH] → 更正为 正常;批准人 客服主管"
                             "(2026-10-06 10:00 审批);原因 下班忘记打卡,班长核实在岗")
    assert applied["罚款(元)"] == 0 and "002 第二十七条" in applied["制度出处"]
    assert missing_day["日期"] == dt.datetime(2026, 10, 20)
    assert missing_day["依据"].startswith("未更正:补卡 上班打卡 08:30,该日没有该员工的排班(工作日)")
    block = corrections_block(done, "101")
    assert any("原判 缺卡 [ATT-MISSPUNCH] → 更正为 正常;批准人 客服主管" in t and "原因 下班忘记打卡" in t for t in block)
    assert any("未更正" in t and "2026-10-20" in t for t in block)


def test_mianfa_of_a_late_finding_removes_its_fine_and_keeps_the_row_waived(done: Path):
    (late,) = findings(done, "102", "ATT-LATE")
    assert late["罚款(元)"] == 0 and late["加减分"] == 0
    assert late["依据"].startswith("【已免罚】原罚款 7 元;上班打卡 08:37,班次 08:30 开始,迟到 7 分钟")
    (corr,) = findings(done, "102", "CORR-APPLY")
    assert corr["依据"].startswith("免罚 ATT-LATE:原判 罚款 7 元 → 更正为 罚款 0 元(该发现保留,标为已免罚);批准人 运营经理")
    s = summary(done, "102")
    assert s["罚款合计(元)"] == 0 and s["迟到次数"] == 1 and s["迟到分钟"] == 7  # the late minutes stay on record
    d = day_of(sheet(done / "scored-2026-10.xlsx", "考勤"), "102", 6)
    assert d["结果"] == "迟到" and d["罚款(元)"] == 0 and d["原罚款(元)"] == 7 and d["原判结果"] == "迟到"
    assert d["更正"].startswith("免罚 ATT-LATE(运营经理")
    rows = [r.get_text(" ", strip=True) for r in page(done, "102").select("#findings tr")]
    assert any("ATT-LATE" in r and "【已免罚】原罚款 7 元" in r for r in rows)
    assert any("原判 罚款 7 元 → 更正为 罚款 0 元" in t and "原因 地铁停运,有证明" in t for t in corrections_block(done, "102"))


def test_to_leave_on_an_absence_day_removes_the_fine_the_count_and_the_deemed_resignation(done: Path, tmp_path: Path):
    s = summary(done, "103")
    assert s["旷工天数"] == 3 and s["罚款合计(元)"] == 300 and s["请假天数"] == 1
    assert s["视为自动离职日期"] is None and findings(done, "103", "ATT-RESIGN") == []
    assert not [a for a in sheet(done / "scored-2026-10.xlsx", "待办") if a["工号"] == "103" and a["事项"] == "视为自动离职"]
    assert [f["日期"].day for f in findings(done, "103", "ATT-ABSENCE")] == [5, 7, 8]
    d = day_of(sheet(done / "scored-2026-10.xlsx", "考勤"), "103", 6)
    assert (d["结果"], d["罚款(元)"], d["原判结果"], d["原罚款(元)"]) == ("请假", 0, "旷工", 100)
    assert d["依据"] == "请假:病假(更正,由客服主管批准)"
    (corr,) = findings(done, "103", "CORR-APPLY")
    assert corr["依据"].startswith("改为请假 病假:原判 旷工,罚款 100 元 [ATT-NOSHOW;ATT-ABSENCE] → 更正为 请假;")
    # the same month without the correction: four absences and a deemed resignation on the 8th
    before = run(write_month(tmp_path / "2026-10", corrections=[]), tmp_path / "out")
    s = summary(before, "103")
    assert s["旷工天数"] == 4 and s["罚款合计(元)"] == 400 and s["视为自动离职日期"] == dt.datetime(2026, 10, 8)
    assert "更正" not in sheet(before / "scored-2026-10.xlsx", "考勤")[0]  # no corrections: no extra columns


def test_a_fourth_buka_in_the_month_is_not_applied(done: Path):
    days = sheet(done / "scored-2026-10.xlsx", "考勤")
    assert [day_of(days, "104", d)["结果"] for d in (5, 6, 7, 8)] == ["正常", "正常", "正常", "缺卡"]
    assert day_of(days, "104", 8)["更正"] is None and day_of(days, "104", 8)["原判结果"] is None
    assert [f["日期"].day for f in findings(done, "104", "CORR-APPLY")] == [5, 6, 7]
    (limit,) = findings(done, "104", "CORR-LIMIT")
    assert limit["日期"] == dt.datetime(2026, 10, 8) and limit["罚款(元)"] == 0
    assert limit["依据"].startswith("未更正:补卡 下班打卡 17:30,本月补卡已达 3 次上限;批准人 客服主管")
    assert summary(done, "104")["缺卡次数"] == 1
    assert any("CORR-LIMIT" in t and "本月补卡已达 3 次上限" in t for t in corrections_block(done, "104"))


def test_a_correction_approved_by_a_team_lead_is_not_applied(done: Path):
    d = day_of(sheet(done / "scored-2026-10.xlsx", "考勤"), "105", 5)
    assert d["结果"] == "缺卡" and d["下班打卡"] is None and d["更正"] is None
    assert len(findings(done, "105", "ATT-MISSPUNCH")) == 1
    (corr,) = findings(done, "105", "CORR-APPLY")
    assert corr["依据"].startswith("未更正:补卡 下班打卡 17:30,批准人岗位“班长”低于客服主管,须由客服主管或以上批准")
    assert any("批准人岗位“班长”低于客服主管" in t for t in corrections_block(done, "105"))


def test_to_present_makes_a_no_show_a_worked_day_on_schedule(done: Path):
    d = day_of(sheet(done / "scored-2026-10.xlsx", "考勤"), "106", 5)
    assert (d["结果"], d["上班打卡"], d["下班打卡"], d["罚款(元)"]) == (
        "正常", dt.datetime(2026, 10, 5, 8, 30), dt.datetime(2026, 10, 5, 17, 30), 0)
    assert (d["原判结果"], d["原上班打卡"], d["原罚款(元)"]) == ("旷工", None, 100)
    s = summary(done, "106")
    assert s["旷工天数"] == 0 and s["罚款合计(元)"] == 0
    assert findings(done, "106", "ATT-ABSENCE") == []


def test_findings_still_sum_to_the_summary(done: Path):
    rows = sheet(done / "scored-2026-10.xlsx", "明细")
    for emp, *_ in PEOPLE:
        fines = sum(r["罚款(元)"] for r in rows if r["工号"] == emp)
        assert fines == summary(done, emp)["罚款合计(元)"]
    assert [summary(done, e)["罚款合计(元)"] for e in ("101", "102", "103", "104", "105", "106")] == [0, 0, 300, 0, 0, 0]


def test_english_workbook_has_the_stable_keys(tmp_path: Path):
    out = run(write_month(tmp_path / "2026-10"), tmp_path / "out", "--lang", "en")
    d = day_of(sheet(out / "scored-2026-10.xlsx", "Attendance"), "103", 6, "employee_id", "date")
    assert (d["outcome"], d["original_outcome"], d["original_fine"], d["fine"]) == ("leave", "absence", 100, 0)
    assert d["correction"].startswith("change to leave ")  # the leave type's own word follows
    assert d["correction"].endswith(" (approved by 客服主管 2026-10-07 10:00; reason: 急诊住院,次日补交证明)")
    assert d["original_clock_in"] is None and "original_clock_out" in d
    assert [h.get_text(strip=True) for h in page(out, "103").select("#corrections h2")] == ["Corrections and appeals"]
    # the correction column and the CORR-* evidence in English; what the admin typed stays as typed
    days = sheet(out / "scored-2026-10.xlsx", "Attendance")
    assert day_of(days, "101", 5, "employee_id", "date")["correction"] == (
        "add punch clock-out 17:31 (approved by 客服主管 2026-10-06 10:00; reason: 下班忘记打卡,班长核实在岗)")
    found = {(r["employee_id"], r["date"].day, r["rule_id"]): r["evidence"]
             for r in sheet(out / "scored-2026-10.xlsx", "Findings")}
    assert found["101", 5, "CORR-APPLY"] == (
        "add punch clock-out 17:31: was missing punch [ATT-MISSPUNCH] → corrected to normal; "
        "approved by 客服主管 (2026-10-06 10:00); reason: 下班忘记打卡,班长核实在岗")
    assert found["101", 20, "CORR-APPLY"] == (
        "not corrected: add punch clock-in 08:30: the employee has no scheduled working day that date; "
        "approved by 客服主管 (2026-10-21 10:00); reason: 忘记打卡")
    assert found["102", 6, "CORR-APPLY"] == (
        "waive ATT-LATE: was fined 7 yuan → corrected to 0 yuan (the finding stays, marked waived); "
        "approved by 运营经理 (2026-10-07 10:00); reason: 地铁停运,有证明")
    assert found["102", 6, "ATT-LATE"].startswith("[waived] was fined 7 yuan; ")
    assert found["104", 8, "CORR-LIMIT"] == (
        "not corrected: add punch clock-out 17:30: the month's limit of 3 added punches is reached; "
        "approved by 客服主管 (2026-10-09 10:00); reason: 第4次忘记打卡")
    assert found["105", 5, "CORR-APPLY"] == (
        "not corrected: add punch clock-out 17:30: the approver's role \"班长\" ranks below 客服主管: it needs 客服主管 "
        "or above; approved by 班长 (2026-10-06 10:00); reason: 忘记打卡")
    assert found["106", 5, "CORR-APPLY"] == (
        "change to present: was absence, fined 100 yuan [ATT-NOSHOW;ATT-ABSENCE] → corrected to normal; "
        "approved by 客服主管 (2026-10-06 10:00); reason: 打卡机故障,全天在岗")


def test_check_locates_unusable_corrections(tmp_path: Path):
    bad = [correction("101", 5, "补卡"),  # neither time
           correction("102", 6, "免罚"),  # no rule id
           correction("102", 6, "免罚", rule="ATT-LATER"),  # no such rule
           correction("103", 6, "改为请假"),  # no leave type
           correction("101", 5, "补签到", cout=T(17, 30)),  # not a kind
           correction("101", 5, "补卡", cout="25:99")]  # not a time
    folder = write_month(tmp_path / "2026-10", corrections=bad)
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 1
    lines = [ln.strip() for ln in result.output.splitlines()]
    assert "更正.xlsx: 更正记录 6" in lines
    out = result.output
    for cell, what in (("E3", "补卡须填写上班打卡或下班打卡时间"), ("D4", "免罚须填写所免发现的规则编号"),
                       ("D5", "“ATT-LATER” 规则中没有这个编号"), ("G6", "改为请假须填写假别"),
                       ("C7", "“补签到” 值无法识别 (应为:补卡、免罚、改为请假、改为出勤 之一)"),
                       ("F8", "“25:99” 值无法识别")):
        assert any(f"更正.xlsx:更正记录!{cell}:" in ln and what in ln for ln in out.splitlines()), (cell, what)
    assert "共 2 个文件,7 个问题" in out  # the unreadable 25:99 also leaves that 补卡 without a time (E8)


def test_template_writes_the_corrections_workbook_with_dropdowns(tmp_path: Path):
    result = CliRunner().invoke(main, ["template", str(tmp_path)])
    assert result.exit_code == 0
    ws = openpyxl.load_workbook(tmp_path / "更正记录.xlsx").active
    assert [c.value for c in ws[1]] == CORR_HEADER + ["示例"]  # the template's example-row marker (issue 16)
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["C"] == '"补卡,免罚,改为请假,改为出勤"'
    assert lists["G"].startswith('"事假,特殊事假,病假') and "客服主管" in lists["I"] and "班长" in lists["I"]


def test_the_employee_page_shows_the_correction_in_chromium(done: Path):
    """The 原判 → 更正为 line is on screen in real headless Chromium, offline, with no console error."""
    import shutil

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("Debian chromium not installed")
    from playwright.sync_api import sync_playwright

    from test_browser import ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS, headless=True)
        page, errors = browser.new_page(), []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((done / "report" / "emp-106.html").as_uri())
        block = page.locator("#corrections li")
        assert block.count() == 1 and block.first.is_visible()
        assert block.first.inner_text().startswith("2026-10-05 CORR-APPLY 改为出勤:原判 旷工,罚款 100 元")
        assert "→ 更正为 正常;批准人 客服主管(2026-10-06 10:00 审批);原因 打卡机故障,全天在岗" in block.first.inner_text()
        assert page.locator("#fines").inner_text() == "¥0.00" and not errors
        browser.close()
