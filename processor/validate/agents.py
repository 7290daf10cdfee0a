"""Agents named the helpdesk's way → roster 工号 (inputs.md, tickets.agent_id and qa.agent_id).

Helpdesks name the agent by login account, e-mail or display name, and a 工号 exported as a
number loses its leading zeros (``7312`` for ``07312``). Each distinct value the roster does
not know as a 工号 is looked up by the roster's ``account``, then ``email`` (case ignored),
then a name no two employees share, then the one 工号 written within it (``张三(04712)``,
``04712-张三``), then its digits without leading zeros when that is unique (with a note).
A value none of these finds stays as written: the id cross-check names it, unless two roster
employees share it (the same name, account, e-mail or digits): then :func:`ambiguous_problems`
says who they are and what to do instead. Lookups run over distinct values only: a million
tickets have a few hundred agents.
"""
from __future__ import annotations

from functools import partial

import pandas as pd

from ..distinct import lookup_uniques
from ..errors import Problem
from ..schema import TABLES
from .cross import Headers, _where

# lookup → (what the roster column is called in a message, zh ‖ en)
_KEY_NAMES = {"account": "账号‖account", "email": "邮箱‖e-mail", "name": "姓名‖name",
              "digits": "去掉前导零的工号‖id without leading zeros"}


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


def _shared(keys: pd.Series, ids: pd.Series) -> dict[str, list[str]]:
    """Key → the employee ids sharing it, for keys two or more employees share."""
    k = keys.astype("string").str.strip().str.lower()
    pairs = pd.DataFrame({"k": k, "id": ids}).dropna()
    pairs = pairs[pairs["k"] != ""].drop_duplicates()
    pairs = pairs[pairs["k"].duplicated(keep=False)]
    return {str(key): sorted(map(str, grp)) for key, grp in pairs.groupby("k", sort=False)["id"]}


def shared_keys(roster: pd.DataFrame) -> list[tuple[str, dict[str, list[str]]]]:
    """(lookup, key → ids) for the roster's names, accounts, e-mails and digit-ids that two
    or more employees share: such a key identifies nobody."""
    ids = roster["employee_id"]
    out = [(col, _shared(roster[col], ids)) for col in ("account", "email", "name") if col in roster]
    out.append(("digits", _shared(_digits(ids), ids)))
    return [(how, table) for how, table in out if table]


def agent_lookup(roster: pd.DataFrame) -> list[tuple[str, dict[str, str]]]:
    """(how, key → 工号) in the order they are tried."""
    ids = roster["employee_id"]
    out = []
    for col, how in (("account", "账号‖account"), ("email", "邮箱‖e-mail"), ("name", "姓名‖name")):
        if col in roster:
            out.append((how, _unique_map(roster[col], ids)))
    own = ids.dropna().astype(str)
    out.append(("文字中的工号‖the id within the text", dict(zip(own, own))))
    out.append(("去掉前导零的工号‖id without its leading zeros", _unique_map(_digits(ids), ids)))
    return out


def _embedded(s: pd.Series) -> pd.Series:
    """The one run of 3 or more digits in a text such as ``张三(04712)`` or ``04712-张三``; NA
    when there is none or more than one."""
    t = s.astype("string").str.strip()
    runs = t.str.count(r"(?<!\d)\d{3,}(?!\d)")
    return t.str.extract(r"(?<!\d)(\d{3,})(?!\d)", expand=False).where(runs == 1)


def _keys(how: str, values: pd.Series) -> pd.Series:
    if how.startswith("去掉"):
        return _digits(values)
    if how.startswith("文字"):
        return _embedded(values)
    return values.astype("string").str.strip().str.lower()


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
            keys = _keys(how, todo)
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


def ambiguous_problems(frame: pd.DataFrame, roster: pd.DataFrame, table: str, columns: tuple[str, ...],
                       headers: Headers) -> tuple[list[Problem], set[str]]:
    """One located problem per agent value (still not a 工号 after :func:`map_agents`) that two
    or more roster employees share, naming them and what to do; and those values, whose
    generic "not in the roster" problems they replace."""
    shared = shared_keys(roster) if len(frame) and len(roster) else []
    if not shared:
        return [], set()
    known = set(roster["employee_id"].dropna())
    out: list[Problem] = []
    values: set[str] = set()
    for col in (c for c in columns if c in frame):
        v = frame[col]
        bad = v.notna() & ~v.isin(known)
        if not bad.any():
            continue
        uniques = pd.Series(v[bad].unique(), dtype=object)
        for how, keys in shared:
            probe = _digits(uniques) if how == "digits" else uniques.astype("string").str.strip().str.lower()
            for value, key in zip(uniques, probe):
                if isinstance(key, str) and key in keys and value not in values:
                    values.add(value)
                    out.append(_ambiguous(frame[bad & v.eq(value)], table, col, value, how, keys[key], headers))
    return out, values


def _ambiguous(rows: pd.DataFrame, table: str, col: str, value: str, how: str, ids: list[str],
               headers: Headers) -> Problem:
    first = rows.sort_values(["_file", "_sheet", "_row"]).iloc[0].to_dict()
    label, letter = _where(headers, first, table, col)
    zh, en = _KEY_NAMES[how].split("‖")
    same = "、".join(ids)
    message = (f"员工名册中有 {len(ids)} 人的{zh}都是“{value}”(工号 {same}),无法判断{TABLES[table].label}中的"
               f"“{value}”是谁:请在导出中改用工号,或在员工名册中填写“账号”或“邮箱”列,使每人各不相同(共 {len(rows)} 行)"
               f"‖{len(ids)} roster employees share the {en} {value} (ids {', '.join(ids)}): give the 工号 in the "
               f"export, or fill the roster's account or email column so that each person differs; {len(rows)} row(s)")
    return Problem(first["_file"], message, first["_sheet"], int(first["_row"]), label, letter, str(value),
                   "唯一对应一名员工的工号、账号、邮箱或姓名‖a 工号, or an account, e-mail or name of one employee", table,
                   "ambiguous_agent")
