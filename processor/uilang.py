"""The command line's language: Chinese by default, English with ``--lang en`` or an English locale.

:func:`ui_lang` is the one place that decides it, for help, usage errors, prompts and the
outputs alike (it is the default of every command's ``--lang``; the run then speaks it through
:func:`processor.words.speaking`, see :mod:`processor.words.lang`). Every choice between the
two texts is :func:`processor.words.lang.choose`. click writes its own words (``Usage:``,
``Missing argument``, ``Show this message and exit.``) through ``gettext``; :func:`install`
routes those calls through :data:`CLICK_ZH` while the language is Chinese, so help and usage errors stay click's own —
same layout, same exit code 2 — in the user's language.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import click

from .errors import pick
from .words import LANGS
from .words.lang import choose

_current = {"lang": "zh"}

CLICK_ZH = {
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "%(prog)s, version %(version)s": "%(prog)s,版本 %(version)s",
    "Error: {message}": "错误: {message}",
    "Try '{command} {option}' for help.": "用 '{command} {option}' 查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令。",
    "Missing parameter: {param_name}": "缺少参数: {param_name}",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Got unexpected extra argument ({args})": "多余的参数 ({args})",
    "Got unexpected extra arguments ({args})": "多余的参数 ({args})",
    "Did you mean {possibility}?": "是不是 {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(是不是其中之一: {possibilities}?)",
    "Invalid value: {message}": "无效的值: {message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效: {message}",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是 {choices} 之一。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是有效的是/否值。可用: {states}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件,应为文件夹。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹,应为文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "file": "文件", "directory": "文件夹", "path": "路径",
    "integer": "整数", "float": "数字",
    "Choose from:\n\t{choices}": "可选:\n\t{choices}",
    "default: {default}": "默认: {default}",
    "env var: {var}": "环境变量: {var}",
    "required": "必填",
    "Aborted!": "已取消!",
    "Do you want to continue?": "是否继续?",
    "Repeat for confirmation": "请再输入一次确认",
    "Error: The two entered values do not match.": "错误: 两次输入不一致。",
    "Error: invalid input": "错误: 输入无效",
    "Press any key to continue...": "按任意键继续……",
}


def ui_lang(args: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> str:
    """``--lang`` on the command line wins; else an English locale (the first of ``LC_ALL``,
    ``LC_MESSAGES``, ``LANG`` that is set, starting with ``en``) gives English; else Chinese."""
    args = list(sys.argv[1:] if args is None else args)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in LANGS:
            return args[i + 1]
        if arg.startswith("--lang=") and arg[len("--lang="):] in LANGS:
            return arg[len("--lang="):]
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(var):
            return "en" if env[var].lower().startswith("en") else "zh"
    return "zh"


def current() -> str:
    """The language decided for this invocation (see :func:`set_lang`)."""
    return _current["lang"]


def set_lang(lang: str) -> None:
    _current["lang"] = lang if lang in LANGS else "zh"


def translate(message: str, lang: str) -> str:
    """click's English ``message`` in ``lang``."""
    return choose(CLICK_ZH.get(message, message), message, lang)


def _gettext(message: str) -> str:
    return translate(message, _current["lang"])


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def install() -> None:
    """Route click's gettext calls through :data:`CLICK_ZH` (idempotent)."""
    import importlib

    for name in ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils"):
        module: Any = importlib.import_module(f"click.{name}")  # assigned below: click's own gettext names
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext


def _localize(cmd: click.Command, lang: str) -> None:
    """Pick each help text's language (texts are kept whole in ``_both``, so every call can pick again)."""
    for obj in [cmd, *cmd.params]:
        for attr in ("help", "short_help"):
            both = obj.__dict__.setdefault(f"_both_{attr}", getattr(obj, attr, None))
            if both:
                setattr(obj, attr, pick(both, lang))
        if isinstance(obj, click.Command):
            obj.options_metavar = choose("[选项]", "[OPTIONS]", lang)
        if isinstance(obj, click.Group):
            obj.subcommand_metavar = choose("命令 [参数]...", "COMMAND [ARGS]...", lang)
        kind = getattr(obj, "type", None)
        if isinstance(kind, click.Path):
            kind.name = translate(kind.__dict__.setdefault("_english_name", kind.name), lang)
    for sub in getattr(cmd, "commands", {}).values():
        _localize(sub, lang)


class LocalGroup(click.Group):
    """The ``opscore`` group: decides the language once, before click parses anything."""

    def main(self, args=None, *pos, **kwargs):
        lang = ui_lang(args)
        set_lang(lang)
        _localize(self, lang)
        return super().main(args, *pos, **kwargs)
