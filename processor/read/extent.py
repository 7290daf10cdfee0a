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
from functools import reduce

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
    return reduce(lambda n, ch: n * 26 + ch - 64, letters.upper(), 0)  # b"AA" → 27


_GAP = bytes(8)  # zero bytes around a piece


def chunks(zf: zipfile.ZipFile, part: str, size: int = 1 << 20) -> Iterator[tuple[bytes, int]]:
    """``(data, offset)``: the part in pieces cut after a tag's ``>``, so no tag is ever split
    (a piece longer than 16 MB without one is cut anyway); ``offset`` is where ``data`` starts."""
    offset = 0
    for buf, n in _pieces(zf, part, size):
        yield buf[8:8 + n], offset
        offset += n


def _pieces(zf: zipfile.ZipFile, part: str, size: int = 1 << 20) -> Iterator[tuple[bytes, int]]:
    """``(buf, n)``: the pieces of :func:`chunks`, each copied once: ``n`` bytes after 8 zero
    bytes in ``buf``, then at least 16 more (the next piece's first bytes, or zeros), so reads
    a few bytes either side of a position stay in bounds. A piece ends with a tag's ``>`` (the
    last one, or one cut at 16 MB, with zeros), so no answer depends on the bytes after it."""
    carry = b""
    with zf.open(part) as fh:
        for chunk in iter(lambda: fh.read(size), b""):
            buf = b"".join((_GAP, carry, chunk, _GAP + _GAP))
            end = len(buf) - 16
            cut = buf.rfind(b">", 8, end) + 1 or (end if end - 8 > 1 << 24 else 0)
            if cut:
                yield buf, cut - 8
            carry = buf[cut or 8:end]
    if carry:
        yield b"".join((_GAP, carry, _GAP + _GAP)), len(carry)


def _shared_text(regex: re.Pattern[bytes], data: bytes | memoryview, shared: list[int] | None) -> int:
    if not shared:
        return 0
    try:
        return sum(map(shared.__getitem__, map(int, regex.findall(data))))
    except IndexError:  # a reference to no string: the reader reports the sheet as corrupt
        return 0


# A byte that may end a tag's name: space, '>', '/', tab, newline, carriage return; the plain
# spelling is a space, any other is measured by :func:`_measure_any`.
_TERM = np.zeros(256, dtype=bool)
_TERM[[32, 62, 47, 9, 10, 13]] = True
_ODD = _TERM & (np.arange(256) != 32)
# The 8 bytes before a ref's first character, little-endian: a row's, a cell's (the last 6), any ref's (the last 4).
_ROW_REF, _CELL_REF, _ANY_REF = (int.from_bytes(b, "little") for b in (b'<row r="', b'<c r="', b' r="'))


def _shape_table() -> np.ndarray:
    """The shape of 8 bytes from the masks ``letters | digits << 8`` (bit j: byte j is A-Z,
    0-9; both: a quote): ``lead | run << 3 | closed << 7``: its leading letters (0 when more
    than 3), the digits that follow them, and whether the byte after those is a quote."""
    key = np.arange(1 << 16)
    letter, digit, quote = key & ~key >> 8 & 255, key >> 8 & ~key & 255, key & key >> 8 & 255
    trailing, ones = np.zeros(256, dtype=np.int64), np.ones(256, dtype=bool)  # trailing 1 bits of a byte
    for j in range(8):
        ones &= (np.arange(256) >> j & 1) == 1
        trailing += ones
    lead = trailing[letter]
    run = trailing[digit >> lead]
    closed = (lead + run < 8) & (quote >> np.minimum(lead + run, 7) & 1 == 1)
    return np.where(lead <= 3, lead | run << 3 | closed << 7, 0).astype(np.uint8)


_SHAPE = _shape_table()


