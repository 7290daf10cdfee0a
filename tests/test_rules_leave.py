"""Leave rules (LV-*): each request judged by every rule; invalid leave is as if not there."""
from __future__ import annotations

import pandas as pd

from rules_builders import attendance, day, employee, hits, holidays, leave, roster, rulebook, run, swaps, the_day

NO_SHOW = dict(cin=None, cout=None)


def judge(*requests, att=None, **tables):
    """Run E1's requests against E1's schedule (default: a no-show on the 5th)."""
    att = att if att is not None else attendance(day("E1", "2026-10-05", None, None))
    return run(attendance=att, leave=leave(*requests), **tables)


def status(r, i: int = 0) -> tuple[bool, str]:
    row = r.leave.iloc[i]
    return bool(row["valid"]), row["failed_rules"]


def absent(r, date: str = "2026-10-05") -> bool:
    return the_day(r, "E1", date)["outcome"] == "absence"


# ---------------------------------------------------------------- LV-NOTICE
def test_personal_leave_the_day_before_is_valid():
    r = judge({"employee_id": "E1", "start": "2026-10-05", "requested_at": "2026-10-04 23:59"})
    assert status(r) == (True, "")
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "leave"
    assert r.findings.empty


def test_personal_leave_asked_the_same_day_is_invalid_and_the_day_is_absence():
    r = judge({"employee_id": "E1", "start": "2026-10-05", "requested_at": "2026-10-05 07:00"})
    assert status(r) == (False, "LV-NOTICE")
    f = hits(r, "LV-NOTICE", "E1")
    assert f["fine"].tolist() == [0.0] and f["date"].tolist() == [pd.Timestamp("2026-10-05")]
    assert absent(r)
    ab = hits(r, "ATT-ABSENCE", "E1")
    assert ab["fine"].tolist() == [100.0] and "请假无效(LV-NOTICE)" in ab.loc[0, "evidence"]
    assert the_day(r, "E1", "2026-10-05")["rule_ids"] == "ATT-NOSHOW;LV-NOTICE;ATT-ABSENCE"


def test_late_personal_leave_approved_by_the_operations_manager_is_valid():
    r = judge({"employee_id": "E1", "start": "2026-10-05", "requested_at": "2026-10-05 07:00",
               "approver_role": "运营经理"})
    assert status(r) == (True, "")


def test_special_leave_one_hour_before_the_shift():
    base = {"employee_id": "E1", "leave_type": "special_personal", "start": "2026-10-05"}
    assert status(judge({**base, "requested_at": "2026-10-05 07:30"})) == (True, "")
    r = judge({**base, "requested_at": "2026-10-05 07:31"})
    assert status(r) == (False, "LV-NOTICE")
    assert "2026-10-05 07:30 前" in hits(r, "LV-NOTICE", "E1").loc[0, "evidence"]


# ---------------------------------------------------------------- LV-AUTHORITY
def test_one_day_approved_by_a_supervisor_is_valid_two_days_are_not():
    att = attendance(day("E1", "2026-10-05", None, None), day("E1", "2026-10-06", None, None))
    one = judge({"employee_id": "E1", "start": "2026-10-05", "approver_role": "客服主管"}, att=att)
    assert status(one) == (True, "")
    two = judge({"employee_id": "E1", "start": "2026-10-05", "end": "2026-10-06", "approver_role": "客服主管"},
                att=att)
    assert status(two) == (False, "LV-AUTHORITY")
    f = hits(two, "LV-AUTHORITY", "E1")
    assert "2 天的假须由运营经理及以上批准" in f.loc[0, "evidence"]
    e = employee(two, "E1")
    assert (e["absence_days"], e["fines_total"], e["leave_days"]) == (2, 200.0, 0)
    ok = judge({"employee_id": "E1", "start": "2026-10-05", "end": "2026-10-06", "approver_role": "运营经理"},
               att=att)
    assert status(ok) == (True, "") and employee(ok, "E1")["leave_days"] == 2


def test_team_lead_or_blank_approver_does_not_count():
    assert status(judge({"employee_id": "E1", "start": "2026-10-05", "approver_role": "班长"})) \
        == (False, "LV-AUTHORITY")
    r = judge({"employee_id": "E1", "start": "2026-10-05", "approver_role": None})
    assert status(r) == (False, "LV-AUTHORITY")
    assert "未经审批" in hits(r, "LV-AUTHORITY", "E1").loc[0, "evidence"]


