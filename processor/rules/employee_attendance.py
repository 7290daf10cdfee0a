"""Per-employee attendance figures (EMPLOYEE_ATTENDANCE_COLUMNS), one row per roster employee.

Counts come from the day flags of :mod:`.attendance`; money and points from the Findings
table itself, so ``fines_total`` and ``points`` always equal the sums of the employee's
findings. ``late_count`` / ``early_count`` and their minutes include excused days (they are
occurrences for APR-ATTEND; ``excused_count`` says how many were excused) and exclude
absence days. ``prep_rate`` is empty with no worked shift whose arrival is known (days rebuilt
from an export's verdicts are not measured).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import EMPLOYEE_ATTENDANCE_COLUMNS
from .month_tables import ids


def summarize(roster: pd.DataFrame, days: pd.DataFrame, findings: pd.DataFrame,
              veto: pd.DataFrame) -> pd.DataFrame:
    """EMPLOYEE_ATTENDANCE_COLUMNS for every roster employee."""
    d = days.assign(
        late_m=days["late_minutes"].where(days["late_counted"], 0),
        early_m=days["early_minutes"].where(days["early_counted"], 0),
        resign_date=days["date"].where(days["resign"]),
    )
    g = d.groupby("employee_id")
    per = pd.DataFrame({
        "late_count": g["late_counted"].sum(),
        "early_count": g["early_counted"].sum(),
        "late_minutes": g["late_m"].sum(),
        "early_minutes": g["early_m"].sum(),
        "excused_count": g["excused"].sum(),
        "absence_days": g["absence"].sum(),
        "missing_punches": g["one_punch"].sum(),
        "leave_days": g["leave_day"].sum(),
        "worked_shifts": g["worked"].sum(),
        "prep_on_time": g["prep_on_time"].sum(),
        "prep_measured": g["prep_measured"].sum(),
        "deemed_resignation_date": g["resign_date"].min(),
    })
    money = findings.dropna(subset=["employee_id"]).groupby("employee_id")[["fine", "points"]].sum()
    out = pd.DataFrame({"employee_id": ids(roster["employee_id"].drop_duplicates()).reset_index(drop=True)})
    out = out.join(per, on="employee_id").join(money, on="employee_id")
    counts = ["late_count", "early_count", "late_minutes", "early_minutes", "excused_count",
              "absence_days", "missing_punches", "leave_days", "worked_shifts", "prep_on_time"]
    out[counts] = out[counts].fillna(0).astype("int64")
    measured = out.pop("prep_measured").fillna(0)
    out["prep_rate"] = (out["prep_on_time"] / measured.replace(0, np.nan)).astype(float)
    out["deemed_resignation_date"] = pd.to_datetime(out["deemed_resignation_date"]).astype("datetime64[ns]")
    out["fines_total"] = out.pop("fine").fillna(0.0).astype(float)
    out["points"] = out["points"].fillna(0.0).astype(float)
    reason = out["employee_id"].map(veto["veto"]).astype(object)
    out["veto"] = reason.where(reason.notna(), "").astype(str)
    out["veto_date"] = pd.to_datetime(veto["veto_date"]).reindex(out["employee_id"]).to_numpy(dtype="datetime64[ns]")
    return out[EMPLOYEE_ATTENDANCE_COLUMNS]
