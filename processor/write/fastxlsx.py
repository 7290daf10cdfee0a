"""A small, fast writer of ``.xlsx`` workbooks, fed a column of cells at a time.

Why our own: every general writer spends about 6 µs per cell (XlsxWriter, even in
constant-memory mode, took ~10 s for a large center's 800,000 cells). Here a column of a
table becomes its cells' XML in one step per *distinct* value (a month's Attendance sheet has
a few thousand distinct values in a million cells), and rows are joined from those pieces
without a Python call per cell. The package is the plain SpreadsheetML that Excel,
LibreOffice, openpyxl and calamine all read: shared strings, one styles part, frozen panes,
filters, column widths, and formulas only where the caller writes one (:meth:`Book.formula`);
a text is always stored as a string, whatever it starts with.

Cells are handed over as *fragments*: what follows ``<c r="B7"`` in the sheet XML, made by
:meth:`Book.text`, :meth:`Book.number` and friends; an empty fragment leaves the cell out.
Rows may be given in any order but each row only once. The file is identical for identical
input: fixed zip timestamps, no clock read (``created`` comes from the caller).
"""
from __future__ import annotations

import math
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from itertools import chain, repeat
from pathlib import Path

import numpy as np
import pandas as pd

from processor.write.xlsxcells import cell_text, column_letters, excel_width, number_text, xml_escape
from processor.write.xlsxstyles import Style, Styles

ROWS_PER_CHUNK = 4096  # rows joined into one piece of XML before it is compressed
COMPRESS_LEVEL = 3  # deflate level: as fast as 1 here, files ~15% smaller; 6 doubles the time
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
class Sheet:
    """One worksheet: blocks of rows, column widths, frozen panes and a filter."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._blocks: list[tuple[int, int, list[tuple[int, Sequence[str]]]]] = []
        self._widths: dict[int, tuple[float, int]] = {}
        self._freeze: tuple[int, int] | None = None
        self.filter: tuple[int, int, int, int] | None = None

    def put(self, row0: int, columns: Sequence[tuple[int, Sequence[str]]]) -> None:
        """Rows ``row0 …`` of the given ``(column index, fragments)`` pairs (equal lengths)."""
        cols = sorted((c, f) for c, f in columns if len(f))
        if cols:
            n = len(cols[0][1])
            assert all(len(f) == n for _, f in cols), "columns of one block differ in length"
            self._blocks.append((row0, n, cols))

    def set_width(self, col: int, chars: float, style: int = 0) -> None:
        self._widths[col] = (chars, style)

    def freeze_panes(self, rows: int, cols: int) -> None:
        self._freeze = (rows, cols)

    def autofilter(self, row0: int, col0: int, row1: int, col1: int) -> None:
        self.filter = (row0, col0, row1, col1)

    def xml(self, selected: bool) -> Iterator[str]:
        """The sheet's XML, a chunk of rows at a time."""
        blocks = sorted(self._blocks, key=lambda b: b[0])
        for (r0, n0, _), (r1, _, _) in zip(blocks, blocks[1:]):
            if r0 + n0 > r1:
                raise ValueError(f"sheet {self.name!r}: row {r1 + 1} written twice")
        last_row = max((r + n for r, n, _ in blocks), default=1)
        last_col = max([c for _, _, cols in blocks for c, _ in cols] + list(self._widths) + [0])
        # Printed for people: landscape, all columns on the page's width (as many pages down as
        # needed), the header row repeated on every page (the Print_Titles name of the book).
        yield (f'{HEAD}<worksheet xmlns="{MAIN}" xmlns:r="{REL}">'
               '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
               f'<dimension ref="A1:{column_letters(last_col)}{last_row}"/>'
               f"<sheetViews>{self._view(selected)}</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>")
        if self._widths:
            widths = []
            for c, (chars, style) in sorted(self._widths.items()):
                styled = f' style="{style}"' if style else ""
                widths.append(f'<col min="{c + 1}" max="{c + 1}" width="{excel_width(chars)}"{styled} customWidth="1"/>')
            yield f"<cols>{''.join(widths)}</cols>"
        yield "<sheetData>"
        for row0, n, cols in blocks:
            for start in range(0, n, ROWS_PER_CHUNK):
                yield _rows(row0 + start, [(c, f[start:start + ROWS_PER_CHUNK]) for c, f in cols])
        yield "</sheetData>"
        if self.filter:
            r0, c0, r1, c1 = self.filter
            yield f'<autoFilter ref="{column_letters(c0)}{r0 + 1}:{column_letters(c1)}{r1 + 1}"/>'
        yield ('<printOptions gridLines="1"/>'
               '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
               '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
               '<headerFooter><oddFooter>&amp;C&amp;A  &amp;P / &amp;N</oddFooter></headerFooter>'
               "</worksheet>")

    @property
    def title_rows(self) -> int:
        """Rows repeated at the top of every printed page: the frozen header rows."""
        return self._freeze[0] if self._freeze else 0

    def _view(self, selected: bool) -> str:
        tab = ' tabSelected="1"' if selected else ""
        if not self._freeze or self._freeze == (0, 0):
            return f'<sheetView{tab} workbookViewId="0"/>'
        rows, cols = self._freeze
        cell = f"{column_letters(cols)}{rows + 1}"
        split = (f' xSplit="{cols}"' if cols else "") + (f' ySplit="{rows}"' if rows else "")
        pane = "bottomRight" if rows and cols else ("bottomLeft" if rows else "topRight")
        return (f'<sheetView{tab} workbookViewId="0"><pane{split} topLeftCell="{cell}" '
                f'activePane="{pane}" state="frozen"/><selection pane="{pane}" activeCell="{cell}" '
                f'sqref="{cell}"/></sheetView>')


