"""The ledger on a real PostgreSQL server (a throwaway cluster on a Unix socket): the same
SQLAlchemy Core code as SQLite, for a group of centers sharing one ledger."""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from cli import main
from test_pipeline import month

INITDB = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
psycopg = pytest.importorskip("psycopg", reason="psycopg not installed (test extra)")
pytestmark = pytest.mark.skipif(not INITDB, reason="PostgreSQL server not installed (.ci/run installs it)")


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.fixture(scope="module")
def pg_url():
    bindir = Path(INITDB[-1]).parent
    data = Path(tempfile.mkdtemp(prefix="opscore-pg-"))  # directly in /tmp: the postgres user must reach it
    sock = data / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
        shutil.chown(sock, "postgres")
    subprocess.run(_as_postgres([str(bindir / "initdb"), "-D", str(data / "db"), "-A", "trust", "-U", "opscore"]),
                   check=True, capture_output=True)
    opts = f"-k {sock} -p 54329 -c listen_addresses=''"
    # the server inherits no pipe of ours (-l log), or run() would wait for it to exit
    subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data / "db"), "-o", opts, "-l", str(data / "log"),
                                 "-w", "start"]), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield f"postgresql+psycopg://opscore@/postgres?host={sock}&port=54329"
    finally:
        subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data / "db"), "-m", "immediate", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(data, ignore_errors=True)


_databases = iter(range(1, 1000))


@pytest.fixture
def pg_db(pg_url):
    """A fresh database on the throwaway server for one test (the tests never see each other's rows)."""
    import sqlalchemy as sa

    name = f"ledger_{next(_databases)}"
    admin = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return pg_url.replace("/postgres?", f"/{name}?")


