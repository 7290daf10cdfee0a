"""A corpus of hostile and broken months, each driven through ``opscore run`` as a user would.

Why: admin staff drop whatever they have into the month folder. Whatever it is, the run must
end with the exact problem line (file, sheet, row, column letter, value, what to do), exit 1,
no traceback, and nothing written: no month folder under ``--out`` and no ledger rows. Each
case builds its files with code (tests/bad_inputs.py, tests/workbooks.py), so the corpus is
readable and any case can be rebuilt by hand.

Some inputs look hostile but are fine and must be accepted (full-width digits, ids typed as
numbers, hidden sheets, lock files, an optional table with no rows): those are at the end.
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path
from typing import Callable

import pytest

from bad_inputs import (
    csv_bytes,
    docx,
    error_cell,
    hidden_sheet,
    merged_block,
    ole2_container,
    put_cell,
    rewrite_sheet_xml,
    truncated,
    with_stray_last_row,
)
from cli import main
from processor.rulebook import load_rulebook
from processor.validate.month import load_month
from workbooks import ATT, ATT_HEADER, ROSTER, ROSTER_HEADER, minimal_month, xlsx

D = dt.date(2026, 10, 8)
QA_H = ["坐席工号", "质检日期", "得分"]
QA_FULL_H = ["坐席工号", "质检日期", "得分", "致命错误"]
TICKETS_H = ["工单号", "坐席工号", "渠道", "类型", "创建时间", "满意度"]
LEAVE_H = ["工号", "假别", "开始时间", "结束时间", "申请时间", "审批人岗位"]
SWAP_H = ["申请人工号", "对方工号", "换班日期", "申请时间"]
INC_H = ["工号", "日期", "事项", "金额"]
RATING_H = ["工号", "工作态度", "专业能力", "团队协作"]
IND_H = ["工号", "指标", "目标值", "实际值", "权重"]
TICKET = ["T1", "001", "电话", "咨询", "2026-10-02 09:00:00", 5]
# issue 20: a QA date may be a datetime (质检时间); satisfaction has stars, 0-100 and 未评价
DAY_EXP = "(应为:日期或日期时间,如 2026-10-01 或 2026-10-01 09:00)"
SAT_EXP = "(应为:1–5 分、5星、百分制,或 非常满意/满意/一般/不满意/非常不满意、未评价)"
ATT_EXPECTED = "(应为:工号, 日期, 班次, 上班时间, 下班时间, 上班打卡, 下班打卡)"
ROSTER_EXPECTED = "(应为:工号, 姓名, 部门, 班组, 岗位)"
NOT_RECOGNISED = ("文件中没有可识别的表:表头须在前 10 行内,并包含该表的必需列(见 opscore template)")
DATE_EXP = "(应为:日期,如 2026-10-01、2026/10/1、2026年10月1日)"
TIME_EXP = "(应为:时间,如 08:30、8:30:15、次日 02:00)"
PUNCH_EXP = "(应为:时间或日期时间,如 08:29、次日 02:00、2026-10-01 08:29)"


def att_row(emp: str, day: int, shift="早班", start="08:30", end="17:30", cin="08:20", cout="17:31") -> list:
    return [emp, dt.date(2026, 10, day), shift, start, end, cin, cout]


def extra_attendance(*rows: list) -> dict:
    """A second attendance sheet (考勤2, sheet 3 of month.xlsx) holding ``rows``."""
    return {"考勤2": [ATT_HEADER, *rows]}


def a_real_workbook(folder: Path) -> Path:
    scratch = folder.parent / "scratch"
    return minimal_month(scratch) / "month.xlsx"


# Each case: (id, build(month_dir), the exact problem lines of `opscore run`, in order).
Case = tuple[str, Callable[[Path], object], list[str]]
CASES: list[Case] = [
    # ---------------------------------------------------------------- files that cannot be read
    ("empty-xlsx-0-bytes",
     lambda d: (minimal_month(d), (d / "空.xlsx").write_bytes(b"")),
     ["空.xlsx: 文件是空的(0 字节):请重新保存或复制该文件"]),
    ("empty-csv-0-bytes",
     lambda d: (minimal_month(d), (d / "空.csv").write_bytes(b"")),
     ["空.csv: 文件是空的(0 字节):请重新保存或复制该文件"]),
    ("csv-of-blank-lines",
     lambda d: (minimal_month(d), (d / "空行.csv").write_bytes(b"\r\n\r\n  \r\n")),
     ["空行.csv: 文件是空的"]),
    ("workbook-with-one-empty-sheet",
     lambda d: (minimal_month(d), xlsx(d / "空表.xlsx", {"Sheet1": []})),
     ["空表.xlsx: 工作簿是空的:没有一个工作表有内容"]),
    ("legacy-xls",
     lambda d: (minimal_month(d), ole2_container(d / "9月考勤.xls")),
     ["9月考勤.xls: 不支持旧版 .xls 格式:请在 Excel 中“另存为” .xlsx 后再放入"]),
    ("password-protected-xlsx-is-ole2",
     lambda d: (minimal_month(d), ole2_container(d / "加密.xlsx")),
     ["加密.xlsx: 文件设有密码保护:请在 Excel 中取消密码(文件→信息→保护工作簿)后另存"]),
    ("truncated-xlsx-cut-in-half",
     lambda d: (minimal_month(d), truncated(a_real_workbook(d), d / "半个.xlsx")),
     ["半个.xlsx: 文件已损坏,无法打开:请在 Excel 中打开并另存为 .xlsx"]),
    ("docx-renamed-to-xlsx",
     lambda d: (minimal_month(d), docx(d / "报告.xlsx")),
     ["报告.xlsx: 这是 Word 文档,不是 Excel 工作簿:请把表格从 Excel 另存为 .xlsx"]),
    ("text-renamed-to-xlsx",
     lambda d: (minimal_month(d), (d / "笔记.xlsx").write_text("工号,姓名\n", encoding="utf-8")),
     ["笔记.xlsx: 不是 Excel 工作簿,或文件已损坏:请在 Excel 中另存为 .xlsx"]),
    ("xlsx-renamed-to-csv",
     lambda d: (minimal_month(d), (d / "质检.csv").write_bytes(a_real_workbook(d).read_bytes())),
     ["质检.csv: 这是 Excel 工作簿,扩展名却是 .csv:请改回 .xlsx"]),
    ("ods-spreadsheet",
     lambda d: (minimal_month(d), (d / "排班.ods").write_bytes(b"PK\x03\x04ods")),
     ["排班.ods: 不支持 .ods 格式:请另存为 .xlsx"]),
    ("csv-in-utf16",
     lambda d: (minimal_month(d), csv_bytes(d / "质检.csv", "坐席工号,质检日期,得分\n001,2026-10-02,90\n", "utf-16")),
     ["质检.csv: 文件是 UTF-16 编码(Excel 的“Unicode 文本”):请另存为“CSV UTF-8”或 .xlsx"]),
    ("csv-in-an-unknown-8-bit-encoding",
     lambda d: (minimal_month(d), (d / "质检.csv").write_bytes("坐席工号,得分\n".encode("gb18030") + b"\x80\xff\n")),
     ["质检.csv: 无法识别文件编码:请另存为 UTF-8 或 GB18030 编码的 CSV,或另存为 .xlsx"]),
    ("file-name-not-utf8",
     lambda d: (minimal_month(d), Path(os.fsdecode(os.fsencode(d) + b"/\xff\xfe.xls")).write_bytes(b"x")),
     ["\ufffd\ufffd.xls: 不支持旧版 .xls 格式:请在 Excel 中“另存为” .xlsx 后再放入"]),
    ("sheet-xml-not-well-formed",
     lambda d: (minimal_month(d, 质检=[QA_H, ["001", D, 90]]),
                rewrite_sheet_xml(d / "month.xlsx", 3, lambda x: x.replace("</sheetData>", "<row r=\"9\"><c"))),
     ["month.xlsx:质检: 工作表无法读取,可能已损坏:请在 Excel 中打开并另存为 .xlsx"]),
    # ---------------------------------------------------------------- folders
    ("folder-without-workbooks",
     lambda d: (d / "说明.txt").write_text("见群公告", encoding="utf-8"),
     ["2026-10: 文件夹中没有 .xlsx、.xlsm 或 .csv 文件:请把本月的工作簿放进来"]),
    ("month-without-attendance",
     lambda d: xlsx(d / "名册.xlsx", {"名册": [ROSTER_HEADER, *ROSTER]}),
     [f"2026-10: 缺少“考勤”表 {ATT_EXPECTED}"]),
    ("every-sheet-unrecognised",
     lambda d: (minimal_month(d), xlsx(d / "其他.xlsx", {"甲": [["项目", "金额"], ["茶水", 20]], "乙": [["备注"], ["无"]]})),
     [f"其他.xlsx: {NOT_RECOGNISED}"]),
    # ---------------------------------------------------------------- headers
    ("roster-with-header-only",
     lambda d: (xlsx(d / "名册.xlsx", {"名册": [ROSTER_HEADER]}), xlsx(d / "考勤.xlsx", {"考勤": [ATT_HEADER, *ATT]})),
     ["名册.xlsx:名册!1: “员工名册”表只有表头,没有数据行:请填入本月的数据"]),
    ("attendance-with-header-only",
     lambda d: xlsx(d / "m.xlsx", {"名册": [ROSTER_HEADER, *ROSTER], "考勤": [ATT_HEADER]}),
     ["m.xlsx:考勤!1: “考勤”表只有表头,没有数据行:请填入本月的数据"]),
    ("header-below-row-10",
     lambda d: (xlsx(d / "名册.xlsx", {"名册": [[f"说明 {i}"] for i in range(10)] + [ROSTER_HEADER, *ROSTER]}),
                xlsx(d / "考勤.xlsx", {"考勤": [ATT_HEADER, *ATT]})),
     [f"名册.xlsx: {NOT_RECOGNISED}", f"2026-10: 缺少“员工名册”表 {ROSTER_EXPECTED}"]),
    ("duplicate-header",
     lambda d: xlsx(d / "m.xlsx", {"名册": [ROSTER_HEADER + ["姓名"], *[r + ["x"] for r in ROSTER]],
                                   "考勤": [ATT_HEADER, *ATT]}),
     ["m.xlsx:名册!F1: [姓名] 表头重复:列 B、F 都是“姓名”,请只保留一列"]),
    ("required-column-missing",
     lambda d: xlsx(d / "m.xlsx", {"名册": [ROSTER_HEADER, *ROSTER], "考勤": [ATT_HEADER[:-1], *[r[:-1] for r in ATT]]}),
     ["m.xlsx:考勤!1: 看起来是“考勤”表,但缺少必需的列:下班打卡 (clock_out;也可写作 签退时间、下班1打卡时间、clock out)",
      f"2026-10: 缺少“考勤”表 {ATT_EXPECTED}"]),
    ("two-tables-headers-tie",
     lambda d: minimal_month(d, 混合=[SWAP_H + RATING_H, ["001", "002", D, "2026-10-01 09:00", "001", 90, 90, 90]]),
     ["month.xlsx:混合!1: 表头同时符合多个表(换班、考评),无法判断是哪张表:请删去多余的列或分成两个工作表"]),
    # ---------------------------------------------------------------- cells
    ("merged-block-in-required-column",
     lambda d: merged_block(d / "m.xlsx", {"名册": [ROSTER_HEADER, *ROSTER], "考勤": [ATT_HEADER, *ATT]}, "名册", "D2:D4"),
     [f"m.xlsx:名册!D{r}: [班组] 必填项为空:该格在合并单元格 D2:D4 内,只有左上角的格有值;请取消合并并逐行填写"
      for r in (3, 4)]),
    ("only-spaces-in-required-column",
     lambda d: xlsx(d / "m.xlsx", {"名册": [ROSTER_HEADER, ["001", "   ", "客户服务部", "一组", "客服专员"], *ROSTER[1:]],
                                   "考勤": [ATT_HEADER, *ATT]}),
     ["m.xlsx:名册!B2: [姓名] 必填项为空"]),
    ("wrong-type-date",
     lambda d: minimal_month(d, 质检=[QA_H, ["001", "下周一", 90]]),
     [f"month.xlsx:质检!B2: [质检日期] “下周一” 值无法识别 {DAY_EXP}"]),
    ("impossible-date",
     lambda d: minimal_month(d, 质检=[QA_H, ["001", "2026-10-32", 90]]),
     [f"month.xlsx:质检!B2: [质检日期] “2026-10-32” 值无法识别 {DAY_EXP}"]),
    ("wrong-type-time",
     lambda d: minimal_month(d, **extra_attendance(att_row("001", 9, start="八点半"))),
     [f"month.xlsx:考勤2!D2: [上班时间] “八点半” 值无法识别 {TIME_EXP}"]),
    ("wrong-type-datetime",
     lambda d: minimal_month(d, 工单=[TICKETS_H, ["T1", "001", "电话", "咨询", "昨天下午", 5]]),
     ["month.xlsx:工单!E2: [创建时间] “昨天下午” 值无法识别 (应为:日期时间,如 2026-10-01 08:30)"]),
    ("wrong-type-yes-no",
     lambda d: minimal_month(d, 质检=[QA_FULL_H, ["001", D, 90, "也许"]]),
     ["month.xlsx:质检!D2: [致命错误] “也许” 值无法识别 (应为:是/否、Y/N、yes/no、true/false、1/0、√/×)"]),
    ("wrong-type-number",
     lambda d: minimal_month(d, 指标=[IND_H, ["003", "费用节约率", "高", 0.1, 1]]),
     ["month.xlsx:指标!C2: [目标值] “高” 值无法识别 (应为:数字)"]),
    ("wrong-type-score",
     lambda d: minimal_month(d, 考评=[RATING_H, ["001", "优", 90, 90]]),
     ["month.xlsx:考评!B2: [工作态度] “优” 值无法识别 (应为:0–100 的分数)"]),
    ("wrong-type-satisfaction",
     lambda d: minimal_month(d, 工单=[TICKETS_H, ["T1", "001", "电话", "咨询", "2026-10-02 09:00:00", "还行"]]),
     [f"month.xlsx:工单!F2: [满意度] “还行” 值无法识别 {SAT_EXP}"]),
    ("wrong-type-enum",  # issue 20: ticket channels are open (any other word is "other"): the indicator direction is not
     lambda d: minimal_month(d, 部门指标=[IND_H + ["方向"], ["001", "准确率", 95, 90, 1, "越大越好"]]),
     ["month.xlsx:部门指标!F2: [方向] “越大越好” 值无法识别 (应为:越高越好、越低越好 之一)"]),
    ("time-25-00",
     lambda d: minimal_month(d, **extra_attendance(att_row("001", 9, cin="25:00"))),
     [f"month.xlsx:考勤2!F2: [上班打卡] “25:00” 值无法识别 {PUNCH_EXP}"]),
    ("time-8-7x",
     lambda d: minimal_month(d, **extra_attendance(att_row("001", 9, start="8:7x"))),
     [f"month.xlsx:考勤2!D2: [上班时间] “8:7x” 值无法识别 {TIME_EXP}"]),
    ("negative-score",
     lambda d: minimal_month(d, 质检=[QA_H, ["001", D, -5]]),
     ["month.xlsx:质检!C2: [得分] “-5” 值无法识别 (应为:0–100 的分数)"]),
    ("satisfaction-6",
     lambda d: minimal_month(d, 工单=[TICKETS_H, [*TICKET[:5], 6]]),
     [f"month.xlsx:工单!F2: [满意度] “6” 值无法识别 {SAT_EXP}"]),
    ("leave-type-not-in-list",
     lambda d: minimal_month(d, 请假=[LEAVE_H, ["001", "旷工假", "2026-10-12", "2026-10-12", "2026-10-01 09:00", "客服主管"]]),
     ["month.xlsx:请假!B2: [假别] “旷工假” 值无法识别 (应为:事假、特殊事假、病假、年假、婚假、丧假、产假、调休 之一)"]),
    ("incident-amount-is-text",
     lambda d: minimal_month(d, 奖惩=[INC_H, ["001", D, "晨会迟到", "五十元"]]),
     ["month.xlsx:奖惩!D2: [金额] “五十元” 值无法识别 (应为:数字)"]),
    ("formula-errors-ref-and-na",
     lambda d: (minimal_month(d, 质检=[QA_H, ["001", D, 90], ["002", D, 80]]),
                rewrite_sheet_xml(d / "month.xlsx", 3, lambda x: put_cell(put_cell(
                    x, "C2", error_cell("C2", "Sheet9!A1", "#REF!")),
                    "C3", error_cell("C3", "VLOOKUP(A3,X!A:B,2,0)", "#N/A")))),
     ["month.xlsx:质检!C2: [得分] “#REF!” 公式结果为错误值 #REF!:请修正公式或填入数值",
      "month.xlsx:质检!C3: [得分] “#N/A” 公式结果为错误值 #N/A:请修正公式或填入数值"]),
    ("ragged-csv-short-row",
     lambda d: (minimal_month(d), csv_bytes(d / "质检.csv", "坐席工号,质检日期,得分\n001,2026-10-02,90\n"
                                                          "002,2026-10-03\n003,2026-10-04,80,多出的一格\n")),
     ["质检.csv!C3: [得分] 必填项为空"]),
    ("stray-value-in-row-1048576",
     lambda d: (minimal_month(d), with_stray_last_row(d / "month.xlsx", 1, "A1048576", "x")),
     [f"month.xlsx:名册!{c}1048576: [{h}] 必填项为空" for c, h in zip("BCDE", ROSTER_HEADER[1:])]),
    ("stray-value-in-xfd1048576",
     lambda d: (minimal_month(d), with_stray_last_row(d / "month.xlsx", 1, "XFD1048576", "x")),
     ["month.xlsx: 工作表“名册”宽达 16,384 列,超过上限 1,024 列,拒绝读取:多半是右侧远处有误填的单元格,"
      "请删除表格右侧多余的列后另存;上限可用环境变量 OPSCORE_MAX_COLUMNS 调整",
      f"2026-10: 缺少“员工名册”表 {ROSTER_EXPECTED}", f"2026-10: 缺少“考勤”表 {ATT_EXPECTED}"]),
    # ---------------------------------------------------------------- cross-checks
    ("date-outside-the-month",
     lambda d: minimal_month(d, 质检=[QA_H, ["001", dt.date(2026, 9, 30), 90]]),
     ["month.xlsx:质检!B2: [质检日期] “2026-09-30” 日期不在 2026-10 月内 (应为:2026-10 内的日期)"]),
    ("id-not-in-roster",
     lambda d: minimal_month(d, **extra_attendance(att_row("009", 9))),
     ["month.xlsx:考勤2!A2: [工号] “009” 工号不在员工名册中 (应为:员工名册中的工号)"]),
    ("duplicate-roster-id",
     lambda d: xlsx(d / "m.xlsx", {"名册": [ROSTER_HEADER, *ROSTER, ["002", "李四二", "客户服务部", "二组", "客服专员"]],
                                   "考勤": [ATT_HEADER, *ATT]}),
     ["m.xlsx:名册!A5: [工号] “002” 员工名册中工号重复(首次出现在 m.xlsx:名册 第 3 行)"]),
    ("duplicate-attendance-employee-day",
     lambda d: minimal_month(d, **extra_attendance(ATT[0])),
     ["month.xlsx:考勤2!B2: [日期] “2026-10-08” 同一员工同一天出现两次(首次出现在 month.xlsx:考勤 第 2 行)"]),
    ("duplicate-ticket-id-across-files",
     lambda d: (minimal_month(d, 工单=[TICKETS_H, TICKET]), xlsx(d / "工单_2.xlsx", {"s": [TICKETS_H, TICKET]})),
     ["工单_2.xlsx:s!A2: [工单号] “T1” 工单号重复(首次出现在 month.xlsx:工单 第 2 行)"]),
    ("clock-out-before-clock-in",
     lambda d: minimal_month(d, **extra_attendance(att_row("001", 9, cin="08:20", cout="07:10"))),
     ["month.xlsx:考勤2!G2: [下班打卡] “2026-10-09 07:10:00” 下班打卡早于上班打卡 (应为:晚于上班打卡的时间)"]),
    ("leave-end-before-start",
     lambda d: minimal_month(d, 请假=[LEAVE_H, ["001", "事假", "2026-10-10", "2026-10-09", "2026-10-01 09:00", "客服主管"]]),
     ["month.xlsx:请假!D2: [结束时间] “2026-10-09” 请假结束早于开始 (应为:不早于开始时间)"]),
    ("swap-with-oneself",
     lambda d: minimal_month(d, 换班=[SWAP_H, ["001", "001", "2026-10-12", "2026-10-10 10:00"]]),
     ["month.xlsx:换班!B2: [对方工号] “001” 不能与自己换班 (应为:另一名员工的工号)"]),
    ("unknown-incident-code",
     lambda d: minimal_month(d, 奖惩=[INC_H, ["001", D, "迟到早退", None]]),
     ["month.xlsx:奖惩!C2: [事项] “迟到早退” 规则中没有这个事项 (应为:" + "、".join(
         e["name_zh"] for e in load_rulebook().incidents.values()) + ")"]),
    ("meeting-late-amount-60",
     lambda d: minimal_month(d, 奖惩=[INC_H, ["001", D, "晨会迟到", 60]]),
     ["month.xlsx:奖惩!D2: [金额] “60.0” 金额超出 10–50 元 (应为:10–50)"]),
]

assert len({c[0] for c in CASES}) == len(CASES) >= 40


def no_outputs(out: Path, month: str = "2026-10") -> None:
    """Nothing of the month under --out: no month folder, no staging folder, no ledger rows."""
    assert not (out / month).exists()
    assert not list(out.glob(f".{month}*")) if out.exists() else True
    db = out / "opscore.db"
    if db.exists():
        with sqlite3.connect(db) as con:
            assert con.execute("select count(*) from monthly_results where month = ?", (month,)).fetchone() == (0,)


@pytest.mark.parametrize("build,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_refused_with_its_exact_message(runner, tmp_path, build, expected):
    month = tmp_path / "2026-10"
    month.mkdir()
    build(month)
    before = {p: p.read_bytes() for p in month.rglob("*") if p.is_file()}
    out = tmp_path / "out"
    result = runner.invoke(main, ["run", str(month), "--out", str(out), "-q"])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [*expected, f"输入有 {len(expected)} 个问题"]
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit 1, no exception of ours
    no_outputs(out)
    assert {p: p.read_bytes() for p in month.rglob("*") if p.is_file()} == before  # inputs untouched


def test_english_line_of_a_corpus_case(runner, tmp_path):
    month = minimal_month(tmp_path / "2026-10", 质检=[QA_H, ["001", D, -5]])
    result = runner.invoke(main, ["run", str(month), "--out", str(tmp_path / "out"), "-q", "--lang", "en"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "month.xlsx:质检!C2: [column 得分] value '-5': cannot be read (expected: a score from 0 to 100)",
        "1 input problem(s)"]


def test_check_lists_the_same_line(runner, tmp_path):
    month = minimal_month(tmp_path / "2026-10", 奖惩=[INC_H, ["001", D, "晨会迟到", 60]])
    result = runner.invoke(main, ["check", str(month)])
    assert result.exit_code == 1
    assert "  month.xlsx:奖惩!D2: [金额] “60.0” 金额超出 10–50 元 (应为:10–50)" in result.output.splitlines()


# ---------------------------------------------------------------- usage errors (exit 2)
def test_folder_named_like_a_month_that_is_not_one(runner, tmp_path):
    month = tmp_path / "2026-13"
    minimal_month(month)
    result = runner.invoke(main, ["run", str(month), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 2
    last = dt.date.today().replace(day=1) - dt.timedelta(days=1)  # nothing in the folder says: last month
    assert result.output.splitlines() == [f"错误: 无法从文件夹名“2026-13”判断月份:请用 --month {last:%Y-%m} 指定"]
    assert not (tmp_path / "out").exists()


def test_month_option_that_is_not_a_month(runner, tmp_path):
    result = runner.invoke(main, ["run", str(minimal_month(tmp_path / "input")), "--month", "2026-00", "-q",
                                  "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.splitlines() == ["错误: 月份应写作 YYYY-MM,例如 2026-10:“2026-00”"]


def test_bad_uncompressed_limit_setting(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("OPSCORE_MAX_UNCOMPRESSED", "2GB")
    result = runner.invoke(main, ["check", str(minimal_month(tmp_path / "2026-10"))])
    assert result.exit_code == 2
    assert result.output.splitlines() == ["错误: 环境变量 OPSCORE_MAX_UNCOMPRESSED 应为正整数(字节数):“2GB”"]


# ---------------------------------------------------------------- hostile-looking but fine
def load(folder: Path):
    data, problems, notes = load_month(folder, "2026-10", load_rulebook())
    assert [p.render() for p in problems] == []
    return data, notes


def test_full_width_digits_and_colons_are_accepted(runner, tmp_path):
    month = minimal_month(tmp_path / "2026-10", **extra_attendance(
        ["００１", "２０２６－１０－０９", "早班", "０８：３０", "１７：３０", "０８：２９", "１７：３１"]))
    data, _ = load(month)
    row = data.tables["attendance"].query("_sheet == '考勤2'").iloc[0]
    assert row["employee_id"] == "001"
    assert row["shift_start"] == dt.datetime(2026, 10, 9, 8, 30)
    assert row["clock_in"] == dt.datetime(2026, 10, 9, 8, 29)
    assert runner.invoke(main, ["check", str(month)]).exit_code == 0


def test_ids_typed_as_numbers_lose_their_trailing_point_zero(runner, tmp_path):
    month = tmp_path / "2026-10"
    xlsx(month / "m.xlsx", {"名册": [ROSTER_HEADER, [1001, "张三", "客户服务部", "一组", "客服专员"]],
                            "考勤": [ATT_HEADER, [1001.0, *ATT[0][1:]]]})
    csv_bytes(month / "质检.csv", "坐席工号,质检日期,得分\n1001.0,2026-10-02,90\n")
    data, _ = load(month)
    assert data.tables["roster"]["employee_id"].tolist() == ["1001"]
    assert data.tables["attendance"]["employee_id"].tolist() == ["1001"]
    assert data.tables["qa"]["agent_id"].tolist() == ["1001"]


def test_hidden_sheet_is_read_and_check_says_so(runner, tmp_path):
    month = tmp_path / "2026-10"
    hidden_sheet(month / "m.xlsx", {"名册": [ROSTER_HEADER, *ROSTER], "考勤": [ATT_HEADER, *ATT]}, "考勤")
    data, _ = load(month)
    assert len(data.tables["attendance"]) == 3
    result = runner.invoke(main, ["check", str(month)])
    assert result.exit_code == 0
    assert "  m.xlsx:考勤: 隐藏的工作表也已读取" in result.output.splitlines()


def test_excel_lock_file_is_not_read_but_noted(runner, tmp_path):
    """The lock file is not an input, but it means the workbook is open: its unsaved edits are not read."""
    month = minimal_month(tmp_path / "2026-10")
    (month / "~$month.xlsx").write_bytes(b"\x0bsomeone" + b"\0" * 100)
    result = runner.invoke(main, ["check", str(month)])
    assert result.exit_code == 0 and "共 1 个文件,没有发现问题" in result.output
    assert "  month.xlsx: 正在 Excel 中打开(锁文件 ~$month.xlsx),未保存的修改不会被读取:请先保存并关闭" in result.output


def test_optional_table_with_header_only_is_fine(tmp_path):
    data, _ = load(minimal_month(tmp_path / "2026-10", 质检=[QA_H], 工单=[TICKETS_H]))
    assert data.tables["qa"].empty and data.tables["tickets"].empty


def test_csv_with_a_title_row_above_its_header(tmp_path):
    month = minimal_month(tmp_path / "2026-10")
    csv_bytes(month / "质检.csv", "2026年10月质检\n坐席工号,质检日期,得分\n001,2026-10-02,90\n")
    data, _ = load(month)
    assert data.tables["qa"][["agent_id", "score", "_row"]].values.tolist() == [["001", 90.0, 3]]


def test_enormous_cell_and_control_characters_run_through(runner, tmp_path):
    """A 100,000-character name and names with control characters: accepted, run, outputs readable."""
    import openpyxl

    month = tmp_path / "2026-10"
    month.mkdir()
    roster = ["工号,姓名,部门,班组,岗位", f"001,{'张' * 100_000},客户服务部,一组,客服专员",
              "002,李\x07四\x1b[31m,客户服务部,一\x0b组,班长", "003,王\x00五,运营管理部,运营组,运营专员"]
    csv_bytes(month / "名册.csv", "\n".join(roster) + "\n")
    xlsx(month / "考勤.xlsx", {"考勤": [ATT_HEADER, *ATT]})
    out = tmp_path / "out"
    result = runner.invoke(main, ["run", str(month), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out / "2026-10" / "scored-2026-10.xlsx", read_only=True)
    names = [r[1] for r in book.worksheets[0].iter_rows(min_row=2, values_only=True) if r[0] in ("001", "002")]
    assert len(names[0]) == 32_767 and names[0] == "张" * 32_767  # Excel's cell limit
    page = (out / "2026-10" / "report" / "index.html").read_text(encoding="utf-8")
    assert "\x00" not in page and "\x1b" not in page

