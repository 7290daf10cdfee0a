"""The same inputs and rulebook give the same figures, every time; the inputs are never touched.

Why: payroll pays from these figures and an appeal re-runs the month months later; a figure
that moved between two runs (a set iterated in hash order, a dict in insertion order of a
thread, a float summed in another order) would be a dispute. The sample month is run twice
(the session's ``sample_run`` and once more here, from a copy whose every file is hashed
before and after): every cell of every sheet must agree except the run's own start time, and
so must the ledger rows and the report pages.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_workbooks" / "2026-10"
M = "2026-10"


def hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def second_run(sample_run, tmp_path_factory) -> dict:
    from click.testing import CliRunner

    root = tmp_path_factory.mktemp("again")
    month = root / M
    shutil.copytree(SAMPLE, month)
    before = hashes(month)
    out = root / "out"
    result = CliRunner().invoke(main, ["run", str(month), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return {"out": out, "before": before, "after": hashes(month), "first": sample_run}


def sheets(out: Path) -> dict[str, list[tuple]]:
    """Every sheet's cell values; the Run sheet's start time blanked (the one thing that differs)."""
    book = openpyxl.load_workbook(out / M / f"scored-{M}.xlsx", read_only=True)
    values = {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}
    run = values[book.sheetnames[-1]]
    values[book.sheetnames[-1]] = [(r[0], "<run time>", *r[2:]) if r[0] in ("开始时间", "started_at", "运行时间")
                                   else r for r in run]
    return values


def test_the_inputs_are_unchanged_by_a_run(second_run):
    assert second_run["after"] == second_run["before"]
    assert hashes(SAMPLE) == second_run["before"]  # the committed sample, run by sample_run, too


def test_the_run_sheet_records_the_inputs_hashes(second_run):
    book = openpyxl.load_workbook(second_run["out"] / M / f"scored-{M}.xlsx", read_only=True)
    text = " ".join(str(v) for r in book.worksheets[-1].iter_rows(values_only=True) for v in r if v)
    for name, digest in second_run["before"].items():
        assert digest in text, name


def test_two_runs_give_the_same_figures_in_every_sheet(second_run):
    first, again = sheets(second_run["first"]), sheets(second_run["out"])
    assert list(first) == list(again)
    for name in first:
        assert first[name] == again[name], name
    run = first[list(first)[-1]]
    assert sum(1 for r in run if r[1] == "<run time>") == 1  # exactly one cell was set aside


def _ledger(out: Path) -> tuple[list, list]:
    with sqlite3.connect(out / "opscore.db") as con:
        runs = [r[:2] + r[3:] for r in con.execute("select * from runs order by month")]  # without run_at
        results = con.execute("select * from monthly_results order by month, employee_id").fetchall()
    return runs, results


def test_two_runs_give_the_same_ledger_rows(second_run):
    first_runs, first = _ledger(second_run["first"])
    again_runs, again = _ledger(second_run["out"])
    assert len(first) == 60 and first == again
    assert first_runs == again_runs


def test_two_runs_give_the_same_pages(second_run):
    def pages(out: Path) -> dict[str, str]:
        report = out / M / "report"
        return {p.name: re.sub(r"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d", "<run time>", p.read_text(encoding="utf-8"))
                for p in sorted(report.glob("*.html"))}

    first, again = pages(second_run["first"]), pages(second_run["out"])
    assert list(first) == list(again) and len(first) > 60
    assert [n for n in first if first[n] != again[n]] == []