def test_two_months_rerun_and_annual_on_postgres(runner, tmp_path, pg_db):
    pg_url = pg_db
    import sqlalchemy as sa

    out = tmp_path / "out"
    for folder, ym, rating in ((tmp_path / "a", "2026-09", 80), (tmp_path / "a", "2026-10", 90), (tmp_path / "b", "2026-10", 70)):
        r = runner.invoke(main, ["run", str(month(folder, ym, rating)), "--out", str(out), "--db", pg_url, "-q"])
        assert r.exit_code == 0, r.output
    engine = sa.create_engine(pg_url)
    with engine.connect() as c:
        rows = c.execute(sa.text("select month, employee_id, total_score from monthly_results "
                                 "where employee_id = '001' order by month")).fetchall()
        runs = c.execute(sa.text("select count(*) from runs")).scalar()
    assert [tuple(r) for r in rows] == [("2026-09", "001", 90.0), ("2026-10", "001", 85.0)] and runs == 2
    assert not (out / "opscore.db").exists()  # nothing went to the default SQLite file
    r = runner.invoke(main, ["annual", "2026", "--db", pg_url, "--out", str(out), "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert (out / "annual-2026.xlsx").exists()


def test_eight_concurrent_runs_of_eight_months_into_one_fresh_ledger(tmp_path, pg_db):
    from ledger_builders import month as ledger_month
    from ledger_builders import opscore
    from processor import ledger

    folders = [ledger_month(tmp_path / "in", f"2026-{m:02d}", 60 + 5 * m) for m in range(1, 9)]
    procs = [opscore("run", str(f), "--out", str(tmp_path / "out"), "--db", pg_db, "-q") for f in folders]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    assert [code for code, _ in results] == [0] * 8, results
    engine = ledger.open_ledger(pg_db)
    assert ledger.months(engine, 2026) == [f"2026-{m:02d}" for m in range(1, 9)]
    assert ledger.year_results(engine, 2026).groupby("month").size().tolist() == [3] * 8


CENTERS = {  # center → (rating, 002 late minutes, absent employee) per month
    "杭州中心": {"2026-09": (80, 0, None), "2026-10": (85, 10, None)},
    "成都中心": {"2026-09": (60, 20, None), "2026-10": (70, 0, "003")},
    "Wuhan": {"2026-09": (90, 0, "001"), "2026-10": (95, 0, "002")},
}


def test_three_centers_two_months_concurrently_then_the_group_view(runner, tmp_path, pg_db):
    from bs4 import BeautifulSoup

    from ledger_builders import month as ledger_month
    from ledger_builders import opscore, sheet_rows, summary_sheet

    out = tmp_path / "out"
    procs = []
    for i, (center, months) in enumerate(CENTERS.items()):
        for ym, (rating, late, absent) in months.items():
            folder = ledger_month(tmp_path / f"in{i}", ym, rating, late=late, absent=absent)
            procs.append(opscore("run", str(folder), "--out", str(out / center), "--db", pg_db, "--center", center,
                                 "--lang", "en", "-q"))
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    assert [code for code, _ in results] == [0] * 6, results
    r = runner.invoke(main, ["group", "2026-10", "--db", pg_db, "--out", str(out), "--lang", "en"])
    assert r.exit_code == 0, r.output
    rows = {row["center"]: row for row in sheet_rows(out / "group-2026-10.xlsx", "Centers")}
    assert sorted(rows) == sorted(CENTERS)
    assert list(rows["Wuhan"])[:14] == ["center", "month", "headcount", "excellent", "good", "pass", "fail",
                                        "not_appraised", "fines_total", "fines_per_head", "absence_days",
                                        "deemed_resignations", "coaching", "escalation"]
    fines = 0.0
    for center in CENTERS:
        own = summary_sheet(out / center / "2026-10" / "scored-2026-10.xlsx")
        row = rows[center]
        assert row["month"] == "2026-10" and row["headcount"] == len(own) == 3
        assert row["fines_total"] == sum(e["fines_total"] or 0 for e in own)
        assert row["absence_days"] == sum(e["absence_days"] or 0 for e in own)
        for g in ("excellent", "good", "pass", "fail"):
            assert row[g] == sum(e["grade"] == g for e in own), (center, g)
        fines += row["fines_total"]
    assert [rows[c]["fines_total"] for c in CENTERS] == [10.0, 100.0, 100.0]  # 10 late minutes; an absence each
    assert fines == 210.0 and sum(r["headcount"] for r in rows.values()) == 9
    trend = sheet_rows(out / "group-2026-10.xlsx", "Trend")
    assert [(t["center"], t["month"]) for t in trend] == [(c, m) for c in sorted(CENTERS) for m in ("2026-09", "2026-10")]
    page = BeautifulSoup((out / "group-2026-10.html").read_text(encoding="utf-8"), "html.parser")
    assert not page.find_all("script") and "http" not in str(page.find("body"))
    links = {a.text: a["href"] for a in page.select("#centers tbody th a")}
    assert links == {c: f"{c}/2026-10/report/index.html" for c in CENTERS}
    assert all((out / href).is_file() for href in links.values())


def test_revisions_close_and_a_schema_one_ledger_on_postgres(runner, tmp_path, pg_db):
    import sqlalchemy as sa

    from ledger_builders import legacy_ledger
    from ledger_builders import month as ledger_month
    from processor import ledger
    from processor.rulebook import load_rulebook
    from processor.score.annual import annual_appraisal

    legacy_ledger(pg_db)
    engine = ledger.open_ledger(pg_db)
    a = annual_appraisal(engine, 2026, load_rulebook()).set_index("employee_id")
    assert (a.loc["E1", "annual_score"], a.loc["E2", "annual_score"]) == (85.0, 50.0)
    out = tmp_path / "out"
    for folder, args in ((ledger_month(tmp_path / "a", "2026-11", 80), []),
                         (ledger_month(tmp_path / "b", "2026-11", 80, late=15), ["--adjustments-only"])):
        r = runner.invoke(main, ["run", str(folder), "--out", str(out), "--db", pg_db, "-q", "--lang", "en", *args])
        assert r.exit_code == 0, r.output
        if not args:
            closed = ledger.closed_figures(engine, "2026-11")
            assert closed is None
            assert runner.invoke(main, ["close", "2026-11", "--db", pg_db, "--lang", "en"]).exit_code == 0
            closed = ledger.closed_figures(engine, "2026-11")
    assert ledger.closed_figures(engine, "2026-11").equals(closed)
    revs = ledger.revisions(engine, "2026-11")
    assert revs[["closed", "current", "fines_total"]].values.tolist() == [[True, False, 0.0], [False, True, 15.0]]
    assert (out / "2026-11" / "payroll-2026-11.csv").read_text(encoding="utf-8-sig").splitlines()[1:] == [
        "002,李四,客户服务部,一组,15.00,0,good,1,,"]  # --adjustments-only: the difference only
    with engine.connect() as conn:
        assert conn.scalar(sa.text("select count(*) from runs")) == 3  # the old name, now a view


def test_a_foreign_table_of_our_name_is_never_touched_on_postgres(runner, pg_db):
    import sqlalchemy as sa

    engine = sa.create_engine(pg_db)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE ledger_months (id serial primary key, note text)"))
    r = runner.invoke(main, ["history", "2026-10", "--db", pg_db, "--lang", "en"])
    assert r.exit_code == 6 and "is not an opscore ledger" in r.output
    assert sa.inspect(engine).get_table_names() == ["ledger_months"]


def test_eight_processes_open_a_fresh_ledger_at_once(pg_db):
    import sqlalchemy as sa

    from ledger_builders import open_at_once

    assert [code for code, _ in open_at_once(pg_db)] == [0] * 8
    with sa.create_engine(pg_db).connect() as conn:
        assert conn.execute(sa.text("select value from ledger_info")).fetchall() == [("2",)]
