"""Who needs an action this month: deemed resignations, coaching, escalation, commendation.

Coaching and escalation (APR-COACH) look back at earlier months, which only the ledger
knows, so the caller passes them in as ``history``; a first run without a ledger simply
sees no history. Each listed person also gets a Findings row (APR-VETO, APR-COACH,
APR-COMMEND) so the reason sits beside the rule and its article.
"""
from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pandas as pd

from ..rulebook import Rulebook
from ..words import pick_pair, say, word
from ..words.labels import action_label
from .findings import concat_findings, rule_findings

ACTION_COLUMNS = ["employee_id", "name", "team", "action", "reason"]


def _coached_before(history: pd.DataFrame | None, month: str, qa_below: float) -> pd.DataFrame:
    """(employee_id, month) pairs, distinct, of earlier months (YYYY-MM) on the coaching list."""
    empty = pd.DataFrame({"employee_id": pd.Series(dtype=str), "month": pd.Series(dtype=str)})
    if history is None or history.empty:
        return empty
    h = history[history["month"].astype(str) < month]
    if "coaching" in h:
        coached = h["coaching"].fillna(False).astype(bool)
    else:  # an older ledger: derive it the same way this month is judged
        coached = h["grade"].eq("fail") | (pd.to_numeric(h["qa_score"], errors="coerce") < qa_below)
    h = h[coached]
    return pd.DataFrame({"employee_id": h["employee_id"].astype(str), "month": h["month"].astype(str)}).drop_duplicates()


def coaching(summary: pd.DataFrame, rulebook: Rulebook, month: str,
             history: pd.DataFrame | None) -> pd.DataFrame:
    """APR-COACH per Summary row: ``coaching`` (bool: on the list this month), ``escalation``
    (bool), ``reason`` and ``months`` (the months on the list an escalation counts, this one
    last, as a tuple). Escalation: this month and the previous ``consecutive_months − 1``
    calendar months, or ``months_in_year`` months of this calendar year, all on the list."""
    p = rulebook.params("APR-COACH")
    qa = pd.to_numeric(summary["qa_score"], errors="coerce")
    fail = summary["grade"].eq("fail")
    low_qa = qa < p["qa_below"]
    now = fail | low_qa
    before = _coached_before(history, month, float(p["qa_below"]))
    period = pd.Period(month, freq="M")
    previous = sorted(str(period - i) for i in range(1, int(p["consecutive_months"])))
    emp = summary["employee_id"].astype(str)
    in_a_row = before[before["month"].isin(previous)].groupby("employee_id").size().reindex(emp).fillna(0)
    this_year = before[before["month"].str.startswith(month[:4])].sort_values("month")
    year_months = this_year.groupby("employee_id")["month"].agg(tuple).reindex(emp)
    year_count = this_year.groupby("employee_id").size().reindex(emp).fillna(0)
    consecutive = pd.Series(in_a_row.to_numpy() == len(previous), index=summary.index)
    up = now & (consecutive | pd.Series(year_count.to_numpy() + 1 >= p["months_in_year"], index=summary.index))
    run = (*previous, month)
    months = pd.Series([run if c else (*(y if isinstance(y, tuple) else ()), month)
                        for c, y in zip(consecutive.to_numpy(), year_months.to_numpy())], index=summary.index, dtype=object)
    listed = months.map(", ".join)
    sep = pick_pair((";", "; "))
    why = pd.Series(np.where(fail, word("action.fail") + sep, ""), index=summary.index, dtype=str)
    why = why + np.where(low_qa, say("action.qa_low", index=summary.index, qa=qa.map("{:.2f}".format),
                                     limit=f"{p['qa_below']:g}") + sep, "")
    why = why + np.where(up, say("action.coached", summary.index, months=listed) + sep, "")
    return pd.DataFrame({"coaching": now, "escalation": up.astype(bool), "reason": why.str.removesuffix(sep),
                         "months": months}, index=summary.index)


