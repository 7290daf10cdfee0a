"""What the WeCom and DingTalk readers share: grouped headers, shift texts, punches, person-days.

Why: the exports put title rows above a one- or two-row header (single columns merged
vertically, grouped ones under a parent such as ``上班1`` or ``请假``), spell blanks ``--``,
write shifts as ``09:00-12:00、13:00-18:00`` or ``4班次17点 17:00-次日01:30`` and describe a day
in their own words. Every reader turns its sheets into the same person-day frame
(:data:`ROW_COLUMNS`), so mapping people to the roster and shaping the attendance table is
done once, in :mod:`processor.read.exports`.

Only header rows (at most 11) are visited in Python; data rows are handled column by column,
and text that repeats (shift names, statuses, approval texts) is parsed once per distinct value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from ...errors import Problem, column_letter
from ...validate import parse
from ...validate.schema import code_lookup, norm_header
from ..sheets import RawSheet

HEADER_SCAN_ROWS = 10
MAX_PER_COLUMN = 50
DAY = pd.Timedelta(days=1)

# One row per person-day, whatever the export (see ExportTable.rows).
ROW_COLUMNS = [
    "ident_id", "ident_account", "ident_name", "date", "shift_text", "shift", "shift_start", "shift_end",
    "shift_end_next_day", "clock_in", "clock_in_at", "clock_in_next_day", "clock_out", "clock_out_at",
    "clock_out_next_day", "export_verdict", "export_leave", "_file", "_sheet", "_row",
]

_TEXT_COLUMNS = {"ident_id", "ident_account", "ident_name", "shift_text", "shift", "export_verdict", "export_leave"}

EXPECTED_DATE = "日期,如 2026/02/28 星期六、26-05-01 星期五‖a date such as 2026/02/28"
EXPECTED_TIME = "打卡时间,如 08:59、次日 02:00、2026-05-01 08:23‖a punch time such as 08:59"
EXPECTED_SHIFT = "班次,如 09:00-18:00、普通出勤 08:30-18:00、夜班 22:00-次日06:00、休息‖a shift such as 09:00-18:00"


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

    def matching(self, pattern: re.Pattern[str], parents: bool = False) -> list[tuple[int, re.Match[str]]]:
        """Columns whose name (or group name) matches ``pattern``, left to right."""
        labels = self.parents if parents else self.names
        return [(pos, m) for pos, label in enumerate(labels) if label and (m := pattern.match(label))]

    def letter(self, pos: int) -> str:
        return column_letter(self.sheet.col_index[pos])

    def body(self) -> tuple[pd.DataFrame, np.ndarray]:
        """Data rows (a name in the name column; repeated header rows dropped) and their Excel rows."""
        cells = self.sheet.cells.iloc[self.data_start:]
        names = cells[self.name_pos]
        keep = ~parse.blank(names) & mask(names.astype("string").str.strip() != self.written[self.name_pos])
        keep = keep.to_numpy()
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


def map_uniques(s: pd.Series, func: Callable[[object], tuple], n: int) -> list[np.ndarray]:
    """Apply ``func`` (returning an ``n``-tuple) once per distinct value of ``s``."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    values = [func(u) for u in uniques] + [func(None)]
    take = np.where(codes < 0, len(uniques), codes)
    out = []
    for i in range(n):
        col = np.empty(len(values), dtype=object)
        col[:] = [v[i] for v in values]
        out.append(col[take])
    return out


def text(s: pd.Series) -> pd.Series:
    """Cell text stripped, blanks (and ``--``) as None."""
    return parse.clean_text(s)


_GONE = re.compile(r"\s*[（(]\s*(?:已)?离职\s*[)）]\s*$")


def person_name(s: pd.Series) -> pd.Series:
    """Names as matched against the roster: ``孙磊（已离职）`` → ``孙磊``, spaces dropped."""
    t = s.astype("string").str.replace(_GONE, "", regex=True).str.replace(r"\s+", "", regex=True)
    return text(t)


