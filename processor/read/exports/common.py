"""What the person × day reader shares: the ExportTable, grouped headers, the person-day frame.

Why: the exports put title rows above a one- or two-row header (single columns merged
vertically, grouped ones under a parent such as ``上班1`` or ``请假``) and spell blanks ``--``.
The reader finds every header here and turns each sheet into the same person-day frame
(:data:`ROW_COLUMNS`), so mapping people to the roster and shaping the attendance table is
done once, in :mod:`processor.read.exports`. Only header rows (at most 11) are visited in
Python; data rows are handled column by column, repeated text once per distinct value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from ... import parse
from ...distinct import map_uniques, via_uniques  # noqa: F401  (map_uniques: the readers' import)
from ...errors import Problem, capped, column_letter
from ...schema import norm_header
from ..sheets import RawSheet

HEADER_SCAN_ROWS = 10
DAY = pd.Timedelta(days=1)

# One row per person-day, whatever the export (see ExportTable.rows).
ROW_COLUMNS = [
    "ident_id", "ident_account", "ident_name", "date", "shift_text", "shift", "shift_start", "shift_end",
    "shift_end_next_day", "clock_in", "clock_in_at", "clock_in_next_day", "clock_out", "clock_out_at",
    "clock_out_next_day", "export_verdict", "export_leave", "from_verdict", "flex", "punches", "_file", "_sheet", "_row",
]

_TEXT_COLUMNS = {"ident_id", "ident_account", "ident_name", "shift_text", "shift", "export_verdict", "export_leave"}


@dataclass
class ExportTable:
    """One attendance export found in a file.

    ``rows`` holds :data:`ROW_COLUMNS`; ``sheets`` the sheet names the export claims (the caller
    must not also try to recognise them as plain tables); ``verdict_only`` is True when the
    export holds each day's verdict but no punch or shift times (WeCom 月报, DingTalk 月度汇总).
    """

    kind: str
    source: str
    sheets: list[str]
    rows: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    verdict_only: bool = False
    notes: list[str] = field(default_factory=list)
    headers: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)  # sheet → Header.locate()
    punch_times: bool = False  # a matrix of punch times (WeCom 打卡时间记录): fills a 月报's days
    app: str = ""  # the app's name (apps.App.name), for messages in its own words
    header_row: int | None = None  # Excel row of a matrix's header, to locate a message on it


def norm(text: object) -> str:
    return "" if text is None or (isinstance(text, float) and np.isnan(text)) else norm_header(text)


def norm_set(*aliases: str) -> set[str]:
    return {norm(a) for a in aliases}


# ---------------------------------------------------------------- headers


@dataclass
class Header:
    """A recognised header block: ``depth`` rows from ``top``; per column its own name and the
    group it sits under (both normalised, "" when none) and the header as written."""

    sheet: RawSheet
    top: int
    depth: int
    name_pos: int
    names: list[str]
    parents: list[str]
    written: list[str]

    @property
    def data_start(self) -> int:
        return self.top + self.depth

    def find(self, *aliases: str, parent: str | None = None) -> int | None:
        want = norm_set(*aliases)
        for pos, name in enumerate(self.names):
            if name in want and (parent is None or self.parents[pos] == norm(parent)):
                return pos
        return None

    def position(self, *aliases: str) -> int:
        """The position of a column the header was recognised by (``find_header`` required it)."""
        pos = self.find(*aliases)
        if pos is None:
            raise LookupError(f"no column {aliases} in a header found by it")
        return pos

    def matching(self, pattern: re.Pattern[str], parents: bool = False) -> list[tuple[int, re.Match[str]]]:
        """Columns whose name (or group name) matches ``pattern``, left to right."""
        labels = self.parents if parents else self.names
        return [(pos, m) for pos, label in enumerate(labels) if label and (m := pattern.match(label))]

    def letter(self, pos: int) -> str:
        return column_letter(self.sheet.col_index[pos])

    def locate(self, **columns: int | None) -> dict[str, tuple[str, str]]:
        """Attendance column key → (header as written, letter), for the cross-checks' messages
        on the rows taken from this sheet (``employee_id`` is the name column)."""
        return {k: (self.written[p], self.letter(p)) for k, p in {"employee_id": self.name_pos, **columns}.items()
                if p is not None}

    def body(self) -> tuple[pd.DataFrame, np.ndarray]:
        """Data rows (a name in the name column; repeated header rows dropped) and their Excel rows."""
        cells = self.sheet.cells.iloc[self.data_start:]
        names = cells[self.name_pos]
        keep = (~parse.blank(names) & mask(names.astype("string").str.strip() != self.written[self.name_pos])).to_numpy()
        rows = np.flatnonzero(keep) + self.data_start + self.sheet.first_row
        return cells[keep], rows


def mask(m: pd.Series) -> pd.Series:
    return parse.mask(m)


def _row_labels(cells: pd.DataFrame, r: int) -> list[str]:
    if r >= len(cells):
        return [""] * cells.shape[1]
    return [norm(v) for v in cells.iloc[r].tolist()]


def find_header(sheet: RawSheet, name_aliases: Iterable[str], required: Iterable[Iterable[str]] = (),
                test: Callable[[Header], bool] | None = None) -> Header | None:
    """The first row within the first 10 that holds a name header and, in it or the row below,
    one alias of every ``required`` group (and passes ``test``). A second header row is taken
    when the row below leaves the name column blank (vertical merge) — the older single-row
    DingTalk exports have their first person there."""
    cells = sheet.cells
    names_wanted = norm_set(*name_aliases)
    groups = [norm_set(*g) for g in required]
    rows = [_row_labels(cells, r) for r in range(min(HEADER_SCAN_ROWS + 1, len(cells)))]
    for r in range(min(HEADER_SCAN_ROWS, len(rows))):
        here = rows[r]
        name_pos = next((p for p, v in enumerate(here) if v in names_wanted), None)
        if name_pos is None:
            continue
        below = rows[r + 1] if r + 1 < len(rows) else [""] * len(here)
        seen = set(here) | set(below)
        if not all(g & seen for g in groups):
            continue
        depth = 2 if r + 1 < len(cells) and below[name_pos] == "" else 1
        header = _build(sheet, r, depth, name_pos, here, below)
        if test is None or test(header):
            return header
    return None


def _build(sheet: RawSheet, r: int, depth: int, name_pos: int, top: list[str], sub: list[str]) -> Header:
    raw_top = sheet.cells.iloc[r].tolist()
    raw_sub = sheet.cells.iloc[r + 1].tolist() if depth == 2 else [None] * len(raw_top)
    names, parents, written = [], [], []
    group, group_written = "", ""
    for pos, t in enumerate(top):
        s = sub[pos] if depth == 2 else ""
        if t and s:  # first column of a group: parent above, own name below
            group, group_written = t, str(raw_top[pos]).strip()
            names.append(s)
            parents.append(group)
            written.append(f"{group_written} {str(raw_sub[pos]).strip()}")
        elif s:  # further column of the group (the parent cell is merged, so blank here)
            names.append(s)
            parents.append(group)
            written.append(f"{group_written} {str(raw_sub[pos]).strip()}".strip())
        else:  # a single column (merged vertically), or nothing
            group, group_written = "", ""
            names.append(t)
            parents.append("")
            written.append(str(raw_top[pos]).strip() if t else "")
    return Header(sheet, r, depth, name_pos, names, parents, written)


def title_text(sheet: RawSheet, header: Header | None) -> str:
    """The title rows above the header, joined (``统计日期：…``, ``制表时间:…``)."""
    stop = header.top if header else min(3, len(sheet.cells))
    parts = []
    for r in range(stop):
        parts += [str(v).strip() for v in sheet.cells.iloc[r].tolist() if norm(v)]
    return " ".join(parts)


# ---------------------------------------------------------------- values


def per_unique(s: pd.Series, fn: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``fn`` (a vectorised text cleanup) run on the distinct values of ``s`` only: names,
    statuses and punch times repeat across a month, and pandas' regex replace is per element."""
    return via_uniques(fn, s, ratio=2).astype(object)


