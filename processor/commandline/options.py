"""What the ``opscore`` commands share: their common options, the language option's default,
and :func:`friendly`, which turns our exceptions into messages and exit codes (see ``cli.py``).
"""
from __future__ import annotations

import functools
import sys
import tempfile
import traceback
from pathlib import Path

import click

from .. import uilang
from ..errors import InputProblems, OpscoreError, environment_failure, pick, shown, terminal_safe
from ..words import english
from ..words.lang import choose

uilang.install()
uilang.set_lang("en")  # types name themselves when made (click.Path → "directory"): keep the English, pick later

CONTEXT = {"help_option_names": ["-h", "--help"], "show_default": True}


def _default_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    return value or uilang.current()


def lang_option(f):
    return click.option("--lang", type=click.Choice(["zh", "en"]), default=None, show_default=False,
                        callback=_default_lang,
                        help="消息、标签、工作表名和表头的语言(默认中文;英文系统环境下为英文)"
                             "‖Language of messages, labels, sheet names and headers (default Chinese; "
                             "English under an English locale).")(f)


def rules_option(f):
    return click.option("--rules", "rules_file", type=click.Path(dir_okay=False, path_type=Path),
                        default=None, help="本中心自己的规则库(TOML),覆盖默认值‖A center's own rulebook (TOML) "
                                           "laid over the defaults.")(f)


def force_option(f):
    return click.option("--force", is_flag=True, help="替换已有的同名文件‖Replace files that are already there.")(f)


def center_option(f):
    return click.option("--center", default=None,
                        help="中心名称,台账按(中心, 月份)记录。run 默认取规则库 [meta] center;其他命令在台账只有一个中心时可省略"
                             "‖The center: run defaults to [meta] center of the rulebook; the other commands "
                             "to the ledger's only center.")(f)


def db_option(f):
    return click.option("--db", default=None, metavar="URL",
                        help="台账数据库地址,默认 OUT/opscore.db‖Ledger URL, e.g. postgresql://user:pw@host/db; "
                             "default: the SQLite file OUT/opscore.db.")(f)


def out_option(f):
    return click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
                        help="输出文件夹‖Output folder.")(f)


def friendly(f):
    """Turn our exceptions into messages and exit codes; anything else into a short apology."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        lang = kwargs.get("lang") or uilang.current()
        try:
            return f(*args, **kwargs)
        except InputProblems as exc:
            for p in exc.problems:
                click.echo(p.render(lang), err=True)
            click.echo(str(exc), err=True)
            sys.exit(1)
        except OpscoreError as exc:
            _say_error(exc, lang)
        except KeyboardInterrupt:
            click.echo("已中断,未写入任何输出 (interrupted; nothing written)", err=True)
            sys.exit(130)
        except Exception as exc:  # the machine (disk full, permissions) or a bug of ours
            if (failure := environment_failure(exc)) is not None:
                _say_error(failure, lang)
            _internal_error(exc, lang)

    return wrapper


def _say_error(exc: OpscoreError, lang: str) -> None:
    click.echo(terminal_safe(choose("错误: ", "Error: ", lang) + pick(str(exc), lang)), err=True)
    if exc.hint:
        click.echo(terminal_safe(choose("提示: ", "Hint: ", lang) + pick(exc.hint, lang)), err=True)
    sys.exit(exc.exit_code)


def _internal_error(exc: Exception, lang: str) -> None:
    """Say so briefly; the traceback goes to a private log (``mkstemp``: a fresh name, mode 0600,
    never an existing file or link) in the user's temp folder. No SQL or its parameters in
    the message: only the driver's own first line."""
    fd, log = tempfile.mkstemp(prefix="opscore-error-", suffix=".log")
    with open(fd, "w", encoding="utf-8") as fh:
        fh.write(traceback.format_exc())
    cause = getattr(exc, "orig", None) or exc
    first = (str(cause).splitlines() or [""])[0]
    said = shown(first, lang, 200)
    click.echo(f"内部错误:{type(cause).__name__}: {said}" if not english(lang)
               else f"internal error: {type(cause).__name__}: {said}", err=True)
    click.echo(terminal_safe(f"详情已写入 {log};未写入任何输出" if not english(lang)
                             else f"details in {log}; no output written"), err=True)
    sys.exit(3)


MONTH_HELP = "月份(YYYY-MM),文件夹名看不出月份时使用‖The month (YYYY-MM) when the folder name does not say it."
DB_HELP = "台账数据库 URL(默认:SQLite 文件 OUT/opscore.db)‖Ledger database URL (default: sqlite file OUT/opscore.db)."
