"""Finding the templates and building the one Jinja environment every page uses.

The templates live in the top-level ``templates/`` folder, installed as the package
``processor.templates``. From a wheel they are found through ``importlib.resources``; from a
checkout (tests, ``make demo`` before install) the package is not importable, so the folder
beside ``processor/`` is used instead.

The environment autoescapes everything, and ``StrictUndefined`` turns a misspelt variable
into an error in the tests instead of an empty cell in front of a manager.
"""
from __future__ import annotations

import importlib.resources
import re
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from processor.words import headers, texts
from processor.write.filters import FILTERS
from processor.write.hbar_svg import hbar_svg
from processor.write.privacy import mask_phone


def template_dir() -> Path:
    """The folder holding ``_layout.html`` and ``macros/``: installed package first, then checkout."""
    try:
        path = Path(str(importlib.resources.files("processor.templates")))
        if (path / "_layout.html").is_file():
            return path
    except (ModuleNotFoundError, TypeError, ValueError):
        pass
    return Path(__file__).resolve().parents[2] / "templates"


class RecordEnvironment(Environment):
    """An environment that reads ``row.key`` of a plain dict as ``row["key"]`` first.

    The pages hand rows to the templates as dicts, and Jinja's default ``getattr`` tries the
    attribute first: for a dict that raises and catches an AttributeError on every lookup
    (about 1.4 µs, some two million lookups for a large center's report). Looking the key up
    first gives the same value whenever the key exists; a name that is not a key (``r.get``,
    ``d.items``) still falls back to the attribute, as before.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


_LINK = re.compile(r"^[^\s]*\.html(?:#[^\s]*)?$")


def _masked(value: Any) -> Any:
    """Every plain text a page prints has its phone numbers masked (names, notes, team names);
    markup built by our own macros and page links are left alone."""
    if type(value) is str and len(value) >= 7:
        return _masked_text(value)
    return value


@lru_cache(maxsize=1 << 16)
def _masked_text(value: str) -> str:
    """One text masked once: a report prints the same dates, names and labels on many pages
    (1.4 million values for 2,000 employees, a few thousand distinct)."""
    return value if _LINK.match(value) else mask_phone(value)


@lru_cache(maxsize=None)
def environment(lang: str = "zh") -> Environment:
    """Jinja environment with autoescape, StrictUndefined, our filters and the words of ``lang``.

    One per language, kept for the process: compiled templates are reused across reports, and
    never checked for changes on disk (``auto_reload=False``), which saved a ``stat`` per
    template per page.
    """
    env = RecordEnvironment(loader=FileSystemLoader(str(template_dir())), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, auto_reload=False, finalize=_masked)
    env.filters.update(FILTERS)
    env.globals.update(lang=lang, t=texts.text(lang),
                       col=lambda key: headers.human_label(key, lang),
                       hbar_svg=partial(hbar_svg, finalize=_masked))
    return env
