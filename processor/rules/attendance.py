"""Attendance (考勤, 001 考勤管理制度; 002 第二十六、三十、三十八条): one outcome per employee-day.

All rules are column operations over the month's attendance rows (``numpy.select`` picks the
outcome); nothing loops over days. Readings where rules.md leaves a choice:

* Minutes are whole minutes, floor(seconds / 60), measured against the shift window left
  once part-day valid leave is taken out (a 特殊事假 08:30–10:30 on an 08:30 shift moves the
  start to 10:30). A day wholly covered by valid leave is ``leave``; a day partly covered
  is judged on the rest of the shift and shows ``leave`` when nothing else is wrong. Either
  counts in ``leave_days`` unless the day ends up an absence.
* A day with one punch is ``missing_punch`` (ATT-MISSPUNCH, flag, no fine), but the punch
  that exists still counts: late minutes on it are fined (ATT-LATE) and 30 or more make the
  day an absence (ATT-LATE30); likewise early minutes on a lone clock-out.
* ATT-EXCUSED (事先请示 = 是) wins over ATT-LATE30 and over the per-minute fine; the
  minutes are recorded and counted as late/early occurrences (APR-ATTEND counts them).
* ``early_leave_fined`` off: early minutes are recorded (ATT-EARLY, fine 0) and never
  make an absence.
* A swap absence (SW-PRIVATE, SW-HOLIDAY, SW-MISSED: see :mod:`.swaps`) makes the party
  absent on the swap date whatever the attendance row says; if there is no row for that
  date, one is added. The day's rule_ids name the swap rule that made it.
* An absence day (no-show, ATT-LATE30, private swap) is only an absence: its late/early
  minutes are shown on the day but not counted as a late or early occurrence.
* ATT-RESIGN counts absence days per calendar month; with ``resign_consecutive_only`` it
  counts runs of absences over the employee's scheduled working days (rest days do not
  break a run; a worked or leave day does).
* ATT-PREP: a worked shift is a scheduled day with a clock-in that is not an absence; it is
  on time when clocked in at least 10 whole minutes before the (leave-adjusted) start. Days
  rebuilt from an export's verdict (``from_verdict``, WeCom 月报) are not measured: the
  verdict does not say how early anyone came.
* LV-APP and ATT-FLEX (:mod:`.app_days`): a day approved in the attendance app with no
  leave-table row is leave (or, for 外出/出差, a day present: no no-show, no missing punch);
  a 自由工时 day is scheduled without start or end, so never late, early or a missing punch.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..rulebook import Rulebook
from . import finding_rows
from .app_days import app_days, flex_days
from .day_evidence import day_evidence
from .finding_rows import text
from .leave_shifts import window
from .month_tables import working

SEP = " | "
Masks = dict[str, pd.Series]


def _minutes(gap: pd.Series) -> pd.Series:
    """Whole minutes of a non-negative gap (0 for a negative or missing one)."""
    secs = gap.dt.total_seconds().fillna(0.0).clip(lower=0.0)
    return np.floor(secs / 60.0).astype("int64")


def judge_days(att: pd.DataFrame, cover: pd.DataFrame, private: pd.DataFrame,
               rulebook: Rulebook) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(days with internal flags, attendance findings) for the month's attendance rows.

    ``cover`` is :func:`leave_shifts.day_cover` (indexed by ``_aid``); ``private`` holds
    (employee_id, date, swap_text, swap_rule) of the absences swaps make.
    """
    d = _merged(att, cover, private)
    m = _scheduled(d, rulebook)
    m.update(_outcomes(d, m, rulebook))
    hits = _fined(d, m, rulebook)
    parts = _explained(d, hits, m["noshow"], rulebook)
    _counted(d, m, rulebook)
    return d, pd.concat(parts, ignore_index=True)


def _merged(att: pd.DataFrame, cover: pd.DataFrame, private: pd.DataFrame) -> pd.DataFrame:
    """The attendance rows with their leave cover and the swap absences (a row added where a
    swap makes an absence on a day without one), sorted by employee and date."""
    d = att.join(cover, on="_aid")
    priv = private.drop_duplicates(["employee_id", "date"])
    priv = priv.assign(private=~priv["given_away"].astype(bool))
    d = d.merge(priv, on=["employee_id", "date"], how="outer", sort=False)
    d["private"] = d["private"].fillna(False).astype(bool)
    d["given_away"] = d["given_away"].fillna(False).astype(bool)  # SW-MISSED: the shift was given away
    d = d.loc[~(d["given_away"] & d["_aid"].isna())]
    d["pre_approved"] = d["pre_approved"].fillna(False).astype(bool)
    d["from_verdict"] = (d["from_verdict"].fillna(False).astype(bool) if "from_verdict" in d.columns
                         else pd.Series(False, index=d.index))
    for col in ("export_verdict", "export_leave"):
        if col not in d.columns:
            d[col] = None
    for col in ("leave_full", "leave_any"):
        d[col] = d[col].fillna(False).astype(bool)
    return d.sort_values(["employee_id", "date"], kind="stable").reset_index(drop=True)


