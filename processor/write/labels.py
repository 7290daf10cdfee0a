"""How a message of the rules stage reads in an output of one language (:func:`one_language`).

The words for codes, sheets, columns and the pages' sentences are in the bottom-layer package
:mod:`processor.words` (``labels``, ``headers``, ``texts``), so that every layer can use them;
what stays here is the writers' own rule for the rules stage's bilingual messages.
"""
from __future__ import annotations

import re

from processor.words.lang import english

_LATIN_BRACKETS = re.compile(r"\s?\((?=[A-Za-z])[^()]*\)")


def one_language(value: object, lang: str = "zh") -> str:
    """A message of the rules stage as a page or a sheet shows it. The rules and scoring write
    their messages in the run's language already (processor.words), so an English message is
    kept as it is, and a Chinese message drops what it holds in brackets that start with a
    Latin letter (the ``(LV-NIGHT)`` rule ids the attendance evidence names: the day's rule
    ids are a column of their own)."""
    if value is None or value != value:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not english(lang) and "(" in text:
        return _LATIN_BRACKETS.sub("", text)
    return text
