"""Hand-made typed tables for the rules tests, in the contract's dtypes (processor.model).

Each builder takes short rows (dicts, times as text) and returns the DataFrame the validator
would hand over: ids as object str, dates as datetime64[ns] midnight, attendance times
resolved to full datetimes (ATT-NIGHT), yes/no as bool, plus the locator columns
``_file``, ``_sheet``, ``_row``.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from processor.model import Month
from processor.rulebook import Rulebook, load_rulebook
from processor.schema import TABLES

MONTH = "2026-10"


def _frame(key: str, rows: list[dict[str, Any]], extra: tuple[str, ...] = ()) -> pd.DataFrame:
    cols = [c.key for c in TABLES[key].columns] + list(extra)
    data: dict[str, Any] = {}
    for col in TABLES[key].columns:
        values = [r.get(col.key, col.blank_default) for r in rows]
        if col.type in ("date", "datetime", "date_or_datetime", "time", "time_or_datetime"):
            data[col.key] = pd.Series(pd.to_datetime(values), dtype="datetime64[ns]")
        elif col.type == "yesno":
            data[col.key] = pd.Series([bool(v) for v in values], dtype=bool)
        elif col.type in ("number", "score", "satisfaction"):
            data[col.key] = pd.Series([np.nan if v is None else float(v) for v in values], dtype="float64")
        else:
            data[col.key] = pd.Series(values, dtype=object)
    for col in extra:
        data[col] = pd.Series([r.get(col) for r in rows], dtype=object)
    df = pd.DataFrame({c: data[c] for c in cols})
    df["_file"] = pd.Series([f"{key}.xlsx"] * len(df), dtype=object)
    df["_sheet"] = pd.Series([key] * len(df), dtype=object)
    df["_row"] = pd.Series(range(2, len(df) + 2), dtype="int64")
    return df


def roster(*rows: tuple[str, ...] | dict[str, Any]) -> pd.DataFrame:
    """Rows as (employee_id, team, role[, department]) or dicts."""
    out = []
    for r in rows:
        if isinstance(r, dict):
            out.append({"name": f"员工{r['employee_id']}", "department": "客户服务部", **r})
        else:
            emp, team, role, *dept = r
            out.append({"employee_id": emp, "name": f"员工{emp}", "team": team, "role": role,
                        "department": dept[0] if dept else "客户服务部"})
    return _frame("roster", out)


def _at(day: pd.Timestamp, text: str | None, start: str | None, night: bool) -> pd.Timestamp | None:
    if text is None:
        return None
    if len(text) > 10 and text[4] == "-":  # a full datetime
        return pd.Timestamp(text)
    nxt = text.startswith("次日")
    t = pd.Timestamp(f"{day:%Y-%m-%d} {text.replace('次日', '').strip()}")
    if not nxt and night and start is not None:
        nxt = t < pd.Timestamp(f"{day:%Y-%m-%d} {start}") - pd.Timedelta(hours=12)
    return t + pd.Timedelta(days=1) if nxt else t


def day(emp: str, date: str, cin: str | None = "08:25", cout: str | None = "17:35", *,
        shift: str = "day", start: str | None = "08:30", end: str | None = "17:30",
        pre: bool = False) -> dict[str, Any]:
    """One attendance row: times as ``HH:MM[:SS]`` (``次日 02:00`` for the next day)."""
    d = pd.Timestamp(date)
    if shift == "rest":
        start = end = cin = cout = None
    s = _at(d, start, None, False)
    e = _at(d, end, None, False)
    night = s is not None and e is not None and e <= s
    if night:
        e = e + pd.Timedelta(days=1)
    return {"employee_id": emp, "date": d, "shift": shift, "shift_start": s, "shift_end": e,
            "clock_in": _at(d, cin, start, night), "clock_out": _at(d, cout, start, night),
            "pre_approved": pre}


def attendance(*rows: dict[str, Any]) -> pd.DataFrame:
    return _frame("attendance", list(rows))


def leave(*rows: dict[str, Any]) -> pd.DataFrame:
    """Rows with ``start``/``end`` as ``2026-10-05`` (whole day) or ``2026-10-05 08:30``.

    A date-only end is stored as the next midnight with ``end_all_day`` (the contract).
    Defaults: personal leave, approved by 客服主管, requested well ahead, in person.
    """
    out = []
    for r in rows:
        r = {"leave_type": "personal", "approver_role": "客服主管", "in_person": True,
             "requested_at": "2026-09-20 09:00", **r}
        start, end = str(r["start"]), str(r.get("end", r["start"]))
        r["start_all_day"], r["end_all_day"] = len(start) <= 10, len(end) <= 10
        r["start"] = pd.Timestamp(start)
        r["end"] = pd.Timestamp(end) + (pd.Timedelta(days=1) if len(end) <= 10 else pd.Timedelta(0))
        out.append(r)
    df = _frame("leave", out, extra=("start_all_day", "end_all_day"))
    for col in ("start_all_day", "end_all_day"):
        df[col] = df[col].astype(bool)
    return df


def swaps(*rows: dict[str, Any]) -> pd.DataFrame:
    return _frame("swaps", [{"requested_at": "2026-09-20 09:00", **r} for r in rows])


def holidays(*dates: str) -> pd.DataFrame:
    return _frame("holidays", [{"date": d, "name": "国庆节"} for d in dates])


def incidents(*rows: dict[str, Any]) -> pd.DataFrame:
    return _frame("incidents", list(rows))


def breaks(*rows: tuple[str, str, str, str] | dict[str, Any]) -> pd.DataFrame:
    """Rows as (employee_id, post, left_at, returned_at) or dicts (with ``reason``)."""
    out = [r if isinstance(r, dict) else dict(zip(("employee_id", "post", "left_at", "returned_at"), r, strict=True))
           for r in rows]
    return _frame("breaks", out)


def corrections(*rows: dict[str, Any]) -> pd.DataFrame:
    """更正记录 rows as the validator hands them over: punches as ``17:30`` (a bare time, which an
    overnight shift moves to the next morning), ``次日 06:05`` or a full datetime; defaults:
    approved by a 客服主管 at 10:00 the next day, reason 经核实."""
    out = []
    for r in rows:
        d = pd.Timestamp(r["date"])
        r = {"reason": "经核实", "approver_role": "客服主管", "approved_at": d + pd.Timedelta(hours=34), **r}
        for col in ("clock_in", "clock_out"):
            text = r.get(col)
            r[f"{col}_bare"] = text is not None and len(text) <= 8 and not text.startswith("次日")
            r[col] = None if text is None else (pd.Timestamp(text) if len(text) > 10 and text[4] == "-"
                                                else _at(d, text, None, False))
        out.append(r)
    df = _frame("corrections", out, extra=("clock_in_bare", "clock_out_bare"))
    for col in ("clock_in_bare", "clock_out_bare"):
        df[col] = df[col].astype(bool)
    return df


def month(**tables: pd.DataFrame) -> Month:
    """A Month with every table present (absent ones empty, typed)."""
    full = {key: tables.get(key, _frame(key, [])) for key in TABLES}
    if "leave" not in tables:
        full["leave"] = leave()
    return Month(month=MONTH, tables=full)


def rulebook(toml: str | None = None, tmp_path: Any = None) -> Rulebook:
    """The default rulebook, or it with a center's TOML text laid over it."""
    if toml is None:
        return load_rulebook()
    path = tmp_path / "center.toml"
    path.write_text(toml, encoding="utf-8")
    return load_rulebook(path)


