"""Nothing breaks it, round two (issue 17): leaks, absurd numbers, lying identities, failures, races.

Each finding is replayed through the command with its exact input: phone numbers spelt the
ways people paste them, ids that differ only by an invisible character, an incident fined
``inf`` or ``-50`` yuan, a punch at 23:59:60, escape sequences in a file name and a cell, a
20 MB bad value, an output open in Excel, a full disk, an internal error holding employee
data, Ctrl-C before and after the month was written, two processes taking over one stale
lock, and a page renderer whose parent is killed.
"""
from __future__ import annotations

import datetime as dt
import errno
import multiprocessing
import os
import re
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import pytest

from cli import main
from hostile import run_cli, table, workbook
from workbooks import ATT, ATT_HEADER, ROSTER, ROSTER_HEADER, minimal_month, xlsx

ROOT = Path(__file__).resolve().parents[1]
M = "2026-10"
PHONES = ["１３８００００１２３４", "0086 13811110002", "008613822220003", "138.3333.0004", "138/4444/0005",
          "138\u200b5555\u200b0006", "+86 138-6666-0007", "１３８-７７７７-０００８", "＋８６１３８８８８８０００９"]


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text.translate({0xFF10 + i: str(i) for i in range(10)}))


def _texts(out: Path) -> dict[str, str]:
    """Every text of every output: each workbook cell, each page, each ledger row."""
    texts = {}
    book = openpyxl.load_workbook(out / M / f"scored-{M}.xlsx", read_only=True)
    for ws in book.worksheets:
        texts[f"xlsx:{ws.title}"] = "\n".join(str(v) for r in ws.iter_rows(values_only=True) for v in r if v is not None)
    for page in (out / M / "report").rglob("*.html"):
        texts[str(page)] = page.read_text(encoding="utf-8")
    with sqlite3.connect(out / "opscore.db") as con:
        texts["ledger"] = "\n".join(map(str, con.execute("select * from monthly_results").fetchall()
                                        + con.execute("select * from runs").fetchall()))
    return texts


