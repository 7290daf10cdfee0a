"""Where a worksheet's cells will sit, measured on the compressed bytes' way through.

The reader (calamine) allocates a sheet as a dense grid from its first to its last cell and
places a cell by its ``r`` reference, or, without one, at the next position; it copies a
shared string into every cell that references it. These functions measure both in chunks,
never holding a part whole (see :mod:`.budget` for the limits).
"""
from __future__ import annotations

import operator
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

# Cell and row references, however quoted: r="B7", r='B7', r = "$B$7"; rows' r="7".
_REF = re.compile(rb"""\sr\s*=\s*["']\$?([A-Za-z]{0,3})\$?([0-9]{1,9})["']""")
_PLAIN_ROWS = re.compile(rb' r="[A-Z]{0,3}([0-9]{1,9})"')  # as Excel and every library write them
_PLAIN_COLS = re.compile(rb' r="([A-Z]{1,3})[0-9]')
# Cells or rows spelt in a way the plain count would miss (no attributes, other whitespace, a prefix).
_ODD = tuple(p + t + s for p in (b"<", b":") for t in (b"c", b"row") for s in (b">", b"/", b"\t", b"\n", b"\r"))
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_NO_REF_CELL = re.compile(rb"""<(?:\w+:)?c(?=[\s>/])(?:(?!\sr\s*=)[^>])*>""")
_NO_REF_ROW = re.compile(rb"""<(?:\w+:)?row(?=[\s>/])(?:(?!\sr\s*=)[^>])*>""")
_SHARED = re.compile(rb"""\st\s*=\s*["']s["'][^>]*>\s*<(?:\w+:)?v>\s*([0-9]+)""")
_PLAIN_SHARED = re.compile(rb' t="s"[^>]*><v>([0-9]+)<')
_SI = re.compile(rb"<(?:\w+:)?si\s*/>|<(?:\w+:)?si[\s>]|</(?:\w+:)?si>")
_FIRST, _SECOND = operator.itemgetter(0), operator.itemgetter(1)


@dataclass
class Extent:
    """What a worksheet part will cost the reader: its grid, and its shared strings' text."""

    rows: int = 0
    cols: int = 0
    shared_text: int = 0


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def chunks(zf: zipfile.ZipFile, part: str, size: int = 1 << 22) -> Iterator[tuple[bytes, int]]:
    """``(data, offset)``: the part in pieces cut after a tag's ``>``, so no tag is ever split
    (a piece longer than 16 MB without one is cut anyway); ``offset`` is where ``data`` starts."""
    carry, offset = b"", 0
    with zf.open(part) as fh:
        for chunk in iter(lambda: fh.read(size), b""):
            data = carry + chunk
            cut = data.rfind(b">") + 1 or (len(data) if len(data) > 1 << 24 else 0)
            if cut:
                yield data[:cut], offset
                offset += cut
            carry = data[cut:]
    if carry:
        yield carry, offset


def _shared_text(regex: re.Pattern[bytes], data: bytes, shared: list[int] | None) -> int:
    if not shared:
        return 0
    try:
        return sum(map(shared.__getitem__, map(int, regex.findall(data))))
    except IndexError:  # a reference to no string: the reader reports the sheet as corrupt
        return 0


def measure_sheet(zf: zipfile.ZipFile, part: str, shared: list[int] | None) -> Extent:
    """The real extent of a sheet as the reader will allocate it, and the shared text it copies.

    The usual spelling (every row and cell with ``r="…"``) is measured at C speed; anything
    else (refs in single quotes, spaces, prefixes, cells or rows without a ref) is measured
    again by :func:`_measure_any`.
    """
    ext = Extent()
    refs = tags = 0
    for data, _ in chunks(zf, part):
        if any(odd in data for odd in _ODD):
            return _measure_any(zf, part, shared)
        tags += data.count(b"<c ") + data.count(b"<row ")
        rows = _PLAIN_ROWS.findall(data)
        refs += len(rows)
        if rows:
            ext.rows = max(ext.rows, max(map(int, rows)))
            ext.cols = max(ext.cols, 0, *map(_col_number, set(_PLAIN_COLS.findall(data))))
        if b' t="s"' in data:
            ext.shared_text += _shared_text(_PLAIN_SHARED, data, shared)
    if refs != tags:
        return _measure_any(zf, part, shared)
    return ext


def _measure_any(zf: zipfile.ZipFile, part: str, shared: list[int] | None) -> Extent:
    """Refs however quoted; cells without a ref take the next column and rows without one the
    next row, as the reader places them, so they count as an upper bound: the most such cells
    in a row beyond the last referenced column, such rows beyond the last referenced row."""
    ext = Extent()
    rows = in_row = widest = 0
    for data, _ in chunks(zf, part):
        found = _REF.findall(data)
        if found:
            ext.rows = max(ext.rows, max(map(int, map(_SECOND, found))))
            ext.cols = max(ext.cols, *map(_col_number, set(map(_FIRST, found))))
        rows += len(_NO_REF_ROW.findall(data))
        pieces = _ROW_TAG.split(data)
        in_row += len(_NO_REF_CELL.findall(pieces[0]))
        widest = max(widest, in_row)
        for piece in pieces[1:]:
            in_row = len(_NO_REF_CELL.findall(piece))
            widest = max(widest, in_row)
        ext.shared_text += _shared_text(_SHARED, data, shared)
    ext.rows += rows
    ext.cols += widest
    return ext


def shared_lengths(zf: zipfile.ZipFile, part: str) -> list[int]:
    """The byte length of each shared string's XML (an upper bound on its text), in order."""
    lengths: list[int] = []
    start: int | None = None
    for data, offset in chunks(zf, part):
        for m in _SI.finditer(data):
            at = offset + m.start()
            if m.group(0).endswith(b"/>"):
                lengths.append(0)
            elif m.group(0).startswith(b"</"):
                if start is not None:
                    lengths.append(at - start)
                    start = None
            else:
                start = at
    return lengths
