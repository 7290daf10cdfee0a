"""What each page of the report shows, as plain data: the overview and the team pages.

Every figure a page prints is computed here from the scored month (never in a template),
and handed to the templates as dicts and lists of raw values; the templates only lay them
out and format them through the filters. The employee page is in :mod:`.person`.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from processor.model import FINDING_COLUMNS, RuleResults, RunInfo, Scored, Target
from processor.write import charts, labels
from processor.write.columns import INDICATORS, kind_of
from processor.write.vectors import column_values
from processor.write.verdicts import action_reasons, verdicts

GRADE_ORDER = ("excellent", "good", "pass", "fail")
ACTION_ORDER = ("deemed_resignation", "escalation", "coaching", "commendation")
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
        if not acts.empty and "employee_id" in acts.columns:
            acts = acts.assign(reason=action_reasons(acts, self.scored.summary, self.verdicts, self.info.rules,
                                                     self.lang))
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
        if s.empty or "team" not in s.columns:
            return out
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
                {"key": k, "label": labels.human_label(k, self.lang), "kind": kinds[k], "value": v}
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
    rank = frame["grade"].map(labels.grade_code).map({g: i for i, g in enumerate(GRADE_ORDER)}) \
        if "grade" in frame.columns else pd.Series(0, index=frame.index)
    total = pd.to_numeric(frame["total_score"], errors="coerce") if "total_score" in frame.columns else rank * 0
    ids = frame["employee_id"].astype(str) if "employee_id" in frame.columns else rank * 0
    keyed = pd.DataFrame({"r": rank.fillna(len(GRADE_ORDER)), "t": -total.fillna(-1e9), "i": ids})
    return keyed.sort_values(["r", "t", "i"], kind="stable").index


def records(frame: pd.DataFrame | None, keys: list[str] | None = None) -> list[dict[str, Any]]:
    """Rows as dicts with None for every missing value (NaN, NaT, pd.NA).

    With ``keys``, every row has exactly those keys (None where the frame lacks the column),
    so templates can rely on them.

    Built column by column (one ``tolist`` each) rather than with ``DataFrame.to_dict``, which
    boxes every cell through pandas and took seconds on a large center's 62,000 employee-days.
    """
    if frame is None or frame.empty:
        return []
    sub = frame if keys is None else frame.reindex(columns=keys)
    names = list(sub.columns)
    columns = [column_values(sub.iloc[:, i]) for i in range(sub.shape[1])]
    return [dict(zip(names, row)) for row in zip(*columns)]


def as_number(value: object) -> float | None:
    """``value`` as a float; None when it is missing (NaN, None, NaT) or not a number."""
    try:
        f = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if f != f else f


def grade_counts(summary: pd.DataFrame) -> dict[str, int]:
    codes = summary["grade"].map(labels.grade_code) if "grade" in summary.columns else pd.Series([], dtype=object)
    return {g: int((codes == g).sum()) for g in GRADE_ORDER}


def grade_chart(summary: pd.DataFrame, lang: str) -> dict[str, Any]:
    return grade_bars(grade_counts(summary), lang)


def grade_bars(counts: Mapping[str, int], lang: str) -> dict[str, Any]:
    """The grade distribution as bars, from counts per grade code."""
    items = [{"label": labels.grade_label(g, lang), "value": counts[g], "cls": f"g-{g}"} for g in GRADE_ORDER]
    return {**charts.bar_chart(items), "items": items}


def indicator_rows(summary: pd.DataFrame, targets: Mapping[str, Target], lang: str) -> list[dict[str, Any]]:
    """Each indicator's center mean (over employees with data) against its target."""
    rows = []
    for key in INDICATORS:
        col = pd.to_numeric(summary[key], errors="coerce") if key in summary.columns else pd.Series(dtype=float)
        mean = as_number(col.mean()) if col.notna().any() else None
        target = targets.get(key)
        rows.append({"key": key, "label": labels.human_label(key, lang), "value": mean, "kind": "rate",
                     "target": None if target is None else target.value,
                     "met": None if target is None else target.met(mean),
                     "n": int(col.notna().sum()), "lower": False})
    tickets = pd.to_numeric(summary.get("tickets"), errors="coerce") if "tickets" in summary else None
    if tickets is not None and tickets.sum() > 0:
        per100 = float(pd.to_numeric(summary["complaints_received"], errors="coerce").sum()) / float(tickets.sum()) * 100
        target = targets["complaints_per_100"]
        rows.append({"key": "complaints_per_100", "label": labels.human_label("complaints_per_100", lang),
                     "value": per100, "kind": "score", "target": target.value, "lower": True,
                     "met": target.met(per100), "n": int((tickets > 0).sum())})
    return rows


def indicator_chart(rows: list[dict[str, Any]], narrow: bool = False) -> dict[str, Any]:
    """Indicator bars against their targets; ``narrow`` draws them for a phone's width."""
    size = {"width": 360, "label_w": 112} if narrow else {}
    return charts.hbar_chart([{"label": r["label"], "value": None if r["value"] is None else r["value"] * 100,
                               "target": None if r["target"] is None else r["target"] * 100,
                               "cls": "met" if r["met"] else ("miss" if r["met"] is False else "")}
                              for r in rows if r["kind"] == "rate"], **size)


