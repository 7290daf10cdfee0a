"""Service indicators per agent (KPI-SAT … KPI-REOPEN) from the month's tickets.

A big center's month is over a million tickets, so everything here is one vectorised pass:
each rule becomes a numeric column (1 when the ticket counts towards a numerator or a
denominator), and one ``groupby(agent).sum()`` adds them up. A rate whose denominator is
zero is "no data" (NaN), never 0: an agent with no surveyed ticket has no satisfaction rate.
Likewise a ticket from an export without the column an indicator needs (no first-response
column, no 首问解决, no 回访, neither 办结时间 nor a status) counts in no denominator of that
indicator (the reader's ``_has_*`` flags): the rate is empty and its weight rescaled, never 0.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import INDICATOR_RULES, TARGET_INDICATORS, Target
from ..rulebook import Rulebook

CHANNELS = ("phone", "chat", "email", "walkin")
OTHER_CHANNEL_LIMIT = "chat"  # a channel word of no known kind has chat's response limit (inputs.md)

# Summary rate column → (numerator, denominator) among the summed columns below.
RATES = {
    "satisfaction_rate": ("satisfied", "surveyed"),
    "response_rate": ("timely", "response_known"),
    "resolution_rate": ("resolved", "resolution_known"),
    "fcr_rate": ("fcr", "fcr_known"),
    "complaint_handling_rate": ("complaints_closed", "complaints_known"),
    "callback_rate": ("called_back", "callback_known"),
    "reopen_rate": ("reopened", "reopen_known"),
}

# Summary rate column → rule holding its target (the report draws the target line).
TARGET_RULES = {col: INDICATOR_RULES[col] for col in TARGET_INDICATORS}

INDICATOR_COLUMNS = ["tickets", *RATES, "complaints_received", "complaints_per_100",
                     "surveyed", "resolved", "complaint_tickets"]


def targets(rulebook: Rulebook) -> dict[str, Target]:
    """Targets keyed by Summary column: rates as fractions, ``complaints_per_100`` a ceiling."""
    out = {col: Target(rule, float(rulebook.param(rule, "target"))) for col, rule in TARGET_RULES.items()}
    out["complaints_per_100"] = Target("KPI-AGAINST", float(rulebook.param("KPI-AGAINST", "max_per_100")), ceiling=True)
    return out


def _col(t: pd.DataFrame, name: str, fill: object) -> pd.Series:
    """A column of the tickets table, or ``fill`` everywhere when the file lacked it."""
    return t[name] if name in t.columns else pd.Series(fill, index=t.index)


def _within(gap: pd.Series, limit: np.ndarray) -> np.ndarray:
    """``gap.dt.total_seconds() <= limit`` per ticket (a missing gap: False). When every limit is a
    whole number of seconds under 2**24 the timedeltas are compared as they are, which gives the
    same answer without making a million float seconds: those round onto a whole second only
    for gaps beyond 2**24 s (194 days), far above any such limit."""
    if np.all((limit == np.floor(limit)) & (limit >= 0) & (limit < 2**24)):
        return gap.to_numpy() <= limit.astype(np.int64).astype("m8[s]")
    return gap.dt.total_seconds().to_numpy(float) <= limit


def _ticket_parts(t: pd.DataFrame, rulebook: Rulebook, month_end: pd.Timestamp) -> dict[str, np.ndarray | int]:
    """Each summed column of :func:`agent_indicators`, per ticket: 1 where the ticket counts
    towards that numerator or denominator (``tickets`` is 1 for every ticket)."""
    sat = pd.to_numeric(_col(t, "satisfaction", np.nan), errors="coerce").to_numpy(float)
    limits = {ch: float(rulebook.param("KPI-RESP", f"{ch}_seconds")) for ch in CHANNELS}
    other = limits[OTHER_CHANNEL_LIMIT]
    ch_codes, ch_names = pd.factorize(t["channel"])  # a few codes: far faster than .map on 1M rows
    limit = np.append(pd.Series(limits).reindex(ch_names).fillna(other).to_numpy(float), other)[ch_codes]
    created = pd.to_datetime(t["created_at"])
    gap = pd.to_datetime(_col(t, "first_response_at", pd.NaT)) - created
    resolved_at = pd.to_datetime(_col(t, "resolved_at", pd.NaT))
    by_status = _col(t, "status", None).eq("resolved").to_numpy(bool)  # a status counts where no 办结时间
    resolved = np.where(resolved_at.notna().to_numpy(), (resolved_at < month_end).to_numpy(), by_status)
    complaint = (t["ticket_type"] == "complaint").to_numpy(bool)
    known = {k: _col(t, f"_has_{k}", True).to_numpy(bool)
             for k in ("response", "resolution", "fcr", "callback", "reopen", "against")}
    resolved &= known["resolution"]

    return {
        "tickets": 1,
        "surveyed": ~np.isnan(sat),
        "satisfied": sat >= float(rulebook.param("KPI-SAT", "min_rating")),  # NaN → False
        "response_known": known["response"],
        "timely": _within(gap, limit) & known["response"],  # no first response: not timely
        "resolution_known": known["resolution"],
        "resolved": resolved,
        "fcr_known": known["fcr"],
        "fcr": _col(t, "first_contact_resolved", False).fillna(False).to_numpy(bool) & known["fcr"],
        "complaint_tickets": complaint,
        "complaints_known": complaint & known["resolution"],
        "complaints_closed": complaint & resolved,
        "callback_known": resolved & known["callback"],
        "called_back": resolved & known["callback"] & pd.to_datetime(_col(t, "callback_at", pd.NaT)).notna().to_numpy(),
        "reopen_known": known["reopen"],
        "against_known": known["against"],
        "reopened": _col(t, "reopened", False).fillna(False).to_numpy(bool) & known["reopen"],
    }


def agent_indicators(tickets: pd.DataFrame, rulebook: Rulebook,
                     month_end: pd.Timestamp) -> pd.DataFrame:
    """One row per agent id (index ``employee_id``) with INDICATOR_COLUMNS.

    ``month_end`` is the first instant *after* the month: a ticket resolved before it is
    resolved by month end. ``complaints_received`` counts tickets naming the employee in
    ``complained_employee_id`` (any ticket type), so it also covers people who took no
    ticket; their rates stay NaN.
    """
    t = tickets
    if t.empty:  # no ticket file this month: nobody has ticket data
        return pd.DataFrame(columns=INDICATOR_COLUMNS, index=pd.Index([], name="employee_id", dtype=object))
    parts = _ticket_parts(t, rulebook, month_end)
    # groupby(agent).sum() as factorize + bincount: the same sums, three times faster
    agent, agents = pd.factorize(t["agent_id"])  # a missing agent id gets -1: dropped
    keep = agent >= 0
    every = bool(keep.all())  # the usual case: no row to drop, no copy of each column to make
    kept = agent if every else agent[keep]
    sums = pd.DataFrame({k: np.bincount(kept, weights=np.broadcast_to(v, agent.shape) if every
                                        else np.broadcast_to(v, agent.shape)[keep],
                                        minlength=len(agents)).astype(np.int64)
                         for k, v in parts.items()}, index=pd.Index(agents, dtype=object))

    named = _col(t, "complained_employee_id", None).dropna()
    received = named[named.astype(str).str.strip() != ""].value_counts()
    ids = sums.index.union(received.index)
    sums = sums.reindex(ids, fill_value=0)

    out = pd.DataFrame(index=pd.Index(ids, name="employee_id", dtype=object))
    out["tickets"] = sums["tickets"]
    for col, (num, den) in RATES.items():
        out[col] = sums[num] / sums[den].where(sums[den] > 0)
    out["complaints_received"] = received.reindex(ids, fill_value=0).astype(np.int64)
    handled = sums["against_known"]  # tickets from exports that could name a complained-of employee
    out["complaints_per_100"] = 100.0 * out["complaints_received"] / handled.where(handled > 0)
    for col in ("surveyed", "resolved", "complaint_tickets"):
        out[col] = sums[col]
    return out[INDICATOR_COLUMNS]
