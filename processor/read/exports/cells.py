"""Cell values of the exports: dates, punches, shift texts and the day's own words.

Why: the exports write ``2026/02/28 星期六`` and ``26-05-01 星期五``, punches as ``08:59``,
``次日 02:00``, ``09:30(补卡)`` or ``2026-05-01 08:23``, shifts as ``09:00-12:00、13:00-18:00``,
``普通出勤 08:30-18:00`` or ``4班次17点 17:00-次日01:30``, and a day's verdict and leave in
free text. These parsers reuse :mod:`processor.parse` and run once per distinct value
where values repeat (shift names, statuses, approvals).
"""
from __future__ import annotations

import re
from typing import Iterable

import numpy as np
import pandas as pd

from ... import parse
from ...schema import code_lookup
from .common import DAY, map_uniques, mask, norm, norm_set, per_unique, text

EXPECTED_DATE = "日期,如 2026/02/28 星期六、26-05-01 星期五‖a date such as 2026/02/28"
EXPECTED_TIME = "打卡时间,如 08:59、次日 02:00、2026-05-01 08:23‖a punch time such as 08:59"
EXPECTED_SHIFT = "班次,如 09:00-18:00、普通出勤 08:30-18:00、夜班 22:00-次日06:00、休息‖a shift such as 09:00-18:00"


def read_dates(s: pd.Series, start: pd.Timestamp | None = None) -> tuple[pd.Series, pd.Series]:
    """``2026/02/28 星期六``, ``26-05-01 星期五``, real dates → (midnight datetime64, bad); with
    the period's ``start`` also the yearless ``10-01``, ``10/1``, ``10月1日`` and ``1日``."""
    d, bad = parse.via_uniques(parse.parse_date, s)
    d = d.astype("datetime64[ns]")
    if start is not None and bad.any():
        got = pd.Series(map_uniques(s[bad], lambda v: (_yearless(v, start),), 1)[0], index=s[bad].index)
        d[bad] = got.astype("datetime64[ns]")
        bad = bad & d.isna()
    return d, bad


_YEARLESS = re.compile(r"^(?:(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{1,2})\s*日)$")


def _yearless(value: object, start: pd.Timestamp) -> object:
    """A date written without its year (or month), as the first such day on or after ``start``."""
    m = _YEARLESS.match(parse.normalise(pd.Series([str(value)], dtype=object)).iloc[0] or "")
    if m is None:
        return pd.NaT
    try:
        if m.group(3):
            d = pd.Timestamp(start.year, start.month, int(m.group(3)))
            return d if d >= start else d + pd.DateOffset(months=1)
        d = pd.Timestamp(start.year, int(m.group(1)), int(m.group(2)))
        return d if d >= start else pd.Timestamp(start.year + 1, d.month, d.day)
    except ValueError:
        return pd.NaT


def epoch_dates(s: pd.Series) -> pd.Series:
    """DingTalk ``workDate``: epoch milliseconds as text → the China-time calendar date."""
    ms = pd.to_numeric(s, errors="coerce")
    ok = ms.between(1e12, 1e13)
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    if ok.any():
        ts = pd.to_datetime(ms[ok], unit="ms", utc=True).dt.tz_convert("Asia/Shanghai")
        out[ok] = ts.dt.tz_localize(None).dt.normalize().astype("datetime64[ns]")
    return out


_NO_PUNCH = {"未打卡", "缺卡", "无", "无需打卡"}
_NOTE = re.compile(r"\s*[（(][^)）]*[)）]\s*$")
# A next-day mark however written (``次日 06:05``, ``(次日)06:05``, ``【次日】06:05``), as `` 次日06:05``:
# glued to its time, so that a cell of several punches can be split on spaces.
NEXT_MARK = re.compile(r"[(（\[【]?\s*(?:次日|第二天|翌日)\s*[)）\]】]?\s*")


def glue_next_day(t: pd.Series) -> pd.Series:
    return t.str.replace(NEXT_MARK, " 次日", regex=True).str.strip()


