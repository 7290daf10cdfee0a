"""The monthly appraisal (APR-KPI … APR-VETO): exact components, totals, grades and flags.

Each test's arithmetic is written out beside it, so a reviewer can redo it on paper.
"""
from __future__ import annotations

import math

import pandas as pd
import pytest

from _score_data import month, person, qa_rows, rating, results, ticket
from processor.rulebook import load_rulebook
from processor.score import score_month
from processor.score.appraisal import grades, round_half_up
from processor.score.components import attendance_scores, indicator_rows, kpi_score

RB = load_rulebook()


def kpi_tickets(agent: str, n: int, satisfied: int, resolved: int, fcr: int) -> list[dict]:
    """``n`` phone tickets answered in 5 s, all surveyed: ``satisfied`` rated 5 (the rest 2),
    ``resolved`` resolved in the month, ``fcr`` marked first-contact resolved."""
    return [ticket(agent, i, satisfaction=5.0 if i < satisfied else 2.0,
                   resolved_at=pd.Timestamp("2026-10-06") if i < resolved else pd.NaT,
                   first_contact_resolved=i < fcr) for i in range(n)]


def row(scored, eid: str) -> pd.Series:
    return scored.summary.set_index("employee_id").loc[eid]


# --------------------------------------------------------------------------- pieces

def test_kpi_linear_score() -> None:
    rate = pd.Series([5 / 7, 0.90, 0.95, 0.60, 0.50, float("nan")])
    got = kpi_score(rate, 0.90, 0.30)
    assert got[0] == pytest.approx((5 / 7 - 0.60) / 0.30 * 100, abs=1e-12)  # 38.0952…
    assert round_half_up(got[0]) == 38.10
    assert got[1] == 100.0 and got[2] == 100.0  # at and above target: exactly 100
    assert got[3] == 0.0 and got[4] == 0.0  # at and below the floor
    assert math.isnan(got[5])  # no data stays no data


@pytest.mark.parametrize("value, expected", [
    (59.995, 60.00), (59.994999999999997, 60.00), (59.994, 59.99), (2.675, 2.68), (1.005, 1.01),
    (89.99, 89.99), (100.0, 100.0), (0.0, 0.0),
])
def test_round_half_up_like_excel(value: float, expected: float) -> None:
    assert round_half_up(value) == expected


def test_round_half_up_keeps_no_data() -> None:
    assert math.isnan(round_half_up(float("nan")))


def test_grade_bands_on_the_rounded_total() -> None:
    total = pd.Series([90.00, 89.99, 80.00, 79.99, 60.00, 59.99, float("nan")])
    grade, coef = grades(total, RB)
    assert grade.tolist() == ["excellent", "good", "good", "pass", "pass", "fail", None]
    assert coef.tolist()[:6] == [1.2, 1.0, 1.0, 0.8, 0.8, 0.0] and math.isnan(coef.iloc[6])


def test_attendance_component() -> None:
    emp = pd.DataFrame({
        "late_count": [2, 0, 40], "early_count": [1, 0, 0], "excused_count": [1, 0, 0],
        "absence_days": [1, 0, 3], "missing_punches": [2, 0, 0], "prep_rate": [0.85, float("nan"), 1.0],
    })
    # 100 − 2×(2+1) − 10×1 − 1×2 − 5 (prep 85% < 90%) = 77; the excused one is inside late_count
    # no worked shift: no prep penalty → 100; 100 − 2×40 − 10×3 < 0 → floor 0
    assert attendance_scores(emp, RB).tolist() == [77.0, 100.0, 0.0]


# --------------------------------------------------------------------------- whole employees