def test_a_full_shift_given_with_times_is_one_day():
    r = judge({"employee_id": "E1", "start": "2026-10-05 08:30", "end": "2026-10-05 17:30"})
    assert status(r) == (True, "")
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "leave"


# ---------------------------------------------------------------- LV-INPERSON
def test_sick_leave_by_proxy_is_valid_personal_leave_by_proxy_is_not():
    sick = judge({"employee_id": "E1", "leave_type": "sick", "start": "2026-10-05", "in_person": False,
                  "medical_certificate": True})
    assert status(sick) == (True, "")
    personal = judge({"employee_id": "E1", "start": "2026-10-05", "in_person": False})
    assert status(personal) == (False, "LV-INPERSON")
    assert hits(personal, "LV-INPERSON", "E1")["fine"].tolist() == [0.0]
    assert absent(personal)


# ---------------------------------------------------------------- LV-SICKCERT
def test_a_day_of_sick_leave_needs_a_certificate_half_a_day_does_not():
    r = judge({"employee_id": "E1", "leave_type": "sick", "start": "2026-10-05"})
    assert status(r) == (False, "LV-SICKCERT")
    assert absent(r)
    att = attendance(day("E1", "2026-10-05", "13:00", "17:30"))
    half = judge({"employee_id": "E1", "leave_type": "sick", "start": "2026-10-05 08:30",
                  "end": "2026-10-05 13:00"}, att=att)  # 4.5 of 9 hours = 0.5 day
    assert status(half) == (True, "")
    assert half.findings.empty


def test_a_late_certificate_is_a_finding_that_does_not_invalidate(tmp_path):
    base = {"employee_id": "E1", "leave_type": "sick", "start": "2026-10-05", "medical_certificate": True}
    on_time = judge({**base, "certificate_date": "2026-10-06"})
    assert status(on_time) == (True, "") and on_time.findings.empty
    late = judge({**base, "certificate_date": "2026-10-08"})
    assert status(late) == (True, "")
    f = hits(late, "LV-SICKCERT", "E1")
    assert len(f) == 1 and "应于病假到期后第一天 2026-10-06" in f.loc[0, "evidence"]
    assert the_day(late, "E1", "2026-10-05")["outcome"] == "leave"
    rb = rulebook("[rules.LV-SICKCERT]\nlate_certificate_invalidates = true\n", tmp_path)
    strict = run(rb, attendance=attendance(day("E1", "2026-10-05", None, None)),
                 leave=leave({**base, "certificate_date": "2026-10-08"}))
    assert status(strict) == (False, "LV-SICKCERT") and absent(strict)


# ---------------------------------------------------------------- LV-EMERGENCY
def test_sick_leave_after_the_shift_started_needs_a_phone_call():
    base = {"employee_id": "E1", "leave_type": "sick", "start": "2026-10-05", "medical_certificate": True,
            "requested_at": "2026-10-05 09:00"}
    assert status(judge({**base, "phoned_before_shift": True})) == (True, "")
    r = judge(base)
    assert status(r) == (False, "LV-EMERGENCY") and absent(r)
    at_start = judge({**base, "requested_at": "2026-10-05 08:30"})
    assert status(at_start) == (True, "")


# ---------------------------------------------------------------- LV-NIGHT
def test_night_shift_leave_before_noon_that_day():
    att = attendance(day("E1", "2026-10-05", None, None, shift="night", start="22:00", end="06:00"))
    base = {"employee_id": "E1", "leave_type": "annual", "start": "2026-10-05"}
    assert status(judge({**base, "requested_at": "2026-10-05 11:59"}, att=att)) == (True, "")
    r = judge({**base, "requested_at": "2026-10-05 12:00"}, att=att)
    assert status(r) == (False, "LV-NIGHT")
    assert hits(r, "LV-NIGHT", "E1")["date"].tolist() == [pd.Timestamp("2026-10-05")]
    assert absent(r)
    low = judge({**base, "requested_at": "2026-10-05 09:00", "approver_role": "班长"}, att=att)
    assert "LV-NIGHT" in status(low)[1].split(";")


