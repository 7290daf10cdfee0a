"""The center's figures the overview and the team pages show, as plain data for their templates.

Every figure a page prints is computed here or in :mod:`.site` from the scored month (never in
a template): the grade distribution, each indicator's mean against its target (the
:class:`~processor.model.Target` the scoring stage hands over), the team table and the
monthly trend. The templates only lay them out and format them through the filters.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from processor.model import GRADES, TARGET_INDICATORS, Target
from processor.words import headers, labels
from processor.write import charts
from processor.write.columns import kind_of
from processor.write.site import Site
from processor.write.vectors import as_number, records


def grade_counts(summary: pd.DataFrame) -> dict[str, int]:
    codes = summary["grade"].map(labels.grade_code)
    return {g: int((codes == g).sum()) for g in GRADES}


def grade_chart(summary: pd.DataFrame, lang: str) -> dict[str, Any]:
    return grade_bars(grade_counts(summary), lang)


def grade_bars(counts: Mapping[str, int], lang: str) -> dict[str, Any]:
    """The grade distribution as bars, from counts per grade code."""
    items = [{"label": labels.grade_label(g, lang), "value": counts[g], "cls": f"g-{g}"} for g in GRADES]
    return {**charts.bar_chart(items), "items": items}


def indicator_rows(summary: pd.DataFrame, targets: Mapping[str, Target], lang: str) -> list[dict[str, Any]]:
    """Each indicator's center mean (over employees with data) against its target."""
    rows = []
    for key in TARGET_INDICATORS:
        col = pd.to_numeric(summary[key], errors="coerce")
        n = int(col.count())  # one count, not two notna() passes: this runs once per team page
        mean = as_number(col.mean()) if n else None
        target = targets.get(key)
        rows.append({"key": key, "label": headers.human_label(key, lang), "value": mean, "kind": "rate",
                     "target": None if target is None else target.value,
                     "met": None if target is None else target.met(mean),
                     "n": n, "lower": False})
    tickets = pd.to_numeric(summary["tickets"], errors="coerce")
    if tickets.sum() > 0:
        per100 = float(pd.to_numeric(summary["complaints_received"], errors="coerce").sum()) / float(tickets.sum()) * 100
        target = targets["complaints_per_100"]
        rows.append({"key": "complaints_per_100", "label": headers.human_label("complaints_per_100", lang),
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


def team_table(site: Site) -> dict[str, Any]:
    """The team table of the overview: scored.teams' figures, and under each team name its
    organisation check (ORG-SPAN) text, the Teams ``findings`` column."""
    frame = site.teams
    keys = [c for c in frame.columns if c not in ("team", "findings")]
    columns = [{"key": k, "label": headers.human_label(k, site.lang), "kind": kind_of(k, frame[k])} for k in keys]
    rows = []
    for r in records(frame):
        rows.append({"team": r.get("team"), "href": site.team_pages.get(str(r.get("team"))),
                     "cells": [{"value": r.get(k), "kind": c["kind"]} for k, c in zip(keys, columns)],
                     "org": [r["findings"]] if r.get("findings") else []})
    return {"columns": columns, "rows": rows}


def trend_view(trend: pd.DataFrame | None, summary: pd.DataFrame, month: str) -> dict[str, Any]:
    """The monthly trend from the ledger; this month alone when the ledger has nothing else."""
    if trend is None or trend.empty:
        counts = grade_counts(summary)
        trend = pd.DataFrame([{"month": month, "employees": len(summary),
                               "mean_score": pd.to_numeric(summary["total_score"], errors="coerce").mean(),
                               "fines_total": pd.to_numeric(summary["fines_total"], errors="coerce").sum(),
                               **counts}])
    trend = trend.sort_values("month", kind="stable")
    rows = records(trend)
    months, means = [str(r["month"]) for r in rows], [r.get("mean_score") for r in rows]
    chart = charts.line_chart(months, means, y_max=100)
    narrow = charts.line_chart([m[2:] for m in months], means, width=360, height=220, y_max=100)
    return {"rows": rows, "chart": chart, "chart_narrow": narrow, "single": len(rows) <= 1,
            "columns": [c for c in ("month", "employees", "mean_score", "fines_total", *GRADES)
                        if c in trend.columns]}
