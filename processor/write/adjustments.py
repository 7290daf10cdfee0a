"""The Adjustments (补发/补扣) of a re-run closed month: a workbook sheet and an index block.

Payroll paid the closed revision; these are the differences the next payroll books. What
``run --adjustments-only`` hands payroll is ``payroll-<month>.csv`` restricted to these
employees (:func:`processor.write.payroll.adjustment_rows`).
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from processor.score.adjustments import ADJUSTMENT_COLUMNS
from processor.write.fastxlsx import Sheet
from processor.write.xlsx import Formats, write_table


def write_sheet(ws: Sheet, fm: Formats, frame: pd.DataFrame, lang: str) -> None:
    """The Adjustments sheet: one row per employee whose figures changed (none: headers only), no totals row."""
    write_table(ws, fm, frame, ADJUSTMENT_COLUMNS, lang, freeze_cols=2)  # records only: payroll imports it


def index_block(frame: pd.DataFrame | None) -> dict[str, Any] | None:
    """What the report index shows (``_adjustments.html``): the rows and the two sums, or None
    when the month was not closed before this run."""
    if frame is None:
        return None
    diff = pd.to_numeric(frame["fines_diff"], errors="coerce").fillna(0)
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return {"rows": rows, "columns": ADJUSTMENT_COLUMNS, "deduct": float(diff[diff > 0].sum()),
            "refund": abs(float(diff[diff < 0].sum()))}
