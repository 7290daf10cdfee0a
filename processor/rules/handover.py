"""Who was at the desk: tickets under an absent employee's id (ORG-IDUSE, 002 第七条(六)) and
the handover gap between shifts (HO-GAP, 002 第四十二、四十三条: 接班人未到岗,交班人不得离台).

Both read the judged days of :mod:`.attendance` (after leave and swaps), never the raw
schedule, so a day of leave or a swap absence counts as a day not worked. Readings:

* ORG-IDUSE: a day not worked is a day without a punch whose row is rest, full-day leave or
  absence (an ATT-LATE30 day is an absence but the person came), or any day after a deemed
  resignation. A ticket belongs to its created_at date; a ticket in the
  small hours after a worked night shift belongs to that shift (it is not flagged). Days
  with no attendance row are not judged (the table need not list rest days).
* HO-GAP: within a team, the incoming shift is every worked row whose shift starts at the
  instant an outgoing row's shift ends. An outgoing member who clocked out before the first
  clock-in of the incoming shift left the seats uncovered for that many whole minutes. Where
  the incoming shift was scheduled (rows that are not rest) and nobody of it clocked in at
  all, every outgoing member who clocked out left before anyone came: a finding each, with
  no minutes (there is no arrival to measure to).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..rulebook import Rulebook
from ..words import say, sentence, word
from .finding_rows import clock, empty, rows, text, ymd


def id_use_findings(days: pd.DataFrame, tickets: pd.DataFrame) -> pd.DataFrame:
    """ORG-IDUSE: one finding per employee-day with tickets on a day not worked."""
    if tickets.empty or days.empty:
        return empty()
    d = days[["employee_id", "date", "outcome", "leave_full", "absence", "worked", "shift_end"]]
    away = days["clock_in"].isna() & days["clock_out"].isna()  # no punch: not at the desk that day
    resigned = d.loc[days["resign"], ["employee_id", "date"]].groupby("employee_id")["date"].min().to_dict()
    off = away & (d["outcome"].eq("rest") | d["absence"] | d["leave_full"])
    after = d["date"] > pd.to_datetime(d["employee_id"].map(resigned))
    off_days = d.loc[off | after.fillna(False), ["employee_id", "date", "outcome"]].drop_duplicates(["employee_id", "date"])
    hit = _tickets_on(off_days, tickets).merge(off_days, on=["employee_id", "date"])
    spill = d.loc[d["worked"], ["employee_id", "shift_end"]].assign(
        date=lambda x: pd.to_datetime(x["shift_end"]).dt.normalize(), _spill=True)
    hit = hit.merge(spill[["employee_id", "date", "_spill"]].drop_duplicates(), on=["employee_id", "date"], how="left")
    hit = hit.loc[hit["_spill"].isna()].reset_index(drop=True)
    late = hit["date"] > pd.to_datetime(hit["employee_id"].map(resigned))
    day = pd.Series(np.select([late.fillna(False), hit["outcome"].eq("rest"), hit["outcome"].eq("absence")],
                              [word("handover.day_resigned"), word("handover.day_rest"), word("handover.day_absent")],
                              word("handover.day_leave")), index=hit.index)
    evidence = say("handover.iduse", hit.index, date=ymd(hit["date"]), day=day, employee=text(hit["employee_id"]),
                   tickets=hit["n"].astype(str))
    return rows(hit["employee_id"], hit["date"], "ORG-IDUSE", evidence)


def _tickets_on(off_days: pd.DataFrame, tickets: pd.DataFrame) -> pd.DataFrame:
    """employee_id, date, n: the tickets created under each id on each of ``off_days`` (sorted).

    A million tickets are matched as integer keys (the id's position among the off days' ids,
    the day within the off days' span) in a lookup table, and only those that hit are counted."""
    off_days = off_days.loc[off_days["employee_id"].notna() & off_days["date"].notna()]
    people = pd.Index(off_days["employee_id"].astype(object).unique(), dtype=object)
    off_day = pd.to_datetime(off_days["date"]).to_numpy(dtype="datetime64[D]").astype("int64")
    if not len(off_day):
        return pd.DataFrame({"employee_id": pd.Series(dtype=object), "date": pd.Series(dtype="datetime64[ns]"),
                             "n": pd.Series(dtype="int64")})
    low, span = off_day.min(), off_day.max() - off_day.min() + 1
    who = people.get_indexer(pd.Index(tickets["agent_id"].astype(object), dtype=object, copy=False))
    created = pd.to_datetime(tickets["created_at"]).to_numpy(dtype="datetime64[ns]")
    day = created.astype("datetime64[D]").astype("int64") - low
    keep = (who >= 0) & ~np.isnat(created) & (day >= 0) & (day < span)
    key = who[keep].astype("int64") * span + day[keep]
    off_who = people.get_indexer(pd.Index(off_days["employee_id"].astype(object), dtype=object, copy=False))
    is_off = np.zeros(len(people) * span, dtype=bool)
    is_off[off_who.astype("int64") * span + (off_day - low)] = True
    n = np.bincount(key[is_off[key]], minlength=len(is_off))
    found = np.flatnonzero(n)
    per = pd.DataFrame({"employee_id": people[found // span].to_numpy(),
                        "date": (found % span + low).astype("datetime64[D]").astype("datetime64[ns]"),
                        "n": n[found].astype("int64")})
    return per.sort_values(["employee_id", "date"], kind="stable").reset_index(drop=True)


def handover_findings(days: pd.DataFrame, teams: pd.Series, rulebook: Rulebook) -> pd.DataFrame:
    """HO-GAP: outgoing members who clocked out before the incoming shift's first clock-in."""
    w = days.loc[days["worked"], ["employee_id", "date", "shift_start", "shift_end", "clock_in", "clock_out"]].copy()
    if w.empty:
        return empty()
    w["team"] = w["employee_id"].map(teams)
    w = w.dropna(subset=["team"])
    incoming = (w.dropna(subset=["clock_in"]).groupby(["team", "shift_start"])["clock_in"].min()
                .rename("first_in").reset_index().rename(columns={"shift_start": "shift_end"}))
    left = w.dropna(subset=["clock_out"])
    out = left.merge(incoming, on=["team", "shift_end"])
    gap = np.floor((out["first_in"] - out["clock_out"]).dt.total_seconds() / 60.0)
    out = out.loc[gap >= 1].assign(gap=gap[gap >= 1].astype("int64"))
    points = float(rulebook.param("HO-GAP", "points"))
    day = out["date"]
    evidence = say("handover.gap", index=out.index, team=text(out["team"]), at=clock(out["shift_end"], day),
                   out=clock(out["clock_out"], day), first=clock(out["first_in"], day), minutes=out["gap"].astype(str))
    nobody = _nobody_came(days, teams, left, incoming)
    day2 = nobody["date"]
    evidence2 = say("handover.nobody", index=nobody.index, team=text(nobody["team"]),
                    at=clock(nobody["shift_end"], day2), out=clock(nobody["clock_out"], day2))
    tail = sentence("handover.points", points=f"{points:g}") if points else word("handover.record")
    parts = [rows(out["employee_id"], day, "HO-GAP", evidence + tail, points=-abs(points)),
             rows(nobody["employee_id"], day2, "HO-GAP", evidence2 + tail, points=-abs(points))]
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else empty()


def _nobody_came(days: pd.DataFrame, teams: pd.Series, left: pd.DataFrame, incoming: pd.DataFrame) -> pd.DataFrame:
    """Outgoing rows whose incoming shift was scheduled in the team and had no clock-in at all."""
    sched = days.loc[days["shift_start"].notna() & days["outcome"].ne("rest"), ["employee_id", "shift_start"]]
    sched = sched.assign(team=sched["employee_id"].map(teams)).dropna(subset=["team"])
    due = sched[["team", "shift_start"]].drop_duplicates().rename(columns={"shift_start": "shift_end"})
    came = incoming[["team", "shift_end"]].assign(_came=True)
    hit = left.merge(due, on=["team", "shift_end"]).merge(came, on=["team", "shift_end"], how="left")
    return hit.loc[hit["_came"].isna()].drop(columns="_came").reset_index(drop=True)
