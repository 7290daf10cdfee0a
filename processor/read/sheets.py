"""Load every sheet of a file as text cells, located by Excel row and column.

All cells arrive as text (``dtypes="string"``): fastexcel writes real dates as
``2026-10-01 00:00:00`` and real times as ``1899-12-31 08:30:00``, which the parsers read
alongside the spellings people type. One read per sheet; the header is found afterwards in
the first rows of the same frame. Formula cells are read by their cached values; a cached
error (``#REF!``) is reported, never silently read as blank.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field

import fastexcel
import pandas as pd

from ..errors import Problem
from . import budget
from .files import InputChanged, SourceFile

CSV_ENCODINGS = ("utf-8-sig", "gb18030")
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16 (and UTF-32 LE, which starts the same)
_ERROR_NAMES = {"Ref": "#REF!", "NA": "#N/A", "Value": "#VALUE!", "Div0": "#DIV/0!", "Name": "#NAME?",
                "Null": "#NULL!", "Num": "#NUM!", "GettingData": "#GETTING_DATA"}


def decode_csv(raw: bytes) -> str | None:
    """A CSV's text in the first of :data:`CSV_ENCODINGS` that decodes it (UTF-8, with or
    without BOM, then a Chinese Excel's GB18030); None when neither does."""
    for enc in CSV_ENCODINGS:
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return None


@dataclass
class RawSheet:
    """A sheet's cells as text. ``cells`` columns are 0..n-1; ``letters`` maps them to
    absolute column indices; ``first_row`` is the Excel row number of ``cells`` row 0."""

    source: SourceFile
    sheet: str
    cells: pd.DataFrame
    col_index: list[int]
    first_row: int = 1
    hidden: bool = False
    cell_errors: list[tuple[int, int, str]] = field(default_factory=list)  # (excel row, abs col, #ERR)

    @property
    def label(self) -> str:
        return self.sheet or self.source.name


def _xlsx_sheets(src: SourceFile) -> tuple[list[RawSheet], list[Problem]]:
    try:
        data = src.read_bytes()  # the bytes hashed are the bytes parsed
    except (InputChanged, OSError) as exc:
        return [], [_unread(src, exc)]
    try:
        reader = fastexcel.read_excel(data)
    except Exception:  # fastexcel raises its own error types for broken files
        return [], [Problem(src.name, "文件无法打开,可能已损坏:请在 Excel 中打开并另存为 .xlsx"
                                      "‖the workbook cannot be opened, it may be corrupt: open it in Excel and save it "
                                      "again as .xlsx", code="corrupt_workbook")]
    sheets: list[RawSheet] = []
    problems: list[Problem] = []
    for name in reader.sheet_names:
        try:
            sheet = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string")
            batch, errors = sheet.to_arrow_with_errors()
        except Exception as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if "empty" in message.lower() or "no rows" in message.lower():
                continue
            problems.append(Problem(src.name, "工作表无法读取,可能已损坏:请在 Excel 中打开并另存为 .xlsx"
                                              f"‖the sheet cannot be read, it may be corrupt: open the workbook in "
                                              f"Excel and save it again ({message})", sheet=name, code="corrupt_sheet"))
            continue
        cols = sheet.selected_columns if hasattr(sheet, "selected_columns") else sheet.available_columns()
        col_index = [c.absolute_index for c in cols]
        frame = batch.to_pandas()
        frame.columns = range(frame.shape[1])
        cell_errors = []
        for err in (errors.errors if errors else []):
            r, c = err.position
            kind = err.detail.split("Error(")[-1].rstrip(")'") if "Error(" in err.detail else err.detail
            cell_errors.append((r + 1, col_index[c] if c < len(col_index) else c, _ERROR_NAMES.get(kind, kind)))
        sheets.append(RawSheet(src, name, frame, col_index, 1, sheet.visible != "visible", cell_errors))
    if not problems and all(_blank(s.cells) for s in sheets):
        problems.append(Problem(src.name, "工作簿是空的:没有一个工作表有内容‖the workbook is empty: no sheet holds anything",
                                code="empty_file"))
    return sheets, problems


def _blank(cells: pd.DataFrame) -> bool:
    """No cell holds anything (the first rows are looked at first: big sheets are rarely blank)."""
    return cells.empty or (not cells.head(100).notna().to_numpy().any() and not cells.notna().to_numpy().any())


def _unread(src: SourceFile, exc: Exception) -> Problem:
    if isinstance(exc, InputChanged):
        return Problem(src.name, str(exc), code="file_changed")
    why = getattr(exc, "strerror", None) or type(exc).__name__
    return Problem(src.name, f"无法读取文件:{why}‖cannot read the file: {why}", code="unreadable_file")


