"""Recognise a sheet's table by its header row (inputs.md, "Reading rules").

The header is the first row, within the first 10, holding every required header of some
table (Chinese or English, aliases, case and spaces ignored). When a row holds the required
headers of several tables, the one with the most required headers wins; a tie is an input
error naming the sheet. A sheet with no such row is matched to the table it comes closest
to, so that the user hears which required column is missing rather than "not recognised".
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..errors import Problem, column_letter
from ..validate.schema import TABLES, Table, norm_header
from .sheets import RawSheet

HEADER_SCAN_ROWS = 10


@dataclass
class Match:
    """A recognised sheet: its table, header row and column positions."""

    table: Table
    header_pos: int  # position in RawSheet.cells
    columns: dict[str, int]  # column key → position in cells
    headers: dict[str, str]  # column key → header text as written
    extras: dict[str, int] = field(default_factory=dict)  # unknown header text → position


def _alias_map(table: Table) -> dict[str, str]:
    return {norm_header(a): c.key for c in table.columns for a in c.aliases}


ALIASES = {key: _alias_map(t) for key, t in TABLES.items()}


def _row_keys(row: list[object], table: str) -> dict[str, list[int]]:
    amap = ALIASES[table]
    found: dict[str, list[int]] = {}
    for pos, cell in enumerate(row):
        if cell is None or (isinstance(cell, float) and pd.isna(cell)):
            continue
        key = amap.get(norm_header(cell))
        if key:
            found.setdefault(key, []).append(pos)
    return found


def recognise(sheet: RawSheet) -> tuple[Match | None, list[Problem], str]:
    """The sheet's table, problems with its header, and a note when it is not a table at all."""
    head = sheet.cells.head(HEADER_SCAN_ROWS)
    where = dict(file=sheet.source.name, sheet=sheet.sheet)
    best_partial: tuple[float, str, int, set[str]] | None = None
    for pos in range(len(head)):
        row = head.iloc[pos].tolist()
        full: list[tuple[int, str, dict[str, list[int]]]] = []
        for key, table in TABLES.items():
            found = _row_keys(row, key)
            req = {c.key for c in table.required}
            have = req & found.keys()
            if have == req:
                full.append((len(req), key, found))
            elif len(have) >= 2:
                share = len(have) / len(req)
                if best_partial is None or share > best_partial[0]:
                    best_partial = (share, key, pos, req - have)
        if not full:
            continue
        full.sort(key=lambda x: -x[0])
        if len(full) > 1 and full[0][0] == full[1][0]:
            tied = [k for n, k, _ in full if n == full[0][0]]
            names = "、".join(TABLES[k].label for k in tied)
            return None, [Problem(message=f"表头同时符合多个表({names}),无法判断是哪张表:请删去多余的列或分成两个工作表"
                                          f"‖the header matches several tables equally ({', '.join(tied)}): split them "
                                          "or remove columns", row=pos + sheet.first_row, **where)], ""
        _, key, found = full[0]
        return _build(sheet, TABLES[key], pos, row, found)
    if best_partial and best_partial[0] >= 0.5:
        _, key, pos, missing = best_partial
        table = TABLES[key]
        labels = "、".join(f"{table.column(k).label} ({k})" for k in sorted(missing, key=lambda k: [c.key for c in table.columns].index(k)))
        return None, [Problem(message=f"看起来是“{table.label}”表,但缺少必需的列:{labels}‖looks like the {key} table but lacks required column(s): {', '.join(sorted(missing))}",
                              row=pos + sheet.first_row, table=key, **where)], ""
    return None, [], "未识别为任何输入表‖not recognised as an input table"


def _build(sheet: RawSheet, table: Table, pos: int, row: list[object],
           found: dict[str, list[int]]) -> tuple[Match | None, list[Problem], str]:
    problems: list[Problem] = []
    excel_row = pos + sheet.first_row
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    for key, positions in found.items():
        if len(positions) > 1:
            cols = "、".join(column_letter(sheet.col_index[p]) for p in positions)
            problems.append(Problem(sheet.source.name, f"表头重复:列 {cols} 都是“{table.column(key).label}”,请只保留一列"
                                                       f"‖duplicate header: columns {cols} are all {key}", sheet=sheet.sheet, row=excel_row,
                                    column=str(row[positions[1]]), letter=column_letter(sheet.col_index[positions[1]]),
                                    table=table.key))
        columns[key] = positions[0]
        headers[key] = str(row[positions[0]]).strip()
    extras = {}
    for p, cell in enumerate(row):
        if p in columns.values() or cell is None or (isinstance(cell, float) and pd.isna(cell)):
            continue
        if str(cell).strip():
            extras[str(cell).strip()] = p
    return Match(table, pos, columns, headers, extras), problems, ""