def _scheduled(d: pd.DataFrame, rulebook: Rulebook) -> Masks:
    """Which days are judged and their minutes: flexible and app-approved days (ATT-FLEX,
    LV-APP), the window left after part-day leave, late and early minutes."""
    flex = flex_days(d) & ~d["given_away"]  # ATT-FLEX: scheduled, without start or end
    work = (working(d) | flex) & ~d["given_away"]  # SW-MISSED: a shift given away is not judged
    app_leave, app_here = app_days(d, work, rulebook)  # LV-APP
    d["leave_full"], d["leave_any"] = d["leave_full"] | app_leave, d["leave_any"] | app_leave
    said = text(d["export_leave"]).where(text(d["export_leave"]).ne(""), text(d["export_verdict"]))
    d["leave_text"] = d["leave_text"].where(~app_leave, said)
    judged = work & ~d["private"] & ~d["leave_full"]
    start, end = window(d)
    d["win_start"], d["win_end"] = start, end
    has_in, has_out = d["clock_in"].notna(), d["clock_out"].notna()
    return {"flex": flex, "work": work, "app_leave": app_leave, "app_here": app_here, "judged": judged,
            "has_in": has_in, "has_out": has_out,
            "late": _minutes(d["clock_in"] - start).where(judged & has_in, 0),
            "early": _minutes(end - d["clock_out"]).where(judged & has_out, 0)}


def _outcomes(d: pd.DataFrame, m: Masks, rulebook: Rulebook) -> Masks:
    """Each judged day's outcome (ATT-EXCUSED, ATT-NOSHOW, ATT-LATE30, ATT-MISSPUNCH, late,
    early) and which minutes are fined."""
    judged, late, early, has_in, has_out = m["judged"], m["late"], m["early"], m["has_in"], m["has_out"]
    early_fined = bool(rulebook.param("ATT-EARLY", "early_leave_fined"))
    l30_min = rulebook.param("ATT-LATE30", "minutes")
    excused = judged & d["pre_approved"] & ((late > 0) | (early > 0))
    noshow = judged & ~has_in & ~has_out & ~m["app_here"]
    l30_late = judged & ~excused & (late >= l30_min)
    l30_early = judged & ~excused & early_fined & (early >= l30_min) & ~l30_late
    l30 = l30_late | l30_early
    absence = d["private"] | noshow | l30
    one = judged & (has_in ^ has_out) & ~absence & ~m["app_here"] & ~m["flex"]
    d["outcome"] = np.select(
        [~m["work"] & ~d["private"], absence, d["leave_full"], one, excused,
         (late > 0) & (early > 0), late > 0, early > 0, d["leave_any"]],
        ["rest", "absence", "leave", "missing_punch", "excused", "late_early", "late", "early", "leave"],
        "normal")
    d["late_minutes"], d["early_minutes"] = late, early
    d["noshow"], d["l30"], d["l30_late"], d["has_in"] = noshow, l30, l30_late, has_in
    return {"excused": excused, "noshow": noshow, "absence": absence, "one": one,
            "late_hit": judged & ~absence & ~excused & (late > 0),
            "early_hit": judged & ~absence & ~excused & (early > 0)}


def _fined(d: pd.DataFrame, m: Masks, rulebook: Rulebook) -> list[tuple[str, pd.Series, pd.Series | None]]:
    """The day's fine, and every rule that hit it (rule id, days, fine) in evidence order; the
    last, unnamed, is a day of (part) leave."""
    param, absence = rulebook.param, m["absence"]
    late_fine = (m["late"] * param("ATT-LATE", "fine_per_minute")).where(m["late_hit"], 0.0)
    early_fined = bool(param("ATT-EARLY", "early_leave_fined"))
    early_fine = (m["early"] * param("ATT-EARLY", "fine_per_minute")).where(m["early_hit"] & early_fined, 0.0)
    absence_fine = pd.Series(np.where(absence, param("ATT-ABSENCE", "fine_per_day"), 0.0), index=d.index)
    d["fine"] = (late_fine + early_fine + absence_fine).astype(float)
    d["absence_fine"] = absence_fine
    m["resign"] = _resign(d, m["work"], absence, rulebook)
    m["on_leave"] = m["work"] & ~absence & d["leave_any"]
    return [("SW-PRIVATE", d["private"], None), ("ATT-NOSHOW", m["noshow"], None), ("ATT-LATE30", d["l30"], None),
            ("ATT-ABSENCE", absence, absence_fine), ("ATT-LATE", m["late_hit"], late_fine),
            ("ATT-EARLY", m["early_hit"], early_fine), ("ATT-EXCUSED", m["excused"], None),
            ("ATT-MISSPUNCH", m["one"], None), ("ATT-RESIGN", m["resign"], None),
            ("LV-APP", m["app_leave"] | m["app_here"], None), ("", m["on_leave"], None)]


