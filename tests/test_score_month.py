"""score_month as a whole: Summary shape, ORG-SPAN, Teams, APR-DUE and the findings it passes on."""
from __future__ import annotations

from datetime import date

import pandas as pd

from _score_data import month, person, rating, results
from processor.model import FINDING_COLUMNS, SUMMARY_COLUMNS, Target
from processor.rulebook import load_rulebook
from processor.score import SUMMARY_EXTRA_COLUMNS, due_date, score_month

RB = load_rulebook()


def roster() -> list[dict]:
    """T1: 13 agents, a 班长 and a 项目督导 (span 13, fine); T2: 10 agents and one 实习生
    (a role the ranks do not list: staff) with a 班长 (span 11); T3: 15 agents (span 15)."""
    people = [person(f"A{i:02d}", team="T1") for i in range(13)]
    people += [person("L1", team="T1", role="班长"), person("S1", team="T1", role="项目督导")]
    people += [person(f"B{i:02d}", team="T2") for i in range(10)]
    people += [person("B10", team="T2", role="实习生"), person("L2", team="T2", role="班长")]
    people += [person(f"C{i:02d}", team="T3", dept="运营管理部", role="运营专员") for i in range(15)]
    return people


def scored_month(run_date: date | None = None):
    people = roster()
    ratings = [rating(p["employee_id"], 100, 100, 100) for p in people if p["team"] != "T3"]
    ratings += [rating("C00", 50, 50, 50)]
    res = results(people, A00={"absence_days": 2, "fines_total": 200.0}, A01={"fines_total": 3.0, "points": -5.0})
    res.findings = pd.DataFrame([
        {"employee_id": "A00", "team": "T1", "date": pd.Timestamp("2026-10-02"), "rule_id": "ATT-ABSENCE",
         "citation": RB.citation("ATT-ABSENCE"), "evidence": "旷工", "fine": 100.0, "points": 0.0},
        {"employee_id": None, "team": "T2", "date": pd.Timestamp("2026-10-03"), "rule_id": "LV-COVERAGE",
         "citation": RB.citation("LV-COVERAGE"), "evidence": "无人在岗", "fine": 0.0, "points": 0.0},
    ])
    return score_month(month(roster=people, ratings=ratings), res, RB, run_date=run_date)


def test_summary_has_the_stable_keys_first_one_row_per_employee() -> None:
    scored = scored_month()
    assert list(scored.summary.columns[:len(SUMMARY_COLUMNS)]) == SUMMARY_COLUMNS
    unweighed = ("complaint_handling_score", "callback_score")  # no default profile weighs them
    assert list(scored.summary.columns[len(SUMMARY_COLUMNS):]) == [c for c in SUMMARY_EXTRA_COLUMNS
                                                                    if c not in unweighed]
    assert scored.summary["employee_id"].tolist() == [p["employee_id"] for p in roster()]
    assert scored.targets["satisfaction_rate"] == Target("KPI-SAT", 0.9)
    assert scored.targets["resolution_rate"] == Target("KPI-RES", 0.95)
    assert scored.targets["complaints_per_100"] == Target("KPI-AGAINST", 0.5, ceiling=True)
    assert scored.components == ("satisfaction_score", "response_score", "resolution_score", "fcr_score",
                                 "qa_score", "rating", "indicator_score", "attendance_score")


def test_org_span() -> None:
    scored = scored_month()
    span = scored.findings[scored.findings["rule_id"] == "ORG-SPAN"]
    assert span["team"].tolist() == ["T2", "T3"]
    assert span["employee_id"].isna().all()
    assert "11" in span["evidence"].iloc[0] and "15" in span["evidence"].iloc[1]
    teams = scored.teams.set_index("team")
    assert teams["staff_count"].tolist() == [13, 11, 15]
    assert teams.loc["T1", "findings"] == "" and "12–14" in teams.loc["T2", "findings"]


def test_teams_sheet() -> None:
    """T1: 15 people, everyone 100 on rating and attendance except A00 (2 absence days:
    attendance 80, total (15×100 + 15×80)/30 = 90) and A01 (−5 points: 95)."""
    t = scored_month().teams.set_index("team")
    assert t.loc["T1", "department"] == "客户服务部"
    assert (t.loc["T1", "headcount"], t.loc["T1", "appraised"], t.loc["T1", "not_appraised"]) == (15, 15, 0)
    assert t.loc["T1", "mean_score"] == (13 * 100 + 90 + 95) / 15
    assert (t.loc["T1", "excellent"], t.loc["T1", "good"]) == (15, 0)
    assert (t.loc["T1", "fines_total"], t.loc["T1", "points"], t.loc["T1", "absence_days"]) == (203.0, -5.0, 2)
    # T3: C00 rated 50 → (30×50 + 15×100)/45 = 66.67 pass; the 14 others have nothing but attendance
    assert (t.loc["T3", "appraised"], t.loc["T3", "not_appraised"], t.loc["T3", "pass"]) == (1, 14, 1)


def test_findings_keep_the_rules_rows_first() -> None:
    f = scored_month().findings
    assert list(f.columns) == FINDING_COLUMNS
    assert f["rule_id"].tolist()[:2] == ["ATT-ABSENCE", "LV-COVERAGE"]
    assert f["fine"].sum() == 100.0  # scoring adds reasons, never money


def test_due_date_and_late_run() -> None:
    assert due_date("2026-10", RB) == date(2026, 11, 10)
    assert due_date("2026-12", RB) == date(2027, 1, 10)
    assert scored_month(run_date=date(2026, 11, 10)).run_late is False
    late = scored_month(run_date=date(2026, 11, 11))
    assert late.due_date == date(2026, 11, 10) and late.run_late is True


def test_teams_in_roster_order() -> None:
    people = [person("Z1", team="乙组"), person("A1", team="甲组", dept="运营管理部"), person("Z2", team="乙组")]
    teams = score_month(month(roster=people), results(people), RB).teams
    assert teams["team"].tolist() == ["乙组", "甲组"]
    assert teams["department"].tolist() == ["客户服务部", "运营管理部"]
    assert teams["not_appraised"].tolist() == [2, 1]
