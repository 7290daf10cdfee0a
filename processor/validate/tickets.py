"""Finish a tickets sheet read from a helpdesk or call-system export (inputs.md, tickets).

What one sheet's columns say beyond their cells: which indicators the export can give at
all (an absent column is no data, never 0: the ``_has_*`` flags), a creation time from a
date and a time column, a first response from a duration, moments before the creation that
are placeholders, the channel of a call export, and rows without an agent (abandoned calls),
which are nobody's tickets. All vectorised: a month is a million rows.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..read.headers import Match
from ..schema import norm_header
from ..vocab import CALL_HEADERS, NO_AGENT

# Indicator flag → the columns any one of which gives it (KPI-RESP, -RES, -FCR, -CALLBACK, -REOPEN, -AGAINST).
KNOWN = {
    "_has_response": ("first_response_at", "first_response_seconds"),
    "_has_resolution": ("resolved_at", "status"),
    "_has_fcr": ("first_contact_resolved",),
    "_has_callback": ("callback_at",),
    "_has_reopen": ("reopened",),
    "_has_against": ("complained_employee_id",),
}
RULES = {"_has_response": "KPI-RESP", "_has_resolution": "KPI-RES", "_has_fcr": "KPI-FCR",
         "_has_callback": "KPI-CALLBACK", "_has_reopen": "KPI-REOPEN", "_has_against": "KPI-AGAINST"}
LACKING_ZH = {"KPI-RESP": "首次响应", "KPI-RES": "办结时间或状态", "KPI-FCR": "首问解决", "KPI-CALLBACK": "回访时间",
              "KPI-REOPEN": "重新处理", "KPI-AGAINST": "被投诉工号"}
MOMENTS = ("first_response_at", "resolved_at", "callback_at")
_CALL = {norm_header(h) for h in CALL_HEADERS}
_NO_AGENT = {norm_header(w) for w in NO_AGENT}


def no_agent(agent: pd.Series) -> np.ndarray:
    """Rows whose agent is blank or a word naming nobody (未分配, 机器人, ``-``): judged once per
    distinct agent value, then looked up (a month is a million rows but a few hundred agents)."""
    codes, values = pd.factorize(agent)  # a blank agent is code -1, the last entry below
    nobody = np.array([norm_header(v) in _NO_AGENT for v in values] + [True], dtype=bool)
    return nobody[codes]


def is_call_export(match: Match) -> bool:
    """A sheet of call records (通话ID, 来电时间, Call Id …): a blank channel is a phone call."""
    return any(norm_header(h) in _CALL for h in match.headers.values())


def finish_tickets(frame: pd.DataFrame, match: Match, notes: list[str], where: str) -> pd.DataFrame:
    """The typed tickets of one sheet, ready for the indicators; ``where`` names the sheet in notes."""
    cols = match.columns
    if "created_at" not in cols and "created_date" in cols:
        frame["created_at"] = frame["created_date"] + frame["created_time"].fillna(pd.Timedelta(0)) + \
            pd.to_timedelta(frame["created_time_next_day"].astype(int), unit="D")
    frame = frame.drop(columns=["created_date", "created_time", "created_time_next_day"], errors="ignore")
    created = frame["created_at"]
    if "first_response_seconds" in cols:
        derived = created + pd.to_timedelta(frame["first_response_seconds"], unit="s")
        frame["first_response_at"] = frame["first_response_at"].where(frame["first_response_at"].notna(), derived)
    for key in MOMENTS:  # before the ticket was created: a placeholder, not a moment
        frame[key] = frame[key].mask(frame[key] < created)
    blank_channel = frame["channel"].isna()
    if blank_channel.any():
        frame["channel"] = frame["channel"].where(~blank_channel, "phone" if is_call_export(match) else "other")
    for flag, keys in KNOWN.items():
        frame[flag] = np.full(len(frame), any(k in cols for k in keys))
    lacking = [rule for flag, rule in RULES.items() if not frame[flag].iat[0]] if len(frame) else []
    if lacking:
        notes.append(f"{where}: 没有{'、'.join(LACKING_ZH[r] for r in lacking)}列:"
                     f"{'、'.join(lacking)} 无数据(不计 0 分,权重按比例分摊)"
                     f"‖no column for {', '.join(lacking)}: no data (not 0; the weights are rescaled)")
    nobody = no_agent(frame["agent_id"])
    if nobody.any():
        n = int(nobody.sum())
        notes.append(f"{where}: {n} 条工单/通话没有坐席(放弃或仅 IVR 的呼叫),不计入任何人"
                     f"‖{n} tickets or calls have no agent (abandoned or IVR-only): nobody's, not counted")
        frame = frame[~nobody].reset_index(drop=True)
    return frame
