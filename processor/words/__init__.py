"""Words for people, in the run's one language: the language policy and the evidence sentences.

A run speaks one language (Chinese by default, English with ``--lang en``): the pipeline
enters :func:`speaking` once around the rules and scoring stages, and every sentence written
into evidence comes from :func:`say`, which looks its template up in
:mod:`processor.words.evidence` in that language. The rules stay vectorised: :func:`say` fills a
template column-wise (one string concatenation per placeholder), never row by row.

This package sits in the bottom layer so that the rules and scoring layers can speak without
importing the writers.
"""
from __future__ import annotations

import contextlib
import re
import string
from collections.abc import Iterator
from contextvars import ContextVar
from typing import overload

import pandas as pd

LANGS = ("zh", "en")
_LANG: ContextVar[str] = ContextVar("opscore_words_lang", default="zh")


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[str]:
    """Within the block, :func:`say` and :func:`word` speak ``lang`` (``zh`` or ``en``)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: one of {LANGS}")
    token = _LANG.set(lang)
    try:
        yield lang
    finally:
        _LANG.reset(token)


def current() -> str:
    """The language being spoken: the one place a rule asks it."""
    return _LANG.get()


def word(key: str) -> str:
    """A template with no placeholder (or the raw template), in the current language."""
    from .evidence import PHRASES

    zh, en = PHRASES[key]
    return en if _LANG.get() == "en" else zh


_FIELDS = string.Formatter()


@overload
def say(key: str, index: pd.Index, **parts: object) -> pd.Series: ...


@overload
def say(key: str, index: None = None, **parts: object) -> pd.Series | str: ...


def say(key: str, index: pd.Index | None = None, **parts: object) -> pd.Series | str:
    """The sentence ``key`` in the current language, its ``{placeholders}`` filled from ``parts``.

    A part is a Series (aligned on ``index``, or on the first Series given) or a scalar; the
    result is a Series of text when any part is a Series (or ``index`` is given), else one str.
    Missing values become empty text. Unknown or unused parts are an error: a template and its
    caller must agree, in both languages (tests/test_words.py checks every template).
    """
    template = word(key)
    pieces = list(_FIELDS.parse(template))
    wanted = {f for _, f, _, _ in pieces if f}
    if wanted != set(parts):
        raise KeyError(f"phrase {key!r} takes {sorted(wanted)}, given {sorted(parts)}")
    if index is None:
        index = next((v.index for v in parts.values() if isinstance(v, pd.Series)), None)
    if index is None:
        return template.format(**{k: "" if v is None else v for k, v in parts.items()})
    out = pd.Series("", index=index, dtype=object)
    for literal, field, spec, _ in pieces:
        if literal:
            out = out + literal
        if field:
            out = out + _text(parts[field], index, spec)
    return out


def _text(value: object, index: pd.Index, spec: str | None) -> pd.Series | str:
    if isinstance(value, pd.Series):
        s = value.reindex(index)
        if spec:
            return s.map(lambda v: "" if v is None or v != v else format(v, spec)).astype(object)
        return s.astype(object).where(s.notna(), "").astype(str)
    if value is None:
        return ""
    return format(value, spec) if spec else str(value)


def pick_pair(pair: tuple[str, str]) -> str:
    """One of a (Chinese, English) pair in the current language."""
    return pair[1] if _LANG.get() == "en" else pair[0]


_HAN = re.compile(r"[\u4e00-\u9fff]")


def has_chinese(text: str) -> bool:
    """Whether ``text`` holds a Chinese character (the tests' one-language check)."""
    return bool(_HAN.search(text))