ROSTER = [
    person("C1"), person("O1", dept="运营管理部", team="OPS", role="运营专员"),
    person("T1", dept="技术支持部", team="OPS", role="技术支持"),
    person("X1", dept="质检部", team="QA", role="质检专员"), person("N1"),
]
INDICATORS = [
    {"employee_id": "O1", "indicator": "业务流程执行准确率", "target": 0.95, "actual": 0.76, "weight": 50.0,
     "direction": "higher"},
    {"employee_id": "O1", "indicator": "费用节约率", "target": 0.10, "actual": 0.12, "weight": 30.0, "direction": "higher"},
    {"employee_id": "O1", "indicator": "系统故障率", "target": 0.02, "actual": 0.04, "weight": 20.0, "direction": "lower"},
    {"employee_id": "T1", "indicator": "系统故障率", "target": 0.02, "actual": 0.0, "weight": 1.0, "direction": "lower"},
    {"employee_id": "T1", "indicator": "技术问题解决及时率", "target": 0.9, "actual": 0.9, "weight": 3.0, "direction": "higher"},
]


@pytest.fixture(scope="module")
def scored():
    m = month(roster=ROSTER, tickets=kpi_tickets("C1", 7, satisfied=5, resolved=6, fcr=5),
              qa=qa_rows("C1", 90, 80, 85, 95) + qa_rows("X1", 60, 70, 80, 90),
              ratings=[rating("C1", 90, 80, 70), rating("O1", 70, 80, 90), rating("T1", 100, 100, 100)],
              indicators=INDICATORS)
    res = results(ROSTER, C1={"late_count": 1, "early_count": 1, "excused_count": 1, "missing_punches": 1,
                              "prep_rate": 0.95, "points": -5.0},
                  O1={"absence_days": 1, "prep_rate": float("nan")}, T1={"points": 2.0})
    return score_month(m, res, RB)


def test_customer_service_profile(scored) -> None:
    """C1: satisfaction 5/7 → (5/7 − 0.60)/0.30×100 = 800/21 = 38.0952;
    response 7/7 → 100; resolution 6/7 → (6/7 − 0.65)/0.30×100 = 1450/21 = 69.0476;
    first contact 5/7 → (5/7 − 0.50)/0.30×100 = 1500/21 = 71.4286; QA (90+80+85+95)/4 = 87.5;
    rating (90+80+70)/3 = 80; attendance 100 − 2×(1+1) − 1×1 = 95 (prep 95% ≥ 90%).
    Weighted: (20×800/21 + 10×100 + 10×1450/21 + 10×1500/21 + 20×87.5 + 15×80 + 15×95)/100
    = (45500/21 + 5375)/100 = 75.41667; points −5 → 70.41667 → 70.42, pass, 0.8."""
    c = row(scored, "C1")
    assert c["profile"] == "customer_service"
    assert c["satisfaction_score"] == pytest.approx(800 / 21, abs=1e-9)
    assert c["response_score"] == 100.0
    assert c["resolution_score"] == pytest.approx(1450 / 21, abs=1e-9)
    assert c["fcr_score"] == pytest.approx(1500 / 21, abs=1e-9)
    assert (c["qa_score"], c["rating"], c["attendance_score"]) == (87.5, 80.0, 95.0)
    assert c["weighted_score"] == pytest.approx(45500 / 21 / 100 + 53.75, abs=1e-9)
    assert (c["total_score"], c["grade"], c["bonus_coefficient"]) == (70.42, "pass", 0.8)
    assert c["flags"] == "missing_punch"  # every weight in use: no "rescaled"


def test_operations_profile(scored) -> None:
    """O1: indicator rows 100×0.76/0.95 = 80 (w 0.5), 100×0.12/0.10 = 120 → capped 100 (w 0.3),
    lower-is-better 100×0.02/0.04 = 50 (w 0.2) → 40 + 30 + 10 = 80; rating 80; attendance
    100 − 10 = 90 (no prep rate, no penalty). 0.55×80 + 0.30×80 + 0.15×90 = 81.5 → good."""
    o = row(scored, "O1")
    assert o["profile"] == "operations"
    assert o["indicator_score"] == pytest.approx(80.0, abs=1e-12)
    assert (o["rating"], o["attendance_score"]) == (80.0, 90.0)
    assert (o["total_score"], o["grade"], o["bonus_coefficient"]) == (81.5, "good", 1.0)
    assert math.isnan(o["satisfaction_score"])  # not weighed by the operations profile
    rows = indicator_rows(month(roster=ROSTER, indicators=INDICATORS).tables["indicators"])
    assert rows.loc[rows["employee_id"] == "O1", "row_score"].tolist() == pytest.approx([80.0, 100.0, 50.0])


