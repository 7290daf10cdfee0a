"""APR-ANNUAL: the year's appraisal from the ledger's months (000 四(二)).

The annual score is the mean of the monthly total_score of the months an employee was
appraised (a vetoed month with a total counts; a not-appraised month does not), rounded and
graded like a month. Two kinds of gap are told apart, because they call for different fixes:
``missing_months`` are months the ledger holds a run for in which the employee has no score
(not on the roster, or not appraised), and ``no_run_months`` are calendar months of the year
with no run at all (run them, then run the annual again).
"""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from ..rulebook import Rulebook
from .. import ledger
from .appraisal import grades, round_half_up

ANNUAL_COLUMNS = ["employee_id", "name", "department", "team", "appraised_count", "appraised_months",
                  "missing_months", "no_run_months", "annual_score", "grade", "bonus_coefficient"]


def annual_appraisal(engine: sa.Engine, year: int, rulebook: Rulebook,
                     center: str = ledger.DEFAULT_CENTER) -> pd.DataFrame:
    """One row per employee in the ledger's ``year`` (ANNUAL_COLUMNS; the month columns are lists
    of ``YYYY-MM``); name, department and team are those of the employee's latest month."""
    rows = ledger.year_results(engine, year, center)
    run_months = ledger.months(engine, year, center)
    no_run = [f"{year:04d}-{m:02d}" for m in range(1, 13) if f"{year:04d}-{m:02d}" not in run_months]
    if rows.empty:
        return pd.DataFrame(columns=ANNUAL_COLUMNS)
    rows = rows.sort_values(["employee_id", "month"])
    scored = rows[rows["total_score"].notna()]
    by = rows.groupby("employee_id", sort=True)
    out = by[["name", "department", "team"]].last()
    appraised = scored.groupby("employee_id")["month"].agg(list).reindex(out.index)
    out["appraised_months"] = [m if isinstance(m, list) else [] for m in appraised]
    out["appraised_count"] = out["appraised_months"].map(len)
    out["missing_months"] = [[m for m in run_months if m not in done] for done in out["appraised_months"]]
    out["no_run_months"] = [list(no_run) for _ in range(len(out))]
    mean = scored.groupby("employee_id")["total_score"].mean().reindex(out.index)
    out["annual_score"] = mean.map(round_half_up)
    out["grade"], out["bonus_coefficient"] = grades(out["annual_score"], rulebook)
    return out.reset_index()[ANNUAL_COLUMNS]


def monthly_scores(engine: sa.Engine, year: int, center: str = ledger.DEFAULT_CENTER) -> pd.DataFrame:
    """The per-month score table for the trend: employee_id, name, then one column per run
    month of ``year`` (``YYYY-MM``) holding that month's total_score (empty when none)."""
    rows = ledger.year_results(engine, year, center)
    run_months = ledger.months(engine, year, center)
    if rows.empty:
        return pd.DataFrame(columns=["employee_id", "name", *run_months])
    names = rows.sort_values("month").groupby("employee_id")["name"].last()
    wide = rows.pivot(index="employee_id", columns="month", values="total_score").reindex(columns=run_months)
    wide.columns.name = None
    return wide.join(names).reset_index()[["employee_id", "name", *run_months]]
