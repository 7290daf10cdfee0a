"""Vectorised parsers for the cell spellings of inputs.md.

Every parser takes a pandas Series of text (``None``/NaN = blank cell) as the readers give it
and returns ``(values, bad)``: the typed Series and a boolean mask of non-blank cells that
could not be read. Fast paths first (one C-speed ``to_datetime`` with the common format),
the slow normalising path only for the rows the fast path missed — a million-row sheet must
not pay for the rare ``2026年10月1日``.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .distinct import via_uniques  # noqa: F401  (re-exported: parsers are run per distinct value through it)
from .iso_seconds import seconds_datetimes
from .zones import DEFAULT_TZ
from .zones import unix_times as _unix
from .zones import us_datetimes as _us
from .zones import zoned as _zoned

_WEEKDAY = (r"\s*[(（]?(?:星期|周|礼拜)[一二三四五六日天][)）]?\s*$"
            r"|(?i:(?:\s+|\s*[(（])(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?"
            r"[)）]?\s*$)")
_FULLWIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {
    "：": ":", "／": "/", "－": "-", "．": ".", "　": " ", "，": ",", "％": "%"})
_DATE_RE = re.compile(r"^(\d{2}|\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+(.*))?$")
_TIME_RE = re.compile(r"^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?$")
# C0 controls (tabs and line breaks kept) and the invisible characters that make two equal-looking
# texts differ or reverse how a name reads: zero-width spaces and joiners, bidi controls, BOM.
_CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
_NEXT_DAY = re.compile(r"^\s*(?:次日|第二天|翌日|\+1)\s*")
# The date an Excel time-only cell carries when a reader turns it into a datetime.
_EXCEL_TIME_DATES = ("1899-12-31", "1899-12-30", "1900-01-00", "1900-01-01")
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")

YES = {"是", "y", "yes", "true", "1", "√", "✓", "✔", "对", "有", "t", "1.0", "命中"}  # 命中: a QA export's fatal item hit
NO = {"否", "n", "no", "false", "0", "×", "✗", "✘", "x", "无", "f", "0.0", "不是", "未命中"}


_BLANKS = ["", "--", "nan", "NaN", "NAN"]


def mask(m: pd.Series) -> pd.Series:
    """A plain numpy-bool mask (string ops give nullable booleans)."""
    return m.fillna(False).astype(bool)


def blank(s: pd.Series) -> pd.Series:
    """True where a cell is empty, only spaces, or the exports' ``--``."""
    t = s.astype("string").str.strip()
    return mask(t.isna() | t.isin(_BLANKS))


def known_blank(s: pd.Series, blanks: np.ndarray | None) -> pd.Series:
    """``blank(s)``, or the caller's measure of it (a big sheet's blanks are measured once)."""
    return blank(s) if blanks is None else pd.Series(blanks, index=s.index, name=s.name, dtype=bool)


def drop_controls(t: pd.Series) -> pd.Series:
    """Text without C0 control characters (tabs and line breaks kept) or invisible ones: pasted
    junk such as ``\\x07`` or a NUL is invisible in Excel, breaks XML and pages, and means
    nothing; a zero-width space would make ``001`` two employees, a bidi override would
    reverse a name in every output."""
    has = mask(t.str.contains(_CONTROL, regex=True))
    return t.str.replace(_CONTROL, "", regex=True) if has.any() else t


def clean_text(s: pd.Series, blanks: np.ndarray | None = None) -> pd.Series:
    """Stripped text with blanks as None (object dtype, so ids stay exactly as written);
    ``blanks``: ``blank(s)`` when the caller has measured it already."""
    t = drop_controls(s.astype("string")).str.strip()
    t = t.mask(known_blank(s, blanks) | mask(t == ""))
    return t.astype(object).where(t.notna(), None)


def normalise(s: pd.Series) -> pd.Series:
    """Full-width digits and colons to ASCII, weekday suffixes, control characters and stray spaces removed."""
    t = drop_controls(s.astype("string").str.translate(_FULLWIDTH)).str.strip()
    t = t.str.replace(_WEEKDAY, "", regex=True)
    return t.str.replace(r"\s+", " ", regex=True)


