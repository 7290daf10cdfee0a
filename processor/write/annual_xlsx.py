"""The annual appraisal workbook (APR-ANNUAL): the year per employee, and the month-by-month scores.

Every cell is written by type (``write_string`` for text, so a name such as ``=1+1`` stays
text: nothing from an input becomes a formula), to a temporary file moved into place, so a
failed run leaves the previous workbook as it was.
"""
from __future__ import annotations

import numbers
import os
from pathlib import Path

import pandas as pd
import xlsxwriter

GRADE_LABELS = {"zh": {"excellent": "优秀", "good": "良好", "pass": "合格", "fail": "不合格"}}
GRADE_COLOURS = {"excellent": "#C6EFCE", "good": "#DDEBF7", "pass": "#FFF2CC", "fail": "#FFC7CE"}
SHEETS = {"zh": ("年度考核", "月度得分"), "en": ("Annual", "Monthly")}
LABELS_ZH = {
    "employee_id": "工号", "name": "姓名", "department": "部门", "team": "班组",
    "months_appraised": "考核月数", "appraised_months": "已考核月份", "missing_months": "缺考核月份",
    "no_run_months": "未运行月份", "annual_score": "年度得分", "grade": "等级", "bonus_coefficient": "奖金系数",
}
NUMBER_FORMATS = {"annual_score": "0.00", "bonus_coefficient": "0.0#", "months_appraised": "0"}


def _label(key: str, lang: str) -> str:
    return LABELS_ZH.get(key, key) if lang == "zh" else key


def _text(value: object, key: str, lang: str) -> str:
    if isinstance(value, (list, tuple)):
        return ("、" if lang == "zh" else ", ").join(map(str, value))
    if key == "grade":
        return GRADE_LABELS.get(lang, {}).get(str(value), str(value))
    return str(value)


def _missing(value: object) -> bool:
    return not isinstance(value, (list, tuple)) and bool(pd.isna(value))


def _sheet(book: xlsxwriter.Workbook, name: str, frame: pd.DataFrame, lang: str, fmts: dict) -> None:
    ws = book.add_worksheet(name)
    for c, key in enumerate(frame.columns):
        ws.write_string(0, c, _label(str(key), lang), fmts["header"])
        width = max([len(_label(str(key), lang)) * 2 if lang == "zh" else len(str(key)), 10])
        ws.set_column(c, c, min(width + 2, 40))
    for r, row in enumerate(frame.itertuples(index=False), start=1):
        grade = getattr(row, "grade", None)
        for c, (key, value) in enumerate(zip(frame.columns, row)):
            if _missing(value):
                continue
            if isinstance(value, numbers.Real) and not isinstance(value, bool):
                ws.write_number(r, c, float(value), fmts.get(f"num:{key}", fmts["score"]))
            else:
                fmt = fmts.get(f"grade:{grade}") if key == "grade" else None
                ws.write_string(r, c, _text(value, str(key), lang), fmt)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(frame), 1), max(len(frame.columns) - 1, 0))


def write_annual(path: str | Path, annual_df: pd.DataFrame, monthly_df: pd.DataFrame, lang: str = "zh") -> Path:
    """Write the annual workbook to ``path`` (sheet names and headers in ``lang``; ``en`` uses the keys)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                          "strings_to_numbers": False})
    fmts = {"header": book.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF",
                                       "border": 1, "text_wrap": True, "valign": "vcenter"}),
            "score": book.add_format({"num_format": "0.00"})}
    for key, num in NUMBER_FORMATS.items():
        fmts[f"num:{key}"] = book.add_format({"num_format": num})
    for grade, colour in GRADE_COLOURS.items():
        fmts[f"grade:{grade}"] = book.add_format({"bg_color": colour})
    first, second = SHEETS.get(lang, SHEETS["en"])
    try:
        _sheet(book, first, annual_df, lang, fmts)
        _sheet(book, second, monthly_df, lang, fmts)
        book.close()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