def text(s: pd.Series) -> pd.Series:
    """Cell text stripped, blanks (and ``--``) as None."""
    out = per_unique(s, parse.clean_text)
    return out.where(out.notna(), None).astype(object)


_GONE = re.compile(r"\s*[（(]\s*(?:已)?离职\s*[)）]\s*$")


def person_name(s: pd.Series) -> pd.Series:
    """Names as matched against the roster: ``孙磊（已离职）`` → ``孙磊``, spaces dropped."""
    def clean(u: pd.Series) -> pd.Series:
        return parse.clean_text(u.astype("string").str.replace(_GONE, "", regex=True).str.replace(r"\s+", "", regex=True))
    out = per_unique(s, clean)
    return out.where(out.notna(), None).astype(object)


def person_id(s: pd.Series) -> pd.Series:
    return parse.via_uniques(parse.parse_id, s)[0]


# ---------------------------------------------------------------- frames and problems


def new_rows(index: pd.Index, file: str, sheet: str, rows: np.ndarray, **cols: pd.Series) -> pd.DataFrame:
    """A person-day frame in :data:`ROW_COLUMNS` order; columns not given take their blank."""
    def blank(c: str) -> pd.Series:
        if c in ("shift_start", "shift_end", "clock_in", "clock_out"):
            return pd.Series(pd.NaT, index=index, dtype="timedelta64[ns]")
        if c in ("date", "clock_in_at", "clock_out_at"):
            return pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
        if c.endswith("_next_day") or c in ("from_verdict", "flex"):
            return pd.Series(False, index=index, dtype=bool)
        if c == "_row":
            return pd.Series(rows, index=index, dtype="int64")
        return pd.Series({"_file": file, "_sheet": sheet}.get(c), index=index, dtype=object)

    out: dict[str, pd.Series] = {}
    for c in ROW_COLUMNS:
        v = cols.get(c)
        if v is not None and c in _TEXT_COLUMNS:
            v = v.astype(object)
            v = v.where(v.notna(), None)
        out[c] = blank(c) if v is None else v
    return pd.DataFrame(out, index=index).reset_index(drop=True)


