"""The one language policy: which of a Chinese and an English text is said.

Two decisions, one rule:

* The run's language is :func:`processor.words.current`: ``run_month`` and ``compare`` enter
  :func:`processor.words.speaking` with their ``--lang`` around the rules and scoring stages,
  and a writer is handed the same ``lang``. Outside a ``speaking`` block it is Chinese.
* The command line's language is :func:`processor.uilang.ui_lang`, decided once per invocation
  before click parses anything (``--lang``, else an English locale, else Chinese): it says the
  help, usage errors and messages, and it is the default of every command's ``--lang``, which
  the command hands to the run. So both name the same language during a run.

Whichever decided it, every choice between the two texts is :func:`choose`: a ``lang`` given
explicitly wins, no ``lang`` means the run's language, and only ``en`` is English: the one
function deciding it is :func:`english`, which a writer also asks where the language changes a
layout rather than a text (English keeps the stable keys and codes scripts read).
"""
from __future__ import annotations

from . import LANGS, current, english

__all__ = ["LANGS", "check_lang", "choose", "english", "lang_of"]


def lang_of(lang: str | None = None) -> str:
    """``lang`` when one is given, else the run's language."""
    return current() if lang is None else lang


def choose(zh: str, en: str, lang: str | None = None) -> str:
    """``en`` when the language (``lang``, else the run's) is English, else ``zh``."""
    return en if english(lang) else zh


def check_lang(lang: str) -> str:
    """The language code, or ValueError naming the ones we have (a writer's entry check)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    return lang
