"""The Teams sheet: one row per team, summed from Summary, with its ORG-SPAN finding.

A manager reads the center team by team, so everything here is a sum or a count of the
Summary rows (plus the span), never a figure of its own.
"""
from __future__ import annotations

import pandas as pd

from ..model import GRADES

TEAM_COLUMNS = ["team", "department", "headcount", "staff_count", "appraised", "not_appraised", "mean_score",
                *GRADES, "fines_total", "points", "absence_days", "findings"]


def team_table(summary: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """TEAM_COLUMNS, teams in roster order; ``mean_score`` is the unrounded mean of appraised totals,
    ``department`` the team's most common department, ``findings`` its ORG-SPAN text."""
    s = summary.assign(team=summary["team"].fillna(""))
    by = s.groupby("team", sort=False)
    headcount = by.size()
    pairs = s.groupby(["team", "department"], sort=False).size().sort_values(ascending=False, kind="stable")
    department = pairs.reset_index().drop_duplicates("team").set_index("team")["department"]
    appraised = by["total_score"].count()
    out = pd.DataFrame({
        "department": department.reindex(headcount.index),
        "headcount": headcount,
        "appraised": appraised,
        "not_appraised": headcount - appraised,
        "mean_score": by["total_score"].mean(),
    })
    counts = pd.crosstab(s["team"], s["grade"]).reindex(index=out.index, columns=list(GRADES), fill_value=0)
    out = out.join(counts)
    for col in ("fines_total", "points", "absence_days"):
        out[col] = by[col].sum()
    out = out.join(spans).reset_index()
    out["staff_count"] = out["staff_count"].fillna(0).astype(int)
    out["findings"] = out["findings"].fillna("")
    return out[TEAM_COLUMNS]
