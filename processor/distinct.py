"""Apply a function once per distinct value of a column and spread the results back.

Ids, codes, dates, names and statuses repeat across a million rows: parsing or looking up the
few thousand distinct spellings instead of every cell keeps the big sheets near the read floor.
Every "once per distinct value" in opscore goes through :func:`via_uniques`.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd


def via_uniques(fn: Callable[..., Any], s: pd.Series, *args: Any, ratio: float = 4, **kwargs: Any) -> Any:
    """``fn(values, *args, **kwargs)`` — vectorised, returning a Series or a tuple of Series
    aligned with ``values`` — run on the distinct values of ``s`` (a missing value once, as
    None) and spread back to ``s``'s rows. When more than ``1/ratio`` of the values are
    distinct, ``fn`` runs on ``s`` itself (nothing to save); ``ratio=0`` always goes through
    the distinct values (for ``fn`` that are Python loops)."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    if len(uniques) * ratio > len(s):
        return fn(s, *args, **kwargs)
    results = fn(pd.Series(list(uniques) + [None], dtype=object), *args, **kwargs)
    take = np.where(codes < 0, len(uniques), codes)

    def spread(r: pd.Series) -> pd.Series:
        return pd.Series(r.to_numpy()[take], index=s.index, dtype=r.dtype if r.dtype != object else object)

    return spread(results) if isinstance(results, pd.Series) else tuple(spread(r) for r in results)


def map_uniques(s: pd.Series, func: Callable[[Any], tuple], n: int) -> list[np.ndarray]:
    """``func`` — one value in, an ``n``-tuple out (a Python function, not vectorised) — once
    per distinct value of ``s``: the ``n`` results as object arrays aligned with ``s``."""
    def each(values: pd.Series) -> tuple[pd.Series, ...]:
        results = [func(v) for v in values]
        cols = []
        for i in range(n):
            col = np.empty(len(results), dtype=object)
            col[:] = [r[i] for r in results]
            cols.append(pd.Series(col, index=values.index, dtype=object))
        return tuple(cols)

    return [r.to_numpy() for r in via_uniques(each, s, ratio=0)]


def lookup_uniques(s: pd.Series, func: Callable[[Any], Any]) -> pd.Series:
    """``func`` (one value in, one out; missing values stay None) once per distinct value of
    ``s``: an object Series aligned with ``s`` — a rulebook lookup, an id mapping."""
    return pd.Series(map_uniques(s, lambda v: (None if v is None else func(v),), 1)[0], index=s.index, dtype=object)
