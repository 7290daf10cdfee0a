"""Writing a DataFrame as a table people can read, fast and without ever creating a formula.

The Attendance sheet of a large center runs to 62,000 rows and a million cells, so a column
is turned into cells in one step (:mod:`.fastxlsx`): numbers and dates (as Excel serial
numbers) are converted for the whole column at once, and every text is worked out once per
distinct value: its label, phone mask, length cap and colour. Every text becomes a text
cell: a name such as ``=HYPERLINK(...)`` is stored as text, never as a formula. Missing
values (NaN, None, NaT) are left as empty cells, because an empty cell is what "no data"
means to a reader. No formula is written at all: sheets of records hold records only, and
totals live in the Teams sheet's center row as plain numbers (product.md), which every
importer reads without recalculating.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from processor.model import GRADES
from processor.words import labels
from processor.words.headers import column_label
from processor.words.lang import english
from processor.write.columns import kind_of
from processor.write.fastxlsx import Book, Sheet
from processor.write.labels import one_language
from processor.write.privacy import mask_phone
from processor.write.vectors import per_value
from processor.write.xlsxstyles import Style

MAX_TEXT = 32767  # Excel's limit for one cell
NUMERIC = {"rate", "score", "count", "yuan", "points", "coef"}
DATES = {"date", "datetime"}
_EPOCH = pd.Timestamp("1899-12-30")

GRADE_COLOURS = dict(zip(GRADES, (  # fill, font of each grade, best first: green, blue, amber, red
    ("#C6EFCE", "#006100"), ("#DDEBF7", "#1F4E79"), ("#FFEB9C", "#9C5700"), ("#FFC7CE", "#9C0006"),
), strict=True))
OUTCOME_COLOURS = {
    "late": "#FFEB9C", "early": "#FFEB9C", "late_early": "#FFD8A8", "excused": "#E2EFDA",
    "missing_punch": "#FCE4D6", "absence": "#FFC7CE", "leave": "#DDEBF7", "rest": "#EDEDED",
}
NUMBER_FORMATS = {"rate": "0.0%", "score": "0.00", "yuan": "#,##0.00", "coef": "0.0#",
                  "date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm:ss"}
FIXED_WIDTH = {"rate": 9, "score": 9, "count": 8, "yuan": 12, "points": 8, "coef": 8,
               "date": 11, "datetime": 19}
TEXT_CAP, LONG_CAP = 40, 60
BASE_STYLE = {"font": "Microsoft YaHei", "size": 10, "valign": "top"}
LABELLED: dict[str, Callable[[object, str], str]] = {"outcome": labels.outcome_label, "action": labels.action_label,
            "shift": labels.shift_label, "flags": labels.flags_label, "profile": labels.profile_label,
            "long": one_language}


def display_width(text: str) -> int:
    """Columns of screen a text takes: CJK characters count double (3 UTF-8 bytes → 2)."""
    return len(text) + (len(text.encode("utf-8")) - len(text)) // 2


@dataclass
class Formats:
    """The named cell styles of one workbook, numbered once (a style number belongs to a book)."""

    book: Book
    _cache: dict[str, int] = field(default_factory=dict)

    def get(self, name: str, **props: object) -> int:
        if name not in self._cache:
            self._cache[name] = self.book.style(Style(**{**BASE_STYLE, **props}))  # type: ignore[arg-type]
        return self._cache[name]

    def header(self) -> int:
        return self.get("header", bold=True, fill="#1F3864", color="#FFFFFF", wrap=True, valign="center",
                        border="thin", border_color="#BFBFBF")

    def kind(self, kind: str) -> int:
        if kind == "long":
            return self.get("long", wrap=True)
        if kind in NUMBER_FORMATS:
            return self.get(kind, num_format=NUMBER_FORMATS[kind])
        return self.get("text")

    def grade(self, code: str) -> int:
        fill, font = GRADE_COLOURS[code]
        return self.get(f"grade:{code}", fill=fill, color=font, bold=True, halign="center")

    def outcome(self, code: str) -> int:
        return self.get(f"outcome:{code}", fill=OUTCOME_COLOURS[code])


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


def _numbers(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Floats (NaN where there is no finite number) and a mask of cells that held something unreadable."""
    raw = series.astype(object) if pd.api.types.is_bool_dtype(series) else series
    nums = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return nums, ~np.isfinite(nums) & series.notna().to_numpy()


