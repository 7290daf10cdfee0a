"""Sheet names and column headers, in Chinese and English, kept apart from the code.

The English labels of sheets and columns are exactly the stable keys of docs/outputs.md: payroll
imports and scripts read the English workbook by those names, and the ledger uses the same
keys. The Chinese labels are what admin staff and managers see by default. A key without a
label falls back to the key itself, so a column added by the scoring stage still shows up.
The pages say a column in English words rather than by its key (:func:`human_label`).
"""
from __future__ import annotations

from .labels import GRADE_WORDS
from .lang import choose, english

SHEETS: dict[str, str] = {
    "Payroll": "工资导出", "Summary": "汇总", "Attendance": "考勤", "Findings": "明细", "Teams": "班组",
    "Actions": "待办", "Run": "运行信息", "Adjustments": "补发补扣",
    "Centers": "各中心", "Trend": "月度趋势", "Targets": "指标对照目标",
}

# Chinese label of every column key the writers know (English label = the key itself).
COLUMNS: dict[str, str] = {
    # Summary (SUMMARY_COLUMNS)
    "employee_id": "工号", "name": "姓名", "department": "部门", "team": "班组", "role": "岗位",
    "tickets": "工单数", "satisfaction_rate": "客户满意度", "response_rate": "响应及时率",
    "resolution_rate": "问题解决率", "fcr_rate": "首问解决率",
    "complaint_handling_rate": "投诉处理率", "complaints_received": "被投诉次数",
    "callback_rate": "回访率", "reopen_rate": "重新处理率", "qa_score": "质检得分",
    "qa_count": "质检次数", "rating": "上级评分", "indicator_score": "部门指标得分",
    "attendance_score": "考勤纪律得分", "late_count": "迟到次数", "early_count": "早退次数",
    "late_minutes": "迟到分钟", "early_minutes": "早退分钟", "absence_days": "旷工天数",
    "missing_punches": "缺卡次数", "leave_days": "请假天数", "fines_total": "罚款合计(元)",
    "points": "加减分", "total_score": "总分", "grade": "等级", "bonus_coefficient": "绩效系数",
    "deemed_resignation_date": "视为自动离职日期", "flags": "标记",
    # likely component and attendance extras
    "satisfaction_score": "满意度得分", "response_score": "响应及时得分",
    "resolution_score": "问题解决得分", "fcr_score": "首问解决得分", "rating_score": "上级评分得分",
    "complaint_handling_score": "投诉处理得分", "callback_score": "回访得分", "profile": "考核方案",
    "weighted_score": "加权得分", "weights_used": "所用权重", "coaching": "辅导",
    "excused_count": "已报备次数", "worked_shifts": "出勤班次", "prep_on_time": "提前到岗次数",
    "prep_rate": "提前到岗率", "complaints_per_100": "每百单被投诉",
    # Attendance (DAY_COLUMNS)
    "date": "日期", "shift": "班次", "shift_start": "班次开始", "shift_end": "班次结束",
    "clock_in": "上班打卡", "clock_out": "下班打卡", "outcome": "结果", "fine": "罚款(元)",
    "rule_ids": "规则", "evidence": "依据",
    "export_verdict": "导出考勤结果", "export_leave": "导出假勤", "verdict_differs": "与制度判定不同",
    "original_clock_in": "原上班打卡", "original_clock_out": "原下班打卡", "original_outcome": "原判结果",
    "original_fine": "原罚款(元)", "correction": "更正",
    # Findings (FINDING_COLUMNS)
    "rule_id": "规则编号", "citation": "制度出处",
    # Teams
    "headcount": "人数", "appraised": "参评人数", "mean_score": "平均分",
    **{code: zh for code, (zh, _) in GRADE_WORDS.items()}, "not_appraised": "未参评",
    "staff_count": "管理人数", "span": "管理幅度", "findings": "发现",
    # Actions
    "action": "事项", "reason": "原因", "verdict": "等级说明",
    # Run
    "title": "规则名称", "params": "参数", "path": "文件", "sha256": "SHA-256", "table": "表",
    "rows": "行数", "note": "备注", "version": "程序版本", "started_at": "运行时间",
    "rulebook_sha256": "规则库 SHA-256", "month": "月份", "lang": "语言",
    "due_date": "考核截止日", "run_late": "是否逾期", "calendar": "节假日日历",
    # trend
    "employees": "人数",
    # Adjustments (a re-run of a closed month): diff = new − closed, positive 补扣, negative 补发
    "fines_total_closed": "已结账罚款(元)", "fines_total_new": "重算罚款(元)",
    "fines_diff": "罚款差额(元,正数补扣、负数补发)", "points_closed": "已结账加减分",
    "points_new": "重算加减分", "grade_closed": "已结账等级", "grade_new": "重算等级",
    "bonus_coefficient_closed": "已结账绩效系数", "bonus_coefficient_new": "重算绩效系数",
    # group view (opscore group)
    "center": "中心", "fines_per_head": "人均罚款(元)", "deemed_resignations": "视为自动离职人数",
    "coaching_count": "辅导人数", "escalation_count": "上报处理人数",
    "indicator": "指标", "mean_rate": "中心均值", "target_rate": "目标", "target_met": "是否达标",
}

