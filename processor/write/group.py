"""The group view's outputs: ``group-<month>.xlsx`` (sheets Centers, Targets, Trend) and ``group-<month>.html``.

The workbook uses the monthly workbook's table writer (text cells only, frozen header, filters)
and the page the report's templates (self-contained: inline CSS and SVG, no script, no URL
outside the output folder). A center whose own report lies beside the group page
(``<out>/<center>/<month>/report/index.html`` or ``<out>/<month>/report/index.html`` for a
single center) is linked; the link is relative, so the folder can be moved or mailed whole.
"""
from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd

from processor.model import GRADES, RATE_INDICATORS
from processor.score.group import CENTER_COLUMNS, TARGET_COLUMNS
from processor.words import texts
from processor.words.headers import column_label, human_label, sheet_name
from processor.words.lang import check_lang, english
from processor.write.atomic import atomic_path
from processor.write.charts import line_chart
from processor.write.fastxlsx import Book
from processor.write.templating import environment
from processor.write.vectors import records
from processor.write.xlsx import Formats, write_table

TREND_KEYS = ["center", "month", "employees", "mean_score", "fines_total", *GRADES]
# the count columns whose stable key is also a Summary key of another kind (coaching is a flag there)
AS_COUNT = {"coaching": "coaching_count", "escalation": "escalation_count"}


def write_group_workbook(path: Path, centers: pd.DataFrame, trend: pd.DataFrame, lang: str = "zh",
                         targets: pd.DataFrame | None = None) -> Path:
    """Sheet Centers (CENTER_COLUMNS, one row per center), sheet Targets (score.group.targets_frame:
    each center's indicator means against the rulebook's targets) and sheet Trend (each center's months)."""
    lang = check_lang(lang)
    keys = [AS_COUNT.get(k, k) for k in CENTER_COLUMNS]
    headers = {v: (k if english(lang) else column_label(v, lang)) for k, v in AS_COUNT.items()}
    with atomic_path(Path(path)) as tmp, Book(tmp, title="opscore group") as book:
        fm = Formats(book)
        write_table(book.add_sheet(sheet_name("Centers", lang)), fm, centers.rename(columns=AS_COUNT), keys,
                    lang, freeze_cols=1, headers=headers)
        shown = (targets if targets is not None else pd.DataFrame(columns=TARGET_COLUMNS)).copy()
        shown["indicator"] = [column_label(k, lang) for k in shown["indicator"]]
        write_table(book.add_sheet(sheet_name("Targets", lang)), fm, shown, TARGET_COLUMNS, lang, freeze_cols=2)
        write_table(book.add_sheet(sheet_name("Trend", lang)), fm, trend, TREND_KEYS, lang, freeze_cols=2)
    return Path(path)


def own_report(out_dir: Path, center: str, month: str, single: bool) -> str | None:
    """The relative link from ``out_dir`` to a center's own report for ``month``, when it is there."""
    candidates = [out_dir / center / month / "report" / "index.html"]
    if single:
        candidates.append(out_dir / month / "report" / "index.html")
    for page in candidates:
        try:
            if page.resolve().is_relative_to(out_dir.resolve()) and page.is_file():
                return os.path.relpath(page, out_dir).replace(os.sep, "/")
        except OSError:
            continue
    return None


def _trend_chart(trend: pd.DataFrame, centers: list[str]) -> list[dict[str, Any]]:
    months = sorted(trend["month"].unique().tolist()) if len(trend) else []
    charts = []
    for center in centers:
        mine = trend[trend["center"] == center].set_index("month")["mean_score"]
        charts.append({"center": center, "chart": line_chart([m[5:] for m in months],
                                                             [mine.get(m) for m in months], width=320,
                                                             height=110, y_max=100, digits=2)})
    return charts


def _target_rows(targets: pd.DataFrame | None, centers: list[str], lang: str) -> list[dict[str, Any]]:
    """One row per indicator with a target: its label, the target and each center's mean and verdict."""
    if targets is None or targets.empty:
        return []
    out = []
    for key, part in targets.groupby("indicator", sort=False):
        by = part.set_index("center")
        rate, met = by["mean_rate"], by["target_met"]
        out.append({"label": human_label(str(key), lang), "target": float(part["target_rate"].iloc[0]),
                    "cells": [{"value": None if pd.isna(rate[c]) else float(rate[c]),
                               "met": met[c]} for c in centers]})
    return out


def write_group_page(path: Path, month: str, centers: pd.DataFrame, trend: pd.DataFrame,
                     links: dict[str, str | None], version: str, lang: str = "zh",
                     targets: pd.DataFrame | None = None, rulebook_sha256: str = "") -> Path:
    """``group-<month>.html``: the Centers table, each indicator against its target per center,
    and each center's mean-score trend over the year."""
    lang = check_lang(lang)
    t = texts.TEXT[lang]
    info = SimpleNamespace(version=version, started_at=pd.Timestamp.now().isoformat(timespec="seconds"),
                           rulebook_sha256=rulebook_sha256 or "-" * 12)
    rows = records(centers, CENTER_COLUMNS)
    for row in rows:
        row["href"] = links.get(row["center"])
    page = environment(lang).get_template("group.html").render(
        month=month, info=info, center=t["group_title"], page="group", rows=rows,
        grades=GRADES, indicators=RATE_INDICATORS, trends=_trend_chart(trend, [r["center"] for r in rows]),
        target_rows=_target_rows(targets, [r["center"] for r in rows], lang), rulebook_sha=rulebook_sha256[:12])
    with atomic_path(Path(path)) as tmp:
        Path(tmp).write_text(page, encoding="utf-8")
    return Path(path)
