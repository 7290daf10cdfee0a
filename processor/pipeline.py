"""The month's flow for the commands: read → validate → rules → score → write.

``cli.py`` calls these and nothing else; each returns text for the user or raises one of our
own errors. Outputs are written under temporary names and moved into place only when all of
them are complete, so a failed run leaves earlier outputs as they were.
"""
from __future__ import annotations

import os
import re
import signal
from dataclasses import dataclass
from pathlib import Path

from .errors import InputProblems, Interrupted, Problem, UsageError, pick
from .model import GRADES
from .read.walk import likely_month, mark_output_folder
from .rulebook import Rulebook, load_rulebook
from .schema import TABLES
from .validate.month import load_month, month_of
from .words import speaking
from .words.labels import grade_label


def parse_month_arg(month: str) -> str:
    if not re.fullmatch(r"20\d{2}-(0[1-9]|1[0-2])", month or ""):
        raise UsageError(f"月份应写作 YYYY-MM,例如 2026-10:“{month}”‖the month is written YYYY-MM, e.g. 2026-10: '{month}'")
    return month


def _month_folder(folder: Path, month: str | None) -> str:
    if not folder.is_dir():
        raise UsageError(f"找不到文件夹 {folder}‖no such folder: {folder}")
    found = month_of(folder, month)
    if found is None and month:
        parse_month_arg(month)  # says what is wrong with --month, not with the folder name
    if found is None:
        guess = likely_month(folder)
        raise UsageError(f"无法从文件夹名“{folder.name}”判断月份:请用 --month {guess} 指定"
                         f"‖cannot tell the month from the folder name '{folder.name}': give --month {guess}")
    return parse_month_arg(found)


@dataclass
class CheckReport:
    text: str
    problems: list[Problem]


def _group_by_file(problems: list[Problem], lang: str) -> list[str]:
    lines: list[str] = []
    by_file: dict[str, list[Problem]] = {}
    for p in problems:
        by_file.setdefault(p.file, []).append(p)
    for file, items in by_file.items():
        lines.append(f"{file}  ({len(items)})")
        lines += ["  " + p.render(lang) for p in items]
    return lines


def check_month(folder: Path, month: str | None, rules_file: Path | None, lang: str = "zh") -> CheckReport:
    """Validate only: what was recognised in each file, every problem, a one-line count."""
    m = _month_folder(folder, month)
    rulebook = load_rulebook(rules_file)
    data, problems, notes = load_month(folder, m, rulebook)
    lines = [f"{'月份' if lang == 'zh' else 'Month'} {m}: {folder}"]
    for f in data.files:
        tables = ", ".join(f"{TABLES[k].label if lang == 'zh' else k} {n}" for k, n in f.tables.items())
        lines.append(f"  {f.path}: {tables or '—'}" + (f"  [{f.note}]" if f.note else ""))
    lines += ["  " + pick(n, lang) for n in notes]
    if data.calendar:
        lines.append(("  节假日:" if lang == "zh" else "  Holidays: ") + pick(data.calendar, lang))
    lines += _group_by_file(problems, lang)
    if not problems:
        lines += _app_hint(data, rulebook, lang)
    n = len(problems)
    nfiles = len({f.path for f in data.files} | {p.file for p in problems if (folder / p.file).is_file()})
    if lang == "zh":
        lines.append(f"共 {nfiles} 个文件,{n} 个问题" if n else f"共 {nfiles} 个文件,没有发现问题")
    else:
        lines.append(f"{nfiles} file(s), {n} problem(s)" if n else f"{nfiles} file(s), no problems")
    return CheckReport("\n".join(lines), problems)


def _app_hint(data, rulebook: Rulebook, lang: str) -> list[str]:
    """The LV-APP line of ``check`` (rules applied only when an export carries app approvals)."""
    from .rules import apply_rules
    from .rules.app_days import absence_hint

    att = data.tables.get("attendance")
    if att is None or "app_approval" not in att.columns or att["app_approval"].isna().all():
        return []
    with speaking(lang):
        hint = absence_hint(apply_rules(data, rulebook).days, att, lang)
    return [hint] if hint else []


