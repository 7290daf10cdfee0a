"""Quality checks of recordings: the monthly QA score (QA-SCORE) and its sample size (QA-SAMPLE).

A fatal error counts as 0 by default (rulebook switch ``fatal_scores_zero``): one recording
that leaked a customer's data should weigh on the month, not be averaged away.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..rulebook import Rulebook
from ..words import say
from .findings import rule_findings


def qa_scores(qa: pd.DataFrame, rulebook: Rulebook) -> pd.DataFrame:
    """Per agent id (index ``employee_id``): ``qa_score`` (mean, 0–100) and ``qa_count``."""
    if qa.empty:
        return pd.DataFrame({"qa_score": pd.Series(dtype=float), "qa_count": pd.Series(dtype=np.int64)},
                            index=pd.Index([], name="employee_id", dtype=object))
    score = pd.to_numeric(qa["score"], errors="coerce")
    if rulebook.param("QA-SCORE", "fatal_scores_zero") and "fatal_error" in qa:
        score = score.mask(qa["fatal_error"].fillna(False).astype(bool), 0.0)
    grouped = score.groupby(qa["agent_id"].to_numpy(object))
    out = pd.DataFrame({"qa_score": grouped.mean(), "qa_count": grouped.count().astype(np.int64)})
    out.index = out.index.astype(object).rename("employee_id")
    return out


def qa_sample_findings(summary: pd.DataFrame, rulebook: Rulebook, date: pd.Timestamp) -> pd.DataFrame:
    """QA-SAMPLE: an agent with a ticket this month and fewer evaluations than the minimum."""
    need = int(rulebook.param("QA-SAMPLE", "min_evaluations"))
    short = summary[(summary["tickets"].fillna(0) >= 1) & (summary["qa_count"].fillna(0) < need)]
    rows = short[["employee_id", "team"]].assign(evidence=say(
        "score.qa_sample", index=short.index, evaluations=short["qa_count"].fillna(0).astype("int64").astype(str),
        need=need, tickets=short["tickets"].astype("int64").astype(str)))
    return rule_findings(rows, "QA-SAMPLE", rulebook, date)
