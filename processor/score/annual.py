"""APR-ANNUAL: the year's appraisal from the ledger's months (000 四(二)).

It reads only what each month's run stored (total_score, grade, flags), never re-scores. The
annual rests on the monthly results (以月度考核结果为基础): a month graded 不合格 by a veto
(flag ``veto``) counts 0 in the mean (``vetoed_month_score = "zero"``; ``"total"`` uses the
month's computed total, and a vetoed month with an empty total is then left out); a month
with an empty total (not appraised) is not in the mean. The mean is rounded and graded like a
month. Per employee it lists the months failed (graded 不合格, vetoed or not), vetoed, and
missing; two kinds of gap are told apart, because they call for different fixes:
``missing_months`` are months the ledger holds a run for in which the employee has no score
(not on the roster, or not appraised), and ``no_run_months`` are calendar months of the year
with no run at all (run them, then run the annual again). While the year has months with no
run the result is ``provisional``.
"""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from .. import ledger
from ..rulebook import Rulebook
from .appraisal import grades, round_half_up

ANNUAL_COLUMNS = ["employee_id", "name", "department", "team", "appraised_count", "appraised_months",
                  "failed_months", "vetoed_months", "missing_months", "no_run_months", "annual_score",
                  "grade", "bonus_coefficient", "provisional"]


def _month_lists(rows: pd.DataFrame, mask: pd.Series, index: pd.Index) -> list[list[str]]:
    got = rows[mask].groupby("employee_id")["month"].agg(list).reindex(index)
    return [m if isinstance(m, list) else [] for m in got]


def month_scores(rows: pd.DataFrame, rulebook: Rulebook) -> tuple[pd.Series, pd.Series]:
    """(score that counts in the annual mean, whether the month was vetoed) per ledger row."""
    mode = rulebook.param("APR-ANNUAL", "vetoed_month_score")
    flags = rows["flags"].fillna("").astype(str).str.split(";")
    vetoed = flags.map(lambda f: "veto" in f).astype(bool)
    total = pd.to_numeric(rows["total_score"], errors="coerce")
    score = total.mask(vetoed, 0.0) if mode == "zero" else total
    return score, vetoed


def annual_appraisal(engine: sa.Engine, year: int, rulebook: Rulebook,
                     center: str = ledger.DEFAULT_CENTER) -> pd.DataFrame:
    """One row per employee in the ledger's ``year`` (ANNUAL_COLUMNS; the month columns are lists
    of ``YYYY-MM``); name, department and team are those of the employee's latest month."""
    rows = ledger.year_results(engine, year, center)
    run_months = ledger.months(engine, year, center)
    no_run = [f"{year:04d}-{m:02d}" for m in range(1, 13) if f"{year:04d}-{m:02d}" not in run_months]
    if rows.empty:
        return pd.DataFrame(columns=ANNUAL_COLUMNS)
    rows = rows.sort_values(["employee_id", "month"]).reset_index(drop=True)
    rows["score"], vetoed = month_scores(rows, rulebook)
    counted = rows["score"].notna()
    out = rows.groupby("employee_id", sort=True)[["name", "department", "team"]].last()
    out["appraised_months"] = _month_lists(rows, counted, out.index)
    out["appraised_count"] = out["appraised_months"].map(len)
    out["failed_months"] = _month_lists(rows, rows["grade"].eq("fail"), out.index)
    out["vetoed_months"] = _month_lists(rows, vetoed, out.index)
    out["missing_months"] = [[m for m in run_months if m not in done] for done in out["appraised_months"]]
    out["no_run_months"] = [list(no_run) for _ in range(len(out))]
    mean = rows[counted].groupby("employee_id")["score"].mean().reindex(out.index)
    out["annual_score"] = mean.map(round_half_up)
    out["grade"], out["bonus_coefficient"] = grades(out["annual_score"], rulebook)
    out["provisional"] = bool(no_run)
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
