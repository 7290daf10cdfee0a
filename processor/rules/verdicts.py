"""Compare an attendance export's own verdicts (WeCom/DingTalk) with opscore's.

A center's DingTalk or WeCom rules (flexible hours, grace minutes) may differ from its
written regulations; opscore applies the regulations to the punches and keeps the export's
verdict beside its own, so the Attendance sheet shows every day where the two disagree.
"""
from __future__ import annotations

import pandas as pd

# What the export's words say about a day, most serious first (the first that matches wins).
_KINDS = (("absence", r"旷工|未打卡"), ("missing_punch", r"缺卡"), ("late", r"迟到"), ("early", r"早退"),
          ("leave", r"请假|假"), ("rest", r"休息"), ("normal", r"正常|补卡|改为正常|外出"))
_SAME = {"absence": {"absence"}, "missing_punch": {"missing_punch"},
         "late": {"late", "late_early", "excused"}, "early": {"early", "late_early", "excused"},
         "leave": {"leave"}, "rest": {"rest"}, "normal": {"normal"}}


def export_kind(verdict: pd.Series) -> pd.Series:
    """The outcome an export's verdict text claims (None where it says nothing we know)."""
    text = verdict.fillna("").astype(str)
    out = pd.Series(None, index=verdict.index, dtype=object)
    for kind, pattern in reversed(_KINDS):  # most serious last, so it overwrites
        out = out.mask(text.str.contains(pattern, regex=True), kind)
    return out


def attach_verdicts(days: pd.DataFrame, attendance: pd.DataFrame) -> pd.DataFrame:
    """``days`` plus ``export_verdict``, ``export_leave`` and ``verdict_differs`` when the month's
    attendance came (partly) from an export; unchanged otherwise."""
    if "export_verdict" not in attendance.columns or attendance["export_verdict"].isna().all():
        return days
    cols = ["employee_id", "date", "export_verdict", "export_leave"]
    src = attendance[[c for c in cols if c in attendance.columns]].copy()
    src["date"] = pd.to_datetime(src["date"]).dt.normalize().astype("datetime64[ns]")
    src = src.drop_duplicates(["employee_id", "date"])
    out = days.merge(src, on=["employee_id", "date"], how="left")
    kind = export_kind(out["export_verdict"])
    agrees = pd.Series([o in _SAME.get(k, {o}) for o, k in zip(out["outcome"], kind)], index=out.index)
    out["verdict_differs"] = kind.notna() & ~agrees
    return out