def team_level_findings(findings: pd.DataFrame, team: str | None = None) -> list[dict[str, Any]]:
    """Findings with no employee (LV-COVERAGE, ORG-SPAN …), for one team or all."""
    if findings.empty or "employee_id" not in findings.columns:
        return []
    sel = findings["employee_id"].isna() | (findings["employee_id"].astype(str) == "")
    if team is not None:
        sel &= findings["team"].astype(object) == team
    return records(findings[sel], FINDING_KEYS)


def team_table(site: Site) -> dict[str, Any]:
    """The team table of the overview: scored.teams' figures, and under each team name its
    organisation check (ORG-SPAN) text, the Teams ``findings`` column."""
    frame = site.teams
    keys = [c for c in frame.columns if c not in ("team", "findings")]
    columns = [{"key": k, "label": labels.human_label(k, site.lang), "kind": kind_of(k, frame[k])} for k in keys]
    rows = []
    for r in records(frame):
        rows.append({"team": r.get("team"), "href": site.team_pages.get(str(r.get("team"))),
                     "cells": [{"value": r.get(k), "kind": c["kind"]} for k, c in zip(keys, columns)],
                     "org": [r["findings"]] if r.get("findings") else []})
    return {"columns": columns, "rows": rows}


def action_groups(site: Site, employee_id: str | None = None) -> list[dict[str, Any]]:
    """Action lists, one group per action code, in the order people must act on them."""
    acts = site.actions if employee_id is None else site.actions_by_employee.get(employee_id, [])
    codes = [c for c in ACTION_ORDER if any(a.get("action") == c for a in acts)]
    codes += sorted({str(a.get("action")) for a in acts} - set(codes))
    return [{"code": c, "rows": [dict(a, href=site.emp_pages.get(str(a.get("employee_id"))))
                                 for a in acts if str(a.get("action")) == c]} for c in codes]


def trend_view(trend: pd.DataFrame | None, summary: pd.DataFrame, month: str) -> dict[str, Any]:
    """The monthly trend from the ledger; this month alone when the ledger has nothing else."""
    if trend is None or trend.empty:
        counts = grade_counts(summary)
        trend = pd.DataFrame([{"month": month, "employees": len(summary),
                               "mean_score": pd.to_numeric(summary.get("total_score"), errors="coerce").mean()
                               if "total_score" in summary else None,
                               "fines_total": pd.to_numeric(summary.get("fines_total"), errors="coerce").sum()
                               if "fines_total" in summary else None, **counts}])
    trend = trend.sort_values("month", kind="stable")
    rows = records(trend)
    months, means = [str(r["month"]) for r in rows], [r.get("mean_score") for r in rows]
    chart = charts.line_chart(months, means, y_max=100)
    narrow = charts.line_chart([m[2:] for m in months], means, width=360, height=220, y_max=100)
    return {"rows": rows, "chart": chart, "chart_narrow": narrow, "single": len(rows) <= 1,
            "columns": [c for c in ("month", "employees", "mean_score", "fines_total", *GRADE_ORDER)
                        if c in trend.columns]}


def people_rows(site: Site, summary: pd.DataFrame) -> list[dict[str, Any]]:
    keys = ["employee_id", "name", "team", "role", "total_score", "grade", "bonus_coefficient",
            "fines_total", "points", "flags", "absence_days", "late_count", "missing_punches",
            "deemed_resignation_date"]
    return [dict(r, href=site.emp_pages.get(str(r.get("employee_id"))),
                 team_href=site.team_pages.get(str(r.get("team"))),
                 verdict=site.verdicts.get(str(r.get("employee_id")), ""))
            for r in records(summary, keys)]


VERDICT_ROWS_SHOWN = 200


def verdict_differences(site: Site) -> dict[str, Any] | None:
    """The days where an attendance export's own verdict disagrees with opscore's (issue: the
    center sees where its WeCom/DingTalk settings differ from its regulations); None when the
    month's attendance came from no export. The days are grouped by kind (the export's verdict
    class → opscore's, ``late→normal``), biggest group first, each with its exact count; the
    first 200 days are listed."""
    days = site.results.days
    if "verdict_differs" not in days.columns:
        return None
    hit = days[days["verdict_differs"].fillna(False).astype(bool).to_numpy()].copy()
    hit["kind"] = hit["verdict_kind"].fillna("?") if "verdict_kind" in hit.columns else "?"
    counts = hit["kind"].value_counts(sort=False)
    hit["_n"] = hit["kind"].map(counts)
    hit = hit.sort_values(["_n", "kind", "date", "employee_id"], ascending=[False, True, True, True], kind="stable")
    names = site.scored.summary.drop_duplicates("employee_id").set_index("employee_id")["name"] \
        if "name" in site.scored.summary.columns else pd.Series(dtype=object)
    rows = records(hit.head(VERDICT_ROWS_SHOWN), ["employee_id", "date", "export_verdict", "outcome", "evidence", "kind"])
    groups: list[dict[str, Any]] = []
    for r in rows:  # at most VERDICT_ROWS_SHOWN rows, already in group order
        r["name"] = names.get(r["employee_id"])
        r["href"] = site.emp_pages.get(str(r["employee_id"]))
        if not groups or groups[-1]["kind"] != r["kind"]:
            groups.append({"kind": r["kind"], "label": labels.verdict_kind_label(r["kind"], site.lang),
                           "count": int(counts[r["kind"]]), "rows": []})
        groups[-1]["rows"].append(r)
    kinds = [{"label": labels.verdict_kind_label(k, site.lang), "count": int(n)}
             for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"count": len(hit), "rows": rows, "groups": groups, "kinds": kinds,
            "more": max(0, len(hit) - VERDICT_ROWS_SHOWN)}