def _csv_sheet(src: SourceFile) -> tuple[list[RawSheet], list[Problem]]:
    try:
        raw = src.read_bytes()  # the bytes hashed are the bytes parsed
    except (InputChanged, OSError) as exc:
        return [], [_unread(src, exc)]
    if not raw.strip():
        return [], [Problem(src.name, "文件是空的‖the file is empty", code="empty_file")]
    if raw.startswith(_WIDE_BOMS) or b"\x00" in raw[:4096]:
        # Excel's "Unicode text" and some exports are UTF-16: GB18030 would "decode" them to junk.
        return [], [Problem(src.name, "文件是 UTF-16 编码(Excel 的“Unicode 文本”):请另存为“CSV UTF-8”或 .xlsx"
                                      "‖the file is UTF-16 encoded (Excel's \"Unicode text\"): save it as "
                                      "\"CSV UTF-8\" or .xlsx", code="unknown_encoding")]
    text = decode_csv(raw)
    if text is None:
        return [], [Problem(src.name, "无法识别文件编码:请另存为 UTF-8 或 GB18030 编码的 CSV,或另存为 .xlsx"
                                      "‖unknown encoding: save it as a UTF-8 CSV or .xlsx", code="unknown_encoding")]
    tab = "\t" in text[:2000]
    try:
        frame = pd.read_csv(io.StringIO(text), header=None, dtype=str, keep_default_na=False,
                            skip_blank_lines=False, sep=None if tab else ",", engine="python" if tab else "c")
    except (pd.errors.ParserError, ValueError):
        # Ragged rows (a title line above the header, a row with a cell too many or too few):
        # the fast reader fixes the width from the first line; read line by line, pad the short.
        rows = list(csv.reader(io.StringIO(text), delimiter="\t" if tab else ","))
        width = max((len(r) for r in rows), default=0)
        frame = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    if frame.shape[1] > (most := budget.COLUMNS.value()):
        return [], [Problem(src.name, budget.over(budget.COLUMNS, f"有 {frame.shape[1]:,} 列‖{frame.shape[1]:,} columns",
                                                  most, advice="请删除表格右侧多余的列后另存‖delete the columns "
                                                  "beyond the table and save again"), code="refused_file")]
    frame = frame.replace("", None)
    frame.columns = pd.RangeIndex(frame.shape[1])
    return [RawSheet(src, "", frame, list(range(frame.shape[1])), 1)], []


def load_sheets(src: SourceFile) -> tuple[list[RawSheet], list[Problem]]:
    """All sheets of one file as text cells, and problems that stop a sheet being read."""
    return _csv_sheet(src) if src.kind == "csv" else _xlsx_sheets(src)


def load_in_turn(sources: list[SourceFile], pool: Executor) -> Iterator[tuple[list[RawSheet], list[Problem]]]:
    """Each file's sheets in order, loading on ``pool`` ahead of the caller: never more than two
    files' cells in memory (``pool.map`` would load them all ahead of a slow consumer). While the
    caller works on a file the next one loads; once it is done with it, the file after next
    starts too, so while the caller waits two files load side by side."""
    pending = deque(pool.submit(load_sheets, src) for src in sources[:2])
    for i in range(len(sources)):
        current = pending.popleft().result()
        yield current
        del current  # the caller is done with this file: the one after next may load
        if i + 2 < len(sources):
            pending.append(pool.submit(load_sheets, sources[i + 2]))


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def merged_ranges(src: SourceFile, sheet: str) -> list[str]:
    """The merged ranges (``D2:D4``) of one sheet of an .xlsx, read from its XML.

    fastexcel does not report merges, and a merged block in a data column leaves every cell
    but the first blank; this lets a "required value is blank" message say why. Only called
    on that error path; the sheet part is scanned in chunks, never held whole.
    """
    from defusedxml import ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        with zipfile.ZipFile(src.path) as zf:
            book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
            rid = next((e.get(f"{rel}id") for e in book.iter(f"{main}sheet") if e.get("name") == sheet), None)
            rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
            target = next((e.get("Target") for e in rels if e.get("Id") == rid), None)
            if not target:
                return []
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            found: list[str] = []
            tail = b""
            with zf.open(part) as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    data = tail + chunk
                    found += [m.group(1).decode() for m in _MERGE.finditer(data)]
                    tail = data[-200:]
                    found = list(dict.fromkeys(found))  # a match inside the overlap is seen twice
            return found
    except Exception:  # a best-effort explanation: never a reason to fail the read
        return []