def person_id(s: pd.Series) -> pd.Series:
    return parse.via_uniques(parse.parse_id, s)[0]


def read_dates(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``2026/02/28 星期六``, ``26-05-01 星期五``, real dates → (midnight datetime64, bad)."""
    d, bad = parse.via_uniques(parse.parse_date, s)
    return d.astype("datetime64[ns]"), bad


def epoch_dates(s: pd.Series) -> pd.Series:
    """DingTalk ``workDate``: epoch milliseconds as text → the China-time calendar date."""
    ms = pd.to_numeric(s, errors="coerce")
    ok = ms.between(1e12, 1e13)
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    if ok.any():
        ts = pd.to_datetime(ms[ok], unit="ms", utc=True).dt.tz_convert("Asia/Shanghai")
        out[ok] = ts.dt.tz_localize(None).dt.normalize().astype("datetime64[ns]")
    return out


_NO_PUNCH = {"未打卡", "缺卡", "无", "无需打卡"}
_NOTE = re.compile(r"\s*[（(][^)）]*[)）]\s*$")


def read_punches(s: pd.Series, dates: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """Punch cells → (time since midnight, full datetime or NaT, next-day flag, bad mask).

    ``08:59``, ``次日 02:00``, ``09:30(补卡)`` and real Excel times give a time; a full
    ``2026-05-01 08:23`` gives both the datetime and its time on the row's date (next-day flag
    when it falls on the following day). ``未打卡``/``缺卡``/``--`` are no punch.
    """
    t = s.astype("string").str.strip().str.replace(_NOTE, "", regex=True)
    t = t.mask(t.isin(_NO_PUNCH))
    td, bad_t, nxt = parse.via_uniques(parse.parse_time, t)
    td = td.astype("timedelta64[ns]")
    nxt = nxt.astype(bool)
    at = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    bad_t = bad_t.astype(bool)
    if bad_t.any():
        v, _, has_time = parse.parse_datetime(t[bad_t])
        at[bad_t] = v.where(has_time)
        days = (at.dt.normalize() - dates).dt.days
        own = at.notna() & days.isin([0, 1])
        td = td.mask(own, at - at.dt.normalize())
        nxt = nxt | mask(own & (days == 1))
    bad = bad_t & at.isna()
    return td, at, nxt, bad


def offset(td: pd.Series, nxt: pd.Series) -> pd.Series:
    """Time since the row date's midnight (a next-day time plus a day)."""
    return td + pd.to_timedelta(nxt.astype(int), unit="D")


# ---------------------------------------------------------------- shifts

_TOKEN = re.compile(r"(次日|第二天|翌日|\+1)?\s*(\d{1,2})\s*[:：]\s*(\d{2})")
_REST_WORDS = norm_set("休息", "休", "休息日", "rest", "off", "公休", "节假日休息", "休息班")
_SHIFT_CODES = code_lookup("shift") | {norm(w): "day" for w in (
    "普通出勤", "正常出勤", "普通班", "行政班", "标准班", "固定班", "日班", "常日班")}
_SHIFT_KEYS = (("夜", "night"), ("早", "morning"), ("中", "middle"), ("晚", "evening"), ("白", "day"))


