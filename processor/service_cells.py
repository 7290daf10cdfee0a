"""Parsers for the values helpdesk and call-system exports write (inputs.md, tickets and qa).

Vectorised like :mod:`.parse` (each is run on distinct values by ``parse.via_uniques`` where
values repeat); the words themselves live in :mod:`.vocab`.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from . import parse
from .schema import norm_header
from .vocab import DURATION_UNITS, HUNDRED_POINT_ABOVE, NOT_SURVEYED, SATISFACTION_WORDS

_HMS = re.compile(r"^(\d+):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?$")
_CN = re.compile(r"^(?:(\d+(?:\.\d+)?)\s*(?:小时|时|h))?\s*(?:(\d+(?:\.\d+)?)\s*(?:分钟|分|m|min))?\s*"
                 r"(?:(\d+(?:\.\d+)?)\s*(?:秒钟|秒|s|sec))?$", re.IGNORECASE)
_NOTE = re.compile(r"(?<=\S)\s*[(（][^()（）]*[)）]$")
_SAT_WORDS = {norm_header(k): v for k, v in SATISFACTION_WORDS.items()}
_NOT_SURVEYED = {w.lower() for w in NOT_SURVEYED}


def duration_unit(header: str) -> float:
    """Seconds per unit of a plain number in a duration column, from its header's words."""
    h = norm_header(header)
    return next((sec for words, sec in DURATION_UNITS if any(norm_header(w) in h for w in words)), 1.0)


def parse_duration(s: pd.Series, unit: float = 1.0) -> tuple[pd.Series, pd.Series]:
    """Durations → seconds: ``00:01:23``, ``1:23`` (h:mm when the unit is hours, else m:ss),
    ``83秒``, ``1分23秒``, ``1小时2分``, or a number in the header's unit."""
    empty = parse.blank(s)
    t = parse.normalise(s).str.replace(",", "", regex=False)
    num = pd.to_numeric(t, errors="coerce") * unit
    hms = t.str.extract(_HMS).apply(pd.to_numeric, errors="coerce")
    two = hms[2].isna()
    first = hms[0] * np.where(two & (unit < 3600), 60.0, 3600.0)
    second = hms[1] * np.where(two & (unit < 3600), 1.0, 60.0)
    clock = first + second + hms[2].fillna(0)
    cn = t.str.extract(_CN).apply(pd.to_numeric, errors="coerce")
    words = (cn[0].fillna(0) * 3600 + cn[1].fillna(0) * 60 + cn[2].fillna(0)).where(cn.notna().any(axis=1))
    out = num.where(num.notna(), clock.where(clock.notna(), words)).round(3)  # hours × 3600: no float noise
    bad = parse.mask(~empty & (out.isna() | (out < 0)))
    return out.where(~empty & (out >= 0)).astype(float), bad


def parse_satisfaction(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """1–5; the survey's words (非常满意 … 非常不满意), ``5星`` / ``★★★★★``, Good/Bad; the
    not-surveyed words (未评价, Offered …) are blank. A column above 10 is a 100-point scale
    (100/75/50/25/0 → 5/4/3/2/1): decided on the whole column, the caller's job (see
    :func:`rescale_hundred`)."""
    empty = parse.blank(s)
    t = parse.normalise(s).str.replace(_NOTE, "", regex=True)  # 满意(4分): the word is the rating
    key = t.astype(object).map(lambda x: norm_header(x) if isinstance(x, str) else None).astype(object)
    not_surveyed = not_surveyed_cells(s)
    stars = t.str.count("[★⭐]").where(parse.mask(t.str.fullmatch(r"[★⭐☆]+")))
    star_num = pd.to_numeric(t.str.replace(r"^(\d+(?:\.\d+)?)\s*(?:星|颗星|分|stars?)$", r"\1", regex=True),
                             errors="coerce")
    words = key.map(_SAT_WORDS).astype(float)
    num = star_num.where(star_num.notna(), words).where(stars.isna(), stars).astype(float)
    skip = empty | not_surveyed
    bad = parse.mask(~skip & (num.isna() | (num < 0) | (num > 100)))
    return num.where(~skip & ~bad), bad


def not_surveyed_cells(s: pd.Series) -> pd.Series:
    """Cells saying the customer was not surveyed (未评价, Offered, ``-`` …): no rating, no error."""
    return parse.mask(parse.normalise(s).str.lower().isin(_NOT_SURVEYED))


def rescale_hundred(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(1–5 ratings, cells outside the scale): a column whose largest value is above 5 is
    a 100-point scale (above 10), 1 + value / 25; else values outside 1–5 are bad."""
    if values.max() > HUNDRED_POINT_ABOVE:
        return (1.0 + values / 25.0), pd.Series(False, index=values.index)
    bad = parse.mask(values.notna() & ~values.between(1, 5))
    return values.where(~bad), bad
