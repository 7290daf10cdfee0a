"""What the words of a DingTalk or WeCom export mean: the one place that decides.

Why: both apps write a day's verdict in free words (``迟到9分钟; 缺卡1次``, ``正常（休息）``,
``普通出勤:上班迟到569分钟``, ``加班…,调休…``, DingTalk's 打卡结果 ``外出``, WeCom's
``无需打卡（请假）``) in daily and monthly sheets alike. Every reader of the package asks this
module, so a word means the same thing wherever it appears:

* its **class**, the outcome the export claims, compared with opscore's (``verdict_differs``):
  normal, late, early, absence, missing_punch, leave, rest, outing;
* its **approval**, what the app approved for the day (LV-APP): ``leave`` (请假, 调休, a leave
  word, ``无需打卡``) or ``outing`` (外出, 出差), None otherwise;
* its **parts** (late and early minutes, missing punches, the punch times a DingTalk 月度汇总
  cell shows in brackets), from which a verdict-only day is rebuilt (:mod:`.verdict_days`).

Precedence, where one cell says several things: rest words win (``休息,事假…`` is a rest day
with leave booked over it; ``正常（未排班）`` a day without schedule), then 旷工 (unless a
leave or outing explains it), late, early, outing, leave, a missing punch, normal; ``加班``
alone is a rest day worked over.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .common import map_uniques

_SPAN = r"(?:(\d+(?:\.\d+)?)\s*(?:小时|时|h))?\s*(?:(\d+)\s*(?:分钟|分|min))?"
LATE = re.compile(r"迟到" + _SPAN)
EARLY = re.compile(r"早退" + _SPAN)
ABSENT = re.compile(r"旷工|未打卡")
MISS_COUNT = re.compile(r"缺卡\s*(\d+)\s*次")
MISS_IN = re.compile(r"上班\d?(?:缺卡|未打卡)")  # DingTalk's per-punch results: 上班1 缺卡
MISS_OUT = re.compile(r"下班\d?(?:缺卡|未打卡)")
MISSING = r"缺卡|[上下]班\d?未打卡"  # any missing punch, for a text search
LEAVE = re.compile(r"(?<!节)假|调休|无需打卡")
OUTING = re.compile(r"外出|出差")
REST = re.compile(r"休息|未排班|节假日|不在考勤组")
NORMAL = re.compile(r"正常|补卡|外勤|地点异常|设备异常|改为正常")
OVERTIME = re.compile(r"加班")
_CELL_PUNCHES = re.compile(r"\((\d{1,2}:\d{2}|-*)\s*,?\s*(\d{1,2}:\d{2}|-*)?\)\s*$")


# An English-UI export's verdict words, as the Chinese ones the rest of this module reads
# (matched on the squeezed, lower-cased text as whole words; longer spellings first).
ENGLISH = {
    "seriouslylate": "严重迟到", "seriouslate": "严重迟到", "late": "迟到", "earlyleave": "早退", "leaveearly": "早退",
    "absenteeism": "旷工", "absent": "旷工", "absence": "旷工", "missingpunch": "缺卡", "missedpunch": "缺卡",
    "missing": "缺卡", "notclockedin": "未打卡", "noclockin": "未打卡", "normal": "正常", "restday": "休息",
    "rest": "休息", "dayoff": "休息", "unscheduled": "未排班", "notscheduled": "未排班", "holiday": "节假日",
    "personalleave": "事假", "annualleave": "年假", "sickleave": "病假", "compensatoryleave": "调休",
    "timeoffinlieu": "调休", "leave": "请假", "businesstrip": "出差", "outing": "外出", "goout": "外出", "out": "外出",
    "fieldwork": "外勤", "makeuppunch": "补卡", "overtime": "加班",
}
_ENGLISH = re.compile(r"(?<![a-z])(" + "|".join(sorted(ENGLISH, key=len, reverse=True)) + r")(?![a-z])")


def squeeze(value: object) -> str:
    """A cell's words without spaces, full-width brackets as ASCII, English words as the Chinese
    ones ("" for blank and ``--``)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    t = re.sub(r"\s+", "", str(value)).replace("（", "(").replace("）", ")")
    if re.search(r"[A-Za-z]{3}", t):
        t = _ENGLISH.sub(lambda m: ENGLISH[m.group(1)], t.lower())
    return "" if t in ("-", "--") else t


def minutes(pattern: re.Pattern[str], t: str) -> int:
    """Minutes the word states (0 when absent, -1 when it is there without a number)."""
    m = pattern.search(t)
    if m is None:
        return 0
    if m.group(1) is None and m.group(2) is None:
        return -1
    return round(float(m.group(1) or 0) * 60) + int(m.group(2) or 0)


