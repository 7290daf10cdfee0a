"""How a message of the rules stage reads in an output of one language (:func:`one_language`).

The words for codes, sheets, columns and the pages' sentences are in the bottom-layer package
:mod:`processor.words` (``labels``, ``headers``, ``texts``), so that every layer can use them;
what stays here is the writers' own rule for the rules stage's bilingual messages.
"""
from __future__ import annotations

import re

from processor.model import ACTIONS
from processor.words.labels import action_label

_GLOSS = re.compile(r"\s?\((?=[A-Za-z])[^()]*\)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CODE_PREFIX = re.compile(rf"^({'|'.join(ACTIONS)}): ")


def one_language(value: object, lang: str = "zh") -> str:
    """A message of the rules stage in the output's language alone: in Chinese the English gloss
    in brackets after a Chinese word is left out, as is a bracketed team gloss; in
    English a message that carries glosses is said by its glosses (the same → ``fail``),
    and one without any is kept as it is (it quotes an input)."""
    if value is None or value != value:
        return ""
    text = value if isinstance(value, str) else str(value)
    code = _CODE_PREFIX.match(text)
    if code:  # "coaching: …" (an action code leading a message) in words
        text = action_label(code.group(1), lang) + (":" if lang == "zh" else ": ") + text[code.end():]
    if "(" not in text:
        return text
    if lang == "zh":
        return _GLOSS.sub("", text)
    found = list(_GLOSS.finditer(text))
    if not found or found[-1].end() != len(text.rstrip()) or not _CJK.search(_GLOSS.sub("", text)):
        return text  # not a Chinese message ending in its English gloss: kept whole
    return "; ".join(m.group(0).strip()[1:-1] for m in found)
