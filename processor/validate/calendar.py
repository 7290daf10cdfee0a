"""The holiday calendar (rules.md conventions): the month's holidays table where it has one,
else the statutory calendar of mainland China (法定节假日) from the ``chinese-calendar``
package, so that SW-HOLIDAY and LV-HOLIDAY do not silently go quiet in a month nobody typed
a holidays table for. The package's holidays are the days off of each statutory holiday; the
make-up working days of 调休 are ordinary working days (they are not in the list). A month of
a year the package does not cover, with no holidays table, is an input problem asking for one.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from ..errors import Problem

NAMES_ZH = {"New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
            "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
            "Mid-autumn Festival": "中秋节", "Anti-Fascist 70th Day": "抗战胜利纪念日"}
SOURCE = "chinese-calendar"


def _package_version() -> str:
    try:
        from importlib.metadata import version
        return version("chinese-calendar")
    except Exception:  # noqa: BLE001 - only for the label
        return "?"


def statutory(month: str) -> tuple[pd.DataFrame | None, str]:
    """(holidays of ``month`` as date/name rows, or None when the package does not cover its
    year; the words naming the calendar, ``中文‖English``)."""
    import chinese_calendar as cc

    period = pd.Period(month, freq="M")
    try:
        cc.get_holiday_detail(dt.date(period.year, period.month, 1))
    except NotImplementedError:
        return None, ""
    days = sorted(d for d in cc.holidays if d.year == period.year and d.month == period.month)
    frame = pd.DataFrame({
        "date": pd.to_datetime(pd.Series(days, dtype=object)).astype("datetime64[ns]"),
        "name": pd.Series([NAMES_ZH.get(str(cc.holidays[d]), str(cc.holidays[d])) for d in days], dtype=object),
        "_file": SOURCE, "_sheet": "", "_row": pd.Series(range(len(days)), dtype="int64"),
    })
    v = _package_version()
    names = "、".join(dict.fromkeys(frame["name"])) or "无"
    return frame, (f"法定节假日(chinese-calendar {v}):本月 {len(days)} 天({names})"
                   f"‖statutory calendar of mainland China (chinese-calendar {v}): {len(days)} day(s) this month")


def holiday_calendar(holidays: pd.DataFrame, had_table: bool, month: str, folder_name: str,
                     ) -> tuple[pd.DataFrame, str, list[Problem]]:
    """The holidays in force, the words naming the calendar, and a problem when there is none."""
    if had_table:
        files = "、".join(sorted(set(holidays["_file"].dropna().astype(str)))) if len(holidays) else ""
        return holidays, (f"节假日表 {files}:本月 {len(holidays)} 天‖holidays table {files}: "
                          f"{len(holidays)} day(s)"), []
    frame, words = statutory(month)
    if frame is None:
        return holidays, "", [Problem(folder_name, f"法定节假日数据不包含 {month[:4]} 年:请放入“节假日”表(日期, 节日)"
                                                   f"‖the statutory calendar does not cover {month[:4]}: add a "
                                                   "holidays table (date, name)", expected="节假日‖holidays",
                                      table="holidays", code="no_calendar")]
    return frame, words, []
