"""Score: turn a month's tables and rule results into Summary, Teams, Actions and Findings.

This module only strings the steps together; each rule lives in its own module:
:mod:`.indicators` (KPI-*), :mod:`.qa` (QA-*), :mod:`.components` and :mod:`.appraisal`
(APR-KPI … APR-VETO), :mod:`.actions` (APR-COACH, APR-COMMEND), :mod:`.org` (ORG-SPAN),
:mod:`.teams`, and :mod:`.annual` (APR-ANNUAL, from the ledger).
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ..model import EMPLOYEE_ATTENDANCE_COLUMNS, SUMMARY_COLUMNS, Month, RuleResults, Scored
from ..rulebook import Rulebook
from .actions import actions, coaching, commendations
from .appraisal import COMPONENTS, appraise, components_in_force, employee_weights
from .components import attendance_scores, indicator_rows, indicator_scores, rating_scores
from .findings import concat_findings
from .indicators import agent_indicators, targets
from .org import span_findings, team_spans
from .qa import qa_sample_findings, qa_scores
from .teams import team_table

__all__ = ["score_month", "due_date", "SUMMARY_EXTRA_COLUMNS"]

# Columns Summary carries after the stable keys (component scores and their inputs).
SUMMARY_EXTRA_COLUMNS = ["profile", *(col for col, _, rule in COMPONENTS.values() if rule), "weighted_score",
                         "weights_used", "complaints_per_100", "excused_count", "prep_rate", "coaching"]
COUNTS = ("tickets", "complaints_received", "qa_count")  # 0, not "no data", when nothing was counted


def due_date(month: str, rulebook: Rulebook) -> date:
    """APR-DUE: the appraisal of ``month`` is due on the ``due_day`` of the next month."""
    nxt = pd.Period(month, freq="M") + 1
    return date(nxt.year, nxt.month, int(rulebook.param("APR-DUE", "due_day")))


def _table(month: Month, key: str) -> pd.DataFrame:
    return month.tables.get(key, pd.DataFrame())


def _flags(summary: pd.DataFrame, coach: pd.DataFrame, commended: pd.Series, qa_short: set[str]) -> list[str]:
    """The ``;``-joined flag codes of each Summary row (processor.words.labels.FLAG_WORDS words them)."""
    def code(mask: pd.Series, text: str | pd.Series) -> np.ndarray:
        return np.where(mask.to_numpy(bool), text, "")

    missing = summary["missing"].fillna("")
    parts = [
        code(summary["not_appraised"], "not_appraised"),
        code(~summary["not_appraised"] & (missing != ""), "rescaled:" + missing),
        code(summary["vetoed"], "veto"),
        code(summary["deemed_resignation_date"].notna(), "deemed_resigned"),
        code(summary["employee_id"].isin(qa_short), "qa_sample_small"),
        code(summary["missing_punches"].fillna(0) > 0, "missing_punch"),
        code(coach["escalation"], "escalation"),
        code(coach["coaching"] & ~coach["escalation"], "coaching"),
        code(commended, "commendation"),
    ]
    return [";".join(filter(None, row)) for row in zip(*parts)]


def score_month(month: Month, results: RuleResults, rulebook: Rulebook,
                history: pd.DataFrame | None = None, run_date: date | None = None) -> Scored:
    """Score every roster employee of ``month``.

    ``history`` holds earlier months from the ledger (month, employee_id, grade, qa_score,
    coaching) for APR-COACH; ``run_date`` (default today) decides whether the run is late.
    """
    period = month.period
    last_day = period.end_time.normalize()
    roster = _table(month, "roster")
    summary = roster[["employee_id", "name", "department", "team", "role"]].astype(object).reset_index(drop=True)

    ind_rows = indicator_rows(_table(month, "indicators"))
    per_agent: list[pd.DataFrame | pd.Series] = [agent_indicators(_table(month, "tickets"), rulebook, (period + 1).start_time),
                 qa_scores(_table(month, "qa"), rulebook), rating_scores(_table(month, "ratings")),
                 indicator_scores(ind_rows)]
    for part in per_agent:
        summary = summary.join(part, on="employee_id")
    for col in COUNTS:
        summary[col] = summary[col].fillna(0).astype("int64")

    emp = results.employees[EMPLOYEE_ATTENDANCE_COLUMNS].set_index("employee_id")
    summary = summary.join(emp, on="employee_id")
    summary["veto"] = summary["veto"].fillna("")
    summary["attendance_score"] = attendance_scores(summary, rulebook)

    appraised = appraise(summary, rulebook)
    summary = summary.join(appraised)
    coach = coaching(summary, rulebook, month.month, history)
    commended = commendations(summary, rulebook)
    acts, apr_findings = actions(summary, coach, commended, rulebook, last_day)
    qa_findings = qa_sample_findings(summary, rulebook, last_day)
    spans = team_spans(roster, rulebook)

    summary["coaching"] = coach["coaching"]
    summary["flags"] = _flags(summary, coach, commended, set(qa_findings["employee_id"]))
    extra_cols = [c for c in SUMMARY_EXTRA_COLUMNS if c in summary]
    summary = summary[SUMMARY_COLUMNS + extra_cols]

    due = due_date(month.month, rulebook)
    run_date = run_date or date.today()
    return Scored(
        summary=summary,
        teams=team_table(summary, spans),
        actions=acts,
        findings=concat_findings([results.findings, qa_findings, span_findings(spans, rulebook, last_day),
                                  apr_findings]),
        due_date=due,
        run_late=run_date > due,
        targets=targets(rulebook),
        components=tuple(c for c in components_in_force(rulebook) if c in summary.columns),
        weights=employee_weights(appraised.assign(employee_id=summary["employee_id"]), rulebook),
        escalated=dict(zip(summary.loc[coach["escalation"], "employee_id"].astype(str),
                           coach.loc[coach["escalation"], "months"])),
    )
