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
WECOM = ROOT.parent / "shared" / "formats" / "wecom" / "上下班打卡_日报_20260201-20260228_示例.xlsx"


def sheet_values(path: Path, name: str) -> list[tuple]:
    return list(openpyxl.load_workbook(path, read_only=True)[name].iter_rows(values_only=True))


@pytest.mark.skipif(not WECOM.exists(), reason="shared/formats WeCom sample not beside the checkout")
def test_wecom_sample_month_runs_with_a_roster(runner, tmp_path):
    """The real WeCom 日报 export of February 2026, with a roster made for its people."""
    from processor.read.files import SourceFile
    from processor.read.sheets import load_sheets
    from processor.read.exports import detect_exports

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
    assert wang[head.index("verdict_differs")] is True


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
    for folder, out in ((plain, tmp_path / "o1"), (export, tmp_path / "o2")):
        r = runner.invoke(main, ["run", str(folder), "--out", str(out), "--lang", "en", "-q"])
        assert r.exit_code == 0, r.output
    a, b = summary(tmp_path / "o1"), summary(tmp_path / "o2")
    assert a == b
    head = a[0]
    absences = {r[0]: r[head.index("absence_days")] for r in a[1:] if r[0] and r[head.index("department")]}
    assert absences == {"001": 0, "002": 0, "003": 2}  # 003: 10-09 no punches, 10-10 late 31 min (ATT-LATE30)
