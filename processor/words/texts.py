"""The sentences and headings of the outputs, in Chinese and English, kept apart from the code.

Every report page looks its words up in :data:`TEXT` (``StrictUndefined`` catches a miss); the
compare page in :data:`COMPARE_TEXT`; the grade's reason, the Actions reasons, the 需关注 list
and the annual outputs in the tables below :data:`TEXT`. The two languages of a table have the
same keys (tests/test_words_codes.py).
"""
from __future__ import annotations

from .labels import GRADE_WORDS
from .lang import check_lang

COMPARE_MEASURES: dict[str, tuple[str, str]] = {
    "headcount": ("员工人数", "Employees"), "fines_total": ("罚款合计(元)", "Fines total (yuan)"),
    "points": ("加减分合计", "Points, net"), "mean_total_score": ("平均总分", "Mean total score"),
    **{code: (zh, en.capitalize()) for code, (zh, en) in GRADE_WORDS.items()},
    "not_appraised": ("未参评", "Not appraised"),
    "deemed_resignations": ("视为自动离职人数", "Deemed resignations"),
    "bonus_coefficient_sum": ("绩效系数合计", "Bonus coefficients summed"),
    "grade_changes": ("等级变化人数", "Employees changing grade"),
    "employees_changed": ("结果有变化人数", "Employees whose figures change"),
}
COMPARE_TEXT: dict[str, dict[str, str]] = {
    "zh": {"title": "规则草案对比", "current": "现行规则", "draft": "草案", "diff": "差额", "totals": "合计",
           "rules": "草案修改的参数", "no_rules": "草案与现行规则的参数相同。", "changed": "结果有变化的员工",
           "none_changed": "没有员工的结果发生变化。", "of": "{n} / {total} 人",
           "note": "同一份输入分别按现行规则和草案重算规则与评分;未写入台账。", "sources": "规则来源",
           "measure": "项目", "key": "参数", "value_current": "现行值", "value_draft": "草案值"},
    "en": {"title": "Rulebook draft compared", "current": "In force", "draft": "Draft", "diff": "Difference",
           "totals": "Totals", "rules": "Parameters the draft changes",
           "no_rules": "The draft's parameters are those in force.", "changed": "Employees whose figures change",
           "none_changed": "No employee's figures change.", "of": "{n} of {total}",
           "note": "The same inputs, with the rules and scoring applied under each rulebook; nothing is "
                   "written to the ledger.", "sources": "Rulebooks", "measure": "Measure", "key": "Key",
           "value_current": "In force", "value_draft": "Draft"},
}

