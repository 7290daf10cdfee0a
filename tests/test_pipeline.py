"""`opscore run` end to end on hand-made months, the ledger across months, and `opscore annual`."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import openpyxl

from cli import main
from workbooks import ATT_HEADER, ROSTER, ROSTER_HEADER, xlsx

RATING_H = ["工号", "工作态度", "专业能力", "团队协作"]


def month(folder: Path, ym: str, rating: int) -> Path:
    """Three people, one worked day each (in 15 minutes early: no late, prep on time), one rating each.

    Everyone has only two components (rating, attendance 100). Customer service (001, 002):
    weights 15 + 15 rescaled, total (rating + 100) / 2. Operations (003): rating 30, attendance
    15, total (30 × rating + 15 × 100) / 45.
    """
    y, m = map(int, ym.split("-"))
    d = dt.date(y, m, 8)
    att = [["001", d, "早班", "08:30", "17:30", "08:15", "17:31"],
           ["002", d, "早班", "08:30", "17:30", "08:10", "17:40"],
           ["003", d, "白班", "09:00", "18:00", "08:45", "18:01"]]
    ratings = [[e, rating, rating, rating] for e in ("001", "002", "003")]
    xlsx(folder / ym / "m.xlsx", {"名册": [ROSTER_HEADER, *ROSTER], "考勤": [ATT_HEADER, *att], "考评": [RATING_H, *ratings]})
    return folder / ym


def totals(out: Path, ym: str) -> dict[str, float]:
    ws = openpyxl.load_workbook(out / ym / f"scored-{ym}.xlsx", read_only=True)["Summary"]
    rows = list(ws.iter_rows(values_only=True))
    i, t = rows[0].index("employee_id"), rows[0].index("total_score")
    return {r[i]: r[t] for r in rows[1:] if r[i] and r[rows[0].index("department")]}


def test_two_months_a_rerun_and_the_annual(runner, tmp_path):
    out = tmp_path / "out"
    for ym, rating in (("2026-09", 80), ("2026-10", 90)):
        r = runner.invoke(main, ["run", str(month(tmp_path / "in", ym, rating)), "--out", str(out), "--lang", "en", "-q"])
        assert r.exit_code == 0, r.output
    assert totals(out, "2026-10")["001"] == 95.0 and totals(out, "2026-09")["001"] == 90.0
    # the October re-run with other ratings replaces October, and only October
    r = runner.invoke(main, ["run", str(month(tmp_path / "in2", "2026-10", 70)), "--out", str(out), "--lang", "en", "-q"])
    assert r.exit_code == 0, r.output
    db = sqlite3.connect(out / "opscore.db")
    rows = db.execute("select month, employee_id, total_score from monthly_results order by month, employee_id").fetchall()
    assert rows == [("2026-09", "001", 90.0), ("2026-09", "002", 90.0), ("2026-09", "003", 86.67),  # 3900/45
                    ("2026-10", "001", 85.0), ("2026-10", "002", 85.0), ("2026-10", "003", 80.0)]  # 3600/45
    assert db.execute("select count(*) from runs").fetchone() == (2,)
    r = runner.invoke(main, ["annual", "2026", "--out", str(out), "--lang", "en"])
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(out / "annual-2026.xlsx", read_only=True).worksheets[0]
    got = list(ws.iter_rows(values_only=True))
    head = got[0]
    by_id = {row[head.index("employee_id")]: row for row in got[1:]}
    assert by_id["001"][head.index("annual_score")] == 87.5  # (90 + 85) / 2
    assert by_id["001"][head.index("grade")] == "good"
    assert by_id["003"][head.index("annual_score")] == 83.34  # (86.67 + 80) / 2 = 83.335, half-up
    page = (out / "annual-2026.html").read_text(encoding="utf-8")
    assert page.count(">87.50<") == 2 and page.count(">83.34<") == 1  # 001 and 002; 003


def test_run_with_input_errors_writes_nothing_and_keeps_earlier_outputs(runner, tmp_path):
    out = tmp_path / "out"
    good = month(tmp_path / "in", "2026-10", 90)
    assert runner.invoke(main, ["run", str(good), "--out", str(out), "-q"]).exit_code == 0
    before = (out / "2026-10" / "scored-2026-10.xlsx").read_bytes()
    bad = month(tmp_path / "bad", "2026-10", 120)
    r = runner.invoke(main, ["run", str(bad), "--out", str(out), "-q"])
    assert r.exit_code == 1 and "“120” 值无法识别" in r.output and "Traceback" not in r.output
    assert (out / "2026-10" / "scored-2026-10.xlsx").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [".opscore-output", "2026-10", "opscore.db"]


def test_annual_without_ledger_is_a_usage_error(runner, tmp_path):
    r = runner.invoke(main, ["annual", "2026", "--out", str(tmp_path)])
    assert r.exit_code == 2 and "opscore run" in r.output
