"""Agents named the helpdesk's way → roster 工号 (inputs.md, tickets.agent_id and qa.agent_id).

Helpdesks name the agent by login account, e-mail or display name, and a 工号 exported as a
number loses its leading zeros (``7312`` for ``07312``). Each distinct value the roster does
not know as a 工号 is looked up by the roster's ``account``, then ``email`` (case ignored),
then a name no two employees share, then its digits without leading zeros when that is
unique (with a note). A value none of these finds stays as written: the id cross-check
names it. Lookups run over distinct values only: a million tickets have a few hundred agents.
"""
from __future__ import annotations

from functools import partial

import pandas as pd

from ..distinct import lookup_uniques


def _unique_map(keys: pd.Series, ids: pd.Series) -> dict[str, str]:
    """Key → employee id, keys two employees share left out (they identify nobody)."""
    k = keys.astype("string").str.strip().str.lower()
    pairs = pd.DataFrame({"k": k, "id": ids}).dropna()
    pairs = pairs[pairs["k"] != ""].drop_duplicates()
    pairs = pairs[~pairs["k"].duplicated(keep=False)]
    return dict(zip(pairs["k"], pairs["id"]))


def _digits(s: pd.Series) -> pd.Series:
    t = s.astype("string").str.strip()
    return t.where(t.str.fullmatch(r"\d+").fillna(False)).str.lstrip("0")


def agent_lookup(roster: pd.DataFrame) -> list[tuple[str, dict[str, str]]]:
    """(how, key → 工号) in the order they are tried."""
    ids = roster["employee_id"]
    out = []
    for col, how in (("account", "账号‖account"), ("email", "邮箱‖e-mail"), ("name", "姓名‖name")):
        if col in roster:
            out.append((how, _unique_map(roster[col], ids)))
    out.append(("去掉前导零的工号‖id without its leading zeros", _unique_map(_digits(ids), ids)))
    return out


def map_agents(frame: pd.DataFrame, roster: pd.DataFrame, columns: tuple[str, ...]) -> tuple[pd.DataFrame, list[str]]:
    """``frame`` with its agent columns mapped to roster ids, and notes saying what was mapped."""
    if frame.empty or roster.empty:
        return frame, []
    known = set(roster["employee_id"].dropna())
    lookups = agent_lookup(roster)
    notes: list[str] = []
    for col in columns:
        if col not in frame:
            continue
        values = pd.Series(list(frame[col].dropna().unique()), dtype=object)
        unknown = values[~values.isin(known)] if len(values) else values
        if unknown.empty:
            continue
        mapping: dict[str, str] = {}
        for how, table in lookups:
            todo = unknown[[v not in mapping for v in unknown]]
            keys = _digits(todo) if how.startswith("去掉") else todo.astype("string").str.strip().str.lower()
            hits = {v: table[k] for v, k in zip(todo, keys) if isinstance(k, str) and k in table}
            if hits:
                shown = "、".join(f"{v} → {e}" for v, e in list(hits.items())[:5])
                more = f" 等 {len(hits)} 个" if len(hits) > 5 else ""
                zh, en = how.split("‖")
                notes.append(f"{col}: 按员工名册的{zh}对应到工号:{shown}{more}‖mapped to roster ids by {en}: {shown}")
            mapping.update(hits)
        if mapping:
            frame = frame.assign(**{col: lookup_uniques(frame[col], partial(_mapped, mapping))})
    return frame, notes


def _mapped(mapping: dict, value: object) -> object:
    """``value`` as the roster's id when the mapping knows it, else unchanged."""
    return mapping.get(value, value)