# ---------------------------------------------------------------- running and reading results
def run(rb: Rulebook | None = None, **tables: pd.DataFrame):
    """apply_rules on a month of these tables (roster defaults to everyone mentioned, team A)."""
    from processor.rules import apply_rules

    if "roster" not in tables:
        seen: list[str] = []
        for key, df in tables.items():
            for col in TABLES[key].id_columns:
                seen += [v for v in df[col].dropna() if v not in seen]
        tables["roster"] = roster(*[(e, "A", "客服专员") for e in seen])
    return apply_rules(month(**tables), rb or load_rulebook())


def hits(results, rule_id: str, emp: str | None = "*") -> pd.DataFrame:
    """Findings rows of one rule (and one employee, unless ``emp`` is "*")."""
    f = results.findings
    f = f.loc[f["rule_id"].eq(rule_id)]
    if emp != "*":
        f = f.loc[f["employee_id"].isna()] if emp is None else f.loc[f["employee_id"].eq(emp)]
    return f.reset_index(drop=True)


def employee(results, emp: str) -> pd.Series:
    e = results.employees
    return e.loc[e["employee_id"].eq(emp)].iloc[0]


def the_day(results, emp: str, date: str) -> pd.Series:
    d = results.days
    return d.loc[d["employee_id"].eq(emp) & d["date"].eq(pd.Timestamp(date))].iloc[0]
