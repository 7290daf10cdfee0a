"""The monthly appraisal: weighted total, grade and bonus coefficient (APR-SCORE … APR-VETO).

Each department maps to a profile of component weights. Components without data drop out
and the others' weights are rescaled, because an agent nobody surveyed should be judged on
what was measured, not given a zero. Only the final total is rounded, half-up to 2 decimals
as Excel's ROUND does, and the grade is read from that rounded total (89.995 → 90.00 →
excellent), so the workbook a payroll clerk checks by hand agrees with ours.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from ..errors import RulebookError
from ..model import COMPONENTS, GRADES, Weights
from ..rulebook import Rulebook
from .components import kpi_score

SHARE = "_share_"  # prefix of appraise's helper columns: the share each component carried


def round_half_up(value: float, places: int = 2) -> float:
    """Round like Excel's ROUND: half away from zero on the 15-digit decimal value (59.995 → 60.0).

    Going through 15 significant digits first drops binary noise (59.994999999999997 is the
    59.995 a person typed), as Excel does; NaN stays NaN.
    """
    if value is None or value != value:
        return float("nan")
    exact = Decimal(format(float(value), ".15g"))
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def profiles(rulebook: Rulebook) -> dict[str, dict[str, float]]:
    """The weight profiles, refusing a component key the scorer does not know."""
    out = rulebook.param("APR-SCORE", "profiles")
    for name, weights in out.items():
        for key in weights:
            if key not in COMPONENTS:
                known = ", ".join(COMPONENTS)
                raise RulebookError("rulebook", f"rules.APR-SCORE.profiles.{name}.{key}",
                                    f"未知的考核项 (unknown component; known: {known})")
    return out


def profile_of(departments: pd.Series, rulebook: Rulebook) -> pd.Series:
    """Department → profile name (APR-SCORE.departments); an unmapped department gets the default."""
    mapping = rulebook.param("APR-SCORE", "departments")
    default = rulebook.param("APR-SCORE", "default_profile")
    known = profiles(rulebook)
    for dept, name in {**mapping, "default_profile": default}.items():
        if name not in known:
            raise RulebookError("rulebook", f"rules.APR-SCORE.departments.{dept}",
                                f"未知的考核方案 {name!r} (unknown profile)")
    return departments.map(lambda d: mapping.get(str(d).strip(), default) if d is not None else default)


def grades(total: pd.Series, rulebook: Rulebook) -> tuple[pd.Series, pd.Series]:
    """APR-GRADE on rounded totals: (grade code or None, bonus coefficient or NaN)."""
    g = rulebook.params("APR-GRADE")
    conds = [total >= g["excellent_min"], total >= g["good_min"], total >= g["pass_min"], total.notna()]
    grade = pd.Series(np.select(conds, GRADES, default=np.array(None)), index=total.index, dtype=object)
    coef = grade.map({k: float(g[f"{k}_coefficient"]) for k in GRADES}).astype(float)
    return grade.where(total.notna(), None), coef


def components_in_force(rulebook: Rulebook) -> tuple[str, ...]:
    """Summary columns of the components some profile weighs, in COMPONENTS order."""
    weights = profiles(rulebook).values()
    return tuple(col for key, (col, _, _) in COMPONENTS.items() if any(w.get(key, 0) > 0 for w in weights))


def _component_scores(summary: pd.DataFrame, rulebook: Rulebook,
                      used: list[str]) -> tuple[pd.Series, pd.DataFrame, pd.DataFrame]:
    """(profile of each row, 0–100 score of each component key, its profile weight) on Summary's index."""
    weights_by_profile = profiles(rulebook)
    gap = float(rulebook.param("APR-KPI", "floor_gap"))
    prof = profile_of(summary["department"], rulebook)
    scores = pd.DataFrame(index=summary.index)
    weights = pd.DataFrame(index=summary.index)
    for key in used:
        column, rate, rule = COMPONENTS[key]
        raw = pd.to_numeric(summary[rate or column], errors="coerce").astype(float)
        scores[key] = kpi_score(raw, float(rulebook.param(rule, "target")), gap) if rule else raw
        weights[key] = prof.map(lambda p, k=key: float(weights_by_profile[p].get(k, 0.0)))
    return prof, scores, weights