def commendations(summary: pd.DataFrame, rulebook: Rulebook) -> pd.Series:
    """APR-COMMEND: top share (rounded up) of those graded excellent, ties at the cut all in,
    plus the best (ties included) of any department with an excellent but no candidate yet."""
    excellent = summary[summary["grade"].eq("excellent") & summary["total_score"].notna()]
    chosen = pd.Series(False, index=summary.index)
    if excellent.empty:
        return chosen
    # Decimal: 0.1 × 30 is 3.0000000000000004 in floats and would round up to 4
    n = math.ceil(Decimal(str(rulebook.param("APR-COMMEND", "top_share"))) * len(excellent))
    cut = excellent["total_score"].nlargest(n).min()
    chosen[excellent.index[excellent["total_score"] >= cut]] = True
    for _, dept in excellent.groupby(excellent["department"].fillna("")):
        if not chosen[dept.index].any():
            chosen[dept.index[dept["total_score"] == dept["total_score"].max()]] = True
    return chosen


def veto_findings(summary: pd.DataFrame, rulebook: Rulebook, month_last_day: pd.Timestamp) -> pd.DataFrame:
    """APR-VETO, one row per trigger, with that trigger's citation and evidence (rules.md):
    a deemed resignation cites ATT-RESIGN's article with its date; a vetoing incident
    (confidentiality) cites ``APR-VETO.incident_citation`` with the incident's date and words."""
    resigned = pd.to_datetime(summary["deemed_resignation_date"])
    text = summary["veto"].fillna("").astype(str).str.strip()
    allowed = rulebook.param("ATT-RESIGN", "allowed_days")
    gone = summary[resigned.notna()]
    by_resign = rule_findings(gone.assign(date=resigned[gone.index], evidence=say(
        "score.veto_resign", index=gone.index, date=resigned[gone.index].dt.strftime("%Y-%m-%d"), nth=allowed + 1)),
        "APR-VETO", rulebook, month_last_day).assign(citation=rulebook.citation("ATT-RESIGN"))
    inc = summary[text.ne("")]
    by_incident = rule_findings(inc.assign(date=pd.to_datetime(inc["veto_date"]), evidence=say(
        "score.veto_incident", index=inc.index, what=text[inc.index])), "APR-VETO", rulebook, month_last_day)
    by_incident = by_incident.assign(citation=rulebook.param("APR-VETO", "incident_citation"))
    return concat_findings([by_resign, by_incident])


def actions(summary: pd.DataFrame, coach: pd.DataFrame, commended: pd.Series, rulebook: Rulebook,
            month_last_day: pd.Timestamp) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Actions rows and the APR-VETO / APR-COACH / APR-COMMEND findings."""
    resigned = pd.to_datetime(summary["deemed_resignation_date"])
    frames, rows = [], []

    gone = summary[resigned.notna()]
    rows.append(gone.assign(action="deemed_resignation", reason=say(
        "action.resigned", index=gone.index, date=resigned[gone.index].dt.strftime("%Y-%m-%d"))))

    frames.append(veto_findings(summary, rulebook, month_last_day))

    for action, mask in (("escalation", coach["escalation"]), ("coaching", coach["coaching"] & ~coach["escalation"])):
        listed = summary[mask].assign(action=action, reason=coach.loc[mask, "reason"])
        rows.append(listed)
        said = action_label(action) + pick_pair((":", ": "))  # the action in words, then why
        frames.append(rule_findings(listed.assign(evidence=said + listed["reason"].astype(str)),
                                    "APR-COACH", rulebook, month_last_day))

    top = summary[commended]
    reasons = say("action.commend", index=top.index, score=top["total_score"].map("{:.2f}".format))
    rows.append(top.assign(action="commendation", reason=reasons))
    frames.append(rule_findings(top.assign(evidence=reasons), "APR-COMMEND", rulebook, month_last_day))

    found = [r[ACTION_COLUMNS] for r in rows if len(r)]
    acts = pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns=ACTION_COLUMNS, dtype=object)
    return acts, concat_findings(frames)
