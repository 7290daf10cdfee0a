"""The ledger: every scored month's Summary rows in a database, for trends, APR-COACH and APR-ANNUAL.

SQLAlchemy Core with portable constructs only, so the same code serves the default SQLite
file and a PostgreSQL ledger shared by several centers. Re-running a month replaces that
month in one transaction (delete, then one executemany insert), so a reader never sees half
a month and other months are never touched.
"""
from __future__ import annotations

import dataclasses
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa

from ..model import SUMMARY_COLUMNS

TEXT_COLUMNS = ("employee_id", "name", "department", "team", "role", "grade", "flags")
DATE_COLUMNS = ("deemed_resignation_date",)
GRADES = ("excellent", "good", "pass", "fail")
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

metadata = sa.MetaData()

runs = sa.Table(
    "runs", metadata,
    sa.Column("month", sa.String(7), primary_key=True),
    sa.Column("run_at", sa.DateTime, nullable=False),
    sa.Column("version", sa.String(32), nullable=False),
    sa.Column("rulebook_sha256", sa.String(64), nullable=False),
    sa.Column("inputs", sa.JSON, nullable=False),  # {path: sha256} or [{path, sha256, tables, note}]
    sa.Column("lang", sa.String(8), nullable=False),
)


def _summary_column(key: str) -> sa.Column:
    if key in TEXT_COLUMNS:
        return sa.Column(key, sa.String(64) if key == "employee_id" else sa.String(), primary_key=key == "employee_id")
    if key in DATE_COLUMNS:
        return sa.Column(key, sa.Date)
    return sa.Column(key, sa.Float)


monthly_results = sa.Table(
    "monthly_results", metadata,
    sa.Column("month", sa.String(7), sa.ForeignKey("runs.month"), primary_key=True),
    *(_summary_column(k) for k in SUMMARY_COLUMNS),
    sa.Column("coaching", sa.Boolean, nullable=False),  # on the APR-COACH list that month
)


def open_ledger(url: str) -> sa.Engine:
    """An engine on the ledger at ``url``, its tables created when missing."""
    engine = sa.create_engine(url, hide_parameters=True)  # no employee data in error messages or logs
    if engine.url.get_backend_name() == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        Path(engine.url.database).parent.mkdir(parents=True, exist_ok=True)
    metadata.create_all(engine)
    return engine


def _plain(value: Any, kind: str) -> Any:
    """A Python value for the driver: NaN/NaT/None → None, numpy scalars → float/str/date."""
    if kind == "bool":
        return bool(value) if not _missing(value) else False
    if _missing(value):
        return None
    if kind == "text":
        return str(value)
    if kind == "date":
        return pd.Timestamp(value).date()
    return float(value)


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _rows(month: str, summary: pd.DataFrame) -> list[dict[str, Any]]:
    frame = summary if "coaching" in summary else summary.assign(coaching=False)  # score_month sets it
    kinds = {k: "text" if k in TEXT_COLUMNS else "date" if k in DATE_COLUMNS else "float"
             for k in SUMMARY_COLUMNS}
    kinds["coaching"] = "bool"
    columns = {k: [_plain(v, kind) for v in frame[k].tolist()] for k, kind in kinds.items()}
    return [{"month": month, **dict(zip(columns, values))} for values in zip(*columns.values())]


def _run_row(month: str, run: dict[str, Any]) -> dict[str, Any]:
    run_at = run.get("run_at") or datetime.now()
    inputs = run.get("inputs", {})
    if not isinstance(inputs, dict):
        inputs = [dataclasses.asdict(f) if dataclasses.is_dataclass(f) else dict(f) for f in inputs]
    return {"month": month, "run_at": datetime.fromisoformat(run_at) if isinstance(run_at, str) else run_at,
            "version": str(run.get("version", "")), "rulebook_sha256": str(run.get("rulebook_sha256", "")),
            "inputs": inputs, "lang": str(run.get("lang", "zh"))}


def record_month(engine: sa.Engine, month: str, summary: pd.DataFrame, run: dict[str, Any]) -> None:
    """Replace ``month`` in the ledger with ``summary`` (SUMMARY_COLUMNS rows) in one transaction.

    ``run`` holds run_at (datetime or ISO text; default now), version, rulebook_sha256,
    inputs ({path: sha256}, or InputFile records) and lang.
    """
    if not MONTH.match(month):
        raise ValueError(f"month must be YYYY-MM, got {month!r}")
    rows = _rows(month, summary)
    with engine.begin() as conn:
        conn.execute(sa.delete(monthly_results).where(monthly_results.c.month == month))
        conn.execute(sa.delete(runs).where(runs.c.month == month))
        conn.execute(sa.insert(runs), [_run_row(month, run)])
        if rows:
            conn.execute(sa.insert(monthly_results), rows)


def _frame(engine: sa.Engine, query: sa.Select) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(query)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _in_year(column: sa.ColumnElement, year: int) -> sa.ColumnElement:
    return sa.and_(column >= f"{year:04d}-01", column <= f"{year:04d}-12")


def history(engine: sa.Engine, before_month: str, year: int | None = None) -> pd.DataFrame:
    """Months before ``before_month`` (only of ``year`` when given), for APR-COACH:
    month, employee_id, grade, qa_score, coaching."""
    r = monthly_results.c
    query = sa.select(r.month, r.employee_id, r.grade, r.qa_score, r.coaching).where(r.month < before_month)
    if year is not None:
        query = query.where(_in_year(r.month, year))
    return _frame(engine, query.order_by(r.month, r.employee_id))


def months(engine: sa.Engine, year: int) -> list[str]:
    """The months of ``year`` the ledger holds a run for, in order."""
    with engine.connect() as conn:
        return list(conn.scalars(sa.select(runs.c.month).where(_in_year(runs.c.month, year)).order_by(runs.c.month)))


def year_results(engine: sa.Engine, year: int) -> pd.DataFrame:
    """Every ledger row of ``year`` (all Summary keys plus month and coaching)."""
    r = monthly_results.c
    return _frame(engine, sa.select(monthly_results).where(_in_year(r.month, year)).order_by(r.month, r.employee_id))


def _month_figures(month: str, summary: pd.DataFrame) -> dict[str, Any]:
    """One trend row computed from a Summary not yet in the ledger (this month, before recording)."""
    grade = summary["grade"]
    return {"month": month, "employees": len(summary),
            "mean_score": _plain(pd.to_numeric(summary["total_score"], errors="coerce").mean(), "float"),
            "fines_total": float(pd.to_numeric(summary["fines_total"], errors="coerce").sum()),
            **{g: int(grade.eq(g).sum()) for g in GRADES}}


def trend(engine: sa.Engine, upto_month: str, current: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per month up to ``upto_month``: employees, mean_score (of appraised), fines_total and grade
    counts. With ``current`` (that month's Summary, not yet recorded) it stands for ``upto_month``."""
    r = monthly_results.c
    counts = [sa.cast(sa.func.sum(sa.case((r.grade == g, 1), else_=0)), sa.Integer).label(g) for g in GRADES]
    last = r.month < upto_month if current is not None else r.month <= upto_month
    query = (sa.select(r.month, sa.func.count().label("employees"),
                       sa.cast(sa.func.avg(r.total_score), sa.Float).label("mean_score"),
                       sa.cast(sa.func.sum(r.fines_total), sa.Float).label("fines_total"), *counts)
             .where(last).group_by(r.month).order_by(r.month))
    frame = _frame(engine, query)
    if current is not None:
        frame = pd.concat([frame, pd.DataFrame([_month_figures(upto_month, current)])], ignore_index=True)
    return frame
