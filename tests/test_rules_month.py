"""A hand-computed month: every finding, fine, absence day and count asserted.

Also: a center's own rulebook that prices a late minute at 2 yuan changes exactly the late
fines and nothing else; and the Findings table always sums to the per-employee figures.
"""
from __future__ import annotations

import pandas as pd
import pytest

from processor.model import DAY_COLUMNS, EMPLOYEE_ATTENDANCE_COLUMNS, FINDING_COLUMNS
from processor.rules import apply_rules
from rules_builders import attendance, breaks, day, incidents, leave, month, roster, rulebook, swaps

D = "2026-10-0"


def october() -> dict[str, pd.DataFrame]:
    """Eleven people, one kind of case each. Shifts are 白班 08:30–17:30 unless said otherwise;
    a punch pair not given is 08:25 / 17:35 (worked, on time, but not 10 minutes early)."""
    att = [
        # E01 clean: three shifts clocked in 08:15 (15 min early: prepared)
        *[day("E01", f"{D}{d}", "08:15") for d in (5, 6, 7)],
        # E02 late 7 min, late 29 min 59 s, and 08:30:59 (on time)
        day("E02", f"{D}5", "08:37"), day("E02", f"{D}6", "08:59:59"), day("E02", f"{D}7", "08:30:59"),
        # E03 late 30 (absence), early 10, and a normal prepared day
        day("E03", f"{D}5", "09:00"), day("E03", f"{D}6", "08:25", "17:20"), day("E03", f"{D}7", "08:20"),
        # E04 excused 40 min, a lone clock-in, a no-show
        day("E04", f"{D}5", "09:10", pre=True), day("E04", f"{D}6", "08:25", None),
        day("E04", f"{D}7", None, None),
        # E05 four no-shows then a rest day
        *[day("E05", f"{D}{d}", None, None) for d in (5, 6, 7, 8)], day("E05", f"{D}9", shift="rest"),
        # E06 valid leave on the 5th, invalid (asked the same day) on the 6th, works the 7th
        day("E06", f"{D}5", None, None), day("E06", f"{D}6", None, None), day("E06", f"{D}7", "08:20"),
        # E07 works three days; private swap on the 8th (no attendance row that day)
        *[day("E07", f"{D}{d}", "08:20") for d in (5, 6, 7)],
        day("E08", f"{D}5", "08:20"),
        day("E09", f"{D}5", "08:20"),
        # E10 sick on the 5th (asked by a colleague, certificate), works the 6th
        day("E10", f"{D}5", None, None), day("E10", f"{D}6", "08:20"),
    ]
    return dict(
        roster=roster(*[(f"E{i:02d}", "A" if i <= 5 else "B", "客服专员") for i in range(1, 11)],
                      ("L1", "B", "班长")),
        attendance=attendance(*att),
        leave=leave(
            {"employee_id": "E06", "start": f"{D}5", "requested_at": "2026-09-30 10:00"},
            {"employee_id": "E06", "start": f"{D}6", "requested_at": "2026-10-06 07:00"},
            {"employee_id": "E10", "leave_type": "sick", "start": f"{D}5", "requested_at": "2026-10-05 07:00",
             "in_person": False, "medical_certificate": True, "certificate_date": f"{D}6"},
        ),
        swaps=swaps(
            {"requester_id": "E07", "counterpart_id": "E08", "swap_date": "2026-10-08", "approver_id": None},
            *[{"requester_id": "E08", "counterpart_id": "E01", "swap_date": f"2026-10-{d}", "approver_id": "L1",
               "requested_at": "2026-10-01 09:00"} for d in (12, 19, 26)],
        ),
        incidents=incidents(
            {"employee_id": "E09", "date": f"{D}5", "code": "desk_5s"},
            {"employee_id": "E09", "date": f"{D}5", "code": "meeting_late", "amount": 20},
            {"employee_id": "E09", "date": f"{D}5", "code": "hall_conduct"},
            {"employee_id": "E09", "date": f"{D}5", "code": "commendation", "points": 3},
        ),
        breaks=breaks(
            {"employee_id": "E10", "post": "P1", "left_at": f"{D}6 10:00", "returned_at": f"{D}6 10:07",
             "reason": "卫生间"},
            {"employee_id": "E09", "post": "P1", "left_at": f"{D}6 10:03", "returned_at": f"{D}6 10:04",
             "reason": "卫生间"},
        ),
    )