def _rows(row0: int, cols: list[tuple[int, Sequence[str]]]) -> str:
    """``<row>`` elements for rows ``row0 …``: one join over all pieces, no call per cell.

    A column with every cell present is joined from its pieces as they are (``<c r="B``, the
    row number, ``"``, the fragment) without making a string per cell; a column with gaps
    makes each present cell's string and an empty one for each gap."""
    n = len(cols[0][1])
    nums = [str(r) for r in range(row0 + 1, row0 + 1 + n)]
    pieces: list[Iterable[str]] = [[f'<row r="{r}">' for r in nums]]
    for c, frags in cols:
        ref = '<c r="' + column_letters(c)
        if all(frags):
            pieces += (repeat(ref, n), nums, repeat('"', n), frags)
        else:
            pieces.append([f"{ref}{r}\"{f}" if f else "" for r, f in zip(nums, frags)])
    pieces.append(repeat("</row>", n))
    return "".join(chain.from_iterable(zip(*pieces)))


class Book:
    """A workbook being written to ``path``; call :meth:`close` (or use ``with``) to write it."""

    def __init__(self, path: Path | str, *, title: str = "", comments: str = "",
                 created: datetime | None = None) -> None:
        self.path = Path(path)
        self.title, self.comments = title, comments
        self.created = created  # None: the file says nothing about when it was made
        self.styles = Styles()
        self.sheets: list[Sheet] = []
        self._strings: dict[str, int] = {}  # shared strings, in order of first use

    def __enter__(self) -> Book:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self.close()

    def add_sheet(self, name: str) -> Sheet:
        self.sheets.append(Sheet(name))
        return self.sheets[-1]

    def style(self, style: Style | None) -> int:
        return self.styles.add(style)

    # -- cell fragments ------------------------------------------------------------------
    def text(self, text: str, style: int = 0) -> str:
        """A text cell (a shared string): never a formula, a number or a link."""
        index = self._strings.setdefault(text, len(self._strings))
        return f' s="{style}" t="s"><v>{index}</v></c>'

    @staticmethod
    def number(value: float, style: int = 0) -> str:
        return f' s="{style}"><v>{number_text(value)}</v></c>' if math.isfinite(value) else ""

    @staticmethod
    def numbers(values: np.ndarray, style: int = 0) -> list[str]:
        """A column of numbers; NaN and infinities leave the cell out. One :meth:`number` per
        distinct value (a large center's workbook has 85,000 in millions of cells)."""
        codes, uniques = pd.factorize(values)  # a missing value gets -1: the last fragment, ""
        frags = [Book.number(v, style) for v in uniques.tolist()]
        return np.array(frags + [""], dtype=object)[codes].tolist()

    @staticmethod
    def boolean(value: bool, style: int = 0) -> str:
        return f' s="{style}" t="b"><v>{int(bool(value))}</v></c>'

    @staticmethod
    def blank(style: int) -> str:
        return f' s="{style}"/>'

    @staticmethod
    def formula(formula: str, cached: float, style: int = 0) -> str:
        """Our own formula (``SUBTOTAL(109,B2:B9)``) with the value readers show until Excel recalculates."""
        return f' s="{style}"><f>{xml_escape(formula.lstrip("="))}</f><v>{number_text(cached)}</v></c>'

    # -- the package ---------------------------------------------------------------------
    def close(self) -> None:
        with zipfile.ZipFile(self.path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            for name, text in self._parts_before():
                zf.writestr(_entry(name), text.encode("utf-8"))
            for i, sheet in enumerate(self.sheets, 1):
                with zf.open(_entry(f"xl/worksheets/sheet{i}.xml"), "w", force_zip64=True) as fh:
                    for piece in sheet.xml(selected=i == 1):
                        fh.write(piece.encode("utf-8"))
            zf.writestr(_entry("xl/sharedStrings.xml"), self._shared_strings().encode("utf-8"))
            zf.writestr(_entry("xl/styles.xml"), self.styles.xml().encode("utf-8"))

    def _parts_before(self) -> list[tuple[str, str]]:
        n = len(self.sheets)
        sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
        overrides = [("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
                     ("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
                     ("/xl/sharedStrings.xml",
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"),
                     ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                     *[(f"/xl/worksheets/sheet{i}.xml", sheet_type) for i in range(1, n + 1)]]
        types = (f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides) + "</Types>")
        root = (f'{HEAD}<Relationships xmlns="{PKG_REL}">'
                f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
                f'<Relationship Id="rId2" Type="{PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>'
                "</Relationships>")
        rels = (f'{HEAD}<Relationships xmlns="{PKG_REL}">'
                + "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                          for i in range(1, n + 1))
                + f'<Relationship Id="rId{n + 1}" Type="{REL}/styles" Target="styles.xml"/>'
                f'<Relationship Id="rId{n + 2}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
                "</Relationships>")
        return [("[Content_Types].xml", types), ("_rels/.rels", root), ("docProps/core.xml", self._core()),
                ("xl/workbook.xml", self._workbook()), ("xl/_rels/workbook.xml.rels", rels)]

    def _workbook(self) -> str:
        sheets = "".join(f'<sheet name="{xml_escape(s.name, True)}" sheetId="{i}" r:id="rId{i}"/>'
                         for i, s in enumerate(self.sheets, 1))
        names = []
        for i, s in enumerate(self.sheets):
            quoted = "'" + s.name.replace("'", "''") + "'"
            if s.title_rows:
                names.append(f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
                             f"{xml_escape(f'{quoted}!$1:${s.title_rows}')}</definedName>")
            if s.filter:
                r0, c0, r1, c1 = s.filter
                ref = f"{quoted}!${column_letters(c0)}${r0 + 1}:${column_letters(c1)}${r1 + 1}"
                names.append(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
                             f"{xml_escape(ref)}</definedName>")
        defined = f"<definedNames>{''.join(names)}</definedNames>" if names else ""
        return (f'{HEAD}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><bookViews><workbookView/></bookViews>'
                f'<sheets>{sheets}</sheets>{defined}<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>')

    def _core(self) -> str:
        stamp = self.created.strftime("%Y-%m-%dT%H:%M:%SZ") if self.created else ""
        dates = "".join(f'<dcterms:{k} xsi:type="dcterms:W3CDTF">{stamp}</dcterms:{k}>'
                        for k in ("created", "modified")) if stamp else ""
        return (f'{HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
                'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/'
                'terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/'
                f'XMLSchema-instance"><dc:title>{cell_text(self.title)}</dc:title>'
                f"<dc:description>{cell_text(self.comments)}</dc:description>{dates}</cp:coreProperties>")

    def _shared_strings(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{cell_text(s)}</t></si>' if s != s.strip() else
                        f"<si><t>{cell_text(s)}</t></si>" for s in self._strings)
        return (f'{HEAD}<sst xmlns="{MAIN}" uniqueCount="{len(self._strings)}">'
                f"{items}</sst>")


def _entry(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed date, so the same workbook gives the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    # ZipFile.open() ignores compresslevel= for a ZipInfo; the attribute is public from 3.13.
    setattr(info, "compress_level" if hasattr(info, "compress_level") else "_compresslevel", COMPRESS_LEVEL)
    return info
