"""The ledger's commands on the command line: ``annual``, ``close``, ``history`` and ``group``
(their bodies in :mod:`processor.ledger_commands`); ``cli.py`` adds them to ``opscore``."""
from __future__ import annotations

from pathlib import Path

import click

from .options import CONTEXT, DB_HELP, center_option, db_option, friendly, lang_option, out_option, rules_option


@click.command(context_settings=CONTEXT)
@click.argument("year", type=click.IntRange(2000, 2100))
@click.option("--db", default=None, metavar="URL", help=DB_HELP)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              help="输出文件夹‖Output folder.")
@center_option
@click.option("--rules", "rules_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="本中心的规则文件 TOML(APR-ANNUAL.vetoed_month_score、等级分数线)‖"
                   "A center's rulebook TOML (APR-ANNUAL.vetoed_month_score, grade bands).")
@lang_option
@friendly
def annual(year: int, db: str | None, out_dir: Path, center: str | None, lang: str,
           rules_file: Path | None) -> None:
    """由台账中的各月计算年度考核(APR-ANNUAL)。

    \b
    示例:
      opscore annual 2026 --out out
    ‖The annual appraisal (APR-ANNUAL) from the ledger's months.

    \b
    Example:
      opscore annual 2026 --out out
    """
    from processor.ledger_commands import run_annual

    click.echo(run_annual(year, out_dir, db, lang, center=center, rules_file=rules_file))


@click.command(context_settings=CONTEXT)
@click.argument("month")
@db_option
@out_option
@center_option
@lang_option
@friendly
def close(month: str, db: str | None, out_dir: Path, center: str | None, lang: str) -> None:
    """结账:把该月当前版本标记为工资所用的版本,此后永不改动。

    之后再运行该月,工作簿会多一张“补发补扣”表。

    \b
    示例(十月结账发工资,再列出它的各个版本):
      opscore close 2026-10 --out out
      opscore history 2026-10 --out out
    ‖Close a month: mark its current revision as the one payroll used, never changed after.

    Running the month again then adds an adjustments sheet to the workbook.

    \b
    Example (close October for payroll, then list its revisions):
      opscore close 2026-10 --out out
      opscore history 2026-10 --out out
    """
    from processor.ledger_commands import run_close

    click.echo(run_close(month, out_dir, db, center, lang))


@click.command(context_settings=CONTEXT)
@click.argument("month")
@db_option
@out_option
@center_option
@lang_option
@friendly
def history(month: str, db: str | None, out_dir: Path, center: str | None, lang: str) -> None:
    """列出该月的每次运行(版本):时间、规则库与输入的 SHA-256、合计、哪一版已结账。

    \b
    示例:
      opscore history 2026-10 --db postgresql://opscore:secret@db.example/ledger
    ‖List the month's runs (revisions): time, rulebook and input SHA-256, totals, which one is closed.

    \b
    Example:
      opscore history 2026-10 --db postgresql://opscore:secret@db.example/ledger
    """
    from processor.ledger_commands import run_history

    click.echo(run_history(month, out_dir, db, center, lang))


@click.command(context_settings=CONTEXT)
@click.argument("month")
@db_option
@out_option
@rules_option
@lang_option
@friendly
def group(month: str, db: str | None, out_dir: Path, rules_file: Path | None, lang: str) -> None:
    """集团视图:共享台账中各中心该月并列对比(各项指标对照 --rules 规则库或默认规则库的目标),写 OUT/group-<月份>.xlsx 和 .html。

    \b
    示例:
      opscore group 2026-10 --db postgresql://opscore:secret@db.example/ledger --out group
    ‖Group view: the centers of a shared ledger side by side for the month (each indicator against the target of
    the --rules rulebook, else the default one), in OUT/group-<month>.xlsx and .html.

    \b
    Example:
      opscore group 2026-10 --db postgresql://opscore:secret@db.example/ledger --out group
    """
    from processor.ledger_commands import run_group

    click.echo(run_group(month, out_dir, db, lang, rules_file))


COMMANDS = [annual, close, history, group]
