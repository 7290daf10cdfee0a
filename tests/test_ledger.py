"""The ledger (SQLite in tmp_path) and the annual appraisal read from it."""
from __future__ import annotations

import math
from datetime import datetime

import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa

from _score_data import month, person, rating, results
from processor import ledger
from processor.ledger import tables
from processor.rulebook import load_rulebook
from processor.score import score_month
from processor.score.annual import annual_appraisal, monthly_scores
from processor.write.annual_xlsx import write_annual

RB = load_rulebook()
FORMULA = "=1+1"


def summary(name: str, points: dict[str, float], rated: tuple[str, ...]) -> pd.DataFrame:
    """Operations staff: 100 on rating and attendance when ``rated``, less ``points``;
    an unrated employee has only attendance and is not appraised."""
    roster = [person(e, dept="运营管理部", name=FORMULA if e == "E3" else "") for e in points]
    m = month(name, roster=roster, ratings=[rating(e, 100, 100, 100) for e in rated])
    return score_month(m, results(roster, **{e: {"points": p} for e, p in points.items()}), RB).summary


def run(at: str) -> dict:
    return {"run_at": at, "version": "0.1.0", "rulebook_sha256": RB.sha256,
            "inputs": {"2026-09/考勤.xlsx": "ab" * 32}, "lang": "zh"}


def rows(engine: sa.Engine, month: str) -> list[dict]:
    q = tables.current(ledger.DEFAULT_CENTER).subquery()
    with engine.connect() as conn:
        found = conn.execute(sa.select(q).where(q.c.month == month).order_by(q.c.employee_id))
        return [dict(x) for x in found.mappings()]


@pytest.fixture
def engine(tmp_path):
    eng = ledger.open_ledger(f"sqlite:///{tmp_path / 'out' / 'opscore.db'}")
    # September: E1 −19.99 → 80.01, E2 not appraised, E3 −40 → 60; October: E1 90, E2 −50 → 50, E3 −30 → 70
    ledger.record_month(eng, "2026-09", summary("2026-09", {"E1": -19.99, "E2": 0.0, "E3": -40.0}, ("E1", "E3")),
                        run("2026-10-05T09:00:00"))
    ledger.record_month(eng, "2026-10", summary("2026-10", {"E1": -10.0, "E2": -50.0, "E3": -30.0}, ("E1", "E2", "E3")),
                        run("2026-11-05T09:00:00"))
    return eng


def test_each_month_once_with_nan_as_null(engine) -> None:
    sep = rows(engine, "2026-09")
    assert [(r["employee_id"], r["total_score"], r["grade"]) for r in sep] == [
        ("E1", 80.01, "good"), ("E2", None, None), ("E3", 60.0, "pass")]
    assert sep[1]["bonus_coefficient"] is None and sep[1]["flags"] == "not_appraised"
    assert sep[0]["rating"] == 100.0 and sep[0]["deemed_resignation_date"] is None
    assert sep[2]["name"] == FORMULA
    assert ledger.months(engine, 2026) == ["2026-09", "2026-10"]


def test_rerun_makes_a_new_current_revision_of_that_month_only(engine) -> None:
    october = rows(engine, "2026-10")
    ledger.record_month(engine, "2026-09", summary("2026-09", {"E1": -5.0, "E3": -40.0}, ("E1", "E3")),
                        run("2026-10-06T10:30:00"))
    assert [(r["employee_id"], r["total_score"]) for r in rows(engine, "2026-09")] == [("E1", 95.0), ("E3", 60.0)]
    assert rows(engine, "2026-10") == october
    revs = ledger.revisions(engine, "2026-09")
    assert revs["revision"].tolist() == [1, 2] and revs["current"].tolist() == [False, True]
    assert revs["run_at"].tolist() == [datetime(2026, 10, 5, 9), datetime(2026, 10, 6, 10, 30)]
    assert revs["employees"].tolist() == [3, 2] and revs["graded"].tolist() == [2, 2]
    assert revs["points"].tolist() == [-59.99, -45.0] and revs["closed"].tolist() == [False, False]
    with engine.connect() as conn:
        inputs = conn.scalars(sa.select(tables.revisions.c.inputs).order_by(tables.revisions.c.revision_id)).all()
    assert inputs[-1] == {"2026-09/考勤.xlsx": "ab" * 32}
    assert ledger.months(engine, 2026) == ["2026-09", "2026-10"]


def test_failed_rerun_leaves_the_month_as_it_was(engine) -> None:
    before = rows(engine, "2026-09")
    twice = summary("2026-09", {"E1": 0.0}, ("E1",))
    with pytest.raises(sa.exc.IntegrityError):
        ledger.record_month(engine, "2026-09", pd.concat([twice, twice]), run("2026-10-07T00:00:00"))
    assert rows(engine, "2026-09") == before


