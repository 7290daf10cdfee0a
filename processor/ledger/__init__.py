"""The ledger: every run of every (center, month) kept as a revision, in SQLite or PostgreSQL.

It sits below the scoring and writing layers (APR-COACH and APR-ANNUAL read it, the pipeline
writes it) and imports only :mod:`processor.model` and :mod:`processor.errors`.
:mod:`.tables` holds the schema, :mod:`.connect` opens it (errors, races, migration),
:mod:`.store` writes revisions and closes months, :mod:`.queries` reads the current figures.
"""
from __future__ import annotations

from .connect import LEDGER_EXIT, LedgerError, masked, open_ledger
from .migrate import DEFAULT_CENTER
from .queries import TREND_COLUMNS, center_trend, centers, history, month_rows, months, resolve_center, trend, year_results
from .store import REVISION_COLUMNS, close_month, closed_figures, record_month, revisions

__all__ = ["DEFAULT_CENTER", "LEDGER_EXIT", "REVISION_COLUMNS", "TREND_COLUMNS", "LedgerError",
           "center_trend", "centers", "close_month", "closed_figures", "history", "masked", "month_rows", "months",
           "open_ledger", "record_month", "resolve_center", "revisions", "trend", "year_results"]
