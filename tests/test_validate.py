"""Every kind of input error, each located by file, sheet, row, column header and letter, and value."""
from __future__ import annotations

import datetime as dt

import pytest

from processor.rulebook import load_rulebook
from processor.validate.month import load_month
from workbooks import ATT, ATT_HEADER, minimal_month

RB = load_rulebook()
D = dt.date(2026, 10, 8)

TICKETS_H = ["工单号", "坐席工号", "渠道", "类型", "创建时间", "满意度"]
QA_H = ["坐席工号", "质检日期", "得分"]
LEAVE_H = ["工号", "假别", "开始时间", "结束时间", "申请时间", "审批人岗位"]
INC_H = ["工号", "日期", "事项", "金额"]
SWAP_H = ["申请人工号", "对方工号", "换班日期", "申请时间", "批准人工号"]


def only_problem(month_dir, **sheets):
    _, problems, _ = load_month(minimal_month(month_dir, **sheets), "2026-10", RB)
    assert len(problems) == 1, [p.render() for p in problems]
    return problems[0]


def loc(p):
    return (p.file, p.sheet, p.row, p.column, p.letter, p.value)


@pytest.mark.parametrize("col,value,letter,msg", [
    (1, "2026-13-01", "B", "值无法识别"),
    (2, "早晚班", "C", "值无法识别"),
    (3, "8:7x", "D", "值无法识别"),
    (5, "25:00", "F", "值无法识别"),
])
def test_bad_attendance_cells(month_dir, col, value, letter, msg):
    row = list(ATT[0])
    row[col] = value
    p = only_problem(month_dir, 考勤2=[ATT_HEADER, ["002", dt.date(2026, 10, 9), "早班", "08:30", "17:30", "08:20", "17:31"],
                                      row[:0] or ["003", D.replace(day=9), *row[2:]] if col != 1 else ["003", value, *row[2:]]])
    assert (p.file, p.sheet, p.row, p.letter, p.value) == ("month.xlsx", "考勤2", 3, letter, value) and msg in p.message
    assert p.column == ATT_HEADER[col]


def test_tickets_satisfaction_and_types(month_dir):
    rows = [TICKETS_H,
            ["T1", "001", "电话", "咨询", "2026-10-02 09:00:00", 6],
            ["T2", "001", "传真", "咨询", "2026-10-02 09:00:00", 5],
            ["T3", "001", "电话", "咨询", "2026-10-02 9点", 5]]
    m, problems, _ = load_month(minimal_month(month_dir, 工单=rows), "2026-10", RB)
    got = sorted(loc(p) for p in problems)
    # issue 20: a channel word of no known kind is "other" (chat's limit), not an input error
    assert got == sorted([("month.xlsx", "工单", 2, "满意度", "F", "6"),
                          ("month.xlsx", "工单", 4, "创建时间", "E", "2026-10-02 9点")])
    assert m.tables["tickets"]["channel"].tolist()[:2] == ["phone", "other"]
    sat = next(p for p in problems if p.column == "满意度")
    assert "1–5" in sat.expected


def test_scores_outside_0_100(month_dir):
    p = only_problem(month_dir, 质检=[QA_H, ["001", D, -5]])
    assert loc(p) == ("month.xlsx", "质检", 2, "得分", "C", "-5") and "0–100" in p.expected


def test_required_blank_cell(month_dir):
    p = only_problem(month_dir, 质检=[QA_H, ["001", None, 90]])
    assert loc(p) == ("month.xlsx", "质检", 2, "质检日期", "B", "") and p.code == "blank_required"


def test_unknown_roster_id(month_dir):
    p = only_problem(month_dir, 质检=[QA_H, ["009", D, 90]])
    assert loc(p) == ("month.xlsx", "质检", 2, "坐席工号", "A", "009") and p.code == "unknown_id"