def _shift_one(value: object) -> tuple:
    """(name, start minutes, end minutes, end next day, status ∈ rest/ok/bad) of one 班次 text."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None, np.nan, np.nan, False, "rest"
    s = str(value).strip().translate(str.maketrans("：－—～", ":--~"))
    if s in ("", "--", "-") or norm(s) in _REST_WORDS:
        return None, np.nan, np.nan, False, "rest"
    tokens = list(_TOKEN.finditer(s))
    name = s[:tokens[0].start()].strip() if tokens else s
    if len(tokens) < 2:
        return name or None, np.nan, np.nan, False, ("rest" if "休息" in s else "bad")
    first, last = tokens[0], tokens[-1]
    start = int(first.group(2)) * 60 + int(first.group(3))
    end = int(last.group(2)) * 60 + int(last.group(3))
    ok = start <= 24 * 60 and end <= 24 * 60 and int(first.group(3)) < 60 and int(last.group(3)) < 60
    return name or None, float(start), float(end), bool(last.group(1)), ("ok" if ok else "bad")


def _name_code(name: object) -> object:
    if name is None:
        return None
    exact = _SHIFT_CODES.get(norm(name))
    if exact:
        return exact
    hits = {code for key, code in _SHIFT_KEYS if key in str(name)}
    return hits.pop() if len(hits) == 1 else None


def read_shifts(s: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """班次 texts → frame (shift_text, shift, shift_start, shift_end, shift_end_next_day) and bad mask.

    ``09:00-12:00、13:00-18:00`` is one shift from the first start to the last end; ``次日01:30``
    is an end on the next day (kept as 01:30: the end is not after the start, which
    ``resolve_attendance`` reads as crossing midnight). ``休息``, ``--`` and blank are rest.
    The code comes from the shift's name when it names one (早班/中班/晚班/夜班/白班, 普通出勤 =
    白班), else from its start time (see :func:`shift_code`).
    """
    name, start, end, end_next, status = map_uniques(s, _shift_one, 5)
    start_td = pd.to_timedelta(pd.Series(start.astype(float), index=s.index), unit="m").astype("timedelta64[ns]")
    end_td = pd.to_timedelta(pd.Series(end.astype(float), index=s.index), unit="m").astype("timedelta64[ns]")
    end_next = pd.Series(end_next.astype(bool), index=s.index)
    status = pd.Series(status, index=s.index)
    names = pd.Series(name, index=s.index, dtype=object)
    code = shift_code(names, start_td, end_td, end_next, status.eq("rest"))
    frame = pd.DataFrame({"shift_text": text(s), "shift": code, "shift_start": start_td, "shift_end": end_td,
                          "shift_end_next_day": end_next}, index=s.index)
    return frame, mask(status.eq("bad"))


def shift_code(names: pd.Series, start: pd.Series, end: pd.Series, end_next: pd.Series,
               rest: pd.Series) -> pd.Series:
    """The shift code of inputs.md for a shift the export gives by name and times.

    Rule (documented for centers): rest when the export says 休息 or gives no schedule; else
    the code the shift's name spells (早班 morning, 中班 middle, 晚班 evening, 夜班 night,
    白班/普通出勤 day; a name holding exactly one of 早/中/晚/夜/白 counts too); else by the start
    time: a shift crossing midnight that starts at or after 20:00, or one starting before 05:00,
    is night; 05:00–08:59 morning; 09:00–09:59 day (office hours); 10:00–13:59 middle;
    14:00 and later evening.
    """
    by_name = pd.Series(map_uniques(names, lambda n: (_name_code(n),), 1)[0], index=names.index, dtype=object)
    hours = start.dt.total_seconds() / 3600
    crosses = end_next | (end <= start)
    by_time = np.select(
        [start.isna(), (crosses & (hours >= 20)) | (hours < 5), hours < 9, hours < 10, hours < 14],
        [None, "night", "morning", "day", "middle"], "evening")
    code = by_name.where(by_name.notna(), pd.Series(by_time, index=names.index, dtype=object))
    return code.where(~rest, "rest").astype(object)


def shift_label(start: pd.Series, end: pd.Series) -> pd.Series:
    """``09:00-18:00`` / ``22:00-次日06:00`` for shifts given only by scheduled punch times."""
    def hm(td: pd.Series) -> pd.Series:
        secs = (td.dt.total_seconds() % 86400).fillna(0).astype(int)
        return (secs // 3600).astype(str).str.zfill(2) + ":" + (secs % 3600 // 60).astype(str).str.zfill(2)
    label = hm(start) + "-" + np.where(end >= DAY, "次日", "") + hm(end)
    return label.where(start.notna() & end.notna(), None).astype(object)


# ---------------------------------------------------------------- texts of the day

_LEAVE = re.compile(r"事假|病假|年假|年休假|调休|婚假|丧假|产假|陪产假|产检假|育儿假|护理假|哺乳假|探亲假|工伤假|请假")
_SPLIT = re.compile(r"\s*(?:[;；\n]|(?<=[)）])\s*[,，、])\s*")


def _leave_one(value: object) -> tuple:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return (None,)
    items = [i for i in _SPLIT.split(str(value).strip()) if i and _LEAVE.search(i) and "补卡" not in i]
    return ("; ".join(items) or None,)


def leave_items(s: pd.Series) -> pd.Series:
    """The leave approvals in a 假勤申请 / 关联的审批单 cell (补卡, 出差, 加班 items dropped)."""
    return pd.Series(map_uniques(s, _leave_one, 1)[0], index=s.index, dtype=object)


def join_texts(parts: Iterable[tuple[str, pd.Series]], index: pd.Index) -> pd.Series:
    """Join non-blank texts column by column with ``; `` (each prefixed by its label, if any)."""
    out = pd.Series("", index=index, dtype=object)
    for label, s in parts:
        t = text(s)
        piece = (label + " " if label else "") + t.astype("string")
        piece = piece.fillna("").astype(object)
        sep = np.where((out != "") & (piece != ""), "; ", "")
        out = out + sep + piece
    return out.where(out != "", None).astype(object)


def verdict_text(s: pd.Series) -> pd.Series:
    """A day cell such as ``迟到9分钟; 缺卡1次;`` → ``迟到9分钟; 缺卡1次`` (newlines become ``; ``)."""
    t = s.astype("string").str.replace(r"\s*[;；\n]+\s*", "; ", regex=True).str.strip().str.strip(";").str.strip()
    return text(t)


def says_leave(*statuses: pd.Series) -> pd.Series:
    """True where any status names leave (``无需打卡（请假）``, ``正常（请假）``, DingTalk ``请假``)."""
    out = None
    for s in statuses:
        hit = mask(s.astype("string").str.contains("请假|休假", regex=True))
        out = hit if out is None else (out | hit)
    return out


# ---------------------------------------------------------------- frames and problems


def new_rows(index: pd.Index, file: str, sheet: str, rows: np.ndarray, **cols: pd.Series) -> pd.DataFrame:
    """A person-day frame in :data:`ROW_COLUMNS` order; columns not given take their blank."""
    blank = {
        "date": pd.Series(pd.NaT, index=index, dtype="datetime64[ns]"),
        "shift": pd.Series(None, index=index, dtype=object),
    }
    out: dict[str, pd.Series] = {}
    for c in ROW_COLUMNS:
        if c in cols:
            v = cols[c]
            if c in _TEXT_COLUMNS:
                v = v.astype(object)
                v = v.where(v.notna(), None)
            out[c] = v
        elif c in ("shift_start", "shift_end", "clock_in", "clock_out"):
            out[c] = pd.Series(pd.NaT, index=index, dtype="timedelta64[ns]")
        elif c in ("clock_in_at", "clock_out_at"):
            out[c] = pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
        elif c.endswith("_next_day"):
            out[c] = pd.Series(False, index=index, dtype=bool)
        elif c in blank:
            out[c] = blank[c]
        elif c == "_file":
            out[c] = pd.Series(file, index=index, dtype=object)
        elif c == "_sheet":
            out[c] = pd.Series(sheet, index=index, dtype=object)
        elif c == "_row":
            out[c] = pd.Series(rows, index=index, dtype="int64")
        else:
            out[c] = pd.Series(None, index=index, dtype=object)
    return pd.DataFrame(out, index=index).reset_index(drop=True)


def empty_rows() -> pd.DataFrame:
    return new_rows(pd.RangeIndex(0), "", "", np.array([], dtype="int64"))


def cell_problems(header: Header, pos: int, raw: pd.Series, rows: np.ndarray, bad: pd.Series | np.ndarray,
                  expected: str, message: str = "值无法识别‖cannot be read") -> list[Problem]:
    """One problem per bad cell (capped per column), located by file, sheet, row, header and letter."""
    idx = np.flatnonzero(np.asarray(bad, dtype=bool))
    if not len(idx):
        return []
    sheet = header.sheet
    letter, col = header.letter(pos), header.written[pos]
    out = [Problem(sheet.source.name, message, sheet.sheet, int(rows[i]), col, letter,
                   "" if pd.isna(raw.iloc[i]) else str(raw.iloc[i]), expected, "attendance")
           for i in idx[:MAX_PER_COLUMN]]
    if len(idx) > MAX_PER_COLUMN:
        more = len(idx) - MAX_PER_COLUMN
        out.append(Problem(sheet.source.name, f"该列另有 {more} 行同类问题‖{more} more rows like this in the column",
                           sheet.sheet, None, col, letter, "", expected, "attendance"))
    return out


def first_last(pairs: list[tuple[pd.Series, pd.Series, pd.Series]], last: bool
               ) -> tuple[pd.Series, pd.Series, pd.Series]:
    """The first (or last) punch present among ordered (time, datetime, next-day) columns."""
    order = reversed(pairs) if last else iter(pairs)
    td, at, nxt = next(order)
    for t2, a2, n2 in order:
        have = td.notna() | at.notna()
        td, at, nxt = td.where(have, t2), at.where(have, a2), nxt.where(have, n2)
    return td, at, nxt.astype(bool)


# ---------------------------------------------------------------- punch rows → person-days


def punches_to_days(p: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One person-day per ``keys`` from one row per punch.

    ``p`` holds ``keys``, ``date``, ``kind`` ('in'/'out'/None), ``sched`` (scheduled time as an
    offset from the date's midnight, NaT when none), ``punch`` (offset, NaT for a missing
    punch), ``at`` (full datetime or NaT), ``status``, ``leave``, ``_row``. Clock-in is the
    earliest punch of kind 'in', clock-out the latest of kind 'out'; a punch of unknown kind is
    'in' when its scheduled time is the day's first, 'out' when the last, and with no schedule
    the day's first punch is 'in' and (of two or more) the last 'out'. The shift runs from the
    day's first scheduled time to its last; the day's statuses are joined in sheet order.
    """
    p = p.reset_index(drop=True)
    p["_gid"] = p.groupby(keys, sort=False, dropna=False).ngroup()
    g = p.groupby("_gid", sort=False)
    s_min, s_max = g["sched"].transform("min"), g["sched"].transform("max")
    n_punch = g["punch"].transform("count")
    rank = p["punch"].dt.total_seconds().groupby(p["_gid"]).rank(method="first")
    by_sched = pd.Series(np.where(p["sched"].eq(s_min), "in", np.where(p["sched"].eq(s_max), "out", None)),
                         index=p.index, dtype=object).where(p["sched"].notna())
    by_rank = pd.Series(np.where(rank.eq(1), "in", np.where(rank.eq(n_punch) & (n_punch >= 2), "out", None)),
                        index=p.index, dtype=object).where(s_min.isna())
    kind = p["kind"].astype(object)
    kind = kind.where(kind.notna(), by_sched.where(by_sched.notna(), by_rank))
    days = p.sort_values("_row", kind="stable").drop_duplicates("_gid").set_index("_gid")[keys + ["_row"]]
    days = days.sort_index()
    days["s_min"], days["s_max"] = g["sched"].min(), g["sched"].max()
    ins = p[kind.eq("in") & p["punch"].notna()].sort_values("punch", kind="stable").drop_duplicates("_gid")
    outs = p[kind.eq("out") & p["punch"].notna()].sort_values("punch", kind="stable").drop_duplicates("_gid", keep="last")
    days["in_off"], days["clock_in_at"] = ins.set_index("_gid")["punch"], ins.set_index("_gid")["at"]
    days["out_off"], days["clock_out_at"] = outs.set_index("_gid")["punch"], outs.set_index("_gid")["at"]
    p["_k"] = g.cumcount()
    wide = p.pivot(index="_gid", columns="_k", values="status")
    days["export_verdict"] = join_texts([("", wide[c]) for c in wide.columns], wide.index)
    days["export_leave"] = p.dropna(subset=["leave"]).drop_duplicates("_gid").set_index("_gid")["leave"]
    for col, off in (("clock_in", "in_off"), ("clock_out", "out_off")):
        o = days[off].astype("timedelta64[ns]")
        nxt = mask(o >= DAY)
        days[col] = (o - pd.to_timedelta(nxt.astype(int), unit="D")).astype("timedelta64[ns]")
        days[f"{col}_next_day"] = nxt
        days[f"{col}_at"] = days[f"{col}_at"].astype("datetime64[ns]")
    one = days["s_min"].eq(days["s_max"])  # a single scheduled time is no shift window
    s_lo, s_hi = days["s_min"].where(~one), days["s_max"].where(~one)
    end_next = mask(s_hi >= DAY)
    days["shift_start"] = (s_lo - pd.to_timedelta(mask(s_lo >= DAY).astype(int), unit="D")).astype("timedelta64[ns]")
    days["shift_end"] = (s_hi - pd.to_timedelta(end_next.astype(int), unit="D")).astype("timedelta64[ns]")
    days["shift_end_next_day"] = end_next
    days["shift_text"] = shift_label(s_lo, s_hi)
    none = pd.Series(None, index=days.index, dtype=object)
    code = shift_code(none, days["shift_start"], days["shift_end"], end_next, days["s_min"].isna())
    days["shift"] = code.where(~one, None)  # one scheduled time: the window is unknown, not a rest day
    return days.reset_index(drop=True)


