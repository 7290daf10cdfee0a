"""Rebuild person-days from the day verdicts of a WeCom 月报 or DingTalk 月度汇总.

Why: some centers can only export the monthly report, whose day cells hold the attendance
system's verdict (``迟到9分钟; 缺卡1次;``) and no shift or punch times. For the people no
daily export or 考勤 table covers, opscore turns each verdict back into the punches it
implies on the center's usual shift (rulebook ``[exports] verdict_shift``), so the center's
own rules (fine per minute, ATT-LATE30, ATT-RESIGN, leave validity, APR-ATTEND) apply to
the minutes the export states. What a cell says is decided by :mod:`.vocabulary` (its
class); this module turns the class and the minutes into punches:

* ``迟到N分钟`` (also ``严重迟到``, ``1小时5分钟``) → clock-in N minutes after the start;
  ``早退N分钟`` → clock-out N minutes before the end. A lateness as long as the shift places
  the shift from the cell's own punch (DingTalk ``(17:59,20:42)``), or is reported: never a
  time that is not in the export.
* absence (``旷工…`` / ``未打卡``) → no punch at all (unless the cell also gives minutes).
* ``缺卡N次``: N ≥ 2 → neither punch; N = 1 → the clock-out is missing, or the clock-in when
  the cell says ``上班缺卡`` or gives early minutes and no late ones; ``上班缺卡`` /
  ``下班缺卡`` name the side.
* leave and outing (``请假``, ``调休…``, ``事假1天``, ``无需打卡（请假）``, ``外出``, ``出差``)
  alone → no punch: LV-APP or the leave table decide, as with every other source.
* rest (``休息``, ``正常（未排班）``, ``节假日``, ``加班…`` alone) → a rest day; a blank cell or
  ``--`` → no day at all.
* normal (``正常``, ``补卡``, ``外勤``, ``地点异常``, ``设备异常``) → both punches on time.
* ``迟到`` / ``早退`` without minutes, and words none of these → the cell is reported: the
  minutes cannot be guessed.

What a verdict cannot give: how early someone came in, so ATT-PREP is not measured on these
days (no rate, no penalty, as for a month without worked shifts).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .cells import read_shifts, shift_label
from .common import DAY, map_uniques
from .vocabulary import ABSENT, EARLY, LATE, MISS_COUNT, MISS_IN, MISS_OUT, cell_punches, minutes, squeeze, word_class

DEFAULT_VERDICT_SHIFT = "09:00-18:00"  # rulebook [exports] verdict_shift
EXPECTED_VERDICT = "考勤结论,如 正常、迟到9分钟、早退5分钟、旷工、缺卡1次、上班缺卡、事假、休息"
NO_MINUTES = "只写了迟到/早退,没有分钟数,无法按分钟计算:请导出日报/每日统计‖late or early without minutes"
TOO_LONG = ("迟到/早退的分钟数超过了班次长度,格中又没有打卡时间,无法确定班次:请导出日报/每日统计"
            "‖late or early minutes longer than the shift, and no punch time in the cell")


def _one(value: object) -> tuple:
    """(kind, late, early, has_in, has_out, problem, cell clock-in, cell clock-out) for one cell;
    kind ∈ none/rest/work/bad; late/early are -1 where the word is there without minutes (a
    minutes column may say); the cell's own punch minutes are NaN when it shows none."""
    t = squeeze(value)
    if not t:
        return "none", 0, 0, False, False, "", np.nan, np.nan
    cls, _ = word_class(t)
    if cls is None:
        return "bad", 0, 0, False, False, "words", np.nan, np.nan
    if cls == "rest":
        return "rest", 0, 0, False, False, "", np.nan, np.nan
    cin, cout = (np.nan if v is None else float(v) for v in cell_punches(t))
    late, early = minutes(LATE, t), minutes(EARLY, t)
    count = MISS_COUNT.search(t)
    miss_in, miss_out = bool(MISS_IN.search(t)), bool(MISS_OUT.search(t))
    missing = int(count.group(1)) if count else (1 if "缺卡" in t and not (miss_in or miss_out) else 0)
    if cls in ("absence", "leave", "outing") and not (late or early):
        return "work", 0, 0, False, False, "", cin, cout  # no punch: leave table / LV-APP decide
    if missing >= 2 or (miss_in and miss_out) or (ABSENT.search(t) and not (late or early)):
        return "work", 0, 0, False, False, "", cin, cout
    if missing == 1 and not (miss_in or miss_out):
        miss_in, miss_out = (True, False) if (early and not late) else (False, True)
    return "work", late, early, not miss_in, not miss_out, "", cin, cout


