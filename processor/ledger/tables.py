"""The ledger's tables (schema 2): revisions of each (center, month) and their per-employee rows.

Portable SQLAlchemy Core only, so the same definitions serve the default SQLite file and a
PostgreSQL ledger shared by the centers of a group. Every run is a row of ``ledger_revisions``
with its employees in ``ledger_results``; ``ledger_months`` points each (center, month) at its
current revision (the latest run) and at the revision payroll closed. Revisions are only ever
added, never rewritten or deleted, so a closed one stays as payroll used it. The names carry a
``ledger_`` prefix because a PostgreSQL database is often shared with other applications.
"""
from __future__ import annotations

import sqlalchemy as sa

from ..model import GRADES, SUMMARY_COLUMNS

SCHEMA_VERSION = 2
TEXT_COLUMNS = ("employee_id", "name", "department", "team", "role", "grade", "flags")
DATE_COLUMNS = ("deemed_resignation_date",)

metadata = sa.MetaData()

info = sa.Table(  # marks the database as an opscore ledger and says which schema it holds
    "ledger_info", metadata,
    sa.Column("key", sa.String(32), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)

revisions = sa.Table(
    "ledger_revisions", metadata,
    sa.Column("revision_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("center", sa.String(100), nullable=False),
    sa.Column("month", sa.String(7), nullable=False),
    sa.Column("run_at", sa.DateTime, nullable=False),
    sa.Column("run_by", sa.String(100), nullable=False),  # the account that ran it ("" when unknown)
    sa.Column("version", sa.String(32), nullable=False),
    sa.Column("rulebook_sha256", sa.String(64), nullable=False),
    sa.Column("inputs_sha256", sa.String(64), nullable=False),  # over the sorted "path sha256" lines
    sa.Column("inputs", sa.JSON, nullable=False),  # {path: sha256}
    sa.Column("lang", sa.String(8), nullable=False),
    sa.Column("employees", sa.Integer, nullable=False),
    sa.Column("graded", sa.Integer, nullable=False),
    *(sa.Column(g, sa.Integer, nullable=False) for g in GRADES),
    sa.Column("fines_total", sa.Float, nullable=False),
    sa.Column("points", sa.Float, nullable=False),
    sa.Column("mean_score", sa.Float),  # of the appraised; empty when nobody was
    sa.Column("closed_at", sa.DateTime),  # set once, by `opscore close`; never cleared
    sa.Index("ix_ledger_revisions_center_month", "center", "month"),
)


def _summary_column(key: str) -> sa.Column:
    if key in TEXT_COLUMNS:
        return sa.Column(key, sa.String(64) if key == "employee_id" else sa.String(), primary_key=key == "employee_id")
    if key in DATE_COLUMNS:
        return sa.Column(key, sa.Date)
    return sa.Column(key, sa.Float)


results = sa.Table(
    "ledger_results", metadata,
    sa.Column("revision_id", sa.Integer, sa.ForeignKey("ledger_revisions.revision_id"), primary_key=True),
    *(_summary_column(k) for k in SUMMARY_COLUMNS),
    sa.Column("coaching", sa.Boolean, nullable=False),  # on the APR-COACH list that month
)

months = sa.Table(
    "ledger_months", metadata,
    sa.Column("center", sa.String(100), primary_key=True),
    sa.Column("month", sa.String(7), primary_key=True),
    sa.Column("revision_id", sa.Integer, sa.ForeignKey("ledger_revisions.revision_id"), nullable=False),
    sa.Column("closed_revision_id", sa.Integer, sa.ForeignKey("ledger_revisions.revision_id")),
)

OUR_TABLES = frozenset(t.name for t in metadata.sorted_tables)
LEGACY_TABLES = {  # schema 1 (opscore 0.1): one run per month, no center, no revisions
    "runs": {"month", "run_at", "version", "rulebook_sha256", "inputs", "lang"},
    "monthly_results": {"month", "employee_id", "name", "total_score", "grade", "fines_total", "coaching"},
}


def current(center: str | None = None) -> sa.Select:
    """The current figures: every row of each (center, month)'s latest revision, with center
    and month; only ``center``'s when given."""
    r, m = results.c, months.c
    query = sa.select(m.center, m.month, *(getattr(r, k) for k in SUMMARY_COLUMNS), r.coaching).select_from(
        results.join(months, months.c.revision_id == results.c.revision_id))
    return query if center is None else query.where(m.center == center)


def views() -> dict[str, sa.Select]:
    """Read-only views under schema 1's names, so scripts that read ``monthly_results`` and
    ``runs`` keep working: each (center, month)'s current revision, the center first."""
    m, v = months.c, revisions.c
    runs = sa.select(m.center, m.month, v.run_at, v.version, v.rulebook_sha256, v.inputs, v.lang).select_from(
        months.join(revisions, v.revision_id == m.revision_id))
    return {"monthly_results": current(), "runs": runs}


def create_views(conn: sa.Connection) -> None:
    """Create the views that are missing (inside the caller's schema transaction)."""
    have = set(sa.inspect(conn).get_view_names())
    for name, query in views().items():
        if name not in have:
            body = query.compile(conn, compile_kwargs={"literal_binds": True})
            conn.execute(sa.text(f"CREATE VIEW {name} AS {body}"))