def unknown_windows(sheet: RawSheet, rows: pd.DataFrame) -> list[Problem]:
    """One problem for the person-days taken from a per-punch ``sheet`` that name a single
    scheduled time (a missed punch leaves no row there), so the shift's other end is unknown."""
    one = rows[rows["_sheet"].eq(sheet.sheet) & rows["_file"].eq(sheet.source.name)
               & rows["shift"].isna() & rows["shift_start"].isna()]
    if one.empty:
        return []
    first = one.sort_values("_row").iloc[0]
    return [Problem(sheet.source.name, f"有 {len(one)} 个人天只有一次打卡,无法从“{sheet.sheet}”得知班次的上下班时间(如"
                                       f"{first['ident_name']} {first['date']:%Y-%m-%d}):请一并导出含“班次”列的每日统计/日报工作表"
                                       f"‖{len(one)} person-days have a single punch, so their shift times are unknown from this sheet: "
                                       "export the daily sheet (with 班次) as well",
                    sheet.sheet, int(first["_row"]), value=str(first["ident_name"]), table="attendance")]


def supplement(primary: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    """``primary`` plus the person-days of ``extra`` it lacks (a per-punch sheet beside a daily one)."""
    if extra.empty:
        return primary
    if primary.empty:
        return extra

    def key(f: pd.DataFrame) -> pd.Series:
        who = f["ident_account"].where(f["ident_account"].notna(), f["ident_id"]).astype("string").fillna("")
        return f["ident_name"].astype("string").fillna("") + "|" + who + "|" + f["date"].astype("string").fillna("")

    return pd.concat([primary, extra[~key(extra).isin(key(primary)).to_numpy()]], ignore_index=True)


# ---------------------------------------------------------------- day-matrix sheets (月报, 月度汇总)

_DAY_HEAD = re.compile(r"^(\d{1,2})日?(?:星期|周)?([一二三四五六日天])?$")
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def day_columns(header: Header) -> list[tuple[int, int, int | None]]:
    """(position, day of month, weekday or None) of columns headed ``1\\n星期四``, ``1 五`` or ``1``.

    Bare numbers count only as a run of at least 28 (a whole month); with weekdays, 7 will do.
    """
    found = [(pos, int(m.group(1)), _WEEKDAY.get(m.group(2)) if m.group(2) else None)
             for pos, m in header.matching(_DAY_HEAD) if 1 <= int(m.group(1)) <= 31]
    with_weekday = sum(w is not None for _, _, w in found)
    return found if (with_weekday >= 7 or len(found) >= 28) else []


_SPAN_FILE = re.compile(r"(20\d{2})(\d{2})(\d{2})\s*[-_~～至]\s*(20\d{2})(\d{2})(\d{2})")
_SPAN_FULL = re.compile(r"(20\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:至|到|~|～|-)\s*"
                        r"(20\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_SPAN_SHORT = re.compile(r"统计(?:时间|日期|周期)\s*[:：]?\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:至|到|~|～|-)")
_MADE = re.compile(r"(?:制表|生成)时间\s*[:：]?\s*(20\d{2})\s*[-/.年]\s*(\d{1,2})")


def start_candidates(sheet: RawSheet, header: Header, month: str | None) -> list[pd.Timestamp]:
    """Possible first days of the period, best first: the file name's ``YYYYMMDD-YYYYMMDD``,
    a title's full ``2026-05-01 至 2026-05-31``, a WeCom title's ``统计时间:10-01 ～`` with the
    year of ``制表时间`` (or of the month being run), and the first of the month being run."""
    out: list[pd.Timestamp] = []
    title = title_text(sheet, header)
    for m in (_SPAN_FILE.search(sheet.source.name), _SPAN_FULL.search(title)):
        if m:
            out.append(pd.Timestamp(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    short = _SPAN_SHORT.search(title)
    if short:
        mon, day = int(short.group(1)), int(short.group(2))
        years = []
        made = _MADE.search(title)
        if made:
            y, made_mon = int(made.group(1)), int(made.group(2))
            years.append(y - 1 if mon > made_mon else y)
        if month:
            years.append(int(month[:4]))
        for y in years + [y + d for y in years for d in (-1, 1)]:
            try:
                out.append(pd.Timestamp(y, mon, day))
            except ValueError:
                continue
    if month:
        out.append(pd.Timestamp(f"{month}-01"))
    return list(dict.fromkeys(out))


def day_dates(days: list[tuple[int, int, int | None]], start: pd.Timestamp) -> list[pd.Timestamp] | None:
    """The date of each day column counting on from ``start`` (a period may cross a month end);
    None when a day number does not follow or a weekday does not agree."""
    out, cursor = [], start
    for _, day, weekday in days:
        steps = 0
        while cursor.day != day and steps < 31:
            cursor += DAY
            steps += 1
        if cursor.day != day or (weekday is not None and cursor.weekday() != weekday):
            return None
        out.append(cursor)
        cursor += DAY
    return out


def melt_days(header: Header, days: list[tuple[int, int, int | None]], dates: list[pd.Timestamp]
              ) -> tuple[pd.DataFrame, np.ndarray, pd.Series, pd.Series]:
    """A person × day matrix → (body repeated per day, Excel rows, dates, cell values), vectorised."""
    body, rows = header.body()
    n, k = len(body), len(days)
    wide = body[[pos for pos, _, _ in days]].to_numpy(dtype=object)
    take = np.repeat(np.arange(n), k)
    long_body = body.iloc[take].reset_index(drop=True)
    values = pd.Series(wide.reshape(-1), dtype=object)
    date_s = pd.Series(np.tile(np.array(dates, dtype="datetime64[ns]"), n), dtype="datetime64[ns]")
    return long_body, rows[take], date_s, values


def looks_dingtalk(header: Header) -> bool:
    """DingTalk's own columns: UserId, 考勤组, workDate, or punch columns named ``上班1打卡时间``."""
    names = set(header.names)
    return bool(names & norm_set("UserId", "考勤组", "workDate")) or any(
        re.match(r"^(上班|下班)\d?打卡(时间|结果)$", n) for n in names if n)
