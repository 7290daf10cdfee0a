"""Who needs someone to act, most urgent first: the index's 需关注 table and the candidates.

One row per person, at their most severe reason: deemed resigned → 不合格 → 合格 → fines of
¥100 or more → missing punches to review. The cause is the person's verdict line (the same
words as their page, the Actions sheet and the payroll note) or, for fines and punches, what
they are made of. Outstanding-employee candidates are good news, not work: they have their
own card and list and are never counted among the people needing action.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from processor.words import labels
from processor.words.texts import ATTENTION_WORDS
from processor.write import filters
from processor.write.vectors import records

FINES_ATTENTION = 100.0  # yuan: a month's fines from which a manager should look
SEVERITIES = ("resigned", "fail", "pass", "fines", "missing_punch")
KEYS = ["employee_id", "name", "team", "grade", "total_score", "fines_total", "deemed_resignation_date",
        "missing_punches", "absence_days", "late_count", "early_count"]


def severity(summary: pd.DataFrame) -> np.ndarray:
    """Index into SEVERITIES of each Summary row's most severe reason; -1 for none (vectorised)."""
    def col(key: str) -> pd.Series:
        return summary[key] if key in summary.columns else pd.Series([None] * len(summary), index=summary.index)

    grade = col("grade").map(labels.grade_code)
    fines = pd.to_numeric(col("fines_total"), errors="coerce").fillna(0.0)
    punches = pd.to_numeric(col("missing_punches"), errors="coerce").fillna(0.0)
    conditions = [pd.to_datetime(col("deemed_resignation_date"), errors="coerce").notna(), grade.eq("fail"),
                  grade.eq("pass"), fines >= FINES_ATTENTION, punches > 0]
    return np.select([c.to_numpy(bool) for c in conditions], list(range(len(SEVERITIES))), default=-1)


def attention_rows(summary: pd.DataFrame, verdict_of: dict[str, str], emp_pages: dict[str, str],
                   lang: str) -> list[dict[str, Any]]:
    """The 需关注 rows, most severe first; within a severity the larger fine, then the lower total."""
    if summary.empty:
        return []
    sev = severity(summary)
    frame = summary.reindex(columns=KEYS).assign(_sev=sev)
    frame = frame[frame["_sev"] >= 0]
    frame = frame.assign(_fine=-pd.to_numeric(frame["fines_total"], errors="coerce").fillna(0.0),
                         _total=pd.to_numeric(frame["total_score"], errors="coerce"))
    frame = frame.sort_values(["_sev", "_fine", "_total", "employee_id"], kind="stable", na_position="last")
    w = ATTENTION_WORDS[lang]
    rows = []
    for r in records(frame, [*KEYS, "_sev"]):
        kind = SEVERITIES[int(r["_sev"])]
        emp = str(r["employee_id"])
        if kind == "fines":
            cause = w["fines_cause"].format(y=filters.yuan(r["fines_total"]), a=filters.count(r["absence_days"] or 0),
                                            l=filters.count(r["late_count"] or 0), e=filters.count(r["early_count"] or 0))
        elif kind == "missing_punch":
            cause = w["punch_cause"].format(n=filters.count(r["missing_punches"]))
        else:
            cause = verdict_of.get(emp, "")
        rows.append({**r, "kind": kind, "kind_label": w[kind], "cause": cause, "href": emp_pages.get(emp),
                     "grade_code": labels.grade_code(r["grade"])})
    return rows


def attention_counts(rows: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """How many people at each severity, for the table's caption."""
    return [{"kind": k, "label": ATTENTION_WORDS[lang][k], "n": sum(r["kind"] == k for r in rows)} for k in SEVERITIES]


def candidates(actions: list[dict[str, Any]], summary_rows: dict[str, dict[str, Any]],
               emp_pages: dict[str, str]) -> list[dict[str, Any]]:
    """Outstanding-employee candidates (APR-COMMEND), best total first."""
    out = []
    for a in actions:
        if a.get("action") != "commendation":
            continue
        emp = str(a.get("employee_id"))
        row = summary_rows.get(emp, {})
        out.append({"employee_id": emp, "name": a.get("name"), "team": a.get("team"),
                    "total_score": row.get("total_score"), "href": emp_pages.get(emp)})
    return sorted(out, key=lambda r: (-(r["total_score"] or 0), r["employee_id"]))
