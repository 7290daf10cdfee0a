"""LV-APP (approvals made in the attendance app) and ATT-FLEX (自由工时) in the rules, and
verdict_differs comparing the export's class with opscore's."""
from __future__ import annotations

import pandas as pd

from processor.rules.verdicts import attach_verdicts
from rules_builders import attendance, day, employee, hits, leave, rulebook, run, the_day


def export_day(*args, approval=None, cls=None, verdict=None, flex=False, **kw) -> dict:
    return {**day(*args, **kw), "app_approval": approval, "export_class": cls, "export_verdict": verdict,
            "export_leave": None, "flex": flex}


def att(*rows: dict) -> pd.DataFrame:
    df = attendance(*rows)
    for c in ("app_approval", "export_class", "export_verdict", "export_leave"):
        df[c] = pd.Series([r.get(c) for r in rows], dtype=object)
    df["flex"] = pd.Series([bool(r.get("flex")) for r in rows], dtype=bool)
    return df


def test_app_leave_without_a_leave_row_is_leave_not_absence():
    r = run(attendance=att(export_day("E1", "2026-10-05", None, None, approval="leave", cls="leave",
                                      verdict="事假1天")))
    d = the_day(r, "E1", "2026-10-05")
    assert (d["outcome"], d["fine"], d["rule_ids"]) == ("leave", 0.0, "LV-APP")
    f = hits(r, "LV-APP", "E1")
    assert len(f) == 1 and f.loc[0, "fine"] == 0.0
    assert f.loc[0, "evidence"].startswith("考勤导出记为“事假1天”(在考勤应用中审批的请假,计为请假)")
    assert (employee(r, "E1")["leave_days"], employee(r, "E1")["absence_days"]) == (1, 0)


def test_a_leave_row_covering_the_day_decides_even_when_invalid():
    """An invalid request (no approver) on an app-approved day: the leave table decides → absence."""
    lv = leave({"employee_id": "E1", "start": "2026-10-05", "approver_role": None})
    r = run(attendance=att(export_day("E1", "2026-10-05", None, None, approval="leave", cls="leave",
                                      verdict="请假")), leave=lv)
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "absence"
    assert hits(r, "LV-APP").empty


def test_the_switch_off_judges_the_day_as_if_the_export_said_nothing(tmp_path):
    rb = rulebook("[exports]\ntrust_app_approvals = false\n", tmp_path)
    r = run(rb, attendance=att(export_day("E1", "2026-10-05", "08:20", None, approval="outing", cls="outing",
                                          verdict="上班1 正常; 下班1 外出")))
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "missing_punch"
    assert hits(r, "LV-APP").empty


def test_an_outing_after_a_late_clock_in_is_present_and_still_late():
    r = run(attendance=att(export_day("E1", "2026-10-05", "08:40", None, approval="outing", cls="late",
                                      verdict="上班1 迟到; 下班1 外出")))
    d = the_day(r, "E1", "2026-10-05")
    assert (d["outcome"], d["late_minutes"], d["fine"]) == ("late", 10, 10.0)
    assert employee(r, "E1")["missing_punches"] == 0


def test_flex_day_without_a_punch_is_judged_like_any_scheduled_day():
    r = run(attendance=att(export_day("E1", "2026-10-05", None, None, start=None, end=None, flex=True),
                           export_day("E1", "2026-10-06", None, "21:10", start=None, end=None, flex=True)))
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "absence"
    d = the_day(r, "E1", "2026-10-06")
    assert (d["outcome"], d["early_minutes"], d["rule_ids"]) == ("normal", 0, "")
    e = employee(r, "E1")
    assert (e["absence_days"], e["missing_punches"], e["fines_total"]) == (1, 0, 100.0)


def _compare(outcome: str, rule_ids: str, cls: str, verdict: str, approval: str | None = None) -> tuple:
    days = pd.DataFrame({"employee_id": ["E1"], "date": [pd.Timestamp("2026-10-05")], "outcome": [outcome],
                         "rule_ids": [rule_ids]})
    src = pd.DataFrame({"employee_id": ["E1"], "date": [pd.Timestamp("2026-10-05")], "export_verdict": [verdict],
                        "export_leave": [None], "export_class": [cls], "app_approval": [approval]})
    out = attach_verdicts(days, src)
    return bool(out.loc[0, "verdict_differs"]), out.loc[0, "verdict_kind"]


def test_verdict_differs_compares_classes_and_knows_the_regulations_own_differences():
    assert _compare("absence", "ATT-LATE30;ATT-ABSENCE", "late", "迟到30分钟") == (False, None)
    assert _compare("absence", "ATT-NOSHOW;ATT-ABSENCE", "missing_punch", "缺卡2次") == (False, None)
    assert _compare("missing_punch", "ATT-LATE;ATT-MISSPUNCH", "late", "迟到9分钟; 缺卡1次") == (False, None)
    assert _compare("late_early", "ATT-LATE;ATT-EARLY", "early", "早退5分钟") == (False, None)
    assert _compare("normal", "LV-APP", "outing", "外出", "outing") == (False, None)
    assert _compare("rest", "", "rest", "正常") == (False, None)
    assert _compare("late", "ATT-LATE", "normal", "正常") == (True, "normal→late")
    assert _compare("absence", "ATT-NOSHOW;ATT-ABSENCE", "leave", "请假", "leave") == (True, "leave→absence")
