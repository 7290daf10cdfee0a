"""What kind of value each column holds, so the workbook and the pages show it the same way.

A rate is a fraction shown as a percentage, a fine is yuan with two decimals, a punch is a
date and time, a grade is a coloured word. The workbook picks the cell format and the pages
pick the filter from the same kind, so a figure reads the same in both. Columns the scoring
stage adds later get a kind from their name and dtype instead of being shown raw.
"""
from __future__ import annotations

import pandas as pd

from processor.model import DAY_COLUMNS, GRADES, SUMMARY_COLUMNS

# kinds: id, text, long (wrapped text), rate, score, count, yuan, points, coef, date, datetime,
# bool, grade, outcome, shift, action, flags, list
KINDS: dict[str, str] = {
    "indicator": "text", "target_met": "bool",  # the group view's Targets sheet
    "employee_id": "id", "rule_id": "id", "name": "text", "department": "text", "team": "text",
    "role": "text", "tickets": "count", "complaints_received": "count", "qa_count": "count",
    "qa_score": "score", "rating": "score", "indicator_score": "score",
    "attendance_score": "score", "total_score": "score", "mean_score": "score",
    "late_count": "count", "early_count": "count", "late_minutes": "count",
    "early_minutes": "count", "absence_days": "count", "missing_punches": "count",
    "leave_days": "count", "fines_total": "yuan", "fine": "yuan", "points": "points",
    "grade": "grade", "bonus_coefficient": "coef", "deemed_resignation_date": "date",
    "fines_total_current": "yuan", "fines_total_draft": "yuan", "fines_diff": "yuan",  # opscore compare
    "points_current": "points", "points_draft": "points", "total_score_current": "score",
    "total_score_draft": "score", "grade_current": "grade", "grade_draft": "grade",
    "bonus_coefficient_current": "coef", "bonus_coefficient_draft": "coef",
    "flags": "flags", "date": "date", "shift": "shift", "shift_start": "datetime",
    "shift_end": "datetime", "clock_in": "datetime", "clock_out": "datetime",
    "outcome": "outcome", "rule_ids": "list", "evidence": "long", "citation": "long",
    "reason": "long", "params": "long", "title": "text", "action": "action", "path": "text",
    "sha256": "text", "table": "text", "rows": "count", "note": "long", "headcount": "count",
    "appraised": "count", **dict.fromkeys(GRADES, "count"), "not_appraised": "count", "employees": "count", "month": "text",
    "started_at": "text", "version": "text", "findings": "long",
    "weights_used": "text", "coaching": "bool", "weighted_score": "score", "verdict": "long",
    "profile": "profile", "export_verdict": "text", "verdict_differs": "bool",
    "points_closed": "points", "points_new": "points", "grade_closed": "grade", "grade_new": "grade",
    "bonus_coefficient_closed": "coef", "bonus_coefficient_new": "coef", "center": "text",
    "fines_per_head": "yuan", "deemed_resignations": "count", "coaching_count": "count",
    "escalation_count": "count",
    "original_clock_in": "datetime", "original_clock_out": "datetime", "original_outcome": "outcome",
    "original_fine": "yuan", "correction": "long",
}



def kind_of(key: str, series: pd.Series | None = None) -> str:
    """The kind of column ``key``; a column we do not know is judged by its name, then dtype."""
    if key in KINDS:
        return KINDS[key]
    if key.endswith("_rate"):
        return "rate"
    if key.endswith("_score") or key.startswith(("component_", "score_")):
        return "score"
    if key.endswith("_date"):
        return "date"
    if key.endswith("_at"):
        return "datetime"
    if key.startswith("fine") or key.endswith("_fine") or key.endswith("_yuan"):
        return "yuan"
    if key.endswith(("_count", "_days", "_minutes")):
        return "count"
    if series is not None:
        if pd.api.types.is_bool_dtype(series):
            return "bool"
        if pd.api.types.is_numeric_dtype(series):
            return "score"
        if pd.api.types.is_datetime64_any_dtype(series):
            return "datetime"
    return "text"


def summary_columns(summary: pd.DataFrame) -> list[str]:
    """SUMMARY_COLUMNS in order, then every other column the scoring stage added."""
    return SUMMARY_COLUMNS + [c for c in summary.columns if c not in SUMMARY_COLUMNS]


EXPORT_DAY_COLUMNS = ["export_verdict", "export_leave", "verdict_differs"]
# the day as recorded beside the corrected one, when the month has a corrections table (CORR-APPLY)
CORRECTION_DAY_COLUMNS = ["original_clock_in", "original_clock_out", "original_outcome", "original_fine",
                          "correction"]


def day_columns(days: pd.DataFrame | None = None) -> list[str]:
    """Attendance sheet columns: DAY_COLUMNS with name and team after the employee id, then the
    export's own verdict beside ours when the month came from a WeCom/DingTalk export, then the
    original punches and outcome of corrected days when the month has corrections."""
    extra = [c for c in (*EXPORT_DAY_COLUMNS, *CORRECTION_DAY_COLUMNS) if days is not None and c in days.columns]
    return DAY_COLUMNS[:1] + ["name", "team"] + DAY_COLUMNS[1:] + extra


