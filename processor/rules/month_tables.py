"""A month's tables as the rules need them, and the small lookups every rule shares.

The reader hands over typed tables (see :mod:`processor.model`), but an optional table may be
absent or empty without columns. The rules take every table through :func:`table` so that
each schema column is there with its contract dtype and no rule has to special-case a
missing sheet.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import Month
from ..rulebook import Rulebook
from ..schema import TABLES

_DATE_TYPES = ("date", "datetime", "date_or_datetime", "time", "time_or_datetime")


def _empty_column(kind: str, default: object, n: int) -> pd.Series:
    if kind in _DATE_TYPES:
        return pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
    if kind == "yesno":
        return pd.Series(bool(default), index=range(n), dtype=bool)
    if kind in ("number", "score", "satisfaction"):
        return pd.Series(np.nan, index=range(n), dtype="float64")
    return pd.Series(default, index=range(n), dtype=object)


def table(month: Month, key: str) -> pd.DataFrame:
    """``month.tables[key]`` with every schema column present and a fresh 0..n-1 index."""
    df = month.tables.get(key)
    df = pd.DataFrame() if df is None else df.reset_index(drop=True)
    spec = TABLES[key]
    missing = [c for c in spec.columns if c.key not in df.columns]
    if missing:  # copy-on-write: the new columns never reach month.tables, no deep copy needed
        for col in missing:
            df[col.key] = _empty_column(col.type, col.blank_default, len(df)).to_numpy()
    if key == "leave":
        df = _leave_all_day_flags(df)
    return df


def _leave_all_day_flags(df: pd.DataFrame) -> pd.DataFrame:
    """``start_all_day``/``end_all_day`` as the reader sets them, inferred (midnight) if absent."""
    out = df.copy()
    for col, src in (("start_all_day", "start"), ("end_all_day", "end")):
        if col not in out.columns:
            ts = pd.to_datetime(out[src])
            out[col] = (ts.notna() & ts.eq(ts.dt.normalize())).to_numpy(dtype=bool)
        else:
            out[col] = out[col].fillna(False).astype(bool)
    return out


def ids(series: pd.Series) -> pd.Series:
    """Employee ids as object str/None (the contract), whatever string dtype came in."""
    s = series.astype(object)
    return s.where(s.notna(), None)


def team_of(roster: pd.DataFrame) -> pd.Series:
    """employee_id → team."""
    return roster.drop_duplicates("employee_id").set_index("employee_id")["team"]


def role_of(roster: pd.DataFrame) -> pd.Series:
    """employee_id → role."""
    return roster.drop_duplicates("employee_id").set_index("employee_id")["role"]


def ranks(roles: pd.Series, rulebook: Rulebook) -> pd.Series:
    """Vectorised :meth:`Rulebook.rank`: blank → 0, an unlisted role → 1 (staff)."""
    text = roles.astype(object).where(roles.notna(), "").astype(str).str.strip()
    known = text.map(rulebook.ranks)
    return known.fillna(text.ne("").astype(int)).astype(int)


def holidays(month: Month) -> pd.DatetimeIndex:
    """The public holidays of the holiday calendar (midnight dates)."""
    dates = pd.to_datetime(table(month, "holidays")["date"]).dropna().dt.normalize()
    return pd.DatetimeIndex(dates.unique())


def working(att: pd.DataFrame) -> pd.Series:
    """A scheduled working day: a shift other than rest, with its times."""
    return att["shift"].ne("rest") & att["shift"].notna() & att["shift_start"].notna() & att["shift_end"].notna()


def lookup(keys: pd.Series, mapping: pd.Series) -> pd.Series:
    """``keys.map(mapping)`` that keeps datetime values (and works on empty mappings)."""
    return pd.Series(mapping.reindex(keys.to_numpy()).to_numpy(), index=keys.index, dtype=mapping.dtype)