def load_valid_month(folder: Path, month: str | None, rulebook: Rulebook, lang: str, progress=None, timer=None):
    m = _month_folder(folder, month)
    data, problems, notes = load_month(folder, m, rulebook, progress=progress, timer=timer)
    if problems:
        raise InputProblems(problems, lang)
    return data, notes


def default_db(out_dir: Path, db: str | None) -> str:
    if db:
        return db
    out_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(out_dir / 'opscore.db').resolve()}"


KILL_STAGES = ("read", "rules", "scoring", "workbook", "report", "ledger-before-commit",
               "ledger-after-commit", "swap")


def _reached(stage: str) -> None:
    """Test hook, inert unless ``OPSCORE_TEST_KILL_AT=<stage>`` is set: the process then kills
    itself (SIGKILL: no cleanup, no ``finally``) on reaching ``stage`` of :data:`KILL_STAGES`,
    so that tests/test_robust_interrupt.py can prove a run killed at any point leaves the
    earlier outputs and ledger whole, and that the next run completes."""
    if os.environ.get("OPSCORE_TEST_KILL_AT") == stage:
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


def rules_stage(data, rulebook: Rulebook, timer=None):
    """The rules stage alone (a validated month → RuleResults): ``run`` calls it once, ``compare``
    once per rulebook on the same month read once."""
    from .rules import apply_rules
    from .timing import NullTimer

    with (timer or NullTimer())("rules"):
        return apply_rules(data, rulebook)


def scoring_stage(data, results, rulebook: Rulebook, history=None, run_date=None, timer=None):
    """The scoring stage alone (RuleResults → Scored), shared by ``run`` and ``compare`` like
    :func:`rules_stage`; ``history`` (the ledger's earlier months) only feeds APR-COACH."""
    from .score import score_month
    from .timing import NullTimer

    with (timer or NullTimer())("scoring"):
        return score_month(data, results, rulebook, history=history, run_date=run_date)


def run_month(folder: Path, out_dir: Path, month: str | None = None, rules_file: Path | None = None,
              db: str | None = None, lang: str = "zh", quiet: bool = False, run_date=None,
              timer=None, center: str | None = None, adjustments_only: bool = False) -> str:
    """The whole month: validate, apply rules, score, write workbook + report, record the ledger.

    The ledger keys the month by ``center`` (``--center``, else the rulebook's ``[meta] center``).
    A month closed before gets the Adjustments against its closed revision; with
    ``adjustments_only`` the payroll CSV carries only those differences (write.payroll).
    Ctrl-C becomes :class:`~processor.errors.Interrupted`, saying whether the month had been
    written (the ledger commits last, once the outputs are in place) or nothing was."""
    done: list[str] = []
    try:
        with speaking(lang):  # the evidence the rules and scoring write is in the run's language
            return _run_month(folder, out_dir, month, rules_file, db, lang, quiet, run_date, timer, center,
                              adjustments_only, done)
    except KeyboardInterrupt:
        final = out_dir / (month_of(folder, month) or "")
        if done:
            raise Interrupted(f"已中断,但本月已全部写入:输出在 {final},台账已记录"
                              f"‖interrupted after everything was written: the outputs are in {final} and the "
                              "ledger holds the month") from None
        raise Interrupted("已中断:未写入任何输出,台账未改动,之前的输出保持原样"
                          "‖interrupted: nothing was written; the earlier outputs and the ledger are as they "
                          "were") from None