def _shapes(words: np.ndarray) -> np.ndarray:
    """:data:`_SHAPE` of 8-byte words: their bytes classed at once, the classes packed to a key."""
    raw = words.view(np.uint8)
    quote = raw == 34
    key = np.packbits(((raw - 65) < 26) | quote, bitorder="little").astype(np.uint16)  # uint8 arithmetic: A..Z are 0..25
    key |= np.packbits(((raw - 48) < 10) | quote, bitorder="little").astype(np.uint16) << 8
    return _SHAPE[key]


def _pairs(data: bytes | memoryview, first: bytes) -> np.ndarray:
    """Where the two bytes ``first`` start in ``data``: the bytes read as 16-bit words at even and
    at odd offsets, so each test compares two bytes at once and no candidate array is made."""
    even, odd, pair = _halves(data, first)
    return np.concatenate([np.flatnonzero(even == pair) * 2, np.flatnonzero(odd == pair) * 2 + 1])


def _opened(data: memoryview) -> int:
    """How many ``<b``, ``<c``, ``<r`` or ``<s`` in ``data``, counted two bytes at a time as
    :func:`_pairs` finds them: the four letters differ only in bits 0 and 4, so one test
    (``word | 0x1100 == "<s"``) counts cells and rows (and the few other tags) at once."""
    even, odd, pair = _halves(data, b"<s")
    return int(np.count_nonzero((even | 0x1100) == pair) + np.count_nonzero((odd | 0x1100) == pair))


