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
from . import findings as F
from .app_days import app_days, app_evidence, flex_days
from .coverage import window
from .frames import working

SEP = " | "
EVIDENCE_RULES = ("SW-PRIVATE", "ATT-NOSHOW", "ATT-LATE30", "ATT-ABSENCE", "ATT-LATE", "ATT-EARLY",
                  "ATT-EXCUSED", "ATT-MISSPUNCH", "ATT-RESIGN", "LV-APP")


def _minutes(gap: pd.Series) -> pd.Series:
    """Whole minutes of a non-negative gap (0 for a negative or missing one)."""
    secs = gap.dt.total_seconds().fillna(0.0).clip(lower=0.0)
    return np.floor(secs / 60.0).astype("int64")


def judge_days(att: pd.DataFrame, cover: pd.DataFrame, private: pd.DataFrame,
               rulebook: Rulebook) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(days with internal flags, attendance findings) for the month's attendance rows.

    ``cover`` is :func:`coverage.day_cover` (indexed by ``_aid``); ``private`` holds
    (employee_id, date, swap_text, swap_rule) of the absences swaps make.
    """
    P = rulebook.param
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
    d = d.sort_values(["employee_id", "date"], kind="stable").reset_index(drop=True)

    flex = flex_days(d) & ~d["given_away"]  # ATT-FLEX: scheduled, without start or end
    work = (working(d) | flex) & ~d["given_away"]  # SW-MISSED: a shift given away is not judged
    app_leave, app_here = app_days(d, work, rulebook)  # LV-APP
    d["leave_full"], d["leave_any"] = d["leave_full"] | app_leave, d["leave_any"] | app_leave
    d["leave_text"] = d["leave_text"].where(~app_leave, F.text(d["export_leave"]).where(
        F.text(d["export_leave"]).ne(""), F.text(d["export_verdict"])))
    judged = work & ~d["private"] & ~d["leave_full"]
    start, end = window(d)
    has_in, has_out = d["clock_in"].notna(), d["clock_out"].notna()
    late = _minutes(d["clock_in"] - start).where(judged & has_in, 0)
    early = _minutes(end - d["clock_out"]).where(judged & has_out, 0)
    early_fined = bool(P("ATT-EARLY", "early_leave_fined"))
    l30_min = P("ATT-LATE30", "minutes")

    excused = judged & d["pre_approved"] & ((late > 0) | (early > 0))
    noshow = judged & ~has_in & ~has_out & ~app_here
    l30_late = judged & ~excused & (late >= l30_min)
    l30_early = judged & ~excused & early_fined & (early >= l30_min) & ~l30_late
    l30 = l30_late | l30_early
    absence = d["private"] | noshow | l30
    one = judged & (has_in ^ has_out) & ~absence & ~app_here & ~flex
    late_hit = judged & ~absence & ~excused & (late > 0)
    early_hit = judged & ~absence & ~excused & (early > 0)

    d["outcome"] = np.select(
        [~work & ~d["private"], absence, d["leave_full"], one, excused,
         (late > 0) & (early > 0), late > 0, early > 0, d["leave_any"]],
        ["rest", "absence", "leave", "missing_punch", "excused", "late_early", "late", "early", "leave"],
        "normal")
    d["late_minutes"], d["early_minutes"] = late, early
    late_fine = (late * P("ATT-LATE", "fine_per_minute")).where(late_hit, 0.0)
    early_fine = (early * P("ATT-EARLY", "fine_per_minute")).where(early_hit & early_fined, 0.0)
    absence_fine = pd.Series(np.where(absence, P("ATT-ABSENCE", "fine_per_day"), 0.0), index=d.index)
    d["fine"] = (late_fine + early_fine + absence_fine).astype(float)

    resign = _resign(d, work, absence, rulebook)
    on_leave = work & ~absence & d["leave_any"]
    d["win_start"], d["win_end"] = start, end
    d["noshow"], d["l30"], d["l30_late"], d["has_in"] = noshow, l30, l30_late, has_in
    d["absence_fine"] = absence_fine
    hits = [("SW-PRIVATE", d["private"], None), ("ATT-NOSHOW", noshow, None), ("ATT-LATE30", l30, None),
            ("ATT-ABSENCE", absence, absence_fine), ("ATT-LATE", late_hit, late_fine),
            ("ATT-EARLY", early_hit, early_fine), ("ATT-EXCUSED", excused, None),
            ("ATT-MISSPUNCH", one, None), ("ATT-RESIGN", resign, None), ("LV-APP", app_leave | app_here, None),
            ("", on_leave, None)]
    flagged = np.logical_or.reduce([m.to_numpy() for _, m, _ in hits])
    texts = _evidence(d.loc[flagged], rulebook)
    invalid = F.text(d["invalid_rules"])
    parts, rule_ids, evidence = [], pd.Series("", index=d.index), pd.Series("", index=d.index)
    for rid, mask, fine in hits:
        ev = texts[rid].reindex(d.index, fill_value="")
        if rid not in ("SW-PRIVATE", ""):  # swaps.py writes the SW-PRIVATE finding itself
            parts.append(F.rows(d["employee_id"][mask], d["date"][mask], rid, ev[mask],
                                fine=fine[mask] if fine is not None else 0.0))
        if rid == "SW-PRIVATE":
            rule_ids = rule_ids + np.where(mask, F.text(d["swap_rule"]) + ";", "")
        elif rid:
            rule_ids = rule_ids + np.where(mask, rid + ";", "")
        evidence = evidence + np.where(mask, ev + SEP, "")
        if rid == "ATT-NOSHOW":  # the invalid leave's own rules explain the day too
            rule_ids = rule_ids + np.where(noshow & invalid.ne(""), invalid + ";", "")
    d["rule_ids"] = rule_ids.str.rstrip(";")
    d["evidence"] = evidence.str.removesuffix(SEP)

    d["absence"], d["resign"], d["excused"], d["one_punch"] = absence, resign, excused, one
    d["late_counted"] = judged & ~absence & (late > 0)
    d["early_counted"] = judged & ~absence & (early > 0)
    d["leave_day"] = on_leave
    d["worked"] = judged & (has_in | app_here | (flex & has_out)) & ~absence
    prep = _minutes(start - d["clock_in"]) >= P("ATT-PREP", "minutes")
    d["prep_measured"] = d["worked"] & has_in & ~d["from_verdict"] & ~flex  # a verdict says nothing of how early
    d["prep_on_time"] = d["prep_measured"] & prep
    return d, pd.concat(parts, ignore_index=True)


def _evidence(x: pd.DataFrame, rulebook: Rulebook) -> dict[str, pd.Series]:
    """Evidence text per rule for the days where some rule hit (``x``, a slice of the days)."""
    P = rulebook.param
    if x.empty:
        return {rid: pd.Series(dtype=object) for rid in (*EVIDENCE_RULES, "")}
    day, late, early = x["date"], x["late_minutes"], x["early_minutes"]
    moved = F.text(x["leave_text"]).ne("") & ~x["leave_full"]
    after: pd.Series = pd.Series(np.where(moved, "(扣除请假 " + F.text(x["leave_text"]) + " 后)", ""), index=x.index)
    vm = x["from_verdict"]
    said = "考勤导出记为“" + F.text(x["export_verdict"]) + "”"
    late_txt = _either(vm, said + ",迟到 " + late.astype(str) + " 分钟",
                       "上班打卡 " + F.clock(x["clock_in"], day).fillna("") + ",班次" + after + " "
                       + F.clock(x["win_start"], day).fillna("") + " 开始,迟到 " + late.astype(str) + " 分钟")
    early_txt = _either(vm, said + ",早退 " + early.astype(str) + " 分钟",
                        "下班打卡 " + F.clock(x["clock_out"], day).fillna("") + ",班次" + after + " "
                        + F.clock(x["win_end"], day).fillna("") + " 结束,早退 " + early.astype(str) + " 分钟")
    both: pd.Series = pd.Series(np.where(late > 0, late_txt, ""), index=x.index)
    both = both.where(~(early > 0), both.where(both.eq(""), both + ",") + early_txt)
    sched = _either(vm, said + ",", F.shift_label(x["shift"]) + " " + F.clock(x["shift_start"], day).fillna("")
                    + "–" + F.clock(x["shift_end"], day).fillna(""))
    invalid = F.text(x["invalid_rules"])
    leave_why: pd.Series = pd.Series(np.where(invalid.str.contains("LV-SWAPDAY"), ",换班或还班日请假无效(" + invalid + ")",
                                              ",请假无效(" + invalid + ")"), index=x.index).where(invalid.ne(""), ",且无有效请假")
    partial = F.text(x["leave_text"]).ne("") & ~x["leave_full"]  # a valid leave covers part of the shift
    leave_why = leave_why.where(~partial, ",有效请假 " + F.text(x["leave_text"]) + " 只覆盖部分班次,其余时间无打卡"
                                + leave_why.where(invalid.ne(""), ""))
    l30_min = P("ATT-LATE30", "minutes")
    l30_which: pd.Series = pd.Series(np.where(x["l30_late"], late_txt, early_txt), index=x.index)
    l30_txt = l30_which + f"(≥{l30_min} 分钟)"
    cause = pd.Series(np.select([x["private"], x["noshow"], x["l30"]],
                                [F.text(x["swap_text"]), "无上下班打卡" + leave_why, l30_txt],
                                ""), index=x.index)
    missing: pd.Series = pd.Series(np.where(x["has_in"], "缺下班打卡(上班打卡 " + F.clock(x["clock_in"], day).fillna("") + ")",
                                            "缺上班打卡(下班打卡 " + F.clock(x["clock_out"], day).fillna("") + ")"),
                                   index=x.index)
    which: pd.Series = pd.Series(np.where(x["has_in"], "缺下班打卡", "缺上班打卡"), index=x.index)
    missing = _either(vm, said + "," + which, missing) + ",待复核"
    per_late = F.num(pd.Series(P("ATT-LATE", "fine_per_minute"), index=x.index))
    per_early = F.num(pd.Series(P("ATT-EARLY", "fine_per_minute"), index=x.index))
    allowed = P("ATT-RESIGN", "allowed_days")
    consec = "连续" if P("ATT-RESIGN", "resign_consecutive_only") else "当月"
    return {
        "SW-PRIVATE": F.text(x["swap_text"]),
        "ATT-NOSHOW": sched + " 无上下班打卡" + leave_why,
        "ATT-LATE30": l30_txt + ",按旷工处理",
        "ATT-ABSENCE": "旷工 1 天:" + cause + ",罚款 " + F.num(x["absence_fine"]) + " 元",
        "ATT-LATE": late_txt + ",每分钟罚款 " + per_late + " 元",
        "ATT-EARLY": early_txt + (",每分钟罚款 " + per_early + " 元" if P("ATT-EARLY", "early_leave_fined")
                                  else ",只记录不罚款(早退不罚款)"),
        "ATT-EXCUSED": both + ",已事先电话请示班组长,只记录不罚款",
        "ATT-MISSPUNCH": missing,
        "ATT-RESIGN": pd.Series(f"{consec}第 {allowed + 1} 个旷工日,视为自动离职(每月允许 {allowed} 天)",
                                index=x.index, dtype=object),
        "LV-APP": app_evidence(x),
        "": "请假:" + F.text(x["leave_text"]),
    }


def _either(cond: pd.Series, yes: pd.Series | str, no: pd.Series) -> pd.Series:
    """``yes`` where ``cond`` (a day rebuilt from an export's verdict), else ``no``."""
    return pd.Series(np.where(cond, yes, no), index=no.index, dtype=object)


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
