"""Findings raised while scoring (QA-SAMPLE, ORG-SPAN, APR-*), shaped like the rules' findings.

Scoring findings carry no fine and no points: the money and the points are already on the
rules' rows, and these rows only say why an employee or a team is listed. They are dated on
the last day of the month unless an event gives them a day (a deemed resignation).
"""
from __future__ import annotations

import pandas as pd

from ..model import FINDING_COLUMNS
from ..rulebook import Rulebook


def rule_findings(rows: pd.DataFrame, rule_id: str, rulebook: Rulebook,
                  date: pd.Timestamp) -> pd.DataFrame:
    """FINDING_COLUMNS rows for ``rows`` (columns employee_id, team, evidence, optional date)."""
    out = pd.DataFrame({
        "employee_id": rows["employee_id"].astype(object) if "employee_id" in rows else None,
        "team": rows["team"].astype(object),
        "date": pd.to_datetime(rows["date"]).fillna(date) if "date" in rows else date,
        "rule_id": rule_id,
        "citation": rulebook.citation(rule_id),
        "evidence": rows["evidence"].astype(object),
        "fine": 0.0,
        "points": 0.0,
    }, index=rows.index)
    return out.reset_index(drop=True)[FINDING_COLUMNS]


def concat_findings(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """All findings in one frame of FINDING_COLUMNS (empty frames skipped, no dtype warnings)."""
    frames = [f[FINDING_COLUMNS] for f in frames if f is not None and len(f)]
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in FINDING_COLUMNS})
    return pd.concat(frames, ignore_index=True)
