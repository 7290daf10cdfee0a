"""Leave (请假, 002 第二十六–三十一、三十七条): each request judged by every LV rule at once.

Each rule is one function of the table :data:`LV_CHECKS`, a boolean mask over the requests with
its evidence (vectorised; the loop is over the eight rule ids only). A request failing any of
them is invalid: ``failed_rules`` names every rule it
failed, each failure is its own Findings row (fine 0), and the days it covers are judged by
attendance as if there were no request. Readings where rules.md leaves a choice:

* LV-NOTICE: the "first day it covers" is the request's start date; 特殊事假's hour is
  measured from the start of the first shift it covers (its own start if it covers none).
  Other leave types have no notice rule (sick leave has LV-EMERGENCY instead), unless
  ``sick_needs_notice`` is on: then sick leave needs the day's notice of 事假.
* Several requests may cover one day: each is judged on its own and the day is leave when
  any valid one covers it (:func:`leave_shifts.day_cover`).
* LV-AUTHORITY applies to every leave type; a blank approver_role is no approval; the day
  count is :func:`leave_shifts.leave_days` (calendar days for date-only requests, shift shares
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

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..rulebook import Rulebook
from ..words import pick_pair, say, word
from . import finding_rows
from .finding_rows import leave_label, num, shift_label, stamp, text, ymd
from .leave_shifts import calendar_days, covered_shifts, first_shift_start, leave_days
from .month_tables import lookup, ranks, working


def swap_days(swaps: pd.DataFrame) -> pd.DataFrame:
    """(employee_id, date) pairs that are a swap or return day for either party."""
    parts = [swaps[[who, when]].set_axis(["employee_id", "date"], axis=1)
             for who in ("requester_id", "counterpart_id") for when in ("swap_date", "return_date")]
    out = pd.concat(parts, ignore_index=True).dropna()
    return out.assign(date=pd.to_datetime(out["date"]).dt.normalize()).drop_duplicates()


@dataclass(frozen=True)
class Requests:
    """The month's leave requests with what every LV rule reads, indexed like ``lv``."""
    lv: pd.DataFrame  # the requests, with ``_lid``
    cover: pd.DataFrame  # :func:`leave_shifts.covered_shifts`
    days: pd.Series  # how many days each request is
    first: pd.Series  # start of the first shift it covers
    rank: pd.Series  # the approver's rank
    holidays: pd.DatetimeIndex
    swaps: pd.DataFrame
    rulebook: Rulebook

    def kind(self, code: str) -> pd.Series:
        return self.lv["leave_type"].eq(code)

    def need(self, rule: str, key: str = "min_role") -> int:
        """The rank of the role a rule's parameter names."""
        return self.rulebook.rank(self.rulebook.param(rule, key))

    def first_hit(self, hits: pd.DataFrame) -> pd.Series:
        """Per request, the first date of ``hits`` (rows with ``_lid``, ``date``); NaT if none."""
        return lookup(self.lv["_lid"], hits.groupby("_lid")["date"].min().astype("datetime64[ns]"))

    def per_shift(self, values: pd.Series, shifts: pd.DataFrame) -> pd.Series:
        """A request's ``values`` on each of its covered ``shifts``."""
        return lookup(shifts["_lid"], values.set_axis(self.lv["_lid"]))


class Check(NamedTuple):
    """One LV rule's verdict: the requests failing it, why, the day of the finding (else the
    request's start) and, where it differs from ``failed``, which failures invalidate."""
    failed: pd.Series
    why: pd.Series
    day: pd.Series | None = None
    invalidates: pd.Series | None = None


def _notice(r: Requests) -> Check:
    """LV-NOTICE (sick leave too when ``sick_needs_notice``: it then has the day's notice of 事假)."""
    param, lv, req, sick = r.rulebook.param, r.lv, r.lv["requested_at"], r.kind("sick")
    n_days, n_hours = param("LV-NOTICE", "personal_days_before"), param("LV-NOTICE", "special_hours_before")
    by_day = r.kind("personal") | (sick & bool(param("LV-NOTICE", "sick_needs_notice")))
    late_p = by_day & ~(req.dt.normalize() <= lv["start"].dt.normalize() - pd.Timedelta(days=n_days))
    due_s = r.first - pd.Timedelta(hours=n_hours)
    late_s = r.kind("special_personal") & ~(req <= due_s)
    role = param("LV-NOTICE", "late_approver_role")
    kind = leave_label(pd.Series(np.where(sick, "sick", "personal"), index=lv.index))
    why = say("leave.notice_days", lv.index, kind=kind, n=_num(n_days), role=role,
              by=ymd(lv["start"].dt.normalize() - pd.Timedelta(days=n_days)).fillna(""))
    hours = say("leave.notice_hours", lv.index, n=_num(n_hours), by=stamp(due_s).fillna(""), role=role)
    return Check((late_p | late_s) & (r.rank < r.need("LV-NOTICE", "late_approver_role")), why.where(by_day, hours))


