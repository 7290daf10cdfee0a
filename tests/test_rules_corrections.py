"""CORR-APPLY / CORR-LIMIT on hand-made typed tables: the cases the end-to-end month does not
cover (night shifts, competing corrections, ranks, incidents, a center's own limits)."""
from __future__ import annotations

import pandas as pd

from rules_builders import attendance, corrections, day, employee, hits, incidents, rulebook, run, the_day


def test_a_bare_clock_out_on_a_night_shift_is_the_next_morning():
    r = run(attendance=attendance(day("N1", "2026-10-05", "21:55", None, shift="night", start="22:00", end="06:00")),
            corrections=corrections({"employee_id": "N1", "date": "2026-10-05", "kind": "punch", "clock_out": "06:05"}))
    d = the_day(r, "N1", "2026-10-05")
    assert d["outcome"] == "normal" and d["clock_out"] == pd.Timestamp("2026-10-06 06:05")
    assert d["original_outcome"] == "missing_punch" and pd.isna(d["original_clock_out"])
    assert hits(r, "CORR-APPLY", "N1")["evidence"][0].startswith(
        "补卡 下班打卡 次日 06:05:原判 缺卡 [ATT-MISSPUNCH] → 更正为 正常")


def test_two_whole_day_corrections_of_one_day_the_later_approval_wins():
    r = run(attendance=attendance(day("E1", "2026-10-05", None, None)),
            corrections=corrections(
                {"employee_id": "E1", "date": "2026-10-05", "kind": "leave", "leave_type": "annual",
                 "approved_at": "2026-10-07 09:00"},
                {"employee_id": "E1", "date": "2026-10-05", "kind": "present", "approved_at": "2026-10-06 09:00"}))
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "leave"
    ev = hits(r, "CORR-APPLY", "E1")["evidence"].tolist()
    assert ev[0].startswith("改为请假 年假:原判 旷工,罚款 100 元 [ATT-NOSHOW;ATT-ABSENCE] → 更正为 请假")
    assert ev[1].startswith("未更正:改为出勤,同一天另有更晚批准的更正,以后者为准")
    assert employee(r, "E1")["fines_total"] == 0 and employee(r, "E1")["leave_days"] == 1


def test_rank_is_the_rulebook_ladder_and_a_center_may_raise_it(tmp_path):
    att = attendance(day("E1", "2026-10-05", "08:25", None), day("E2", "2026-10-05", "08:25", None))
    corr = corrections({"employee_id": "E1", "date": "2026-10-05", "kind": "punch", "clock_out": "17:30",
                        "approver_role": "项目督导"},
                       {"employee_id": "E2", "date": "2026-10-05", "kind": "punch", "clock_out": "17:30",
                        "approver_role": "运营专员"})
    r = run(attendance=att, corrections=corr)
    assert [the_day(r, e, "2026-10-05")["outcome"] for e in ("E1", "E2")] == ["normal", "missing_punch"]
    own = rulebook('[rules.CORR-APPLY]\nmin_role = "运营经理"\n', tmp_path)
    r = run(own, attendance=att, corrections=corr)
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "missing_punch"
    assert "低于运营经理,须由运营经理或以上批准" in hits(r, "CORR-APPLY", "E1")["evidence"][0]


def test_a_center_limit_of_one_counts_by_date_not_by_row_order(tmp_path):
    att = attendance(*[day("E1", f"2026-10-0{d}", "08:25", None) for d in (5, 6)])
    corr = corrections(*[{"employee_id": "E1", "date": f"2026-10-0{d}", "kind": "punch", "clock_out": "17:30"}
                         for d in (6, 5)])
    r = run(rulebook("[rules.CORR-LIMIT]\nmax_per_month = 1\n", tmp_path), attendance=att, corrections=corr)
    assert [the_day(r, "E1", f"2026-10-0{d}")["outcome"] for d in (5, 6)] == ["normal", "missing_punch"]
    limit = hits(r, "CORR-LIMIT", "E1")
    assert limit["date"].tolist() == [pd.Timestamp("2026-10-06")]
    assert limit["evidence"][0].startswith("未更正:补卡 下班打卡 17:30,本月补卡已达 1 次上限")


