"""APR-COACH (coaching → escalation across months) and APR-COMMEND (top 10%, ties, departments)."""
from __future__ import annotations

import pandas as pd

from _score_data import month, person, qa_rows, rating, results
from processor.rulebook import load_rulebook
from processor.score import score_month
from processor.score.actions import commendations
from processor.words import speaking

RB = load_rulebook()


def ops_month(name: str, people: dict[str, float], qa: dict[str, float] | None = None):
    """Operations staff scoring 100 on everything, less the given points; optional QA scores."""
    roster = [person(e, dept="运营管理部") for e in people]
    m = month(name, roster=roster, ratings=[rating(e, 100, 100, 100) for e in people],
              indicators=[{"employee_id": e, "indicator": "准确率", "target": 1.0, "actual": 1.0, "weight": 1.0}
                          for e in people],
              qa=[r for e, s in (qa or {}).items() for r in qa_rows(e, s)])
    return m, results(roster, **{e: {"points": p} for e, p in people.items()})


def history(*rows: tuple[str, str, bool]) -> pd.DataFrame:
    return pd.DataFrame([{"month": m, "employee_id": e, "grade": "fail" if c else "good",
                          "qa_score": float("nan"), "coaching": c} for m, e, c in rows])


def actions_of(scored) -> dict[str, str]:
    return dict(zip(scored.actions["employee_id"], scored.actions["action"]))


def test_coaching_and_escalation() -> None:
    """E1 fails now and was coached last month: 2 consecutive → escalation. E2's QA is below 60
    now and was coached in March and June: 3 in the year → escalation. E3 fails now, coached in
    August only: coaching. E4 is fine now: nothing, whatever the past."""
    m, res = ops_month("2026-10", {"E1": -50.0, "E2": -15.0, "E3": -50.0, "E4": -15.0}, qa={"E2": 55.0})
    past = history(("2026-09", "E1", True), ("2026-03", "E2", True), ("2026-06", "E2", True),
                   ("2026-08", "E3", True), ("2026-09", "E4", True), ("2026-08", "E1", False))
    scored = score_month(m, res, RB, history=past)
    assert actions_of(scored) == {"E1": "escalation", "E2": "escalation", "E3": "coaching"}
    s = scored.summary.set_index("employee_id")
    assert s["coaching"].tolist() == [True, True, True, False]  # recorded for next month's run
    assert s.loc["E1", "flags"] == "escalation" and s.loc["E3", "flags"] == "coaching"
    reasons = scored.actions.set_index("employee_id")["reason"]
    assert reasons.to_dict() == {"E1": "不合格;连续或累计辅导月份 2026-09, 2026-10",
                                 "E2": "质检 55.00 分低于 60;连续或累计辅导月份 2026-03, 2026-06, 2026-10",
                                 "E3": "不合格"}
    found = scored.findings[scored.findings["rule_id"] == "APR-COACH"]
    assert sorted(found["employee_id"]) == ["E1", "E2", "E3"]


def test_action_reasons_in_english() -> None:
    """An English run's reasons and APR-COACH evidence are English sentences, nothing Chinese."""
    m, res = ops_month("2026-10", {"E1": -50.0, "E2": -15.0, "E3": -50.0}, qa={"E2": 55.0})
    past = history(("2026-09", "E1", True), ("2026-03", "E2", True), ("2026-06", "E2", True))
    with speaking("en"):
        scored = score_month(m, res, RB, history=past)
    assert scored.actions.set_index("employee_id")["reason"].to_dict() == {
        "E1": "fail; coached in 2026-09, 2026-10", "E2": "QA 55.00, below 60; coached in 2026-03, 2026-06, 2026-10",
        "E3": "fail"}
    # the months each escalation counts, handed to the writers as data (no reason text re-read)
    assert scored.escalated == {"E1": ("2026-09", "2026-10"), "E2": ("2026-03", "2026-06", "2026-10")}
    found = scored.findings[scored.findings["rule_id"] == "APR-COACH"].set_index("employee_id")["evidence"]
    assert found.to_dict() == {"E1": "escalation: fail; coached in 2026-09, 2026-10",
                               "E2": "escalation: QA 55.00, below 60; coached in 2026-03, 2026-06, 2026-10",
                               "E3": "coaching: fail"}


