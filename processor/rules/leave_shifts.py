"""Which scheduled shifts and calendar days a leave request covers.

Leave rules and attendance both need "the days a request covers". A request is matched to
the employee's attendance rows by a merge on employee_id and an interval test, never a loop:

* a side given as a date alone (``start_all_day`` / ``end_all_day``) is compared by the
  attendance *date*, so a whole-day leave on the 5th covers the night shift that starts on
  the 5th and not the one of the 4th that ends on the morning of the 5th (ATT-NIGHT);
* a side given with a time is compared with the shift's times (part-day leave).

A covered shift is *fully* covered when the request spans the whole shift, else *partly*.
Rest days are never covered (leave on a rest day has no effect).

How many "days" a request is (LV-AUTHORITY's "一天 / 一天以上", LV-SICKCERT's "满一天"): a
request given by dates is its calendar days (5th–6th = 2 days, rest days included, as the
form says); a request given with times is the share of each covered shift it takes
(covered hours ÷ shift hours, summed), or hours ÷ 8 where it covers no scheduled shift. So
08:30–17:30 on an 08:30–17:30 shift is exactly 1 day and a two-hour 特殊事假 is 0.22 day.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .month_tables import lookup, working

_SHIFT_COLS = ["employee_id", "date", "shift", "shift_start", "shift_end"]


def covered_shifts(leave: pd.DataFrame, att: pd.DataFrame) -> pd.DataFrame:
    """One row per (request ``_lid``, attendance row ``_aid``) the request covers.

    ``leave`` and ``att`` carry ``_lid`` / ``_aid`` keys. Adds ``full`` (bool), ``l_start`` /
    ``l_end`` (the request's interval within the shift) and ``share`` (of the shift).
    """
    shifts = att.loc[working(att), [*_SHIFT_COLS, "_aid"]]
    req = leave[["_lid", "employee_id", "start", "end", "start_all_day", "end_all_day"]]
    m = req.merge(shifts, on="employee_id", how="inner")
    start_ok = np.where(m["start_all_day"], m["date"] >= m["start"].dt.normalize(),
                        m["shift_end"] > m["start"])
    end_ok = np.where(m["end_all_day"], m["date"] < m["end"], m["shift_start"] < m["end"])
    m = m.loc[start_ok & end_ok].copy()
    m["l_start"] = m["shift_start"].where(m["start_all_day"], np.maximum(m["start"], m["shift_start"]))
    m["l_end"] = m["shift_end"].where(m["end_all_day"], np.minimum(m["end"], m["shift_end"]))
    m["full"] = (m["l_start"] <= m["shift_start"]) & (m["l_end"] >= m["shift_end"])
    m["share"] = (m["l_end"] - m["l_start"]) / (m["shift_end"] - m["shift_start"])
    return m.drop(columns=["start", "end", "start_all_day", "end_all_day"]).reset_index(drop=True)


def calendar_days(leave: pd.DataFrame) -> pd.DataFrame:
    """One row per (request ``_lid``, calendar date) the request touches."""
    first = leave["start"].dt.normalize()
    last = (leave["end"] - pd.Timedelta(1, "ns")).dt.normalize()
    last = last.where(last >= first, first)
    n = ((last - first) // pd.Timedelta(days=1)).fillna(0).astype(int) + 1
    n = n.where(first.notna(), 0)
    rep = np.repeat(np.arange(len(leave)), n.to_numpy())
    step = np.arange(len(rep)) - np.repeat(np.cumsum(n.to_numpy()) - n.to_numpy(), n.to_numpy())
    return pd.DataFrame({
        "_lid": leave["_lid"].to_numpy()[rep],
        "employee_id": leave["employee_id"].to_numpy()[rep],
        "date": first.to_numpy()[rep] + step.astype("timedelta64[D]"),
    })


def leave_days(leave: pd.DataFrame, cover: pd.DataFrame) -> pd.Series:
    """How many days each request is (see the module docstring), indexed like ``leave``."""
    all_day = leave["start_all_day"] & leave["end_all_day"]
    calendar = (leave["end"] - leave["start"].dt.normalize()) / pd.Timedelta(days=1)
    shares = cover.groupby("_lid")["share"].sum()
    timed = lookup(leave["_lid"], shares)
    timed = timed.where(timed.notna(), pd.to_timedelta(leave["end"] - leave["start"]) / pd.Timedelta(hours=8))
    return calendar.where(all_day, timed).astype(float)


def first_shift_start(leave: pd.DataFrame, cover: pd.DataFrame) -> pd.Series:
    """Start of the first shift a request covers; the request's own start where it covers none."""
    first = lookup(leave["_lid"], cover.groupby("_lid")["shift_start"].min())
    return pd.to_datetime(first.where(first.notna(), leave["start"]))


def day_cover(cover: pd.DataFrame, judged: pd.DataFrame) -> pd.DataFrame:
    """Per attendance row ``_aid``: how valid leave shapes the shift.

    ``judged`` is the leave table with ``_lid``, ``valid``, ``failed_rules``, ``leave_text``.

    ``leave_full`` — the valid leave covers the whole shift (alone or by two pieces);
    ``leave_any`` — some valid leave covers part of it; ``win_start`` / ``win_end`` — the
    part of the shift still to be worked (late/early minutes are measured against it);
    ``leave_text`` — which leave, for the evidence. ``invalid_rules`` — for days covered by
    an invalid request, the rules it failed (for the absence evidence).
    """
    c = cover.merge(judged[["_lid", "valid", "failed_rules", "leave_text"]], on="_lid", how="left")
    c["valid"] = c["valid"].fillna(False).astype(bool)
    ok = c.loc[c["valid"]]
    g = ok.groupby("_aid")
    out = pd.DataFrame({"leave_full_one": g["full"].any()})
    head = ok.loc[ok["l_start"] <= ok["shift_start"]].groupby("_aid")["l_end"].max()
    tail = ok.loc[ok["l_end"] >= ok["shift_end"]].groupby("_aid")["l_start"].min()
    out = out.join(head.rename("covered_to"), how="left").join(tail.rename("covered_from"), how="left")
    out["leave_full"] = out["leave_full_one"] | (out["covered_to"] >= out["covered_from"])
    out["leave_any"] = True
    out["leave_text"] = g["leave_text"].first()
    bad = c.loc[~c["valid"]].groupby("_aid")["failed_rules"].first()
    out = out.join(bad.rename("invalid_rules"), how="outer")
    out["leave_full"] = out["leave_full"].fillna(False).astype(bool)
    out["leave_any"] = out["leave_any"].fillna(False).astype(bool)
    return out.drop(columns="leave_full_one")


def window(days: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The shift window left to work once part-day valid leave is taken out."""
    start = days["shift_start"]
    end = days["shift_end"]
    to = pd.to_datetime(days["covered_to"])
    frm = pd.to_datetime(days["covered_from"])
    start = start.where(~(to.notna() & (to > start)), to)
    end = end.where(~(frm.notna() & (frm < end)), frm)
    return start, end
