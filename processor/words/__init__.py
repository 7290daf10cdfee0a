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
import functools
import re
import string
from collections.abc import Iterator
from contextvars import ContextVar

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

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


def english(lang: str | None = None) -> bool:
    """The one decision of the language policy (:mod:`processor.words.lang`): whether ``lang``,
    else the run's language, is English. Every choice between a Chinese and an English text
    or layout asks this."""
    return (_LANG.get() if lang is None else lang) == "en"


def word(key: str) -> str:
    """A template with no placeholder (or the raw template), in the current language."""
    from .evidence import PHRASES

    zh, en = PHRASES[key]
    return en if english() else zh


_FIELDS = string.Formatter()


def say(key: str, index: pd.Index | None = None, **parts: object) -> pd.Series:
    """The sentence ``key`` in the current language, its ``{placeholders}`` filled from ``parts``,
    as a Series of text: one sentence per row.

    A part is a Series (aligned on ``index``, or on the first Series given) or a scalar; the rows
    come from ``index`` or from a Series part (one sentence from scalars alone is :func:`sentence`,
    so that each caller knows which it gets). Missing values become empty text. Unknown or unused
    parts are an error: a template and its caller must agree, in both languages
    (tests/test_words.py checks every template).
    """
    _, pieces = _template(key, parts)
    if index is None:
        index = next((v.index for v in parts.values() if isinstance(v, pd.Series)), None)
    if index is None:
        raise TypeError(f"say({key!r}) fills a column: give a Series part or index=, or use sentence()")
    out: np.ndarray | str = ""
    for literal, field, spec, _ in pieces:  # numpy object arrays: one C loop per piece, no pandas per piece
        if literal:
            out = out + literal
        if field:
            out = out + _text(parts[field], index, spec)
    if isinstance(out, str):
        out = np.full(len(index), out, dtype=object)
    return pd.Series(out, index=index, dtype=object)


def sentence(key: str, **parts: object) -> str:
    """The sentence ``key`` in the current language filled from scalar ``parts``: one str."""
    template, _ = _template(key, parts)
    return template.format(**{k: "" if v is None else v for k, v in parts.items()})


def _template(key: str, parts: dict[str, object]) -> tuple[str, list[tuple[str, str | None, str | None, str | None]]]:
    """The template of ``key`` in the current language and its pieces; the parts must be its placeholders."""
    template = word(key)
    pieces = _pieces(template)
    wanted = {f for _, f, _, _ in pieces if f}
    if wanted != set(parts):
        raise KeyError(f"phrase {key!r} takes {sorted(wanted)}, given {sorted(parts)}")
    return template, pieces


@functools.lru_cache(maxsize=None)
def _pieces(template: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return list(_FIELDS.parse(template))


def _text(value: object, index: pd.Index, spec: str | None) -> np.ndarray | str:
    """A part as text: a Series as an object array aligned on ``index`` (missing → ``""``)."""
    if isinstance(value, pd.Series):
        s = value if value.index is index else value.reindex(index)
        if spec:
            return s.map(lambda v: "" if v is None or v != v else format(v, spec)).to_numpy(dtype=object)
        return as_text(s)
    if value is None:
        return ""
    return format(value, spec) if spec else str(value)


def as_text(s: pd.Series) -> np.ndarray:
    """The values of ``s`` as an object array of str, missing values as ``""`` (``str()`` of the rest)."""
    out = s.to_numpy(dtype=object, copy=True)
    missing = s.isna().to_numpy()
    if missing.any():
        out[missing] = ""
    if infer_dtype(out, skipna=False) not in ("string", "empty"):
        out = out.astype(str).astype(object)  # str() of each non-text value, in numpy's C loop
    return out


def pick_pair(pair: tuple[str, str]) -> str:
    """One of a (Chinese, English) pair in the current language."""
    return pair[1] if english() else pair[0]


_HAN = re.compile(r"[\u4e00-\u9fff]")


def has_chinese(text: str) -> bool:
    """Whether ``text`` holds a Chinese character (the tests' one-language check)."""
    return bool(_HAN.search(text))