def _run_month(folder: Path, out_dir: Path, month: str | None, rules_file: Path | None, db: str | None,
               lang: str, quiet: bool, run_date, timer, center: str | None, adjustments_only: bool,
               done: list[str]) -> str:
    import datetime as dt

    from . import __version__, ledger
    from .model import RunInfo
    from .outputs import month_lock, recover, staged_folder
    from .progress import progress_for
    from .score.adjustments import adjustments
    from .timing import NullTimer
    from .write.payroll import write_payroll_csv
    from .write.privacy import mask_frame, mask_phone
    from .write.report import write_report
    from .write.workbook import write_workbook

    timer = timer or NullTimer()
    progress = progress_for(quiet)
    rulebook = load_rulebook(rules_file)
    m = _month_folder(folder, month)
    center = center_name(center or rulebook.center or ledger.DEFAULT_CENTER)
    mark_output_folder(out_dir)  # outputs are never inputs, even when OUT is inside the month folder
    with month_lock(out_dir, m):
        recover(out_dir / m)  # a previous run killed mid-swap: its predecessor's outputs back first
        _reached("read")
        progress("读取并校验输入‖reading and validating" if lang == "zh" else "reading and validating")
        data, _notes = load_valid_month(folder, m, rulebook, lang, progress=lambda f: progress(f"  {f}"), timer=timer)
        progress("应用规则‖applying the rulebook".split("‖")[lang == "en"])
        _reached("rules")
        results = rules_stage(data, rulebook, timer)
        with timer("ledger"):
            engine = ledger.open_ledger(default_db(out_dir, db))
            history = ledger.history(engine, m, center=center)
            closed = ledger.closed_figures(engine, m, center)
        if adjustments_only and closed is None:
            raise UsageError(f"{center} 的 {m} 尚未结账,没有可比较的版本:去掉 --adjustments-only,或先 opscore close {m}"
                             f"‖{m} of {center} is not closed, there is nothing to adjust against: "
                             f"drop --adjustments-only, or run opscore close {m} first")
        if os.environ.get("OPSCORE_TEST_KILL_AT") == "ledger-before-commit":  # inside the transaction
            import sqlalchemy as sa

            sa.event.listen(engine, "commit", lambda _conn: _reached("ledger-before-commit"))
        _reached("scoring")
        progress("评分‖scoring".split("‖")[lang == "en"])
        scored = scoring_stage(data, results, rulebook, history,
                               _first_run_date(engine, m, center, run_date or dt.date.today()), timer)
        adjusted = adjustments(closed, scored.summary) if closed is not None else None
        info = RunInfo(month=m, version=__version__, started_at=dt.datetime.now().isoformat(timespec="seconds"),
                       rulebook_sha256=rulebook.sha256, rules=rulebook.listing(lang), files=data.files, lang=lang,
                       calendar=pick(data.calendar, lang))
        final = out_dir / m

        def commit() -> None:  # only once every output is in place (outputs.staged_folder)
            progress("记录台账‖recording the ledger".split("‖")[lang == "en"])
            with timer("ledger"):
                ledger.record_month(engine, m, mask_frame(scored.summary), {
                    "run_at": info.started_at, "version": __version__, "rulebook_sha256": rulebook.sha256,
                    "inputs": {mask_phone(f.path): f.sha256 for f in data.files}, "lang": lang}, center=center)
            done.append("ledger")

        with staged_folder(final, before_swap=lambda: _reached("swap"), after_swap=commit) as stage:
            mark_output_folder(stage)
            _reached("workbook")
            progress("写入工作簿‖writing the workbook".split("‖")[lang == "en"])
            with timer("workbook"):
                write_workbook(stage / f"scored-{m}.xlsx", scored, results, data, info, lang, adjustments=adjusted,
                               payroll=rulebook.payroll_columns)
                write_payroll_csv(stage, m, scored, info, lang, rulebook.payroll_columns,
                                  adjusted if adjustments_only else None)
            _reached("report")
            progress("生成报告‖rendering the report".split("‖")[lang == "en"])
            with timer("report"):
                trend = ledger.trend(engine, m, current=scored.summary, center=center)
                write_report(stage, scored, results, data, info, trend=trend, lang=lang, adjustments=adjusted)
        _reached("ledger-after-commit")
    from .rules.app_days import absence_hint

    hint = absence_hint(results.days, data.tables["attendance"], lang)
    return (_summary_text(scored, final, m, lang) + (f"\n{hint}" if hint else "")
            + _adjusted_text(adjusted, final, m, adjustments_only, lang))


def center_name(text: str) -> str:
    """The center as the ledger keys it: trimmed, printable, at most 100 characters."""
    name = " ".join(str(text).split())
    if not name or len(name) > 100 or not name.isprintable():
        raise UsageError(f"中心名称应为 1–100 个可见字符:“{name[:120]}”"
                         f"‖a center name is 1 to 100 printable characters: '{name[:120]}'")
    return name