def test_technical_support_profile_and_clamp(scored) -> None:
    """T1 (技术支持部 → operations): lower-is-better actual 0 → 100, 0.9/0.9 → 100; weights 1:3
    rescaled; rating 100; attendance 100 → 100; commendation +2 → 102, kept at 100."""
    t = row(scored, "T1")
    assert t["indicator_score"] == 100.0
    assert (t["total_score"], t["grade"], t["bonus_coefficient"]) == (100.0, "excellent", 1.2)


def test_unknown_department_and_rescaled_weights(scored) -> None:
    """X1 (质检部, unmapped → customer_service): only QA 75 and attendance 100 have data:
    (20×75 + 15×100)/35 = 85.714… → 85.71, good."""
    x = row(scored, "X1")
    assert x["profile"] == "customer_service"
    assert x["total_score"] == 85.71 and x["grade"] == "good"
    assert x["flags"] == "rescaled:no_satisfaction,no_response,no_resolution,no_fcr,no_rating"
    assert x["weights_used"] == "qa 57.14%, attendance 42.86%"
    w = scored.weights["X1"]  # the same shares, as numbers, for the employee page's chart
    assert w.used == pytest.approx({"qa_score": 20 / 35, "attendance_score": 15 / 35})
    assert w.profile == pytest.approx({"satisfaction_score": 0.2, "response_score": 0.1, "resolution_score": 0.1,
                                       "fcr_score": 0.1, "qa_score": 0.2, "rating": 0.15, "attendance_score": 0.15})
    assert w.shown(scored.components)[4:] == [("qa_score", pytest.approx(20 / 35)), ("rating", 0.0),
                                              ("attendance_score", pytest.approx(15 / 35))]


def test_not_appraised(scored) -> None:
    n = row(scored, "N1")
    assert math.isnan(n["total_score"]) and n["grade"] is None and math.isnan(n["bonus_coefficient"])
    assert n["flags"] == "not_appraised"
    assert n["attendance_score"] == 100.0  # still shown
    assert n["weights_used"] == "" and scored.weights["N1"].used == {}  # nothing weighed: the profile's shares shown
    assert scored.weights["N1"].shown(scored.components)[-1] == ("attendance_score", pytest.approx(0.15))


@pytest.mark.parametrize("points, total, grade", [
    (-10.0, 90.00, "excellent"), (-10.01, 89.99, "good"), (-40.0, 60.00, "pass"),
    (-40.01, 59.99, "fail"), (-40.005, 60.00, "pass"), (-40.006, 59.99, "fail"),
])
def test_grade_boundaries(points: float, total: float, grade: str) -> None:
    """An operations employee scoring 100 on every component, less ``points``."""
    roster = [person("B1", dept="运营管理部")]
    m = month(roster=roster, ratings=[rating("B1", 100, 100, 100)], indicators=[
        {"employee_id": "B1", "indicator": "准确率", "target": 1.0, "actual": 1.0, "weight": 1.0}])
    b = row(score_month(m, results(roster, B1={"points": points}), RB), "B1")
    assert (b["total_score"], b["grade"]) == (total, grade)


def test_sum_of_weighted_parts_rounds_like_excel() -> None:
    """QA 29.99125 and attendance 100 only: (20×29.99125 + 15×100)/35 = 59.995 → 60.00, pass."""
    roster = [person("R1")]
    m = month(roster=roster, qa=qa_rows("R1", 29.99125))
    r = row(score_month(m, results(roster), RB), "R1")
    assert r["weighted_score"] == pytest.approx(59.995, abs=1e-12)
    assert (r["total_score"], r["grade"]) == (60.0, "pass")


# --------------------------------------------------------------------------- veto

