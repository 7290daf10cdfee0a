"""Apply the regulations (rules.md: Attendance, Leave, Shift swaps, Breaks, Discipline
incidents) to a validated month.

Pure functions from tables to tables, one module per concern, each rule testable alone:
swaps are judged first (a private swap is an absence), then leave (a request is valid or
not as a whole), then the approved corrections are made (CORR-APPLY), then every attendance
day with what all three say; incidents and breaks stand apart. Every cause is its own Findings
row; money and points sit only on the rows that
carry them (ATT-ABSENCE, ATT-LATE, ATT-EARLY, incident codes, SW-LIMIT), so the Findings
table sums to each employee's ``fines_total`` and ``points``.
"""
from __future__ import annotations

import pandas as pd

from ..model import DAY_COLUMNS, Month, RuleResults
from ..rulebook import Rulebook
from .attendance import judge_days
from .breaks import concurrent_findings, length_findings
from .corrections import Corrections
from .employee_attendance import summarize
from .finding_rows import finalize
from .handover import handover_findings, id_use_findings
from .incidents import price_incidents
from .leave import coverage_findings, judge_leave
from .leave_shifts import day_cover
from .month_tables import holidays, ids, table, team_of
from .swaps import judge_swaps
from .verdicts import attach_verdicts

__all__ = ["apply_rules"]


def _attendance(month: Month) -> pd.DataFrame:
    att = table(month, "attendance").copy()
    att["date"] = pd.to_datetime(att["date"]).dt.normalize().astype("datetime64[ns]")
    for col in ("shift_start", "shift_end", "clock_in", "clock_out"):
        att[col] = pd.to_datetime(att[col]).astype("datetime64[ns]")
    att["_aid"] = range(len(att))
    return att


def apply_rules(month: Month, rulebook: Rulebook) -> RuleResults:
    """Every rule of the five sections applied to ``month`` with ``rulebook``'s parameters."""
    roster = table(month, "roster")
    att = _attendance(month)
    hol = holidays(month)
    swaps, private, swap_findings = judge_swaps(table(month, "swaps"), roster, att, hol, rulebook)
    leave, cover, leave_findings = judge_leave(table(month, "leave"), att, swaps, hol, rulebook, month.period)
    corr = Corrections.plan(table(month, "corrections"), att, rulebook)  # CORR-APPLY, before the rules
    days, day_findings = judge_days(*corr.apply(att, day_cover(cover, leave), private), rulebook)
    incident_findings, veto = price_incidents(table(month, "incidents"), rulebook)
    br = table(month, "breaks")
    findings = finalize([
        day_findings, leave_findings,
        coverage_findings(att, cover, team_of(roster), rulebook),
        swap_findings, length_findings(br, rulebook), concurrent_findings(br, rulebook),
        incident_findings, corr.findings(days), id_use_findings(days, table(month, "tickets")),
        handover_findings(days, team_of(roster), rulebook),
    ], roster, rulebook)
    findings, days = corr.waive(findings, days, roster)
    employees = summarize(roster, days, findings, veto)
    return RuleResults(days=corr.annotate(attach_verdicts(_days_out(days), att)), findings=findings, employees=employees,
                       leave=leave.drop(columns=["_lid", "leave_text"]), swaps=swaps)


def _days_out(days: pd.DataFrame) -> pd.DataFrame:
    out = days[DAY_COLUMNS].copy()
    rebuilt = days["from_verdict"].to_numpy(dtype=bool)  # times placed on the usual shift, not read
    out.loc[rebuilt, ["shift_start", "shift_end", "clock_in", "clock_out"]] = pd.NaT
    out["employee_id"] = ids(out["employee_id"])
    out["shift"] = ids(out["shift"])
    for col in ("outcome", "rule_ids", "evidence"):
        out[col] = out[col].fillna("").astype(str)
    out["late_minutes"] = out["late_minutes"].astype("int64")
    out["early_minutes"] = out["early_minutes"].astype("int64")
    out["fine"] = out["fine"].astype(float)
    return out.reset_index(drop=True)
