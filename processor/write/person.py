"""What an employee's page shows: every figure of their month and the finding behind it.

An employee (or their manager) must be able to see why the total is what it is: the
component scores, each fine and point with its rule, citation and evidence, the grade band
that applied, and the month of attendance day by day.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

import pandas as pd

from processor.model import RATE_INDICATORS
from processor.words import headers, labels, texts
from processor.write import charts, filters
from processor.write.daycells import DayEntry, as_date
from processor.write.site import Site, action_groups
from processor.write.vectors import as_number, records
from processor.write.verdicts import finding_titles

ATTENDANCE_KEYS = ("late_count", "late_minutes", "early_count", "early_minutes", "absence_days",
                   "missing_punches", "leave_days")


def group_by_employee(frame: pd.DataFrame, keys: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Rows of ``frame`` (with exactly ``keys``) per employee id, in one pass (not one filter per page)."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records(frame, keys):
        if r.get("employee_id") is not None:
            out[str(r["employee_id"])].append(r)
    return out


def components(site: Site, row: dict[str, Any]) -> list[tuple[str, float]]:
    """The employee's components with the weight each carried (:meth:`Weights.shown`)."""
    return site.scored.weights[str(row.get("employee_id"))].shown(site.scored.components)


def component_chart(site: Site, row: dict[str, Any], narrow: bool = False) -> dict[str, Any]:
    items = [{"label": _component_label(col, weight, site.lang), "value": row.get(col), "cls": "comp"}
             for col, weight in components(site, row)]
    items.append({"label": texts.TEXT[site.lang]["total_score"], "value": row.get("total_score"),
                  "cls": f"total g-{labels.grade_code(row.get('grade')) or 'none'}"})
    size = {"width": 360, "label_w": 128} if narrow else {}
    return charts.hbar_chart(items, max_value=100, **size)


@lru_cache(maxsize=1024)
def _component_label(col: str, weight: float, lang: str) -> str:
    """``QA · 30%``: the same few labels on every employee page, made once."""
    return f"{headers.human_label(col, lang)} · {filters.pct(weight, 0)}"


def indicator_rows(site: Site, row: dict[str, Any]) -> list[dict[str, Any]]:
    """The employee's service indicators with the center's targets."""
    targets = site.scored.targets
    rows = []
    for key in RATE_INDICATORS:
        value, target = as_number(row.get(key)), targets.get(key)
        rows.append({"label": headers.human_label(key, site.lang), "value": value, "kind": "rate", "lower": False,
                     "target": None if target is None else target.value,
                     "met": None if target is None else target.met(value)})
    tickets, complaints = as_number(row.get("tickets")), as_number(row.get("complaints_received"))
    per100 = complaints / tickets * 100 if tickets and complaints is not None else None
    ceiling = targets["complaints_per_100"]
    rows.append({"label": headers.human_label("complaints_per_100", site.lang), "value": per100,
                 "kind": "score", "target": ceiling.value, "lower": True, "met": ceiling.met(per100)})
    for key, kind in (("tickets", "count"), ("complaints_received", "count"), ("qa_score", "score"),
                      ("qa_count", "count"), ("rating", "score"), ("indicator_score", "score")):
        rows.append({"label": headers.human_label(key, site.lang), "value": as_number(row.get(key)),
                     "kind": kind, "target": None, "met": None, "lower": False})
    return rows


def finding_groups(rows: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """The employee's findings as fines, points and records (a ¥0, 0-point row is a record:
    ATT-NOSHOW beside its ATT-ABSENCE, an excused late day, a veto's incident), with subtotals."""
    fines = [f for f in rows if (as_number(f.get("fine")) or 0.0) != 0]
    points = [f for f in rows if (as_number(f.get("fine")) or 0.0) == 0 and (as_number(f.get("points")) or 0.0) != 0]
    rest = [f for f in rows if f not in fines and f not in points]
    t = texts.TEXT[lang]
    return [{"key": "fines", "title": t["group_fines"], "rows": fines, "open": True,
             "fine": sum(as_number(f.get("fine")) or 0.0 for f in fines), "points": None},
            {"key": "points", "title": t["group_points"], "rows": points, "open": True, "fine": None,
             "points": sum(as_number(f.get("points")) or 0.0 for f in points)},
            {"key": "records", "title": t["group_records"], "rows": rest, "open": False, "fine": None,
             "points": None}]


def employee_view(site: Site, row: dict[str, Any], findings: list[dict[str, Any]],
                  days: Mapping[date, Sequence[DayEntry]], counts: dict[str, Any]) -> dict[str, Any]:
    """Context of an employee page; ``days`` is their calendar from :func:`.daycells.calendars`,
    ``counts`` their row of the rules' per-employee table (RuleResults.employees)."""
    rows = sorted(findings, key=lambda f: (as_date(f.get("date")) or date.max, str(f.get("rule_id"))))
    if any(f.get("title") is None for f in rows):  # the report titles them all at once beforehand
        frame = pd.DataFrame({"rule_id": [f.get("rule_id") for f in rows], "citation": [f.get("citation") for f in rows]})
        for f, title in zip(rows, finding_titles(frame, site.info.rules).fillna("")):
            f["title"] = title
    fine = sum(as_number(f.get("fine")) or 0.0 for f in rows)
    points = sum(as_number(f.get("points")) or 0.0 for f in rows)
    attendance = [{"label": headers.human_label(k, site.lang), "value": row.get(k), "kind": "count"}
                  for k in ATTENDANCE_KEYS]
    attendance += [{"label": headers.human_label(k, site.lang), "value": counts[k], "kind": kind}
                   for k, kind in (("worked_shifts", "count"), ("prep_rate", "rate"))]
    emp = str(row.get("employee_id"))
    return {
        "emp": row, "team_href": site.team_pages.get(str(row.get("team"))),
        "grade_code": labels.grade_code(row.get("grade")), "verdict": site.verdicts.get(emp, ""),
        "components": component_chart(site, row), "components_narrow": component_chart(site, row, narrow=True),
        "indicators": indicator_rows(site, row),
        "attendance": attendance, "findings": rows, "groups": finding_groups(rows, site.lang),
        "fine_sum": fine, "points_sum": points,
        "calendar": charts.calendar_weeks(site.month, days), "actions": action_groups(site, emp),
    }
