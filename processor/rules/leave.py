"""Leave (请假, 002 第二十六–三十一、三十七条): each request judged by every LV rule at once.

Each rule is a boolean mask over the requests (vectorised; the loop is over the eight rule
ids only). A request failing any of them is invalid: ``failed_rules`` names every rule it
failed, each failure is its own Findings row (fine 0), and the days it covers are judged by
attendance as if there were no request. Readings where rules.md leaves a choice:

* LV-NOTICE: the "first day it covers" is the request's start date; 特殊事假's hour is
  measured from the start of the first shift it covers (its own start if it covers none).
  Other leave types have no notice rule (sick leave has LV-EMERGENCY instead), unless
  ``sick_needs_notice`` is on: then sick leave needs the day's notice of 事假.
* Several requests may cover one day: each is judged on its own and the day is leave when
  any valid one covers it (:func:`coverage.day_cover`).
* LV-AUTHORITY applies to every leave type; a blank approver_role is no approval; the day
  count is :func:`coverage.leave_days` (calendar days for date-only requests, shift shares
  for timed ones).
* LV-SICKCERT: a certificate is present when 病假证明 = 是 or a 证明提交日期 is given; it is
  due on the first calendar day after the leave ends.
* LV-EMERGENCY: "after the shift has started" = requested_at later than the first covered
  shift's start.
* LV-NIGHT / LV-HOLIDAY look at the *scheduled working* shifts the request covers (a night
  shift; a shift dated on a holiday); a holiday the employee was off anyway is not leave on
  a holiday. LV-SWAPDAY looks at the calendar days the request touches, for both parties of
  any listed swap, on its swap date and its return date.
* LV-COVERAGE: a member is "covered" when any request (valid or not) touches their shift.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..rulebook import Rulebook
from . import findings as F
from .coverage import calendar_days, covered_shifts, first_shift_start, leave_days
from .frames import lookup, ranks, working

LV_RULES = ("LV-NOTICE", "LV-AUTHORITY", "LV-INPERSON", "LV-SICKCERT", "LV-EMERGENCY",
            "LV-NIGHT", "LV-HOLIDAY", "LV-SWAPDAY")


def swap_days(swaps: pd.DataFrame) -> pd.DataFrame:
    """(employee_id, date) pairs that are a swap or return day for either party."""
    parts = [swaps[[who, when]].set_axis(["employee_id", "date"], axis=1)
             for who in ("requester_id", "counterpart_id") for when in ("swap_date", "return_date")]
    out = pd.concat(parts, ignore_index=True).dropna()
    return out.assign(date=pd.to_datetime(out["date"]).dt.normalize()).drop_duplicates()


def _first_hit(lv: pd.DataFrame, hits: pd.DataFrame) -> pd.Series:
    """Per request, the first date of ``hits`` (rows with ``_lid``, ``date``); NaT if none."""
    return lookup(lv["_lid"], hits.groupby("_lid")["date"].min().astype("datetime64[ns]"))


def judge_leave(leave: pd.DataFrame, att: pd.DataFrame, swaps: pd.DataFrame,
                holidays: pd.DatetimeIndex, rulebook: Rulebook, period: pd.Period,
                ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Judge every request: (leave + ``_lid``/``valid``/``failed_rules``/``leave_text``,
    covered shifts, findings)."""
    lv = leave.reset_index(drop=True).copy()
    lv["_lid"] = np.arange(len(lv))
    for col in ("start", "end", "requested_at", "certificate_date"):
        lv[col] = pd.to_datetime(lv[col])
    cover = covered_shifts(lv, att)
    if lv.empty:
        lv = lv.assign(leave_text=pd.Series(dtype=object), failed_rules=pd.Series(dtype=object),
                       valid=pd.Series(dtype=bool))
        return lv, cover, F.empty()
    days = leave_days(lv, cover)
    first = first_shift_start(lv, cover)
    rank = ranks(lv["approver_role"], rulebook)
    req, kind, P = lv["requested_at"], lv["leave_type"], rulebook.param
    need = {r: rulebook.rank(P(r, k)) for r, k in (
        ("LV-NOTICE", "late_approver_role"), ("LV-NIGHT", "min_role"), ("LV-HOLIDAY", "min_role"))}
    personal = kind.eq("personal")
    special = kind.eq("special_personal")
    sick = kind.eq("sick")

    lv["leave_text"] = (F.leave_label(kind) + " " + _span(lv) + "(" + F.num(days) + " 天)")
    head = (lv["leave_text"] + ",申请于 " + F.stamp(req).fillna("—") + ",审批人 "
            + F.text(lv["approver_role"]).replace("", "无") + ";")
    hits: dict[str, tuple[pd.Series, pd.Series]] = {}

    # LV-NOTICE (sick leave too when ``sick_needs_notice``: it then has the day's notice of 事假)
    n_days = P("LV-NOTICE", "personal_days_before")
    n_hours = P("LV-NOTICE", "special_hours_before")
    by_day = personal | (sick & bool(P("LV-NOTICE", "sick_needs_notice")))
    late_p = by_day & ~(req.dt.normalize() <= lv["start"].dt.normalize() - pd.Timedelta(days=n_days))
    due_s = first - pd.Timedelta(hours=n_hours)
    late_s = special & ~(req <= due_s)
    mask = (late_p | late_s) & (rank < need["LV-NOTICE"])
    late_role = P("LV-NOTICE", "late_approver_role")
    kind_word: pd.Series = pd.Series(np.where(sick, "病假", "事假"), index=lv.index)
    why = kind_word + f"须在开始前 {F.num(pd.Series([n_days])).iloc[0]} 天(" + F.ymd(
        lv["start"].dt.normalize() - pd.Timedelta(days=n_days)).fillna("") + " 或之前)提出"
    why = why.where(by_day, f"特殊事假须在班前 {F.num(pd.Series([n_hours])).iloc[0]} 小时(" + F.stamp(due_s).fillna("")
                    + " 前)提出")
    hits["LV-NOTICE"] = (mask, head + why + f",逾期申请须{late_role}批准")

    # LV-AUTHORITY
    short = days <= P("LV-AUTHORITY", "short_max_days")
    short_role, long_role = P("LV-AUTHORITY", "short_min_role"), P("LV-AUTHORITY", "long_min_role")
    roles = pd.Series(np.where(short, short_role, long_role), index=lv.index, dtype=object)
    mask = rank < roles.map({short_role: rulebook.rank(short_role), long_role: rulebook.rank(long_role)})
    approval = np.where(rank.eq(0), "未经审批", "审批人级别不足")
    short_max = F.num(pd.Series([P("LV-AUTHORITY", "short_max_days")])).iloc[0]
    hits["LV-AUTHORITY"] = (mask, head + approval + "," + F.num(days) + " 天的假须由" + roles + "及以上批准(不超过 "
                            + short_max + " 天:" + short_role + ";超过:" + long_role + ")")

    # LV-INPERSON
    mask = (personal | special) & ~lv["in_person"].astype(bool)
    hits["LV-INPERSON"] = (mask, head + "事假须本人办理,不得由他人代请")

    # LV-SICKCERT
    has_cert = lv["medical_certificate"].astype(bool) | lv["certificate_date"].notna()
    needs = sick & (days >= P("LV-SICKCERT", "min_days"))
    due = (lv["end"] - pd.Timedelta(1, "ns")).dt.normalize() + pd.Timedelta(days=1)
    late_cert = needs & has_cert & (lv["certificate_date"] > due)
    min_days = F.num(pd.Series([P("LV-SICKCERT", "min_days")])).iloc[0]
    cert_why = pd.Series(f"病假满 {min_days} 天须持医疗单位证明,未提交证明", index=lv.index)
    late_effect = ",请假无效" if P("LV-SICKCERT", "late_certificate_invalidates") else ",只记录,请假仍有效"
    cert_why = cert_why.where(~late_cert, "医疗证明 " + F.ymd(lv["certificate_date"]).fillna("")
                              + " 才提交,应于病假到期后第一天 " + F.ymd(due).fillna("") + " 交班长" + late_effect)
    hits["LV-SICKCERT"] = ((needs & ~has_cert) | late_cert, head + cert_why)

    # LV-EMERGENCY
    mask = sick & (req > first) & ~lv["phoned_before_shift"].astype(bool)
    hits["LV-EMERGENCY"] = (mask, head + "班次 " + F.stamp(first).fillna("") + " 开始后才请病假,且未在班前电话通知班长")

    # LV-NIGHT
    night = cover.loc[cover["shift"].eq("night"), ["_lid", "date"]]
    nreq = lookup(night["_lid"], req.set_axis(lv["_lid"]))
    nrank = lookup(night["_lid"], rank.set_axis(lv["_lid"]))
    deadline = pd.Timedelta(hours=P("LV-NIGHT", "deadline_hour"))
    bad_night = night.loc[~(nreq < night["date"] + deadline) | (nrank < need["LV-NIGHT"])]
    nday = _first_hit(lv, bad_night)
    hits["LV-NIGHT"] = (nday.notna(), head + "夜班 " + F.ymd(nday).fillna("") + " 请假须当日 "
                        + str(P("LV-NIGHT", "deadline_hour")) + ":00 前提出并经"
                        + P("LV-NIGHT", "min_role") + "及以上批准")

    # LV-HOLIDAY
    hol = cover.loc[cover["date"].isin(holidays), ["_lid", "date"]]
    hreq = lookup(hol["_lid"], req.set_axis(lv["_lid"])).dt.normalize()
    hrank = lookup(hol["_lid"], rank.set_axis(lv["_lid"]))
    hdays = pd.Timedelta(days=P("LV-HOLIDAY", "days_before"))
    bad_hol = hol.loc[~(hreq <= hol["date"] - hdays) | (hrank < need["LV-HOLIDAY"])]
    hday = _first_hit(lv, bad_hol)
    hits["LV-HOLIDAY"] = (hday.notna(), head + "节假日 " + F.ymd(hday).fillna("") + " 请假须提前 "
                          + str(P("LV-HOLIDAY", "days_before")) + " 天(" + F.ymd(hday - hdays).fillna("")
                          + " 或之前)提出并经" + P("LV-HOLIDAY", "min_role") + "批准")

    # LV-SWAPDAY
    touched = calendar_days(lv).merge(swap_days(swaps), on=["employee_id", "date"])
    sday = _first_hit(lv, touched)
    hits["LV-SWAPDAY"] = (sday.notna(), head + F.ymd(sday).fillna("") + " 是换班或还班日,不得请假,按旷工处理")

    invalidating = {r: m for r, (m, _) in hits.items()}
    if not P("LV-SICKCERT", "late_certificate_invalidates"):
        invalidating["LV-SICKCERT"] = needs & ~has_cert
    failed = pd.Series("", index=lv.index, dtype=object)
    for rid in LV_RULES:
        failed = failed + np.where(invalidating[rid], rid + ";", "")
    lv["failed_rules"] = failed.str.rstrip(";").astype(object)
    lv["valid"] = lv["failed_rules"].eq("")

    in_month = (lv["end"] > period.start_time) & (lv["start"] <= period.end_time)
    day_of = {"LV-NIGHT": nday, "LV-HOLIDAY": hday, "LV-SWAPDAY": sday}
    default_day = lv["start"].dt.normalize().clip(lower=period.start_time)
    parts = []
    for rid in LV_RULES:
        mask, evidence = hits[rid]
        mask = mask.fillna(False).astype(bool) & in_month
        when = day_of.get(rid, default_day)
        parts.append(F.rows(lv["employee_id"][mask], when[mask], rid, evidence[mask]))
    return lv, cover, pd.concat(parts) if parts else F.empty()


