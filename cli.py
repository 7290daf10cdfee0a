"""The ``opscore`` command line: thin by design.

It parses options, calls :mod:`processor`, and turns our own exceptions into clean exits:
0 clean, 1 problems in the input, 2 usage errors. No traceback reaches the user.
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from processor import __version__
from processor.errors import InputProblems, OpscoreError, pick

CONTEXT = {"help_option_names": ["-h", "--help"], "show_default": True}


def lang_option(f):
    return click.option("--lang", type=click.Choice(["zh", "en"]), default="zh",
                        help="Language of messages, labels, sheet names and headers.")(f)


def rules_option(f):
    return click.option("--rules", "rules_file", type=click.Path(dir_okay=False, path_type=Path),
                        default=None, help="A center's own rulebook (TOML) laid over the defaults.")(f)


def center_option(f):
    return click.option("--center", default=None,
                        help="中心名称,台账按(中心, 月份)记录。run 默认取规则库 [meta] center;其他命令在台账只有一个中心时可省略"
                             "(The center: run defaults to [meta] center of the rulebook; the other commands "
                             "to the ledger's only center).")(f)


def db_option(f):
    return click.option("--db", default=None,
                        help="台账数据库地址,默认 OUT/opscore.db(Ledger URL, e.g. postgresql://user:pw@host/db; "
                             "default: the SQLite file OUT/opscore.db).")(f)


def out_option(f):
    return click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
                        help="输出文件夹(Output folder).")(f)


def friendly(f):
    """Turn our exceptions into messages and exit codes; anything else into a short apology."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        lang = kwargs.get("lang", "zh")
        try:
            return f(*args, **kwargs)
        except InputProblems as exc:
            for p in exc.problems:
                click.echo(p.render(lang), err=True)
            click.echo(str(exc), err=True)
            sys.exit(1)
        except OpscoreError as exc:
            click.echo(("错误: " if lang == "zh" else "Error: ") + pick(str(exc), lang), err=True)
            if exc.hint:
                click.echo(("提示: " if lang == "zh" else "Hint: ") + pick(exc.hint, lang), err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("已中断,未写入任何输出 (interrupted; nothing written)", err=True)
            sys.exit(130)
        except Exception as exc:  # a bug of ours: say so briefly, keep the traceback in a file
            import tempfile
            import traceback

            log = Path(tempfile.gettempdir()) / "opscore-error.log"
            log.write_text(traceback.format_exc(), encoding="utf-8")
            click.echo(f"内部错误 (internal error): {type(exc).__name__}: {exc}", err=True)
            click.echo(f"详情已写入 {log};未写入任何输出 (details in {log}; no output written)", err=True)
            sys.exit(3)

    return wrapper


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="opscore")
def main() -> None:
    """opscore — apply a service center's regulations to a month of its workbooks.

    \b
    Typical month:
      opscore check 2026-10/        # list every input problem
      opscore run 2026-10/          # scored workbook + HTML report + ledger
      opscore rules                 # the rulebook in force
      opscore close 2026-10         # close the month for payroll (a re-run then gives 补发补扣)
    """


@main.command(context_settings=CONTEXT)
@click.argument("month_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--month", default=None, help="The month (YYYY-MM) when the folder name does not say it.")
@rules_option
@lang_option
@friendly
def check(month_dir: Path, month: str | None, rules_file: Path | None, lang: str) -> None:
    """Validate a month's input workbooks; list every problem; exit 1 if any.

    \b
    Example:
      opscore check sample_workbooks/2026-10
    """
    from processor.pipeline import check_month

    report = check_month(month_dir, month, rules_file, lang)
    click.echo(report.text)
    sys.exit(1 if report.problems else 0)


