"""The month being reported, as every page of the report sees it: the :class:`Site`.

The Site holds the scored month, the rule results and the run, where each page lives, and
what several pages share, converted once (the people rows, the verdict lines, the actions).
The overview and team pages are built in :mod:`.views` from the center's figures
(:mod:`.center`); the employee page in :mod:`.person`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from processor.model import ACTIONS, FINDING_COLUMNS, GRADES, RuleResults, RunInfo, Scored
from processor.words import headers, labels
from processor.write.columns import kind_of
from processor.write.vectors import records
from processor.write.verdicts import action_reasons, verdicts

FINDING_KEYS = [*FINDING_COLUMNS, "title"]


@dataclass
class Site:
    """The month being reported and where each page of it lives."""

    lang: str
    month: str
    scored: Scored
    results: RuleResults
    info: RunInfo
    emp_pages: dict[str, str] = field(default_factory=dict)  # employee_id → file name
    team_pages: dict[str, str] = field(default_factory=dict)  # team → file name

    @cached_property
    def rule_titles(self) -> dict[str, str]:
        return {r.rule_id: r.title for r in self.info.rules}

    @cached_property
    def verdicts(self) -> dict[str, str]:
        """Employee id → verdict line (:mod:`.verdicts`): the same words on every page and sheet."""
        return verdicts(self.scored.summary, self.scored.findings, self.info.rules, self.lang)

    @cached_property
    def actions(self) -> list[dict[str, Any]]:
        """scored.actions as records, their reasons in the page's language, converted once for all pages."""
        acts = self.scored.actions
        if not acts.empty:
            acts = acts.assign(reason=action_reasons(acts, self.scored.summary, self.verdicts, self.info.rules,
                                                     self.scored.escalated, self.lang))
        return records(acts, ["employee_id", "name", "team", "action", "reason"])

    @cached_property
    def actions_by_employee(self) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for a in self.actions:
            out.setdefault(str(a.get("employee_id")), []).append(a)
        return out

    @property
    def teams(self) -> pd.DataFrame:
        return self.scored.teams

    @cached_property
    def people(self) -> list[dict[str, Any]]:
        """Every employee's row of the people tables, in Summary order, converted once."""
        return people_rows(self, self.scored.summary)

    @cached_property
    def members_by_team(self) -> dict[object, list[dict[str, Any]]]:
        """Each team's rows of :attr:`people`, by grade (优秀 first, a vetoed 不合格 among the
        不合格), then best total.

        One stable sort of the whole Summary, then one pass: the same order as sorting each
        team's members on its own, without filtering the Summary once per team page.
        """
        s = self.scored.summary
        out: dict[object, list[dict[str, Any]]] = {}
        for i in grade_order(s).tolist():
            row = self.people[i]
            out.setdefault(row["team"], []).append(row)
        return out

    @cached_property
    def team_stats(self) -> dict[str, list[dict[str, Any]]]:
        """The figures of each team page, keyed by team name (the first row of a name wins)."""
        frame = self.teams
        kinds = {k: kind_of(k, frame[k]) for k in frame.columns}
        out: dict[str, list[dict[str, Any]]] = {}
        for row in records(frame):
            out.setdefault(str(row.get("team")), [
                {"key": k, "label": headers.human_label(k, self.lang), "kind": kinds[k], "value": v}
                for k, v in row.items() if k != "team"])
        return out

    @cached_property
    def team_findings(self) -> dict[object, list[dict[str, Any]]]:
        """Team-level findings (no employee) grouped by team, in Findings order."""
        out: dict[object, list[dict[str, Any]]] = {}
        for f in team_level_findings(self.scored.findings):
            out.setdefault(f["team"], []).append(f)
        return out


def grade_order(summary: pd.DataFrame) -> pd.Index:
    """Positions of Summary rows by grade (优秀 … 不合格, not appraised last), then total, best first."""
    frame = summary.reset_index(drop=True)
    rank = frame["grade"].map(labels.grade_code).map({g: i for i, g in enumerate(GRADES)})
    total = pd.to_numeric(frame["total_score"], errors="coerce")
    ids = frame["employee_id"].astype(str)
    keyed = pd.DataFrame({"r": rank.fillna(len(GRADES)), "t": -total.fillna(-1e9), "i": ids})
    return keyed.sort_values(["r", "t", "i"], kind="stable").index


def people_rows(site: Site, summary: pd.DataFrame) -> list[dict[str, Any]]:
    keys = ["employee_id", "name", "team", "role", "total_score", "grade", "bonus_coefficient",
            "fines_total", "points", "flags", "absence_days", "late_count", "missing_punches",
            "deemed_resignation_date"]
    return [dict(r, href=site.emp_pages.get(str(r.get("employee_id"))),
                 team_href=site.team_pages.get(str(r.get("team"))),
                 verdict=site.verdicts.get(str(r.get("employee_id")), ""))
            for r in records(summary, keys)]


def team_level_findings(findings: pd.DataFrame, team: str | None = None) -> list[dict[str, Any]]:
    """Findings with no employee (LV-COVERAGE, ORG-SPAN …), for one team or all."""
    sel = findings["employee_id"].isna() | (findings["employee_id"].astype(str) == "")
    if team is not None:
        sel &= findings["team"].astype(object) == team
    return records(findings[sel], FINDING_KEYS)


def action_groups(site: Site, employee_id: str | None = None) -> list[dict[str, Any]]:
    """Action lists, one group per action code, in the order people must act on them."""
    acts = site.actions if employee_id is None else site.actions_by_employee.get(employee_id, [])
    codes = [c for c in ACTIONS if any(a.get("action") == c for a in acts)]
    codes += sorted({str(a.get("action")) for a in acts} - set(codes))
    return [{"code": c, "rows": [dict(a, href=site.emp_pages.get(str(a.get("employee_id"))))
                                 for a in acts if str(a.get("action")) == c]} for c in codes]