# Words of the HTML report; every page looks words up here (StrictUndefined catches a miss).
TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "report_title": "月度考核报告", "annual_report_title": "年度考核报告",
        "center": "运营服务中心", "overview": "中心总览",
        "headcount": "参评人数", "employees": "员工人数", "appraised": "已评等级",
        "not_appraised": "未参评", "fines_total": "罚款合计", "points_deducted": "扣分合计",
        "points_added": "加分合计", "actions_count": "需处理人数",
        "grade_distribution": "等级分布", "indicators": "服务指标",
        "indicator": "指标", "center_mean": "中心均值", "target": "目标", "status": "状态",
        "met": "达标", "not_met": "未达标", "no_data": "无数据", "teams": "班组",
        "team": "班组", "org_checks": "组织检查", "actions": "待办事项", "none": "无",
        "trend": "月度趋势", "mean_score": "平均分", "single_month": "账本中只有本月,趋势将在下月出现。",
        "due_date": "考核截止日", "on_time": "按时", "late": "逾期", "run_at": "运行时间",
        "version": "程序版本", "rulebook": "规则库", "members": "班组成员",
        "team_findings": "班组级发现", "findings": "考核依据明细", "components": "考核分项",
        "total_score": "总分", "grade": "等级", "coefficient": "绩效系数",
        "attendance": "考勤日历", "attendance_totals": "考勤汇总", "calendar_caption": "每日考勤结果",
        "explain_grade": "等级说明", "rule": "规则", "total": "合计", "minutes": "分",
        "per_100": "每百单", "complaints_against": "被投诉率(每百单)", "lower_better": "越低越好",
        "weekday": "一 二 三 四 五 六 日", "back": "返回", "profile": "基本信息",
        "mean_note": "中心均值为有数据员工的简单平均。", "flags": "标记",
        "not_appraised_note": "除考勤纪律外没有其他考核项,本月不评等级。",
        "grade_rule": "按 {rule}({params})评定", "deemed": "视为自动离职",
        "all_employees": "全部员工", "score_chart": "分项得分(满分 100)",
        "generated": "由 opscore 生成", "month": "月份", "shift": "班次", "count": "人数", "value": "本人",
        "verdicts": "考勤导出结论与制度判定不同", "export_verdict": "导出结论", "opscore_outcome": "制度判定",
        "verdicts_note": "考勤系统(企业微信/钉钉)自己的规则与本中心制度不一致的日子;罚款以制度判定为准。",
        "verdicts_more": "另有 {n} 天,见工作簿“考勤”表的“与制度判定不同”列。",
        "center_row": "中心合计", "per_head": "(人均)",
        "group_fines": "罚款", "group_points": "加减分", "group_records": "仅记录(不罚款、不扣分)",
        "subtotal": "小计", "verdict": "等级说明", "attention": "需关注",
        "see_verdict": "原因见上方等级说明",
        "attention_note": "按轻重排序:视为自动离职 → 不合格 → 合格 → 罚款 ¥100 以上 → 缺卡待核。",
        "candidates": "优秀员工候选", "cause": "原因", "amount": "罚款", "severity": "类别",
        "sheet_title": "员工月度考核单", "sign_employee": "员工签字", "sign_supervisor": "主管签字", "sign_date": "日期",
        "kpi_compare": "班组指标与中心对比", "team_value": "本班组", "coaching_lists": "辅导与上报",
        "by_team": "按班组", "team_kpi_note": "人均值越低越好;指标为有数据员工的简单平均。",
        "verdict_kinds": "按类别统计", "verdict_kind": "类别", "days": "天数",
        "adjustments": "补发补扣(已结账月份重算)",
        "adjustments_note": "本月已结账,工资按已结账的版本发放;下表是重算后数字有变化的员工,差额计入下次工资。",
        "adjustments_sums": "补扣合计 {deduct},补发合计 {refund}",
        "adjustments_none": "重算后没有员工的数字变化,无需补发补扣。",
        "group_title": "集团各中心对比", "centers": "各中心",
        "group_targets": "各中心指标对照目标(规则库 {sha})", "own_report": "本中心报告",
        "corrections": "更正与申诉",
        "corrections_note": "经批准的更正在判定前生效,原判保留可查(工作簿“考勤”表的“原判结果”“更正”列)。",
    },
    "en": {
        "report_title": "Monthly appraisal report", "annual_report_title": "Annual appraisal report",
        "center": "Operations service center",
        "overview": "Center overview", "headcount": "Appraised", "employees": "Employees",
        "appraised": "Graded", "not_appraised": "Not appraised", "fines_total": "Fines total",
        "points_deducted": "Points deducted", "points_added": "Points added",
        "actions_count": "People needing action", "grade_distribution": "Grade distribution",
        "indicators": "Service indicators", "indicator": "Indicator",
        "center_mean": "Center mean", "target": "Target", "status": "Status", "met": "met",
        "not_met": "not met", "no_data": "no data", "teams": "Teams", "team": "Team",
        "org_checks": "Organisation checks", "actions": "Actions", "none": "none",
        "trend": "Monthly trend", "mean_score": "Mean score",
        "single_month": "The ledger holds this month only; the trend appears next month.",
        "due_date": "Appraisal due", "on_time": "on time", "late": "late", "run_at": "Run at",
        "version": "Version", "rulebook": "Rulebook", "members": "Members",
        "team_findings": "Team-level findings", "findings": "Findings behind every figure",
        "components": "Components", "total_score": "Total", "grade": "Grade",
        "coefficient": "Bonus coefficient", "attendance": "Attendance calendar",
        "attendance_totals": "Attendance totals", "calendar_caption": "Outcome of each day",
        "explain_grade": "Grade", "rule": "Rule", "total": "Total", "minutes": "min",
        "per_100": "per 100 tickets", "complaints_against": "Complaints per 100 tickets",
        "lower_better": "lower is better", "weekday": "Mon Tue Wed Thu Fri Sat Sun",
        "back": "Back", "profile": "Profile", "flags": "Flags",
        "mean_note": "Center mean is the plain mean over employees with data.",
        "not_appraised_note": "No component besides attendance & discipline: no grade this month.",
        "grade_rule": "graded by {rule} ({params})", "deemed": "Deemed resigned",
        "all_employees": "All employees", "score_chart": "Component scores (out of 100)",
        "generated": "Generated by opscore", "month": "Month", "shift": "Shift", "count": "Count", "value": "Employee",
        "verdicts": "Export verdicts that differ from the regulations", "export_verdict": "Export says",
        "opscore_outcome": "Regulations say",
        "verdicts_note": "Days where the attendance system's own rules (WeCom/DingTalk) disagree with the "
                         "center's regulations; fines follow the regulations.",
        "verdicts_more": "{n} more days: see the verdict_differs column of the Attendance sheet.",
        "center_row": "Center", "per_head": " (per head)",
        "group_fines": "Fines", "group_points": "Points", "group_records": "Records only (no fine, no points)",
        "subtotal": "Subtotal", "verdict": "Why this grade", "attention": "Needs attention",
        "see_verdict": "the cause is under Why this grade above",
        "attention_note": "Most severe first: deemed resigned, fail, pass, fines of ¥100 or more, missing punches.",
        "candidates": "Outstanding-employee candidates", "cause": "Cause", "amount": "Fines",
        "severity": "Kind", "sheet_title": "Monthly appraisal sheet", "sign_employee": "Employee's signature",
        "sign_supervisor": "Supervisor's signature", "sign_date": "Date",
        "kpi_compare": "Team indicators against the center", "team_value": "Team",
        "coaching_lists": "Coaching and escalation", "by_team": "by team",
        "team_kpi_note": "Per-head figures: lower is better; indicators are plain means over employees with data.",
        "verdict_kinds": "By kind", "verdict_kind": "Kind", "days": "Days",
        "adjustments": "Adjustments (re-run of a closed month)",
        "adjustments_note": "This month was closed and payroll paid the closed revision; these employees' "
                            "figures changed in this run, and the differences go to the next payroll.",
        "adjustments_sums": "To deduct {deduct}, to pay back {refund}",
        "adjustments_none": "No employee's figures changed: nothing to adjust.",
        "group_title": "Centers of the group", "centers": "Centers",
        "group_targets": "Each center's indicators against their targets (rulebook {sha})", "own_report": "Center report",
        "corrections": "Corrections and appeals",
        "corrections_note": "Approved corrections are applied before the rules; the original verdict stays "
                            "visible (original_outcome and correction columns of the Attendance sheet).",
    },
}