def _serials(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Excel serial day numbers of a date/datetime column (vectorised), as for :func:`_numbers`."""
    if pd.api.types.is_datetime64_any_dtype(series):
        stamps = series
    else:
        stamps = pd.to_datetime(series, errors="coerce", format="mixed")
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_localize(None)
    days = ((stamps - _EPOCH) / pd.Timedelta(days=1)).to_numpy(dtype=float, na_value=np.nan)
    return days, ~np.isfinite(days) & series.notna().to_numpy()


def _text_of(kind: str, lang: str) -> Callable[[object], str | None]:
    """The function from a cell value to its text in a column of ``kind`` (None: no cell)."""
    label = LABELLED.get(kind)

    def text(value: object) -> str | None:
        if kind == "grade":
            t = labels.grade_label(value, lang) or None
        elif label is not None and not english(lang):  # English keeps the codes (scripts read them)
            t = label(value, lang) or None
        else:
            t = as_text(value)
        if not t:
            return None
        return t[:MAX_TEXT] if kind == "id" else mask_phone(t)[:MAX_TEXT]
    return text


def column_cells(book: Book, fm: Formats, series: pd.Series | None, kind: str,
                 lang: str) -> tuple[list[str], int]:
    """One column's cell fragments and the display width they need."""
    if series is None or len(series) == 0:
        return [], 0
    fmt = fm.kind(kind)
    if kind == "bool" and not english(lang):  # 是 / 否: a Chinese workbook shows no TRUE/FALSE
        return per_value(series, lambda v: book.text(labels.bool_label(v, lang), fmt)
                         if isinstance(v, (bool, np.bool_)) else
                         (book.text(mask_phone(t)[:MAX_TEXT], fmt) if (t := as_text(v)) else "")), 6
    if kind == "bool":
        def boolean(v: object) -> str:
            if isinstance(v, (bool, np.bool_)):
                return book.boolean(bool(v), fmt)
            t = as_text(v)
            return book.text(mask_phone(t)[:MAX_TEXT], fmt) if t is not None else ""
        return per_value(series, boolean), 6
    if kind in NUMERIC or kind in DATES:
        nums, bad = _numbers(series) if kind in NUMERIC else _serials(series)
        cells = book.numbers(nums, fmt)
        width = FIXED_WIDTH[kind]
        for i in np.flatnonzero(bad).tolist():  # keep what we could not read as a number or date, as text
            t = mask_phone(as_text(series.iloc[i]) or "")[:MAX_TEXT]
            cells[i] = book.text(t, fm.kind("text")) if t else book.blank(fm.kind("text"))
            width = max(width, display_width(t))
        return cells, width
    text_of = _text_of(kind, lang)
    if kind == "grade":
        def style(v: object) -> int:
            code = labels.grade_code(v)
            return fm.grade(code) if code in GRADE_COLOURS else fmt
    elif kind == "outcome":
        def style(v: object) -> int:
            return fm.outcome(v) if isinstance(v, str) and v in OUTCOME_COLOURS else fmt
    else:
        def style(v: object) -> int:
            return fmt
    texts: set[str] = set()

    def cell(v: object) -> str:
        t = text_of(v)
        if t is None:
            return ""
        texts.add(t)
        return book.text(t, style(v))
    return per_value(series, cell), widest(texts)


def widest(texts: set[str] | list[str | None]) -> int:
    """The largest display width among ``texts``, measuring only strings that could be it."""
    best = 0
    for t in sorted({t for t in texts if t}, key=len, reverse=True):
        if 2 * len(t) <= best:
            break
        best = max(best, display_width(t))
    return best


def write_table(ws: Sheet, fm: Formats, frame: pd.DataFrame, keys: list[str], lang: str,
                row0: int = 0, *, freeze_cols: int = 0,
                filters: bool = True, widths: dict[int, tuple[int, bool]] | None = None,
                headers: dict[str, str] | None = None) -> int:
    """Header row and data rows; return the next free row.

    The header row is frozen and filtered when the table starts at the top of the sheet.
    Columns absent from ``frame`` are left empty so the layout stays stable. ``headers``
    overrides the label of a key. Column widths fit the content; a sheet holding several
    tables passes ``widths`` to collect them and sets them once with :func:`set_widths`.
    """
    n = len(frame)
    book, header = fm.book, fm.header()
    own = widths is None
    widths = {} if widths is None else widths
    head, body = [], []
    for c, key in enumerate(keys):
        label = (headers or {}).get(key) or column_label(key, lang)
        head.append((c, [book.text(label, header)]))
        series = frame[key] if key in frame.columns else None
        kind = kind_of(key, series)
        cells, used = column_cells(book, fm, series, kind, lang)
        body.append((c, cells))
        cap = LONG_CAP if kind == "long" else TEXT_CAP
        width = min(cap, max(display_width(label) + 3, used + 2, 6))
        before, wrap = widths.get(c, (0, False))
        widths[c] = (max(before, width), wrap or kind == "long")
    ws.put(row0, head)
    ws.put(row0 + 1, body)
    if own:
        set_widths(ws, fm, widths)
    end = row0 + n
    if row0 == 0:
        ws.freeze_panes(1, freeze_cols)
        if filters and keys:
            ws.autofilter(0, 0, max(end, 1), len(keys) - 1)
    return end + 1


def set_widths(ws: Sheet, fm: Formats, widths: dict[int, tuple[int, bool]]) -> None:
    """Set each column's width; wrapped columns also get the wrapping style."""
    for c, (width, wrap) in widths.items():
        ws.set_width(c, width, fm.kind("long") if wrap else 0)
