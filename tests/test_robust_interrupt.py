"""Interrupted runs: a run killed at any point leaves the earlier outputs and ledger whole.

Why: HR runs the month on a laptop that sleeps, a terminal that is closed, a server that is
restarted. ``opscore run`` is killed (SIGKILL: no ``finally``, no cleanup) at each stage by
the test hook ``OPSCORE_TEST_KILL_AT=<stage>`` of processor/hooks.py, into an output folder
that already holds a completed earlier run of the month (in Chinese; the killed runs are in
English, so any replaced byte shows). A small month (three people, with ratings, so that
every output and ledger column is filled) keeps eight killed processes quick; the stages are
the same for the sample month.

* killed before the ledger commits: the earlier workbook, pages and ledger rows are exactly
  as they were (the ledger commits last, once the new outputs are in place: killed in its
  transaction, the earlier folder is still whole aside, and the next run puts it back); the
  next run takes over the dead run's lock and completes;
* killed after the commit: the ledger and the pages are both the new month's; the next run
  completes and everything agrees;
* killed mid-swap (the one moment the month folder is moved aside): the next run of the month,
  even one that fails on its input, first puts the earlier folder back.

The killed runs are started together (they write to separate copies) to keep the test short.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from cli import main
from processor.hooks import KILL_STAGES
from workbooks import minimal_month

ROOT = Path(__file__).resolve().parents[1]
M = "2026-10"
RATING_H = ["工号", "工作态度", "专业能力", "团队协作"]
BEFORE_COMMIT = ("read", "rules", "scoring", "workbook", "report", "ledger-before-commit")
RERUN = ("ledger-before-commit", "ledger-after-commit", "swap")  # a hot journal, a new ledger, a folder aside


def small_month(folder: Path) -> Path:
    return minimal_month(folder / M, 考评=[RATING_H, *[[e, 90, 85, 80] for e in ("001", "002", "003")]])


def opscore(month: Path, out: Path, *args: str, kill_at: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("OPSCORE_TEST_KILL_AT", None)
    if kill_at:
        env["OPSCORE_TEST_KILL_AT"] = kill_at
    return subprocess.Popen([sys.executable, "-c", "from cli import main; main()", "run", str(month), "--out", str(out),
                             "--lang", "en", "-q", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def tree(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``."""
    if not folder.is_dir():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def ledger(out: Path) -> tuple[list, list]:
    """(runs rows, monthly_results rows); opening the file rolls back a dead run's hot journal."""
    with sqlite3.connect(out / "opscore.db") as con:
        runs = con.execute("select * from runs order by month").fetchall()
        results = con.execute("select * from monthly_results order by month, employee_id").fetchall()
    return runs, results


def state(out: Path) -> dict:
    hidden = sorted(p for p in out.iterdir() if p.name.startswith(f".{M}"))
    return {"month": tree(out / M), "ledger": ledger(out), "hidden": [p.name for p in hidden],
            "aside": [tree(p) for p in hidden if p.name.startswith(f".{M}.staging-old-")]}


@pytest.fixture(scope="module")
def killed(tmp_path_factory) -> dict:
    """Per stage: the state just after the kill, and (for RERUN stages) after a plain re-run;
    for "swap", also after a run of the month whose input is refused."""
    from click.testing import CliRunner

    root = tmp_path_factory.mktemp("killed")
    month = small_month(root / "in")
    earlier = root / "earlier"
    assert CliRunner().invoke(main, ["run", str(month), "--out", str(earlier), "-q"]).exit_code == 0
    baseline = state(earlier)
    outs = {}
    for stage in KILL_STAGES:
        outs[stage] = root / stage
        shutil.copytree(earlier, outs[stage])
    procs = {stage: opscore(month, outs[stage], kill_at=stage) for stage in KILL_STAGES}
    after_kill = {}
    for stage, proc in procs.items():
        _, err = proc.communicate(timeout=120)
        after_kill[stage] = (proc.returncode, err, state(outs[stage]))

    bad = minimal_month(root / "bad" / M, 质检=[["坐席工号", "质检日期", "得分"], ["001", "2026-10-02", 101]])
    refused = CliRunner().invoke(main, ["run", str(bad), "--out", str(outs["swap"]), "-q"])
    after_refused = (refused.exit_code, state(outs["swap"]))
    reruns = {stage: opscore(month, outs[stage]) for stage in RERUN}
    after_rerun = {}
    for stage, proc in reruns.items():
        text, err = proc.communicate(timeout=120)
        after_rerun[stage] = (proc.returncode, text + err, state(outs[stage]))
    return {"baseline": baseline, "outs": outs, "kill": after_kill, "rerun": after_rerun, "refused": after_refused}


def test_the_hook_knows_every_stage():
    assert KILL_STAGES == ("read", "rules", "scoring", "workbook", "report", "ledger-before-commit",
                           "ledger-after-commit", "swap")


