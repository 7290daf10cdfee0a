"""The month's flow for the commands: read → validate → rules → score → write.

``cli.py`` calls these and nothing else; each returns text for the user or raises one of our
own errors. Outputs are written under temporary names and moved into place only when all of
them are complete, so a failed run leaves earlier outputs as they were.
"""
from __future__ import annotations

import datetime as dt
import gc
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd
import sqlalchemy as sa

from . import __version__, ledger
from .errors import InputProblems, Interrupted, UsageError, pick
from .hooks import RunHooks
from .model import GRADES, Month, RunInfo, Scored
from .outputs import month_lock, recover, staged_folder
from .progress import progress_for
from .read.walk import likely_month, mark_output_folder
from .rulebook import Rulebook, load_rulebook
from .rules import RuleResults, apply_rules
from .rules.app_days import absence_hint
from .score import score_month
from .score.adjustments import adjustments
from .timing import NullTimer, StageTimer
from .validate.month import load_month, month_of
from .words import english, speaking
from .words.labels import grade_label
from .words.lang import choose
from .write import workbook
from .write.payroll import write_payroll_csv
from .write.privacy import mask_frame, mask_phone
from .write.report import write_report


def parse_month_arg(month: str) -> str:
    if not re.fullmatch(r"20\d{2}-(0[1-9]|1[0-2])", month or ""):
        raise UsageError(f"月份应写作 YYYY-MM,例如 2026-10:“{month}”‖the month is written YYYY-MM, e.g. 2026-10: '{month}'")
    return month


def month_folder(folder: Path, month: str | None) -> str:
    """The month a folder holds (``--month``, else its name), or a usage error saying which to give."""
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


def load_valid_month(folder: Path, month: str | None, rulebook: Rulebook, lang: str, progress=None, timer=None):
    m = month_folder(folder, month)
    data, problems, notes = load_month(folder, m, rulebook, progress=progress, timer=timer)
    if problems:
        raise InputProblems(problems, lang)
    return data, notes


def default_db(out_dir: Path, db: str | None) -> str:
    if db:
        return db
    out_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(out_dir / 'opscore.db').resolve()}"


def rules_stage(data: Month, rulebook: Rulebook, timer: StageTimer | None = None) -> RuleResults:
    """The rules stage alone (a validated month → RuleResults): ``run`` calls it once, ``compare``
    once per rulebook on the same month read once."""
    with (timer or NullTimer())("rules"):
        return apply_rules(data, rulebook)


def scoring_stage(data: Month, results: RuleResults, rulebook: Rulebook, history=None, run_date=None, timer=None):
    """The scoring stage alone (RuleResults → Scored), shared by ``run`` and ``compare`` like
    :func:`rules_stage`; ``history`` (the ledger's earlier months) only feeds APR-COACH."""
    with (timer or NullTimer())("scoring"):
        return score_month(data, results, rulebook, history=history, run_date=run_date)


def run_month(folder: Path, out_dir: Path, month: str | None = None, rules_file: Path | None = None,
              db: str | None = None, lang: str = "zh", quiet: bool = False, run_date=None,
              timer=None, center: str | None = None, adjustments_only: bool = False,
              hooks: RunHooks | None = None) -> str:
    """The whole month: validate, apply rules, score, write workbook + report, record the ledger.

    The ledger keys the month by ``center`` (``--center``, else the rulebook's ``[meta] center``).
    A month closed before gets the Adjustments against its closed revision; with
    ``adjustments_only`` the payroll CSV carries only those differences (write.payroll).
    ``hooks`` are the tests' (:mod:`processor.hooks`; from ``OPSCORE_TEST_KILL_AT`` when not given).
    Ctrl-C becomes :class:`~processor.errors.Interrupted`, saying whether the month had been
    written (the ledger commits last, once the outputs are in place) or nothing was."""
    run: _Run | None = None
    try:
        with speaking(lang):  # the evidence the rules and scoring write is in the run's language
            rulebook = load_rulebook(rules_file)
            run = _Run(folder, out_dir, month_folder(folder, month), lang, rulebook,
                       center_name(center or rulebook.center or ledger.DEFAULT_CENTER), db, adjustments_only,
                       run_date, timer or NullTimer(), progress_for(quiet), hooks or RunHooks.from_env())
            return _run_month(run)
    except KeyboardInterrupt:
        final = out_dir / (month_of(folder, month) or "")
        if run is not None and run.done:
            raise Interrupted(f"已中断,但本月已全部写入:输出在 {final},台账已记录"
                              f"‖interrupted after everything was written: the outputs are in {final} and the "
                              "ledger holds the month") from None
        raise Interrupted("已中断:未写入任何输出,台账未改动,之前的输出保持原样"
                          "‖interrupted: nothing was written; the earlier outputs and the ledger are as they "
                          "were") from None


