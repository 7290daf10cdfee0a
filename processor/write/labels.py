"""Words people read in the outputs, in Chinese and English, kept apart from the code.

The English labels of sheets and columns are exactly the stable keys of docs/outputs.md: payroll
imports and scripts read the English workbook by those names, and the ledger uses the same
keys. The Chinese labels are what admin staff and managers see by default. A key without a
label falls back to the key itself, so a column added by the scoring stage still shows up.
"""
from __future__ import annotations

import re

LANGS = ("zh", "en")

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
    "headcount": "人数", "appraised": "参评人数", "mean_score": "平均分", "excellent": "优秀",
    "good": "良好", "pass": "合格", "fail": "不合格", "not_appraised": "未参评",
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

GRADES: dict[str, str] = {"excellent": "优秀", "good": "良好", "pass": "合格", "fail": "不合格"}
GRADE_CODES: dict[str, str] = {v: k for k, v in GRADES.items()}

OUTCOMES: dict[str, tuple[str, str]] = {
    "normal": ("正常", "normal"), "late": ("迟到", "late"), "early": ("早退", "early leave"),
    "late_early": ("迟到早退", "late & early"), "excused": ("已报备", "excused"),
    "missing_punch": ("缺卡", "missing punch"), "absence": ("旷工", "absence"),
    "leave": ("请假", "leave"), "rest": ("休息", "rest"),
}

ACTIONS: dict[str, tuple[str, str]] = {
    "deemed_resignation": ("视为自动离职", "deemed resignation"),
    "coaching": ("辅导名单", "coaching"),
    "escalation": ("上报处理", "escalation"),
    "commendation": ("优秀员工候选", "commendation candidate"),
}

