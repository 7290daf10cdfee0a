"""``annual-YEAR.html``: the year per person as a strip of twelve months (APR-ANNUAL).

Each month is one small cell coloured by its grade, with its score and a mark for a veto or a
resignation, linking to that month's employee page; beside it the annual score, grade and
coefficient in the same formats and badges as the monthly pages, and the months failed,
vetoed and missing. No chart per person: at 2,000 people a row stays one line high. While
months of the year have no run the page says the result is provisional.

At 2,000 people the page stays usable: those who need attention (deemed resigned, vetoed,
failed the year, failed a month) are listed first; everyone else sits in one folded section
per team whose summary line gives its size, mean and grades (a page of up to
:data:`OPEN_UP_TO` people opens them all); the browser's find (Ctrl+F) and a link to
``#p-<id>`` open the folded team of the person sought. No script: the page's policy forbids it.
"""
from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd

from processor.model import GRADES
from processor.words import labels, texts
from processor.words.lang import check_lang
from processor.words.texts import ANNUAL_WORDS
from processor.write.charts import line_chart
from processor.write.templating import environment
from processor.write.vectors import records

OPEN_UP_TO = 100  # a page of up to this many people opens every team; above it they fold
KINDS = ("resigned", "vetoed", "fail", "failed_month")  # the attention list's order, most severe first


def _month_cells(year: int, rows: pd.DataFrame, run_months: set[str], page: dict[str, str]) -> list[dict[str, Any]]:
    """The twelve cells of one person's strip."""
    by_month = {str(r["month"]): r for r in rows.to_dict("records")}
    cells = []
    for m in range(1, 13):
        month = f"{year:04d}-{m:02d}"
        r = by_month.get(month)
        if r is None:
            cells.append({"month": month, "m": m, "state": "norun" if month not in run_months else "absent",
                          "href": None, "score": None, "grade": "", "mark": ""})
            continue
        flags = str(r.get("flags") or "").split(";")
        resigned = r.get("deemed_resignation_date") is not None and not pd.isna(r.get("deemed_resignation_date"))
        code = labels.grade_code(r.get("grade"))
        cells.append({"month": month, "m": m, "state": "graded" if code else "absent", "grade": code,
                      "score": r.get("total_score"), "href": f"{month}/report/{page.get(str(r['employee_id']), '')}",
                      "mark": "resign" if resigned else ("veto" if "veto" in flags else "")})
    return cells


def annual_people(year: int, annual: pd.DataFrame, detail: pd.DataFrame, run_months: set[str]) -> list[dict[str, Any]]:
    """One row per person: the annual figures and the strip, by team then annual score, best first."""
    from processor.write.report import slug

    groups = dict(tuple(detail.groupby(detail["employee_id"].astype(str)))) if len(detail) else {}
    page = {str(e): f"emp-{slug(e)}.html" for e in annual.get("employee_id", pd.Series(dtype=object))}
    people = []
    for row in records(annual):
        emp = str(row["employee_id"])
        cells = _month_cells(year, groups.get(emp, detail.iloc[0:0]), run_months, page)
        people.append({**row, "grade_code": labels.grade_code(row.get("grade")), "cells": cells,
                       "failed": sum(c["grade"] == "fail" for c in cells),
                       "vetoed": sum(bool(c["mark"]) for c in cells),
                       "missing": row.get("missing_months") or []})
    people.sort(key=lambda p: (team_key(p.get("team")), -(p.get("annual_score") or -1), str(p["employee_id"])))
    return people


def _kind(p: dict[str, Any]) -> str:
    """The most severe reason a person needs attention this year, or ""."""
    marks = {c["mark"] for c in p["cells"]}
    if "resign" in marks:
        return "resigned"
    if "veto" in marks:
        return "vetoed"
    if p["grade_code"] == "fail":
        return "fail"
    return "failed_month" if p["failed"] else ""


def attention(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Who needs attention, most severe first, then the lowest annual score."""
    rows = [{**p, "kind": k} for p in people if (k := _kind(p))]
    rows.sort(key=lambda p: (KINDS.index(p["kind"]), p.get("annual_score") if p.get("annual_score") is not None
                             else 101, str(p["employee_id"])))
    return rows


def team_key(team: object) -> tuple[str | int, ...]:
    """客服2组 before 客服10组: the digits in a team's name compare as numbers."""
    return tuple(int(x) if k % 2 else x for k, x in enumerate(re.split(r"(\d+)", str(team or ""))))


def team_groups(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One folded section per team (``people`` come sorted by team): its size, mean annual
    score and grade counts for the summary line."""
    groups: list[dict[str, Any]] = []
    for p in people:
        team = str(p.get("team") or "")
        if not groups or groups[-1]["team"] != team:
            groups.append({"team": team, "anchor": f"t-{len(groups) + 1}", "people": []})
        groups[-1]["people"].append(p)
    for g in groups:
        scores = [p["annual_score"] for p in g["people"] if p.get("annual_score") is not None]
        g["mean"] = sum(scores) / len(scores) if scores else None
        g["grades"] = {c: sum(p["grade_code"] == c for p in g["people"]) for c in GRADES}
        g["attention"] = sum(bool(_kind(p)) for p in g["people"])
    return groups


def write_annual_page(path: Path, year: int, annual: pd.DataFrame, monthly: pd.DataFrame, lang: str = "zh",
                      detail: pd.DataFrame | None = None) -> Path:
    """Write ``annual-YEAR.html`` (self-contained). ``detail`` is the ledger's rows of the year
    (month, employee_id, total_score, grade, flags, deemed_resignation_date); without it the strip
    shows scores only."""
    from processor import __version__
    from processor.write.atomic import atomic_path

    lang = check_lang(lang)
    words = {k: v.format(year=year) if "{year}" in v else v for k, v in ANNUAL_WORDS[lang].items()}
    months = [c for c in monthly.columns if c not in ("employee_id", "name")]
    if detail is None:
        detail = monthly.melt(id_vars=["employee_id"], value_vars=months, var_name="month",
                              value_name="total_score").dropna(subset=["total_score"])
    no_run = [f"{year:04d}-{m:02d}" for m in range(1, 13) if f"{year:04d}-{m:02d}" not in set(months)]
    center = [pd.to_numeric(monthly[m], errors="coerce").mean() if len(monthly) else None for m in months]
    info = SimpleNamespace(version=__version__, started_at=pd.Timestamp.now().isoformat(timespec="seconds"),
                           rulebook_sha256="-" * 12)
    people = annual_people(year, annual, detail, set(months))
    grades = {c: sum(p["grade_code"] == c for p in people) for c in GRADES}
    page = environment(lang).get_template("annual.html").render(
        month=str(year), info=info, center=texts.TEXT[lang]["center"], page="annual", words=words,
        people=people, attention=attention(people), teams=team_groups(people), grades=grades,
        open_all=len(people) <= OPEN_UP_TO, no_run_months=no_run, due_date=None,
        run_late=False, provisional=words["provisional"].format(months=", ".join(no_run)) if no_run else "",
        center_chart=line_chart(months, center, y_max=100, digits=2),
        center_chart_narrow=line_chart([m[5:] for m in months], center, width=360, height=220, y_max=100, digits=2))
    with atomic_path(Path(path)) as tmp:
        Path(tmp).write_text(page, encoding="utf-8")
    return Path(path)
