"""The Adjustments (补发/补扣) of a re-run closed month: a workbook sheet, an index block, a CSV.

Payroll paid the closed revision; these are the differences the next payroll books. The CSV
(``adjustments-<month>.csv``, UTF-8 with BOM so Excel opens it in Chinese) is what
``run --adjustments-only`` hands payroll instead of the full month. Headers are the stable
keys in English and the labels of :mod:`.labels` in Chinese, like the workbook.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pandas as pd

from processor.score.adjustments import ADJUSTMENT_COLUMNS
from processor.write import labels
from processor.write.atomic import atomic_path
from processor.write.fastxlsx import Sheet
from processor.write.privacy import mask_phone
from processor.write.xlsx import Formats, as_text, write_table

GRADE_KEYS = ("grade_closed", "grade_new")


def write_sheet(ws: Sheet, fm: Formats, frame: pd.DataFrame, lang: str) -> None:
    """The Adjustments sheet: one row per employee whose figures changed (none: headers only), no totals row."""
    write_table(ws, fm, frame, ADJUSTMENT_COLUMNS, lang, freeze_cols=2)  # records only: payroll imports it


def _cell(key: str, value: Any, lang: str) -> str:
    if key in GRADE_KEYS:
        return labels.grade_label(value, lang) if as_text(value) else ""
    text = as_text(value)
    if text is None:
        return ""
    if key not in ("employee_id", "name"):
        return f"{float(value):.2f}".rstrip("0").rstrip(".") if isinstance(value, (int, float)) else text
    return mask_phone(text)


def write_csv(path: Path, frame: pd.DataFrame, lang: str) -> Path:
    """``adjustments-<month>.csv``: the same rows as the sheet, for the payroll import."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([labels.column_label(k, lang) for k in ADJUSTMENT_COLUMNS])
        columns = [[_cell(k, v, lang) for v in frame[k].tolist()] for k in ADJUSTMENT_COLUMNS]
        out.writerows(zip(*columns))
    return path


def index_block(frame: pd.DataFrame | None) -> dict[str, Any] | None:
    """What the report index shows (``_adjustments.html``): the rows and the two sums, or None
    when the month was not closed before this run."""
    if frame is None:
        return None
    diff = pd.to_numeric(frame["fines_diff"], errors="coerce").fillna(0)
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return {"rows": rows, "columns": ADJUSTMENT_COLUMNS, "deduct": float(diff[diff > 0].sum()),
            "refund": abs(float(diff[diff < 0].sum()))}
