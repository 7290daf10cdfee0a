"""Shift swaps (换班, 002 第三十二–三十七条).

Each rule is a mask over the swaps table; SW-CONSEC's back-to-back test is a sorted shift of
every employee's schedule merged with the swap parties. Readings where rules.md leaves a
choice:

* Approval: the approver's rank is the roster role of ``approver_id``; blank, unknown or
  below 班长 is no approval (SW-PRIVATE). A late request (SW-NOTICE) with a proper approver
  is a finding but stays approved (``late_is_private`` on: it is a private swap). A swap on a
  holiday (SW-HOLIDAY) is not approved even with an approver: the requester is absent on the
  swap date unless they worked that day (a punch on a scheduled shift); a rest row or a
  colleague working the shift is no excuse.
* Absence from a swap (private, holiday, missed) is added to the requester's day whether or
  not the attendance table lists it; ``SW-PRIVATE.both_absent`` adds the counterpart too.
* SW-MISSED: an approved swap whose swap date neither party worked (no punch on a scheduled
  shift that day) left the shift empty: the counterpart, whom the swap put on it, is absent
  (``both_absent``: the requester as well).
* SW-SAMEROLE compares roster roles; the finding is team-level (employee_id empty) on the
  approver's team, or the requester's team when nobody approved.
* SW-CONSEC "consecutive swaps" looks at the requester's swap dates. "Back to back" is read
  from the attendance table, which is the schedule as worked, i.e. after the swap: each
  party's shift on the swap date and on the return date is checked against their previous
  and next shift (gap < ``min_rest_hours``). One finding per swap and party.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..rulebook import Rulebook
from ..words import say, word
from .finding_rows import empty, num, rows, stamp, text, ymd
from .month_tables import ranks, role_of, team_of, working


def judge_swaps(swaps: pd.DataFrame, roster: pd.DataFrame, att: pd.DataFrame,
                holidays: pd.DatetimeIndex, rulebook: Rulebook,
                ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(swaps + ``approved``/``count_in_month``/``over_limit``, private absence days, findings)."""
    param = rulebook.param
    sw = swaps.reset_index(drop=True).copy()
    sw["swap_date"] = pd.to_datetime(sw["swap_date"]).dt.normalize().astype("datetime64[ns]")
    sw["return_date"] = pd.to_datetime(sw["return_date"]).dt.normalize().astype("datetime64[ns]")
    sw["requested_at"] = pd.to_datetime(sw["requested_at"])
    if sw.empty:
        sw = sw.assign(approved=pd.Series(dtype=bool), count_in_month=pd.Series(dtype="int64"),
                       over_limit=pd.Series(dtype=bool))
        absent = pd.DataFrame({"employee_id": pd.Series(dtype=object), "date": pd.Series(dtype="datetime64[ns]"),
                               "swap_text": pd.Series(dtype=object), "swap_rule": pd.Series(dtype=object),
                               "given_away": pd.Series(dtype=bool)})
        return sw, absent, empty()
    roles, teams = role_of(roster), team_of(roster)
    approver_role = sw["approver_id"].map(roles)
    st = _status(sw, att, holidays, approver_role, rulebook)
    sw["approved"] = st["approved"]

    order = sw.sort_values(["requester_id", "swap_date", "requested_at"], kind="stable")
    month = order["swap_date"].dt.to_period("M")
    sw["count_in_month"] = (order.groupby([order["requester_id"], month]).cumcount() + 1).reindex(sw.index)
    sw["over_limit"] = sw["count_in_month"] > param("SW-LIMIT", "max_per_month")

    who = say("swap.who", sw.index, requester=text(sw["requester_id"]), counterpart=text(sw["counterpart_id"]),
              date=ymd(sw["swap_date"]))
    approver = text(sw["approver_id"])
    req_day = sw["requester_id"], sw["swap_date"]
    parts = _absence_findings(sw, st, who, approver_role, rulebook)
    r_role, c_role = sw["requester_id"].map(roles), sw["counterpart_id"].map(roles)
    diff = r_role.ne(c_role)
    team = sw["approver_id"].map(teams)
    team = team.where(team.notna(), sw["requester_id"].map(teams))
    parts.append(rows(None, sw["swap_date"][diff], "SW-SAMEROLE",
                      say("swap.samerole", sw.index, who=who, requester_role=text(r_role), counterpart_role=text(c_role),
                          approver=approver.replace("", word("swap.nobody")))[diff], team=team[diff]))
    over = sw["over_limit"]
    pts = -float(param("SW-LIMIT", "points_per_extra"))
    parts.append(rows(*_at(req_day, over), "SW-LIMIT",
                      say("swap.limit", sw.index, who=who, nth=sw["count_in_month"].astype(str),
                          limit=str(param("SW-LIMIT", "max_per_month")),
                          points=num(-pd.Series(pts, index=sw.index)))[over], points=pts))
    parts.append(_consecutive(sw, who))
    parts.append(_back_to_back(sw, att, who, param("SW-CONSEC", "min_rest_hours")))

    return sw, _absences(sw, st, rulebook), pd.concat(parts, ignore_index=True)


