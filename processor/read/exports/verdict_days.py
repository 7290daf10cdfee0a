"""Rebuild person-days from the day verdicts of a WeCom 月报 or DingTalk 月度汇总.

Why: some centers can only export the monthly report, whose day cells hold the attendance
system's verdict (``迟到9分钟; 缺卡1次;``) and no shift or punch times. For the people no
daily export or 考勤 table covers, opscore turns each verdict back into the punches it
implies on the center's usual shift (rulebook ``[exports] verdict_shift``), so the center's
own rules (fine per minute, ATT-LATE30, ATT-RESIGN, leave validity, APR-ATTEND) apply to
the minutes the export states. How the words are read:

* ``迟到N分钟`` (also ``严重迟到``, ``1小时5分钟``) → clock-in N minutes after the start;
  ``早退N分钟`` → clock-out N minutes before the end.
* ``旷工…`` / ``未打卡`` → no punch at all (unless the cell also gives late or early minutes).
* ``缺卡N次``: N ≥ 2 → neither punch; N = 1 → the clock-out is missing, or the clock-in when
  the cell says ``上班缺卡`` or gives early minutes and no late ones; ``上班缺卡`` /
  ``下班缺卡`` name the side.
* leave words (``请假``, ``事假1天``, ``无需打卡（请假）``…) alone → no punch: the leave table
  decides whether the day is excused, as with every other source.
* ``休息``, ``节假日``, ``加班…`` alone → a rest day; a blank cell or ``--`` → no day at all.
* ``正常``, ``补卡``, ``外出``, ``出差``, ``外勤``, ``地点异常``, ``设备异常`` → both punches on time.
* ``迟到`` / ``早退`` without minutes, and words none of these → the cell is reported: the
  minutes cannot be guessed.

What a verdict cannot give: how early someone came in, so ATT-PREP is not measured on these
days (no rate, no penalty, as for a month without worked shifts).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .cells import read_shifts
from .common import DAY, map_uniques

DEFAULT_VERDICT_SHIFT = "09:00-18:00"  # rulebook [exports] verdict_shift
EXPECTED_VERDICT = "考勤结论,如 正常、迟到9分钟、早退5分钟、旷工、缺卡1次、上班缺卡、事假、休息"
NO_MINUTES = "只写了迟到/早退,没有分钟数,无法按分钟计算:请导出日报/每日统计‖late or early without minutes"

_SPAN = r"(?:(\d+)\s*(?:小时|时|h))?\s*(?:(\d+)\s*(?:分钟|分|min))?"
_LATE = re.compile(r"迟到" + _SPAN)
_EARLY = re.compile(r"早退" + _SPAN)
_ABSENT = re.compile(r"旷工|未打卡")
_MISS_COUNT = re.compile(r"缺卡\s*(\d+)\s*次")
_MISS_IN = re.compile(r"上班\d?(?:缺卡|未打卡)")  # DingTalk's per-punch results: 上班1 缺卡
_MISS_OUT = re.compile(r"下班\d?(?:缺卡|未打卡)")
_LEAVE = re.compile(r"假|无需打卡")
_REST = re.compile(r"休息|节假日")
_NORMAL = re.compile(r"正常|补卡|外出|出差|外勤|地点异常|设备异常|改为正常")
_OVERTIME = re.compile(r"加班")


def _minutes(pattern: re.Pattern[str], text: str) -> int:
    """Minutes the word states (0 when absent, -1 when it is there without a number)."""
    m = pattern.search(text)
    if m is None:
        return 0
    if m.group(1) is None and m.group(2) is None:
        return -1
    return int(m.group(1) or 0) * 60 + int(m.group(2) or 0)


def _one(value: object) -> tuple[str, int, int, bool, bool, str]:
    """(kind, late, early, has_in, has_out, problem) for one cell; kind ∈ none/rest/work/bad;
    late/early are -1 where the word is there without minutes (a minutes column may say)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "none", 0, 0, False, False, ""
    t = re.sub(r"\s+", "", str(value)).replace("（", "(").replace("）", ")")
    if t in ("", "-", "--"):
        return "none", 0, 0, False, False, ""
    late, early = _minutes(_LATE, t), _minutes(_EARLY, t)
    absent = bool(_ABSENT.search(t))
    count = _MISS_COUNT.search(t)
    miss_in, miss_out = bool(_MISS_IN.search(t)), bool(_MISS_OUT.search(t))
    missing = int(count.group(1)) if count else (1 if "缺卡" in t and not (miss_in or miss_out) else 0)
    leave, normal = bool(_LEAVE.search(t)), bool(_NORMAL.search(t))
    sided = miss_in or miss_out
    if not (late or early or missing or sided or normal or absent or leave):
        if _REST.search(t) or _OVERTIME.search(t):
            return "rest", 0, 0, False, False, ""
        return "bad", 0, 0, False, False, "words"
    if (absent or leave) and not (late or early or missing or sided or (leave and normal)):
        return "work", 0, 0, False, False, ""
    if missing >= 2 or (miss_in and miss_out):
        return "work", 0, 0, False, False, ""
    if missing == 1:
        miss_in, miss_out = (True, False) if (early and not late) else (False, True)
    return "work", late, early, not miss_in, not miss_out, ""