def test_history_and_trend(engine) -> None:
    h = ledger.history(engine, "2026-10")
    assert h["month"].unique().tolist() == ["2026-09"]
    assert list(h.columns) == ["month", "employee_id", "grade", "qa_score", "coaching"]
    assert h.set_index("employee_id")["coaching"].tolist() == [False, False, False]
    assert ledger.history(engine, "2026-11", year=2025).empty
    t = ledger.trend(engine, "2026-10")
    assert t["month"].tolist() == ["2026-09", "2026-10"]
    assert t["employees"].tolist() == [3, 3]
    assert t["mean_score"].tolist() == pytest.approx([(80.01 + 60) / 2, (90 + 50 + 70) / 3])
    assert t[["excellent", "good", "pass", "fail"]].values.tolist() == [[0, 1, 1, 0], [1, 0, 1, 1]]


def test_trend_with_this_month_not_yet_recorded(engine) -> None:
    nov = summary("2026-11", {"E1": 0.0}, ("E1",))
    t = ledger.trend(engine, "2026-11", current=nov)
    assert t["month"].tolist() == ["2026-09", "2026-10", "2026-11"]
    assert t.iloc[-1][["employees", "mean_score", "excellent"]].tolist() == [1, 100.0, 1]


def test_october_coaching_is_recorded(engine) -> None:
    assert [r["coaching"] for r in rows(engine, "2026-10")] == [False, True, False]  # E2 failed


def test_annual_appraisal(engine) -> None:
    """E1: (80.01 + 90)/2 = 85.005 → 85.01 good. E2: not appraised in September, so October
    alone: 50 → fail. E3: (60 + 70)/2 = 65 → pass."""
    a = annual_appraisal(engine, 2026, RB).set_index("employee_id")
    assert a.loc["E1", "annual_score"] == 85.01 and a.loc["E1", "grade"] == "good"
    assert a.loc["E1", "bonus_coefficient"] == 1.0
    assert a.loc["E2", "appraised_months"] == ["2026-10"] and a.loc["E2", "missing_months"] == ["2026-09"]
    assert (a.loc["E2", "annual_score"], a.loc["E2", "grade"]) == (50.0, "fail")
    assert (a.loc["E3", "appraised_count"], a.loc["E3", "annual_score"], a.loc["E3", "grade"]) == (2, 65.0, "pass")
    assert a.loc["E1", "no_run_months"] == [f"2026-{m:02d}" for m in range(1, 9)] + ["2026-11", "2026-12"]
    assert annual_appraisal(engine, 2025, RB).empty


def test_monthly_scores_table(engine) -> None:
    m = monthly_scores(engine, 2026).set_index("employee_id")
    assert list(m.columns) == ["name", "2026-09", "2026-10"]
    assert m.loc["E1", "2026-09"] == 80.01 and math.isnan(m.loc["E2", "2026-09"])


@pytest.mark.parametrize("lang, sheets, header", [("zh", ["年度考核", "月度得分"], "工号"),
                                                  ("en", ["Annual", "Monthly"], "employee_id")])
def test_annual_workbook(engine, tmp_path, lang, sheets, header) -> None:
    path = write_annual(tmp_path / "annual" / "annual-2026.xlsx", annual_appraisal(engine, 2026, RB),
                        monthly_scores(engine, 2026), lang)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == sheets
    ws = book[sheets[0]]
    assert ws.freeze_panes == "C2" and ws["A1"].value == header  # header, id and name frozen
    values = {ws.cell(r, 1).value: [c.value for c in ws[r]] for r in range(2, ws.max_row + 1)}
    assert values["E3"][1] == FORMULA and ws.cell(4, 2).data_type == "s"  # text, never a formula
    assert values["E1"][10] == 85.01  # after failed_months and vetoed_months
    assert ws.cell(1, 11).value == ("年度得分" if lang == "zh" else "annual_score")
    assert values["E1"][11] == ("良好" if lang == "zh" else "good")
    assert values["E2"][8] == "2026-09"
    assert not list(path.parent.glob(".*tmp*"))


def test_schema_and_queries_compile_for_postgresql() -> None:
    """Only portable Core constructs: the DDL and the trend query compile for PostgreSQL too."""
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateTable

    dialect = postgresql.dialect()
    ddl = str(CreateTable(tables.results).compile(dialect=dialect))
    assert "PRIMARY KEY (revision_id, employee_id)" in ddl and "total_score FLOAT" in ddl
    assert "PRIMARY KEY (center, month)" in str(CreateTable(tables.months).compile(dialect=dialect))
    assert "JSON" in str(CreateTable(tables.revisions).compile(dialect=dialect))
    r = tables.results.c
    query = sa.select(sa.cast(sa.func.sum(sa.case((r.grade == "fail", 1), else_=0)), sa.Integer))
    assert "CASE WHEN" in str(query.compile(dialect=dialect))