# ---------------------------------------------------------------- LV-HOLIDAY
def test_holiday_leave_two_days_ahead_by_the_operations_manager():
    att = attendance(day("E1", "2026-10-03", None, None))
    hol = holidays("2026-10-03")
    base = {"employee_id": "E1", "leave_type": "annual", "start": "2026-10-03", "approver_role": "运营经理"}
    assert status(judge({**base, "requested_at": "2026-10-01 18:00"}, att=att, holidays=hol)) == (True, "")
    r = judge({**base, "requested_at": "2026-10-02 08:00"}, att=att, holidays=hol)
    assert status(r) == (False, "LV-HOLIDAY")
    assert absent(r, "2026-10-03")
    sup = judge({**base, "requested_at": "2026-10-01 08:00", "approver_role": "客服主管"}, att=att, holidays=hol)
    assert status(sup) == (False, "LV-HOLIDAY")
    # a holiday the employee is off anyway is not leave on a holiday
    off = judge({**base, "requested_at": "2026-10-02 08:00"}, holidays=hol,
                att=attendance(day("E1", "2026-10-03", shift="rest")))
    assert status(off) == (True, "")


# ---------------------------------------------------------------- LV-SWAPDAY
def test_leave_on_a_swap_day_is_invalid_and_absence():
    sw = swaps({"requester_id": "E2", "counterpart_id": "E1", "swap_date": "2026-10-05",
                "return_date": "2026-10-09", "approver_id": "L1"})
    ros = roster(("E1", "A", "客服专员"), ("E2", "A", "客服专员"), ("L1", "A", "班长"))
    r = judge({"employee_id": "E1", "start": "2026-10-05"}, swaps=sw, roster=ros)
    assert status(r) == (False, "LV-SWAPDAY")
    assert absent(r)
    assert "换班或还班日请假无效" in hits(r, "ATT-ABSENCE", "E1").loc[0, "evidence"]
    ok = judge({"employee_id": "E1", "start": "2026-10-06"}, swaps=sw, roster=ros,
               att=attendance(day("E1", "2026-10-06", None, None)))
    assert status(ok) == (True, "")


# ---------------------------------------------------------------- several rules, shapes of leave
def test_an_invalid_request_names_every_rule_it_failed():
    r = judge({"employee_id": "E1", "start": "2026-10-05", "requested_at": "2026-10-05 07:00",
               "approver_role": None, "in_person": False})
    assert status(r) == (False, "LV-NOTICE;LV-AUTHORITY;LV-INPERSON")
    assert sorted(r.findings.loc[r.findings["rule_id"].str.startswith("LV"), "rule_id"]) \
        == ["LV-AUTHORITY", "LV-INPERSON", "LV-NOTICE"]


def test_invalid_leave_on_a_day_worked_is_just_a_worked_day():
    r = judge({"employee_id": "E1", "start": "2026-10-05", "in_person": False},
              att=attendance(day("E1", "2026-10-05")))
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "normal"
    assert employee(r, "E1")["fines_total"] == 0.0


def test_multi_day_leave_counts_working_days_only_rest_days_have_no_effect():
    att = attendance(day("E1", "2026-10-05", None, None), day("E1", "2026-10-06", shift="rest"),
                     day("E1", "2026-10-07", None, None))
    r = judge({"employee_id": "E1", "leave_type": "annual", "start": "2026-10-05", "end": "2026-10-07",
               "approver_role": "运营经理"}, att=att)
    assert status(r) == (True, "")
    assert [the_day(r, "E1", f"2026-10-0{d}")["outcome"] for d in (5, 6, 7)] == ["leave", "rest", "leave"]
    assert employee(r, "E1")["leave_days"] == 2


def test_part_day_special_leave_moves_the_shift_start():
    req = {"employee_id": "E1", "leave_type": "special_personal", "start": "2026-10-05 08:30",
           "end": "2026-10-05 10:30", "requested_at": "2026-10-05 07:00"}
    late = judge(req, att=attendance(day("E1", "2026-10-05", "10:35")))
    f = hits(late, "ATT-LATE", "E1")
    assert f["fine"].tolist() == [5.0]
    assert "班次(扣除请假 特殊事假 2026-10-05 08:30 至 10:30(0.22 天) 后) 10:30 开始" in f.loc[0, "evidence"]
    ok = judge(req, att=attendance(day("E1", "2026-10-05", "10:30")))
    assert the_day(ok, "E1", "2026-10-05")["outcome"] == "leave"
    assert employee(ok, "E1")["leave_days"] == 1
    gone = judge(req, att=attendance(day("E1", "2026-10-05", None, None)))
    assert absent(gone) and employee(gone, "E1")["leave_days"] == 0


