"""The attendance calendar of every employee, worked out in one pass over the employee-days.

A large center has some 62,000 employee-days. Formatting each day inside the template (a
label filter, two clock filters, minutes, a fine, the phone mask of the evidence) cost
several seconds per report, so every text a calendar cell shows is computed here once per
*distinct* value of each column (a month has 31 dates, a handful of outcomes and shifts,
1,440 clock minutes) and the template only prints plain strings, which Jinja still escapes.
The texts are exactly what the filters of :mod:`.filters` give for the same values.
"""
from __future__ import annotations

from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd

from processor.words import labels, texts
from processor.write import filters
from processor.write.vectors import per_value


class DayEntry(NamedTuple):
    """One employee-day as its calendar cell shows it (None: that line is not shown)."""

    cls: str  # CSS class of the cell when this is the day's first entry: ``o-late``
    title: str | None  # tooltip: the evidence, phone numbers masked
    outcome: str  # 迟到 / "late"
    shift: str | None  # 白班 08:18–17:33
    late: str | None  # 迟到 5 分
    early: str | None
    fine: str | None  # ¥5.00


Calendars = dict[str, dict[date, list[DayEntry]]]


def as_date(value: object) -> date | None:
    """The calendar day of a date, datetime, Timestamp or ISO text; None when there is none."""
    if value is None:
        return None
    try:
        return pd.Timestamp(value).date()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _clock_texts(series: pd.Series) -> list[str]:
    """:func:`filters.clock` of each punch; for a datetime column from hour and minute alone."""
    if not pd.api.types.is_datetime64_any_dtype(series):
        return per_value(series, filters.clock)
    minutes = (series.dt.hour * 60 + series.dt.minute).fillna(-1).to_numpy(dtype=np.int64)
    table = np.array([f"{m // 60:02d}:{m % 60:02d}" for m in range(1440)] + [""], dtype=object)
    return table[minutes].tolist()  # -1 (NaT) takes the last one, ""


def _punched(series: pd.Series) -> list[bool]:
    """Whether each punch is there (a timestamp, or any non-empty value)."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.notna().tolist()
    return per_value(series, bool)


def _column(days: pd.DataFrame, key: str) -> pd.Series:
    return days[key] if key in days.columns else pd.Series([None] * len(days), index=days.index, dtype=object)


def calendars(days: pd.DataFrame | None, lang: str) -> Calendars:
    """Employee id → date → that day's entries, in the order of ``days``.

    Rows without an employee id or a readable date are left out, as the pages always did.
    """
    out: Calendars = {}
    if days is None or days.empty or "employee_id" not in days.columns:
        return out
    t = texts.TEXT[lang]
    late_word, early_word = labels.outcome_label("late", lang), labels.outcome_label("early", lang)
    emps = per_value(days["employee_id"], lambda v: None if v is None else str(v))
    dates = per_value(_column(days, "date"), as_date)
    outcome = _column(days, "outcome")
    classes = per_value(outcome, lambda v: f"o-{v if v else 'none'}")
    words = per_value(outcome, lambda v: filters.outcome(v, lang))
    titles = per_value(_column(days, "evidence"), lambda v: filters.masked(v) if v else None)
    shifts = per_value(_column(days, "shift"),
                       lambda v: filters.shift(v, lang) if v and v != "rest" else None)
    ins, outs = _clock_texts(_column(days, "clock_in")), _clock_texts(_column(days, "clock_out"))
    punched = [a or b for a, b in zip(_punched(_column(days, "clock_in")), _punched(_column(days, "clock_out")))]
    late = per_value(_column(days, "late_minutes"),
                     lambda v: f"{late_word} {filters.count(v)} {t['minutes']}" if v else None)
    early = per_value(_column(days, "early_minutes"),
                      lambda v: f"{early_word} {filters.count(v)} {t['minutes']}" if v else None)
    fines = per_value(_column(days, "fine"), lambda v: filters.yuan(v) if v else None)
    for i, (emp, when) in enumerate(zip(emps, dates)):
        if emp is None or when is None:
            continue
        shift = shifts[i]
        if shift is not None and punched[i]:
            shift = f"{shift} {ins[i] or '--'}–{outs[i] or '--'}"
        entry = DayEntry(classes[i], titles[i], words[i], shift, late[i], early[i], fines[i])
        out.setdefault(emp, {}).setdefault(when, []).append(entry)
    return out
