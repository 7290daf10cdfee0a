"""``opscore check``: validate a month folder only — what was recognised in each file, every
problem grouped by file, a one-line count — and, when an export carries app approvals, the
LV-APP line (the only rule ``check`` applies)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Problem, pick
from .model import Month
from .pipeline import month_folder
from .rulebook import Rulebook, load_rulebook
from .rules import apply_rules
from .rules.app_days import absence_hint
from .schema import TABLES
from .validate.month import load_month
from .words import english, speaking
from .words.lang import choose


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
    m = month_folder(folder, month)
    rulebook = load_rulebook(rules_file)
    data, problems, notes = load_month(folder, m, rulebook)
    lines = [f"{'月份' if not english(lang) else 'Month'} {m}: {folder}"]
    for f in data.files:
        tables = ", ".join(f"{TABLES[k].label if not english(lang) else k} {n}" for k, n in f.tables.items())
        lines.append(f"  {f.path}: {tables or '—'}" + (f"  [{f.note}]" if f.note else ""))
    lines += ["  " + pick(n, lang) for n in notes]
    if data.calendar:
        lines.append(choose("  节假日:", "  Holidays: ", lang) + pick(data.calendar, lang))
    lines += _group_by_file(problems, lang)
    if not problems:
        lines += _app_hint(data, rulebook, lang)
    n = len(problems)
    nfiles = len({f.path for f in data.files} | {p.file for p in problems if (folder / p.file).is_file()})
    if not english(lang):
        lines.append(f"共 {nfiles} 个文件,{n} 个问题" if n else f"共 {nfiles} 个文件,没有发现问题")
    else:
        lines.append(f"{nfiles} file(s), {n} problem(s)" if n else f"{nfiles} file(s), no problems")
    return CheckReport("\n".join(lines), problems)


def _app_hint(data: Month, rulebook: Rulebook, lang: str) -> list[str]:
    """The LV-APP line of ``check`` (rules applied only when an export carries app approvals)."""
    att = data.tables.get("attendance")
    if att is None or "app_approval" not in att.columns or att["app_approval"].isna().all():
        return []
    with speaking(lang):
        hint = absence_hint(apply_rules(data, rulebook).days, att, lang)
    return [hint] if hint else []