@dataclass
class _Run:
    """One ``opscore run``: what it was asked, and whether the ledger has recorded it (``done``)."""

    folder: Path
    out_dir: Path
    month: str
    lang: str
    rulebook: Rulebook
    center: str
    db: str | None
    adjustments_only: bool
    run_date: dt.date | None
    timer: StageTimer
    progress: Callable[[str], None]
    hooks: RunHooks
    done: bool = False

    def say(self, zh_en: str) -> None:
        """Progress in the run's language (``中文‖English``)."""
        self.progress(zh_en.split("‖")[english(self.lang)])


def _run_month(run: _Run) -> str:
    m, lang = run.month, run.lang
    mark_output_folder(run.out_dir)  # outputs are never inputs, even when OUT is inside the month folder
    with month_lock(run.out_dir, m):
        recover(run.out_dir / m)  # a previous run killed mid-swap: its predecessor's outputs back first
        run.hooks.reached("read")
        progress = run.progress
        run.say("读取并校验输入‖reading and validating")
        data, _notes = load_valid_month(run.folder, m, run.rulebook, lang, progress=lambda f: progress(f"  {f}"),
                                        timer=run.timer)
        # The month as read lives to the end of the run: the cyclic collector need not walk it
        # again at each full collection of the stages that follow (thawed once they are done).
        gc.freeze()
        try:
            results, scored, adjusted = _judge_and_write(run, data)
        finally:
            gc.unfreeze()
    hint = absence_hint(results.days, data.tables["attendance"], lang)
    final = run.out_dir / m
    return (_summary_text(scored, final, m, lang) + (f"\n{hint}" if hint else "")
            + _adjusted_text(adjusted, final, m, run.adjustments_only, lang))


def _judge_and_write(run: _Run, data: Month) -> tuple[RuleResults, Scored, pd.DataFrame | None]:
    """Rules, scoring, every output and the ledger's record of a month read and validated."""
    m = run.month
    run.say("应用规则‖applying the rulebook")
    run.hooks.reached("rules")
    results = rules_stage(data, run.rulebook, run.timer)
    with run.timer("ledger"):
        engine = ledger.open_ledger(default_db(run.out_dir, run.db))
        history = ledger.history(engine, m, center=run.center)
        closed = ledger.closed_figures(engine, m, run.center)
    if run.adjustments_only and closed is None:
        raise UsageError(f"{run.center} 的 {m} 尚未结账,没有可比较的版本:去掉 --adjustments-only,或先 opscore close {m}"
                         f"‖{m} of {run.center} is not closed, there is nothing to adjust against: "
                         f"drop --adjustments-only, or run opscore close {m} first")
    run.hooks.watch_ledger(engine)  # inside the transaction
    run.hooks.reached("scoring")
    run.say("评分‖scoring")
    scored = scoring_stage(data, results, run.rulebook, history,
                           _first_run_date(engine, m, run.center, run.run_date or dt.date.today()), run.timer)
    adjusted = adjustments(closed, scored.summary) if closed is not None else None
    _write_outputs(run, engine, data, results, scored, adjusted)
    run.hooks.reached("ledger-after-commit")
    return results, scored, adjusted


