"""Datetimes the exports write beyond the Chinese spellings of :mod:`.parse`: ISO times with
a zone (Zendesk's ``2026-10-01T00:30:00Z``, ``+08:00``), read into the center's zone, and US
times (Salesforce's ``10/1/2026 8:30 AM``), and Unix times in seconds or milliseconds (what
helpdesk APIs such as 智齿's give, ``1790902800`` / ``1790902800000``, UTC), read into the
center's zone. Vectorised, on the cells the fast path missed."""
from __future__ import annotations

import re

import pandas as pd

_ZONE = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$", re.IGNORECASE)
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$")
_UNIX = re.compile(r"^1\d{9}(?:\d{3})?(?:\.0+)?$")  # 2001–2033 in seconds, or in milliseconds
DEFAULT_TZ = "Asia/Shanghai"


def zoned(u: pd.Series, tz: str) -> pd.Series:
    """ISO times with a zone (``2026-10-01T00:30:00Z``, ``…+08:00``, ``… +0800``) in the center's
    local time, naive; NaT where a cell has no zone."""
    out = pd.Series(pd.NaT, index=u.index, dtype="datetime64[ns]")
    has = _mask(u.str.contains(_ZONE))
    if has.any():
        text = u[has].str.replace(r"\s+(?=[+-]\d{2}:?\d{2}$)", "", regex=True).str.replace(" ", "T", n=1)
        v = pd.to_datetime(text, utc=True, errors="coerce", format="ISO8601")
        out[has] = v.dt.tz_convert(tz).dt.tz_localize(None).astype("datetime64[ns]")
    return out


def unix_times(u: pd.Series, tz: str) -> pd.Series:
    """``1790902800`` (seconds) or ``1790902800000`` (milliseconds) since 1970 UTC, in the
    center's local time, naive; NaT elsewhere. Ten or thirteen digits starting with 1 cannot be
    an Excel serial day (those are five digits) nor a date written as digits (eight)."""
    out = pd.Series(pd.NaT, index=u.index, dtype="datetime64[ns]")
    has = _mask(u.str.fullmatch(_UNIX))
    if has.any():
        n = pd.to_numeric(u[has], errors="coerce")
        seconds = n.where(n < 1e11, n / 1000.0)
        v = pd.to_datetime(seconds, unit="s", utc=True, errors="coerce")
        out[has] = v.dt.tz_convert(tz).dt.tz_localize(None).astype("datetime64[ns]")
    return out


def us_datetimes(u: pd.Series) -> pd.Series:
    """``10/1/2026 8:30 AM`` (Salesforce, Freshdesk in US locales): month first, unless the
    first number cannot be a month."""
    p = u.str.extract(_US)
    a, b, y = (pd.to_numeric(p[i], errors="coerce") for i in range(3))
    month, day = a.where(a <= 12, b), b.where(a <= 12, a)
    hour = pd.to_numeric(p[3], errors="coerce").fillna(0)
    pm = p[6].str.lower().eq("pm").fillna(False).astype(bool)
    am = p[6].str.lower().eq("am").fillna(False).astype(bool)
    hour = hour.where(~(am & (hour == 12)), 0).where(~(pm & (hour < 12)), hour + 12)
    secs = hour * 3600 + pd.to_numeric(p[4], errors="coerce").fillna(0) * 60 + pd.to_numeric(p[5], errors="coerce").fillna(0)
    out = pd.Series(pd.NaT, index=u.index, dtype="datetime64[ns]")
    ok = _mask(y.notna() & month.notna() & day.notna())
    if ok.any():
        text = y[ok].astype(int).astype(str) + "-" + month[ok].astype(int).astype(str) + "-" + day[ok].astype(int).astype(str)
        out[ok] = (pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
                   + pd.to_timedelta(secs[ok], unit="s")).astype("datetime64[ns]")
    return out




def _mask(m: pd.Series) -> pd.Series:
    return m.fillna(False).astype(bool)
