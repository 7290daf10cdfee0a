"""``opscore template``: one blank workbook per input table, ready for admin staff to fill.

Headers are the Chinese labels with the English key in a cell note, coded columns carry a
dropdown (data validation), typed columns a number/date/time format, the header is frozen,
and an example row shows the expected spellings. Example rows are marked in a last column
``示例``: ``check`` and ``run`` report any row still marked, so an untouched template never
passes as a month (its 张三 scored). The examples' dates fall in the month being prepared.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .rulebook import load_rulebook
from .schema import CODES, TABLES

FORMATS = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm", "date_or_datetime": "yyyy-mm-dd hh:mm",
           "time": "hh:mm", "time_or_datetime": "hh:mm", "number": "0.00", "score": "0", "satisfaction": "0",
           "day": "yyyy-mm-dd"}


def _examples(month: str) -> dict[str, list[Any]]:  # one example row, or several rows
    y, m = map(int, month.split("-"))
    d = dt.date(y, m, 5)
    at = lambda day, h, mi=0: dt.datetime(y, m, day, h, mi)  # noqa: E731
    return {
        "roster": [["00100", "王班长", "客户服务部", "一组", "班长", None, dt.date(2022, 7, 1), None],
                   ["00101", "张三", "客户服务部", "一组", "客服专员", "00100", dt.date(2024, 3, 1), None],
                   ["00102", "李四", "客户服务部", "一组", "客服专员", "00100", dt.date(2025, 5, 12), None]],
        "holidays": [dt.date(y, m, 1), "节假日示例"],
        "attendance": ["00101", d, "早班", dt.time(8, 30), dt.time(17, 30), dt.time(8, 21), dt.time(17, 35), "否"],
        "leave": ["00101", "事假", at(6, 8, 30), at(6, 17, 30), at(4, 10), "客服主管", "00100", "是", "否", None, "否"],
        "swaps": ["00101", "00102", dt.date(y, m, 8), dt.date(y, m, 15), at(6, 9), "00100"],
        "tickets": ["T0000001", "00101", "电话", "咨询", at(5, 9, 0), at(5, 9, 0), None, at(5, 9, 6), "已解决", "是", 5,
                    at(5, 15), "否", None, "138****0000"],
        "qa": ["00101", d, 92, "否", "QA0001", "00100"],
        "ratings": ["00101", 90, 85, 88, "00100"],
        "indicators": ["00101", "业务流程执行准确率", 0.98, 0.99, 1, "越高越好"],
        "incidents": ["00101", d, "晨会迟到", 10, None, "8:10 晨会迟到 5 分钟"],
        "breaks": ["00101", "热线一组", at(5, 10, 0), at(5, 10, 4), "卫生间"],
        "corrections": ["00101", d, "免罚", "晨会迟到", None, None, None, "晨会改期未通知到本人,经核实",
                        "客服主管", at(6, 10)],
    }


def _dropdowns(month: str) -> dict[tuple[str, str], list[str]]:
    rb = load_rulebook()
    lists = {(t.key, c.key): [v[0] for v in CODES[c.enum].values()]
             for t in TABLES.values() for c in t.columns if c.type == "enum"}
    yesno = ["是", "否"]
    for t in TABLES.values():
        for c in t.columns:
            if c.type == "yesno":
                lists[(t.key, c.key)] = yesno
    lists[("incidents", "code")] = [e["name_zh"] for e in rb.incidents.values()]
    lists[("roster", "department")] = ["客户服务部", "运营管理部", "技术支持部"]
    lists[("roster", "role")] = list(rb.ranks)
    lists[("leave", "approver_role")] = list(rb.ranks)
    lists[("corrections", "approver_role")] = list(rb.ranks)
    return lists


EXAMPLE_COLUMN = "示例"  # the marker column: validate/examples.py reports rows that still hold it
EXAMPLE_MARK = "示例"
EXAMPLE_NOTE = ("示例行:填写真实数据前请删除本行(opscore 会报告仍留在表中的示例行)。\n"
                "example row: delete it before entering real data (opscore reports example rows left in).")


def write_blank_workbooks(out_dir: Path, month: str = "2026-10", force: bool = False) -> list[Path]:
    """Write ``<label>.xlsx`` for every table. A file already there is refused, naming it (it may
    be the center's filled-in workbook); ``force`` replaces it."""
    from .sample import refuse_overwrite

    paths = [out_dir / f"{table.label}.xlsx" for table in TABLES.values()]
    if not force:
        refuse_overwrite(paths, "opscore template")
    out_dir.mkdir(parents=True, exist_ok=True)
    examples, dropdowns = _examples(month), _dropdowns(month)
    for table, path in zip(TABLES.values(), paths):
        rows = examples[table.key]
        rows = rows if isinstance(rows[0], list) else [rows]  # the roster needs colleagues to refer to
        wb = Workbook()
        ws = wb.worksheets[0]  # the sheet a new workbook opens on
        ws.title = table.label
        columns = [c for c in table.columns if c.template]
        _header(ws, columns, len(rows))
        for i, col in enumerate(columns, start=1):
            for r, example in enumerate(rows, start=2):
                ex = ws.cell(row=r, column=i, value=example[i - 1] if i <= len(example) else None)
                if col.type in FORMATS:
                    ex.number_format = FORMATS[col.type]
                elif col.type in ("id", "text", "enum"):
                    ex.number_format = "@"  # text: keeps leading zeros of ids
            options = dropdowns.get((table.key, col.key))
            if options:
                letter = get_column_letter(i)
                dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True,
                                    showErrorMessage=True, errorTitle="请从下拉列表选择", error="请从下拉列表中选择一项")
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}1000")
        ws.freeze_panes = "A2"
        wb.save(path)
    return paths


def _header(ws, columns: list, examples: int) -> None:
    """The header row (labels, English key and required/optional in a note), then the 示例 marker
    column, filled and greyed on the example rows."""
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for i, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i, value=col.label)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center")
        need = "必填" if col.required else "选填"
        cell.comment = Comment(f"{col.key} ({need})", "opscore")
        ws.column_dimensions[cell.column_letter].width = max(12, len(col.label) * 2 + 4)
    mark = ws.cell(row=1, column=len(columns) + 1, value=EXAMPLE_COLUMN)
    mark.font, mark.fill = bold, PatternFill("solid", fgColor="FCE4D6")
    mark.comment = Comment(EXAMPLE_NOTE, "opscore")
    grey = Font(italic=True, color="808080")
    for r in range(2, 2 + examples):
        ws.cell(row=r, column=len(columns) + 1, value=EXAMPLE_MARK).font = grey