def empty_rows() -> pd.DataFrame:
    return new_rows(pd.RangeIndex(0), "", "", np.array([], dtype="int64"))


def cell_problems(header: Header, pos: int, raw: pd.Series, rows: np.ndarray, bad: pd.Series | np.ndarray,
                  expected: str, message: str = "值无法识别‖cannot be read", code: str = "bad_value") -> list[Problem]:
    """One problem per bad cell (capped per column), located by file, sheet, row, header and letter."""
    sheet = header.sheet
    letter, col = header.letter(pos), header.written[pos]
    return capped(np.flatnonzero(np.asarray(bad, dtype=bool)),
                  lambda i: Problem(sheet.source.name, message, sheet.sheet, int(rows[i]), col, letter,
                                    "" if pd.isna(raw.iloc[i]) else str(raw.iloc[i]), expected, "attendance", code),
                  lambda more: Problem(sheet.source.name,
                                       f"该列另有 {more} 行同类问题‖{more} more rows like this in the column",
                                       sheet.sheet, None, col, letter, "", expected, "attendance"))


def none_column(index: pd.Index) -> pd.Series:
    """A column of nothing (an identity the export does not carry)."""
    return pd.Series(None, index=index, dtype=object)


def idents(h: "Header", body: pd.DataFrame, account: tuple[str, ...], ident: tuple[str, ...]) -> dict[str, pd.Series]:
    """The person columns of an export: name, account (WeCom 账号 / DingTalk UserId) and 工号."""
    acct, id_pos = h.find(*account), h.find(*ident)
    return {"ident_name": person_name(body[h.name_pos]),
            "ident_account": text(body[acct]) if acct is not None else none_column(body.index),
            "ident_id": person_id(body[id_pos]) if id_pos is not None else none_column(body.index)}
