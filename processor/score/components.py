"""Component scores of the monthly appraisal (APR-KPI, APR-RATING, APR-ATTEND), each 0–100.

Every function keeps full precision (rules.md: no intermediate rounding) and leaves "no data"
as NaN, so that :mod:`.appraisal` can leave the component out and rescale the weights.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..rulebook import Rulebook


def kpi_score(rate: pd.Series, target: float, floor_gap: float) -> pd.Series:
    """APR-KPI: 100 at or above target, 0 at or below target − gap, linear between.

    Satisfaction 5/7 against 0.90 (floor 0.60): (0.7142857 − 0.60) / 0.30 × 100 = 38.0952….
    """
    floor = target - floor_gap
    linear = ((rate - floor) / floor_gap * 100.0).clip(0.0, 100.0)
    return linear.mask(rate >= target, 100.0)  # exactly 100 at target, whatever the float noise


def indicator_rows(indicators: pd.DataFrame) -> pd.DataFrame:
    """The indicator sheet with ``row_score`` (completion ratio, 0–100) and ``weight_share``.

    Higher is better: 100 × actual / target; lower is better: 100 × target / actual, an actual
    of 0 (or a higher-is-better target of 0) scoring 100; capped at 100 and floored at 0.
    Weights are rescaled to sum 1 per employee among rows with a score; an employee whose
    weights are all 0 or blank gets equal weights.
    """
    rows = indicators.copy()
    if rows.empty:
        return rows.assign(row_score=pd.Series(dtype=float), weight_share=pd.Series(dtype=float))
    target = pd.to_numeric(rows["target"], errors="coerce")
    actual = pd.to_numeric(rows["actual"], errors="coerce")
    lower = rows["direction"].eq("lower") if "direction" in rows else pd.Series(False, index=rows.index)
    with np.errstate(divide="ignore", invalid="ignore"):
        higher_ratio = (100.0 * actual / target).where(target > 0, 100.0)
        lower_ratio = (100.0 * target / actual).where(actual > 0, 100.0)
    score = higher_ratio.where(~lower, lower_ratio).clip(0.0, 100.0)
    rows["row_score"] = score.where(target.notna() & actual.notna())
    weight = pd.to_numeric(rows["weight"], errors="coerce").fillna(0.0).clip(lower=0.0)
    weight = weight.where(rows["row_score"].notna())
    key = rows["employee_id"].to_numpy(object)
    total = weight.groupby(key).transform("sum")
    equal = rows["row_score"].notna().astype(float).groupby(key).transform("sum")
    rows["weight_share"] = (weight / total).where(total > 0, rows["row_score"].notna() / equal)
    return rows


def indicator_scores(rows: pd.DataFrame) -> pd.Series:
    """Per employee: the weight-averaged row scores of :func:`indicator_rows`."""
    if rows.empty:
        return pd.Series(dtype=float, name="indicator_score")
    part = (rows["row_score"] * rows["weight_share"]).where(rows["row_score"].notna())
    grouped = part.groupby(rows["employee_id"].to_numpy(object))
    return grouped.sum(min_count=1).rename("indicator_score")


def rating_scores(ratings: pd.DataFrame) -> pd.Series:
    """APR-RATING: mean of attitude, ability and teamwork (several rows of one employee: their mean)."""
    if ratings.empty:
        return pd.Series(dtype=float, name="rating")
    each = ratings[["attitude", "ability", "teamwork"]].apply(pd.to_numeric, errors="coerce").mean(axis=1)
    return each.groupby(ratings["employee_id"].to_numpy(object)).mean().rename("rating")


def late_early_occurrences(employees: pd.DataFrame) -> pd.Series:
    """Late and early-leave occurrences that APR-ATTEND charges, excused ones included.

    Per the rules stage (processor.rules.employee_attendance), ``late_count``/``early_count`` already
    include the excused occurrences (``excused_count`` says how many) and exclude ATT-LATE30
    days, which are absence days; so the excused ones are not added again.
    """
    return employees[["late_count", "early_count"]].apply(pd.to_numeric, errors="coerce").fillna(0).sum(axis=1)


def attendance_scores(employees: pd.DataFrame, rulebook: Rulebook) -> pd.Series:
    """APR-ATTEND: 100 − 2/occurrence − 10/absence day − 1/missing punch − 5 if prep < 90%; floor 0.

    A NaN preparation rate (no worked shift) costs nothing.
    """
    p = rulebook.params("APR-ATTEND")
    num = employees[["absence_days", "missing_punches"]].apply(pd.to_numeric, errors="coerce").fillna(0)
    prep = pd.to_numeric(employees["prep_rate"], errors="coerce")
    penalty = (p["per_late_or_early"] * late_early_occurrences(employees)
               + p["per_absence_day"] * num["absence_days"]
               + p["per_missing_punch"] * num["missing_punches"]
               + p["prep_penalty"] * (prep < p["prep_min_rate"]))  # NaN < x is False
    return (100.0 - penalty).clip(lower=0.0).rename("attendance_score")
