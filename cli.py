"""The ``opscore`` command line: thin by design.

It parses options, calls :mod:`processor`, and turns our own exceptions into clean exits:
0 clean, 1 problems in the input, 2 usage errors, 3 an internal error, 4 an output that cannot
be replaced (open in Excel), 5 the month is being run by another process, 6 the machine failed
(disk full, permissions, a file vanished, the ledger unreachable), 130 Ctrl-C. No traceback, and
no control character from a file name or cell, reaches the user. Help, usage errors and messages
are Chinese unless ``--lang en`` or an English locale says otherwise
(:func:`processor.uilang.ui_lang`); help texts are written ``中文‖English`` and picked when the
command line is parsed.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from processor import __version__, uilang
from processor.commandline import ledger
from processor.commandline.options import (
    CONTEXT,
    DB_HELP,
    MONTH_HELP,
    center_option,
    force_option,
    friendly,
    lang_option,
    rules_option,
)
from processor.errors import terminal_safe


@click.group(cls=uilang.LocalGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="opscore")
def main() -> None:
    """opscore —— 按服务中心的规章制度,对一个月的工作簿计算考勤、罚款与考核。

    \b
    一个月的典型用法:
      opscore check 2026-10/        # 列出输入中的每个问题
      opscore run 2026-10/          # 评分工作簿 + HTML 报告 + 台账
      opscore rules                 # 当前生效的规则库
    ‖opscore — apply a service center's regulations to a month of its workbooks.

    \b
    Typical month:
      opscore check 2026-10/        # list every input problem
      opscore run 2026-10/          # scored workbook + HTML report + ledger
      opscore rules                 # the rulebook in force
      opscore close 2026-10         # close the month for payroll (a re-run then gives 补发补扣)
    """


@main.command(context_settings=CONTEXT)
@click.argument("month_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--month", default=None, metavar="YYYY-MM", help=MONTH_HELP)
@rules_option
@lang_option
@friendly
def check(month_dir: Path, month: str | None, rules_file: Path | None, lang: str) -> None:
    """只校验一个月的输入工作簿:列出每个问题,有问题时退出码为 1。

    \b
    示例:
      opscore check sample_workbooks/2026-10
    ‖Validate a month's input workbooks; list every problem; exit 1 if any.

    \b
    Example:
      opscore check sample_workbooks/2026-10
    """
    from processor.check import check_month

    report = check_month(month_dir, month, rules_file, lang)
    click.echo(terminal_safe(report.text))
    sys.exit(1 if report.problems else 0)


@main.command(context_settings=CONTEXT)
@click.argument("month_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              help="输出文件夹(本月的输出写入 OUT/<月份>/)‖Output folder (the month's outputs go to OUT/<month>/).")
@click.option("--month", default=None, metavar="YYYY-MM", help=MONTH_HELP)
@rules_option
@click.option("--db", default=None, metavar="URL", help=DB_HELP)
@center_option
@click.option("--adjustments-only", is_flag=True,
              help="已结账月份重算时,另写 adjustments-<月份>.csv,只含补发补扣的差额"
                   "‖Re-running a closed month: also write adjustments-<month>.csv with only the differences.")
@lang_option
@click.option("-q", "--quiet", is_flag=True, help="不显示进度‖No progress output.")
@friendly
def run(month_dir: Path, out_dir: Path, month: str | None, rules_file: Path | None, db: str | None,
        center: str | None, adjustments_only: bool, lang: str, quiet: bool) -> None:
    """校验、应用规则库,写出评分工作簿和 HTML 报告,并记入台账。

    \b
    示例:
      opscore run sample_workbooks/2026-10 --out out
    ‖Validate, apply the rulebook, write the scored workbook and the HTML report, record the ledger.

    \b
    Example:
      opscore run sample_workbooks/2026-10 --out out
    """
    from processor.pipeline import run_month

    summary = run_month(month_dir, out_dir, month=month, rules_file=rules_file, db=db, lang=lang, quiet=quiet,
                        center=center, adjustments_only=adjustments_only)
    click.echo(terminal_safe(summary))


@main.command(context_settings=CONTEXT)
@rules_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text",
              help="输出格式;markdown 即 docs/rules.md 的内容‖Output format; markdown is docs/rules.md.")
@friendly
def rules(rules_file: Path | None, lang: str, fmt: str) -> None:
    """列出当前生效的规则库:每条规则、参数及其依据。

    \b
    示例:
      opscore rules --rules my-center.toml
    ‖Print the rulebook in force: every rule, its parameters, its citation.

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
    """Write OUT_DIR/rules.md and inputs.md, generated from the rulebook and the input schema.
    Example: opscore docs docs/ (make docs)."""
    from processor.docs import write_docs

    click.echo("\n".join(str(p) for p in write_docs(out_dir, rules_file)))


