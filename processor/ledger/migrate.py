"""Schema 1 → 2 in place: a ledger written by opscore 0.1 keeps its months.

Schema 1 held one run per month (``runs``) and its rows (``monthly_results``), with no center.
Each of its months becomes one revision of the default center, its rows copied unchanged;
then the old tables are dropped. It runs inside the caller's transaction, under the schema lock,
so a failure leaves the old ledger as it was and two processes never migrate it twice.
"""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from ..model import SUMMARY_COLUMNS
from . import tables as t
from .rows import result_rows, revision_row

DEFAULT_CENTER = "默认中心"  # also [meta] center in processor/rulebook/default.toml (a test keeps them equal)


def migrate_legacy(conn: sa.Connection) -> None:
    """Copy ``runs`` and ``monthly_results`` into the revision tables, then drop them."""
    old = sa.MetaData()
    runs = sa.Table("runs", old, autoload_with=conn)
    results = sa.Table("monthly_results", old, autoload_with=conn)
    found = conn.execute(sa.select(results))  # a column schema 1 lacked (added since) stays empty
    rows = pd.DataFrame(found.fetchall(), columns=list(found.keys())).reindex(
        columns=["month", "coaching", *SUMMARY_COLUMNS])
    for run in conn.execute(sa.select(runs).order_by(runs.c.month)).mappings():
        month = rows[rows["month"] == run["month"]].sort_values("employee_id")
        facts = {"run_at": run["run_at"], "run_by": "", "version": run["version"], "rulebook_sha256": run["rulebook_sha256"],
                 "inputs": run["inputs"] or {}, "lang": run["lang"]}
        key = conn.execute(sa.insert(t.revisions).values(
            revision_row(DEFAULT_CENTER, run["month"], facts, month))).inserted_primary_key
        assert key is not None  # a one-row INSERT always tells its key
        revision_id = key[0]
        if len(month):
            conn.execute(sa.insert(t.results), result_rows(revision_id, month))
        conn.execute(sa.insert(t.months).values(center=DEFAULT_CENTER, month=run["month"], revision_id=revision_id))
    results.drop(conn)
    runs.drop(conn)