def parse_id(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Employee ids as text: leading zeros kept, ``1001.0`` from a numeric cell → ``1001``."""
    t = normalise(s)
    t = t.mask(blank(s) | mask(t == ""))  # a cell of only control characters is blank too
    t = t.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
    out = t.astype(object).where(t.notna(), None)
    return out, pd.Series(False, index=s.index)


def _ymd(t: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Slow path: ``2026年10月1日``, ``2026/10/1``, ``26-05-01``, Excel serials → (date, rest)."""
    parts = t.str.strip().str.extract(_DATE_RE)
    year = pd.to_numeric(parts[0], errors="coerce")
    year = year.where(year >= 100, year + 2000)
    month, day = pd.to_numeric(parts[1], errors="coerce"), pd.to_numeric(parts[2], errors="coerce")
    ok = year.notna() & month.notna() & day.notna()
    dates = pd.Series(pd.NaT, index=t.index, dtype="datetime64[ns]")
    if ok.any():
        text = (year[ok].astype(int).astype(str) + "-" + month[ok].astype(int).astype(str)
                + "-" + day[ok].astype(int).astype(str))
        dates[ok] = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce").astype("datetime64[ns]")
    serial = pd.to_numeric(t, errors="coerce")
    serial_ok = serial.between(20000, 80000) & dates.isna()
    if serial_ok.any():  # a date typed as its Excel serial number (CSV exports do this)
        secs = (serial[serial_ok] * 86400).round()  # to the second: a float day has no exact minute
        dates = dates.mask(serial_ok, _EXCEL_EPOCH + pd.to_timedelta(secs, unit="s"))
        parts.loc[serial_ok, 3] = None
    return dates, parts[3]


def _clock(t: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``08:59``/``8:59:30``/``0.375`` (Excel fraction) → (timedelta since midnight, next-day flag)."""
    nxt = mask(t.str.contains(_NEXT_DAY))
    u = t.str.replace(_NEXT_DAY, "", regex=True).str.strip()
    parts = u.str.extract(_TIME_RE)
    h, m = pd.to_numeric(parts[0], errors="coerce"), pd.to_numeric(parts[1], errors="coerce")
    sec = pd.to_numeric(parts[2], errors="coerce").fillna(0)
    frac = pd.to_numeric("0." + parts[3].fillna("0"), errors="coerce").fillna(0)
    ok = h.between(0, 24) & m.between(0, 59) & sec.between(0, 59) & ~((h == 24) & ((m > 0) | (sec > 0)))
    td = pd.to_timedelta(h * 3600 + m * 60 + sec + frac, unit="s").astype("timedelta64[ns]").where(ok)
    fraction = pd.to_numeric(u, errors="coerce")
    is_frac = td.isna() & fraction.between(0, 1, inclusive="left")
    if is_frac.any():
        td = td.mask(is_frac, pd.to_timedelta((fraction[is_frac] * 86400).round(), unit="s"))
    return td, nxt


def parse_datetime(s: pd.Series, allow_date_only: bool = True, tz: str = DEFAULT_TZ,
                   placeholders: bool = False, blanks: np.ndarray | None = None,
                   ) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Datetimes in every listed spelling → (datetime64, bad mask, has-time mask).

    With ``placeholders`` the exports' "no time" (the epoch ``1970-01-01 08:00:00``, ``-1``,
    ``0``) is a blank, not a moment: it would otherwise count as a real response. ``blanks``:
    ``blank(s)`` when the caller has measured it already.
    """
    empty = known_blank(s, blanks)
    t = s.astype("string").str.strip()
    fast, exact = seconds_datetimes(t)
    fast = fast.astype("datetime64[ns]")
    leap = leap_second(s, ~exact)  # a cell Arrow read is a real moment
    fast = fast.mask(leap)
    has_time = fast.notna() & (fast != fast.dt.normalize())  # a real Excel date arrives as 00:00:00
    todo = fast.isna() & ~empty & ~leap
    if placeholders and todo.any():  # -1, 0, 0000-00-00: only among the cells the fast path missed
        from .vocab import PLACEHOLDER_CELLS
        held = pd.Series(False, index=s.index)
        held[todo] = mask(t[todo].str.lower().isin(PLACEHOLDER_CELLS))
        empty, todo = empty | held, todo & ~held
    if todo.any():
        u = normalise(s[todo])
        zoned = _zoned(u, tz)
        us = _us(u) if mask(u.str.contains("/", regex=False)).any() else zoned
        dates, rest = _ymd(u)
        direct = zoned.where(zoned.notna(), us)
        if mask(u.str.match(r"1\d{9}", na=False)).any():  # Unix seconds or milliseconds
            direct = direct.where(direct.notna(), _unix(u, tz))
        rest = rest.mask(direct.notna(), "00:00:01")  # a time is there: only the value below is used
        rest = rest.astype("string").str.strip()
        no_time = rest.isna() | (rest == "") | rest.str.fullmatch(r"0{1,2}:00(:00)?(\.0+)?", na=False)
        td, nxt = _clock(rest.fillna(""))
        value = dates + td.fillna(pd.Timedelta(0)) + pd.to_timedelta(nxt.astype(int), unit="D")
        value = value.where(dates.notna() & (no_time | td.notna()))
        value = direct.where(direct.notna(), value)
        fast = fast.copy()
        fast[todo] = value
        has_time = has_time.copy()
        has_time[todo] = ~no_time & value.notna()
        if not allow_date_only:
            fast[todo & ~has_time] = None  # NaT
    if placeholders:
        epoch = mask(fast < pd.Timestamp("1971-01-01"))
        fast, empty = fast.mask(epoch), empty | epoch
    bad = mask(fast.isna() & ~empty)
    return fast.astype("datetime64[ns]"), bad, has_time & ~empty


def parse_date(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates (a time part of 00:00 is allowed; any other time makes it not a date)."""
    value, bad, has_time = parse_datetime(s)
    midnight = value.dt.normalize() == value
    bad = bad | (value.notna() & ~midnight)
    return value.where(midnight), bad


_LEAP = re.compile(r"(?<![\d０-９])[\d０-９]{1,2}\s*[:：]\s*[\d０-９]{1,2}\s*[:：]\s*(?:60|６０)(?![\d０-９])")


def leap_second(s: pd.Series, among: np.ndarray | None = None) -> pd.Series:
    """``23:59:60``: the clock would roll it to 00:00 of the next day; a punch or shift cannot be
    at a leap second (China keeps none on the wall clock), so it is refused, not moved. Only
    the cells ``among`` are looked at (the others are known not to be one)."""
    out = pd.Series(False, index=s.index)
    if among is not None:
        if among.any():
            out[among] = leap_second(s[among]).to_numpy()
        return out
    t = s.astype("string[pyarrow]")
    near = mask(t.str.contains("60", regex=False) | t.str.contains("６０", regex=False))  # C++: cheap
    if near.any():
        out[near] = mask(t[near].astype("string").str.contains(_LEAP, regex=True))
    return out


def _fast_time(t: pd.Series) -> pd.Series:
    """C-speed path for the two spellings big sheets use: a real Excel time
    (``1899-12-31 08:30:00``) and ``08:30[:00]``; NaT where neither fits."""
    excel = seconds_datetimes(t)[0]
    td = (excel - excel.dt.normalize()).where(excel.dt.year < 1901)
    for fmt in ("%H:%M:%S", "%H:%M"):
        todo = td.isna() & t.notna()
        if not todo.any():
            break
        clock = pd.to_datetime(t[todo], format=fmt, errors="coerce")
        td[todo] = clock - clock.dt.normalize()
    return td.astype("timedelta64[ns]")


def parse_time(s: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Times of day → (timedelta since midnight, bad mask, next-day flag for ``次日``).

    A real Excel time arrives from the reader as ``1899-12-31 08:30:00``: its date is dropped.
    """
    empty = blank(s)
    leap = leap_second(s)
    td = _fast_time(s.astype("string").str.strip()).mask(leap)
    nxt = pd.Series(False, index=s.index)
    todo = td.isna() & ~empty & ~leap
    if todo.any():  # the rest: full-width digits, 次日, 8:59:30.5, Excel fractions, 24:00
        t = normalise(s[todo])
        for d in _EXCEL_TIME_DATES:
            t = t.str.replace(f"^{d} ", "", regex=True)
        t = t.str.replace(r"\.0+$", "", regex=True)
        slow, slow_next = _clock(t.fillna(""))
        td[todo] = slow
        nxt[todo] = slow_next
    bad = mask(td.isna() & ~empty)
    return td.where(~empty), bad, mask(nxt & ~empty)


def parse_time_or_datetime(s: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """Punches: a time (→ timedelta) or a full datetime. Returns (time, datetime, bad, next_day)."""
    td, bad_t, nxt = parse_time(s)
    todo = bad_t
    dt = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    if todo.any():
        v, _, has_time = parse_datetime(s[todo])
        dt[todo] = v.where(has_time)
    bad = bad_t & dt.isna()
    return td, dt, bad, nxt


def parse_yesno(s: pd.Series, default: bool | None = False) -> tuple[pd.Series, pd.Series]:
    """Yes/no in every listed spelling; blank takes ``default``."""
    empty = blank(s)
    t = normalise(s).str.lower()
    yes, no = t.isin(YES), t.isin(NO)
    yes, no = mask(yes), mask(no)
    bad = mask(~empty & ~yes & ~no)
    out = pd.Series(np.where(yes, True, np.where(no, False, bool(default))), index=s.index, dtype=bool)
    return out, bad


def parse_number(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers: thousands separators dropped, ``95%`` → 0.95, full-width digits accepted."""
    empty = blank(s)
    t = normalise(s).str.replace(",", "", regex=False)
    pct = mask(t.str.endswith("%"))
    num = pd.to_numeric(t.str.rstrip("%"), errors="coerce").astype(float)
    num = num.where(~pct, num / 100.0)
    num = num.where(np.isfinite(num))  # inf, 1e999, nan: no regulation counts in them
    bad = mask(num.isna() & ~empty)
    return num.where(~empty), bad


def parse_satisfaction(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A whole satisfaction column → 1–5 (words, stars, Good/Bad, a 100-point scale; see
    :mod:`.service_cells`, whose vocabularies live in :mod:`.vocab`); outside the scale is bad."""
    from .service_cells import parse_satisfaction as cells
    from .service_cells import rescale_hundred

    value, bad = cells(s)
    value, outside = rescale_hundred(value)
    return value, bad | outside


def parse_score(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A 0–100 score: ``85%`` and ``85分`` are 85 (a QA export's percent is the score, not 0.85)."""
    t = s.astype("string").str.replace(r"\s*(?:%|％|分)\s*$", "", regex=True)
    num, bad = parse_number(t.astype(object).where(t.notna(), None))
    out_of_range = num.notna() & ~num.between(0, 100)
    return num.where(~out_of_range), bad | out_of_range
