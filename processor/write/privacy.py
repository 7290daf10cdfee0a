"""Customer personal data never leaves the center unmasked (docs/outputs.md; a promise of the product).

Tickets carry the customer's phone number, and supervisors paste numbers into notes that end
up in evidence text. Every text that reaches a workbook cell, a page or the ledger goes
through :func:`mask_phone`, which keeps the first three and last four digits of a mobile
number (``13800001234`` → ``138****1234``) and the area code and last four digits of a
landline written with its area code (``010-12345678`` → ``010-****5678``), so a person can
still tell two numbers apart without being able to call either.

Numbers are found on a normalised copy of the text, because people (and pasted web pages)
write them in many ways: full-width digits (``１３８…``), dots, slashes, hyphens or spaces
between the groups (``138.0000.3333``, ``138/0000/4444``), zero-width or other invisible
characters inside, ``+86`` / ``0086`` / ``86`` in front. The masked form replaces the number
as found, invisible characters and all.
"""
from __future__ import annotations

import re
from typing import overload

import pandas as pd

# Invisible characters dropped before matching: zero-width, joiners, bidi controls, soft hyphen, BOM.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_TO_ASCII = {chr(0xFF10 + i): str(i) for i in range(10)} | {
    "＋": "+", "－": "-", "．": ".", "／": "/", "　": " ", "（": "(", "）": ")", "\u2010": "-", "\u2011": "-",
    "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u3002": "."}
_SEP = r"[\s\-./]?"
# A mainland mobile number, alone or inside text, optionally +86 / 0086 / 86 prefixed, its groups
# split by a space, hyphen, dot or slash; not part of a longer run of digits.
_MOBILE = re.compile(rf"(?<![\d])((?:(?:\+|00)?86{_SEP})?1[3-9]\d){_SEP}\d{{4}}{_SEP}(\d{{4}})(?!\d)")
# A landline with its area code: 010-12345678, 0755-1234567, (0755)12345678.
_LANDLINE = re.compile(r"(?<![\d])(\(?0\d{2,3}\)?[\s\-./]?)\d{3,4}(\d{4})(?!\d)")
# Text with at least seven digits close together (any script's digits): only that can hold a number.
_DIGITS = re.compile(r"\d(?:\D{0,3}\d){6}")


def _normalised(text: str) -> tuple[str, list[int]]:
    """The text with invisible characters dropped and full-width forms made ASCII, and for each
    of its characters the index it came from."""
    chars, where = [], []
    for i, ch in enumerate(text):
        if _INVISIBLE.match(ch):
            continue
        chars.append(_TO_ASCII.get(ch, ch if not ch.isdigit() or ch.isascii() else str(_digit(ch))))
        where.append(i)
    return "".join(chars), where


def _digit(ch: str) -> int | str:
    import unicodedata

    value = unicodedata.digit(ch, None)
    return ch if value is None else value


@overload
def mask_phone(text: str) -> str: ...
@overload
def mask_phone(text: object) -> object: ...


def mask_phone(text: object) -> object:
    """Mask every phone number inside ``text``; anything that is not a string is returned as is."""
    if not isinstance(text, str) or len(text) < 7 or not _DIGITS.search(text):
        return text
    if text.isascii():
        return _mask_plain(text)
    norm, where = _normalised(text)
    spans: list[tuple[int, int, str]] = []
    for regex, keep in ((_MOBILE, lambda m: True), (_LANDLINE, _is_landline)):
        for m in regex.finditer(norm):
            if keep(m) and not any(s < m.end() and m.start() < e for s, e, _ in spans):
                spans.append((m.start(), m.end(), m.group(1) + "****" + m.group(2)))
    out, last = [], 0
    for start, end, masked in sorted(spans):
        out.append(text[last:where[start]])
        out.append(masked)
        last = where[end - 1] + 1
    out.append(text[last:])
    return "".join(out)


def _mask_plain(text: str) -> str:
    text = _MOBILE.sub(r"\1****\2", text)
    return _LANDLINE.sub(lambda m: m.group(1) + "****" + m.group(2) if _is_landline(m) else m.group(0), text)


def _is_landline(m: re.Match[str]) -> bool:
    # Without a separator or brackets, a 0-prefixed run of digits may be an id: leave it alone.
    prefix = m.group(1)
    return any(c in prefix for c in "-( ./")


def mask_frame(frame: pd.DataFrame, keep: tuple[str, ...] = ("employee_id",)) -> pd.DataFrame:
    """A copy of ``frame`` with every text column but ``keep`` (ids) masked: for the ledger."""
    out = frame.copy()
    for col in out.columns:
        if col not in keep and out[col].dtype == object:
            out[col] = out[col].map(mask_phone)
    return out