def _halves(data: bytes | memoryview, first: bytes) -> tuple[np.ndarray, np.ndarray, int]:
    """``data`` as 16-bit words at even and at odd offsets, and ``first`` as one such word."""
    n = len(data)
    even = np.frombuffer(data, dtype="<u2", count=n // 2)
    odd = np.frombuffer(data, dtype="<u2", offset=min(n, 1), count=max(n - 1, 0) // 2)
    return even, odd, int.from_bytes(first, "little")


def _refs(data: memoryview, full: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(at, before, ref)`` of each `` r="`` in ``data`` (``full`` is it with 8 zero bytes
    before, 16 after): where its ``r`` is, the 8 bytes up to its quote and the 8 after, read
    as one 16-byte gather."""
    at = _pairs(data, b"r=")
    win = np.ndarray((len(full) - 15,), "V16", full, strides=(1,))[at + 3]
    keep = win.view("<u4")[1::4] == _ANY_REF
    win = win.view("<u8").reshape(-1, 2)
    if not keep.all():
        at, win = at[keep], win[keep]
    return at, win[:, 0], np.ascontiguousarray(win[:, 1])


def _plain_tags(data: memoryview, pad: np.ndarray, before: np.ndarray) -> int | None:
    """How many ``<c `` and ``<row `` tags; None when one is spelt otherwise (no attribute, other
    whitespace; prefixes are :func:`_prefixed`): the plain count would miss it. Usually every
    ``<c`` and ``<r`` (see :func:`_opened`) starts a ``<c r="`` or ``<row r="`` just ``before`` a
    ref, and counting them is the whole test; else each is found and the byte after it read."""
    cells = int(np.count_nonzero((before >> 16) == _CELL_REF))
    rows = int(np.count_nonzero(before == _ROW_REF))
    if _opened(data) == cells + rows:
        return cells + rows
    cell_after = pad[_pairs(data, b"<c") + 2]
    maybe_row = _pairs(data, b"<r")
    row_after = pad[maybe_row[(pad[maybe_row + 2] == 111) & (pad[maybe_row + 3] == 119)] + 4]
    if _ODD[cell_after].any() or _ODD[row_after].any():
        return None
    return int(np.count_nonzero(cell_after == 32) + np.count_nonzero(row_after == 32))


def _prefixed(arr: np.ndarray, pad: np.ndarray) -> bool:
    """Whether a ``c`` or ``row`` tag has a namespace prefix (``x:c``)."""
    colon = np.flatnonzero(arr == 58)
    colon = colon[(pad[colon + 1] == 99) | (pad[colon + 1] == 114)]
    return bool((_TERM[pad[colon + 2]] | ((pad[colon + 2] == 111) & (pad[colon + 3] == 119)
                                          & _TERM[pad[colon + 4]])).any())


def _greatest(pad: np.ndarray, starts: np.ndarray, width: int) -> int:
    """The greatest of the ``width``-digit numbers starting at ``starts``, compared digit by
    digit (equal-width digit strings order as their bytes do), keeping only those that tie."""
    value = 0
    for j in range(width):
        digit = pad[starts + j]
        top_digit = digit.max()
        value = value * 10 + int(top_digit) - 48
        starts = starts[digit == top_digit]
    return value


def _plain_refs(pad: np.ndarray, at: np.ndarray, ref: np.ndarray) -> tuple[int, int] | None:
    """(last row, widest column) of the refs whose ``r`` is ``at`` and whose first 8 bytes are
    ``ref``; None when one is spelt otherwise than ``r="XFD1048576"`` (up to 3 letters A-Z,
    digits, the quote within 12 bytes) or the answer needs the plain reading. Every ref is read:
    rows need not be in order. The greatest row is the greatest of the longest digit strings,
    the widest column of the longest letter strings (equal-width strings order as their bytes
    do): the words are read big-endian, shifted so those bytes lead, the greatest taken. A ref
    filling its 8 bytes has the next 8 bytes' shape looked up, and rows are read digit by digit."""
    if not len(at):
        return 0, 0
    shape = _shapes(ref)
    letters = shape & 7
    runs = shape < 0x88  # not closed after at least one digit: spelt otherwise, or running on
    running = bool(runs.any())
    if running:
        if (letters[runs] + (shape[runs] >> 3 & 15) != 8).any():
            return None
        more = _shapes(np.ndarray((len(pad) - 7,), "<u8", pad, strides=(1,))[at[runs] + 11])
        if ((more & 0xE7) != 0x80).any():  # no letter, at most 3 more digits, then the quote
            return None
        shape[runs] = letters[runs] | (8 - letters[runs] + (more >> 3)) << 3
    value = ref.view(">u8").astype(np.uint64)  # the ref's first byte the most significant
    widest = int(letters.max())
    col = _col_number(_top(value[letters == widest], widest)) if widest else 0
    digits = shape >> 3 & 15
    longest = int(digits.max())
    longer = digits == longest
    if running:
        row = _greatest(pad, at[longer] + 3 + letters[longer], longest)
    else:
        row = int(_top(value[longer] << (letters[longer] * np.uint8(8)), longest))
    # the greatest of the longest is the greatest unless it has a leading zero (A0000001 below A9)
    return (row, col) if row >= 10 ** (longest - 1) else None


def _top(value: np.ndarray, width: int) -> bytes:
    """The first ``width`` bytes of the greatest of the big-endian words ``value``."""
    return (int(value.max()) >> (64 - 8 * width)).to_bytes(width, "big")


def measure_sheet(zf: zipfile.ZipFile, part: str, shared: list[int] | None) -> Extent:
    """The real extent of a sheet as the reader will allocate it, and the shared text it copies.

    The usual spelling (every row and cell tag ``<c r="…"``, ``<row r="…"``) is measured
    vectorised; anything else (refs in single quotes, spaces, prefixes, cells or rows without
    a ref) is measured again by :func:`_measure_any`.
    """
    ext = Extent()
    refs = tags = 0
    for buf, n in _pieces(zf, part):
        full = np.frombuffer(buf, dtype=np.uint8)
        pad, data = full[8:], memoryview(buf)[8:8 + n]
        at, before, ref = _refs(data, full)
        prefixed = buf.find(b":", 8, 8 + n) >= 0 and _prefixed(pad[:n], pad)
        plain = None if prefixed else _plain_tags(data, pad, before)
        found = None if plain is None else _plain_refs(pad, at, ref)
        if plain is None or found is None:
            return _measure_any(zf, part, shared)
        tags += plain
        refs += len(at)
        ext.rows, ext.cols = max(ext.rows, found[0]), max(ext.cols, found[1])
        if shared and buf.find(b' t="s"', 8, 8 + n) >= 0:
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
