"""Customer personal data never leaves the center unmasked (docs/outputs.md; a promise of the product).

Tickets carry the customer's phone number, and supervisors paste numbers into notes that end
up in evidence text. Every text that reaches a workbook cell or a page goes through
:func:`mask_phone`, which keeps the first three and last four digits of a mobile number
(``13800001234`` → ``138****1234``) and the area code and last four digits of a landline
written with its area code (``010-12345678`` → ``010-****5678``), so a person can still tell
two numbers apart without being able to call either.
"""
from __future__ import annotations

import re

# A mainland mobile number, alone or inside text, optionally +86 / 86 prefixed and split by
# spaces or hyphens (138 0000 1234, 138-0000-1234); not part of a longer run of digits.
_MOBILE = re.compile(r"(?<![\d])((?:\+?86[\s-]?)?1[3-9]\d)[\s-]?\d{4}[\s-]?(\d{4})(?!\d)")
# A landline with its area code: 010-12345678, 0755-1234567, (0755)12345678.
_LANDLINE = re.compile(r"(?<![\d])(\(?0\d{2,3}\)?[\s-]?)\d{3,4}(\d{4})(?!\d)")


def mask_phone(text: object) -> object:
    """Mask every phone number inside ``text``; anything that is not a string is returned as is."""
    if not isinstance(text, str) or len(text) < 7:
        return text
    text = _MOBILE.sub(r"\1****\2", text)
    return _LANDLINE.sub(lambda m: m.group(1) + "****" + m.group(2) if _is_landline(m) else m.group(0), text)


def _is_landline(m: re.Match[str]) -> bool:
    # Without a separator or brackets, a 0-prefixed run of digits may be an id: leave it alone.
    prefix = m.group(1)
    return "-" in prefix or "(" in prefix or " " in prefix