def test_leave_spanning_two_months_counts_only_its_own_days_here():
    att = attendance(day("E1", "2026-10-01", None, None))
    r = judge({"employee_id": "E1", "leave_type": "annual", "start": "2026-09-29", "end": "2026-10-01",
               "approver_role": "客服主管"}, att=att)  # 3 days: needs 运营经理
    assert status(r) == (False, "LV-AUTHORITY")
    assert hits(r, "LV-AUTHORITY", "E1")["date"].tolist() == [pd.Timestamp("2026-10-01")]
    assert employee(r, "E1")["absence_days"] == 1


# ---------------------------------------------------------------- LV-COVERAGE
def test_whole_team_shift_on_leave_is_a_team_finding():
    att = attendance(day("E1", "2026-10-05", None, None), day("E2", "2026-10-05", None, None),
                     day("E3", "2026-10-05", shift="night", start="22:00", end="06:00"))
    ros = roster(("E1", "A", "客服专员"), ("E2", "A", "客服专员"), ("E3", "A", "客服专员"))
    r = run(roster=ros, attendance=att, leave=leave({"employee_id": "E1", "start": "2026-10-05"},
                                                    {"employee_id": "E2", "start": "2026-10-05",
                                                     "in_person": False}))
    f = hits(r, "LV-COVERAGE", None)
    assert len(f) == 1
    assert (f.loc[0, "team"], f.loc[0, "date"], f.loc[0, "fine"]) == ("A", pd.Timestamp("2026-10-05"), 0.0)
    assert "E1、E2" in f.loc[0, "evidence"] and "(排班 2 人及以上的班次适用)" in f.loc[0, "evidence"]


def test_coverage_size_comes_from_the_rulebook(tmp_path):
    """LV-COVERAGE.min_members = 3: a two-member team-shift all on leave is no finding; the
    evidence of a three-member one quotes the 3."""
    ros = roster(("E1", "A", "客服专员"), ("E2", "A", "客服专员"), ("E3", "A", "客服专员"))
    rb = rulebook("[rules.LV-COVERAGE]\nmin_members = 3\n", tmp_path)
    req = [{"employee_id": e, "start": "2026-10-05", "in_person": False} for e in ("E1", "E2", "E3")]
    two = run(rb, roster=ros, attendance=attendance(*[day(e, "2026-10-05", None, None) for e in ("E1", "E2")]),
              leave=leave(*req[:2]))
    assert hits(two, "LV-COVERAGE").empty
    three = run(rb, roster=ros, attendance=attendance(*[day(e, "2026-10-05", None, None) for e in ("E1", "E2", "E3")]),
                leave=leave(*req))
    assert "(排班 3 人及以上的班次适用)" in hits(three, "LV-COVERAGE", None).loc[0, "evidence"]


def test_one_member_still_on_duty_or_a_one_person_shift_is_no_coverage_finding():
    ros = roster(("E1", "A", "客服专员"), ("E2", "A", "客服专员"), ("E3", "B", "客服专员"))
    att = attendance(day("E1", "2026-10-05", None, None), day("E2", "2026-10-05"),
                     day("E3", "2026-10-05", None, None))
    r = run(roster=ros, attendance=att, leave=leave({"employee_id": "E1", "start": "2026-10-05"},
                                                    {"employee_id": "E3", "start": "2026-10-05"}))
    assert hits(r, "LV-COVERAGE").empty


def test_part_day_leave_at_the_end_moves_the_shift_end():
    req = {"employee_id": "E1", "leave_type": "special_personal", "start": "2026-10-05 15:30",
           "end": "2026-10-05 17:30", "requested_at": "2026-10-05 07:00"}
    r = judge(req, att=attendance(day("E1", "2026-10-05", "08:25", "15:20")))
    f = hits(r, "ATT-EARLY", "E1")
    assert f["fine"].tolist() == [10.0] and "15:30 结束,早退 10 分钟" in f.loc[0, "evidence"]
    ok = judge(req, att=attendance(day("E1", "2026-10-05", "08:25", "15:30")))
    assert the_day(ok, "E1", "2026-10-05")["outcome"] == "leave"
