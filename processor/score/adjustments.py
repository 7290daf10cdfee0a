"""Adjustments (补发/补扣): a re-run of a closed month against the revision payroll already used.

Payroll paid the closed revision; the re-run (after a correction, a late workbook, an appeal)
may move an employee's fines, points, grade or bonus coefficient. The next payroll needs only
those differences, one row per employee whose figures changed, closed and new side by side.
``fines_diff`` is new − closed: positive is deducted (补扣), negative is paid back (补发).
An employee on only one side counts as changed, with the other side empty.
"""
from __future__ import annotations

import pandas as pd

ADJUSTMENT_COLUMNS = ["employee_id", "name", "fines_total_closed", "fines_total_new", "fines_diff",
                      "points_closed", "points_new", "grade_closed", "grade_new",
                      "bonus_coefficient_closed", "bonus_coefficient_new"]
COMPARED = ("fines_total", "points", "grade", "bonus_coefficient")


def _differs(a: pd.Series, b: pd.Series) -> pd.Series:
    """Element-wise a ≠ b, with two empty cells equal and numbers compared to the cent."""
    na, nb = a.isna(), b.isna()
    num_a, num_b = pd.to_numeric(a, errors="coerce"), pd.to_numeric(b, errors="coerce")
    if num_a.notna().eq(~na).all() and num_b.notna().eq(~nb).all():  # both numeric columns
        same = (num_a.round(2) == num_b.round(2)) | (na & nb)
    else:
        same = (a.astype(object).where(~na, None) == b.astype(object).where(~nb, None)) | (na & nb)
    return ~same


def adjustments(closed: pd.DataFrame, summary: pd.DataFrame) -> pd.DataFrame:
    """ADJUSTMENT_COLUMNS rows for the employees whose fines, points, grade or coefficient differ
    between ``closed`` (the closed revision's ledger rows) and ``summary`` (this run's)."""
    keep = ["employee_id", "name", *COMPARED]
    old = closed[keep].astype({"employee_id": str})
    new = summary[keep].astype({"employee_id": str})
    both = old.merge(new, on="employee_id", how="outer", suffixes=("_closed", "_new"), indicator=True)
    changed = both["_merge"].ne("both")
    for key in COMPARED:
        changed |= _differs(both[f"{key}_closed"], both[f"{key}_new"])
    out = both[changed].copy()
    out["name"] = out["name_new"].where(out["name_new"].notna(), out["name_closed"])
    fines_new = pd.to_numeric(out["fines_total_new"], errors="coerce").fillna(0)
    fines_closed = pd.to_numeric(out["fines_total_closed"], errors="coerce").fillna(0)
    out["fines_diff"] = (fines_new - fines_closed).round(2)
    return out.sort_values("employee_id", kind="stable").reset_index(drop=True)[ADJUSTMENT_COLUMNS]
