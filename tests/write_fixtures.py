"""A small scored month built by hand, so the writers are tested without the rules or scoring.

Five employees cover what the writers must get right: a hostile formula name, a hostile
``<script>`` name, an id that looks like a path (``../../etc``), a phone number inside
evidence, a metric with no data (NaN), an employee who is not appraised, a deemed
resignation, a team-level finding and a team name with a slash.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from processor.model import (
    DAY_COLUMNS,
    EMPLOYEE_ATTENDANCE_COLUMNS,
    FINDING_COLUMNS,
    SUMMARY_COLUMNS,
    InputFile,
    Month,
    RuleResults,
    RunInfo,
    Scored,
)

MONTH = "2026-10"
FORMULA_NAME = '=HYPERLINK("http://x","y")'
SCRIPT_NAME = "<script>alert(1)</script>"
PATH_ID = "../../etc"
PHONE = "13800001234"
NAN = float("nan")

# Columns the scoring stage adds after SUMMARY_COLUMNS (a subset of score.SUMMARY_EXTRA_COLUMNS).
EXTRA_COLUMNS = ["profile", "satisfaction_score", "response_score", "resolution_score", "fcr_score",
                 "weighted_score", "coaching"]
COMPONENTS = ["satisfaction_score", "response_score", "resolution_score", "fcr_score", "qa_score",
              "rating", "indicator_score", "attendance_score"]

_PEOPLE = [
    # id, name, department, team, role
    ("E001", "张伟", "客户服务部", "一组", "客服专员"),
    ("E002", FORMULA_NAME, "客户服务部", "一组", "客服专员"),
    ("E003", SCRIPT_NAME, "客户服务部", "二组/B", "客服专员"),
    ("E004", "李娜", "运营管理部", "二组/B", "运营专员"),
    (PATH_ID, "王芳", "技术支持部", "一组", "技术支持"),
]

_METRICS = {  # per employee: rates, scores, attendance counts, fines, points, total, grade
    "E001": dict(tickets=120, satisfaction_rate=0.95, response_rate=0.92, resolution_rate=0.97,
                 fcr_rate=0.85, complaint_handling_rate=1.0, complaints_received=0,
                 callback_rate=0.93, reopen_rate=0.02, qa_score=95.0, qa_count=4, rating=92.0,
                 attendance_score=98.0, late_count=1, late_minutes=5, fines_total=5.0,
                 points=2.0, total_score=95.5, grade="excellent", bonus_coefficient=1.2,
                 satisfaction_score=100.0, response_score=100.0, resolution_score=100.0,
                 fcr_score=100.0),
    "E002": dict(tickets=80, satisfaction_rate=NAN, response_rate=0.8, resolution_rate=0.9,
                 fcr_rate=0.7, complaint_handling_rate=0.5, complaints_received=2,
                 callback_rate=0.85, reopen_rate=0.05, qa_score=82.0, qa_count=4, rating=80.0,
                 attendance_score=99.0, missing_punches=1, fines_total=10.0, points=0.0,
                 total_score=84.25, grade="good", bonus_coefficient=1.0,
                 flags="rescaled:no_satisfaction;missing_punch",
                 satisfaction_score=NAN, response_score=66.67, resolution_score=83.33,
                 fcr_score=66.67),
    "E003": dict(tickets=60, satisfaction_rate=0.6, response_rate=0.7, resolution_rate=0.8,
                 fcr_rate=0.6, complaint_handling_rate=NAN, complaints_received=1,
                 callback_rate=0.5, reopen_rate=0.1, qa_score=55.0, qa_count=2, rating=60.0,
                 attendance_score=60.0, absence_days=4, fines_total=400.0, points=0.0,
                 total_score=48.3, grade="fail", bonus_coefficient=0.0,
                 deemed_resignation_date=pd.Timestamp("2026-10-22"),
                 flags="deemed_resigned", satisfaction_score=0.0, response_score=33.33,
                 resolution_score=50.0, fcr_score=33.33),
    "E004": dict(indicator_score=75.0, rating=70.0, attendance_score=100.0, leave_days=2,
                 fines_total=0.0, points=-5.0, total_score=68.0, grade="pass",
                 bonus_coefficient=0.8),
    PATH_ID: dict(attendance_score=100.0, fines_total=0.0, points=0.0, total_score=NAN,
                  grade=None, bonus_coefficient=NAN, flags="not_appraised"),
}


def summary_frame() -> pd.DataFrame:
    rows = []
    for emp, name, dept, team, role in _PEOPLE:
        row = {c: NAN for c in SUMMARY_COLUMNS}
        row.update(employee_id=emp, name=name, department=dept, team=team, role=role,
                   late_count=0, early_count=0, late_minutes=0, early_minutes=0, absence_days=0,
                   missing_punches=0, leave_days=0, deemed_resignation_date=pd.NaT, flags="")
        row.update(_METRICS[emp])
        rows.append(row)
    frame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS + EXTRA_COLUMNS)
    frame["profile"] = ["customer_service"] * 3 + ["operations", "technical"]
    frame["weighted_score"] = frame["total_score"] - frame["points"]
    frame["coaching"] = [False, False, True, False, False]
    frame["deemed_resignation_date"] = pd.to_datetime(frame["deemed_resignation_date"])
    return frame


def findings_frame() -> pd.DataFrame:
    d = pd.Timestamp
    rows = [
        ("E001", "一组", d("2026-10-09"), "ATT-LATE", "001 考勤管理制度 1", "迟到 5 分钟(08:35:12 打卡,08:30 上班)", 5.0, 0.0),
        ("E001", "一组", d("2026-10-20"), "commendation", "000 四(三)2", "客户来信表扬", 0.0, 2.0),
        ("E002", "一组", d("2026-10-14"), "desk_5s", "001 客户运营中心管理制度 1",
         f"桌面乱七八糟;客户电话 {PHONE} 写在便签上", 10.0, 0.0),
        *[("E003", "二组/B", d(f"2026-10-{day}"), "ATT-ABSENCE", "001 考勤管理制度 2",
           "无打卡且无有效请假(ATT-NOSHOW)", 100.0, 0.0) for day in (13, 15, 20, 22)],
        ("E003", "二组/B", d("2026-10-22"), "ATT-RESIGN", "001 考勤管理制度 2", "本月第 4 天旷工,视为自动离职", 0.0, 0.0),
        ("E003", "二组/B", d("2026-10-31"), "APR-VETO", "001 考勤管理制度 2", "视为自动离职,评为不合格", 0.0, 0.0),
        ("E004", "二组/B", d("2026-10-25"), "SW-LIMIT", "002 第三十六条", "本月第 3 次换班,扣 5 分", 0.0, -5.0),
        (None, "一组", pd.NaT, "ORG-SPAN", "003 项目督导", "班组 3 名员工,不在 12–14 之间", 0.0, 0.0),
        (None, "二组/B", d("2026-10-08"), "LV-COVERAGE", "001 客户运营中心管理制度 4", "早班全员请假", 0.0, 0.0),
    ]
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def days_frame() -> pd.DataFrame:
    rows = []
    for emp, *_ in _PEOPLE:
        for day in pd.date_range("2026-10-01", "2026-10-31"):
            start, end = day + pd.Timedelta(hours=8, minutes=30), day + pd.Timedelta(hours=17, minutes=30)
            row = dict(employee_id=emp, date=day, shift="day", shift_start=start, shift_end=end,
                       clock_in=start - pd.Timedelta(minutes=12), clock_out=end + pd.Timedelta(minutes=3),
                       outcome="normal", late_minutes=0, early_minutes=0, fine=0.0, rule_ids="", evidence="")
            if day.weekday() >= 5:
                row.update(shift="rest", shift_start=pd.NaT, shift_end=pd.NaT, clock_in=pd.NaT,
                           clock_out=pd.NaT, outcome="rest")
            elif emp == "E001" and day.day == 9:
                row.update(clock_in=start + pd.Timedelta(minutes=5, seconds=12), outcome="late",
                           late_minutes=5, fine=5.0, rule_ids=["ATT-LATE"], evidence="迟到 5 分钟")
            elif emp == "E002" and day.day == 14:
                row.update(clock_out=pd.NaT, outcome="missing_punch", rule_ids="ATT-MISSPUNCH",
                           evidence=f"下班未打卡;家属电话 {PHONE}")
            elif emp == "E003" and day.day in (13, 15, 20, 22):
                row.update(clock_in=pd.NaT, clock_out=pd.NaT, outcome="absence", fine=100.0,
                           rule_ids="ATT-NOSHOW;ATT-ABSENCE", evidence="无打卡且无有效请假")
            elif emp == "E004" and day.day in (5, 6):
                row.update(clock_in=pd.NaT, clock_out=pd.NaT, outcome="leave", evidence="年假")
            rows.append(row)
    return pd.DataFrame(rows, columns=DAY_COLUMNS)


def teams_frame() -> pd.DataFrame:
    return pd.DataFrame([
        dict(team="一组", headcount=3, appraised=2, mean_score=89.875, excellent=1, good=1, **{"pass": 0},
             fail=0, fines_total=15.0, points=2.0),
        dict(team="二组/B", headcount=2, appraised=2, mean_score=58.15, excellent=0, good=0, **{"pass": 1},
             fail=1, fines_total=400.0, points=-5.0),
    ])


def actions_frame() -> pd.DataFrame:
    return pd.DataFrame([
        ("E003", SCRIPT_NAME, "二组/B", "deemed_resignation", "2026-10-22 第 4 天旷工(ATT-RESIGN)"),
        ("E003", SCRIPT_NAME, "二组/B", "coaching", "不合格;质检 55 分低于 60"),
        ("E001", "张伟", "一组", "commendation", f"优秀且总分前 10%(回访客户 {PHONE})"),
    ], columns=["employee_id", "name", "team", "action", "reason"])


def trend_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "month": ["2026-08", "2026-09", "2026-10"], "employees": [5, 5, 5],
        "mean_score": [78.2, 80.4, 74.0], "fines_total": [120.0, 60.0, 415.0],
        "excellent": [1, 1, 1], "good": [2, 2, 1], "pass": [1, 2, 1], "fail": [1, 0, 1],
    })


def sample() -> tuple[Scored, RuleResults, Month, RunInfo]:
    """The synthetic month: (scored, results, month, info)."""
    summary = summary_frame()
    findings = findings_frame()
    employees = pd.DataFrame({c: [] for c in EMPLOYEE_ATTENDANCE_COLUMNS})
    results = RuleResults(days=days_frame(), findings=findings[findings["rule_id"] != "ORG-SPAN"],
                          employees=employees, leave=pd.DataFrame(), swaps=pd.DataFrame())
    roster = summary[["employee_id", "name", "department", "team", "role"]].copy()
    files = [InputFile("2026-10/名册.xlsx", "a" * 64, {"roster": 5}),
             InputFile("2026-10/考勤.xlsx", "b" * 64, {"attendance": 155, "leave": 1}, note="WeCom 日报")]
    month = Month(MONTH, {"roster": roster}, files)
    scored = Scored(summary=summary, teams=teams_frame(), actions=actions_frame(), findings=findings,
                    due_date=date(2026, 11, 10), run_late=False,
                    extra={"targets": {"satisfaction_rate": 0.9, "response_rate": 0.9,
                                       "resolution_rate": 0.95, "fcr_rate": 0.8,
                                       "complaint_handling_rate": 1.0, "callback_rate": 0.9,
                                       "complaints_per_100": 0.5},
                           "components": COMPONENTS})
    rules = [
        dict(rule_id="ATT-LATE", title="迟到按分钟罚款", params="1 元/分钟", citation="001 考勤管理制度 1"),
        dict(rule_id="ATT-ABSENCE", title="旷工罚款", params={"fine_per_day": 100}, citation="001 考勤管理制度 2"),
        dict(rule_id="APR-GRADE", title="等级与系数", params="优秀≥90→1.2; 良好≥80→1.0; 合格≥60→0.8",
             citation="000 四(三)1"),
    ]
    info = RunInfo(MONTH, "0.1.0", "2026-11-03T09:15:00", "c" * 64, rules, files)
    return scored, results, month, info
