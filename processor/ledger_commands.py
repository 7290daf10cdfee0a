"""The ledger's own commands for ``cli.py``: ``close``, ``history``, ``group`` and ``annual``.

Like :mod:`processor.pipeline` each returns the text to print or raises one of our errors;
none of them reads a month folder. They only read the ledger, except ``close``, which stamps
the month's current revision as the one payroll used.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from . import __version__, ledger
from .errors import UsageError
from .pipeline import default_db, parse_month_arg
from .read.walk import mark_output_folder
from .rulebook import load_rulebook
from .score.annual import annual_appraisal, monthly_scores
from .score.group import centers_frame, targets_frame
from .score.indicators import targets as rule_targets
from .words.lang import choose, english
from .write.annual_page import write_annual_page
from .write.annual_xlsx import write_annual
from .write.group import own_report, write_group_page, write_group_workbook


def _existing_ledger(out_dir: Path, db: str | None) -> sa.Engine:
    """The ledger at ``--db`` or ``OUT/opscore.db``; a missing default file is a usage error
    (reading commands never create an empty ledger)."""
    if not db and not (out_dir / "opscore.db").exists():
        raise UsageError(f"{out_dir / 'opscore.db'} 中还没有台账:请先对各月运行 opscore run,或用 --db 指定台账"
                         f"‖no ledger at {out_dir / 'opscore.db'}: run the months first (opscore run), or give --db")
    return ledger.open_ledger(default_db(out_dir, db))


def run_close(month: str, out_dir: Path, db: str | None = None, center: str | None = None,
              lang: str = "zh") -> str:
    """Mark the month's current revision closed: the one payroll used, kept unchanged for good."""
    parse_month_arg(month)
    engine = _existing_ledger(out_dir, db)
    center = ledger.resolve_center(engine, center)
    revision_id, newly = ledger.close_month(engine, month, center)
    number = int(ledger.revisions(engine, month, center).set_index("revision_id")["revision"][revision_id])
    if not english(lang):
        return (f"{center} {month}:第 {number} 版已结账(工资按此版本发放)" if newly
                else f"{center} {month}:第 {number} 版此前已结账,未做改动")
    return (f"{center} {month}: revision {number} closed (the one payroll uses)" if newly
            else f"{center} {month}: revision {number} was already closed; nothing changed")


def run_history(month: str, out_dir: Path, db: str | None = None, center: str | None = None,
                lang: str = "zh") -> str:
    """Every revision of the month, oldest first: when, version, rulebook and inputs' SHA-256,
    totals, and which is current and which closed."""
    parse_month_arg(month)
    engine = _existing_ledger(out_dir, db)
    center = ledger.resolve_center(engine, center)
    revs = ledger.revisions(engine, month, center)
    if revs.empty:
        raise UsageError(f"台账中没有 {center} 的 {month}‖the ledger holds no {month} of {center}")
    lines = [f"{center} {month}: " + choose(f"{len(revs)} 个版本", f"{len(revs)} revision(s)", lang)]
    for r in revs.to_dict("records"):
        marks = [w for w, on in ((choose("已结账", "closed", lang), pd.notna(r["closed_at"])),
                                 (choose("当前", "current", lang), r["current"])) if on]
        if not english(lang):
            figures = f"{r['employees']} 人,评级 {r['graded']} 人,罚款 {r['fines_total']:,.2f} 元,加减分 {r['points']:+g}"
        else:
            figures = (f"{r['employees']} employees, {r['graded']} graded, fines {r['fines_total']:,.2f} yuan, "
                       f"points {r['points']:+g}")
        lines.append(f"  #{r['revision']}  {r['run_at']:%Y-%m-%d %H:%M:%S}  {r['run_by'] or '?'}  v{r['version']}  "
                     f"{choose('规则库', 'rulebook', lang)} {r['rulebook_sha256'][:12]}  "
                     f"{choose('输入', 'inputs', lang)} {r['inputs_sha256'][:12]}  {figures}"
                     + (f"  [{', '.join(marks)}]" if marks else ""))
    return "\n".join(lines)


def run_group(month: str, out_dir: Path, db: str | None = None, lang: str = "zh",
              rules_file: Path | None = None) -> str:
    """``OUT/group-<month>.xlsx`` and ``.html``: every center of the ledger side by side, each
    indicator against the target of the rulebook in force (``rules_file``, else the default)."""
    parse_month_arg(month)
    rulebook = load_rulebook(rules_file)
    engine = _existing_ledger(out_dir, db)
    centers = centers_frame(ledger.month_rows(engine, month))
    if centers.empty:
        raise UsageError(f"台账中没有任何中心的 {month}‖the ledger holds no center's {month}")
    trend = ledger.center_trend(engine, int(month[:4]))
    trend = trend[trend["month"] <= month]
    names = centers["center"].tolist()
    links = {c: own_report(out_dir, c, month, single=len(names) == 1) for c in names}
    targets = targets_frame(centers, rule_targets(rulebook))
    xlsx = write_group_workbook(out_dir / f"group-{month}.xlsx", centers, trend, lang, targets)
    html = write_group_page(out_dir / f"group-{month}.html", month, centers, trend, links, __version__, lang,
                            targets, rulebook.sha256)
    head = choose(f"{month} 集团视图:{len(names)} 个中心,{int(centers['headcount'].sum())} 人",
                  f"{month} group view: {len(names)} center(s), {int(centers['headcount'].sum())} employees", lang)
    return f"{head}\n{xlsx}\n{html}"


def run_annual(year: int, out_dir: Path, db: str | None = None, lang: str = "zh", center: str | None = None,
               rules_file: Path | None = None) -> str:
    """APR-ANNUAL from the ledger: ``<out>/annual-YEAR.xlsx`` and ``<out>/annual-YEAR.html``."""
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
    head = choose(f"{year} 年度考核:{len(annual)} 人,{len(months)} 个月({', '.join(months)})",
                  f"{year} annual appraisal: {len(annual)} employees, {len(months)} month(s) ({', '.join(months)})", lang)
    return f"{head}\n{xlsx}\n{html}"