# The grade's one-line reason (write/verdicts.py): bands, veto, resignation, not appraised.
VERDICT_WORDS = {
    "zh": {"band_top": "{g}:总分 {s},达到{g}线 {lo} 分", "band": "{g}:总分 {s},在 {lo}–{hi} 分档",
           "band_low": "{g}:总分 {s},低于合格线 {hi} 分", "veto": "{g}(一票否决):{what};仅按总分 {s} 应为{alone}",
           "resign": "{g}(视为自动离职):{what};仅按总分 {s} 应为{alone}", "no_score": "无总分",
           "not_appraised": "未参评:除考勤纪律外没有其他考核项", "sep": ";", "item": "{title} {date},{cite}"},
    "en": {"band_top": "{g}: total {s}, at or above the {g} line of {lo}",
           "band": "{g}: total {s}, in the {lo}–{hi} band", "band_low": "{g}: total {s}, below the pass line of {hi}",
           "veto": "{g} (veto): {what}; the score alone ({s}) would give {alone}",
           "resign": "{g}, deemed resigned: {what}; the score alone ({s}) would give {alone}",
           "no_score": "no total", "not_appraised": "not appraised: no component besides attendance",
           "sep": "; ", "item": "{title} {date}, {cite}"},
}

# An Actions row's reason (write/verdicts.py).
REASON_WORDS = {
    "zh": {"qa_low": "质检 {q} 分,低于 {lim} 分", "coached": "辅导月份 {months}", "commend": "{g} {s} 分,优秀员工候选"},
    "en": {"qa_low": "QA {q}, below {lim}", "coached": "coached in {months}",
           "commend": "{g}, total {s}: outstanding-employee candidate"},
}