def _authority(r: Requests) -> Check:
    """LV-AUTHORITY: the approver's rank against the request's length."""
    param = r.rulebook.param
    short_max = param("LV-AUTHORITY", "short_max_days")
    short_role, long_role = param("LV-AUTHORITY", "short_min_role"), param("LV-AUTHORITY", "long_min_role")
    roles = pd.Series(np.where(r.days <= short_max, short_role, long_role), index=r.lv.index, dtype=object)
    failed = r.rank < roles.map({short_role: r.rulebook.rank(short_role), long_role: r.rulebook.rank(long_role)})
    parts = dict(days=num(r.days), role=roles, short_max=_num(short_max), short_role=short_role, long_role=long_role)
    why = _pick(r.rank.eq(0), say("leave.authority_none", r.lv.index, **parts),
                say("leave.authority_low", r.lv.index, **parts))
    return Check(failed, why)


def _in_person(r: Requests) -> Check:
    """LV-INPERSON: personal leave asked by the employee."""
    failed = (r.kind("personal") | r.kind("special_personal")) & ~r.lv["in_person"].astype(bool)
    return Check(failed, say("leave.inperson", r.lv.index))


def _sick_certificate(r: Requests) -> Check:
    """LV-SICKCERT: a certificate for long sick leave, handed in by the day after the leave."""
    param, lv = r.rulebook.param, r.lv
    has_cert = lv["medical_certificate"].astype(bool) | lv["certificate_date"].notna()
    needs = r.kind("sick") & (r.days >= param("LV-SICKCERT", "min_days"))
    due = (lv["end"] - pd.Timedelta(1, "ns")).dt.normalize() + pd.Timedelta(days=1)
    late = needs & has_cert & (lv["certificate_date"] > due)
    invalidating = bool(param("LV-SICKCERT", "late_certificate_invalidates"))
    late_why = say("leave.cert_late_invalid" if invalidating else "leave.cert_late_kept", lv.index,
                   given=ymd(lv["certificate_date"]).fillna(""), due=ymd(due).fillna(""))
    why = say("leave.cert_missing", lv.index, days=_num(param("LV-SICKCERT", "min_days"))).where(~late, late_why)
    failed = (needs & ~has_cert) | late
    return Check(failed, why, invalidates=failed if invalidating else needs & ~has_cert)


def _emergency(r: Requests) -> Check:
    """LV-EMERGENCY: sick leave asked once the shift began, without a call before it."""
    failed = r.kind("sick") & (r.lv["requested_at"] > r.first) & ~r.lv["phoned_before_shift"].astype(bool)
    return Check(failed, say("leave.emergency", r.lv.index, start=stamp(r.first).fillna("")))


def _night(r: Requests) -> Check:
    """LV-NIGHT: leave on a night shift asked by the deadline hour, by a high enough role."""
    param = r.rulebook.param
    night = r.cover.loc[r.cover["shift"].eq("night"), ["_lid", "date"]]
    asked = r.per_shift(r.lv["requested_at"], night)
    deadline = pd.Timedelta(hours=param("LV-NIGHT", "deadline_hour"))
    bad = night.loc[~(asked < night["date"] + deadline) | (r.per_shift(r.rank, night) < r.need("LV-NIGHT"))]
    day = r.first_hit(bad)
    why = say("leave.night", r.lv.index, day=ymd(day).fillna(""), hour=str(param("LV-NIGHT", "deadline_hour")),
              role=param("LV-NIGHT", "min_role"))
    return Check(day.notna(), why, day)


def _holiday(r: Requests) -> Check:
    """LV-HOLIDAY: leave on a holiday shift asked days ahead, by a high enough role."""
    param = r.rulebook.param
    hol = r.cover.loc[r.cover["date"].isin(r.holidays), ["_lid", "date"]]
    asked = r.per_shift(r.lv["requested_at"], hol).dt.normalize()
    ahead = pd.Timedelta(days=param("LV-HOLIDAY", "days_before"))
    bad = hol.loc[~(asked <= hol["date"] - ahead) | (r.per_shift(r.rank, hol) < r.need("LV-HOLIDAY"))]
    day = r.first_hit(bad)
    why = say("leave.holiday", r.lv.index, day=ymd(day).fillna(""), n=str(param("LV-HOLIDAY", "days_before")),
              by=ymd(day - ahead).fillna(""), role=param("LV-HOLIDAY", "min_role"))
    return Check(day.notna(), why, day)


def _swap_day(r: Requests) -> Check:
    """LV-SWAPDAY: no leave on a swap or return day of either party."""
    day = r.first_hit(calendar_days(r.lv).merge(swap_days(r.swaps), on=["employee_id", "date"]))
    return Check(day.notna(), say("leave.swapday", r.lv.index, day=ymd(day).fillna("")), day)


