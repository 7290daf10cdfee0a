"""Writing a DataFrame as a table people can read, fast and without ever creating a formula.

The Attendance and Findings sheets of a large center run to tens of thousands of rows, so
cells are written column by column with ``write_number`` / ``write_string`` from values
converted once per column (dates become Excel serial numbers in one vectorised step), not
through ``DataFrame.to_excel``. Every text goes through ``write_string``: a name such as
``=HYPERLINK(...)`` is stored as text, never as a formula. Missing values (NaN, None, NaT)
are left as empty cells, because an empty cell is what "no data" means to a reader.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from processor.write import labels
from processor.write.columns import kind_of
from processor.write.privacy import mask_phone

MAX_TEXT = 32767  # Excel's limit for one cell
NUMERIC = {"rate", "score", "count", "yuan", "points", "coef"}
DATES = {"date", "datetime"}
_EPOCH = pd.Timestamp("1899-12-30")

GRADE_COLOURS = {  # fill, font: 优秀 green, 良好 blue, 合格 amber, 不合格 red
    "excellent": ("#C6EFCE", "#006100"), "good": ("#DDEBF7", "#1F4E79"),
    "pass": ("#FFEB9C", "#9C5700"), "fail": ("#FFC7CE", "#9C0006"),
}
OUTCOME_COLOURS = {
    "late": "#FFEB9C", "early": "#FFEB9C", "late_early": "#FFD8A8", "excused": "#E2EFDA",
    "missing_punch": "#FCE4D6", "absence": "#FFC7CE", "leave": "#DDEBF7", "rest": "#EDEDED",
}
NUMBER_FORMATS = {"rate": "0.0%", "score": "0.00", "yuan": "#,##0.00", "coef": "0.0#",
                  "date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm:ss"}
FIXED_WIDTH = {"rate": 9, "score": 9, "count": 8, "yuan": 12, "points": 8, "coef": 8,
               "date": 11, "datetime": 19}
TEXT_CAP, LONG_CAP = 40, 60
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False,
                    "strings_to_numbers": False, "nan_inf_to_errors": False,
                    "default_date_format": "yyyy-mm-dd"}


def display_width(text: str) -> int:
    """Columns of screen a text takes: CJK characters count double (3 UTF-8 bytes → 2)."""
    return len(text) + (len(text.encode("utf-8")) - len(text)) // 2


@dataclass
class Formats:
    """The cell formats of one workbook, made once (XlsxWriter formats belong to a workbook)."""

    book: Workbook
    _cache: dict[str, object] = field(default_factory=dict)

    def get(self, name: str, **props: object) -> object:
        if name not in self._cache:
            base = {"font_name": "Microsoft YaHei", "font_size": 10, "valign": "top"}
            self._cache[name] = self.book.add_format({**base, **props})
        return self._cache[name]

    def header(self) -> object:
        return self.get("header", bold=True, bg_color="#1F3864", font_color="#FFFFFF",
                        text_wrap=True, valign="vcenter", border=1, border_color="#BFBFBF")

    def kind(self, kind: str) -> object:
        if kind == "long":
            return self.get("long", text_wrap=True)
        if kind in NUMBER_FORMATS:
            return self.get(kind, num_format=NUMBER_FORMATS[kind])
        return self.get("text")

    def grade(self, code: str) -> object:
        fill, font = GRADE_COLOURS[code]
        return self.get(f"grade:{code}", bg_color=fill, font_color=font, bold=True, align="center")

    def outcome(self, code: str) -> object:
        return self.get(f"outcome:{code}", bg_color=OUTCOME_COLOURS[code])

    def total(self, kind: str) -> object:
        props: dict[str, object] = {"bold": True, "top": 2, "bg_color": "#F2F2F2"}
        if kind in NUMBER_FORMATS:
            props["num_format"] = NUMBER_FORMATS[kind]
        return self.get(f"total:{kind}", **props)

    def title(self) -> object:
        return self.get("title", bold=True, font_size=12)


def as_text(value: object) -> str | None:
    """A cell value as the text a person would type; None for every kind of missing."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, (list, tuple, set, np.ndarray)):
        return ", ".join(t for t in (as_text(v) for v in value) if t) or None
    if isinstance(value, pd.Timestamp):
        return value.isoformat(sep=" ")
    return str(value)


def _numbers(series: pd.Series) -> tuple[list[float | None], np.ndarray]:
    """Finite floats (None elsewhere) and a mask of cells that held something unreadable."""
    raw = series.astype(object) if pd.api.types.is_bool_dtype(series) else series
    nums = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    ok = np.isfinite(nums)
    return [v if k else None for v, k in zip(nums.tolist(), ok.tolist())], (~ok & series.notna().to_numpy())


def _serials(series: pd.Series) -> tuple[list[float | None], np.ndarray]:
    """Excel serial day numbers of a date/datetime column (vectorised), as for :func:`_numbers`."""
    if pd.api.types.is_datetime64_any_dtype(series):
        stamps = series
    else:
        stamps = pd.to_datetime(series, errors="coerce", format="mixed")
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_localize(None)
    days = ((stamps - _EPOCH) / pd.Timedelta(days=1)).to_numpy(dtype=float, na_value=np.nan)
    ok = np.isfinite(days)
    return [v if k else None for v, k in zip(days.tolist(), ok.tolist())], (~ok & series.notna().to_numpy())