def test_escalation_across_the_new_year() -> None:
    m, res = ops_month("2027-01", {"E1": -50.0})
    scored = score_month(m, res, RB, history=history(("2026-12", "E1", True)))
    assert actions_of(scored) == {"E1": "escalation"}


def test_two_runs_in_a_row_escalate() -> None:
    """The first month lists E1 for coaching; fed back as history, the next month escalates."""
    m9, res9 = ops_month("2026-09", {"E1": -15.0}, qa={"E1": 50.0})
    first = score_month(m9, res9, RB)
    assert actions_of(first) == {"E1": "coaching"}
    past = first.summary[["employee_id", "grade", "qa_score", "coaching"]].assign(month="2026-09")
    m10, res10 = ops_month("2026-10", {"E1": -45.0})
    assert actions_of(score_month(m10, res10, RB, history=past)) == {"E1": "escalation"}


def test_history_without_coaching_column_is_derived() -> None:
    m, res = ops_month("2026-10", {"E1": -50.0})
    past = pd.DataFrame([{"month": "2026-09", "employee_id": "E1", "grade": "pass", "qa_score": 59.0}])
    assert actions_of(score_month(m, res, RB, history=past)) == {"E1": "escalation"}


def excellent(*rows: tuple[str, str, float], grade: str = "excellent") -> pd.DataFrame:
    return pd.DataFrame([{"employee_id": e, "department": d, "grade": grade, "total_score": t}
                         for e, d, t in rows])


def chosen(frame: pd.DataFrame) -> list[str]:
    return frame.loc[commendations(frame, RB), "employee_id"].tolist()


def test_commendation_top_share_and_department() -> None:
    """11 excellent → ceil(1.1) = 2: A99 and A98; department B has an excellent but no one in
    the top: its best, B91, is added."""
    frame = excellent(*[(f"A{t}", "A", float(t)) for t in range(99, 89, -1)], ("B91", "B", 91.0))
    assert chosen(frame) == ["A99", "A98", "B91"]


def test_commendation_ties_at_the_cut() -> None:
    """10 excellent → 1, but two share the top score: both."""
    frame = excellent(("A1", "A", 99.0), ("A2", "A", 99.0), *[(f"A{i}", "A", 90.0 + i / 10) for i in range(3, 11)])
    assert chosen(frame) == ["A1", "A2"]


def test_commendation_share_is_exact() -> None:
    """30 excellent → 0.1 × 30 = 3 exactly (3.0000000000000004 in floats would give 4)."""
    frame = excellent(*[(f"E{i:02d}", "A", 90.0 + i / 10) for i in range(30)])
    assert chosen(frame) == ["E27", "E28", "E29"]


def test_no_commendation_without_excellent() -> None:
    frame = pd.concat([excellent(("A1", "A", 89.0), grade="good"), excellent(("A2", "A", 95.0), grade="fail")])
    assert chosen(frame.reset_index(drop=True)) == []


def test_commendation_actions_and_findings() -> None:
    m, res = ops_month("2026-10", {"E1": 0.0, "E2": -5.0, "E3": -30.0})
    scored = score_month(m, res, RB)
    assert actions_of(scored) == {"E1": "commendation"}  # 2 excellent → ceil(0.2) = 1
    f = scored.findings[scored.findings["rule_id"] == "APR-COMMEND"]
    assert f["employee_id"].tolist() == ["E1"] and f["citation"].iloc[0] == RB.citation("APR-COMMEND")
    assert scored.summary.set_index("employee_id").loc["E1", "flags"] == "commendation"
