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

import numpy as np

# Cell and row references, however quoted: r="B7", r='B7', r = "$B$7"; rows' r="7".
_REF = re.compile(rb"""\sr\s*=\s*["']\$?([A-Za-z]{0,3})\$?([0-9]{1,9})["']""")
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


def chunks(zf: zipfile.ZipFile, part: str, size: int = 1 << 20) -> Iterator[tuple[bytes, int]]:
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


_WINDOW = 12  # ' r="' is followed by at most 3 letters, 9 digits... and its closing quote
# A byte that may end a tag's name: space, '>', '/', tab, newline, carriage return; the plain
# spelling is a space, any other is measured by :func:`_measure_any`.
_TERM = np.zeros(256, dtype=bool)
_TERM[[32, 62, 47, 9, 10, 13]] = True
_ODD = _TERM.copy()
_ODD[32] = False


def _pairs(data: bytes, first: bytes) -> np.ndarray:
    """Where the two bytes ``first`` start in ``data``: the bytes read as 16-bit words at even and
    at odd offsets, so each test compares two bytes at once and no candidate array is made."""
    pair = int.from_bytes(first, "little")
    n = len(data)
    even = np.frombuffer(data, dtype="<u2", count=n // 2)
    odd = np.frombuffer(data, dtype="<u2", offset=min(n, 1), count=max(n - 1, 0) // 2)
    return np.concatenate([np.flatnonzero(even == pair) * 2, np.flatnonzero(odd == pair) * 2 + 1])


def _plain_tags(data: bytes, arr: np.ndarray, pad: np.ndarray) -> int | None:
    """How many ``<c `` and ``<row `` tags; None when one is spelt otherwise (no attribute,
    other whitespace, a namespace prefix): the plain count would miss it. ``<c`` and ``<r`` are
    found two bytes at a time; only ``:`` is looked for byte by byte (it is rare in a sheet)."""
    cell_after = pad[_pairs(data, b"<c") + 2]
    maybe_row = _pairs(data, b"<r")
    row_after = pad[maybe_row[(pad[maybe_row + 2] == 111) & (pad[maybe_row + 3] == 119)] + 4]
    if _ODD[cell_after].any() or _ODD[row_after].any():
        return None
    colon = np.flatnonzero(arr == 58)
    if len(colon):
        colon = colon[(pad[colon + 1] == 99) | (pad[colon + 1] == 114)]
        if (_TERM[pad[colon + 2]] | ((pad[colon + 2] == 111) & (pad[colon + 3] == 119) & _TERM[pad[colon + 4]])).any():
            return None
    return int(np.count_nonzero(cell_after == 32) + np.count_nonzero(row_after == 32))


def _greatest(pad: np.ndarray, starts: np.ndarray, width: int, base: int, zero: int) -> int:
    """The greatest of the ``width``-byte numbers (digits: ``zero`` 48, base 10; column letters:
    ``zero`` 64, base 26) starting at ``starts``. Equal-width digit (or letter) strings order as
    their bytes do, so up to 8 bytes are read at once as one big-endian integer; longer ones are
    compared digit by digit, keeping only the candidates that tie."""
    if width <= 8:
        words = np.ndarray((len(pad) - 7,), dtype=">u8", buffer=pad, strides=(1,))  # starts + 7 is in the pad
        top = int((words[starts] >> np.uint64(8 * (8 - width))).max()).to_bytes(width, "big")
        value = 0
        for ch in top:
            value = value * base + ch - zero
        return value
    value = 0
    for j in range(width):
        digit = pad[starts + j]
        top_digit = digit.max()
        value = value * base + int(top_digit) - zero
        starts = starts[digit == top_digit]
    return value


def _plain_refs(data: bytes, pad: np.ndarray) -> tuple[int, int, int] | None:
    """(number of refs, last row, widest column) of the ``r="XFD1048576"`` refs, vectorised;
    None when one is spelt otherwise. Every ref is read: rows need not be in order."""
    at = _pairs(data, b"r=")
    at = at[(pad[at - 1] == 32) & (pad[at + 2] == 34)] + 3
    if not len(at):
        return 0, 0, 0
    win = np.lib.stride_tricks.sliding_window_view(pad, _WINDOW)[at]
    letters = ((win - 65) < 26).argmin(axis=1)  # uint8 arithmetic: A..Z are 0..25
    other = ((win - 48) >= 10) & (np.arange(_WINDOW) >= letters[:, None])
    end = other.argmax(axis=1)
    digits = end - letters
    if (letters > 3).any() or (digits < 1).any() or (win[np.arange(len(at)), end] != 34).any():
        return None
    longest = int(digits.max())
    longer = digits == longest
    row = _greatest(pad, at[longer] + letters[longer], longest, 10, 48)
    widest = int(letters.max())
    col = _greatest(pad, at[letters == widest], widest, 26, 64) if widest else 0
    return len(at), row, col


def measure_sheet(zf: zipfile.ZipFile, part: str, shared: list[int] | None) -> Extent:
    """The real extent of a sheet as the reader will allocate it, and the shared text it copies.

    The usual spelling (every row and cell tag ``<c r="…"``, ``<row r="…"``) is measured
    vectorised; anything else (refs in single quotes, spaces, prefixes, cells or rows without
    a ref) is measured again by :func:`_measure_any`.
    """
    ext = Extent()
    refs = tags = 0
    for data, _ in chunks(zf, part):
        arr = np.frombuffer(data, dtype=np.uint8)
        pad = np.concatenate([arr, np.zeros(_WINDOW + 4, dtype=np.uint8)])
        plain = _plain_tags(data, arr, pad)
        found = None if plain is None else _plain_refs(data, pad)
        if plain is None or found is None:
            return _measure_any(zf, part, shared)
        tags += plain
        refs += found[0]
        ext.rows, ext.cols = max(ext.rows, found[1]), max(ext.cols, found[2])
        if shared and b' t="s"' in data:
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
