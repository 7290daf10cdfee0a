"""Discipline incidents (奖惩记录): each logged incident priced from the rulebook.

A blank amount or points cell takes the code's rulebook default. The points column holds
magnitudes; the sign comes from the code's kind (commendation +, every other kind −). Each
incident is one Findings row whose rule_id is its code. A ``veto`` kind (confidentiality)
grades the employee 不合格: it is recorded in ``employees.veto`` as a reason in words, for
scoring to apply.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..rulebook import Rulebook
from . import finding_rows as F


def price_incidents(inc: pd.DataFrame, rulebook: Rulebook) -> tuple[pd.DataFrame, pd.Series]:
    """(findings, veto reason per employee_id)."""
    book = rulebook.incidents
    if inc.empty:
        return F.empty(), pd.Series(dtype=object)
    codes = inc["code"].astype(object)
    unknown = [c for c in codes.dropna().unique() if c not in book]  # a few spellings, not rows
    codes = codes.replace({c: rulebook.incident_code(c) for c in unknown})
    inc = inc.assign(code=codes).loc[codes.isin(list(book))]

    def entry(key: str, default: object) -> pd.Series:
        return inc["code"].map({c: e.get(key, default) for c, e in book.items()})

    kind = entry("kind", "fine")
    amount = pd.to_numeric(inc["amount"]).abs()
    amount = amount.where(amount.notna(), entry("amount", 0.0)).astype(float)
    magnitude = pd.to_numeric(inc["points"]).abs()
    magnitude = magnitude.where(magnitude.notna(), entry("points", 0.0)).astype(float)
    sign = np.where(kind.eq("commendation"), 1.0, -1.0)
    points = pd.Series(np.where(magnitude.eq(0), 0.0, sign * magnitude), index=inc.index)

    name = entry("name_zh", "")
    note = F.text(inc["note"])
    evidence = name + pd.Series(np.where(note.eq(""), "", ":" + note), index=inc.index)
    evidence = evidence + np.where(amount > 0, ",罚款 " + F.num(amount) + " 元", "")
    evidence = evidence + np.where(inc["amount"].isna() & (amount > 0), "(规则默认金额)", "")
    evidence = evidence + np.where(points < 0, ",扣 " + F.num(magnitude) + " 分", "")
    evidence = evidence + np.where(points > 0, ",加 " + F.num(magnitude) + " 分", "")
    is_veto = kind.eq("veto")
    evidence = evidence + np.where(is_veto, ",一票否决:考核不合格", "")
    evidence = evidence + np.where((amount == 0) & (points == 0) & ~is_veto, ",仅记录", "")

    out = F.rows(inc["employee_id"], inc["date"], inc["code"], evidence, fine=amount, points=points)
    reasons = (name + " " + F.ymd(inc["date"]).fillna("") + pd.Series(np.where(note.eq(""), "", ":" + note),
                                                                         index=inc.index))[is_veto]
    veto = reasons.groupby(inc["employee_id"][is_veto]).agg("、".join)
    return out, veto