@pytest.mark.parametrize("stage", KILL_STAGES)
def test_the_run_was_killed(killed, stage):
    code, err, _ = killed["kill"][stage]
    assert code == -signal.SIGKILL, err


@pytest.mark.parametrize("stage", BEFORE_COMMIT)
def test_killed_before_the_commit_leaves_everything_as_it_was(killed, stage):
    _, _, after = killed["kill"][stage]
    base = killed["baseline"]
    # killed in the ledger's transaction: the new folder is in place, the earlier one whole aside
    month = after["aside"][0] if stage == "ledger-before-commit" else after["month"]
    assert month == base["month"]  # the workbook, index.html and every page, byte for byte
    assert f"scored-{M}.xlsx" in after["month"] and "report/index.html" in after["month"]
    assert after["ledger"] == base["ledger"]  # the same rows, run time included


def test_killed_after_the_commit_has_the_new_ledger_and_the_new_pages(killed):
    _, _, after = killed["kill"]["ledger-after-commit"]
    base = killed["baseline"]
    assert after["month"] != base["month"] and after["aside"] == []
    book = openpyxl.load_workbook(killed["outs"]["ledger-after-commit"] / M / f"scored-{M}.xlsx", read_only=True)
    assert book.sheetnames[:2] == ["Payroll", "Summary"]  # the killed run's (English) workbook
    runs, results = after["ledger"]
    assert [r[-1] for r in runs] == ["en"] and [r[-1] for r in base["ledger"][0]] == ["zh"]
    assert results == base["ledger"][1]  # same inputs, same figures


def test_killed_mid_swap_keeps_the_earlier_folder_aside(killed):
    _, _, after = killed["kill"]["swap"]
    assert after["month"] == {}  # moved aside, the new one not yet in
    assert after["aside"] == [killed["baseline"]["month"]]  # whole, in .2026-10.staging-old-<pid>


def test_a_refused_run_after_a_kill_mid_swap_puts_the_earlier_outputs_back(killed):
    """The next run of the month restores the folder first, even when its own input is refused."""
    code, after = killed["refused"]
    assert code == 1
    assert after["month"] == killed["baseline"]["month"] and after["aside"] == []


@pytest.mark.parametrize("stage", RERUN)
def test_a_rerun_completes_and_makes_everything_agree(killed, stage):
    code, output, after = killed["rerun"][stage]
    assert code == 0, output
    assert "Traceback" not in output
    assert after["hidden"] == []  # the dead run's lock and staging folders are gone
    book = openpyxl.load_workbook(killed["outs"][stage] / M / f"scored-{M}.xlsx", read_only=True)
    assert book.sheetnames == ["Payroll", "Summary", "Attendance", "Findings", "Teams", "Actions", "Run"]  # the new run's
    assert "report/index.html" in after["month"]
    runs, results = after["ledger"]
    assert [r[-1] for r in runs] == ["en"]
    assert results == killed["baseline"]["ledger"][1]


# ---------------------------------------------------------------- the lock
def test_a_live_lock_stops_a_second_run(runner, tmp_path):
    month = minimal_month(tmp_path / M)
    out = tmp_path / "out"
    out.mkdir()
    lock = out / f".{M}.lock"
    lock.write_text(str(os.getpid()))  # this test process is alive: "another run is under way"
    result = runner.invoke(main, ["run", str(month), "--out", str(out), "-q"])
    assert result.exit_code == 5  # its own code: not an input problem (1), see README's table
    assert result.output.splitlines() == [
        f"错误: {M} 正在由另一个 opscore 进程(pid {os.getpid()})处理,输出目录 {out};请等它结束后再运行",
        f"提示: 若确认没有 opscore 在运行,删除 {lock} 后重试"]
    assert lock.read_text() == str(os.getpid()) and not (out / M).exists()
    result = runner.invoke(main, ["run", str(month), "--out", str(out), "-q", "--lang", "en"])
    assert result.output.splitlines()[0] == (f"Error: {M} is being processed by another opscore run "
                                             f"(pid {os.getpid()}) into {out}; wait for it to finish")


def test_a_stale_lock_is_taken_over(runner, tmp_path):
    month = minimal_month(tmp_path / M)
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # its pid is now free: the lock's holder died
    (out / f".{M}.lock").write_text(str(dead.pid))
    result = runner.invoke(main, ["run", str(month), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert (out / M / f"scored-{M}.xlsx").is_file()
    assert not (out / f".{M}.lock").exists()


def test_a_lock_on_another_month_or_folder_does_not_stop_a_run(runner, tmp_path):
    month = minimal_month(tmp_path / M)
    out = tmp_path / "out"
    out.mkdir()
    (out / ".2026-09.lock").write_text(str(os.getpid()))
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / f".{M}.lock").write_text(str(os.getpid()))
    assert runner.invoke(main, ["run", str(month), "--out", str(out), "-q"]).exit_code == 0
