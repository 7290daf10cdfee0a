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
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from processor.write import labels
from processor.write.filters import FILTERS


def template_dir() -> Path:
    """The folder holding ``_layout.html`` and ``macros/``: installed package first, then checkout."""
    try:
        path = Path(str(importlib.resources.files("processor.templates")))
        if (path / "_layout.html").is_file():
            return path
    except (ModuleNotFoundError, TypeError, ValueError):
        pass
    return Path(__file__).resolve().parents[2] / "templates"


@lru_cache(maxsize=None)
def environment(lang: str = "zh") -> Environment:
    """Jinja environment with autoescape, StrictUndefined, our filters and the words of ``lang``.

    One per language, kept for the process: compiled templates are reused across reports.
    """
    env = Environment(loader=FileSystemLoader(str(template_dir())), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters.update(FILTERS)
    env.globals.update(lang=lang, t=labels.text(lang),
                       col=lambda key: labels.human_label(key, lang))
    return env