def _status(sw: pd.DataFrame, att: pd.DataFrame, holidays: pd.DatetimeIndex, approver_role: pd.Series,
            rulebook: Rulebook) -> dict[str, pd.Series]:
    """Per swap: unapproved (approver below the rank), late, private (unapproved, or late with
    ``late_is_private``), holiday, approved, holiday absence, missed (nobody worked it), and
    whether each party is scheduled that day."""
    param = rulebook.param
    st = {"unapproved": ranks(approver_role, rulebook) < rulebook.rank(param("SW-NOTICE", "min_role")),
          "late": sw["requested_at"].dt.normalize() > sw["swap_date"] - pd.Timedelta(days=param("SW-NOTICE", "days_before")),
          "holiday": sw["swap_date"].isin(holidays)}
    st["private"] = st["unapproved"] | (st["late"] if param("SW-NOTICE", "late_is_private") else False)
    st["approved"] = ~st["private"] & ~st["holiday"]
    worked, sched = _worked(att), _worked(att, punched=False)
    for who in ("requester_id", "counterpart_id"):
        st[f"{who}_worked"] = _pair_in(sw[who], sw["swap_date"], worked)
        st[f"{who}_sched"] = _pair_in(sw[who], sw["swap_date"], sched)
    st["hol_absent"] = st["holiday"] & ~st["private"] & ~st["requester_id_worked"]
    st["missed"] = (st["approved"] & ~st["requester_id_worked"] & ~st["counterpart_id_worked"]
                    & (st["requester_id_sched"] | st["counterpart_id_sched"]))
    return st


def _absence_findings(sw: pd.DataFrame, st: dict[str, pd.Series], who: pd.Series, approver_role: pd.Series,
                      rulebook: Rulebook) -> list[pd.DataFrame]:
    """SW-NOTICE, SW-PRIVATE, SW-HOLIDAY and SW-MISSED rows, their words from the parameters."""
    param = rulebook.param
    approver = text(sw["approver_id"])
    days_before = param("SW-NOTICE", "days_before")
    private, late, holiday, missed = st["private"], st["late"], st["holiday"], st["missed"]
    private_why = pd.Series(np.where(approver.eq(""), word("swap.no_approver"),
                                     say("swap.low_approver", sw.index, approver=approver, role=text(approver_role),
                                         min_role=param("SW-NOTICE", "min_role"))), index=sw.index, dtype=str)
    private_why = private_why.where(st["unapproved"], say("swap.late_private", sw.index, days=days_before))
    private_why = private_why + word("swap.both_absent" if param("SW-PRIVATE", "both_absent") else "swap.requester_absent")
    hol_why = pd.Series(np.where(st["hol_absent"], word("swap.holiday_absent"), word("swap.holiday_worked")),
                        index=sw.index).where(~private, "")
    missed_why = (say("swap.missed_both", sw.index, requester=text(sw["requester_id"])) if param("SW-MISSED", "both_absent")
                  else word("swap.missed_one"))
    req_day = sw["requester_id"], sw["swap_date"]
    notice = say("swap.notice", sw.index, who=who, requested=stamp(sw["requested_at"]), days=days_before,
                 due=ymd(sw["swap_date"] - pd.Timedelta(days=days_before)),
                 approver=approver.replace("", word("swap.nobody")))
    return [
        rows(*_at(req_day, late), "SW-NOTICE", notice[late]),
        rows(*_at(req_day, private), "SW-PRIVATE", (who + private_why)[private]),
        rows(*_at(req_day, holiday), "SW-HOLIDAY", (say("swap.holiday", sw.index, who=who) + hol_why)[holiday]),
        rows(sw["counterpart_id"][missed], sw["swap_date"][missed], "SW-MISSED",
             (say("swap.missed", sw.index, who=who, counterpart=text(sw["counterpart_id"])) + missed_why)[missed]),
    ]


