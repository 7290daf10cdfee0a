"""Reading the ledger: each (center, month)'s current figures, for APR-COACH, the trend, the
annual appraisal and the group view. Every reader names its center, so a center never sees
another's rows in a shared ledger."""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from ..errors import UsageError
from ..model import GRADES
from . import tables as t
from .connect import guard
from .migrate import DEFAULT_CENTER
from .rows import totals


def _frame(engine: sa.Engine, query: sa.Select) -> pd.DataFrame:
    with guard(engine), engine.connect() as conn:
        result = conn.execute(query)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _in_year(column: sa.ColumnElement, year: int) -> sa.ColumnElement:
    return sa.and_(column >= f"{year:04d}-01", column <= f"{year:04d}-12")


def centers(engine: sa.Engine) -> list[str]:
    """The centers the ledger holds months of, in order."""
    with guard(engine), engine.connect() as conn:
        return list(conn.scalars(sa.select(t.months.c.center).distinct().order_by(t.months.c.center)))


def resolve_center(engine: sa.Engine, center: str | None) -> str:
    """``center`` when given; else the ledger's only center (or the default one when it holds none).
    A ledger of several centers needs ``--center``: guessing would read another center's months."""
    if center:
        return center
    held = centers(engine)
    if len(held) > 1:
        raise UsageError(f"台账中有多个中心({', '.join(held)}):请用 --center 指定"
                         f"‖the ledger holds several centers ({', '.join(held)}): give --center")
    return held[0] if held else DEFAULT_CENTER


def history(engine: sa.Engine, before_month: str, year: int | None = None,
            center: str = DEFAULT_CENTER) -> pd.DataFrame:
    """Months before ``before_month`` (only of ``year`` when given), for APR-COACH:
    month, employee_id, grade, qa_score, coaching."""
    q = t.current(center).subquery()
    query = sa.select(q.c.month, q.c.employee_id, q.c.grade, q.c.qa_score, q.c.coaching).where(q.c.month < before_month)
    if year is not None:
        query = query.where(_in_year(q.c.month, year))
    return _frame(engine, query.order_by(q.c.month, q.c.employee_id))


def months(engine: sa.Engine, year: int, center: str = DEFAULT_CENTER) -> list[str]:
    """The months of ``year`` the ledger holds a run for, in order."""
    m = t.months.c
    with guard(engine), engine.connect() as conn:
        return list(conn.scalars(sa.select(m.month).where(m.center == center, _in_year(m.month, year))
                                 .order_by(m.month)))


def year_results(engine: sa.Engine, year: int, center: str = DEFAULT_CENTER) -> pd.DataFrame:
    """Every current row of ``year`` (all Summary keys plus center, month and coaching)."""
    q = t.current(center).subquery()
    return _frame(engine, sa.select(q).where(_in_year(q.c.month, year)).order_by(q.c.month, q.c.employee_id))


TREND_COLUMNS = ["month", "employees", "mean_score", "fines_total", *GRADES]


def trend(engine: sa.Engine, upto_month: str, current: pd.DataFrame | None = None,
          center: str = DEFAULT_CENTER) -> pd.DataFrame:
    """Per month up to ``upto_month``: employees, mean_score (of appraised), fines_total and grade
    counts, from each month's current revision. With ``current`` (that month's Summary, not yet
    recorded) it stands for ``upto_month``."""
    r, m = t.revisions.c, t.months.c
    last = m.month < upto_month if current is not None else m.month <= upto_month
    query = (sa.select(m.month, *(getattr(r, c) for c in TREND_COLUMNS[1:]))
             .select_from(t.months.join(t.revisions, r.revision_id == m.revision_id))
             .where(m.center == center, last).order_by(m.month))
    frame = _frame(engine, query)
    if current is not None:
        now = {k: v for k, v in totals(current).items() if k in TREND_COLUMNS}
        frame = pd.concat([frame.astype({"mean_score": float}), pd.DataFrame([{"month": upto_month, **now}])],
                          ignore_index=True)
    return frame[TREND_COLUMNS]


def month_rows(engine: sa.Engine, month: str) -> pd.DataFrame:
    """Every center's current rows of ``month`` (the group view)."""
    q = t.current().subquery()
    return _frame(engine, sa.select(q).where(q.c.month == month).order_by(q.c.center, q.c.employee_id))


def center_trend(engine: sa.Engine, year: int) -> pd.DataFrame:
    """Each center's months of ``year``: center, month and the revision totals (the group trend)."""
    r, m = t.revisions.c, t.months.c
    query = (sa.select(m.center, m.month, *(getattr(r, c) for c in TREND_COLUMNS[1:]))
             .select_from(t.months.join(t.revisions, r.revision_id == m.revision_id))
             .where(_in_year(m.month, year)).order_by(m.center, m.month))
    return _frame(engine, query)