@main.command(context_settings=CONTEXT)
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--month", default="2026-10", metavar="YYYY-MM", help="要生成的月份(YYYY-MM)‖The month to generate (YYYY-MM).")
@click.option("--employees", default=60, type=click.IntRange(20, 20000), help="员工人数‖How many employees.")
@click.option("--tickets", default=4000, type=click.IntRange(0, 5_000_000), help="工单条数‖How many tickets.")
@click.option("--seed", default=7, type=int, help="随机种子:同一种子生成同样的月份‖Random seed: the same seed "
                                                  "gives the same month.")
@click.option("--csv", "as_csv", is_flag=True, help="工单写成 CSV 而非 xlsx‖Write tickets as CSV files instead of xlsx.")
@force_option
@lang_option
@click.option("-q", "--quiet", is_flag=True, help="不显示进度‖No progress output.")
@friendly
def sample(out_dir: Path, month: str, employees: int, tickets: int, seed: int, as_csv: bool, force: bool,
           lang: str, quiet: bool) -> None:
    """生成一个逼真的示范月份(演示、测试、性能测试用);不会覆盖已有文件,除非加 --force。

    \b
    示例:
      opscore sample /tmp/months --month 2026-10 --employees 60 --tickets 4000
    ‖Generate a realistic month of input workbooks (demo, tests, benchmark); never overwrites a
    file unless --force.

    \b
    Example:
      opscore sample /tmp/months --month 2026-10 --employees 60 --tickets 4000
    """
    from processor.pipeline import parse_month_arg
    from processor.progress import progress_for
    from processor.sample import generate_month

    parse_month_arg(month)
    folder = generate_month(out_dir, month=month, employees=employees, tickets=tickets, seed=seed,
                            csv=as_csv, progress=progress_for(quiet), force=force)
    click.echo(str(folder))


@main.command(context_settings=CONTEXT)
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--month", default=None, metavar="YYYY-MM", help="示例行使用的月份(YYYY-MM;默认取文件夹名中的月份)"
                                            "‖Month of the example rows (YYYY-MM; default: the folder name's).")
@force_option
@lang_option
@friendly
def template(out_dir: Path, month: str | None, force: bool, lang: str) -> None:
    """写出空白输入工作簿:表头、下拉列表,以及标有“示例”的示例行(填写前请删除)。

    \b
    示例:
      opscore template 2026-11/
    ‖Write blank input workbooks with headers, dropdowns and example rows marked 示例 (delete them).

    \b
    Example:
      opscore template 2026-11/
    """
    from processor.blank_workbooks import write_blank_workbooks
    from processor.pipeline import parse_month_arg
    from processor.read.walk import likely_month
    from processor.validate.month import month_of

    month = parse_month_arg(month) if month else (month_of(out_dir) or likely_month(out_dir))
    for path in write_blank_workbooks(out_dir, month, force=force):
        click.echo(str(path))


@main.command(context_settings=CONTEXT)
@click.argument("month_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--rules", "draft_file", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="规则草案(TOML,与 run --rules 的文件格式相同,叠加在默认规则上)。")
@click.option("--rules-current", "current_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="现行规则(本中心自己的规则文件);不给则现行规则为默认规则。")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              help="输出文件夹(写入 OUT/<月份>/compare-<月份>.xlsx 与 .html)。")
@click.option("--month", default=None, help="月份(YYYY-MM),文件夹名看不出月份时使用。")
@lang_option
@click.option("-q", "--quiet", is_flag=True, help="不显示进度。")
@friendly
def compare(month_dir: Path, draft_file: Path, current_file: Path | None, out_dir: Path, month: str | None,
            lang: str, quiet: bool) -> None:
    """假设分析:同一个月分别按现行规则和规则草案计算,逐人对比罚款、加减分、总分、等级和绩效系数。

    输入只读取并校验一次;不写入台账。

    \b
    Example (what would 2 yuan a late minute cost?):
      printf '[rules.ATT-LATE]\\nfine_per_minute = 2.0\\n' > draft.toml
      opscore compare sample_workbooks/2026-10 --rules draft.toml --out out
      # -> out/2026-10/compare-2026-10.xlsx and out/2026-10/compare-2026-10.html
    """
    from processor.compare import compare_month

    click.echo(compare_month(month_dir, out_dir, draft_file, current_file, month=month, lang=lang, quiet=quiet))


for command in ledger.COMMANDS:  # annual, close, history, group
    main.add_command(command)

if __name__ == "__main__":  # pragma: no cover
    main()
