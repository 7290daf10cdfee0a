"""Properties of random months: the vectorised attendance rules agree with a plain
row-by-row reading of rules.md, and the money always adds up."""
from __future__ import annotations

import math

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from processor.rules import apply_rules
from rules_builders import attendance, incidents, month, roster, rulebook

EMPS = ["E1", "E2", "E3"]

punch = st.one_of(st.none(), st.integers(min_value=-45 * 60, max_value=45 * 60))
row = st.tuples(st.sampled_from(["day", "day", "night", "rest"]), punch, punch, st.booleans())


def build(cells: list[tuple]) -> pd.DataFrame:
    rows = []
    for i, (shift, cin, cout, pre) in enumerate(cells):
        emp, d = EMPS[i % 3], pd.Timestamp("2026-10-01") + pd.Timedelta(days=i // 3)
        if shift == "rest":
            rows.append({"employee_id": emp, "date": d, "shift": "rest", "pre_approved": pre})
            continue
        start = d + pd.Timedelta(hours=22 if shift == "night" else 8, minutes=0 if shift == "night" else 30)
        end = start + pd.Timedelta(hours=8 if shift == "night" else 9)
        rows.append({"employee_id": emp, "date": d, "shift": shift, "shift_start": start, "shift_end": end,
                     "clock_in": None if cin is None else start + pd.Timedelta(seconds=cin),
                     "clock_out": None if cout is None else end + pd.Timedelta(seconds=cout),
                     "pre_approved": pre})
    return attendance(*rows)


def reference(r: pd.Series) -> tuple[str, int, int, float]:
    """rules.md read one day at a time: (outcome, late, early, fine) with the default rulebook."""
    if r["shift"] == "rest":
        return "rest", 0, 0, 0.0
    has_in, has_out = not pd.isna(r["clock_in"]), not pd.isna(r["clock_out"])
    late = math.floor(max(0.0, (r["clock_in"] - r["shift_start"]).total_seconds()) / 60) if has_in else 0
    early = math.floor(max(0.0, (r["shift_end"] - r["clock_out"]).total_seconds()) / 60) if has_out else 0
    if not has_in and not has_out:
        return "absence", 0, 0, 100.0
    excused = r["pre_approved"] and (late > 0 or early > 0)
    if not excused and (late >= 30 or early >= 30):
        return "absence", late, early, 100.0
    fine = 0.0 if excused else float(late + early)
    if has_in != has_out:
        return "missing_punch", late, early, fine
    if excused:
        return "excused", late, early, 0.0
    outcome = {(True, True): "late_early", (True, False): "late", (False, True): "early"}.get((late > 0, early > 0),
                                                                                            "normal")
    return outcome, late, early, fine


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(row, min_size=1, max_size=30), st.lists(st.sampled_from(["desk_5s", "commendation"]), max_size=3))
def test_random_month_matches_the_day_by_day_reading(cells, codes):
    att = build(cells)
    inc = incidents(*[{"employee_id": EMPS[i % 3], "date": "2026-10-02", "code": c} for i, c in enumerate(codes)])
    r = apply_rules(month(roster=roster(*[(e, "A", "客服专员") for e in EMPS]), attendance=att, incidents=inc),
                    rulebook())
    days = r.days.sort_values(["employee_id", "date"]).reset_index(drop=True)
    expected = att.sort_values(["employee_id", "date"]).reset_index(drop=True).apply(reference, axis=1)
    assert days["outcome"].tolist() == [e[0] for e in expected]
    assert days["late_minutes"].tolist() == [e[1] for e in expected]
    assert days["early_minutes"].tolist() == [e[2] for e in expected]
    assert days["fine"].tolist() == [e[3] for e in expected]

    f, emp = r.findings, r.employees.set_index("employee_id")
    per = f.groupby("employee_id")[["fine", "points"]].sum().reindex(emp.index, fill_value=0.0)
    assert per["fine"].tolist() == emp["fines_total"].tolist()
    assert per["points"].tolist() == emp["points"].tolist()
    absences = f.loc[f["rule_id"].eq("ATT-ABSENCE")]
    assert not absences.duplicated(["employee_id", "date"]).any()
    assert absences.groupby("employee_id").size().reindex(emp.index, fill_value=0).tolist() \
        == emp["absence_days"].tolist()
    late_or_early = f.loc[f["rule_id"].isin(["ATT-LATE", "ATT-EARLY"]), ["employee_id", "date"]]
    assert late_or_early.merge(absences[["employee_id", "date"]]).empty  # never both
    assert (emp["deemed_resignation_date"].notna() == (emp["absence_days"] >= 4)).all()
    assert (f["fine"] >= 0).all()
