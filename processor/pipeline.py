"""The month's flow for the commands: read → validate → rules → score → write.

``cli.py`` calls these and nothing else; each returns text for the user or raises one of our
own errors. Outputs are written under temporary names and moved into place only when all of
them are complete, so a failed run leaves earlier outputs as they were.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputProblems, Problem, UsageError, pick
from .rulebook import Rulebook, load_rulebook
from .validate.month import load_month, month_of
from .validate.schema import TABLES


def parse_month_arg(month: str) -> str:
    if not re.fullmatch(r"20\d{2}-(0[1-9]|1[0-2])", month or ""):
        raise UsageError(f"月份应写作 YYYY-MM,例如 2026-10:“{month}”‖the month is written YYYY-MM, e.g. 2026-10: '{month}'")
    return month


def _month_folder(folder: Path, month: str | None) -> str:
    if not folder.is_dir():
        raise UsageError(f"找不到文件夹 {folder}‖no such folder: {folder}")
    found = month_of(folder, month)
    if found is None:
        raise UsageError(f"无法从文件夹名“{folder.name}”判断月份:请用 --month 2026-10 指定"
                         f"‖cannot tell the month from the folder name '{folder.name}': give --month 2026-10")
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
    lines += _group_by_file(problems, lang)
    n = len(problems)
    if lang == "zh":
        lines.append(f"共 {len(data.files)} 个文件,{n} 个问题" if n else f"共 {len(data.files)} 个文件,没有发现问题")
    else:
        lines.append(f"{len(data.files)} file(s), {n} problem(s)" if n else f"{len(data.files)} file(s), no problems")
    return CheckReport("\n".join(lines), problems)


def load_valid_month(folder: Path, month: str | None, rulebook: Rulebook, lang: str, progress=None):
    m = _month_folder(folder, month)
    data, problems, notes = load_month(folder, m, rulebook, progress=progress)
    if problems:
        raise InputProblems(problems, lang)
    return data, notes