def appraise(summary: pd.DataFrame, rulebook: Rulebook) -> pd.DataFrame:
    """Appraisal columns for Summary rows (which already hold rates, qa_score, rating,
    indicator_score, attendance_score, points, deemed_resignation_date and ``veto``).

    Returns, on the same index: profile, the APR-KPI score of each ticket rate a profile
    weighs (``satisfaction_score`` …, empty where the employee's profile does not weigh it),
    weighted_score (before points), weights_used, total_score, grade, bonus_coefficient, and
    the helper columns not_appraised, vetoed (bool), missing (``no_qa,no_satisfaction``) and
    ``_share_<key>`` (the share each component carried; empty where it carried none).
    """
    used = [k for k in COMPONENTS if any(k in w for w in profiles(rulebook).values())]
    prof, scores, weights = _component_scores(summary, rulebook, used)
    weighed = weights > 0
    present = scores.notna() & weighed
    share = weights.where(present)
    share = share.div(share.sum(axis=1), axis=0)
    weighted = (share * scores).sum(axis=1, min_count=1)

    vetoed = pd.to_datetime(summary["deemed_resignation_date"]).notna() | (
        summary["veto"].fillna("").astype(str).str.strip() != "")
    beyond_attendance = present.drop(columns=["attendance"], errors="ignore").any(axis=1)
    # APR-SCORE: no component besides attendance → not appraised, total empty; a veto still
    # grades such an employee 不合格 × 0, but the total stays empty and the flag stays.
    not_appraised = ~beyond_attendance
    points = pd.to_numeric(summary["points"], errors="coerce").fillna(0.0)
    total = (weighted + points).clip(0.0, 100.0).where(~not_appraised)
    total = total.map(round_half_up)
    grade, coef = grades(total, rulebook)
    grade = grade.mask(vetoed, "fail")
    coef = coef.mask(vetoed, float(rulebook.param("APR-GRADE", "fail_coefficient")))

    out = pd.DataFrame({"profile": prof}, index=summary.index)
    for key in used:
        if COMPONENTS[key][2]:  # a KPI score: the others are Summary columns already
            out[COMPONENTS[key][0]] = scores[key].where(weighed[key])
    out["weighted_score"] = weighted.where(~not_appraised)
    share = share.where(~not_appraised, axis=0)
    out["weights_used"] = [", ".join(f"{k} {v:.2%}" for k, v in zip(used, row) if v == v)
                           for row in share.to_numpy()]
    out["total_score"] = total
    out["grade"] = grade
    out["bonus_coefficient"] = coef
    out["not_appraised"] = not_appraised
    out["vetoed"] = vetoed
    out["missing"] = [",".join(f"no_{k}" for k, gone in zip(used, row) if gone)
                      for row in (weighed & ~present).to_numpy()]
    return out.join(share.add_prefix(SHARE))


def employee_weights(summary: pd.DataFrame, rulebook: Rulebook) -> dict[str, Weights]:
    """Employee id → the weights their total was made with (Summary after :func:`appraise`):
    their profile's, and the shares ``weights_used`` says in words, as numbers for the writers."""
    nominal = {}
    for name, weights in profiles(rulebook).items():
        total = sum(float(w) for w in weights.values()) or 1.0
        nominal[name] = {COMPONENTS[k][0]: float(w) / total for k, w in weights.items()}
    keys = [k for k in COMPONENTS if f"{SHARE}{k}" in summary.columns]
    shares = summary[[f"{SHARE}{k}" for k in keys]].to_numpy(float)
    return {str(emp): Weights(nominal[prof], {COMPONENTS[k][0]: float(v) for k, v in zip(keys, row) if v == v})
            for emp, prof, row in zip(summary["employee_id"], summary["profile"], shares)}