def test_duplicate_employee_day(month_dir):
    p = only_problem(month_dir, 考勤2=[ATT_HEADER, ATT[0]])
    assert (p.sheet, p.row, p.column, p.letter) == ("考勤2", 2, "日期", "B") and "首次出现在 month.xlsx:考勤 第 2 行" in p.message


def test_duplicate_ticket_across_files(month_dir):
    from workbooks import xlsx
    xlsx(month_dir / "工单_2.xlsx", {"s": [TICKETS_H, ["T1", "001", "电话", "咨询", "2026-10-03 09:00:00", 5]]})
    p = only_problem(month_dir, 工单=[TICKETS_H, ["T1", "001", "电话", "咨询", "2026-10-02 09:00:00", 5]])
    assert (p.file, p.row, p.value) == ("工单_2.xlsx", 2, "T1") and p.code == "duplicate_row"


def test_row_outside_the_month(month_dir):
    p = only_problem(month_dir, 质检=[QA_H, ["001", dt.date(2026, 9, 30), 90]])
    assert loc(p) == ("month.xlsx", "质检", 2, "质检日期", "B", "2026-09-30") and p.code == "outside_month"


def test_clock_out_before_clock_in_on_day_shift(month_dir):
    p = only_problem(month_dir, 考勤2=[ATT_HEADER, ["001", dt.date(2026, 10, 9), "早班", "08:30", "17:30", "08:20", "07:10"]])
    assert (p.sheet, p.row, p.column, p.letter) == ("考勤2", 2, "下班打卡", "G") and p.code == "clock_out_before_in"


def test_leave_end_before_start_and_overlap_is_no_problem(month_dir):
    rows = [LEAVE_H,
            ["001", "事假", "2026-10-10", "2026-10-09", "2026-10-01 09:00", "客服主管"],
            ["002", "年假", "2026-10-12", "2026-10-14", "2026-10-01 09:00", "运营经理"],
            ["002", "事假", "2026-10-14", "2026-10-14", "2026-10-01 09:00", "客服主管"]]
    _, problems, _ = load_month(minimal_month(month_dir, 请假=rows), "2026-10", RB)
    got = sorted((p.row, p.letter, p.message.split("‖")[0]) for p in problems)
    # rules.md: overlapping requests are each judged, not refused (updated from the earlier check)
    assert got == [(2, "D", "请假结束早于开始")]


def test_swap_with_oneself(month_dir):
    p = only_problem(month_dir, 换班=[SWAP_H, ["001", "001", "2026-10-12", "2026-10-10 10:00", "002"]])
    assert (p.row, p.letter, p.value, p.code) == (2, "B", "001", "swap_with_self")


def test_incident_code_and_meeting_late_amount(month_dir):
    rows = [INC_H, ["001", D, "迟到早退", None], ["001", D, "晨会迟到", 60], ["001", D, "meeting_late", 50],
            ["001", D, "desk_5s", None]]
    _, problems, _ = load_month(minimal_month(month_dir, 奖惩=rows), "2026-10", RB)
    got = sorted((p.row, p.column, p.value, p.message.split("‖")[0]) for p in problems)
    assert got == [(2, "事项", "迟到早退", "规则中没有这个事项"), (3, "金额", "60.0", "金额超出 10–50 元")]


def test_all_problems_reported_at_once(month_dir):
    rows = [QA_H, ["001", D, 101], ["009", D, 90], ["001", "2026/9/1", 90]]
    _, problems, _ = load_month(minimal_month(month_dir, 质检=rows), "2026-10", RB)
    assert sorted(p.row for p in problems) == [2, 3, 4]


def test_english_messages(month_dir):
    p = only_problem(month_dir, 质检=[QA_H, ["001", D, -5]])
    assert p.render("en") == "month.xlsx:质检!C2: [column 得分] value '-5': cannot be read (expected: a score from 0 to 100)"
    assert p.render("zh") == "month.xlsx:质检!C2: [得分] “-5” 值无法识别 (应为:0–100 的分数)"
