"""Rows left in from ``opscore template``: marked ``示例`` in the template's last column.

An untouched template is a complete, valid month (张三 and 李四 on an early shift), so without
the mark it would be scored as one. Any row whose ``示例`` column holds something is reported,
all of a sheet's rows in one problem, so the admin deletes them before the month is run.
"""
from __future__ import annotations

import pandas as pd

from ..errors import Problem, column_letter

EXAMPLE_HEADERS = {"示例", "example"}  # processor/blank_workbooks.py writes 示例


def example_rows(sheet, match, extra: pd.DataFrame) -> list[Problem]:
    """One problem naming the rows of ``sheet`` still marked as template examples, or none."""
    col = next((c for c in match.extras if str(c).strip().lower() in EXAMPLE_HEADERS), None)
    if col is None or col not in extra:
        return []
    marked = extra[col].notna() & extra[col].astype(str).str.strip().ne("")
    rows = extra.loc[marked, "_row"].astype(int).tolist()
    if not rows:
        return []
    listed = ", ".join(map(str, rows))
    return [Problem(sheet.source.name, f"模板的示例行仍在表中(第 {listed} 行):请删除这些行,或清空其“{col}”列"
                                       f"‖example rows left in from the template (rows {listed}): delete them, or "
                                       f"clear their {col} column",
                    sheet.sheet, rows[0], col, column_letter(sheet.col_index[match.extras[col]]),
                    table=match.table.key, code="example_rows")]