def _texts(series: pd.Series, kind: str, lang: str) -> list[str | None]:
    values = series.tolist()
    if kind == "grade":
        return [labels.grade_label(v, lang) or None for v in values]
    label = {"outcome": labels.outcome_label, "action": labels.action_label,
             "shift": labels.shift_label, "flags": labels.flags_label}.get(kind)
    if label is not None:
        # English keeps the codes in the workbook (scripts read them); words are for Chinese.
        texts = [as_text(v) for v in values] if lang == "en" else \
            [label(v, lang) or None for v in values]
    else:
        texts = [as_text(v) for v in values]
    if kind == "id":
        return [t[:MAX_TEXT] if t else t for t in texts]
    return [mask_phone(t)[:MAX_TEXT] if t else t for t in texts]


def write_column(ws: Worksheet, fm: Formats, row0: int, col: int, series: pd.Series | None,
                 kind: str, lang: str) -> int:
    """Write one column's values from ``row0`` down; return the display width they need."""
    if series is None or len(series) == 0:
        return 0
    fmt = fm.kind(kind)
    if kind == "bool":
        for r, v in enumerate(series.tolist(), row0):
            if isinstance(v, (bool, np.bool_)):
                ws.write_boolean(r, col, bool(v), fmt)
            elif (t := as_text(v)) is not None:
                ws.write_string(r, col, mask_phone(t)[:MAX_TEXT], fmt)
        return 6
    if kind in NUMERIC or kind in DATES:
        vals, bad = _numbers(series) if kind in NUMERIC else _serials(series)
        put = ws.write_number
        for r, v in enumerate(vals, row0):
            if v is not None:
                put(r, col, v, fmt)
        width = FIXED_WIDTH[kind]
        if bad.any():  # keep what we could not read as a number or date, as text
            for i in np.flatnonzero(bad).tolist():
                t = mask_phone(as_text(series.iloc[i]) or "")
                ws.write_string(row0 + i, col, t[:MAX_TEXT], fm.kind("text"))
                width = max(width, display_width(t))
        return width
    texts = _texts(series, kind, lang)
    put = ws.write_string
    if kind in ("grade", "outcome"):
        codes = [labels.grade_code(v) for v in series.tolist()] if kind == "grade" else series.tolist()
        table = GRADE_COLOURS if kind == "grade" else OUTCOME_COLOURS
        per = {c: (fm.grade(c) if kind == "grade" else fm.outcome(c)) for c in table}
        for r, (t, c) in enumerate(zip(texts, codes), row0):
            if t:
                put(r, col, t, per.get(c, fmt) if isinstance(c, str) else fmt)
    else:
        for r, t in enumerate(texts, row0):
            if t:
                put(r, col, t, fmt)
    return widest(texts)


def widest(texts: list[str | None]) -> int:
    """The largest display width among ``texts``, measuring only strings that could be it."""
    best = 0
    for t in sorted({t for t in texts if t}, key=len, reverse=True):
        if 2 * len(t) <= best:
            break
        best = max(best, display_width(t))
    return best


def write_table(ws: Worksheet, fm: Formats, frame: pd.DataFrame, keys: list[str], lang: str,
                row0: int = 0, *, totals: tuple[str, ...] = (), freeze_cols: int = 0,
                filters: bool = True, widths: dict[int, tuple[int, bool]] | None = None) -> int:
    """Header row, data rows and (for ``totals`` keys) a SUBTOTAL row; return the next free row.

    The header row is frozen and filtered when the table starts at the top of the sheet.
    Columns absent from ``frame`` are written as empty columns so the layout stays stable.
    Column widths fit the content; a sheet holding several tables passes ``widths`` to
    collect them and sets them once with :func:`set_widths`.
    """
    n = len(frame)
    header = fm.header()
    own = widths is None
    widths = {} if widths is None else widths
    for c, key in enumerate(keys):
        label = labels.column_label(key, lang)
        ws.write_string(row0, c, label, header)
        series = frame[key] if key in frame.columns else None
        kind = kind_of(key, series)
        used = write_column(ws, fm, row0 + 1, c, series, kind, lang)
        cap = LONG_CAP if kind == "long" else TEXT_CAP
        width = min(cap, max(display_width(label) + 3, used + 2, 6))
        before, wrap = widths.get(c, (0, False))
        widths[c] = (max(before, width), wrap or kind == "long")
    if own:
        set_widths(ws, fm, widths)
    end = row0 + n
    if totals:
        _totals_row(ws, fm, frame, keys, lang, row0, end + 1, totals)
    if row0 == 0:
        ws.freeze_panes(1, freeze_cols)
        if filters and keys:
            ws.autofilter(0, 0, max(end, 1), len(keys) - 1)
    return end + 1 + (1 if totals else 0)


def set_widths(ws: Worksheet, fm: Formats, widths: dict[int, tuple[int, bool]]) -> None:
    """Set each column's width; wrapped columns also get the wrapping format."""
    for c, (width, wrap) in widths.items():
        ws.set_column(c, c, width, fm.kind("long") if wrap else None)


def _totals_row(ws: Worksheet, fm: Formats, frame: pd.DataFrame, keys: list[str], lang: str,
                first: int, row: int, totals: tuple[str, ...]) -> None:
    """SUBTOTAL(109, …) so the sum follows the filter; the value is cached for readers."""
    ws.write_string(row, 0, labels.TEXT[lang]["total"], fm.total("text"))
    for c in range(1, len(keys)):
        ws.write_blank(row, c, None, fm.total("text"))
    for key in totals:
        if key not in keys:
            continue
        c = keys.index(key)
        kind = kind_of(key)
        total = float(pd.to_numeric(frame[key], errors="coerce").sum()) if key in frame.columns else 0.0
        if row - first <= 1:
            ws.write_number(row, c, total, fm.total(kind))
            continue
        rng = f"{xl_rowcol_to_cell(first + 1, c)}:{xl_rowcol_to_cell(row - 1, c)}"
        ws.write_formula(row, c, f"=SUBTOTAL(109,{rng})", fm.total(kind), round(total, 6))