def test_veto() -> None:
    """V1 deemed resigned, V2 confidentiality veto: both fail with coefficient 0, totals shown.
    V3 (operations, no rating, no indicator sheet) is deemed resigned: nothing but attendance,
    so not appraised (empty total, flag kept), yet graded fail × 0 (rules.md APR-SCORE; the
    earlier reading gave a total of 60 from attendance alone)."""
    roster = [person("V1"), person("V2"), person("V3", dept="运营管理部")]
    m = month(roster=roster, qa=qa_rows("V1", 90, 90, 90, 90) + qa_rows("V2", 90, 90, 90, 90))
    res = results(roster, V1={"deemed_resignation_date": pd.Timestamp("2026-10-14"), "absence_days": 4},
                  V2={"veto": "confidentiality 泄露客户资料"},
                  V3={"deemed_resignation_date": pd.Timestamp("2026-10-20"), "absence_days": 4})
    scored = score_month(m, res, RB)
    v1, v2, v3 = (row(scored, e) for e in ("V1", "V2", "V3"))
    # V1: (20×90 + 15×60)/35 = 77.142857 → 77.14
    assert (v1["total_score"], v1["grade"], v1["bonus_coefficient"]) == (77.14, "fail", 0.0)
    assert v1["flags"].split(";")[1:] == ["veto", "deemed_resigned", "coaching"]
    # V2: (20×90 + 15×100)/35 = 94.2857 → 94.29
    assert (v2["total_score"], v2["grade"], v2["bonus_coefficient"]) == (94.29, "fail", 0.0)
    assert pd.isna(v3["total_score"]) and (v3["grade"], v3["bonus_coefficient"]) == ("fail", 0.0)
    assert v3["flags"].split(";")[:3] == ["not_appraised", "veto", "deemed_resigned"]
    veto = scored.findings[scored.findings["rule_id"] == "APR-VETO"].set_index("employee_id")
    assert veto.loc["V1", "date"] == pd.Timestamp("2026-10-14")
    assert "confidentiality" in veto.loc["V2", "evidence"]
    assert veto.loc["V1", "citation"] == "001 客户部管理制度2 · 考勤管理制度 2"
    assert veto.loc["V2", "citation"] == "002 第七条(一)"
    assert veto["fine"].eq(0).all() and veto["points"].eq(0).all()
    acts = scored.actions
    assert acts.loc[acts["action"] == "deemed_resignation", "employee_id"].tolist() == ["V1", "V3"]


# --------------------------------------------------------------------------- a center's own weights

def test_center_profile_weighing_callback(tmp_path) -> None:
    """A center adds callback (10) to customer service. K1: two tickets, every rate 100 except
    callback 1/2 = 50% (below the 60% floor → 0); no QA, no rating:
    (20+10+10+10)×100 + 10×0 + 15×100 over 75 = 6500/75 = 86.667 → 86.67."""
    own = tmp_path / "center.toml"
    own.write_text("[rules.APR-SCORE.profiles.customer_service]\ncallback = 10.0\n", encoding="utf-8")
    rb = load_rulebook(own)
    roster = [person("K1")]
    tickets = [ticket("K1", 1, satisfaction=5.0, callback_at=pd.Timestamp("2026-10-07")),
               ticket("K1", 2, satisfaction=5.0)]
    scored = score_month(month(roster=roster, tickets=tickets), results(roster), rb)
    k = row(scored, "K1")
    assert k["callback_score"] == 0.0
    assert (k["total_score"], k["grade"]) == (86.67, "good")
    assert k["flags"] == "rescaled:no_qa,no_rating;qa_sample_small"
    assert "callback_score" in scored.components


def test_unknown_component_is_refused(tmp_path) -> None:
    from processor.errors import RulebookError

    own = tmp_path / "center.toml"
    own.write_text("[rules.APR-SCORE.profiles.customer_service]\nspeed = 5.0\n", encoding="utf-8")
    roster = [person("K1")]
    with pytest.raises(RulebookError, match="speed"):
        score_month(month(roster=roster), results(roster), load_rulebook(own))