def _explained(d: pd.DataFrame, hits: list[tuple[str, pd.Series, pd.Series | None]], noshow: pd.Series,
               rulebook: Rulebook) -> list[pd.DataFrame]:
    """The days' ``rule_ids`` and ``evidence`` columns, and a Findings row per rule hit (the loop
    is over the rules, not the days)."""
    flagged = np.logical_or.reduce([mask.to_numpy() for _, mask, _ in hits])
    x = d.loc[flagged]  # every mask (noshow too) lies within: the other days get no rule and no evidence
    texts = day_evidence(x, rulebook)
    invalid = text(x["invalid_rules"])
    parts, rule_ids, evidence = [], pd.Series("", index=x.index), pd.Series("", index=x.index)
    for rid, day_mask, fine in hits:
        mask = day_mask[flagged]
        ev = texts[rid].reindex(x.index, fill_value="")
        if rid not in ("SW-PRIVATE", ""):  # swaps.py writes the SW-PRIVATE finding itself
            parts.append(finding_rows.rows(x["employee_id"][mask], x["date"][mask], rid, ev[mask],
                                           fine=fine[flagged][mask] if fine is not None else 0.0))
        if rid == "SW-PRIVATE":
            rule_ids = rule_ids + np.where(mask, text(x["swap_rule"]) + ";", "")
        elif rid:
            rule_ids = rule_ids + np.where(mask, rid + ";", "")
        evidence = evidence + np.where(mask, ev + SEP, "")
        if rid == "ATT-NOSHOW":  # the invalid leave's own rules explain the day too
            rule_ids = rule_ids + np.where(noshow[flagged] & invalid.ne(""), invalid + ";", "")
    d["rule_ids"] = d["evidence"] = pd.Series("", index=d.index, dtype=object)
    d.loc[flagged, "rule_ids"] = rule_ids.str.rstrip(";")
    d.loc[flagged, "evidence"] = evidence.str.removesuffix(SEP)
    return parts


def _counted(d: pd.DataFrame, m: Masks, rulebook: Rulebook) -> None:
    """The flags the per-employee counts and ATT-PREP read (:mod:`.employee_attendance`)."""
    judged, absence, has_in, flex = m["judged"], m["absence"], m["has_in"], m["flex"]
    d["absence"], d["resign"], d["excused"], d["one_punch"] = absence, m["resign"], m["excused"], m["one"]
    d["late_counted"] = judged & ~absence & (m["late"] > 0)
    d["early_counted"] = judged & ~absence & (m["early"] > 0)
    d["leave_day"] = m["on_leave"]
    d["worked"] = judged & (has_in | m["app_here"] | (flex & m["has_out"])) & ~absence
    prep = _minutes(d["win_start"] - d["clock_in"]) >= rulebook.param("ATT-PREP", "minutes")
    d["prep_measured"] = d["worked"] & has_in & ~d["from_verdict"] & ~flex  # a verdict says nothing of how early
    d["prep_on_time"] = d["prep_measured"] & prep


def _resign(d: pd.DataFrame, work: pd.Series, absence: pd.Series, rulebook: Rulebook) -> pd.Series:
    """The day that is the (allowed + 1)-th absence of its employee's calendar month."""
    allowed = rulebook.param("ATT-RESIGN", "allowed_days")
    seq = d.loc[work | absence, ["employee_id", "date"]].assign(absence=absence)
    seq["month"] = seq["date"].dt.to_period("M")
    keys = [seq["employee_id"], seq["month"]]
    if rulebook.param("ATT-RESIGN", "resign_consecutive_only"):
        keys.append((~seq["absence"]).astype(int).groupby(keys).cumsum())
    ab = seq["absence"]
    nth = ab.astype(int).groupby(keys).cumsum().where(ab, 0)
    first = nth.eq(allowed + 1)
    first = first & ~first.astype(int).groupby(seq["employee_id"]).cumsum().gt(1)
    return first.reindex(d.index, fill_value=False)