def test_waiving_an_incident_and_an_absence_fine_and_a_finding_that_is_not_there():
    r = run(attendance=attendance(day("E1", "2026-10-05", None, None), day("E1", "2026-10-06")),
            incidents=incidents({"employee_id": "E1", "date": "2026-10-06", "code": "desk_5s"}),
            corrections=corrections(
                {"employee_id": "E1", "date": "2026-10-06", "kind": "waive", "rule_id": "desk_5s"},
                {"employee_id": "E1", "date": "2026-10-05", "kind": "waive", "rule_id": "ATT-ABSENCE"},
                {"employee_id": "E1", "date": "2026-10-06", "kind": "waive", "rule_id": "ATT-LATE"}))
    e = employee(r, "E1")
    assert e["fines_total"] == 0 and e["absence_days"] == 1  # 免罚 takes the money, not the absence
    assert hits(r, "desk_5s", "E1")["evidence"][0].startswith("【已免罚】原罚款 10 元;桌面不整洁")
    d = the_day(r, "E1", "2026-10-05")
    assert (d["outcome"], d["fine"], d["original_fine"], d["original_outcome"]) == ("absence", 0.0, 100.0, "absence")
    ev = hits(r, "CORR-APPLY", "E1")["evidence"].tolist()
    assert ev[0].startswith("免罚 ATT-ABSENCE:原判 罚款 100 元 → 更正为 罚款 0 元")
    assert ev[1].startswith("免罚 desk_5s:原判 罚款 10 元 → 更正为 罚款 0 元")
    assert ev[2].startswith("未更正:免罚 ATT-LATE,该日没有这条发现(规则 ATT-LATE)")
    assert the_day(r, "E1", "2026-10-06")["correction"].startswith("免罚 desk_5s(客服主管")  # not the refused one


def test_a_buka_of_punches_already_there_is_not_applied():
    r = run(attendance=attendance(day("E1", "2026-10-05", "08:41")),
            corrections=corrections({"employee_id": "E1", "date": "2026-10-05", "kind": "punch", "clock_in": "08:30"}))
    d = the_day(r, "E1", "2026-10-05")
    assert d["outcome"] == "late" and d["late_minutes"] == 11 and d["correction"] == ""
    assert hits(r, "CORR-APPLY", "E1")["evidence"][0].startswith("未更正:补卡 上班打卡 08:30,该日已有这些打卡,无可补")


def test_a_month_without_corrections_has_no_extra_columns():
    r = run(attendance=attendance(day("E1", "2026-10-05")))
    assert "original_outcome" not in r.days.columns and not hits(r, "CORR-APPLY").shape[0]


def test_a_waived_day_beside_a_corrected_one_keeps_its_original_fine():
    r = run(attendance=attendance(day("E1", "2026-10-05", "08:25", None), day("E1", "2026-10-06", "08:40")),
            corrections=corrections(
                {"employee_id": "E1", "date": "2026-10-05", "kind": "punch", "clock_out": "17:30"},
                {"employee_id": "E1", "date": "2026-10-06", "kind": "waive", "rule_id": "ATT-LATE"}))
    d5, d6 = the_day(r, "E1", "2026-10-05"), the_day(r, "E1", "2026-10-06")
    assert (d5["outcome"], d5["original_outcome"], d5["original_fine"]) == ("normal", "missing_punch", 0.0)
    assert (d6["outcome"], d6["fine"], d6["original_outcome"], d6["original_fine"]) == ("late", 0.0, "late", 10.0)
    assert employee(r, "E1")["fines_total"] == 0 and employee(r, "E1")["late_count"] == 1