FLAGS: dict[str, tuple[str, str]] = {
    "not_appraised": ("未参评", "not appraised"),
    "rescaled": ("缺项,权重已重新分配", "weights rescaled"),
    "escalation": ("上报处理", "escalation"), "coaching": ("辅导", "coaching"),
    "commendation": ("优秀员工候选", "commendation candidate"),
    "deemed_resigned": ("视为自动离职", "deemed resigned"),
    "veto": ("一票否决", "veto"),
    "qa_sample_small": ("质检样本不足", "QA sample too small"),
    "missing_punch": ("缺卡待核", "missing punch to review"),
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
COMPARE_MEASURES: dict[str, tuple[str, str]] = {
    "headcount": ("员工人数", "Employees"), "fines_total": ("罚款合计(元)", "Fines total (yuan)"),
    "points": ("加减分合计", "Points, net"), "mean_total_score": ("平均总分", "Mean total score"),
    "excellent": ("优秀", "Excellent"), "good": ("良好", "Good"), "pass": ("合格", "Pass"),
    "fail": ("不合格", "Fail"), "not_appraised": ("未参评", "Not appraised"),
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


# Component keys of the scoring profiles, as named in a ``rescaled:no_qa,no_rating`` flag.
COMPONENT_WORDS: dict[str, tuple[str, str]] = {
    "satisfaction": ("满意度", "satisfaction"), "response": ("响应及时", "response"),
    "resolution": ("问题解决", "resolution"), "fcr": ("首问解决", "first-contact resolution"),
    "complaint_handling": ("投诉处理", "complaint handling"), "callback": ("回访", "callback"),
    "qa": ("质检", "QA"), "rating": ("上级评分", "manager rating"),
    "indicators": ("部门指标", "indicator sheet"), "attendance": ("考勤纪律", "attendance"),
}

# Scoring profiles of APR-SCORE (a center's own profile name is shown as it is written).
PROFILES: dict[str, tuple[str, str]] = {
    "customer_service": ("客服岗位方案", "customer service"), "operations": ("运营岗位方案", "operations"),
}

SHIFTS: dict[str, tuple[str, str]] = {
    "morning": ("早班", "morning"), "middle": ("中班", "middle"), "evening": ("晚班", "evening"),
    "night": ("夜班", "night"), "day": ("白班", "day"), "rest": ("休息", "rest"),
}

# Words of the HTML report; every page looks words up here (StrictUndefined catches a miss).
TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "report_title": "月度考核报告", "center": "运营服务中心", "overview": "中心总览",
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
        "report_title": "Monthly appraisal report", "center": "Operations service center",
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


def check_lang(lang: str) -> str:
    """The language code, or ValueError naming the ones we have."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    return lang


def sheet_name(key: str, lang: str = "zh") -> str:
    """Sheet name: the stable key in English, its Chinese label otherwise."""
    return key if lang == "en" else SHEETS.get(key, key)


def column_label(key: str, lang: str = "zh") -> str:
    """Column header: the stable key in English; in Chinese the label, or a derived one."""
    if lang == "en":
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


def human_label(key: str, lang: str = "zh") -> str:
    """Column label for a page: Chinese as in the workbook, English in words rather than keys."""
    if lang != "en":
        return column_label(key, lang)
    if key in EN_WORDS:
        return EN_WORDS[key]
    return key.replace("_", " ").strip().capitalize()


def grade_label(code: object, lang: str = "zh") -> str:
    """``excellent`` → 优秀 (Chinese) or ``excellent`` (English); a Chinese grade is accepted too."""
    if code is None or code != code or code == "":
        return ""
    code = GRADE_CODES.get(str(code), str(code))
    return code if lang == "en" else GRADES.get(code, code)


def grade_code(value: object) -> str:
    """The canonical grade code of a code or a Chinese grade; "" when there is none."""
    if value is None or value != value:
        return ""
    return GRADE_CODES.get(str(value), str(value))


def _pair(table: dict[str, tuple[str, str]], code: object, lang: str) -> str:
    if code is None or code != code or code == "":
        return ""
    pair = table.get(str(code))
    if pair is None:
        return str(code)
    return pair[0] if lang == "zh" else pair[1]


def outcome_label(code: object, lang: str = "zh") -> str:
    """``late_early`` → 迟到早退 / "late & early"."""
    return _pair(OUTCOMES, code, lang)


def action_label(code: object, lang: str = "zh") -> str:
    """``coaching`` → 辅导名单 / "coaching"."""
    return _pair(ACTIONS, code, lang)


def shift_label(code: object, lang: str = "zh") -> str:
    """``night`` → 夜班 / "night"."""
    return _pair(SHIFTS, code, lang)


def flags_label(value: object, lang: str = "zh") -> str:
    """A flags cell (``;``-joined codes, a code may carry ``:detail``) in words; unknown codes kept.

    ``not_appraised;rescaled:no_qa,no_rating`` → ``未参评;缺项,权重已重新分配(质检、上级评分)``.
    """
    if value is None or value != value:
        return ""
    parts = [str(v) for v in value] if isinstance(value, (list, tuple, set)) else str(value).split(";")
    words = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        code, _, detail = part.partition(":")
        word = _pair(FLAGS, code.strip(), lang)
        if detail:
            items = [d.strip().removeprefix("no_") for d in detail.split(",") if d.strip()]
            inner = ("、" if lang == "zh" else ", ").join(_pair(COMPONENT_WORDS, i, lang) for i in items)
            word += f"({inner})" if lang == "zh" else f" ({inner})"
        words.append(word)
    return (";" if lang == "zh" else "; ").join(words)


def profile_label(code: object, lang: str = "zh") -> str:
    """``customer_service`` → 客服岗位方案 / "customer service"."""
    return _pair(PROFILES, code, lang)


def weights_label(value: object, lang: str = "zh") -> str:
    """Summary ``weights_used`` in words: ``rating 30.00%, indicators 55.00%`` → ``上级评分 30%、部门指标 55%``."""
    if value is None or value != value or not str(value).strip():
        return ""
    parts = []
    for part in str(value).split(","):
        key, _, pct = part.strip().rpartition(" ")
        try:
            pct = f"{float(pct.rstrip('%')):g}%"
        except ValueError:
            pass
        parts.append(f"{_pair(COMPONENT_WORDS, key.strip(), lang)} {pct}" if key else part.strip())
    return ("、" if lang == "zh" else ", ").join(parts)


def bool_label(value: object, lang: str = "zh") -> str:
    """A yes/no cell in words: 是 / 否 (a Chinese workbook shows no TRUE/FALSE)."""
    if value is None or value != value:
        return ""
    return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")


_CODE_PREFIX = re.compile(r"^(deemed_resignation|escalation|coaching|commendation): ")
_LATIN_BRACKETS = re.compile(r"\s?\((?=[A-Za-z])[^()]*\)")


def one_language(value: object, lang: str = "zh") -> str:
    """A message of the rules stage as a page or a sheet shows it. The rules and scoring write
    their messages in the run's language already (processor.words), so an English message is
    kept as it is; an action code leading a message (``coaching: …``) is put in words, and a
    Chinese message drops what it holds in brackets that start with a Latin letter (the
    ``(LV-NIGHT)`` rule ids the attendance evidence names: the day's rule ids are a column
    of their own)."""
    if value is None or value != value:
        return ""
    text = value if isinstance(value, str) else str(value)
    code = _CODE_PREFIX.match(text)
    if code:  # "coaching: …" (an action code leading a message) in words
        text = action_label(code.group(1), lang) + (":" if lang == "zh" else ": ") + text[code.end():]
    if lang == "zh" and "(" in text:
        return _LATIN_BRACKETS.sub("", text)
    return text


def text(lang: str = "zh") -> dict[str, str]:
    """The report's words for one language."""
    return TEXT[check_lang(lang)]


# The classes a day's verdict is compared by (rules/verdicts.py): the outcomes plus 外出.
VERDICT_CLASSES: dict[str, tuple[str, str]] = {**OUTCOMES, "outing": ("外出/出差", "outing or trip")}


def verdict_kind_label(kind: object, lang: str = "zh") -> str:
    """``late→normal`` → 导出:迟到 → 制度:正常 / "export: late → regulations: normal"."""
    theirs, _, ours = str(kind).partition("→")
    a, b = _pair(VERDICT_CLASSES, theirs, lang), _pair(VERDICT_CLASSES, ours, lang)
    return f"导出:{a} → 制度:{b}" if lang == "zh" else f"export: {a} → regulations: {b}"