def read_punches(s: pd.Series, dates: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """Punch cells → (time since midnight, full datetime or NaT, next-day flag, bad mask).

    ``08:59``, ``次日 02:00``, ``09:30(补卡)`` and real Excel times give a time; a full
    ``2026-05-01 08:23`` gives both the datetime and its time on the row's date (next-day flag
    when it falls on the following day). ``未打卡``/``缺卡``/``--`` are no punch.
    """
    def clean(u: pd.Series) -> pd.Series:
        v = glue_next_day(u.astype("string").str.strip()).str.replace(_NOTE, "", regex=True)
        return v.mask(v.isin(_NO_PUNCH)).astype(object)
    t = per_unique(s, clean).astype("string")
    td, bad_t, nxt = parse.via_uniques(parse.parse_time, t)
    td = td.astype("timedelta64[ns]")
    nxt = nxt.astype(bool)
    at = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    bad_t = bad_t.astype(bool)
    if bad_t.any():
        v, _, has_time = parse.via_uniques(parse.parse_datetime, t[bad_t])
        written = t[bad_t].str.contains(r"\d\s*[:：]\s*\d{2}", regex=True).fillna(False).astype(bool)
        at[bad_t] = v.where(has_time | written)  # ``2026-04-19 00:00`` is a punch at midnight
        days = (at.dt.normalize() - dates).dt.days
        own = at.notna() & days.isin([0, 1])
        td = td.mask(own, at - at.dt.normalize())
        nxt = nxt | mask(own & (days == 1))
    bad = bad_t & at.isna()
    return td, at, nxt, bad


def offset(td: pd.Series, nxt: pd.Series) -> pd.Series:
    """Time since the row date's midnight (a next-day time plus a day)."""
    return td + pd.to_timedelta(nxt.astype(int), unit="D")


# ---------------------------------------------------------------- shifts

_TOKEN = re.compile(r"(次日|第二天|翌日|\+1)?\s*(\d{1,2})\s*[:：]\s*(\d{2})")
_FLEX = re.compile(r"自由工时|弹性工时|自由班|不定时")
_REST_WORDS = norm_set("休息", "休", "休息日", "rest", "off", "公休", "节假日休息", "休息班")
_SHIFT_CODES = code_lookup("shift") | {norm(w): "day" for w in (
    "普通出勤", "正常出勤", "普通班", "行政班", "标准班", "固定班", "日班", "常日班")}
_SHIFT_KEYS = (("夜", "night"), ("早", "morning"), ("中", "middle"), ("晚", "evening"), ("白", "day"))


def _shift_one(value: object) -> tuple:
    """(name, start minutes, end minutes, end next day, status ∈ rest/ok/flex/bad) of one 班次 text."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None, np.nan, np.nan, False, "rest"
    s = str(value).strip().translate(str.maketrans("：－—～", ":--~"))
    if s in ("", "--", "-") or norm(s) in _REST_WORDS:
        return None, np.nan, np.nan, False, "rest"
    tokens = list(_TOKEN.finditer(s))
    name = s[:tokens[0].start()].strip() if tokens else s
    if not tokens and _FLEX.search(s):  # ATT-FLEX: no start or end
        return name or None, np.nan, np.nan, False, "flex"
    if len(tokens) < 2:
        return name or None, np.nan, np.nan, False, ("rest" if "休息" in s else "bad")
    first, last = tokens[0], tokens[-1]
    start = int(first.group(2)) * 60 + int(first.group(3))
    end = int(last.group(2)) * 60 + int(last.group(3))
    ok = start <= 24 * 60 and end <= 24 * 60 and int(first.group(3)) < 60 and int(last.group(3)) < 60
    return name or None, float(start), float(end), bool(last.group(1)), ("ok" if ok else "bad")


def _name_code(name: object) -> object:
    if name is None:
        return None
    exact = _SHIFT_CODES.get(norm(name))
    if exact:
        return exact
    hits = {code for key, code in _SHIFT_KEYS if key in str(name)}
    return hits.pop() if len(hits) == 1 else None


def read_shifts(s: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """班次 texts → frame (shift_text, shift, shift_start, shift_end, shift_end_next_day) and bad mask.

    ``09:00-12:00、13:00-18:00`` is one shift from the first start to the last end; ``次日01:30``
    is an end on the next day (kept as 01:30: the end is not after the start, which
    ``resolve_attendance`` reads as crossing midnight). ``休息``, ``--`` and blank are rest;
    ``自由工时`` is a day shift without start or end, marked ``flex`` (ATT-FLEX).
    The code comes from the shift's name when it names one (早班/中班/晚班/夜班/白班, 普通出勤 =
    白班), else from its start time (see :func:`shift_code`).
    """
    name, start, end, end_next_values, status_values = map_uniques(s, _shift_one, 5)
    start_td = pd.to_timedelta(pd.Series(start.astype(float), index=s.index), unit="m").astype("timedelta64[ns]")
    end_td = pd.to_timedelta(pd.Series(end.astype(float), index=s.index), unit="m").astype("timedelta64[ns]")
    end_next = pd.Series(end_next_values.astype(bool), index=s.index)
    status = pd.Series(status_values, index=s.index)
    names = pd.Series(name, index=s.index, dtype=object)
    flex = status.eq("flex")
    code = shift_code(names, start_td, end_td, end_next, status.eq("rest")).mask(flex, "day")
    frame = pd.DataFrame({"shift_text": text(s), "shift": code, "shift_start": start_td, "shift_end": end_td,
                          "shift_end_next_day": end_next, "flex": mask(flex)}, index=s.index)
    return frame, mask(status.eq("bad"))


def shift_code(names: pd.Series, start: pd.Series, end: pd.Series, end_next: pd.Series,
               rest: pd.Series) -> pd.Series:
    """The shift code of inputs.md for a shift the export gives by name and times.

    Rule (documented for centers): rest when the export says 休息 or gives no schedule; else
    the code the shift's name spells (早班 morning, 中班 middle, 晚班 evening, 夜班 night,
    白班/普通出勤 day; a name holding exactly one of 早/中/晚/夜/白 counts too); else by the start
    time: a shift crossing midnight that starts at or after 20:00, or one starting before 05:00,
    is night; 05:00–08:59 morning; 09:00–09:59 day (office hours); 10:00–13:59 middle;
    14:00 and later evening.
    """
    by_name = pd.Series(map_uniques(names, lambda n: (_name_code(n),), 1)[0], index=names.index, dtype=object)
    hours = start.dt.total_seconds() / 3600
    crosses = end_next | (end <= start)
    by_time = np.select(
        [start.isna(), (crosses & (hours >= 20)) | (hours < 5), hours < 9, hours < 10, hours < 14],
        [np.array(None), "night", "morning", "day", "middle"], "evening")
    code = by_name.where(by_name.notna(), pd.Series(by_time, index=names.index, dtype=object))
    return code.where(~rest, "rest").astype(object)


def shift_label(start: pd.Series, end: pd.Series) -> pd.Series:
    """``09:00-18:00`` / ``22:00-次日06:00`` for shifts given only by scheduled punch times."""
    def hm(td: pd.Series) -> pd.Series:
        secs = (td.dt.total_seconds() % 86400).fillna(0).astype(int)
        return (secs // 3600).astype(str).str.zfill(2) + ":" + (secs % 3600 // 60).astype(str).str.zfill(2)
    label = hm(start) + "-" + np.where(end >= DAY, "次日", "") + hm(end)
    return label.where(start.notna() & end.notna(), None).astype(object)


# ---------------------------------------------------------------- texts of the day

def join_texts(parts: Iterable[tuple[str, pd.Series]], index: pd.Index) -> pd.Series:
    """Join non-blank texts column by column with ``; `` (each prefixed by its label, if any)."""
    out = pd.Series("", index=index, dtype=object)
    for label, s in parts:
        t = text(s)
        piece = (label + " " if label else "") + t.astype("string")
        piece = piece.fillna("").astype(object)
        sep = np.where((out != "") & (piece != ""), "; ", "")
        out = out + sep + piece
    return out.where(out != "", None).astype(object)


def verdict_text(s: pd.Series) -> pd.Series:
    """A day cell such as ``迟到9分钟; 缺卡1次;`` → ``迟到9分钟; 缺卡1次`` (newlines become ``; ``)."""
    t = s.astype("string").str.replace(r"\s*[;；\n]+\s*", "; ", regex=True).str.strip().str.strip(";").str.strip()
    return text(t)


def first_last(pairs: list[tuple[pd.Series, pd.Series, pd.Series]], last: bool
               ) -> tuple[pd.Series, pd.Series, pd.Series]:
    """The first (or last) punch present among ordered (time, datetime, next-day) columns."""
    order = reversed(pairs) if last else iter(pairs)
    td, at, nxt = next(order)
    for t2, a2, n2 in order:
        have = td.notna() | at.notna()
        td, at, nxt = td.where(have, t2), at.where(have, a2), nxt.where(have, n2)
    return td, at, nxt.astype(bool)