def _absences(sw: pd.DataFrame, st: dict[str, pd.Series], rulebook: Rulebook) -> pd.DataFrame:
    """(employee_id, date, swap_text, swap_rule, given_away): the absence days swaps make, one per
    person-day (a private swap first, then a holiday swap, then a missed one), and the
    requester's scheduled day a missed swap gave away (not judged, unless ``both_absent``)."""
    both, m_both = bool(rulebook.param("SW-PRIVATE", "both_absent")), bool(rulebook.param("SW-MISSED", "both_absent"))
    missed = st["missed"]

    def part(who: str, mask: pd.Series, rule: str, key: str, given: bool = False) -> pd.DataFrame:
        said = say("swap.day", sw.index, what=word(key) if key else "", date=ymd(sw["swap_date"]),
                   requester=text(sw["requester_id"]), counterpart=text(sw["counterpart_id"]))
        return pd.DataFrame({"employee_id": sw[who], "date": sw["swap_date"], "swap_text": said,
                             "swap_rule": rule, "given_away": given}).loc[mask]
    parts = [part("requester_id", st["private"], "SW-PRIVATE", "swap.day_private")]
    if both:
        parts.append(part("counterpart_id", st["private"], "SW-PRIVATE", "swap.day_private"))
    parts.append(part("requester_id", st["hol_absent"], "SW-HOLIDAY", "swap.day_holiday"))
    # a counterpart with a scheduled row of their own that day is judged on it (a no-show is the absence)
    parts.append(part("counterpart_id", missed & ~st["counterpart_id_sched"], "SW-MISSED", "swap.day_missed"))
    if m_both:
        parts.append(part("requester_id", missed, "SW-MISSED", "swap.day_missed"))
    else:
        parts.append(part("requester_id", missed & st["requester_id_sched"], "", "", given=True))
    out = pd.concat(parts, ignore_index=True).dropna(subset=["employee_id", "date"])
    return out.drop_duplicates(["employee_id", "date"]).reset_index(drop=True)


def _worked(att: pd.DataFrame, punched: bool = True) -> pd.DataFrame:
    """(employee_id, date) of scheduled shifts (with a punch, when ``punched``)."""
    mask = working(att)
    if punched:
        mask = mask & (att["clock_in"].notna() | att["clock_out"].notna())
    w = att.loc[mask, ["employee_id", "date"]]
    return w.drop_duplicates().assign(_w=True)


def _pair_in(emp: pd.Series, date: pd.Series, worked: pd.DataFrame) -> pd.Series:
    """Whether each (emp, date) is among ``worked``."""
    key = pd.DataFrame({"employee_id": emp.to_numpy(), "date": date.to_numpy()})
    hit = key.merge(worked, on=["employee_id", "date"], how="left")["_w"]
    return pd.Series(hit.fillna(False).astype(bool).to_numpy(), index=emp.index)


def _at(key: tuple[pd.Series, pd.Series], mask: pd.Series) -> tuple[pd.Series, pd.Series]:
    return key[0][mask], key[1][mask]


def _consecutive(sw: pd.DataFrame, who: pd.Series) -> pd.DataFrame:
    """Swap dates of one requester on consecutive days: a finding on the later swap."""
    dates = sw[["requester_id", "swap_date"]].drop_duplicates()
    prev = dates.assign(swap_date=dates["swap_date"] + pd.Timedelta(days=1), prev=True)
    hit = sw.merge(prev, on=["requester_id", "swap_date"], how="left")["prev"].fillna(False).astype(bool)
    hit.index = sw.index
    return rows(sw["requester_id"][hit], sw["swap_date"][hit], "SW-CONSEC", say("swap.consecutive", sw.index, who=who)[hit])


def _back_to_back(sw: pd.DataFrame, att: pd.DataFrame, who: pd.Series, hours: float) -> pd.DataFrame:
    """A party whose shift on the swap or return date starts < ``hours`` after their previous
    shift ends, or ends < ``hours`` before their next one starts (连班)."""
    s = att.loc[working(att), ["employee_id", "date", "shift_start", "shift_end"]]
    s = s.sort_values(["employee_id", "shift_start"], kind="stable")
    g = s.groupby("employee_id")
    s = s.assign(prev_end=g["shift_end"].shift(), next_start=g["shift_start"].shift(-1))
    gap_before = s["shift_start"] - s["prev_end"]
    gap_after = s["next_start"] - s["shift_end"]
    limit = pd.Timedelta(hours=hours)
    s["gap"] = gap_before.where(gap_before < limit, gap_after.where(gap_after < limit))
    tight = s.loc[s["gap"].notna(), ["employee_id", "date", "gap"]]
    pairs = pd.concat([
        pd.DataFrame({"_sid": sw.index, "employee_id": sw[p], "date": sw[d]})
        for p in ("requester_id", "counterpart_id") for d in ("swap_date", "return_date")
    ]).dropna()
    hit = pairs.merge(tight, on=["employee_id", "date"]).drop_duplicates(["_sid", "employee_id"])
    evidence = say("swap.back_to_back", index=hit.index, who=text(hit["_sid"].map(who)),
                   employee=text(hit["employee_id"]), date=ymd(hit["date"]),
                   gap=num(hit["gap"].dt.total_seconds() / 3600), hours=num(pd.Series(hours, index=hit.index)))
    return rows(hit["employee_id"], hit["date"], "SW-CONSEC", evidence)