# The 需关注 list's kinds and causes (write/attention.py), by severity.
ATTENTION_WORDS = {
    "zh": {"resigned": "视为自动离职", "fail": "不合格", "pass": "合格", "fines": "罚款 ¥100 以上",
           "missing_punch": "缺卡待核", "fines_cause": "罚款 {y}:旷工 {a} 天,迟到 {l} 次,早退 {e} 次",
           "punch_cause": "缺卡 {n} 次,待核实是否补卡"},
    "en": {"resigned": "deemed resigned", "fail": "fail", "pass": "pass", "fines": "fines of ¥100 or more",
           "missing_punch": "missing punches to review",
           "fines_cause": "fines {y}: {a} absence days, {l} late, {e} early",
           "punch_cause": "{n} missing punches to confirm"},
}

# The annual page (write/annual_page.py).
ANNUAL_WORDS = {
    "zh": {"attention": "需关注", "attention_note": "按严重程度排列:视为自动离职、一票否决、年度不合格、有不合格月份;"
                                                  "其余员工按班组折叠在下方。",
           "kind_resigned": "视为离职", "kind_vetoed": "一票否决", "kind_fail": "年度不合格", "kind_failed_month": "有不合格月",
           "find": "查找员工:按 Ctrl+F 输入工号或姓名,所在班组会自动展开;点击班组名展开或收起。",
           "people_n": "{n} 人", "mean": "平均", "employees": "员工人数", "grades": "年度等级", "none": "无",
           "title": "{year} 年度考核", "center_trend": "各月平均分", "people": "员工年度考核",
           "appraised": "参评月数", "missing": "缺考核月份", "score": "年度得分", "strip": "各月等级与得分",
           "no_run": "尚未运行的月份", "failed": "不合格月数", "vetoed": "否决月数",
           "provisional": "暂定结果:{months} 尚未运行,年度得分只按已运行的月份计算,补齐后请重新运行 opscore annual。",
           "veto_mark": "否", "resign_mark": "离",
           "legend": "格内为当月总分;“否”为一票否决,“离”为视为自动离职;灰色为该月未参评,虚线为该月尚未运行。",
           "month_n": "{m} 月"},
    "en": {"attention": "Needs attention", "attention_note": "By severity: deemed resigned, vetoed, failed the year, "
                                                              "failed a month; everyone else is folded by team below.",
           "kind_resigned": "Deemed resigned", "kind_vetoed": "Vetoed", "kind_fail": "Failed the year",
           "kind_failed_month": "Failed a month",
           "find": "Find a person: Ctrl+F and their id or name opens their team; click a team to open or fold it.",
           "people_n": "{n} staff", "mean": "mean", "employees": "Employees", "grades": "Annual grades", "none": "None",
           "title": "{year} annual appraisal", "center_trend": "Mean score by month", "people": "Annual appraisal",
           "appraised": "Months appraised", "missing": "Months missing", "score": "Annual score",
           "strip": "Grade and score of each month", "no_run": "Months with no run", "failed": "Months failed",
           "vetoed": "Months vetoed",
           "provisional": "Provisional: {months} not run yet; the annual score counts the months run so far. "
                          "Run them, then run opscore annual again.",
           "veto_mark": "V", "resign_mark": "R",
           "legend": "Each cell holds the month's total; V: vetoed, R: deemed resigned; grey: not appraised that "
                     "month; dashed: month not run.", "month_n": "M{m}"},
}

# The annual workbook's two sheets, and the Chinese headers of its keys headers.COLUMNS lacks
# (write/annual_xlsx.py).
ANNUAL_SHEETS = {"zh": ("年度考核", "月度得分"), "en": ("Annual", "Monthly")}
ANNUAL_COLUMNS = {
    "appraised_count": "考核月数", "appraised_months": "已考核月份", "missing_months": "缺考核月份",
    "no_run_months": "未运行月份", "annual_score": "年度得分", "failed_months": "不合格月份",
    "vetoed_months": "一票否决月份", "provisional": "暂定(尚有月份未运行)",
}


def text(lang: str = "zh") -> dict[str, str]:
    """The report's words for one language."""
    return TEXT[check_lang(lang)]