def _write_outputs(run: _Run, engine: sa.Engine, data: Month, results: RuleResults, scored, adjusted) -> None:
    """Workbook, payroll CSV and report into a staged folder swapped in whole; the ledger
    records the month only once every output is in place (outputs.staged_folder)."""
    m, lang, rulebook, timer = run.month, run.lang, run.rulebook, run.timer
    info = RunInfo(month=m, version=__version__, started_at=dt.datetime.now().isoformat(timespec="seconds"),
                   rulebook_sha256=rulebook.sha256, rules=rulebook.listing(lang), files=data.files, lang=lang,
                   calendar=pick(data.calendar, lang))

    def commit() -> None:
        run.say("记录台账‖recording the ledger")
        with timer("ledger"):
            ledger.record_month(engine, m, mask_frame(scored.summary), {
                "run_at": info.started_at, "version": __version__, "rulebook_sha256": rulebook.sha256,
                "inputs": {mask_phone(f.path): f.sha256 for f in data.files}, "lang": lang}, center=run.center)
        run.done = True

    with staged_folder(run.out_dir / m, before_swap=lambda: run.hooks.reached("swap"), after_swap=commit) as stage:
        mark_output_folder(stage)
        run.hooks.reached("workbook")
        run.say("写入工作簿‖writing the workbook")
        with timer("workbook"):
            workbook.write_workbook(stage / f"scored-{m}.xlsx", scored, results, data, info, lang, adjustments=adjusted,
                                    payroll=rulebook.payroll_columns)
            write_payroll_csv(stage, m, scored, info, lang, rulebook.payroll_columns,
                              adjusted if run.adjustments_only else None)
        run.hooks.reached("report")
        run.say("生成报告‖rendering the report")
        with timer("report"):
            trend = ledger.trend(engine, m, current=scored.summary, center=run.center)
            write_report(stage, scored, results, data, info, trend=trend, lang=lang, adjustments=adjusted)


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
    line = (f"\n本月已结账:{n} 人的数字有变化,见工作簿“补发补扣”表" if not english(lang)
            else f"\nthis month was closed: {n} employee(s) changed, see the Adjustments sheet")
    if csv:
        line += choose("\n工资导出只含差额: ", "\npayroll CSV of the differences only: ", lang) \
            + str(final / f"payroll-{month}.csv")
    return line


def _first_run_date(engine, month: str, center: str, today):
    """APR-DUE is judged on the month's first run: the ledger's oldest revision of this month
    stands for it (a correction re-run does not make the month late). Read-only."""
    earlier = ledger.revisions(engine, month, center)["run_at"].dropna()
    return min(today, pd_date(earlier.min())) if len(earlier) else today


def pd_date(value):
    """A date from a driver's datetime (or ISO text)."""
    return value.date() if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value)).date()


def _summary_text(scored, final: Path, month: str, lang: str) -> str:
    s = scored.summary
    grades = s["grade"].value_counts().to_dict() if "grade" in s else {}
    acts = scored.actions
    # candidates for commendation are good news, not work: not counted among those needing action
    actions = acts.loc[acts["action"] != "commendation", "employee_id"].nunique() if len(acts) else 0
    fines = float(s["fines_total"].fillna(0).sum()) if "fines_total" in s else 0.0
    xlsx, index = final / f"scored-{month}.xlsx", final / "report" / "index.html"
    if not english(lang):
        g = ",".join(f"{grade_label(k, lang)} {grades.get(k, 0)}" for k in GRADES)
        return (f"{month}:考核 {int(s['grade'].notna().sum())} 人({g}),罚款合计 {fines:,.2f} 元,"
                f"需处理 {actions} 人\n工作簿: {xlsx}\n报告:   {index}")
    g = ", ".join(f"{grade_label(k, lang)} {grades.get(k, 0)}" for k in GRADES)
    return (f"{month}: {int(s['grade'].notna().sum())} graded ({g}), fines {fines:,.2f} yuan, "
            f"{actions} needing action\nworkbook: {xlsx}\nreport:   {index}")
