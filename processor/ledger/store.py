"""Writing the ledger: a run becomes a revision; `close` marks the one payroll used.

Each run adds a revision of its (center, month) — its facts, totals and every employee's
figures — and points the month at it, in one transaction: a reader sees the month before or
after, never half of it. The pointer is an upsert on the (center, month) row, which is also the
lock two concurrent runs of the same month queue on; runs of other months or centers touch no
common row. Nothing here updates or deletes a revision's rows, so a closed revision stays as
payroll used it (``close`` only stamps ``closed_at`` on a revision that has none).
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa

from ..errors import UsageError
from ..model import GRADES
from . import tables as t
from .connect import guard, write_tx
from .migrate import DEFAULT_CENTER
from .rows import result_rows, revision_row

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _check_month(month: str) -> None:
    if not MONTH.match(month):
        raise ValueError(f"month must be YYYY-MM, got {month!r}")


def _point(conn: sa.Connection, center: str, month: str, revision_id: int) -> None:
    """Make ``revision_id`` the month's current revision (insert or update the one row)."""
    values = {"center": center, "month": month, "revision_id": revision_id}
    name = conn.dialect.name
    if name in ("sqlite", "postgresql"):
        from sqlalchemy.dialects import postgresql, sqlite

        insert = (sqlite.insert if name == "sqlite" else postgresql.insert)(t.months).values(**values)
        conn.execute(insert.on_conflict_do_update(index_elements=["center", "month"],
                                                  set_={"revision_id": insert.excluded.revision_id}))
        return
    m = t.months.c  # another database: lock the row when it is there, else insert it
    found = conn.execute(sa.select(m.month).where(m.center == center, m.month == month).with_for_update()).first()
    if found:
        conn.execute(sa.update(t.months).where(m.center == center, m.month == month).values(revision_id=revision_id))
    else:
        conn.execute(sa.insert(t.months).values(**values))


def record_month(engine: sa.Engine, month: str, summary: pd.DataFrame, run: dict[str, Any],
                 center: str = DEFAULT_CENTER) -> int:
    """Add a revision of (``center``, ``month``) holding ``summary`` (SUMMARY_COLUMNS rows) and make
    it the month's current one, in one transaction; return its revision id.

    ``run`` holds run_at (datetime or ISO text; default now), version, rulebook_sha256,
    inputs ({path: sha256}, or InputFile records) and lang.
    """
    _check_month(month)
    with write_tx(engine) as conn:
        key = conn.execute(sa.insert(t.revisions).values(revision_row(center, month, run, summary))).inserted_primary_key
        assert key is not None  # a one-row INSERT always tells its key
        revision_id = key[0]
        rows = result_rows(revision_id, summary)
        if rows:
            conn.execute(sa.insert(t.results), rows)
        _point(conn, center, month, revision_id)
    return int(revision_id)


def close_month(engine: sa.Engine, month: str, center: str = DEFAULT_CENTER,
                now: datetime | None = None) -> tuple[int, bool]:
    """Mark the month's current revision as the one payroll used; return (revision id, newly closed).

    Closing again after a re-run closes the newer revision too (the adjustments were paid); the
    earlier closed revision keeps its stamp.
    """
    _check_month(month)
    m, r = t.months.c, t.revisions.c
    with write_tx(engine) as conn:
        row = conn.execute(sa.select(m.revision_id, m.closed_revision_id)
                           .where(m.center == center, m.month == month).with_for_update()).first()
        if row is None:
            raise UsageError(f"台账中没有 {center} 的 {month}:请先运行该月‖the ledger holds no {month} of {center}: run it first")
        if row.closed_revision_id == row.revision_id:
            return int(row.revision_id), False
        conn.execute(sa.update(t.revisions).where(r.revision_id == row.revision_id, r.closed_at.is_(None))
                     .values(closed_at=now or datetime.now().replace(microsecond=0)))
        conn.execute(sa.update(t.months).where(m.center == center, m.month == month)
                     .values(closed_revision_id=row.revision_id))
    return int(row.revision_id), True


REVISION_COLUMNS = ["revision", "revision_id", "run_at", "run_by", "version", "rulebook_sha256", "inputs_sha256",
                    "employees", "graded", *GRADES, "fines_total", "points",
                    "mean_score", "closed_at", "current", "closed"]


def revisions(engine: sa.Engine, month: str, center: str = DEFAULT_CENTER) -> pd.DataFrame:
    """Every revision of (``center``, ``month``), oldest first (REVISION_COLUMNS; ``revision`` counts
    from 1 within the month, ``current`` is the latest, ``closed`` the one payroll used last)."""
    r, m = t.revisions.c, t.months.c
    with guard(engine), engine.connect() as conn:
        found = conn.execute(sa.select(*(getattr(r, c) for c in REVISION_COLUMNS[1:-2]))
                             .where(r.center == center, r.month == month).order_by(r.revision_id)).mappings().all()
        state = conn.execute(sa.select(m.revision_id, m.closed_revision_id)
                             .where(m.center == center, m.month == month)).first()
    frame = pd.DataFrame([dict(x) for x in found], columns=REVISION_COLUMNS[1:-2])
    frame.insert(0, "revision", range(1, len(frame) + 1))
    frame["current"] = frame["revision_id"].eq(state.revision_id) if state else False
    frame["closed"] = frame["revision_id"].eq(state.closed_revision_id) if state else False
    return frame[REVISION_COLUMNS]


def closed_figures(engine: sa.Engine, month: str, center: str = DEFAULT_CENTER) -> pd.DataFrame | None:
    """The per-employee rows of the month's closed revision, or None when the month is not closed."""
    m, r = t.months.c, t.results.c
    with guard(engine), engine.connect() as conn:
        closed = conn.scalar(sa.select(m.closed_revision_id).where(m.center == center, m.month == month))
        if closed is None:
            return None
        found = conn.execute(sa.select(t.results).where(r.revision_id == closed).order_by(r.employee_id))
        return pd.DataFrame(found.fetchall(), columns=list(found.keys()))