def _day_shifts(shift_text: str, shifts: pd.DataFrame | None, kind: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Each day's shift (its own 班次 where the export gives one, else ``shift_text``) and the
    day kinds with a 班次 named 休息 as rest (a blank 班次 takes the usual shift)."""
    sh = _nominal(shift_text, kind.index)
    if shifts is not None:
        own = shifts["shift_start"].notna() & shifts["shift_end"].notna()
        sh = sh.mask(own, shifts[sh.columns])
        named_rest = shifts["shift"].eq("rest") & shifts["shift_text"].astype("string").str.contains("休息").fillna(False)
        kind = kind.mask(named_rest & kind.eq("work"), "rest")
    return sh, kind


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
    kinds, lates, earlies, has_in, has_out, whys, cin, cout = map_uniques(verdict, _one, 8)
    idx = verdict.index
    kind = pd.Series(kinds, index=idx, dtype=object)
    why = pd.Series(whys, index=idx, dtype=object)
    late = _with_column(pd.Series(lates.astype("int64"), index=idx), late_minutes)
    early = _with_column(pd.Series(earlies.astype("int64"), index=idx), early_minutes)
    no_minutes = kind.eq("work") & ((late < 0) | (early < 0))
    why = why.mask(no_minutes, "minutes")
    kind = kind.mask(no_minutes, "bad")
    sh, kind = _day_shifts(shift_text, shifts, kind)
    overnight = (sh["shift_end_next_day"] | (sh["shift_end"] <= sh["shift_start"])).astype(int)
    start_abs = sh["shift_start"]
    end_abs = sh["shift_end"] + pd.to_timedelta(overnight, unit="D")
    start_abs, end_abs, kind, why = _long_minutes(start_abs, end_abs, late, early, cin, cout, kind, why, has_in, has_out)
    work = kind.eq("work").to_numpy()
    out = pd.DataFrame(index=idx)
    out["keep"] = kind.isin(["work", "rest"])
    moved = (start_abs != sh["shift_start"]).to_numpy() & work
    label = shift_label(start_abs, end_abs)
    out["shift_text"] = pd.Series(np.where(work, np.where(moved, label, sh["shift_text"]),
                                           np.where(kind.eq("rest"), "休息", np.array(None))), index=idx, dtype=object)
    out["shift"] = pd.Series(np.where(work, sh["shift"], np.where(kind.eq("rest"), "rest", np.array(None))),
                             index=idx, dtype=object)
    start_next = (start_abs >= DAY).to_numpy()
    out["shift_start"] = (start_abs - pd.to_timedelta(start_next.astype(int), unit="D")).where(work)
    end_next = (end_abs >= DAY).to_numpy()
    out["shift_end"] = (end_abs - pd.to_timedelta(end_next.astype(int), unit="D")).where(work)
    out["shift_end_next_day"] = work & end_next
    cell_in = pd.to_timedelta(pd.Series(cin.astype(float), index=idx), unit="m")
    cell_out = pd.to_timedelta(pd.Series(cout.astype(float), index=idx), unit="m")
    cell_out = cell_out + pd.to_timedelta((cell_out < start_abs).astype(int), unit="D")
    own = pd.Series(moved, index=idx)  # a shift placed from the cell's punches keeps them
    at: pd.Series  # timedeltas from the day's midnight (pandas-stubs would guess timestamps)
    for col, at, present, cell in (
            ("clock_in", start_abs + pd.to_timedelta(late.clip(lower=0), unit="m"), has_in, cell_in),
            ("clock_out", end_abs - pd.to_timedelta(early.clip(lower=0), unit="m"), has_out, cell_out)):
        at = at.mask(own & cell.notna(), cell)
        nxt = (at >= DAY).to_numpy()
        td = (at - pd.to_timedelta(nxt.astype(int), unit="D")).astype("timedelta64[ns]")
        ok = work & present.astype(bool)
        out[col] = td.where(ok)
        out[f"{col}_next_day"] = ok & nxt
    return out, why


def _long_minutes(start: pd.Series, end: pd.Series, late: pd.Series, early: pd.Series, cin: np.ndarray,
                  cout: np.ndarray, kind: pd.Series, why: pd.Series, has_in: np.ndarray, has_out: np.ndarray
                  ) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """A lateness (or early leave) as long as the shift cannot sit on it: the shift is placed
    so that the cell's own punch (``(17:59,20:42)``) is that many minutes late (early), keeping
    its length; without such a punch the cell is a located problem — never an invented time."""
    length = end - start
    c_in = pd.to_timedelta(pd.Series(cin.astype(float), index=start.index), unit="m")
    c_out = pd.to_timedelta(pd.Series(cout.astype(float), index=start.index), unit="m")
    lm, em = pd.to_timedelta(late.clip(lower=0), unit="m"), pd.to_timedelta(early.clip(lower=0), unit="m")
    work = kind.eq("work")
    over_in = work & has_in.astype(bool) & (lm >= length)
    over_out = work & has_out.astype(bool) & (em >= length) & ~over_in
    start = start.mask(over_in & c_in.notna(), c_in - lm)
    start = start.mask(over_out & c_out.notna(), c_out + em - length)
    end = start + length
    lost = (over_in & c_in.isna()) | (over_out & c_out.isna())
    return start, end, kind.mask(lost, "bad"), why.mask(lost, "long")


def _with_column(words: pd.Series, column: pd.Series | None) -> pd.Series:
    """Minutes from the words, or from a minutes column where it holds a positive number."""
    if column is None:
        return words
    num = pd.to_numeric(column, errors="coerce")
    return num.where(num > 0, words).fillna(words).round().astype("int64")
