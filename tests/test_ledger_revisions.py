"""The ledger's revisions, close, Adjustments, centers, migration, errors and races, on SQLite
and through the CLI (tests/test_ledger_postgres.py runs the same on a real PostgreSQL server)."""
from __future__ import annotations

import csv
import getpass
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup

from cli import main
from ledger_builders import legacy_ledger, month, opscore, sheet_rows
from processor import ledger
from processor.rulebook import load_rulebook
from processor.score.annual import annual_appraisal

DATA = Path(__file__).parent / "data"
M = "2026-10"


def ok(runner, *args: str) -> str:
    r = runner.invoke(main, list(args))
    assert r.exit_code == 0, r.output
    return r.output


def closed_rows(db: Path, revision_id: int) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute("select * from ledger_results where revision_id = ? order by employee_id",
                           (revision_id,)).fetchall()


def test_close_then_rerun_gives_adjustments_history_and_keeps_the_closed_revision(runner, tmp_path):
    out = tmp_path / "out"
    ok(runner, "run", str(month(tmp_path / "a", M, 80)), "--out", str(out), "-q", "--lang", "en")
    assert "revision 1 closed" in ok(runner, "close", M, "--out", str(out), "--lang", "en")
    assert "already closed" in ok(runner, "close", M, "--out", str(out), "--lang", "en")
    before = closed_rows(out / "opscore.db", 1)
    # the re-run: 002 came 15 minutes late (15 yuan), 003 has no punch (absence, 100 yuan); 001 unchanged
    text = ok(runner, "run", str(month(tmp_path / "b", M, 80, late=15, absent="003")), "--out", str(out), "-q",
              "--lang", "en", "--adjustments-only")
    assert "2 employee(s) changed" in text
    book = out / M / f"scored-{M}.xlsx"
    adj = {r["employee_id"]: r for r in sheet_rows(book, "Adjustments")}
    assert sorted(adj) == ["002", "003"]
    assert (adj["002"]["fines_total_closed"], adj["002"]["fines_total_new"], adj["002"]["fines_diff"]) == (0, 15, 15)
    assert (adj["003"]["fines_total_closed"], adj["003"]["fines_total_new"], adj["003"]["fines_diff"]) == (0, 100, 100)
    assert adj["003"]["grade_closed"] == "good" and adj["003"]["bonus_coefficient_closed"] == 1.0
    assert list(adj["002"]) == ["employee_id", "name", "fines_total_closed", "fines_total_new", "fines_diff",
                                "points_closed", "points_new", "grade_closed", "grade_new",
                                "bonus_coefficient_closed", "bonus_coefficient_new"]
    # --adjustments-only: the payroll CSV holds only 002 and 003, fines and points as differences,
    # grade and coefficient as re-run; the Payroll sheet still has the whole month
    with open(out / M / f"payroll-{M}.csv", encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert lines == [["employee_id", "name", "department", "team", "fines_total", "points", "grade",
                      "bonus_coefficient", "deemed_resignation_date", "note"],
                     ["002", "李四", "客户服务部", "一组", "15.00", "0", "good", "1", "", ""],
                     ["003", "王五", "运营管理部", "运营组", "100.00", "0", "good", "1", "", ""]]
    assert not (out / M / f"adjustments-{M}.csv").exists()
    assert [r["employee_id"] for r in sheet_rows(book, "Payroll")] == ["001", "002", "003"]
    page = BeautifulSoup((out / M / "report" / "index.html").read_text(encoding="utf-8"), "html.parser")
    block = page.find(id="adjustments")
    assert block is not None and [th.text for th in block.select("tbody th")] == ["002", "003"]
    assert "To deduct ¥115.00, to pay back ¥0.00" in block.text
    history = ok(runner, "history", M, "--out", str(out), "--lang", "en").splitlines()
    assert len(history) == 3 and history[0].endswith("2 revision(s)")
    assert history[1].lstrip().startswith("#1") and history[1].endswith("[closed]")
    assert history[2].lstrip().startswith("#2") and history[2].endswith("[current]")
    assert "fines 0.00 yuan" in history[1] and "fines 115.00 yuan" in history[2]
    assert f"  {getpass.getuser()}  v" in history[1]  # who ran it
    assert closed_rows(out / "opscore.db", 1) == before  # the closed revision is never changed
    # a third run, not closed again: still compared with revision 1; the plain run writes no CSV
    ok(runner, "run", str(month(tmp_path / "c", M, 80)), "--out", str(out), "-q", "--lang", "en")
    assert sheet_rows(book, "Adjustments") == []
    with open(out / M / f"payroll-{M}.csv", encoding="utf-8-sig", newline="") as fh:
        assert [r[0] for r in csv.reader(fh)] == ["employee_id", "001", "002", "003"]  # the whole month again
    # payroll booked the adjustments: closing again closes revision 3; revision 1 keeps its stamp
    assert "revision 3 closed" in ok(runner, "close", M, "--out", str(out), "--lang", "en")
    history = ok(runner, "history", M, "--out", str(out), "--lang", "en").splitlines()
    assert [line.rsplit("[", 1)[-1] for line in history[1:]] == ["closed]", history[2].rsplit("[", 1)[-1],
                                                                  "closed, current]"]
    assert "[" not in history[2].split("points")[-1]  # revision 2 was never closed nor is current
    assert closed_rows(out / "opscore.db", 1) == before


def test_center_option_help_is_chinese(runner):
    assert "中心名称" in runner.invoke(main, ["close", "--help"]).output


def test_adjustments_in_chinese(runner, tmp_path):
    out = tmp_path / "out"
    ok(runner, "run", str(month(tmp_path / "a", M, 80)), "--out", str(out), "-q")
    assert "第 1 版已结账" in ok(runner, "close", M, "--out", str(out))
    ok(runner, "run", str(month(tmp_path / "b", M, 80, late=15)), "--out", str(out), "-q")
    rows = sheet_rows(out / M / f"scored-{M}.xlsx", "补发补扣")
    assert [(r["工号"], r["罚款差额(元,正数补扣、负数补发)"], r["已结账等级"]) for r in rows] == [("002", 15, "优秀")]
    assert "补发补扣" in (out / M / "report" / "index.html").read_text(encoding="utf-8")


def test_adjustments_only_payroll_csv_honours_the_payroll_columns(runner, tmp_path):
    """A center's ``[payroll] columns`` name and order the differences-only CSV as the full one."""
    out, rules = tmp_path / "out", tmp_path / "center.toml"
    rules.write_text('[payroll]\ncolumns = { employee_id = "人员编号", fines_total = "考勤扣款", '
                     'grade = "等级", points = "加减分" }\n', encoding="utf-8")
    ok(runner, "run", str(month(tmp_path / "a", M, 80)), "--out", str(out), "-q", "--rules", str(rules))
    ok(runner, "close", M, "--out", str(out))
    text = ok(runner, "run", str(month(tmp_path / "b", M, 80, late=15)), "--out", str(out), "-q",
              "--rules", str(rules), "--adjustments-only")
    assert f"工资导出只含差额: {out / M / f'payroll-{M}.csv'}" in text
    lines = (out / M / f"payroll-{M}.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines == ["人员编号,考勤扣款,等级,加减分", "002,15.00,良好,0"]  # grade: the new one (closed 优秀)


def test_adjustments_only_needs_a_closed_month(runner, tmp_path):
    r = runner.invoke(main, ["run", str(month(tmp_path / "a", M, 80)), "--out", str(tmp_path / "out"), "-q",
                             "--adjustments-only", "--lang", "en"])
    assert r.exit_code == 2 and "is not closed" in r.output
    assert not (tmp_path / "out" / M).exists()


def test_close_of_a_month_not_run_is_a_usage_error(runner, tmp_path):
    ok(runner, "run", str(month(tmp_path / "a", M, 80)), "--out", str(tmp_path / "out"), "-q")
    r = runner.invoke(main, ["close", "2026-09", "--out", str(tmp_path / "out"), "--lang", "en"])
    assert r.exit_code == 2 and "holds no 2026-09" in r.output


def test_centers_are_kept_apart(runner, tmp_path):
    out = tmp_path / "out"
    ok(runner, "run", str(month(tmp_path / "a", M, 80)), "--out", str(out / "A"), "--db", f"sqlite:///{out}/l.db",
       "-q", "--center", "杭州中心")
    center_rules = tmp_path / "b.toml"
    center_rules.write_text('[meta]\ncenter = "成都中心"\n', encoding="utf-8")
    ok(runner, "run", str(month(tmp_path / "b", M, 60, late=20)), "--out", str(out / "B"), "--db",
       f"sqlite:///{out}/l.db", "-q", "--rules", str(center_rules))
    engine = ledger.open_ledger(f"sqlite:///{out}/l.db")
    assert ledger.centers(engine) == ["成都中心", "杭州中心"]
    assert len(ledger.revisions(engine, M, "杭州中心")) == 1 and len(ledger.revisions(engine, M, "成都中心")) == 1
    assert ledger.trend(engine, M, center="杭州中心")["fines_total"].tolist() == [0.0]
    assert ledger.trend(engine, M, center="成都中心")["fines_total"].tolist() == [20.0]
    r = runner.invoke(main, ["annual", "2026", "--db", f"sqlite:///{out}/l.db", "--out", str(out), "--lang", "en"])
    assert r.exit_code == 2 and "give --center" in r.output
    ok(runner, "annual", "2026", "--db", f"sqlite:///{out}/l.db", "--out", str(out), "--center", "成都中心")


def test_the_committed_release_ledger_migrates_and_annual_reads_it(runner, tmp_path):
    """tests/data/ledger-v1.db was written by opscore 0.1 (`opscore run` of test_pipeline.month for
    September at rating 80 and October at 90): 001 scored 90 and 95."""
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(DATA / "ledger-v1.db", out / "opscore.db")
    ok(runner, "annual", "2026", "--out", str(out), "--lang", "en")
    annual = {r["employee_id"]: r for r in sheet_rows(out / "annual-2026.xlsx", "Annual")}
    assert (annual["001"]["annual_score"], annual["003"]["annual_score"]) == (92.5, 90.0)  # (86.67 + 93.33) / 2
    history = ok(runner, "history", "2026-09", "--out", str(out), "--lang", "en")
    assert "1 revision(s)" in history and "3 employees" in history
    ok(runner, "run", str(month(tmp_path / "in", "2026-11", 70)), "--out", str(out), "-q")
    engine = ledger.open_ledger(f"sqlite:///{out / 'opscore.db'}")
    assert ledger.months(engine, 2026) == ["2026-09", "2026-10", "2026-11"]
    with sqlite3.connect(out / "opscore.db") as con:  # the old names still read, as views
        assert con.execute("select count(*) from monthly_results").fetchone() == (9,)
        assert con.execute("select name from sqlite_master where type = 'table' and name = 'runs'").fetchall() == []


def test_a_schema_one_ledger_keeps_its_months_coaching_and_annual(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    legacy_ledger(url)
    engine = ledger.open_ledger(url)
    a = annual_appraisal(engine, 2026, load_rulebook()).set_index("employee_id")
    assert (a.loc["E1", "annual_score"], a.loc["E1", "grade"]) == (85.0, "good")
    assert (a.loc["E2", "appraised_months"], a.loc["E2", "annual_score"]) == (["2026-10"], 50.0)
    h = ledger.history(engine, "2026-11")
    assert h[h["coaching"]][["month", "employee_id"]].values.tolist() == [["2026-10", "E2"]]
    revs = ledger.revisions(engine, "2026-10")
    assert revs[["employees", "graded", "fines_total", "points"]].values.tolist() == [[2, 2, 100.0, -5.0]]
    ledger.open_ledger(url)  # opening again changes nothing
    assert len(ledger.revisions(engine, "2026-10")) == 1


def test_default_center_is_the_rulebooks(tmp_path):
    assert load_rulebook().center == ledger.DEFAULT_CENTER


@pytest.mark.parametrize("content, words", [
    (b"", "the ledger file is empty"),
    (b"PK\x03\x04 not a database at all", "corrupt or not a SQLite database"),
    (b"SQLite format 3\x00" + b"\xff" * 200, "the ledger is corrupt"),
])
def test_empty_or_corrupt_ledger_file_is_named(runner, tmp_path, content, words):
    out = tmp_path / "out"
    out.mkdir()
    (out / "opscore.db").write_bytes(content)
    r = runner.invoke(main, ["run", str(month(tmp_path / "a", M, 80)), "--out", str(out), "-q", "--lang", "en"])
    assert r.exit_code == 6 and words in r.output, r.output
    assert "Traceback" not in r.output and "internal error" not in r.output
    assert (out / "opscore.db").read_bytes() == content and not (out / M).exists()


def test_a_foreign_database_is_never_written(runner, tmp_path):
    db = tmp_path / "crm.db"
    with sqlite3.connect(db) as con:
        con.execute("create table customers (id integer primary key, phone text)")
    before = db.read_bytes()
    r = runner.invoke(main, ["run", str(month(tmp_path / "a", M, 80)), "--out", str(tmp_path / "out"), "-q",
                             "--db", f"sqlite:///{db}", "--lang", "en"])
    assert r.exit_code == 6 and "is not an opscore ledger" in r.output and "customers" in r.output
    assert db.read_bytes() == before


@pytest.mark.parametrize("url, words", [
    ("foo", "--db is not a database URL: 'foo'"),
    ("postgresql://hr:s3cret@127.0.0.1:1/ledger", "cannot use the ledger postgresql+psycopg://hr:***@127.0.0.1:1/ledger"),
    ("mysql://hr:s3cret@localhost/ledger", "no driver"),
])
def test_bad_db_urls_are_environment_errors_with_the_password_masked(runner, tmp_path, url, words):
    r = runner.invoke(main, ["history", M, "--db", url, "--lang", "en"])
    assert r.exit_code == 6 and words in r.output, r.output
    assert "s3cret" not in r.output and "Traceback" not in r.output and "SELECT" not in r.output
    assert "Hint:" in r.output


def test_postgres_without_its_driver_says_how_to_install_it(runner, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if opscore[postgres] were not installed
    r = runner.invoke(main, ["run", str(month(tmp_path / "a", M, 80)), "--out", str(tmp_path / "out"), "-q",
                             "--db", "postgresql://hr:s3cret@db.example/ledger", "--lang", "en"])
    assert r.exit_code == 6 and "postgresql+psycopg://hr:***@db.example/ledger" in r.output
    assert 'pip install "opscore[postgres]"' in r.output and "s3cret" not in r.output
    assert not (tmp_path / "out" / M).exists()


def test_engine_hides_sql_parameters(tmp_path):
    assert ledger.open_ledger(f"sqlite:///{tmp_path / 'l.db'}").hide_parameters is True


def test_eight_concurrent_runs_of_eight_months_into_one_fresh_ledger(tmp_path):
    out = tmp_path / "out"
    folders = [month(tmp_path / "in", f"2026-{m:02d}", 60 + 5 * m) for m in range(1, 9)]
    procs = [opscore("run", str(f), "--out", str(out), "-q") for f in folders]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    assert [code for code, _ in results] == [0] * 8, results
    engine = ledger.open_ledger(f"sqlite:///{out / 'opscore.db'}")
    assert ledger.months(engine, 2026) == [f"2026-{m:02d}" for m in range(1, 9)]
    assert ledger.year_results(engine, 2026).groupby("month").size().tolist() == [3] * 8
    with engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(ledger.tables.revisions)) == 8


def test_eight_processes_open_a_fresh_ledger_at_once(tmp_path):
    from ledger_builders import open_at_once

    url = f"sqlite:///{tmp_path / 'new' / 'opscore.db'}"
    assert [code for code, _ in open_at_once(url)] == [0] * 8
    with sqlite3.connect(tmp_path / "new" / "opscore.db") as con:
        assert con.execute("select value from ledger_info").fetchall() == [("2",)]
    assert [p.name for p in (tmp_path / "new").iterdir()] == ["opscore.db"]  # no temporary file left


def test_close_then_corrections_then_rerun_pays_back_exactly_the_corrected(runner, tmp_path):
    """Issue 18's close → correction → re-run, with tests/test_corrections.py's month: the month is
    run and closed without its corrections, then re-run with them."""
    from test_corrections import write_month

    out = tmp_path / "out"
    ok(runner, "run", str(write_month(tmp_path / "a" / M, corrections=[])), "--out", str(out), "-q", "--lang", "en")
    ok(runner, "close", M, "--out", str(out))
    before = closed_rows(out / "opscore.db", 1)
    ok(runner, "run", str(write_month(tmp_path / "b" / M)), "--out", str(out), "-q", "--lang", "en")
    adj = {r["employee_id"]: r for r in sheet_rows(out / M / f"scored-{M}.xlsx", "Adjustments")}
    got = {e: (r["fines_total_closed"], r["fines_total_new"], r["fines_diff"]) for e, r in adj.items()}
    # 102's late fine waived, 103's 6th made leave, 106's outage day worked; the missing punches
    # of 101 and 104 carried no fine, and 105's correction (a 班长's) was not applied: not listed
    assert got == {"102": (7, 0, -7), "103": (400, 300, -100), "106": (100, 0, -100)}
    history = ok(runner, "history", M, "--out", str(out), "--lang", "en").splitlines()
    assert len(history) == 3 and history[1].endswith("[closed]") and history[2].endswith("[current]")
    assert closed_rows(out / "opscore.db", 1) == before