@main.command(context_settings=CONTEXT)
@click.argument("month_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              help="Output folder (the month's outputs go to OUT/<month>/).")
@click.option("--month", default=None, help="The month (YYYY-MM) when the folder name does not say it.")
@rules_option
@click.option("--db", default=None, help="Ledger database URL (default: sqlite file OUT/opscore.db).")
@center_option
@click.option("--adjustments-only", is_flag=True,
              help="已结账月份重算时,另写 adjustments-<月份>.csv,只含补发补扣的差额"
                   "(Re-running a closed month: also write adjustments-<month>.csv with only the differences).")
@lang_option
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
@friendly
def run(month_dir: Path, out_dir: Path, month: str | None, rules_file: Path | None, db: str | None,
        center: str | None, adjustments_only: bool, lang: str, quiet: bool) -> None:
    """Validate, apply the rulebook, write the scored workbook and the HTML report, record the ledger.

    \b
    Example:
      opscore run sample_workbooks/2026-10 --out out
    """
    from processor.pipeline import run_month

    summary = run_month(month_dir, out_dir, month=month, rules_file=rules_file, db=db, lang=lang, quiet=quiet,
                        center=center, adjustments_only=adjustments_only)
    click.echo(summary)


@main.command(context_settings=CONTEXT)
@rules_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", help="markdown: docs/rules.md.")
@friendly
def rules(rules_file: Path | None, lang: str, fmt: str) -> None:
    """Print the rulebook in force: every rule, its parameters, its citation.

    \b
    Example:
      opscore rules --rules my-center.toml --format markdown
    """
    from processor.rulebook import load_rulebook
    from processor.rulebook.reference import markdown_reference, text_reference

    rb = load_rulebook(rules_file)  # markdown as UTF-8 bytes: the same file on every platform
    click.echo(markdown_reference(rb).encode("utf-8") if fmt == "markdown" else text_reference(rb, lang), nl=False)


@main.command(context_settings=CONTEXT)
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("docs"))
@rules_option
@friendly
def docs(out_dir: Path, rules_file: Path | None) -> None:
    """Write OUT_DIR/rules.md and inputs.md, generated from the rulebook and the input schema. Example: opscore docs docs/ (make docs)."""
    from processor.docs import write_docs

    click.echo("\n".join(str(p) for p in write_docs(out_dir, rules_file)))


@main.command(context_settings=CONTEXT)
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--month", default="2026-10", help="The month to generate (YYYY-MM).")
@click.option("--employees", default=60, type=click.IntRange(20, 20000), help="How many employees.")
@click.option("--tickets", default=4000, type=click.IntRange(0, 5_000_000), help="How many tickets.")
@click.option("--seed", default=7, type=int, help="Random seed: the same seed gives the same month.")
@click.option("--csv", "as_csv", is_flag=True, help="Write tickets as CSV files instead of xlsx.")
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
@friendly
def sample(out_dir: Path, month: str, employees: int, tickets: int, seed: int, as_csv: bool, quiet: bool) -> None:
    """Generate a realistic month of input workbooks (demo, tests, benchmark).

    \b
    Example:
      opscore sample /tmp/months --month 2026-10 --employees 60 --tickets 4000
    """
    from processor.pipeline import parse_month_arg
    from processor.progress import progress_for
    from processor.sample import generate_month

    parse_month_arg(month)
    folder = generate_month(out_dir, month=month, employees=employees, tickets=tickets, seed=seed,
                            csv=as_csv, progress=progress_for(quiet))
    click.echo(str(folder))


@main.command(context_settings=CONTEXT)
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--month", default="2026-10", help="Month used by the example rows (YYYY-MM).")
@friendly
def template(out_dir: Path, month: str) -> None:
    """Write blank input workbooks with headers, dropdowns and one example row each.

    \b
    Example:
      opscore template 2026-11/
    """
    from processor.pipeline import parse_month_arg
    from processor.template import write_templates

    parse_month_arg(month)
    for path in write_templates(out_dir, month):
        click.echo(str(path))


@main.command(context_settings=CONTEXT)
@click.argument("year", type=click.IntRange(2000, 2100))
@click.option("--db", default=None, help="Ledger database URL (default: sqlite file OUT/opscore.db).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              help="Output folder.")
@center_option
@lang_option
@friendly
def annual(year: int, db: str | None, out_dir: Path, center: str | None, lang: str) -> None:
    """The annual appraisal (APR-ANNUAL) from the ledger's months.

    \b
    Example:
      opscore annual 2026 --out out
    """
    from processor.pipeline import run_annual

    click.echo(run_annual(year, out_dir, db, lang, center=center))


@main.command(context_settings=CONTEXT)
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
    Example (close October for payroll, then list its revisions):
      opscore close 2026-10 --out out
      opscore history 2026-10 --out out
    """
    from processor.ledger_commands import run_close

    click.echo(run_close(month, out_dir, db, center, lang))


@main.command(context_settings=CONTEXT)
@click.argument("month")
@db_option
@out_option
@center_option
@lang_option
@friendly
def history(month: str, db: str | None, out_dir: Path, center: str | None, lang: str) -> None:
    """列出该月的每次运行(版本):时间、规则库与输入的 SHA-256、合计、哪一版已结账。

    \b
    Example:
      opscore history 2026-10 --db postgresql://opscore:secret@db.example/ledger
    """
    from processor.ledger_commands import run_history

    click.echo(run_history(month, out_dir, db, center, lang))


@main.command(context_settings=CONTEXT)
@click.argument("month")
@db_option
@out_option
@lang_option
@friendly
def group(month: str, db: str | None, out_dir: Path, lang: str) -> None:
    """集团视图:共享台账中各中心该月并列对比,写 OUT/group-<月份>.xlsx 和 .html。

    \b
    Example:
      opscore group 2026-10 --db postgresql://opscore:secret@db.example/ledger --out group
    """
    from processor.ledger_commands import run_group

    click.echo(run_group(month, out_dir, db, lang))


if __name__ == "__main__":  # pragma: no cover
    main()
