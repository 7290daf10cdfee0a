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


def test_two_months_rerun_and_annual_on_postgres(runner, tmp_path, pg_url):
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
