"""Recognise a sheet's table by its header row (inputs.md, "Reading rules").

The header is the first row, within the first 10, holding every required header of some
table (Chinese or English, aliases, case and spaces ignored). When a row holds the required
headers of several tables, the one with the most required headers wins; a tie is an input
error naming the sheet. A sheet with no such row is matched to the table it comes closest
to, so that the user hears which required column is missing rather than "not recognised".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..errors import Problem, column_letter
from ..schema import TABLES, Table, norm_header
from ..vocab import TICKET_HINTS
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


def _alias_map(table: Table) -> dict[str, tuple[str, int]]:
    """Normalised alias → (column key, rank: 0 for the label, then in the schema's order)."""
    out: dict[str, tuple[str, int]] = {}
    for c in table.columns:
        for rank, a in enumerate(c.aliases):
            out.setdefault(norm_header(a), (c.key, rank))
    return out


ALIASES = {key: _alias_map(t) for key, t in TABLES.items()}
# A unit the exports put after a header (首次响应时长(秒), 通话时长【s】, Handle time (min)): the header
# without it is matched when the whole text is no alias; the unit still sets a duration's scale.
_UNIT = re.compile(r"(?:[(\[【][^()\[\]【】]{1,8}[)\]】]|/(?:秒|分钟|分|小时|s|sec|min|h))$")
_HINTS = tuple(norm_header(h) for h in TICKET_HINTS)


def _row_keys(row: list[object], table: str) -> dict[str, list[int]]:
    """Column key → positions, the preferred alias first. Two different aliases of one key
    (创建时间 and 受理时间, 办结时间 and 解决时间) are two moments, not a duplicate: the
    preferred one is the column, the other stays an extra column. The same alias twice is
    a duplicate header."""
    amap = ALIASES[table]
    found: dict[str, list[tuple[int, int, str]]] = {}
    for pos, cell in enumerate(row):
        if cell is None or (isinstance(cell, float) and pd.isna(cell)):
            continue
        text = norm_header(cell)
        if text not in amap:
            text = _UNIT.sub("", text)
        if text in amap:
            key, rank = amap[text]
            found.setdefault(key, []).append((rank, pos, text))
    out: dict[str, list[int]] = {}
    for key, hits in found.items():
        hits.sort()
        best = hits[0][2]
        out[key] = [pos for _, pos, text in hits if text == best]
    return out


def _have(table: Table, found: dict[str, list[int]]) -> tuple[set[str], set[str]]:
    """(required keys, those the row gives): a required column may come as its alternative."""
    req = {c.key for c in table.required}
    have = {k for k in req if k in found or table.alternatives.get(k) in found}
    return req, have


def _ticket_like(row: list[object]) -> bool:
    texts = [norm_header(c) for c in row if isinstance(c, str) and c.strip()]
    return any(h in t for t in texts for h in _HINTS)


def _aliases_text(table: Table, key: str) -> str:
    """``创建时间 (created_at;也可写作 来电时间、开始时间 …)``: the aliases a user may rename to."""
    col = table.column(key)
    shown = [a for a in col.aliases[1:] if a != key][:10]
    alt = table.alternatives.get(key)
    also = f";也可写作 {'、'.join(shown)}" if shown else ""
    extra = f";或日期列“{table.column(alt).label}”加时间列" if alt else ""
    return f"{col.label} ({key}{also}{extra})"


def recognise(sheet: RawSheet) -> tuple[Match | None, list[Problem], str]:
    """The sheet's table, problems with its header, and a note when it is not a table at all."""
    head = sheet.cells.head(HEADER_SCAN_ROWS)
    where = dict(file=sheet.source.name, sheet=sheet.sheet)
    best_partial: tuple[float, str, int, set[str]] | None = None
    ticket_row: int | None = None
    for pos in range(len(head)):
        row = head.iloc[pos].tolist()
        full: list[tuple[int, str, dict[str, list[int]]]] = []
        if ticket_row is None and _ticket_like(row) and len(_row_keys(row, "tickets")) >= 2:
            ticket_row = pos
        for key, table in TABLES.items():
            found = _row_keys(row, key)
            req, have = _have(table, found)
            if have == req:
                full.append((len(req), key, found))
            elif len(have) >= 2 and not (key == "qa" and _ticket_like(row)):
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
                                          "or remove columns", row=pos + sheet.first_row, code="ambiguous_header", **where)], ""
        _, key, found = full[0]
        return _build(sheet, TABLES[key], pos, row, found)
    if best_partial and best_partial[0] >= 0.5:
        _, key, pos, missing = best_partial
    elif ticket_row is not None:  # an export with ticket-like headers: say what tickets need
        key, pos = "tickets", ticket_row
        req, have = _have(TABLES[key], _row_keys(head.iloc[pos].tolist(), key))
        missing = req - have
    else:
        return None, [], "未识别为任何输入表‖not recognised as an input table"
    table = TABLES[key]
    order = [c.key for c in table.columns]
    labels = "、".join(_aliases_text(table, k) for k in sorted(missing, key=order.index))
    return None, [Problem(message=f"看起来是“{table.label}”表,但缺少必需的列:{labels}"
                                  f"‖looks like the {key} table but lacks required column(s): {', '.join(sorted(missing))}",
                          row=pos + sheet.first_row, table=key, code="missing_column", **where)], ""


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
                                                       f"‖duplicate header: columns {cols} are all {key}",
                                    sheet=sheet.sheet, row=excel_row,
                                    column=str(row[positions[1]]), letter=column_letter(sheet.col_index[positions[1]]),
                                    table=table.key, code="duplicate_header"))
        columns[key] = positions[0]
        headers[key] = str(row[positions[0]]).strip()
    extras = {}
    for p, cell in enumerate(row):
        if p in columns.values() or cell is None or (isinstance(cell, float) and pd.isna(cell)):
            continue
        if str(cell).strip():
            extras[str(cell).strip()] = p
    return Match(table, pos, columns, headers, extras), problems, ""
