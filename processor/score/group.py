"""The group view: the centers of a shared ledger side by side for one month (``opscore group``).

Every figure is an aggregate of the center's own current Summary rows in the ledger, so a
center's line equals what its own run's Summary adds up to: headcount is its rows, fines
their sum, an indicator the plain mean over its employees with data (as the center's own
overview shows it). Centers are never mixed: each row is one center's run.

Targets come from the rulebook in force when ``group`` runs (``--rules FILE``, else the
default rulebook), as ``indicators.targets`` gives them to every center's own report.
"""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..model import GRADES, RATE_INDICATORS, Target

CENTER_COLUMNS = ["center", "month", "headcount", *GRADES, "not_appraised", "fines_total", "fines_per_head",
                  "absence_days", "deemed_resignations", "coaching", "escalation", *RATE_INDICATORS]
TARGET_COLUMNS = ["center", "indicator", "mean_rate", "target_rate", "target_met"]


def _has_flag(flags: pd.Series, code: str) -> pd.Series:
    return flags.fillna("").astype(str).str.split(";").map(lambda parts: code in parts)


def centers_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """One CENTER_COLUMNS row per center from the month's current ledger rows (``month_rows``)."""
    if rows.empty:
        return pd.DataFrame(columns=CENTER_COLUMNS)
    frame = rows.assign(
        fines=pd.to_numeric(rows["fines_total"], errors="coerce").fillna(0),
        absence=pd.to_numeric(rows["absence_days"], errors="coerce").fillna(0),
        resigned=rows["deemed_resignation_date"].notna(),
        coached=rows["coaching"].fillna(False).astype(bool),
        escalated=_has_flag(rows["flags"], "escalation"),
        **{g: rows["grade"].eq(g) for g in GRADES}, not_appraised=rows["grade"].isna(),
        **{k: pd.to_numeric(rows[k], errors="coerce") for k in RATE_INDICATORS})
    by = frame.groupby("center", sort=True)
    out = pd.DataFrame({"month": by["month"].first(), "headcount": by.size()})
    for g in (*GRADES, "not_appraised"):
        out[g] = by[g].sum().astype(int)
    out["fines_total"] = by["fines"].sum().round(2)
    out["fines_per_head"] = (out["fines_total"] / out["headcount"]).round(2)
    out["absence_days"] = by["absence"].sum()
    out["deemed_resignations"] = by["resigned"].sum().astype(int)
    out["coaching"] = by["coached"].sum().astype(int)
    out["escalation"] = by["escalated"].sum().astype(int)
    for k in RATE_INDICATORS:
        out[k] = by[k].mean()
    return out.reset_index()[CENTER_COLUMNS]


def targets_frame(centers: pd.DataFrame, targets: Mapping[str, Target]) -> pd.DataFrame:
    """One TARGET_COLUMNS row per center and indicator that has a target: the center's mean,
    the target and whether it is met (mean ≥ target; None when the center has no data)."""
    keys = [k for k in RATE_INDICATORS if k in targets]
    if centers.empty or not keys:
        return pd.DataFrame(columns=TARGET_COLUMNS)
    rows = centers[["center", *keys]].melt(id_vars="center", value_vars=keys, var_name="indicator",
                                           value_name="mean_rate")
    rows["mean_rate"] = pd.to_numeric(rows["mean_rate"], errors="coerce")
    rows["target_rate"] = rows["indicator"].map({k: t.value for k, t in targets.items()}).astype(float)
    met = rows["mean_rate"] >= rows["target_rate"] - 1e-12
    rows["target_met"] = met.astype(object).where(rows["mean_rate"].notna(), None)
    order = rows["indicator"].map({k: i for i, k in enumerate(keys)})
    return rows.assign(_o=order).sort_values(["center", "_o"], kind="stable").reset_index(drop=True)[TARGET_COLUMNS]