def word_class(value: object) -> tuple[str | None, str | None]:
    """(class, approval) of one verdict text; (None, None) when it says nothing known."""
    t = squeeze(value)
    if not t:
        return None, None
    if REST.search(t):
        return "rest", None
    leave, outing = bool(LEAVE.search(t)), bool(OUTING.search(t))
    approval = "outing" if outing else ("leave" if leave else None)
    missing = bool(MISS_COUNT.search(t) or MISS_IN.search(t) or MISS_OUT.search(t) or "缺卡" in t)
    if ABSENT.search(t) and not (leave or outing or LATE.search(t) or EARLY.search(t) or missing):
        return "absence", None
    for cls, hit in (("late", LATE.search(t)), ("early", EARLY.search(t)), ("outing", outing),
                     ("leave", leave), ("missing_punch", missing or ABSENT.search(t)),
                     ("normal", NORMAL.search(t)), ("rest", OVERTIME.search(t))):
        if hit:
            return cls, approval
    return None, None


def approval_of(value: object) -> str | None:
    """What an approval cell (关联的审批单, 假勤申请) approved: outing, leave or None (补卡, 加班)."""
    t = squeeze(value)
    if OUTING.search(t):
        return "outing"
    return "leave" if LEAVE.search(t) else None


def classes(verdict: pd.Series, approvals: pd.Series | None = None,
            rest_shift: pd.Series | None = None) -> tuple[pd.Series, pd.Series]:
    """(class, approval) per day, once per distinct text.

    ``approvals`` (an approval column) adds what it approved where the words do not say;
    ``rest_shift`` (True where the day's 班次 is 休息) makes the class rest: punches on a rest
    day are a rest day worked, as both apps count it.
    """
    cls_values, appr_values = map_uniques(verdict, word_class, 2)
    cls = pd.Series(cls_values, index=verdict.index, dtype=object)
    appr = pd.Series(appr_values, index=verdict.index, dtype=object)
    if approvals is not None:
        extra = pd.Series(map_uniques(approvals, lambda v: (approval_of(v),), 1)[0], index=verdict.index, dtype=object)
        appr = appr.where(appr.notna(), extra)
        cls = cls.mask(extra.notna() & cls.isin(["normal", "missing_punch"]) | cls.isna() & extra.notna(), extra)
    if rest_shift is not None:
        rest = rest_shift.fillna(False).astype(bool).to_numpy()
        cls = cls.mask(rest, "rest")
        appr = appr.mask(rest, None)
    return cls.where(cls.notna(), None), appr.where(appr.notna(), None)


def cell_punches(t: str) -> tuple[int | None, int | None]:
    """Minutes since midnight of the ``(08:22,18:06)`` a DingTalk 月度汇总 cell ends with."""
    m = _CELL_PUNCHES.search(t)
    if m is None:
        return None, None
    out: list[int | None] = []
    for g in (m.group(1), m.group(2)):
        if g and ":" in g:
            h, mm = g.split(":")
            out.append(int(h) * 60 + int(mm))
        else:
            out.append(None)
    return out[0], out[1]


# ---------------------------------------------------------------- approvals the day carries

_LEAVE_ITEM = re.compile(r"事假|病假|年假|年休假|调休|婚假|丧假|产假|陪产假|产检假|育儿假|护理假|哺乳假|探亲假|工伤假|请假")
_APPROVED = re.compile(_LEAVE_ITEM.pattern + "|外出|出差")
_SPLIT = re.compile(r"\s*(?:[;；\n]|(?<=[)）])\s*[,，、])\s*")


def _leave_one(value: object) -> tuple:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return (None,)
    items = [i for i in _SPLIT.split(str(value).strip()) if i and _APPROVED.search(squeeze(i)) and "补卡" not in squeeze(i)]
    return ("; ".join(items) or None,)


def leave_items(s: pd.Series) -> pd.Series:
    """The leave, outing and trip approvals in a 假勤申请 / 关联的审批单 cell (补卡, 加班 items
    dropped): what the app approved for the day (LV-APP)."""
    return pd.Series(map_uniques(s, _leave_one, 1)[0], index=s.index, dtype=object)


_SAYS_LEAVE = r"请假|休假|(?i:(?<!early)(?<!early\s)\bleave\b(?!\s*early))"


def says_leave(*statuses: pd.Series) -> pd.Series:
    """True where any status names leave (``无需打卡（请假）``, ``正常（请假）``, DingTalk ``请假``)."""
    out: pd.Series | None = None
    for s in statuses:
        hit = s.astype("string").str.contains(_SAYS_LEAVE, regex=True).fillna(False).astype(bool)
        out = hit if out is None else (out | hit)
    assert out is not None, "says_leave needs at least one status column"
    return out
