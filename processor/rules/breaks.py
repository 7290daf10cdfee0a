"""Breaks away from the seat (离岗, 002 第四十七条(一)1) — only where a break log is supplied.

BRK-LENGTH: a toilet break (reason blank or one of ``toilet_reasons``) lasts at most 5
minutes. Minutes are whole minutes, floor(seconds / 60), as for late and early (rules.md
conventions): 5:00 and 5:59 are 5 minutes and fine, 6:00 is over by 1. A center that reads
"5 minutes" to the second sets ``over_by_seconds = true``: then 5:01 is over, and the
excess is reported in started minutes (5:01 → 1).

BRK-CONCURRENT: a post's size is the number of distinct employees seen on it in the month's
log (the roster has no post column); the limit is max(min_people, floor(max_share × size)).
An event sweep per post (returns sorted before departures at the same instant, so leaving
as the previous person returns is waiting correctly) counts who is away when each break
starts; a break that starts while the limit was already reached is a finding.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..rulebook import Rulebook
from ..words import say, word
from .finding_rows import clock, empty, num, rows, text


def _is_toilet(reason: pd.Series, toilet: list[str]) -> pd.Series:
    said = text(reason).str.strip().str.lower()
    return said.eq("") | said.isin([t.strip().lower() for t in toilet])


def length_findings(br: pd.DataFrame, rulebook: Rulebook) -> pd.DataFrame:
    """BRK-LENGTH: one finding per toilet break over the limit, with its excess minutes."""
    param = rulebook.param
    if br.empty:
        return empty()
    limit = int(param("BRK-LENGTH", "max_minutes"))
    by_second = bool(param("BRK-LENGTH", "over_by_seconds"))
    secs = (br["returned_at"] - br["left_at"]).dt.total_seconds()
    over: pd.Series
    excess: pd.Series  # numpy's stubs type np.ceil/np.floor's result as an array; on a Series it is a Series
    if by_second:
        over = secs > limit * 60
        excess = np.ceil((secs - limit * 60) / 60.0)  # type: ignore[assignment]
    else:
        whole: pd.Series = np.floor(secs / 60.0)  # type: ignore[assignment]
        over = whole > limit
        excess = whole - limit
    hit = over.fillna(False) & _is_toilet(br["reason"], param("BRK-LENGTH", "toilet_reasons"))
    b, secs, excess = br.loc[hit], secs[hit], excess[hit]
    m, s = divmod(secs.astype("int64"), 60)
    day = b["left_at"].dt.normalize()
    evidence = say("break.length", index=b.index, start=clock(b["left_at"], day), end=clock(b["returned_at"], day),
                   reason=text(b["reason"]).replace("", word("break.no_reason")), minutes=m.astype(str),
                   seconds=s.astype(str), limit=str(limit), excess=num(excess))
    evidence = evidence + word("break.by_second" if by_second else "break.by_minute")
    return rows(b["employee_id"], day, "BRK-LENGTH", evidence)


def concurrent_findings(br: pd.DataFrame, rulebook: Rulebook) -> pd.DataFrame:
    """BRK-CONCURRENT: breaks started while the post's limit of people away was reached."""
    param = rulebook.param
    b = br.loc[br["left_at"].notna() & br["returned_at"].notna() & br["post"].notna()]
    if b.empty:
        return empty()
    size = b.groupby("post")["employee_id"].nunique()
    limit = np.maximum(param("BRK-CONCURRENT", "min_people"),
                       np.floor(param("BRK-CONCURRENT", "max_share") * size + 1e-9)).astype(int)
    n = len(b)
    ev = pd.DataFrame({
        "post": np.concatenate([b["post"].to_numpy(), b["post"].to_numpy()]),
        "t": np.concatenate([b["returned_at"].to_numpy(), b["left_at"].to_numpy()]),
        "kind": np.repeat([0, 1], n),  # 0 = return (first at a tie), 1 = departure
        "delta": np.repeat([-1, 1], n),
        "brk": np.concatenate([b.index.to_numpy(), b.index.to_numpy()]),
    })
    ev["emp"] = ev["brk"].map(b["employee_id"])
    ev = ev.sort_values(["post", "t", "kind", "emp", "brk"], kind="stable")
    ev["away"] = ev.groupby("post")["delta"].cumsum()
    starts = ev.loc[ev["kind"].eq(1)].set_index("brk")
    before = (starts["away"] - 1).reindex(b.index)
    lim = b["post"].map(limit)
    hit = before >= lim
    b, before, lim = b.loc[hit], before[hit], lim[hit]
    day = b["left_at"].dt.normalize()
    evidence = say("break.concurrent", index=b.index, post=text(b["post"]), at=clock(b["left_at"], day),
                   away=before.astype(int).astype(str), size=b["post"].map(size).astype(str), limit=lim.astype(str),
                   share=num(pd.Series([param("BRK-CONCURRENT", "max_share") * 100])).iloc[0],
                   least=str(param("BRK-CONCURRENT", "min_people")))
    return rows(b["employee_id"], day, "BRK-CONCURRENT", evidence)
