"""ORG-SPAN: a supervisor leads 12–14 staff (003 项目督导), checked team by team.

Staff are the roster members ranked below ``ORG-SPAN.lead_role`` (班长) in the rulebook's ranks (客服专员, 质检专员 …,
and any role the ranks do not list); 班长, 项目督导 and above lead rather than count. Applying
the span to 班长-led teams is the reading of rules.md.
"""
from __future__ import annotations

import pandas as pd

from ..rulebook import Rulebook
from ..words import say
from .findings import rule_findings


def team_spans(roster: pd.DataFrame, rulebook: Rulebook) -> pd.DataFrame:
    """Per team (index ``team``): ``staff_count`` (members below the lead role) and ``findings`` text ('' if within)."""
    lo, hi = int(rulebook.param("ORG-SPAN", "min_staff")), int(rulebook.param("ORG-SPAN", "max_staff"))
    lead = rulebook.rank(rulebook.param("ORG-SPAN", "lead_role"))  # members ranked below it are the span
    is_staff = roster["role"].map(rulebook.rank) < lead
    staff = is_staff.groupby(roster["team"].fillna("").to_numpy(object), sort=False).sum().astype(int)
    role = rulebook.param("ORG-SPAN", "lead_role")
    said = say("score.span", index=staff.index, team=pd.Series(staff.index, index=staff.index),
               role=role, staff=staff.astype(str), low=lo, high=hi)
    out = pd.DataFrame({"staff_count": staff, "findings": said.where((staff < lo) | (staff > hi), "")})
    out.index.name = "team"
    return out


def span_findings(spans: pd.DataFrame, rulebook: Rulebook, date: pd.Timestamp) -> pd.DataFrame:
    """Team-level ORG-SPAN findings (employee_id None) for teams outside the span."""
    bad = spans[spans["findings"] != ""]
    rows = pd.DataFrame({"employee_id": None, "team": bad.index.to_numpy(object),
                         "evidence": bad["findings"].to_numpy(object)})
    return rule_findings(rows, "ORG-SPAN", rulebook, date)
