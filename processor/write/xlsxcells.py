"""How a value is spelt inside SpreadsheetML: cell references, escaped text, numbers, widths."""
from __future__ import annotations

import re

from processor.errors import column_letter

NUMBER = "%.16G"  # a number as Excel writes it: 16 significant digits, no trailing ".0"
_ESCAPED = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def column_letters(col: int) -> str:
    """0 → ``A``, 26 → ``AA`` (the same letters the input problems name)."""
    return column_letter(col)


def xml_escape(text: str, quote: bool = False) -> str:
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return out.replace('"', "&quot;") if quote else out


def cell_text(text: str) -> str:
    """``text`` as Excel stores it: control characters as ``_xHHHH_`` (and a literal ``_xHHHH_``
    protected by ``_x005F``, as Excel does), characters XML cannot hold dropped, then escaped."""
    if "_x" in text:
        text = _ESCAPED.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return xml_escape(_SURROGATE.sub("", text))


def number_text(value: float) -> str:
    """A number as Excel writes it in a cell (16 significant digits, no trailing ``.0``)."""
    return NUMBER % value


def excel_width(chars: float) -> float:
    """A column width in characters as stored in the file (Excel's pixel rounding, Calibri 11)."""
    pixels = int(chars * 12 + 0.5) if chars < 1 else int(chars * 7 + 0.5) + 5
    return (pixels * 256 // 7) / 256.0
