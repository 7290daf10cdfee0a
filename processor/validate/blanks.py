"""Blank required cells that are not simply blank, told as what they are.

A formula whose cached value is an Excel error is reported once, as the formula error
(``validate.month._formula_errors``); a cell inside a merged block looks filled in Excel but
only the merge's first cell holds the value, so its message says to unmerge.
"""
from __future__ import annotations

from dataclasses import replace

from ..errors import Problem, column_letter
from ..read.sheets import RawSheet, merged_ranges


def explain_blanks(sheet: RawSheet, problems: list[Problem]) -> list[Problem]:
    """Blank required cells that are not simply blank: a formula whose cached value is an error
    (reported once, by ``validate.month._formula_errors``) or a cell inside a merged block
    (only a merge's first cell holds the value; say so, since the cell looks filled in Excel)."""
    blanks = [p for p in problems if p.code == "blank_required" and p.row is not None]
    if not blanks:
        return problems
    errors = {(r, column_letter(c)) for r, c, _ in sheet.cell_errors}
    merges = []
    if sheet.source.kind == "xlsx":
        merges = [(_cell(a), _cell(b), ref) for ref in merged_ranges(sheet.source, sheet.sheet)
                  for a, b in [ref.split(":")]]
    out = []
    for p in problems:
        if p.code == "blank_required" and p.row is not None:
            if (p.row, p.letter) in errors:
                continue
            col = _col_number(p.letter)
            ref = next((ref for (r0, c0), (r1, c1), ref in merges
                        if r0 <= p.row <= r1 and c0 <= col <= c1 and (p.row, col) != (r0, c0)), None)
            if ref:
                p = replace(p, message=f"必填项为空:该格在合并单元格 {ref} 内,只有左上角的格有值;请取消合并并逐行填写"
                                       f"‖required value is blank: the cell is inside the merged cells {ref}, which "
                                       "hold a value only in their first cell; unmerge them and fill every row")
        out.append(p)
    return out


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _cell(ref: str) -> tuple[int, int]:
    """``D12`` → (12, 4)."""
    i = next(i for i, ch in enumerate(ref) if ch.isdigit())
    return int(ref[i:]), _col_number(ref[:i])