def _nominal(shift_text: str, idx: pd.Index) -> pd.DataFrame:
    shift, _ = read_shifts(pd.Series([shift_text] * len(idx), index=idx, dtype=object))
    return shift


def rebuild(verdict: pd.Series, shift_text: str, shifts: pd.DataFrame | None = None,
            late_minutes: pd.Series | None = None, early_minutes: pd.Series | None = None,
            ) -> tuple[pd.DataFrame, pd.Series]:
    """Verdict cells → (columns of the person-day frame, why each unusable cell is unusable).

    ``shifts`` (from :func:`.cells.read_shifts`, a DingTalk 每日统计's 班次) gives each day's own
    shift where known; elsewhere the day is placed on ``shift_text``. ``late_minutes`` /
    ``early_minutes`` (a 迟到时长 / 早退时长 column) give the minutes where the words do not.

    The frame holds ``keep`` (False for blank and unusable cells), ``shift_text``, ``shift``,
    ``shift_start``, ``shift_end``, ``shift_end_next_day``, ``clock_in``/``clock_out`` with their
    ``_next_day`` flags, as offsets from the day's midnight like every export reader gives them;
    the Series holds "" for usable cells, "minutes" or "words" otherwise.
    """
    kind, late, early, has_in, has_out, why = map_uniques(verdict, _one, 6)
    idx = verdict.index
    kind = pd.Series(kind, index=idx, dtype=object)
    why = pd.Series(why, index=idx, dtype=object)
    late = _with_column(pd.Series(late.astype("int64"), index=idx), late_minutes)
    early = _with_column(pd.Series(early.astype("int64"), index=idx), early_minutes)
    no_minutes = kind.eq("work") & ((late < 0) | (early < 0))
    why = why.mask(no_minutes, "minutes")
    kind = kind.mask(no_minutes, "bad")
    sh = _nominal(shift_text, idx)
    if shifts is not None:
        own = shifts["shift_start"].notna() & shifts["shift_end"].notna()
        sh = sh.mask(own, shifts[sh.columns])
        named_rest = shifts["shift"].eq("rest") & shifts["shift_text"].astype("string").str.contains("休息").fillna(False)
        kind = kind.mask(named_rest & kind.eq("work"), "rest")  # a blank 班次 takes the usual shift
    work = kind.eq("work").to_numpy()
    overnight = (sh["shift_end_next_day"] | (sh["shift_end"] <= sh["shift_start"])).astype(int)
    start_abs = sh["shift_start"]
    end_abs = sh["shift_end"] + pd.to_timedelta(overnight, unit="D")
    out = pd.DataFrame(index=idx)
    out["keep"] = kind.isin(["work", "rest"])
    out["shift_text"] = pd.Series(np.where(work, sh["shift_text"], np.where(kind.eq("rest"), "休息", None)),
                                  index=idx, dtype=object)
    out["shift"] = pd.Series(np.where(work, sh["shift"], np.where(kind.eq("rest"), "rest", None)), index=idx, dtype=object)
    out["shift_start"] = sh["shift_start"].where(work)
    out["shift_end"] = sh["shift_end"].where(work)
    out["shift_end_next_day"] = work & overnight.astype(bool).to_numpy()
    for col, at, present in (("clock_in", start_abs + pd.to_timedelta(late.clip(lower=0), unit="m"), has_in),
                             ("clock_out", end_abs - pd.to_timedelta(early.clip(lower=0), unit="m"), has_out)):
        nxt = (at >= DAY).to_numpy()
        td = (at - pd.to_timedelta(nxt.astype(int), unit="D")).astype("timedelta64[ns]")
        ok = work & present.astype(bool)
        out[col] = td.where(ok)
        out[f"{col}_next_day"] = ok & nxt
    return out, why


def _with_column(words: pd.Series, column: pd.Series | None) -> pd.Series:
    """Minutes from the words, or from a minutes column where it holds a positive number."""
    if column is None:
        return words
    num = pd.to_numeric(column, errors="coerce")
    return num.where(num > 0, words).fillna(words).round().astype("int64")
