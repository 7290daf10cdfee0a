"""The annual appraisal workbook (APR-ANNUAL): the year per employee, and the month-by-month scores.

It is written with the monthly workbook's own table writer (:func:`processor.write.xlsx.write_table`:
text through ``write_string``, so nothing from an input becomes a formula; frozen header,
filters, grade colours) and moved into place only when complete (:func:`atomic_path`).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from xlsxwriter.workbook import Workbook

from processor.write import labels
from processor.write.atomic import atomic_path
from processor.write.xlsx import WORKBOOK_OPTIONS, Formats, write_table

SHEETS = {"zh": ("年度考核", "月度得分"), "en": ("Annual", "Monthly")}
# Chinese headers of the annual keys that processor.write.labels does not know yet.
LABELS_ZH = {
    "appraised_count": "考核月数", "appraised_months": "已考核月份", "missing_months": "缺考核月份",
    "no_run_months": "未运行月份", "annual_score": "年度得分",
}


def _sheet(book: Workbook, fm: Formats, name: str, frame: pd.DataFrame, lang: str) -> None:
    ws = book.add_worksheet(name)
    keys = [str(k) for k in frame.columns]
    write_table(ws, fm, frame.set_axis(keys, axis=1), keys, lang, freeze_cols=2)
    if lang == "zh":
        for c, key in enumerate(keys):
            if key in LABELS_ZH and labels.column_label(key, lang) == key:
                ws.write_string(0, c, LABELS_ZH[key], fm.header())


def write_annual(path: str | Path, annual_df: pd.DataFrame, monthly_df: pd.DataFrame, lang: str = "zh") -> Path:
    """Write the annual workbook to ``path``: sheet names and headers in Chinese, or the keys in English."""
    lang = labels.check_lang(lang)
    with atomic_path(Path(path)) as tmp:
        book = Workbook(str(tmp), WORKBOOK_OPTIONS)
        fm = Formats(book)
        first, second = SHEETS[lang]
        _sheet(book, fm, first, annual_df, lang)
        _sheet(book, fm, second, monthly_df, lang)
        book.close()
    return Path(path)