def _adjusted_text(adjusted, final: Path, month: str, csv: bool, lang: str) -> str:
    if adjusted is None:
        return ""
    n = len(adjusted)
    line = (f"\n本月已结账:{n} 人的数字有变化,见工作簿“补发补扣”表" if lang == "zh"
            else f"\nthis month was closed: {n} employee(s) changed, see the Adjustments sheet")
    if csv:
        line += ("\n工资导出只含差额: " if lang == "zh" else "\npayroll CSV of the differences only: ") \
            + str(final / f"payroll-{month}.csv")
    return line


def _first_run_date(engine, month: str, center: str, today):
    """APR-DUE is judged on the month's first run: the ledger's oldest revision of this month
    stands for it (a correction re-run does not make the month late). Read-only."""
    from . import ledger

    earlier = ledger.revisions(engine, month, center)["run_at"].dropna()
    return min(today, pd_date(earlier.min())) if len(earlier) else today


def pd_date(value):
    """A date from a driver's datetime (or ISO text)."""
    import datetime as dt

    return value.date() if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value)).date()


def _summary_text(scored, final: Path, month: str, lang: str) -> str:
    s = scored.summary
    grades = s["grade"].value_counts().to_dict() if "grade" in s else {}
    acts = scored.actions
    # candidates for commendation are good news, not work: not counted among those needing action
    actions = acts.loc[acts["action"] != "commendation", "employee_id"].nunique() if len(acts) else 0
    fines = float(s["fines_total"].fillna(0).sum()) if "fines_total" in s else 0.0
    xlsx, index = final / f"scored-{month}.xlsx", final / "report" / "index.html"
    if lang == "zh":
        g = ",".join(f"{grade_label(k, lang)} {grades.get(k, 0)}" for k in GRADES)
        return (f"{month}:考核 {int(s['grade'].notna().sum())} 人({g}),罚款合计 {fines:,.2f} 元,"
                f"需处理 {actions} 人\n工作簿: {xlsx}\n报告:   {index}")
    g = ", ".join(f"{grade_label(k, lang)} {grades.get(k, 0)}" for k in GRADES)
    return (f"{month}: {int(s['grade'].notna().sum())} graded ({g}), fines {fines:,.2f} yuan, "
            f"{actions} needing action\nworkbook: {xlsx}\nreport:   {index}")


def run_annual(year: int, out_dir: Path, db: str | None = None, lang: str = "zh", center: str | None = None,
               rules_file: Path | None = None) -> str:
    """APR-ANNUAL from the ledger: ``<out>/annual-YEAR.xlsx`` and ``<out>/annual-YEAR.html``."""
    from . import ledger
    from .score.annual import annual_appraisal, monthly_scores
    from .write.annual_page import write_annual_page
    from .write.annual_xlsx import write_annual

    url = default_db(out_dir, db)
    mark_output_folder(out_dir)
    if not db and not (out_dir / "opscore.db").exists():
        raise UsageError(f"{out_dir / 'opscore.db'} 中还没有台账:请先对各月运行 opscore run"
                         f"‖no ledger at {out_dir / 'opscore.db'}: run the months first (opscore run)")
    rulebook = load_rulebook(rules_file)
    engine = ledger.open_ledger(url)
    center = ledger.resolve_center(engine, center)
    annual = annual_appraisal(engine, year, rulebook, center)
    if annual.empty:
        raise UsageError(f"台账中没有 {year} 年的月份‖the ledger holds no month of {year}")
    monthly = monthly_scores(engine, year, center)
    xlsx = write_annual(out_dir / f"annual-{year}.xlsx", annual, monthly, lang)
    html = write_annual_page(out_dir / f"annual-{year}.html", year, annual, monthly, lang,
                             detail=ledger.year_results(engine, year, center))
    months = [c for c in monthly.columns if c not in ("employee_id", "name")]
    head = (f"{year} 年度考核:{len(annual)} 人,{len(months)} 个月({', '.join(months)})" if lang == "zh"
            else f"{year} annual appraisal: {len(annual)} employees, {len(months)} month(s) ({', '.join(months)})")
    return f"{head}\n{xlsx}\n{html}"
