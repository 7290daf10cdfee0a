"""Writing sheets: XlsxWriter workbooks for the ordinary tables, CSV for the odd one out.

A cell's Python type decides how it is written, as a person's Excel would hold it: ``str``
as text (so ``00123`` keeps its zeros), numbers as numbers, ``date``/``datetime``/``time`` as
real Excel dates and times with a matching number format, ``None`` as an empty cell. The
workbook's creation time is fixed so that the same seed gives the same bytes.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import xlsxwriter

FORMATS = {
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "datetime_s": "yyyy-mm-dd hh:mm:ss",
    "time": "hh:mm",
    "time_s": "hh:mm:ss",
}


@dataclass
class Sheet:
    """One table as it will appear: optional title rows above the header, then the rows."""

    name: str
    headers: list[str]
    rows: list[list[object]] = field(default_factory=list)
    title: str = ""  # merged across the header's width in row 1
    subtitle: str = ""  # row 2, when given (the header then sits in row 3)
    widths: dict[int, int] = field(default_factory=dict)  # column index → width


def write_xlsx(path: Path, sheets: list[Sheet], created: datetime) -> None:
    """One workbook, one worksheet per :class:`Sheet`, rows streamed (constant_memory)."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    wb.set_properties({"created": created, "author": "综合办", "title": path.stem})
    fmt = {k: wb.add_format({"num_format": v}) for k, v in FORMATS.items()}
    title_fmt = wb.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
    head_fmt = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "align": "center"})
    for sheet in sheets:
        ws = wb.add_worksheet(sheet.name)
        for col in range(len(sheet.headers)):
            ws.set_column(col, col, sheet.widths.get(col, 12))
        row = 0
        if sheet.title:
            ws.set_row(0, 24)
            ws.merge_range(0, 0, 0, max(len(sheet.headers) - 1, 1), sheet.title, title_fmt)
            row = 1
        if sheet.subtitle:
            ws.write_string(row, 0, sheet.subtitle)
            row += 1
        ws.write_row(row, 0, sheet.headers, head_fmt)
        ws.freeze_panes(row + 1, 0)
        for values in sheet.rows:
            row += 1
            for col, v in enumerate(values):
                _write(ws, row, col, v, fmt)
    wb.close()


def _write(ws: xlsxwriter.worksheet.Worksheet, row: int, col: int, v: object, fmt: dict) -> None:
    if v is None or v == "":
        return
    if isinstance(v, str):
        ws.write_string(row, col, v)
    elif isinstance(v, bool):
        ws.write_string(row, col, "是" if v else "否")
    elif isinstance(v, (int, float)):
        ws.write_number(row, col, v)
    elif isinstance(v, datetime):
        ws.write_datetime(row, col, v, fmt["datetime_s" if v.second else "datetime"])
    elif isinstance(v, date):
        ws.write_datetime(row, col, v, fmt["date"])
    elif isinstance(v, time):
        ws.write_datetime(row, col, v, fmt["time_s" if v.second else "time"])
    else:
        raise TypeError(f"cannot write {type(v).__name__} to a sample sheet")


def cell_text(v: object) -> str:
    """How a cell reads in a CSV exported from Excel or a ticket system."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S" if v.second else "%Y-%m-%d %H:%M")
    if isinstance(v, date):
        return f"{v.year}/{v.month}/{v.day}"
    if isinstance(v, time):
        return v.strftime("%H:%M:%S" if v.second else "%H:%M")
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def write_csv(path: Path, sheet: Sheet, encoding: str = "gb18030") -> None:
    """A CSV with the header in the first row (title rows do not survive CSV export)."""
    with open(path, "w", encoding=encoding, newline="") as fh:
        out = csv.writer(fh, lineterminator="\r\n")
        out.writerow(sheet.headers)
        out.writerows([cell_text(v) for v in row] for row in sheet.rows)
