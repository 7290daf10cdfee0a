"""The overview and the team pages, as plain data for their templates.

The overview opens with who needs action (:mod:`.attention`), then the center's figures, and
ends with everyone grouped by team. A team page lists its members by grade then score with
their attendance counts, and sets the team's indicators beside the center's and the targets.
"""
from __future__ import annotations

from typing import Any, NamedTuple

import pandas as pd

from processor.model import ACTIONS, GRADES, TARGET_INDICATORS
from processor.words import headers, labels, texts
from processor.write import charts
from processor.write.attention import attention_counts, attention_rows, candidates
from processor.write.center import (
    grade_bars,
    grade_chart,
    grade_counts,
    indicator_chart,
    indicator_rows,
    team_table,
    trend_view,
)
from processor.write.export_verdicts import verdict_differences
from processor.write.site import Site, action_groups, team_level_findings

WORK_ACTIONS = tuple(a for a in ACTIONS if a != "commendation")  # a candidate is good news, not work


def people_by_team(site: Site) -> list[dict[str, Any]]:
    """Everyone, one group per team in the Teams order, members by grade then score."""
    order = [str(t) for t in site.teams["team"].tolist()]
    groups = {str(k): v for k, v in site.members_by_team.items()}
    names = order + sorted(set(groups) - set(order))
    return [{"team": t, "href": site.team_pages.get(t), "rows": groups[t]} for t in names if groups.get(t)]


def overview(site: Site, trend: pd.DataFrame | None) -> dict[str, Any]:
    """Context of index.html: who needs action, then the center at a glance."""
    s, sc = site.scored.summary, site.scored
    counts = grade_counts(s)
    pts = pd.to_numeric(sc.findings["points"], errors="coerce")
    rows = indicator_rows(s, sc.targets, site.lang)
    attention = attention_rows(s, site.verdicts, site.emp_pages, site.lang)
    by_id = {str(r["employee_id"]): r for r in site.people}
    picked = candidates(site.actions, by_id, site.emp_pages)
    return {
        "cards": {"employees": len(s), "appraised": sum(counts.values()),
                  "not_appraised": len(s) - sum(counts.values()),
                  "fines_total": float(pd.to_numeric(s["fines_total"], errors="coerce").sum()),
                  "points_deducted": float(pts[pts < 0].sum()), "points_added": float(pts[pts > 0].sum()),
                  "actions_count": len(attention), "candidates": len(picked)},
        "attention": attention, "attention_counts": attention_counts(attention, site.lang),
        "candidates": picked,
        "grade_counts": counts, "grade_chart": grade_chart(s, site.lang),
        "grade_chart_narrow": charts.bar_chart(grade_chart(s, site.lang)["items"], width=340, height=220),
        "indicators": rows, "indicator_chart": indicator_chart(rows),
        "indicator_chart_narrow": indicator_chart(rows, narrow=True),
        "teams": team_table(site), "team_findings": team_level_findings(sc.findings),
        "actions": [g for g in action_groups(site) if g["code"] in WORK_ACTIONS],
        "trend": trend_view(trend, s, site.month),
        "groups": people_by_team(site), "people_count": len(s), "verdicts": verdict_differences(site),
    }


_TEAM_SUMS = (("total_score", "score"), ("fines_total", "yuan"), ("absence_days", "count"),
              ("late_count", "count"), ("missing_punches", "count"))
_KPI_COLUMNS = (*TARGET_INDICATORS, "tickets", "complaints_received", *(k for k, _ in _TEAM_SUMS))


class CenterKpis(NamedTuple):
    """What every team page compares with, computed once per report (not once per team)."""

    rows: list[dict[str, Any]]  # the center's indicator rows
    sums: dict[str, float]  # the center's figures of _TEAM_SUMS (per head, or the mean score)
    teams: dict[str, pd.DataFrame]  # team → its members' rows, only the columns the KPIs read


def center_kpis(site: Site) -> CenterKpis:
    """The center's indicator rows and figures, and each team's members (one grouping of the
    Summary's few KPI columns rather than a filter of the whole Summary per team)."""
    s = site.scored.summary
    targets = site.scored.targets
    rows = indicator_rows(s, targets, site.lang)
    sums = {}
    for key, kind in _TEAM_SUMS:
        if key in s.columns:
            value = getattr(pd.to_numeric(s[key], errors="coerce"), "mean" if kind == "score" else "sum")()
            sums[key] = value if kind == "score" else value / max(len(s), 1)
    teams: dict[str, pd.DataFrame] = {}
    if "team" in s.columns:
        narrow = s[[c for c in s.columns if c in _KPI_COLUMNS]].apply(pd.to_numeric, errors="coerce")  # once, not per team
        teams = {str(team): rows_of for team, rows_of in narrow.groupby(s["team"].astype(str), sort=False)}
    return CenterKpis(rows, sums, teams)


def team_kpis(site: Site, team: str, center: CenterKpis | None = None) -> list[dict[str, Any]]:
    """The team's indicators beside the center's (``center``: :func:`center_kpis`, computed here
    when not given) and the target (one row per indicator)."""
    s = site.scored.summary
    center = center or center_kpis(site)
    mine = center.teams.get(team)
    if mine is None:
        mine = s[[c for c in s.columns if c in _KPI_COLUMNS]].iloc[0:0]
    own = indicator_rows(mine, site.scored.targets, site.lang)
    out = []
    for c, t in zip(center.rows, own):
        met = t["met"]
        out.append({"label": c["label"], "kind": c["kind"], "lower": c["lower"], "team": t["value"],
                    "center": c["value"], "target": c["target"], "met": met})
    for key, kind in _TEAM_SUMS:
        if key not in s.columns:
            continue
        agg = "mean" if kind == "score" else "sum"
        per_head = kind != "score"
        team_v = getattr(pd.to_numeric(mine[key], errors="coerce"), agg)()
        if per_head:  # a team of 12 and a center of 400 compare per head
            team_v = team_v / max(len(mine), 1)
        label = headers.human_label(key, site.lang) + ("" if not per_head else texts.TEXT[site.lang]["per_head"])
        out.append({"label": label, "kind": "score" if per_head and kind == "count" else kind, "lower": per_head,
                    "team": team_v, "center": center.sums[key], "target": None, "met": None})
    return out


def team_view(site: Site, team: str, center: CenterKpis | None = None) -> dict[str, Any]:
    """Context of a team page: the team's figures, KPIs against the center (``center``:
    :func:`center_kpis`, given by a report of many teams), members, team findings."""
    members = site.members_by_team.get(team, [])
    codes = [labels.grade_code(r["grade"]) for r in members]
    stats = [s for s in site.team_stats.get(team, []) if not (s["key"] == "findings" and not s["value"])]
    bars = grade_bars({g: codes.count(g) for g in GRADES}, site.lang)
    return {"team": team, "stats": stats, "grade_chart": bars,
            "grade_chart_narrow": charts.bar_chart(bars["items"], width=340, height=220),
            "kpis": team_kpis(site, team, center), "members": members,
            "team_findings": [f for f in site.team_findings.get(team, []) if f.get("rule_id")]}


__all__ = ["overview", "team_view", "people_by_team"]