def test_nine_phone_spellings_are_masked_in_every_output_and_the_ledger(runner, tmp_path):
    month = tmp_path / M
    people = [[f"{i:03d}", f"客户回电{p}", "客服部", "一组", "客服专员"] for i, p in enumerate(PHONES, start=1)]
    att = [[e[0], dt.date(2026, 10, 8), "白班", dt.time(9), dt.time(18), dt.time(8, 50), dt.time(18, 5)] for e in people]
    xlsx(month / "month.xlsx", {"名册": [ROSTER_HEADER, *people], "考勤": [ATT_HEADER, *att]})
    result = runner.invoke(main, ["run", str(month), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    texts = _texts(tmp_path / "out")
    for phone in PHONES:
        number = _digits(phone)[-11:]
        leaks = [where for where, text in texts.items() if number in _digits(text)]
        assert leaks == [], (phone, leaks)
    summary = "\n".join(text for where, text in texts.items() if where.startswith("xlsx:"))
    assert "客户回电138****1234" in summary and "客户回电0086 138****0002" in summary
    assert "客户回电138****0004" in summary and "客户回电+86138****0009" in summary
    assert "客户回电138****0006" in texts["ledger"]


def test_ids_that_differ_by_an_invisible_character_are_one_employee(runner, tmp_path):
    month = tmp_path / M
    roster = [*ROSTER, ["001\u200b", "张三丰", "客服部", "一组", "客服专员"], ["004", "\u202e五赵", "客服部", "一组", "客服专员"]]
    xlsx(month / "month.xlsx", {"名册": [ROSTER_HEADER, *roster], "考勤": [ATT_HEADER, *ATT]})
    result = runner.invoke(main, ["check", str(month)])
    assert result.exit_code == 1
    dup = [line for line in result.output.splitlines() if "001" in line and "重复" in line]
    assert len(dup) >= 1 and "\u200b" not in result.output and "\u202e" not in result.output, result.output


def test_a_bidi_override_never_reaches_an_output(runner, tmp_path):
    month = tmp_path / M
    roster = [*ROSTER, ["004", "\u202e五赵\u202c", "客服部", "一组", "客服专员"]]
    att = [*ATT, ["004", dt.date(2026, 10, 8), "白班", dt.time(9), dt.time(18), dt.time(8, 50), dt.time(18, 5)]]
    xlsx(month / "month.xlsx", {"名册": [ROSTER_HEADER, *roster], "考勤": [ATT_HEADER, *att]})
    assert runner.invoke(main, ["run", str(month), "--out", str(tmp_path / "out"), "-q"]).exit_code == 0
    texts = _texts(tmp_path / "out")
    assert "五赵" in "".join(t for w, t in texts.items() if w.startswith("xlsx:")) and "五赵" in texts["ledger"]
    assert not [where for where, text in texts.items() if "\u202e" in text or "\u202c" in text]


INC = ["工号", "日期", "事项代码", "金额", "说明"]


@pytest.mark.parametrize("amount, line", [
    ("inf", "month.xlsx:奖惩!D2: [金额] “inf” 值无法识别 (应为:数字)"),
    ("1e999", "month.xlsx:奖惩!D2: [金额] “1e999” 值无法识别 (应为:数字)"),
    ("-50", "month.xlsx:奖惩!D2: [金额] “-50” 不能为负数 (应为:0 或正数)"),
])
def test_an_absurd_fine_is_a_located_input_problem(runner, tmp_path, amount, line):
    month = minimal_month(tmp_path / M, 奖惩=[INC, ["001", "2026-10-08", "desk_5s", amount, ""]])
    result = runner.invoke(main, ["run", str(month), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [line, "输入有 1 个问题"]
    assert not (tmp_path / "out" / M).exists()


def test_a_leap_second_is_refused_not_rolled_to_midnight(runner, tmp_path):
    att = [ATT_HEADER, *ATT[:2], ["003", "2026-10-08", "白班", "09:00", "18:00", "08:50", "23:59:60"]]
    month = tmp_path / M
    xlsx(month / "month.xlsx", {"名册": [ROSTER_HEADER, *ROSTER], "考勤": att})
    result = runner.invoke(main, ["check", str(month)])
    assert result.exit_code == 1
    assert ("  month.xlsx:考勤!G4: [下班打卡] “23:59:60” 值无法识别 (应为:时间或日期时间,如 08:29、次日 02:00、"
            "2026-10-01 08:29)") in result.output.splitlines()


def test_escape_sequences_in_a_file_name_and_a_cell_never_reach_the_terminal(tmp_path):
    month = minimal_month(tmp_path / M)
    (month / "evil\x1b[2J\x1b]0;pwned\x07.xlsx").write_bytes(b"not a workbook")
    bad = "_x001B_[31m2026-10-08\u202e"  # ESC as a workbook stores it (openpyxl would refuse to write it)
    workbook(month / "att.xlsx", {"考勤": table(ATT_HEADER, [["001", bad, "白班", "09:00", "18:00", "08:50", "18:05"]])})
    ran = run_cli("check", str(month))
    assert ran.code == 1
    assert "\x1b" not in ran.out + ran.err and "\x07" not in ran.out and "\u202e" not in ran.out
    lines = ran.lines
    assert ("  evil\\x1b[2J\\x1b]0;pwned\\x07.xlsx: 不是 Excel 工作簿,或文件已损坏:请在 Excel 中另存为 .xlsx"
            in lines), lines
    assert any(line.startswith("  att.xlsx:考勤!B2: [日期] “\\x1b[31m2026-10-08\\u202e”") for line in lines), lines


def test_a_20_mb_bad_value_is_shown_cut(tmp_path):
    month = minimal_month(tmp_path / M)
    huge = "x" * (20 * 1024**2)
    workbook(month / "att.xlsx", {"考勤": table(ATT_HEADER, [["001", huge, "白班", "09:00", "18:00", "08:50", "18:05"]])})
    assert (month / "att.xlsx").stat().st_size < 200 * 1024
    ran = run_cli("check", str(month))
    assert ran.code == 1 and ran.seconds < 60 and ran.peak_mb < 1024
    assert f"  att.xlsx:考勤!B2: [日期] “{'x' * 60}…(共 20,971,520 个字符)” 值无法识别" in "\n".join(ran.lines)
    assert len(ran.out + ran.err) < 5000


# ---------------------------------------------------------------- failures of the machine
def _ledger_rows(out: Path) -> list:
    with sqlite3.connect(out / "opscore.db") as con:
        return con.execute("select * from runs").fetchall() + con.execute("select * from monthly_results").fetchall()


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def ran_once(runner, tmp_path):
    month = minimal_month(tmp_path / M)
    out = tmp_path / "out"
    assert runner.invoke(main, ["run", str(month), "--out", str(out), "-q"]).exit_code == 0
    return month, out, _tree(out / M), _ledger_rows(out)


def test_an_output_open_in_excel_is_exit_4_and_changes_nothing(runner, ran_once, monkeypatch):
    """Windows refuses to move a folder holding an open workbook: the rename fails."""
    month, out, before, ledger = ran_once
    import processor.outputs as outputs

    real = os.replace

    def refuse(src, dst):
        if Path(src) == out / M:
            raise PermissionError(errno.EACCES, "Access is denied", str(src))
        return real(src, dst)

    monkeypatch.setattr(outputs.os, "replace", refuse)
    result = runner.invoke(main, ["run", str(month), "--out", str(out), "-q", "--lang", "en"])
    assert result.exit_code == 4
    assert result.output.splitlines() == [
        f"Error: cannot replace {out / M}: a file in it (scored-{M}.xlsx) may be open in Excel or another program, or "
        "the folder is read-only; close the file and run again (nothing was written, the ledger is unchanged) "
        "[Access is denied]"]
    assert _tree(out / M) == before and _ledger_rows(out) == ledger
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [".opscore-output"]  # only our marker


def test_a_failed_ledger_commit_puts_the_earlier_outputs_back(runner, ran_once, monkeypatch):
    month, out, before, ledger = ran_once
    from processor import ledger as ledger_module

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(ledger_module, "record_month", full)
    result = runner.invoke(main, ["run", str(month), "--out", str(out), "-q"])
    assert result.exit_code == 6
    assert result.output.splitlines() == ["错误: 磁盘已满(未写入任何输出)", "提示: 释放磁盘空间后重新运行"]
    assert _tree(out / M) == before and _ledger_rows(out) == ledger


@pytest.mark.parametrize("error, lines", [
    (OSError(errno.ENOSPC, "No space left on device"), ["Error: the disk is full (no output written)",
                                                        "Hint: free some disk space and run again"]),
    (PermissionError(errno.EACCES, "Permission denied", "/srv/out/x"),
     ["Error: permission denied: /srv/out/x (no output written)",
      "Hint: check the file's or folder's permissions, or choose another --out"]),
    (FileNotFoundError(errno.ENOENT, "No such file or directory", "2026-10/month.xlsx"),
     ["Error: a file vanished during the run: 2026-10/month.xlsx (no output written)",
      "Hint: make sure nothing else moves or deletes the files, then run again"]),
], ids=["disk-full", "permission", "vanished"])
def test_environment_failures_are_named_with_what_to_do_exit_6(runner, ran_once, monkeypatch, error, lines):
    month, out, before, ledger = ran_once
    from processor.write import workbook as workbook_module

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(workbook_module, "write_workbook", fail)
    result = runner.invoke(main, ["run", str(month), "--out", str(out), "-q", "--lang", "en"])
    assert result.exit_code == 6
    assert result.output.splitlines() == lines
    assert _tree(out / M) == before and _ledger_rows(out) == ledger


def test_an_internal_error_logs_privately_and_hides_sql_parameters(tmp_path):
    """The ledger's SQL fails holding an employee's name: neither message nor log shows it."""
    month = minimal_month(tmp_path / M)
    planted = Path(tempfile.gettempdir()) / "opscore-error.log"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    if not planted.exists() and not planted.is_symlink():
        planted.symlink_to(victim)
    script = ("import sqlalchemy as sa\n"
              "from processor import ledger\n"
              "def boom(engine, *a, **k):\n"
              "    with engine.begin() as c:\n"
              "        c.execute(sa.text('insert into nowhere values (:name)'), {'name': '张三 13800001234'})\n"
              "ledger.record_month = boom\n"
              "from cli import main; main()\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", script, "run", str(month), "--out", str(tmp_path / "out"), "-q"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3
    lines = proc.stderr.splitlines()
    assert lines[0] == "内部错误:OperationalError: no such table: nowhere"
    log = Path(re.search(r"详情已写入 (\S+);", lines[1]).group(1))
    assert log.parent == tmp_path and log.name.startswith("opscore-error-")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text(encoding="utf-8")
    assert "OperationalError" in text and "张三" not in text and "13800001234" not in text
    assert "张三" not in proc.stderr and victim.read_text() == "keep me"
    assert not (tmp_path / "out" / M).exists()


@pytest.mark.parametrize("where, line", [
    ("report", "错误: 已中断:未写入任何输出,台账未改动,之前的输出保持原样"),
    ("ledger-after-commit", "错误: 已中断,但本月已全部写入:输出在 {out},台账已记录"),
])
def test_ctrl_c_says_what_was_and_was_not_written(runner, ran_once, monkeypatch, where, line):
    month, out, before, ledger = ran_once
    from processor.hooks import RunHooks

    def interrupt(self, stage):
        if stage == where:
            raise KeyboardInterrupt

    monkeypatch.setattr(RunHooks, "reached", interrupt)
    result = runner.invoke(main, ["run", str(month), "--out", str(out), "-q", "--lang", "zh"])
    assert result.exit_code == 130
    assert result.output.splitlines() == [line.format(out=out / M)]
    if where == "report":
        assert _tree(out / M) == before and _ledger_rows(out) == ledger
    else:
        with sqlite3.connect(out / "opscore.db") as con:  # the run was recorded: a second revision
            assert con.execute("select count(*) from ledger_revisions").fetchone()[0] == 2


# ---------------------------------------------------------------- races
def _take(out: str, barrier, results) -> None:
    from processor.errors import RunLocked
    from processor.outputs import month_lock

    barrier.wait()
    try:
        with month_lock(Path(out), M):
            start = time.monotonic()
            time.sleep(0.5)
            results.put(("held", start, time.monotonic()))
    except RunLocked:
        results.put(("refused", 0.0, 0.0))


def test_a_stale_lock_is_taken_over_by_one_process_only(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    for _round in range(3):  # three rounds of eight processes racing for the same dead lock
        (out / f".{M}.lock").write_text(str(dead.pid))
        ctx = multiprocessing.get_context("spawn")
        barrier, results = ctx.Barrier(8), ctx.Queue()
        procs = [ctx.Process(target=_take, args=(str(out), barrier, results)) for _ in range(8)]
        for p in procs:
            p.start()
        got = [results.get(timeout=60) for _ in procs]
        for p in procs:
            p.join()
        held = sorted((s, e) for kind, s, e in got if kind == "held")
        assert held, got
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(held, held[1:])), held  # never two at once
        assert not (out / f".{M}.lock").exists() and not (out / f".{M}.lock.takeover").exists()


@pytest.mark.parametrize("portable", [False, True], ids=["pdeathsig", "portable-watch"])
def test_the_page_renderer_dies_with_its_parent(tmp_path, portable):
    script = ("import os, signal, sys, time\n"
              + ("import ctypes\nctypes.CDLL = lambda *a, **k: (_ for _ in ()).throw(OSError('no prctl'))\n"
                 if portable else "")
              + "from processor.write.forked import ForkedJob\n"
              "job = ForkedJob(time.sleep, 60)\n"
              "print(job._proc.pid, flush=True)\n"
              "time.sleep(0.5)\n"
              "os.kill(os.getpid(), signal.SIGKILL)\n")
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    child = int(proc.stdout.split()[0])
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _alive(child):
        time.sleep(0.05)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in state and "\nState:\tX" not in state
