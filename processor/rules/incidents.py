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
from ..words import english, pick_pair, say, word
from .finding_rows import empty, num, rows, text, ymd


def price_incidents(inc: pd.DataFrame, rulebook: Rulebook) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(findings, per vetoed employee_id: ``veto`` the reason in words, ``veto_date`` the first
    vetoing incident's date)."""
    book = rulebook.incidents
    if inc.empty:
        return empty(), pd.DataFrame({"veto": pd.Series(dtype=object), "veto_date": pd.Series(dtype="datetime64[ns]")})
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

    name = _names(inc["code"], book)
    note = text(inc["note"])  # as the admin typed it
    noted = pd.Series(np.where(note.eq(""), "", pick_pair((":", ": ")) + note), index=inc.index)
    evidence = name + noted
    evidence = evidence + np.where(amount > 0, say("incident.fine", inc.index, amount=num(amount)), "")
    evidence = evidence + np.where(inc["amount"].isna() & (amount > 0), word("incident.default_amount"), "")
    evidence = evidence + np.where(points < 0, say("incident.points_off", inc.index, points=num(magnitude)), "")
    evidence = evidence + np.where(points > 0, say("incident.points_added", inc.index, points=num(magnitude)), "")
    is_veto = kind.eq("veto")
    evidence = evidence + np.where(is_veto, word("incident.veto"), "")
    evidence = evidence + np.where((amount == 0) & (points == 0) & ~is_veto, word("incident.record"), "")

    out = rows(inc["employee_id"], inc["date"], inc["code"], evidence, fine=amount, points=points)
    reasons = (name + " " + ymd(inc["date"]).fillna("") + noted)[is_veto]
    by = inc["employee_id"][is_veto]
    veto = pd.DataFrame({"veto": reasons.groupby(by).agg(pick_pair(("、", "; ")).join),
                         "veto_date": pd.to_datetime(inc["date"][is_veto]).groupby(by).first()})
    return out, veto


def _names(codes: pd.Series, book: dict[str, dict[str, object]]) -> pd.Series:
    """Each incident's name in the run's language from the rulebook (a code with no English
    name is said by its code in English: never Chinese in an English output)."""
    en = english()
    names = {c: str(e.get("name_en") or c) if en else str(e.get("name_zh", "")) for c, e in book.items()}
    return codes.map(names).fillna("").astype(str)
