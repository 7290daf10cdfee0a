"""The annual appraisal workbook (APR-ANNUAL): the year per employee, and the month-by-month scores.

It is written with the monthly workbook's own table writer (:func:`processor.write.xlsx.write_table`:
every text a text cell, so nothing from an input becomes a formula; frozen header, filters,
grade colours) and moved into place only when complete (:func:`atomic_path`).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from processor.words.headers import column_label
from processor.words.lang import check_lang
from processor.write.atomic import atomic_path
from processor.write.fastxlsx import Book
from processor.write.xlsx import Formats, write_table

SHEETS = {"zh": ("年度考核", "月度得分"), "en": ("Annual", "Monthly")}
# Chinese headers of the annual keys that processor.write.labels does not know yet.
LABELS_ZH = {
    "appraised_count": "考核月数", "appraised_months": "已考核月份", "missing_months": "缺考核月份",
    "no_run_months": "未运行月份", "annual_score": "年度得分", "failed_months": "不合格月份",
    "vetoed_months": "一票否决月份", "provisional": "暂定(尚有月份未运行)",
}


def _sheet(book: Book, fm: Formats, name: str, frame: pd.DataFrame, lang: str) -> None:
    ws = book.add_sheet(name)
    keys = [str(k) for k in frame.columns]
    headers = {k: LABELS_ZH[k] for k in keys
               if lang == "zh" and k in LABELS_ZH and column_label(k, lang) == k}
    write_table(ws, fm, frame.set_axis(keys, axis=1), keys, lang, freeze_cols=2, headers=headers)


def write_annual(path: str | Path, annual_df: pd.DataFrame, monthly_df: pd.DataFrame, lang: str = "zh") -> Path:
    """Write the annual workbook to ``path``: sheet names and headers in Chinese, or the keys in English."""
    lang = check_lang(lang)
    with atomic_path(Path(path)) as tmp, Book(tmp) as book:
        fm = Formats(book)
        first, second = SHEETS[lang]
        _sheet(book, fm, first, annual_df, lang)
        _sheet(book, fm, second, monthly_df, lang)
    return Path(path)
