"""Attendance rules (ATT-*): each fires, and each stays quiet at its boundary."""
from __future__ import annotations

import pandas as pd
import pytest

from rules_builders import attendance, day, employee, hits, leave, roster, rulebook, run, the_day


def one_day(*args, rb=None, **kw):
    return run(rb, attendance=attendance(day("E1", "2026-10-05", *args, **kw)))


# ---------------------------------------------------------------- ATT-LATE
def test_late_minutes_fined_per_minute():
    r = one_day("08:37")
    f = hits(r, "ATT-LATE", "E1")
    assert len(f) == 1
    assert f.loc[0, "fine"] == 7.0 and f.loc[0, "points"] == 0.0
    assert f.loc[0, "evidence"].startswith("上班打卡 08:37,班次 08:30 开始,迟到 7 分钟")
    assert f.loc[0, "citation"].startswith("001")
    d = the_day(r, "E1", "2026-10-05")
    assert (d["outcome"], d["late_minutes"], d["fine"], d["rule_ids"]) == ("late", 7, 7.0, "ATT-LATE")
    e = employee(r, "E1")
    assert (e["late_count"], e["late_minutes"], e["fines_total"]) == (1, 7, 7.0)


def test_seconds_are_dropped_0830_59_is_on_time():
    r = one_day("08:30:59")
    assert hits(r, "ATT-LATE").empty
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "normal"
    assert employee(r, "E1")["fines_total"] == 0.0


def test_late_29_minutes_is_fined_not_absence():
    r = one_day("08:59:59")
    assert hits(r, "ATT-LATE", "E1")["fine"].tolist() == [29.0]
    assert hits(r, "ATT-LATE30").empty and hits(r, "ATT-ABSENCE").empty
    assert employee(r, "E1")["absence_days"] == 0


# ---------------------------------------------------------------- ATT-LATE30 / ATT-ABSENCE
def test_late_30_minutes_is_a_day_of_absence_instead_of_the_minute_fine():
    r = one_day("09:00")
    assert hits(r, "ATT-LATE").empty
    assert hits(r, "ATT-LATE30", "E1")["fine"].tolist() == [0.0]
    ab = hits(r, "ATT-ABSENCE", "E1")
    assert ab["fine"].tolist() == [100.0]
    assert "迟到 30 分钟" in ab.loc[0, "evidence"]
    e = employee(r, "E1")
    assert (e["absence_days"], e["late_count"], e["late_minutes"], e["fines_total"]) == (1, 0, 0, 100.0)
    assert e["worked_shifts"] == 0  # an absence day is not a worked shift
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "absence"


def test_early_30_minutes_is_absence_and_29_is_fined():
    r = one_day("08:20", "17:00")
    assert hits(r, "ATT-LATE30", "E1").shape[0] == 1
    assert hits(r, "ATT-ABSENCE", "E1")["fine"].tolist() == [100.0]
    r = one_day("08:20", "17:01")
    assert hits(r, "ATT-EARLY", "E1")["fine"].tolist() == [29.0]
    assert hits(r, "ATT-ABSENCE").empty


# ---------------------------------------------------------------- ATT-EARLY
def test_early_leave_fined_like_late():
    r = one_day("08:20", "17:20")
    f = hits(r, "ATT-EARLY", "E1")
    assert f["fine"].tolist() == [10.0]
    assert f.loc[0, "evidence"].startswith("下班打卡 17:20,班次 17:30 结束,早退 10 分钟")
    assert employee(r, "E1")["early_count"] == 1


def test_clock_out_at_the_end_is_not_early():
    r = one_day("08:20", "17:30")
    assert hits(r, "ATT-EARLY").empty
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "normal"


def test_early_leave_switch_off_records_without_fine_or_absence(tmp_path):
    rb = rulebook("[rules.ATT-EARLY]\nearly_leave_fined = false\n", tmp_path)
    r = one_day("08:20", "16:00", rb=rb)  # 90 minutes early
    assert hits(r, "ATT-EARLY", "E1")["fine"].tolist() == [0.0]
    assert hits(r, "ATT-LATE30").empty and hits(r, "ATT-ABSENCE").empty
    e = employee(r, "E1")
    assert (e["early_count"], e["early_minutes"], e["absence_days"], e["fines_total"]) == (1, 90, 0, 0.0)
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "early"


