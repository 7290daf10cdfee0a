"""Problems carry a code (what kind of mistake), capped per column by one helper, and every
"once per distinct value" goes through one helper.

The code lets programs (and these tests) tell kinds of problems apart without reading the
message, which is written for people in two languages and may be reworded.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from processor.distinct import lookup_uniques, map_uniques, via_uniques
from processor.errors import MAX_PER_COLUMN, Problem, capped
from processor.rulebook import load_rulebook
from processor.validate.month import load_month
from workbooks import minimal_month

RB = load_rulebook()
D = dt.date(2026, 10, 8)


def _problems(month_dir, **sheets) -> list[Problem]:
    return load_month(minimal_month(month_dir, **sheets), "2026-10", RB)[1]


def test_a_column_of_bad_dates_is_fifty_problems_and_one_more(month_dir):
    rows = [["坐席工号", "质检日期", "得分"], *[["001", f"10月{i}号?", 90] for i in range(120)]]
    problems = _problems(month_dir, 质检=rows)
    assert len(problems) == MAX_PER_COLUMN + 1 == 51
    assert [p.row for p in problems[:50]] == list(range(2, 52))
    assert {p.code for p in problems} == {"bad_value"}
    last = problems[-1]
    assert (last.row, last.column, last.letter, last.value) == (None, "质检日期", "B", "")
    assert last.message == "该列另有 70 行同类问题‖70 more rows like this in the column"


def test_sixty_duplicate_tickets_are_fifty_and_one_more(month_dir):
    rows = [["工单号", "坐席工号", "渠道", "类型", "创建时间", "满意度"]]
    rows += [[f"T{i % 3}", "001", "电话", "咨询", "2026-10-02 09:00:00", 5] for i in range(63)]
    problems = _problems(month_dir, 工单=rows)
    assert len(problems) == 51 and {p.code for p in problems} == {"duplicate_row"}
    assert problems[0].row == 5 and "首次出现在 month.xlsx:工单 第 2 行" in problems[0].message
    assert problems[-1].message == "另有 10 行重复‖10 more duplicates" and problems[-1].row is None


def test_each_kind_of_problem_has_its_code(month_dir):
    problems = _problems(
        month_dir,
        奖惩=[["工号", "日期", "事项", "金额"], ["001", D, "迟到早退", None], ["001", D, "晨会迟到", 60]],
        请假=[["工号", "假别", "开始时间", "结束时间", "申请时间", "审批人岗位"],
              ["001", "事假", "2026-10-10", "2026-10-09", "2026-10-01 09:00", "客服主管"]],
        换班=[["申请人工号", "对方工号", "换班日期", "申请时间", "批准人工号"],
              ["001", "001", "2026-10-12", "2026-10-10 10:00", "002"]],
        质检=[["坐席工号", "质检日期", "得分"], ["009", D, 90], ["001", "2026-09-30", 80], ["001", None, 70]],
    )
    got = sorted((p.sheet, p.row, p.code) for p in problems)
    assert got == sorted([("奖惩", 2, "unknown_incident"), ("奖惩", 3, "amount_out_of_range"),
                          ("换班", 2, "swap_with_self"), ("请假", 2, "leave_ends_before_start"),
                          ("质检", 2, "unknown_id"), ("质检", 3, "outside_month"), ("质检", 4, "blank_required")])


def test_a_month_without_attendance_says_missing_table(month_dir):
    from workbooks import ROSTER, ROSTER_HEADER, xlsx

    xlsx(month_dir / "名册.xlsx", {"名册": [ROSTER_HEADER, *ROSTER]})
    problems = load_month(month_dir, "2026-10", RB)[1]
    assert [(p.code, p.table) for p in problems] == [("missing_table", "attendance")]


def test_capped_keeps_the_first_and_counts_the_rest():
    made = capped(np.arange(53), lambda i: Problem("f", f"bad {i}", row=int(i), code="bad_value"),
                  lambda n: Problem("f", f"{n} more"), cap=50)
    assert [p.row for p in made[:3]] == [0, 1, 2] and len(made) == 51
    assert (made[-1].message, made[-1].code) == ("3 more", "bad_value")
    assert capped([], lambda i: Problem("f", "x"), lambda n: Problem("f", "more")) == []
    assert len(capped(list(range(50)), lambda i: Problem("f", "x"), lambda n: Problem("f", "more"))) == 50


def test_via_uniques_runs_once_per_distinct_value():
    seen: list[int] = []

    def upper(values: pd.Series) -> pd.Series:
        seen.append(len(values))
        return values.str.upper()

    s = pd.Series(["a", "b", None, "a", "c"] * 200, dtype=object)
    out = via_uniques(upper, s)
    assert seen == [4]  # a, b, c and the missing value once
    assert out.tolist()[:5] == ["A", "B", None, "A", "C"] and out.index.equals(s.index)
    few = pd.Series(["a", "b", "c"], dtype=object)  # nothing repeats: run on the column itself
    assert via_uniques(upper, few).tolist() == ["A", "B", "C"] and seen == [4, 3]


def test_lookup_and_map_uniques_call_the_function_per_distinct_value():
    calls: list[object] = []

    def code(v: object) -> str | None:
        calls.append(v)
        return {"late": "ATT-LATE"}.get(str(v))

    s = pd.Series(["late", "late", None, "odd", "late"], index=[5, 6, 7, 8, 9], dtype=object)
    out = lookup_uniques(s, code)
    assert sorted(calls) == ["late", "odd"]
    assert out.tolist() == ["ATT-LATE", "ATT-LATE", None, None, "ATT-LATE"] and list(out.index) == [5, 6, 7, 8, 9]
    first, second = map_uniques(s, lambda v: (v, None if v is None else len(v)), 2)
    assert first.tolist() == ["late", "late", None, "odd", "late"] and second.tolist() == [4, 4, None, 3, 4]
