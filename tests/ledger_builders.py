"""Builders for the ledger tests: small months with chosen figures, opscore in a child process,
a schema-1 ledger written with that release's own DDL, and the Summary of a scored workbook."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import sqlalchemy as sa

from processor.model import SUMMARY_COLUMNS
from workbooks import ATT_HEADER, ROSTER, ROSTER_HEADER, xlsx

ROOT = Path(__file__).resolve().parents[1]
RATING_H = ["工号", "工作态度", "专业能力", "团队协作"]


def month(folder: Path, ym: str, rating: int, late: int = 0, absent: str | None = None) -> Path:
    """Three people on day 8 (as test_pipeline.month): 001 and 002 customer service, 003 operations.

    ``late`` minutes late for 002 (ATT-LATE: 1 yuan a minute); ``absent`` an employee with no
    punch that day (ATT-ABSENT: 100 yuan). Totals: (rating + attendance) / 2 for 001/002,
    (30 × rating + 15 × attendance) / 45 for 003.
    """
    y, m = map(int, ym.split("-"))
    d = dt.date(y, m, 8)
    late_in = (dt.datetime(2000, 1, 1, 8, 30) + dt.timedelta(minutes=late)).time() if late else "08:10"
    att = [["001", d, "早班", "08:30", "17:30", "08:15", "17:31"],
           ["002", d, "早班", "08:30", "17:30", late_in, "17:40"],
           ["003", d, "白班", "09:00", "18:00", "08:45", "18:01"]]
    att = [r if r[0] != absent else [*r[:5], None, None] for r in att]
    ratings = [[e, rating, rating, rating] for e in ("001", "002", "003")]
    xlsx(folder / ym / "m.xlsx", {"名册": [ROSTER_HEADER, *ROSTER], "考勤": [ATT_HEADER, *att], "考评": [RATING_H, *ratings]})
    return folder / ym


def opscore(*args: str) -> subprocess.Popen:
    """``opscore ARGS`` in a child process (the way concurrent runs meet the ledger)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("OPSCORE_TEST_KILL_AT", None)
    return subprocess.Popen([sys.executable, "-c", "from cli import main; main()", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def summary_sheet(path: Path) -> list[dict]:
    """The English Summary sheet of a scored workbook, one dict per employee (no totals row)."""
    ws = openpyxl.load_workbook(path, read_only=True)["Summary"]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:] if r[0] and r[rows[0].index("department")]]


def sheet_rows(path: Path, name: str) -> list[dict]:
    ws = openpyxl.load_workbook(path, read_only=True)[name]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:] if any(v is not None for v in r)]


# schema 1, as opscore 0.1 created it (processor/write/ledger.py of that release)
_V1 = sa.MetaData()
V1_RUNS = sa.Table("runs", _V1, sa.Column("month", sa.String(7), primary_key=True),
                   sa.Column("run_at", sa.DateTime, nullable=False), sa.Column("version", sa.String(32), nullable=False),
                   sa.Column("rulebook_sha256", sa.String(64), nullable=False),
                   sa.Column("inputs", sa.JSON, nullable=False), sa.Column("lang", sa.String(8), nullable=False))
V1_RESULTS = sa.Table(  # every Summary key of that release: text, a date, else a number
    "monthly_results", _V1, sa.Column("month", sa.String(7), sa.ForeignKey("runs.month"), primary_key=True),
    *(sa.Column(k, sa.String(64) if k == "employee_id" else sa.String(), primary_key=k == "employee_id")
      if k in ("employee_id", "name", "department", "team", "role", "grade", "flags")
      else sa.Column(k, sa.Date) if k == "deemed_resignation_date" else sa.Column(k, sa.Float)
      for k in SUMMARY_COLUMNS),
    sa.Column("coaching", sa.Boolean, nullable=False))


def legacy_ledger(url: str) -> None:
    """A schema-1 ledger: September (E1 80, E2 not appraised) and October (E1 90, E2 50, coached)."""
    engine = sa.create_engine(url)
    _V1.create_all(engine)
    base = {"department": "运营管理部", "team": "一组", "qa_score": None, "deemed_resignation_date": None}
    with engine.begin() as conn:
        conn.execute(sa.insert(V1_RUNS), [
            {"month": m, "run_at": dt.datetime(2026, int(m[5:]) + 1, 5, 9), "version": "0.1.0",
             "rulebook_sha256": "ab" * 32, "inputs": {f"{m}/m.xlsx": "cd" * 32}, "lang": "zh"}
            for m in ("2026-09", "2026-10")])
        conn.execute(sa.insert(V1_RESULTS), [
            {**base, "month": "2026-09", "employee_id": "E1", "name": "甲", "total_score": 80.0, "grade": "good",
             "fines_total": 20.0, "points": -2.0, "bonus_coefficient": 1.0, "flags": "", "coaching": False},
            {**base, "month": "2026-09", "employee_id": "E2", "name": "乙", "total_score": None, "grade": None,
             "fines_total": 0.0, "points": 0.0, "bonus_coefficient": None, "flags": "not_appraised", "coaching": False},
            {**base, "month": "2026-10", "employee_id": "E1", "name": "甲", "total_score": 90.0, "grade": "excellent",
             "fines_total": 0.0, "points": 0.0, "bonus_coefficient": 1.2, "flags": "", "coaching": False},
            {**base, "month": "2026-10", "employee_id": "E2", "name": "乙", "total_score": 50.0, "grade": "fail",
             "fines_total": 100.0, "points": -5.0, "bonus_coefficient": 0.0, "flags": "coaching", "coaching": True}])
    engine.dispose()


def open_at_once(url: str, n: int = 8) -> list[tuple[int, str]]:
    """``n`` processes opening the ledger at ``url`` at the same instant: (exit code, stderr) each."""
    import time

    start = time.time() + 4.0  # after every child has imported opscore
    code = ("import sys, time; from processor import ledger; time.sleep(max(0.0, float(sys.argv[1]) - time.time())); "
            "ledger.open_ledger(sys.argv[2])")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", code, str(start), url], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(n)]
    return [(p.wait(timeout=120), p.stderr.read()) for p in procs]