EXPECTED_FINDINGS = [
    # employee, day, rule, fine, points
    ("E02", 5, "ATT-LATE", 7.0, 0.0), ("E02", 6, "ATT-LATE", 29.0, 0.0),
    ("E03", 5, "ATT-LATE30", 0.0, 0.0), ("E03", 5, "ATT-ABSENCE", 100.0, 0.0),
    ("E03", 6, "ATT-EARLY", 10.0, 0.0),
    ("E04", 5, "ATT-EXCUSED", 0.0, 0.0), ("E04", 6, "ATT-MISSPUNCH", 0.0, 0.0),
    ("E04", 7, "ATT-NOSHOW", 0.0, 0.0), ("E04", 7, "ATT-ABSENCE", 100.0, 0.0),
    *[("E05", d, rule, fine, 0.0) for d in (5, 6, 7, 8)
      for rule, fine in (("ATT-NOSHOW", 0.0), ("ATT-ABSENCE", 100.0))],
    ("E05", 8, "ATT-RESIGN", 0.0, 0.0),
    ("E06", 6, "ATT-NOSHOW", 0.0, 0.0), ("E06", 6, "ATT-ABSENCE", 100.0, 0.0), ("E06", 6, "LV-NOTICE", 0.0, 0.0),
    ("E07", 8, "ATT-ABSENCE", 100.0, 0.0), ("E07", 8, "SW-PRIVATE", 0.0, 0.0),
    ("E08", 26, "SW-LIMIT", 0.0, -5.0),
    ("E09", 5, "desk_5s", 10.0, 0.0), ("E09", 5, "meeting_late", 20.0, 0.0),
    ("E09", 5, "hall_conduct", 0.0, -2.0), ("E09", 5, "commendation", 0.0, 3.0),
    ("E09", 6, "BRK-CONCURRENT", 0.0, 0.0),
    ("E10", 6, "BRK-LENGTH", 0.0, 0.0),
]

# late_count, early_count, late_minutes, early_minutes, excused_count, absence_days,
# missing_punches, leave_days, worked_shifts, prep_on_time, prep_rate, resigned, fines_total, points
EXPECTED_EMPLOYEES = {
    "E01": (0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 1.0, None, 0.0, 0.0),
    "E02": (2, 0, 36, 0, 0, 0, 0, 0, 3, 0, 0.0, None, 36.0, 0.0),
    "E03": (0, 1, 0, 10, 0, 1, 0, 0, 2, 1, 0.5, None, 110.0, 0.0),
    "E04": (1, 0, 40, 0, 1, 1, 1, 0, 2, 0, 0.0, None, 100.0, 0.0),
    "E05": (0, 0, 0, 0, 0, 4, 0, 0, 0, 0, None, "2026-10-08", 400.0, 0.0),
    "E06": (0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1.0, None, 100.0, 0.0),
    "E07": (0, 0, 0, 0, 0, 1, 0, 0, 3, 3, 1.0, None, 100.0, 0.0),
    "E08": (0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1.0, None, 0.0, -5.0),
    "E09": (0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1.0, None, 30.0, 1.0),
    "E10": (0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1.0, None, 0.0, 0.0),
    "L1": (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, None, None, 0.0, 0.0),
}


