"""The month's tables put together: each table's sheets concatenated, times resolved to full
datetimes, agents mapped to roster ids, incident codes to the rulebook's — then the
cross-checks, which need the whole month at once (a duplicate may span two files).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..distinct import lookup_uniques
from ..errors import Problem
from ..rulebook import Rulebook
from ..schema import MANDATORY, TABLES
from . import cross
from .agents import ambiguous_problems, map_agents
from .convert import _absent
from .corrections import check_corrections, resolve_corrections


def empty_table(key: str) -> pd.DataFrame:
    """A typed table with no rows (for an optional table the month lacks)."""
    idx = pd.RangeIndex(0)
    cols: dict[str, pd.Series] = {}
    for col in TABLES[key].columns:
        if col.type == "time_or_datetime":
            cols[f"{col.key}_at"] = pd.Series(pd.NaT, index=idx, dtype="datetime64[ns]")
        cols.update(_absent(col, idx))
    frame = pd.DataFrame(cols, index=idx)
    for c in ("_file", "_sheet"):
        frame[c] = pd.Series(dtype=object)
    frame["_row"] = pd.Series(dtype="int64")
    return frame


def resolve_attendance(att: pd.DataFrame) -> pd.DataFrame:
    """Shift times and punches to full datetimes (ATT-NIGHT, 002 第三十条; see model.py)."""
    att = att.copy()
    date = att["date"]
    start_td, end_td = att["shift_start"], att["shift_end"]
    overnight = end_td.notna() & start_td.notna() & (end_td <= start_td)
    att["shift_start"] = date + start_td
    att["shift_end"] = date + end_td + pd.to_timedelta(overnight.astype(int), unit="D")
    for col in ("clock_in", "clock_out"):
        td, nxt, full = att[col], att[f"{col}_next_day"], att[f"{col}_at"]
        # On an overnight shift a punch in the small hours (before noon, earlier than the
        # start time) belongs to the next calendar day.
        small_hours = overnight & td.notna() & (td < pd.Timedelta(hours=12)) & (td < start_td)
        plus = (nxt | small_hours).astype(int)
        att[col] = (date + td + pd.to_timedelta(plus, unit="D")).where(td.notna(), full)
        att = att.drop(columns=[f"{col}_next_day", f"{col}_at"])
    return att.drop(columns=["shift_start_next_day", "shift_end_next_day"], errors="ignore")


def resolve_leave(lv: pd.DataFrame) -> pd.DataFrame:
    """A date-only leave end means the whole day: stored as the next midnight (exclusive)."""
    lv = lv.copy()
    lv["start_all_day"] = ~lv.pop("start_has_time")
    lv["end_all_day"] = ~lv.pop("end_has_time")
    lv["end"] = lv["end"] + pd.to_timedelta(lv["end_all_day"].astype(int), unit="D")
    return lv

# The columns of the helpdesk's tables that name an agent the helpdesk's way (account, e-mail, name).
AGENT_COLUMNS = {"tickets": ("agent_id", "complained_employee_id"), "qa": ("agent_id",)}


def assemble(folder: Path, month: str, rulebook: Rulebook, parts: dict[str, list[pd.DataFrame]],
              headers: cross.Headers, explained: set[str] | frozenset[str] = frozenset()
              ) -> tuple[dict[str, pd.DataFrame], list[Problem], list[str]]:
    """Concatenate each table's sheets, resolve times, run the cross-checks; a missing table
    whose absence an export already explained (``explained``) is not reported twice."""
    problems: list[Problem] = []
    notes: list[str] = []
    tables: dict[str, pd.DataFrame] = {}
    for key in TABLES:
        tables[key] = pd.concat(parts[key], ignore_index=True) if parts[key] else empty_table(key)
    for key in MANDATORY:
        if not parts[key] and key not in explained:
            problems.append(Problem(str(folder.name), f"缺少“{TABLES[key].label}”表‖the month has no {key} table",
                                    expected=", ".join(c.label for c in TABLES[key].required), table=key,
                                    code="missing_table"))
    tables["incidents"] = _incident_codes(tables["incidents"], rulebook)
    shared: dict[str, set[str]] = {}
    if len(tables["roster"]):
        for key in ("tickets", "qa"):  # accounts, e-mails and names of the helpdesk → 工号
            tables[key], mapped = map_agents(tables[key], tables["roster"], AGENT_COLUMNS[key])
            notes += mapped
            found, values = ambiguous_problems(tables[key], tables["roster"], key, AGENT_COLUMNS[key], headers)
            problems += found
            shared[key] = values
    tables["attendance"] = resolve_attendance(tables["attendance"])
    tables["leave"] = resolve_leave(tables["leave"])
    tables["corrections"] = resolve_corrections(tables["corrections"], rulebook)
    if all(not parts[k] or len(tables[k]) for k in MANDATORY):
        problems += [p for p in cross.check_ids(tables, headers) if p.value not in shared.get(p.table, ())]
        problems += cross.check_duplicates(tables, headers)
        problems += cross.check_dates(tables, month, headers)
        problems += cross.check_orders(tables, rulebook, headers)
        problems += check_corrections(tables, headers)
        tables["leave"], duplicate_notes = cross.leave_duplicates(tables["leave"])
        notes += duplicate_notes
    return tables, problems, notes


def _incident_codes(inc: pd.DataFrame, rulebook: Rulebook) -> pd.DataFrame:
    inc = inc.copy()
    inc["_code_text"] = inc["code"]
    inc["code"] = lookup_uniques(inc["code"], rulebook.incident_code)
    return inc
