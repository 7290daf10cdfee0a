"""Hand-made months for the scoring and ledger tests, typed as processor.model says.

Every table of the schema exists (empty when a test does not fill it), ids are object
columns of str, datetimes datetime64[ns], yes/no bool and numbers float64, so the scorer
sees exactly what the reader and validator will hand it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from processor.model import EMPLOYEE_ATTENDANCE_COLUMNS, FINDING_COLUMNS, Month, RuleResults
from processor.schema import TABLES

DTYPES = {"date": "datetime64[ns]", "datetime": "datetime64[ns]", "date_or_datetime": "datetime64[ns]",
          "time": "datetime64[ns]", "time_or_datetime": "datetime64[ns]", "yesno": bool,
          "number": float, "score": float, "satisfaction": float}


def table(key: str, rows: list[dict] | None = None) -> pd.DataFrame:
    """A typed table of the schema; columns a row leaves out take the column's blank value."""
    cols = TABLES[key].columns
    data = {}
    for c in cols:
        values = [r.get(c.key, c.blank_default) for r in rows or []]
        raw = pd.Series(values, dtype=object)
        dtype = DTYPES.get(c.type, object)
        if dtype == "datetime64[ns]":
            raw = pd.to_datetime(raw)
        data[c.key] = raw.astype(dtype)
    return pd.DataFrame(data)


def person(eid: str, dept: str = "客户服务部", team: str = "T1", role: str = "客服专员", name: str = "") -> dict:
    return {"employee_id": eid, "name": name or f"员工{eid}", "department": dept, "team": team, "role": role}


def month(name: str = "2026-10", **tables: list[dict]) -> Month:
    """A Month holding the given tables (lists of row dicts); the others empty."""
    return Month(month=name, tables={key: table(key, tables.get(key)) for key in TABLES})


def attendance_row(eid: str, **over: object) -> dict:
    row = {"employee_id": eid, "late_count": 0, "early_count": 0, "late_minutes": 0, "early_minutes": 0,
           "excused_count": 0, "absence_days": 0, "missing_punches": 0, "leave_days": 0,
           "worked_shifts": 20, "prep_on_time": 20, "prep_rate": 1.0, "deemed_resignation_date": pd.NaT,
           "fines_total": 0.0, "points": 0.0, "veto": "", "veto_date": pd.NaT}
    row.update(over)
    return row


def results(roster: list[dict], **employees: dict) -> RuleResults:
    """RuleResults with one clean attendance row per roster employee, overridden per id."""
    rows = [attendance_row(p["employee_id"], **employees.get(p["employee_id"], {})) for p in roster]
    emp = pd.DataFrame(rows, columns=EMPLOYEE_ATTENDANCE_COLUMNS)
    emp["employee_id"] = emp["employee_id"].astype(object)
    emp["veto"] = emp["veto"].astype(object)
    for col in ("deemed_resignation_date", "veto_date"):
        emp[col] = pd.to_datetime(emp[col]).astype("datetime64[ns]")
    findings = pd.DataFrame({c: pd.Series(dtype=object) for c in FINDING_COLUMNS})
    return RuleResults(days=pd.DataFrame(), findings=findings, employees=emp,
                       leave=pd.DataFrame(), swaps=pd.DataFrame())


def ticket(agent: str, n: int, created: str = "2026-10-05 10:00:00", **over: object) -> dict:
    """A phone inquiry answered in 5 s, resolved the same day at first contact, not surveyed."""
    t0 = pd.Timestamp(created)
    row = {"ticket_id": f"{agent}-{n}", "agent_id": agent, "channel": "phone", "ticket_type": "inquiry",
           "created_at": t0, "first_response_at": t0 + pd.Timedelta(seconds=5),
           "resolved_at": t0 + pd.Timedelta(hours=1), "first_contact_resolved": True,
           "satisfaction": np.nan, "callback_at": pd.NaT, "reopened": False,
           "complained_employee_id": None, "customer_phone": "13800000000"}
    row.update(over)
    return row


def qa_rows(agent: str, *scores: float, fatal: tuple[bool, ...] = ()) -> list[dict]:
    return [{"agent_id": agent, "date": "2026-10-10", "score": s,
             "fatal_error": fatal[i] if i < len(fatal) else False} for i, s in enumerate(scores)]


def rating(eid: str, attitude: float, ability: float, teamwork: float) -> dict:
    return {"employee_id": eid, "attitude": attitude, "ability": ability, "teamwork": teamwork}
