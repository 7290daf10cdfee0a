"""Discipline incidents: priced from the rulebook, signed by kind, veto recorded."""
from __future__ import annotations

import pandas as pd

from rules_builders import employee, hits, incidents, run


def inc(code: str, amount: float | None = None, points: float | None = None, emp: str = "E1",
        note: str | None = None) -> dict:
    return {"employee_id": emp, "date": "2026-10-05", "code": code, "amount": amount, "points": points,
            "note": note}


def test_blank_amount_takes_the_rulebook_default():
    r = run(incidents=incidents(inc("desk_5s"), inc("desk_5s", note="桌面乱七八糟")))
    f = hits(r, "desk_5s", "E1")
    assert f["fine"].tolist() == [10.0, 10.0] and f["points"].tolist() == [0.0, 0.0]
    assert f.loc[0, "citation"].startswith("001 客户运营中心管理制度 1")
    assert employee(r, "E1")["fines_total"] == 20.0


def test_given_amount_is_used():
    r = run(incidents=incidents(inc("meeting_late", 30), inc("worklog_mismatch"), inc("overtime_refused")))
    assert hits(r, "meeting_late", "E1")["fine"].tolist() == [30.0]
    assert hits(r, "worklog_mismatch", "E1")["fine"].tolist() == [10.0]
    ot = hits(r, "overtime_refused", "E1")
    assert (ot["fine"].tolist(), ot["points"].tolist()) == ([0.0], [0.0])  # finding only
    assert employee(r, "E1")["fines_total"] == 40.0


def test_points_kinds_deduct_commendation_adds():
    r = run(incidents=incidents(inc("hall_conduct"), inc("hall_conduct", points=3), inc("commendation"),
                                inc("commendation", points=5)))
    assert hits(r, "hall_conduct", "E1")["points"].tolist() == [-2.0, -3.0]
    assert hits(r, "commendation", "E1")["points"].tolist() == [2.0, 5.0]
    assert hits(r, "commendation", "E1")["fine"].tolist() == [0.0, 0.0]
    assert employee(r, "E1")["points"] == 2.0


def test_confidentiality_is_a_veto():
    r = run(incidents=incidents(inc("confidentiality", emp="E1"), inc("desk_5s", emp="E2")))
    f = hits(r, "confidentiality", "E1")
    assert (f["fine"].tolist(), f["points"].tolist()) == ([0.0], [0.0])
    assert "一票否决" in f.loc[0, "evidence"]
    assert employee(r, "E1")["veto"] == "泄露客户资料 2026-10-05"  # with the words of the note when given
    assert employee(r, "E2")["veto"] == ""
    assert f.loc[0, "date"] == pd.Timestamp("2026-10-05")


def test_chinese_name_is_mapped_to_its_code():
    r = run(incidents=incidents(inc("桌面乱七八糟")))
    assert hits(r, "desk_5s", "E1")["fine"].tolist() == [10.0]