def test_hand_computed_month():
    """Every figure of ``october()``, worked by hand (default rulebook):

    * E01: 3 shifts clocked in 08:15, 15 ≥ 10 minutes early → prep 3/3 = 1.0; no finding.
    * E02: 08:37 → 7 min × 1 = 7; 08:59:59 → floor(1799/60) = 29 min × 1 = 29 (< 30, no absence);
      08:30:59 → 0 min. Fines 7 + 29 = 36; late_count 2, late_minutes 36; prep 0/3.
    * E03: 09:00 → 30 min ≥ 30 → absence: ATT-LATE30 (0) + ATT-ABSENCE 100, no minute fine and
      not a late occurrence; clock-out 17:20 → 10 min early × 1 = 10. Fines 110. Worked 2 (6th,
      7th); prep: 08:25 no, 08:20 yes → 1/2 = 0.5.
    * E04: 09:10 pre-approved → ATT-EXCUSED, 40 min recorded (late_count 1, late_minutes 40),
      no fine, no absence although ≥ 30; lone clock-in 08:25 → ATT-MISSPUNCH (0); no punch on
      the 7th → ATT-NOSHOW + ATT-ABSENCE 100. Fines 100. Worked 2, prep 0.
    * E05: 4 no-shows → 4 × 100 = 400; the 4th absence (10-08) → ATT-RESIGN, deemed resigned
      2026-10-08. No worked shift → no prep rate.
    * E06: leave on the 5th asked 09-30 (a day before) by 客服主管 for 1 day → valid → leave
      (leave_days 1); leave on the 6th asked 10-06 07:00 → LV-NOTICE fails (0) → judged as
      no request → no punch → ATT-NOSHOW + ATT-ABSENCE 100. Worked 1 (08:20, prepared).
    * E07: private swap on the 8th (no approver) → SW-PRIVATE (0) + ATT-ABSENCE 100 although
      attendance has no row that day. 3 worked, prepared shifts.
    * E08: three approved swaps (12th, 19th, 26th), max 2 → the 26th is the 3rd → SW-LIMIT −5.
    * E09: desk_5s blank amount → 10; meeting_late 20; hall_conduct blank → −2 points;
      commendation 3 → +3. Fines 30, points −2 + 3 = +1. Left P1 at 10:03 while E10 was away
      (post of 2, limit max(1, floor(0.05 × 2)) = 1) → BRK-CONCURRENT (0).
    * E10: sick leave by a colleague with a certificate, handed in the day after → valid
      (leave_days 1); toilet break 10:00–10:07 = 7 min > 5 → BRK-LENGTH (0).
    * L1: approver only, nothing.
    Fines in all: 36 + 110 + 100 + 400 + 100 + 100 + 30 = 876.
    """
    r = apply_rules(month(**october()), rulebook())
    got = [(e, d.day, rid, fine, pts) for e, d, rid, fine, pts in
           r.findings[["employee_id", "date", "rule_id", "fine", "points"]].itertuples(index=False)]
    assert sorted(got) == sorted(EXPECTED_FINDINGS)
    assert r.findings["fine"].sum() == 876.0

    emp = r.employees.set_index("employee_id")
    assert list(emp.index) == list(EXPECTED_EMPLOYEES)
    for eid, (lc, ec, lm, em, ex, ab, mp, lv, wk, prep, rate, resign, fines, pts) in EXPECTED_EMPLOYEES.items():
        row = emp.loc[eid]
        assert (row["late_count"], row["early_count"], row["late_minutes"], row["early_minutes"],
                row["excused_count"], row["absence_days"], row["missing_punches"], row["leave_days"],
                row["worked_shifts"], row["prep_on_time"]) == (lc, ec, lm, em, ex, ab, mp, lv, wk, prep), eid
        assert (pd.isna(row["prep_rate"]) if rate is None else row["prep_rate"] == pytest.approx(rate)), eid
        assert (pd.isna(row["deemed_resignation_date"]) if resign is None
                else row["deemed_resignation_date"] == pd.Timestamp(resign)), eid
        assert (row["fines_total"], row["points"], row["veto"]) == (fines, pts, ""), eid

    days = r.days.set_index(["employee_id", "date"])
    assert days.loc[("E07", pd.Timestamp("2026-10-08")), "outcome"] == "absence"
    assert days.loc[("E06", pd.Timestamp("2026-10-05")), "outcome"] == "leave"
    assert days.loc[("E10", pd.Timestamp("2026-10-05")), "outcome"] == "leave"
    assert days.loc[("E05", pd.Timestamp("2026-10-09")), "outcome"] == "rest"
    assert days["fine"].sum() == 876.0 - 30.0  # incident money is not a day's
    assert r.leave["valid"].tolist() == [True, False, True]
    assert r.swaps["approved"].tolist() == [False, True, True, True]
    assert r.swaps["over_limit"].tolist() == [False, False, False, True]


def test_a_centers_late_fine_of_2_yuan_changes_exactly_the_late_fines(tmp_path):
    """ATT-LATE at 2 yuan/minute: E02's 7 and 29 minutes become 14 and 58 (fines 72); the
    excused E04 and the absence of E03 are untouched; nothing else moves."""
    base = apply_rules(month(**october()), rulebook())
    own = apply_rules(month(**october()), rulebook("[rules.ATT-LATE]\nfine_per_minute = 2\n", tmp_path))
    late = base.findings["rule_id"].eq("ATT-LATE")
    assert own.findings.loc[late, "fine"].tolist() == [14.0, 58.0]
    assert own.findings.loc[late, "employee_id"].tolist() == ["E02", "E02"]
    pd.testing.assert_frame_equal(own.findings.loc[~late], base.findings.loc[~late])
    changed = own.employees["fines_total"].ne(base.employees["fines_total"])
    assert own.employees.loc[changed, "employee_id"].tolist() == ["E02"]
    assert own.employees.loc[changed, "fines_total"].tolist() == [72.0]
    cols = [c for c in EMPLOYEE_ATTENDANCE_COLUMNS if c != "fines_total"]
    pd.testing.assert_frame_equal(own.employees[cols], base.employees[cols])


def test_contract_shapes():
    r = apply_rules(month(**october()), rulebook())
    assert list(r.findings.columns) == FINDING_COLUMNS
    assert list(r.days.columns) == DAY_COLUMNS
    assert list(r.employees.columns) == EMPLOYEE_ATTENDANCE_COLUMNS
    assert str(r.findings["date"].dtype) == "datetime64[ns]"
    assert (r.findings["fine"] >= 0).all()
    assert r.findings["citation"].ne("").all() and r.findings["evidence"].ne("").all()
    assert r.findings["employee_id"].map(type).isin([str]).all()
    assert set(r.days["outcome"]) <= {"normal", "late", "early", "late_early", "excused",
                                      "missing_punch", "absence", "leave", "rest"}
    assert {"valid", "failed_rules"} <= set(r.leave.columns)
    assert {"approved", "count_in_month", "over_limit"} <= set(r.swaps.columns)
    assert {"_file", "_sheet", "_row"} <= set(r.leave.columns)


def test_empty_month():
    r = apply_rules(month(roster=roster(("E1", "A", "客服专员"))), rulebook())
    assert r.findings.empty and r.days.empty
    assert list(r.findings.columns) == FINDING_COLUMNS
    assert r.employees["fines_total"].tolist() == [0.0]
