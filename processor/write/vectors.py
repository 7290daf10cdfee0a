"""Turning DataFrame columns into what the outputs show, once per column or per distinct value.

A large center's month has 62,000 employee-days, yet a column of them holds few distinct
values (31 dates, a handful of outcomes, one name per employee). Both writers format each
distinct value once and spread the result over the rows (:func:`per_value`), instead of
calling a formatter per cell; and rows reach the templates through :func:`column_values`,
one ``tolist`` per column rather than pandas boxing every cell.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from processor.distinct import map_uniques


def _native(value: Any) -> Any:
    """A numpy scalar as the Python value ``DataFrame.to_dict`` gives (datetime64 → Timestamp)."""
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value)
    if isinstance(value, np.timedelta64):
        return pd.Timedelta(value)
    return value.item() if isinstance(value, np.generic) else value


def column_values(series: pd.Series) -> list[Any]:
    """A column as Python values with None for every missing one (NaN, NaT, pd.NA)."""
    values = series.tolist()
    if series.dtype == object and any(isinstance(v, np.generic) for v in values):
        values = [_native(v) for v in values]
    missing = series.isna().to_numpy()
    if missing.any():
        values = [None if m else v for v, m in zip(values, missing.tolist())]
    return values


def per_value(series: pd.Series, fn: Callable[[Any], Any]) -> list[Any]:
    """``fn`` of every cell (``fn(None)`` for a missing one), calling ``fn`` once per distinct value.

    Columns whose cells are not all of one plain type (numbers, strings, dates) are done cell
    by cell, so that ``1`` and ``True`` (equal as dict keys) keep their own results, and a
    list in a cell does not stop the column.
    """
    if series.dtype == object and pd.api.types.infer_dtype(series, skipna=True) not in ("string", "empty"):
        return [fn(v) for v in column_values(series)]
    return map_uniques(series, lambda v: (fn(v),), 1)[0].tolist()


def records(frame: pd.DataFrame | None, keys: list[str] | None = None) -> list[dict[str, Any]]:
    """Rows as dicts with None for every missing value (NaN, NaT, pd.NA).

    With ``keys``, every row has exactly those keys (None where the frame lacks the column),
    so templates can rely on them.

    Built column by column (one ``tolist`` each) rather than with ``DataFrame.to_dict``, which
    boxes every cell through pandas and took seconds on a large center's 62,000 employee-days.
    """
    if frame is None or frame.empty:
        return []
    sub = frame if keys is None else frame.reindex(columns=keys)
    names = list(sub.columns)
    columns = [column_values(sub.iloc[:, i]) for i in range(sub.shape[1])]
    return [dict(zip(names, row)) for row in zip(*columns)]


def as_number(value: object) -> float | None:
    """``value`` as a float; None when it is missing (NaN, None, NaT) or not a number."""
    try:
        f = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if f != f else f