LV_CHECKS: dict[str, Callable[[Requests], Check]] = {
    "LV-NOTICE": _notice, "LV-AUTHORITY": _authority, "LV-INPERSON": _in_person,
    "LV-SICKCERT": _sick_certificate, "LV-EMERGENCY": _emergency, "LV-NIGHT": _night,
    "LV-HOLIDAY": _holiday, "LV-SWAPDAY": _swap_day,
}


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
        return lv, cover, finding_rows.empty()
    r = Requests(lv, cover, leave_days(lv, cover), first_shift_start(lv, cover),
                 ranks(lv["approver_role"], rulebook), holidays, swaps, rulebook)
    checks = {rid: check(r) for rid, check in LV_CHECKS.items()}
    failed = pd.Series("", index=lv.index, dtype=object)
    for rid, c in checks.items():
        failed = failed + np.where(c.failed if c.invalidates is None else c.invalidates, rid + ";", "")
    lv["failed_rules"] = failed.str.rstrip(";").astype(object)
    lv["valid"] = lv["failed_rules"].eq("")
    parts = dict(kind=leave_label(lv["leave_type"]), span=_span(lv), days=num(r.days))
    lv["leave_text"] = _pick(r.days.eq(1), say("leave.text_one", lv.index, **parts), say("leave.text", lv.index, **parts))
    return lv, cover, _findings(lv, checks, period)


def _findings(lv: pd.DataFrame, checks: dict[str, Check], period: pd.Period) -> pd.DataFrame:
    """One Findings row (fine 0) per failed rule of a request overlapping the month."""
    approver = text(lv["approver_role"]).replace("", word("leave.no_approver"))
    head = say("leave.head", lv.index, leave=lv["leave_text"], at=stamp(lv["requested_at"]).fillna("—"),
               role=approver)
    in_month = (lv["end"] > period.start_time) & (lv["start"] <= period.end_time)
    default_day = lv["start"].dt.normalize().clip(lower=period.start_time)
    parts = []
    for rid, c in checks.items():
        mask = c.failed.fillna(False).astype(bool) & in_month
        when = default_day if c.day is None else c.day
        parts.append(finding_rows.rows(lv["employee_id"][mask], when[mask], rid, (head + c.why)[mask]))
    return pd.concat(parts) if parts else finding_rows.empty()


def _num(value: object) -> str:
    """A rulebook number as the evidence writes it (``1``, ``0.5``)."""
    return str(num(pd.Series([value])).iloc[0])


def _pick(cond: pd.Series, yes: pd.Series, no: pd.Series) -> pd.Series:
    return pd.Series(np.where(cond, yes, no), index=no.index, dtype=object)


def _span(lv: pd.DataFrame) -> pd.Series:
    """``2026-10-05`` / ``2026-10-05 至 2026-10-06`` / ``2026-10-05 08:30 至 10:30``."""
    last = (lv["end"] - pd.Timedelta(1, "ns")).dt.normalize()
    dates = ymd(lv["start"]).fillna("")
    dates = dates.where(last <= lv["start"].dt.normalize(),
                        say("leave.span", lv.index, start=dates, end=ymd(last).fillna("")))
    same = lv["start"].dt.normalize() == lv["end"].dt.normalize()
    end = lv["end"].dt.strftime("%H:%M").where(same, stamp(lv["end"]))
    timed = say("leave.span", lv.index, start=stamp(lv["start"]).fillna(""), end=end.fillna(""))
    return dates.where(lv["start_all_day"] & lv["end_all_day"], timed)


def coverage_findings(att: pd.DataFrame, cover: pd.DataFrame, teams: pd.Series,
                      rulebook: Rulebook) -> pd.DataFrame:
    """LV-COVERAGE: team-shifts with ≥ min_members scheduled, every one of them on leave."""
    if cover.empty:
        return finding_rows.empty()
    w = att.loc[working(att), ["_aid", "employee_id", "date", "shift"]].copy()
    w["team"] = w["employee_id"].map(teams)
    w["on_leave"] = w["_aid"].isin(cover["_aid"])
    w = w.dropna(subset=["team"])
    keys = ["team", "date", "shift"]
    g = w.groupby(keys, sort=True)
    agg = g.agg(members=("employee_id", "size"), on_leave=("on_leave", "sum")).reset_index()
    least = rulebook.param("LV-COVERAGE", "min_members")
    hit = agg.loc[(agg["members"] >= least) & agg["on_leave"].eq(agg["members"])]
    who = (w.merge(hit[keys], on=keys).sort_values("employee_id").groupby(keys)["employee_id"]
           .agg(pick_pair(("、", ", ")).join))
    hit = hit.join(who.rename("who"), on=keys)
    evidence = say("leave.coverage", hit.index, team=text(hit["team"]), date=ymd(hit["date"]),
                   shift=shift_label(hit["shift"]), n=hit["members"].astype(str), who=hit["who"], min=str(least))
    return finding_rows.rows(None, hit["date"], "LV-COVERAGE", evidence, team=hit["team"])
