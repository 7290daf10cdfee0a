"""The annual appraisal workbook (APR-ANNUAL): the year per employee, and the month-by-month scores.

It is written with the monthly workbook's own table writer (:func:`processor.write.xlsx.write_table`:
every text a text cell, so nothing from an input becomes a formula; frozen header, filters,
grade colours) and moved into place only when complete (:func:`atomic_path`).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from processor.words.headers import column_label
from processor.words.lang import check_lang, english
from processor.words.texts import ANNUAL_COLUMNS, ANNUAL_SHEETS
from processor.write.atomic import atomic_path
from processor.write.fastxlsx import Book
from processor.write.xlsx import Formats, write_table


def _sheet(book: Book, fm: Formats, name: str, frame: pd.DataFrame, lang: str) -> None:
    ws = book.add_sheet(name)
    keys = [str(k) for k in frame.columns]
    headers = {k: ANNUAL_COLUMNS[k] for k in keys
               if not english(lang) and k in ANNUAL_COLUMNS and column_label(k, lang) == k}
    write_table(ws, fm, frame.set_axis(keys, axis=1), keys, lang, freeze_cols=2, headers=headers)


def write_annual(path: str | Path, annual_df: pd.DataFrame, monthly_df: pd.DataFrame, lang: str = "zh") -> Path:
    """Write the annual workbook to ``path``: sheet names and headers in Chinese, or the keys in English."""
    lang = check_lang(lang)
    with atomic_path(Path(path)) as tmp, Book(tmp) as book:
        fm = Formats(book)
        first, second = ANNUAL_SHEETS[lang]
        _sheet(book, fm, first, annual_df, lang)
        _sheet(book, fm, second, monthly_df, lang)
    return Path(path)
