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
from . import finding_rows as F
from .finding_rows import clock


def _is_toilet(reason: pd.Series, toilet: list[str]) -> pd.Series:
    text = F.text(reason).str.strip().str.lower()
    return text.eq("") | text.isin([t.strip().lower() for t in toilet])


def length_findings(br: pd.DataFrame, rulebook: Rulebook) -> pd.DataFrame:
    """BRK-LENGTH: one finding per toilet break over the limit, with its excess minutes."""
    P = rulebook.param
    if br.empty:
        return F.empty()
    limit = int(P("BRK-LENGTH", "max_minutes"))
    secs = (br["returned_at"] - br["left_at"]).dt.total_seconds()
    over: pd.Series
    excess: pd.Series  # numpy's stubs type np.ceil/np.floor's result as an array; on a Series it is a Series
    if P("BRK-LENGTH", "over_by_seconds"):
        over = secs > limit * 60
        excess = np.ceil((secs - limit * 60) / 60.0)  # type: ignore[assignment]
    else:
        whole: pd.Series = np.floor(secs / 60.0)  # type: ignore[assignment]
        over = whole > limit
        excess = whole - limit
    hit = over.fillna(False) & _is_toilet(br["reason"], P("BRK-LENGTH", "toilet_reasons"))
    b, secs, excess = br.loc[hit], secs[hit], excess[hit]
    m, s = divmod(secs.astype("int64"), 60)
    day = b["left_at"].dt.normalize()
    evidence = ("离岗 " + clock(b["left_at"], day).fillna("") + "–" + clock(b["returned_at"], day).fillna("")
                + "(" + F.text(b["reason"]).replace("", "未注明原因") + "),共 " + m.astype(str) + " 分 "
                + s.astype(str) + " 秒,超过 " + str(limit) + " 分钟 " + F.num(excess) + " 分钟"
                + ("(按秒计,不足 1 分钟按 1 分钟)" if P("BRK-LENGTH", "over_by_seconds") else "(按整分钟计)"))
    return F.rows(b["employee_id"], day, "BRK-LENGTH", evidence)


def concurrent_findings(br: pd.DataFrame, rulebook: Rulebook) -> pd.DataFrame:
    """BRK-CONCURRENT: breaks started while the post's limit of people away was reached."""
    P = rulebook.param
    b = br.loc[br["left_at"].notna() & br["returned_at"].notna() & br["post"].notna()]
    if b.empty:
        return F.empty()
    size = b.groupby("post")["employee_id"].nunique()
    limit = np.maximum(P("BRK-CONCURRENT", "min_people"),
                       np.floor(P("BRK-CONCURRENT", "max_share") * size + 1e-9)).astype(int)
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
    evidence = ("岗位组 " + F.text(b["post"]) + " " + clock(b["left_at"], day).fillna("") + " 离岗时已有 "
                + before.astype(int).astype(str) + " 人离岗(该岗位 " + b["post"].map(size).astype(str)
                + " 人,同时离岗上限 " + lim.astype(str) + " 人,即 "
                + F.num(pd.Series([P("BRK-CONCURRENT", "max_share") * 100])).iloc[0] + "%、至少 "
                + str(P("BRK-CONCURRENT", "min_people")) + " 人),须等前离岗者返岗")
    return F.rows(b["employee_id"], day, "BRK-CONCURRENT", evidence)