def test_late_and_early_on_one_day():
    r = one_day("08:35", "17:25")
    assert hits(r, "ATT-LATE", "E1")["fine"].tolist() == [5.0]
    assert hits(r, "ATT-EARLY", "E1")["fine"].tolist() == [5.0]
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "late_early"
    assert employee(r, "E1")["fines_total"] == 10.0


# ---------------------------------------------------------------- ATT-EXCUSED
def test_excused_late_is_recorded_not_fined_and_wins_over_late30():
    r = one_day("09:10", pre=True)
    f = hits(r, "ATT-EXCUSED", "E1")
    assert f["fine"].tolist() == [0.0] and "迟到 40 分钟" in f.loc[0, "evidence"]
    assert hits(r, "ATT-LATE").empty and hits(r, "ATT-LATE30").empty and hits(r, "ATT-ABSENCE").empty
    e = employee(r, "E1")
    assert (e["excused_count"], e["late_count"], e["late_minutes"], e["absence_days"], e["fines_total"]) \
        == (1, 1, 40, 0, 0.0)
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "excused"


def test_pre_approval_on_an_on_time_day_is_nothing():
    r = one_day("08:25", pre=True)
    assert hits(r, "ATT-EXCUSED").empty
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "normal"


# ---------------------------------------------------------------- ATT-NOSHOW
def test_no_punch_is_absence():
    r = one_day(None, None)
    assert hits(r, "ATT-NOSHOW", "E1")["fine"].tolist() == [0.0]
    assert hits(r, "ATT-ABSENCE", "E1")["fine"].tolist() == [100.0]
    assert "无上下班打卡" in hits(r, "ATT-ABSENCE", "E1").loc[0, "evidence"]


def test_no_punch_with_valid_leave_is_leave():
    r = run(attendance=attendance(day("E1", "2026-10-05", None, None)),
            leave=leave({"employee_id": "E1", "start": "2026-10-05"}))
    assert hits(r, "ATT-NOSHOW").empty and hits(r, "ATT-ABSENCE").empty
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "leave"
    assert employee(r, "E1")["leave_days"] == 1


def test_rest_day_without_punches_is_rest():
    r = run(attendance=attendance(day("E1", "2026-10-05", shift="rest")))
    assert r.findings.empty
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "rest"


# ---------------------------------------------------------------- ATT-MISSPUNCH
def test_one_punch_is_flagged_not_fined():
    r = one_day("08:20", None)
    f = hits(r, "ATT-MISSPUNCH", "E1")
    assert f["fine"].tolist() == [0.0] and f["points"].tolist() == [0.0]
    assert f.loc[0, "evidence"].startswith("缺下班打卡")
    assert employee(r, "E1")["missing_punches"] == 1
    assert employee(r, "E1")["absence_days"] == 0
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "missing_punch"


def test_one_punch_late_30_is_absence_not_missing_punch():
    r = one_day("09:00", None)
    assert hits(r, "ATT-MISSPUNCH").empty
    assert hits(r, "ATT-ABSENCE", "E1")["fine"].tolist() == [100.0]
    assert employee(r, "E1")["missing_punches"] == 0


def test_one_punch_late_under_30_keeps_its_late_fine():
    r = one_day("08:40", None)
    assert hits(r, "ATT-MISSPUNCH", "E1").shape[0] == 1
    assert hits(r, "ATT-LATE", "E1")["fine"].tolist() == [10.0]


# ---------------------------------------------------------------- ATT-RESIGN
def _absent(n: int, consecutive: bool = True) -> pd.DataFrame:
    dates = [f"2026-10-{d:02d}" for d in (range(5, 5 + n) if consecutive else range(5, 5 + 2 * n, 2))]
    return attendance(*[day("E1", d, None, None) for d in dates])


def test_third_absence_day_is_not_resignation():
    r = run(attendance=_absent(3))
    assert hits(r, "ATT-RESIGN").empty
    e = employee(r, "E1")
    assert e["absence_days"] == 3 and pd.isna(e["deemed_resignation_date"]) and e["fines_total"] == 300.0