def _span(lv: pd.DataFrame) -> pd.Series:
    """``2026-10-05`` / ``2026-10-05 至 2026-10-06`` / ``2026-10-05 08:30 至 10:30``."""
    last = (lv["end"] - pd.Timedelta(1, "ns")).dt.normalize()
    dates = F.ymd(lv["start"]).fillna("")
    dates = dates.where(last <= lv["start"].dt.normalize(), dates + " 至 " + F.ymd(last).fillna(""))
    same = lv["start"].dt.normalize() == lv["end"].dt.normalize()
    end = lv["end"].dt.strftime("%H:%M").where(same, F.stamp(lv["end"]))
    timed = F.stamp(lv["start"]).fillna("") + " 至 " + end.fillna("")
    return dates.where(lv["start_all_day"] & lv["end_all_day"], timed)


def coverage_findings(att: pd.DataFrame, cover: pd.DataFrame, teams: pd.Series,
                      rulebook: Rulebook) -> pd.DataFrame:
    """LV-COVERAGE: team-shifts with ≥ min_members scheduled, every one of them on leave."""
    if cover.empty:
        return F.empty()
    w = att.loc[working(att), ["_aid", "employee_id", "date", "shift"]].copy()
    w["team"] = w["employee_id"].map(teams)
    w["on_leave"] = w["_aid"].isin(cover["_aid"])
    w = w.dropna(subset=["team"])
    keys = ["team", "date", "shift"]
    g = w.groupby(keys, sort=True)
    agg = g.agg(members=("employee_id", "size"), on_leave=("on_leave", "sum")).reset_index()
    hit = agg.loc[(agg["members"] >= rulebook.param("LV-COVERAGE", "min_members"))
                  & agg["on_leave"].eq(agg["members"])]
    who = w.merge(hit[keys], on=keys).sort_values("employee_id").groupby(keys)["employee_id"].agg("、".join)
    hit = hit.join(who.rename("who"), on=keys)
    evidence = ("班组 " + F.text(hit["team"]) + " " + F.ymd(hit["date"]) + " " + F.shift_label(hit["shift"])
                + " 排班 " + hit["members"].astype(str) + " 人(" + hit["who"] + ")全部请假,无人在岗(排班 "
                + str(rulebook.param("LV-COVERAGE", "min_members")) + " 人及以上的班次适用)")
    return F.rows(None, hit["date"], "LV-COVERAGE", evidence, team=hit["team"])