# English words for the report pages (the English workbook keeps the stable keys instead).
EN_WORDS: dict[str, str] = {
    "employee_id": "ID", "fcr_rate": "First-contact resolution", "fcr_score": "First-contact score",
    "qa_score": "QA score", "qa_count": "QA evaluations", "rating": "Manager rating",
    "fines_total": "Fines (yuan)", "fine": "Fine (yuan)", "bonus_coefficient": "Coefficient",
    "complaint_handling_rate": "Complaint handling", "satisfaction_rate": "Satisfaction",
    "response_rate": "Response timeliness", "resolution_rate": "Resolution",
    "callback_rate": "Callback", "reopen_rate": "Reopened", "total_score": "Total",
    "indicator_score": "Indicator sheet", "attendance_score": "Attendance & discipline",
    "rule_id": "Rule", "rule_ids": "Rules", "complaints_per_100": "Complaints per 100 tickets",
    "deemed_resignation_date": "Deemed resigned on", "mean_score": "Mean score",
}

# ``opscore compare``: sheets, headers and words (English workbook: the stable keys themselves).
COMPARE_SHEETS: dict[str, str] = {"Compare": "规则对比", "Rules": "规则差异", "Totals": "合计"}
COMPARE_COLUMNS: dict[str, str] = {
    "employee_id": "工号", "name": "姓名", "fines_total_current": "现行罚款(元)",
    "fines_total_draft": "草案罚款(元)", "fines_diff": "罚款差额(元)", "points_current": "现行加减分",
    "points_draft": "草案加减分", "total_score_current": "现行总分", "total_score_draft": "草案总分",
    "grade_current": "现行等级", "grade_draft": "草案等级", "bonus_coefficient_current": "现行绩效系数",
    "bonus_coefficient_draft": "草案绩效系数", "rule_id": "规则编号", "title": "规则名称", "key": "参数",
    "current": "现行", "draft": "草案", "diff": "差额", "citation": "制度出处", "measure": "项目",
}


def sheet_name(key: str, lang: str | None = None) -> str:
    """Sheet name: the stable key in English, its Chinese label otherwise."""
    return choose(SHEETS.get(key, key), key, lang)


def column_label(key: str, lang: str | None = None) -> str:
    """Column header: the stable key in English; in Chinese the label, or a derived one."""
    if english(lang):
        return key
    if key in COLUMNS:
        return COLUMNS[key]
    for prefix in ("component_", "score_"):
        if key.startswith(prefix) and key[len(prefix):] in COLUMNS:
            return COLUMNS[key[len(prefix):]] + "得分"
    if key.endswith("_score"):
        base = key[: -len("_score")]
        for cand in (base + "_rate", base):
            if cand in COLUMNS:
                return COLUMNS[cand] + "得分"
    return key


def human_label(key: str, lang: str | None = None) -> str:
    """Column label for a page: Chinese as in the workbook, English in words rather than keys."""
    if not english(lang):
        return column_label(key, lang)
    if key in EN_WORDS:
        return EN_WORDS[key]
    return key.replace("_", " ").strip().capitalize()