def test_fourth_absence_day_is_deemed_resignation_dated_that_day():
    r = run(attendance=_absent(5, consecutive=False))  # 5th, 7th, 9th, 11th, 13th
    f = hits(r, "ATT-RESIGN", "E1")
    assert f["date"].tolist() == [pd.Timestamp("2026-10-11")]
    assert f["fine"].tolist() == [0.0]
    e = employee(r, "E1")
    assert e["deemed_resignation_date"] == pd.Timestamp("2026-10-11")
    assert (e["absence_days"], e["fines_total"]) == (5, 500.0)


def test_consecutive_only_switch(tmp_path):
    rb = rulebook("[rules.ATT-RESIGN]\nresign_consecutive_only = true\n", tmp_path)
    worked_between = attendance(*[day("E1", f"2026-10-{d:02d}", None, None) for d in (5, 6, 7, 9, 10)],
                                day("E1", "2026-10-08"))
    assert hits(run(rb, attendance=worked_between), "ATT-RESIGN").empty
    rest_between = attendance(*[day("E1", f"2026-10-{d:02d}", None, None) for d in (5, 6, 7, 9)],
                              day("E1", "2026-10-08", shift="rest"))
    f = hits(run(rb, attendance=rest_between), "ATT-RESIGN", "E1")
    assert f["date"].tolist() == [pd.Timestamp("2026-10-09")]
    assert not hits(run(attendance=worked_between), "ATT-RESIGN").empty  # cumulative by default


# ---------------------------------------------------------------- ATT-PREP
def test_preparation_rate():
    r = run(attendance=attendance(
        day("E1", "2026-10-05", "08:20"),       # 10 minutes before: on time
        day("E1", "2026-10-06", "08:20:01"),    # 9 whole minutes: not
        day("E1", "2026-10-07", "08:35"),       # late
        day("E1", "2026-10-08", None, None),    # absence: not a worked shift
        day("E1", "2026-10-09", shift="rest"),
    ))
    e = employee(r, "E1")
    assert (e["worked_shifts"], e["prep_on_time"]) == (3, 1)
    assert e["prep_rate"] == pytest.approx(1 / 3)
    assert not (r.findings["rule_id"] == "ATT-PREP").any()  # no fine, no finding


def test_no_worked_shift_no_rate():
    r = run(attendance=attendance(day("E1", "2026-10-05", shift="rest")))
    assert pd.isna(employee(r, "E1")["prep_rate"])


# ---------------------------------------------------------------- ATT-NIGHT
def test_night_shift_punches_after_midnight_belong_to_the_evening_before():
    r = one_day("21:50", "次日 05:40", shift="night", start="22:00", end="06:00")
    f = hits(r, "ATT-EARLY", "E1")
    assert f["fine"].tolist() == [20.0]
    assert "下班打卡 次日 05:40,班次 次日 06:00 结束" in f.loc[0, "evidence"]
    d = the_day(r, "E1", "2026-10-05")
    assert d["shift_end"] == pd.Timestamp("2026-10-06 06:00")


def test_whole_day_leave_covers_the_night_shift_of_that_date_only():
    att = attendance(day("E1", "2026-10-04", "21:50", "次日 06:05", shift="night", start="22:00", end="06:00"),
                     day("E1", "2026-10-05", None, None, shift="night", start="22:00", end="06:00"))
    r = run(attendance=att, leave=leave({"employee_id": "E1", "start": "2026-10-05", "approver_role": "运营经理"}))
    assert the_day(r, "E1", "2026-10-04")["outcome"] == "normal"
    assert the_day(r, "E1", "2026-10-05")["outcome"] == "leave"
    assert r.findings.empty


def test_roster_team_and_contract_columns():
    r = run(roster=roster(("E1", "二组", "客服专员")), attendance=attendance(day("E1", "2026-10-05", "08:31")))
    f = hits(r, "ATT-LATE", "E1")
    assert f.loc[0, "team"] == "二组"
    assert str(r.findings["date"].dtype) == "datetime64[ns]"
    assert f.loc[0, "date"] == pd.Timestamp("2026-10-05")
