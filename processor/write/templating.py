"""Finding the templates and building the one Jinja environment every page uses.

The templates live in the top-level ``templates/`` folder, installed as the package
``processor.templates``. From a wheel they are found through ``importlib.resources``; from a
checkout (tests, ``make demo`` before install) the package is not importable, so the folder
beside ``processor/`` is used instead.

The environment autoescapes everything, and ``StrictUndefined`` turns a misspelt variable
into an error in the tests instead of an empty cell in front of a manager. Every printed value
goes through one function, :func:`_printed` (phone numbers masked, then escaped), compiled in
by :class:`PrintingCodeGenerator`.
"""
from __future__ import annotations

import hashlib
import importlib.resources
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Expr
from markupsafe import Markup, escape

from processor.words import headers, texts
from processor.words.lang import choose
from processor.write.filters import FILTERS
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


class PrintingCodeGenerator(CodeGenerator):
    """Compiles each printed ``{{ value }}`` of an autoescaped template to one call,
    ``environment.printed(value)`` (:func:`_printed`), where Jinja writes
    ``escape(environment.finalize(value))``: two calls and a Markup object per value, and a report
    of 2,000 employees prints 1.5 million values. Same text out; templates that switch
    autoescaping at run time keep Jinja's own code (the hooks are the ones Jinja's
    ``NativeCodeGenerator`` overrides)."""

    def _output_child_pre(self, node: Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("environment.printed(")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)


class RecordEnvironment(Environment):
    """An environment that reads ``row.key`` of a plain dict as ``row["key"]`` first.

    The pages hand rows to the templates as dicts, and Jinja's default ``getattr`` tries the
    attribute first: for a dict that raises and catches an AttributeError on every lookup
    (about 1.4 µs, some two million lookups for a large center's report). Looking the key up
    first gives the same value whenever the key exists; a name that is not a key (``r.get``,
    ``d.items``) still falls back to the attribute, as before.
    """

    code_generator_class = PrintingCodeGenerator  # printed values: ``environment.printed(value)``

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.printed = _printed  # an instance attribute: the compiled call binds no method

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


def _printed(value: Any) -> str:
    """``escape(_masked(value))``, the text an autoescaped page prints for ``value``. A number is
    its ``str`` (digits, sign, point, ``e``, ``inf``, ``nan``: nothing to escape); a text is
    masked and escaped once per distinct text; markup (a macro's output) is printed as it is."""
    kind = type(value)
    if kind is str:
        return _escaped_text(value)
    if kind is int or kind is float:
        return str(value)
    if kind is Markup:  # a macro's output: escape() would copy it, _masked leaves it alone
        return value
    return escape(_masked(value))


@lru_cache(maxsize=1 << 16)
def _escaped_text(value: str) -> str:
    text = _masked(value)
    escaped = escape(text)
    return text if escaped == text else escaped  # most texts need nothing: keep no second copy


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
                      keep_trailing_newline=True, auto_reload=False, finalize=_masked,
                      bytecode_cache=_compiled_cache())
    env.filters.update(FILTERS)
    env.globals.update(lang=lang, t=texts.text(lang), html_lang=choose("zh-CN", "en", lang),
                       col=lambda key: headers.human_label(key, lang))
    return env


class _CompiledTemplates(FileSystemBytecodeCache):
    """Templates compiled once per machine rather than once per run (a third of a second,
    before the report's pages can be shared out between two processes).

    Jinja keys a compiled template by its name and its source's checksum, not by how it was
    compiled: the file names carry a fingerprint of this module (the code generator and the
    environment's options live here) and of Jinja's version, so code compiled otherwise is
    never reused. A cache that cannot be written costs only the next compile."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _compiled_cache() -> _CompiledTemplates | None:
    """The cache in Jinja's own per-user folder (owner-only on POSIX, refused when another
    user owns it); None where there is no such folder: templates are then compiled each run."""
    fingerprint = hashlib.sha256(Path(__file__).read_bytes() + getattr(jinja2, "__version__", "").encode()).hexdigest()[:16]
    try:
        return _CompiledTemplates(pattern=f"__opscore_{fingerprint}_%s.cache")
    except (OSError, RuntimeError):  # Jinja's "Cannot determine safe temp directory"
        return None
