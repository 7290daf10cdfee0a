"""Compare an attendance export's own verdicts (WeCom/DingTalk) with opscore's, like with like.

A center's DingTalk or WeCom rules (flexible hours, grace minutes) may differ from its
written regulations; opscore applies the regulations to the punches and keeps the export's
verdict beside its own. ``verdict_differs`` is set only where the *class* of the two differs
(normal, late, early, absence, missing punch, leave, rest, outing; the export's class comes
from :mod:`processor.read.exports.vocabulary`, the one place that reads its words), and not
where the difference is a regulation the app's settings do not know: late or early by 30
minutes or more is an absence (ATT-LATE30), and a day with both punches missing (缺卡2次) is
an absence (ATT-NOSHOW). ``verdict_kind`` names the pair (``late→normal``) for the report.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..read.exports.vocabulary import MISSING

# opscore outcome → its class; late_early and excused (late or early, approved) are both.
_OURS = {"normal": {"normal"}, "late": {"late"}, "early": {"early"}, "late_early": {"late", "early"},
         "excused": {"late", "early"}, "absence": {"absence"}, "missing_punch": {"missing_punch"},
         "leave": {"leave"}, "rest": {"rest"}}
_AGREEING = {f"{ours}|{cls}" for ours, classes in _OURS.items() for cls in classes}  # (ours|theirs) pairs
# The regulations' own differences: export class → (opscore class, the rule that makes it so).
_REGULATION = {"late": ("absence", "ATT-LATE30"), "early": ("absence", "ATT-LATE30"),
               "missing_punch": ("absence", "ATT-NOSHOW|ATT-LATE30")}


def opscore_class(days: pd.DataFrame, approval: pd.Series) -> pd.Series:
    """opscore's class of each day: its outcome, or ``outing`` for a day present by LV-APP."""
    primary = days["outcome"].map({"late_early": "late", "excused": "late"}).fillna(days["outcome"])
    outing = days["rule_ids"].str.contains("LV-APP", regex=False) & approval.eq("outing").to_numpy()
    return primary.mask(outing, "outing").astype(object)


def _agrees(days: pd.DataFrame, theirs: pd.Series, approval: pd.Series, verdict: pd.Series) -> pd.Series:
    outcome = days["outcome"].astype(object)
    pair = outcome.astype(str) + "|" + theirs.astype(str)
    same = pair.isin(_AGREEING) | (~outcome.isin(list(_OURS)) & theirs.eq(outcome))  # an unlisted outcome: itself
    same |= theirs.eq("outing") & opscore_class(days, approval).eq("outing")
    for cls, (their_cls, rules) in _REGULATION.items():
        same |= theirs.eq(cls) & days["outcome"].eq(their_cls) & days["rule_ids"].str.contains(rules, regex=True)
    says_missing = verdict.fillna("").astype(str).str.contains(MISSING, regex=True)
    same |= theirs.isin(["late", "early"]) & says_missing & days["outcome"].eq("missing_punch")
    return same


def attach_verdicts(days: pd.DataFrame, attendance: pd.DataFrame) -> pd.DataFrame:
    """``days`` plus ``export_verdict``, ``export_leave``, ``verdict_differs`` and
    ``verdict_kind`` when the month's attendance came (partly) from an export; unchanged otherwise."""
    if "export_verdict" not in attendance.columns or attendance["export_verdict"].isna().all():
        return days
    cols = ["employee_id", "date", "export_verdict", "export_leave", "export_class", "app_approval"]
    src = attendance[[c for c in cols if c in attendance.columns]].copy()
    for c in cols[2:]:
        if c not in src.columns:
            src[c] = None
    src["date"] = pd.to_datetime(src["date"]).dt.normalize().astype("datetime64[ns]")
    src = src.drop_duplicates(["employee_id", "date"])
    out = days.merge(src, on=["employee_id", "date"], how="left")
    theirs = out.pop("export_class").astype(object)
    approval = out.pop("app_approval").astype(object)
    differs = theirs.notna() & ~_agrees(out, theirs, approval, out["export_verdict"])
    out["verdict_differs"] = differs.to_numpy(dtype=bool)
    kind = theirs.astype(str) + "→" + opscore_class(out, approval).astype(str)
    out["verdict_kind"] = pd.Series(np.where(differs, kind, np.array(None)), index=out.index, dtype=object)
    return out
